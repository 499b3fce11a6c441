"""moto-sgw's place in moto: the only module that touches moto's routing.

Two things, done once: the Storage Gateway host pattern is inserted (in place) into
``moto.backend_index.backend_url_patterns``, which moto's in-process stubber and
its server both consult; and ``moto.storagegateway`` is aliased to
``moto_sgw.models``, so that ``moto.backends.get_backend("storagegateway")`` finds
``storagegateway_backends`` as it finds moto's own services.
"""
from __future__ import annotations

import re
import sys
import threading

SERVICE = "storagegateway"
MODULE_ALIAS = "moto." + SERVICE
URL_PATTERN = re.compile(r"https?://storagegateway(?:-fips)?\.(.+)\.amazonaws\.com")

_lock = threading.Lock()


def is_registered() -> bool:
    from moto import backend_index

    return any(name == SERVICE for name, _ in backend_index.backend_url_patterns)


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
