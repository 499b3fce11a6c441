"""moto's URL table for Storage Gateway: every request goes to the protocol layer."""
from __future__ import annotations

from typing import Any, Mapping

from .models import storagegateway_backends
from .protocol import registry

url_bases = [r"https?://storagegateway(?:-fips)?\.(.+)\.amazonaws\.com"]


def handle_request(request: Any, full_url: str, headers: Mapping[str, str]) -> Any:
    return registry.handle_request(request, full_url, headers, storagegateway_backends)


url_paths = {"{0}/$": handle_request}
