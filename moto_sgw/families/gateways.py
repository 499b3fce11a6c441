"""Gateways: activation, information, shutdown and start, deletion, listing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Optional

from .. import arns, ids, rules
from ..gateway_types import DEFAULT_GATEWAY_TYPE, FILE_TYPES, GATEWAY_TYPES
from ..messages import invalid
from ..pagination import paginate
from ..protocol.registry import operation
from ..store import SortedStore
from .disks import Disk, local_disks

if TYPE_CHECKING:
    from .._generated.shapes import (
        ActivateGatewayInput,
        ActivateGatewayOutput,
        DeleteGatewayInput,
        DeleteGatewayOutput,
        DescribeGatewayInformationInput,
        DescribeGatewayInformationOutput,
        GatewayCapacity,
        GatewayInfo,
        HostEnvironment,
        ListGatewaysInput,
        ListGatewaysOutput,
        ShutdownGatewayInput,
        ShutdownGatewayOutput,
        StartGatewayInput,
        StartGatewayOutput,
        Tag,
        UpdateGatewayInformationInput,
        UpdateGatewayInformationOutput,
    )
    from ..models import StorageGatewayBackend
    from ..protocol.context import RequestContext


RUNNING, SHUTDOWN = "RUNNING", "SHUTDOWN"

# Valid values that the API reference lists for tape gateways.
TAPE_DRIVE_TYPE, MEDIUM_CHANGER_TYPE = "IBM-ULT3580-TD5", "AWS-Gateway-VTL"
TAPE_DRIVE_TYPES = frozenset({TAPE_DRIVE_TYPE})
MEDIUM_CHANGER_TYPES = frozenset({"STK-L700", MEDIUM_CHANGER_TYPE, "IBM-03584L32-0402"})

# Activation keys as the gateway VM hands them out: five groups of five.
_ACTIVATION_KEY = re.compile(r"^[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}$")
# GMT, or GMT with an offset of hours (up to 14) and minutes 00, 30 or 45.
_TIMEZONE = re.compile(r"^GMT(?:[+-](?:1[0-4]|0?[0-9]):(?:00|30|45))?$")


@dataclass
class Gateway:
    arn: str
    gateway_id: str
    name: str
    timezone: str
    gateway_type: str
    ipv4_address: str
    disks: Dict[str, Disk]
    state: str = RUNNING
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    cloudwatch_log_group_arn: Optional[str] = None
    capacity: "Optional[GatewayCapacity]" = None
    host_environment: "HostEnvironment" = "VMWARE"
    endpoint_type: str = "STANDARD"
    # target name -> volume ARN; the volume count of the gateway is its length
    targets: Dict[str, str] = field(default_factory=dict)

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    def disks_of(self, allocation: str) -> List[Disk]:
        return [disk for disk in self.disks.values() if disk.allocation == allocation]

    def as_shape(self, tags: "List[Tag]") -> "DescribeGatewayInformationOutput":
        return {
            "GatewayARN": self.arn,
            "GatewayId": self.gateway_id,
            "GatewayName": self.name,
            "GatewayTimezone": self.timezone,
            "GatewayState": self.state,
            "GatewayNetworkInterfaces": [{"Ipv4Address": self.ipv4_address}],
            "GatewayType": self.gateway_type,
            "Tags": tags,
            "CloudWatchLogGroupARN": self.cloudwatch_log_group_arn,
            "HostEnvironment": self.host_environment,
            "EndpointType": self.endpoint_type,
            "GatewayCapacity": self.capacity,
        }

    def as_info(self) -> "GatewayInfo":
        return {
            "GatewayId": self.gateway_id,
            "GatewayARN": self.arn,
            "GatewayType": self.gateway_type,
            "GatewayOperationalState": "ACTIVE",
            "GatewayName": self.name,
            "HostEnvironment": self.host_environment,
        }


class Gateways:
    """The gateways of one account and region, ordered by ARN."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        self._backend = backend
        self.store: SortedStore[Gateway] = SortedStore()

    def lookup(self, arn: str) -> Gateway:
        """The gateway ``arn`` names, whatever its type and state; ``GatewayNotFound`` if none."""
        gateway = self.store.get(arn)
        if gateway is None:
            raise invalid("GatewayNotFound")
        return gateway

    def require(
        self,
        arn: str,
        *,
        types: Optional[FrozenSet[str]] = None,
        running: bool = True,
    ) -> Gateway:
        """A gateway a request names besides the one its rule resolves, checked alike."""
        gateway = self.lookup(arn)
        if types is not None and gateway.gateway_type not in types:
            raise invalid("UnsupportedOperationForGatewayType")
        if running and not gateway.running:
            raise invalid("GatewayNotConnected")
        return gateway

    def create(self, name: str, tz: str, gateway_type: str) -> Gateway:
        backend = self._backend
        while True:
            gateway_id = ids.gateway_id()
            arn = arns.gateway(backend.region_name, backend.account_id, gateway_id)
            if arn not in self.store:
                break
        gateway = Gateway(
            arn=arn,
            gateway_id=gateway_id,
            name=name,
            timezone=tz,
            gateway_type=gateway_type,
            ipv4_address=ids.ipv4_address(),
            disks={disk.disk_id: disk for disk in local_disks()},
        )
        self.store.put(arn, gateway)
        return gateway

    def remove(self, arn: str) -> None:
        self.store.pop(arn)


