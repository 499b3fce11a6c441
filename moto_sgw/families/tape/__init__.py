"""The tape gateway's own resources: virtual tapes on the VTL and in the archive, tape
pools, automatic tape creation policies, VTL devices, recovery points."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import archive, devices, pools, recovery, tapes  # noqa: F401  (registers the handlers)

if TYPE_CHECKING:
    from ...models import StorageGatewayBackend
    from ..gateways import Gateway


class TapeState:
    """Everything of the tape gateways in one account and region."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        self.tapes = tapes.Tapes(backend)
        self.pools = pools.Pools(backend)
        self.recovery = recovery.RecoveryPoints()

    def drop_gateway(self, gateway: "Gateway") -> None:
        """A gateway was deleted: its tapes (archived ones stay), recovery points and policy go."""
        self.tapes.drop_gateway(gateway)
        self.recovery.drop_gateway(gateway.arn)
        self.pools.policies.pop(gateway.arn)
