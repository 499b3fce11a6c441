"""Gateways: activation, information, shutdown and start, deletion, listing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, List, Optional

from .. import arns, ids
from ..faults import fault
from ..pagination import paginate
from ..protocol.registry import operation
from ..store import SortedStore
from .disks import Disk, local_disks
from .gateway_types import (
    DEFAULT_GATEWAY_TYPE,
    FILE_TYPES,
    GATEWAY_TYPES,
)

if TYPE_CHECKING:
    from .._generated.shapes import (
        ActivateGatewayInput,
        ActivateGatewayOutput,
        DeleteGatewayInput,
        DeleteGatewayOutput,
        DescribeGatewayInformationInput,
        DescribeGatewayInformationOutput,
        ListGatewaysInput,
        ListGatewaysOutput,
        ShutdownGatewayInput,
        ShutdownGatewayOutput,
        StartGatewayInput,
        StartGatewayOutput,
        UpdateGatewayInformationInput,
        UpdateGatewayInformationOutput,
    )
    from ..models import StorageGatewayBackend


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
    capacity: Optional[str] = None
    host_environment: str = "VMWARE"
    endpoint_type: str = "STANDARD"
    # target name -> volume ARN; the volume count of the gateway is its length
    targets: Dict[str, str] = field(default_factory=dict)

    def disks_of(self, allocation: str) -> List[Disk]:
        return [disk for disk in self.disks.values() if disk.allocation == allocation]

    def as_shape(self, tags: List[Dict[str, str]]) -> "DescribeGatewayInformationOutput":
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

    def as_info(self) -> Dict[str, Any]:
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

    def require(
        self,
        arn: str,
        *,
        types: Optional[FrozenSet[str]] = None,
        connected: bool = True,
    ) -> Gateway:
        """The gateway ``arn`` names, checked for its type and, unless told, that it runs."""
        gateway = self.store.get(arn)
        if gateway is None:
            raise fault("GatewayNotFound")
        if types is not None and gateway.gateway_type not in types:
            raise fault("UnsupportedOperationForGatewayType")
        if connected and gateway.state != RUNNING:
            raise fault("GatewayNotConnected")
        return gateway

    def create(self, name: str, tz: str, gateway_type: str) -> Gateway:
        backend = self._backend
        gateway_id = ids.gateway_id()
        arn = arns.gateway(backend.region_name, backend.account_id, gateway_id)
        while arn in self.store:
            gateway_id = ids.gateway_id()
            arn = arns.gateway(backend.region_name, backend.account_id, gateway_id)
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


def _check_timezone(value: Optional[str]) -> None:
    if value is not None and not _TIMEZONE.match(value):
        raise fault("InvalidParameters")


@operation("ActivateGateway")
def activate_gateway(sgw: "StorageGatewayBackend", req: "ActivateGatewayInput") -> "ActivateGatewayOutput":
    if req["GatewayRegion"] != sgw.region_name:
        raise fault("RegionInvalid")
    if not _ACTIVATION_KEY.match(req["ActivationKey"]):
        raise fault("ActivationKeyInvalid")
    gateway_type = req.get("GatewayType", DEFAULT_GATEWAY_TYPE)
    if gateway_type not in GATEWAY_TYPES:
        raise fault("InvalidParameters")
    if req.get("TapeDriveType", TAPE_DRIVE_TYPE) not in TAPE_DRIVE_TYPES:
        raise fault("InvalidParameters")
    if req.get("MediumChangerType", MEDIUM_CHANGER_TYPE) not in MEDIUM_CHANGER_TYPES:
        raise fault("InvalidParameters")
    _check_timezone(req["GatewayTimezone"])
    tags = req.get("Tags", [])
    sgw.tags.check(None, tags)
    gateway = sgw.gateways.create(req["GatewayName"], req["GatewayTimezone"], gateway_type)
    sgw.tags.add(gateway.arn, tags)
    return {"GatewayARN": gateway.arn}


@operation("DescribeGatewayInformation")
def describe_gateway_information(
    sgw: "StorageGatewayBackend", req: "DescribeGatewayInformationInput"
) -> "DescribeGatewayInformationOutput":
    gateway = sgw.gateways.require(req["GatewayARN"], connected=False)
    return gateway.as_shape(sgw.tags.sorted(gateway.arn))


@operation("ListGateways")
def list_gateways(sgw: "StorageGatewayBackend", req: "ListGatewaysInput") -> "ListGatewaysOutput":
    return paginate("ListGateways", req, sgw.gateways.store, Gateway.as_info)  # type: ignore[return-value]


@operation("UpdateGatewayInformation")
def update_gateway_information(
    sgw: "StorageGatewayBackend", req: "UpdateGatewayInformationInput"
) -> "UpdateGatewayInformationOutput":
    gateway = sgw.gateways.require(req["GatewayARN"])
    _check_timezone(req.get("GatewayTimezone"))
    if "GatewayCapacity" in req and gateway.gateway_type not in FILE_TYPES:
        # The metadata-cache size is a setting of file gateways only.
        raise fault("InvalidParameters")
    gateway.name = req.get("GatewayName", gateway.name)
    gateway.timezone = req.get("GatewayTimezone", gateway.timezone)
    gateway.cloudwatch_log_group_arn = req.get(
        "CloudWatchLogGroupARN", gateway.cloudwatch_log_group_arn
    )
    gateway.capacity = req.get("GatewayCapacity", gateway.capacity)
    return {"GatewayARN": gateway.arn, "GatewayName": gateway.name}


@operation("ShutdownGateway")
def shutdown_gateway(sgw: "StorageGatewayBackend", req: "ShutdownGatewayInput") -> "ShutdownGatewayOutput":
    # AWS: "This API action cannot be used to shut down S3 File Gateway or FSx File Gateway."
    gateway = sgw.gateways.require(req["GatewayARN"], types=GATEWAY_TYPES - FILE_TYPES)
    gateway.state = SHUTDOWN
    return {"GatewayARN": gateway.arn}


@operation("StartGateway")
def start_gateway(sgw: "StorageGatewayBackend", req: "StartGatewayInput") -> "StartGatewayOutput":
    gateway = sgw.gateways.require(req["GatewayARN"], connected=False)
    gateway.state = RUNNING
    return {"GatewayARN": gateway.arn}


@operation("DeleteGateway")
def delete_gateway(sgw: "StorageGatewayBackend", req: "DeleteGatewayInput") -> "DeleteGatewayOutput":
    # A gateway can be deleted whatever its state; its completed snapshots stay in EC2.
    gateway = sgw.gateways.require(req["GatewayARN"], connected=False)
    for volume_arn in list(gateway.targets.values()):
        sgw.volumes.remove(volume_arn)
    sgw.gateways.remove(gateway.arn)
    sgw.tags.drop(gateway.arn)
    return {"GatewayARN": gateway.arn}

