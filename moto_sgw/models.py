"""The Storage Gateway backend: all state of one account in one region.

moto derives the ``urls`` module from this module's name, so the backend stays
here with ``urls.py`` beside it. moto's reset re-runs ``__init__``, which is why
every piece of state is created there.
"""
from __future__ import annotations

import threading

from moto.core.base_backend import BackendDict, BaseBackend

from . import ids
from .families.gateways import Gateways
from .families.tags import TagStore
from .families.volumes import Volumes
from .idempotency import Idempotency


class StorageGatewayBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.lock = threading.RLock()
        self.id_format = ids.current_format()
        self.gateways = Gateways(self)
        self.volumes = Volumes(self)
        self.tags = TagStore()
        self.idempotency = Idempotency()


storagegateway_backends = BackendDict(StorageGatewayBackend, "storagegateway")
