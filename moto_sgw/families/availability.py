"""The high-availability monitoring test of a gateway on VMware vSphere HA.

AWS: the test "verifies that the specified gateway is configured for High Availability
monitoring in your host environment"; the console's action "appears only for gateways
running on the VMware host platform". A started test is ``PENDING`` and then
``COMPLETE``, through the lifecycle model ``storagegateway::availability-monitor-test``
(immediate by default); DescribeAvailabilityMonitorTest reports it, and "If a test isn't
performed, the status and start time in the response would be null".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .. import lifecycle
from ..lifecycle import Lifecycle
from ..messages import invalid
from ..protocol.registry import operation

if TYPE_CHECKING:
    from .._generated.shapes import (
        DescribeAvailabilityMonitorTestInput,
        DescribeAvailabilityMonitorTestOutput,
        StartAvailabilityMonitorTestInput,
        StartAvailabilityMonitorTestOutput,
    )
    from ..protocol.context import RequestContext
    from .gateways import Gateway

PENDING, COMPLETE = "PENDING", "COMPLETE"
HA_HOSTS = frozenset({"VMWARE"})


@dataclass
class AvailabilityTest:
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    progress: Lifecycle = field(
        default_factory=lambda: Lifecycle(lifecycle.AVAILABILITY_TEST, PENDING, COMPLETE)
    )


def _on_ha_host(gateway: "Gateway") -> "Gateway":
    # A feature of VMware vSphere HA: "not valid for the specified gateway" elsewhere.
    if gateway.host_environment not in HA_HOSTS:
        raise invalid("UnsupportedOperationForGatewayType")
    return gateway


@operation("StartAvailabilityMonitorTest")
def start_availability_monitor_test(
    ctx: "RequestContext", req: "StartAvailabilityMonitorTestInput"
) -> "StartAvailabilityMonitorTestOutput":
    gateway = _on_ha_host(ctx.gateway)
    # A new test replaces the last one (AWS does not say that a running test refuses one).
    gateway.availability_test = AvailabilityTest()
    return {"GatewayARN": gateway.arn}


@operation("DescribeAvailabilityMonitorTest")
def describe_availability_monitor_test(
    ctx: "RequestContext", req: "DescribeAvailabilityMonitorTestInput"
) -> "DescribeAvailabilityMonitorTestOutput":
    gateway = _on_ha_host(ctx.gateway)
    test = gateway.availability_test
    if test is None:
        return {"GatewayARN": gateway.arn}
    test.progress.advance()
    return {"GatewayARN": gateway.arn, "Status": test.progress.state, "StartTime": test.started}  # type: ignore[typeddict-item]
