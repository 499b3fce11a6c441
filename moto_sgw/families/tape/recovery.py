"""Disabling a failed tape gateway, and recovering its tapes onto another.

AWS: DisableGateway "Disables a tape gateway when the gateway is no longer functioning ...
so you can recover virtual tapes"; "After a gateway is disabled, it cannot be enabled"; it
"exposes any available recovery points". A recovery point is "a point-in-time view of a
virtual tape"; RetrieveTapeRecoveryPoint moves the tape to one tape gateway, read-only
(``RECOVERED``), keeping its tags. The mock gives every tape on the gateway when it is
disabled one recovery point (that moment, the tape's size, ``AVAILABLE``); a disabled
gateway answers ``GatewayNotConnected`` to everything but what a shut-down gateway still
answers and DescribeTapeRecoveryPoints, and ListGateways reports it ``DISABLED``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Dict

from ...messages import invalid
from ...pagination import paginate
from ...protocol.registry import operation
from ...store import SortedStore
from .tapes import ON_NEW_GATEWAY, ON_VTL, Tape

if TYPE_CHECKING:
    from ..._generated.shapes import (
        DescribeTapeRecoveryPointsInput,
        DescribeTapeRecoveryPointsOutput,
        DisableGatewayInput,
        DisableGatewayOutput,
        RetrieveTapeRecoveryPointInput,
        RetrieveTapeRecoveryPointOutput,
        TapeRecoveryPointInfo,
    )
    from ...protocol.context import RequestContext


@dataclass(eq=False)
class RecoveryPoint:
    tape: Tape
    size: int
    taken: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def as_info(self) -> "TapeRecoveryPointInfo":
        return {
            "TapeARN": self.tape.arn,
            "TapeRecoveryPointTime": self.taken,
            "TapeSizeInBytes": self.size,
            "TapeStatus": "AVAILABLE",
        }


class RecoveryPoints:
    """The recovery points of the disabled gateways of one account and region, by gateway."""

    def __init__(self) -> None:
        self.by_gateway: Dict[str, SortedStore[RecoveryPoint]] = {}

    def of(self, gateway_arn: str) -> SortedStore[RecoveryPoint]:
        return self.by_gateway.get(gateway_arn) or SortedStore()

    def find(self, tape_arn: str) -> "RecoveryPoint":
        for held in self.by_gateway.values():
            point = held.get(tape_arn)
            if point is not None:
                return point
        raise invalid("InvalidParameters")  # no recovery point of that tape

    def drop_gateway(self, gateway_arn: str) -> None:
        self.by_gateway.pop(gateway_arn, None)


@operation("DisableGateway")
def disable_gateway(ctx: "RequestContext", req: "DisableGatewayInput") -> "DisableGatewayOutput":
    gateway = ctx.gateway
    if not gateway.disabled:
        gateway.disabled = True
        points = ctx.backend.tape.recovery.by_gateway.setdefault(gateway.arn, SortedStore())
        for tape in ctx.backend.tape.tapes.of_gateway(gateway.arn).values():
            if tape.place in (ON_VTL, ON_NEW_GATEWAY):
                points.put(tape.arn, RecoveryPoint(tape, tape.size))
    return {"GatewayARN": gateway.arn}


@operation("DescribeTapeRecoveryPoints")
def describe_tape_recovery_points(
    ctx: "RequestContext", req: "DescribeTapeRecoveryPointsInput"
) -> "DescribeTapeRecoveryPointsOutput":
    gateway = ctx.gateway
    page = paginate(
        "DescribeTapeRecoveryPoints", req, ctx.backend.tape.recovery.of(gateway.arn), RecoveryPoint.as_info,
        scope=gateway.arn,
    )
    return {"GatewayARN": gateway.arn, **page}  # type: ignore[typeddict-item]


@operation("RetrieveTapeRecoveryPoint")
def retrieve_tape_recovery_point(
    ctx: "RequestContext", req: "RetrieveTapeRecoveryPointInput"
) -> "RetrieveTapeRecoveryPointOutput":
    tape = ctx.backend.tape.tapes.lookup(req["TapeARN"])
    recovery = ctx.backend.tape.recovery
    point = recovery.find(tape.arn)
    if tape.gateway is None or tape.gateway.arn == ctx.gateway.arn:
        raise invalid("InvalidParameters")  # recovered elsewhere already, or onto its own gateway
    recovery.of(tape.gateway.arn).pop(tape.arn)  # "can be retrieved to only one gateway"
    ctx.backend.tape.tapes.recover(point.tape, ctx.gateway)
    return {"TapeARN": tape.arn}