def _gateway_of(backend: "StorageGatewayBackend", arn: str) -> Gateway:
    return backend.gateways.lookup(arn)


rules.resolver(rules.GATEWAY, rules.Resolver(_gateway_of))


def _check_timezone(value: Optional[str]) -> None:
    if value is not None and not _TIMEZONE.match(value):
        raise invalid("InvalidParameters")


@operation("ActivateGateway")
def activate_gateway(ctx: "RequestContext", req: "ActivateGatewayInput") -> "ActivateGatewayOutput":
    sgw = ctx.backend
    if req["GatewayRegion"] != ctx.region:
        raise invalid("RegionInvalid")
    if not _ACTIVATION_KEY.match(req["ActivationKey"]):
        raise invalid("ActivationKeyInvalid")
    gateway_type = req.get("GatewayType") or DEFAULT_GATEWAY_TYPE
    if gateway_type not in GATEWAY_TYPES:
        raise invalid("InvalidParameters")
    if (req.get("TapeDriveType") or TAPE_DRIVE_TYPE) not in TAPE_DRIVE_TYPES:
        raise invalid("InvalidParameters")
    if (req.get("MediumChangerType") or MEDIUM_CHANGER_TYPE) not in MEDIUM_CHANGER_TYPES:
        raise invalid("InvalidParameters")
    _check_timezone(req["GatewayTimezone"])
    tags = req.get("Tags") or []
    sgw.tags.check(None, tags)
    gateway = sgw.gateways.create(req["GatewayName"], req["GatewayTimezone"], gateway_type)
    sgw.tags.add(gateway.arn, tags)
    return {"GatewayARN": gateway.arn}


@operation("DescribeGatewayInformation")
def describe_gateway_information(
    ctx: "RequestContext", req: "DescribeGatewayInformationInput"
) -> "DescribeGatewayInformationOutput":
    gateway = ctx.gateway
    return gateway.as_shape(ctx.backend.tags.sorted(gateway.arn))


@operation("ListGateways")
def list_gateways(ctx: "RequestContext", req: "ListGatewaysInput") -> "ListGatewaysOutput":
    return paginate("ListGateways", req, ctx.backend.gateways.store, Gateway.as_info)  # type: ignore[return-value]


@operation("UpdateGatewayInformation")
def update_gateway_information(
    ctx: "RequestContext", req: "UpdateGatewayInformationInput"
) -> "UpdateGatewayInformationOutput":
    gateway = ctx.gateway
    _check_timezone(req.get("GatewayTimezone"))
    if "GatewayCapacity" in req and gateway.gateway_type not in FILE_TYPES:
        # The metadata-cache size is a setting of file gateways only.
        raise invalid("InvalidParameters")
    gateway.name = req.get("GatewayName") or gateway.name
    gateway.timezone = req.get("GatewayTimezone") or gateway.timezone
    gateway.cloudwatch_log_group_arn = req.get(
        "CloudWatchLogGroupARN", gateway.cloudwatch_log_group_arn
    )
    gateway.capacity = req.get("GatewayCapacity", gateway.capacity)
    return {"GatewayARN": gateway.arn, "GatewayName": gateway.name}


@operation("ShutdownGateway")
def shutdown_gateway(ctx: "RequestContext", req: "ShutdownGatewayInput") -> "ShutdownGatewayOutput":
    gateway = ctx.gateway
    gateway.state = SHUTDOWN
    return {"GatewayARN": gateway.arn}


@operation("StartGateway")
def start_gateway(ctx: "RequestContext", req: "StartGatewayInput") -> "StartGatewayOutput":
    gateway = ctx.gateway
    gateway.state = RUNNING
    return {"GatewayARN": gateway.arn}


@operation("DeleteGateway")
def delete_gateway(ctx: "RequestContext", req: "DeleteGatewayInput") -> "DeleteGatewayOutput":
    # A gateway can be deleted whatever its state; its completed snapshots stay in EC2.
    sgw, gateway = ctx.backend, ctx.gateway
    for volume_arn in list(gateway.targets.values()):
        sgw.volumes.remove(volume_arn)
    sgw.gateways.remove(gateway.arn)
    sgw.tags.drop(gateway.arn)
    return {"GatewayARN": gateway.arn}
