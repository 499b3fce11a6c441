"""Lifecycles: what takes time on AWS, moving through AWS's states under moto's state manager.

One mechanism for every resource. A record holds a :class:`Lifecycle` made for its model
(``storagegateway::volume``, ...) and its way through states (``CREATING`` then
``AVAILABLE``); the calls that report the resource's status advance it with
:meth:`Lifecycle.advance`, as moto's own Describe and List calls advance theirs; its
current state is :attr:`Lifecycle.state`. How fast it moves is the model's transition in
moto's state manager, configured exactly as for moto's own services::

    from moto.moto_api import state_manager
    state_manager.set_transition("storagegateway::volume", {"progression": "manual", "times": 3})
    state_manager.set_transition("storagegateway::volume", {"progression": "time", "seconds": 5})
    state_manager.unset_transition("storagegateway::volume")

and in the server through ``POST /moto-api/state-manager/set-transition``. Every model's
default is ``immediate``: a resource is in its final state when the call that made it
returns. Progression is moto's own (its ``ManagedState``): with ``manual`` and ``times``
N, the N-th reporting call after the resource entered a state reports the next one; with
``time``, a state lasts that many seconds. A resource made under an ``immediate``
transition is final at once and stays so, whatever its model is set to later.

The only module that touches moto's state manager.
"""
from __future__ import annotations

from typing import Dict, Tuple

from moto.moto_api import state_manager
from moto.moto_api._internal.managed_state_model import ManagedState

IMMEDIATE = {"progression": "immediate"}

# Model name -> what it is, for README and for whoever lists them.
MODELS: Dict[str, str] = {}


def model(name: str, what: str) -> str:
    """Register ``name`` with moto's state manager (default: immediate); ``name``."""
    if name not in MODELS:
        MODELS[name] = what
        state_manager.register_default_transition(name, dict(IMMEDIATE))
    return name


GATEWAY = model(
    "storagegateway::gateway",
    "a gateway that was activated, started or updated: not connected, then connected",
)
VOLUME = model(
    "storagegateway::volume",
    "a new volume: CREATING (RESTORING from a snapshot, BOOTSTRAPPING preserving data), then AVAILABLE",
)
VOLUME_ATTACHMENT = model(
    "storagegateway::volume-attachment",
    "a volume detached (DETACHING, then DETACHED) or attached (ATTACHING, then ATTACHED)",
)
AVAILABILITY_TEST = model(
    "storagegateway::availability-monitor-test",
    "a high-availability test: PENDING, then COMPLETE",
)

FILE_SHARE = model(
    "storagegateway::file-share",
    "a file share: CREATING (UPDATING after an update, DELETING or FORCE_DELETING when deleted), "
    "then AVAILABLE (or gone)",
)
DOMAIN_JOIN = model(
    "storagegateway::domain-join",
    "a gateway joining an Active Directory domain: JOINING, then JOINED",
)
CACHE_REPORT = model(
    "storagegateway::cache-report",
    "a cache report: IN_PROGRESS, then COMPLETED (its CSV written to S3)",
)
FILE_SYSTEM_ASSOCIATION = model(
    "storagegateway::file-system-association",
    "an FSx file system association: CREATING (UPDATING after an update, DELETING or "
    "FORCE_DELETING when disassociated), then AVAILABLE (or gone)",
)

TAPE = model("storagegateway::tape", "a new virtual tape: CREATING, then AVAILABLE")
TAPE_ARCHIVAL = model(
    "storagegateway::tape-archival",
    "a tape ejected by the backup application: IN TRANSIT TO VTS, ARCHIVING, then ARCHIVED",
)
TAPE_RETRIEVAL = model(
    "storagegateway::tape-retrieval",
    "an archived tape retrieved to a gateway: RETRIEVING, then RETRIEVED",
)


class Lifecycle:
    """One resource's way through ``states`` (first to final) under the model's transition."""

    __slots__ = ("model", "states", "_managed", "_done")

    def __init__(self, model_name: str, *states: str) -> None:
        if not states:
            raise ValueError("a lifecycle needs at least one state")
        self.model = model_name
        self.states: Tuple[str, ...] = states
        steps = list(zip(states, states[1:])) or [(states[0], states[0])]
        self._managed = ManagedState(model_name, steps)  # type: ignore[arg-type]
        # Read once now: under an immediate transition the resource is final from here on,
        # whatever its model is set to later ("final when the call that made it returns").
        self._done = False
        self.state

    @property
    def state(self) -> str:
        """The current state (moving it on, if the model's transition says its time has come).

        The final state is final: once reached, it is answered without asking moto again.
        """
        if self._done:
            return self.states[-1]
        state = self._managed.status
        assert state is not None
        self._done = state == self.states[-1]
        return state

    @property
    def final(self) -> str:
        return self.states[-1]

    @property
    def settled(self) -> bool:
        return self.state == self.final

    def advance(self) -> None:
        """A call reported this resource's status: one tick of a ``manual`` progression."""
        if not self._done:
            self._managed.advance()
