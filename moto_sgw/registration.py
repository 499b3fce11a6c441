"""moto-sgw's place in moto: the only module that touches moto's routing.

Three things, done once:

- the Storage Gateway host pattern is inserted (in place) into
  ``moto.backend_index.backend_url_patterns``, which moto's in-process stubber and its
  server both consult;
- ``moto.storagegateway`` is aliased to ``moto_sgw.models``, so that
  ``moto.backends.get_backend("storagegateway")`` finds ``storagegateway_backends`` as it
  finds moto's own services;
- moto's stubber among botocore's built-in ``before-send`` handlers is wrapped
  (:class:`StorageGatewayFirst`): while a mock is active, in-process Storage Gateway calls
  are answered by :func:`answer_directly` from botocore's prepared request, so they skip
  what moto does for every service first (since moto 5.2.2, building a werkzeug request of
  each call); every other call goes to moto's stubber as before. botocore calls every
  ``before-send`` handler, so answering *ahead* of moto's stubber would have it serve the
  call a second time: the wrapper answers *instead of* it. Whatever it cannot answer
  exactly as moto would, it leaves to moto's stubber: calls while moto's recorder records,
  passthrough URLs and services, a ``service_whitelist`` without Storage Gateway, and
  endpoints that are not AWS's. Sessions made before the import keep moto's own stubber.
"""
from __future__ import annotations

import re
import sys
import threading
from typing import Any, Optional

SERVICE = "storagegateway"
MODULE_ALIAS = "moto." + SERVICE
URL_PATTERN = re.compile(r"https?://storagegateway(?:-fips)?\.(.+)\.amazonaws\.com")

_lock = threading.Lock()


def is_registered() -> bool:
    from moto import backend_index

    return any(name == SERVICE for name, _ in backend_index.backend_url_patterns)


class _Body:
    """A finished response body, as botocore reads one (``stream`` and ``read``)."""

    def __init__(self, body: str) -> None:
        self._data = body.encode("utf-8")

    def stream(self, **_: Any) -> Any:
        if self._data:
            yield self._data

    def read(self, *_: Any) -> bytes:
        data, self._data = self._data, b""
        return data


def _moto_defers(clean_url: str) -> bool:
    """Whether moto must see this call itself (its recorder, passthrough, whitelist)."""
    from moto.core import config
    from moto.moto_api import recorder

    if getattr(recorder, "_user_enabled", False):
        return True  # the recorder keeps moto's normalized request of each call
    if config.passthrough_url(clean_url) or config.passthrough_service(SERVICE):
        return True
    whitelisted = getattr(config, "service_whitelisted", None)  # moto 5.1 and newer
    return whitelisted is not None and not whitelisted(SERVICE)


def answer_directly(request: Any, **_: Any) -> Optional[Any]:
    """botocore ``before-send``: a mocked Storage Gateway call's response, or ``None``."""
    from moto.core.models import botocore_stubber

    if not botocore_stubber.enabled:
        return None
    url = request.url
    if not URL_PATTERN.match(url):
        return None
    if _moto_defers(url.split("?", 1)[0]):
        return None
    from botocore.awsrequest import AWSResponse

    from .urls import handle_request

    status, headers, body = handle_request(request, url, request.headers)
    return AWSResponse(url, status, headers, _Body(body))


class StorageGatewayFirst:
    """moto's stubber, answering in-process Storage Gateway calls directly."""

    def __init__(self, stubber: Any) -> None:
        self.stubber = stubber

    def __call__(self, event_name: str, request: Any, **kwargs: Any) -> Any:
        answer = answer_directly(request)
        if answer is not None:
            return answer
        return self.stubber(event_name, request, **kwargs)

    def __getattr__(self, name: str) -> Any:  # enabled, process_request, ...: moto's
        return getattr(self.stubber, name)

    # moto's patch_client looks for its stubber among a client's handlers before adding it
    # (again): this is it, so that no call is served twice.
    def __eq__(self, other: object) -> bool:
        return other is self or other is self.stubber

    def __hash__(self) -> int:
        return hash(self.stubber)


def _wrap_motos_stubber() -> None:
    from botocore.handlers import BUILTIN_HANDLERS
    from moto.core.models import botocore_stubber

    for index, entry in enumerate(BUILTIN_HANDLERS):  # (event, handler[, ...]) entries
        if entry[1] is botocore_stubber:
            BUILTIN_HANDLERS[index] = (entry[0], StorageGatewayFirst(botocore_stubber), *entry[2:])
            return


def register() -> None:
    """Make moto serve Storage Gateway (idempotent, thread-safe)."""
    from moto import backend_index

    from . import models

    with _lock:
        sys.modules.setdefault(MODULE_ALIAS, models)
        if not is_registered():
            # First in the list: moto tries the patterns in order for every request, and
            # ours matches only Storage Gateway hosts, so it costs the others one test.
            backend_index.backend_url_patterns.insert(0, (SERVICE, URL_PATTERN))
        _wrap_motos_stubber()
