"""The Storage Gateway backend: all state of one account in one region.

moto derives the ``urls`` module from this module's name, so the backend stays
here with ``urls.py`` beside it. moto's reset calls :meth:`StorageGatewayBackend.reset`,
which rebuilds every piece of state under the backend's lock, so a request in flight
finishes on the old state or starts on the new one, never on half of each.
"""
from __future__ import annotations

import threading

from moto.core.base_backend import BackendDict, BaseBackend

from . import families  # noqa: F401  (registers every handler and resolver)
from .families.chap import ChapStore
from .families.file import FileState
from .families.tape import TapeState
from .families.gateways import Gateways
from .families.tags import TagStore
from .families.volume.volumes import Volumes
from .idempotency import Idempotency


class StorageGatewayBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        # Held by every request for its whole handler; kept across resets.
        self.lock = threading.RLock()
        self._init_state()

    def _init_state(self) -> None:
        self.gateways = Gateways(self)
        self.volumes = Volumes(self)
        self.tags = TagStore()
        self.chap = ChapStore()
        self.file = FileState(self)
        self.tape = TapeState(self)
        self.idempotency = Idempotency()

    def reset(self) -> None:
        """moto's reset: all state anew, under the lock (moto's own empties ``__dict__``).

        Injected faults end with it too.
        """
        from .faults import clear_faults

        with self.lock:
            self._init_state()
        clear_faults()


storagegateway_backends = BackendDict(StorageGatewayBackend, "storagegateway")
