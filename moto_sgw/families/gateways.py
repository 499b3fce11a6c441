"""Gateways: activation, information, shutdown and start, software updates, the console
password, deletion, listing."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Dict, FrozenSet, List, Optional

from .. import arns, ids, lifecycle, rules
from ..gateway_types import DEFAULT_GATEWAY_TYPE, FILE_TYPES, GATEWAY_TYPES
from ..lifecycle import Lifecycle
from ..messages import invalid
from ..pagination import paginate
from ..protocol.registry import operation
from ..store import SortedStore
from .availability import AvailabilityTest
from .bandwidth import Bandwidth
from .disks import Disk, local_disks
from .maintenance import Maintenance

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
        SetLocalConsolePasswordInput,
        SetLocalConsolePasswordOutput,
        ShutdownGatewayInput,
        ShutdownGatewayOutput,
        StartGatewayInput,
        StartGatewayOutput,
        Tag,
        UpdateGatewayInformationInput,
        UpdateGatewayInformationOutput,
        UpdateGatewaySoftwareNowInput,
        UpdateGatewaySoftwareNowOutput,
    )
    from ..models import StorageGatewayBackend
    from ..protocol.context import RequestContext


RUNNING, SHUTDOWN = "RUNNING", "SHUTDOWN"
# The way of a gateway that (re)starts: it answers GatewayNotConnected until it has connected.
CONNECTING, CONNECTED = "CONNECTING", "CONNECTED"
# The gateway software the mock's VMs run (a version string of the form real gateways report).
SOFTWARE_VERSION = "2.0.10.0"

# Valid values that the API reference lists for tape gateways.
TAPE_DRIVE_TYPE, MEDIUM_CHANGER_TYPE = "IBM-ULT3580-TD5", "AWS-Gateway-VTL"
TAPE_DRIVE_TYPES = frozenset({TAPE_DRIVE_TYPE})
MEDIUM_CHANGER_TYPES = frozenset({"STK-L700", MEDIUM_CHANGER_TYPE, "IBM-03584L32-0402"})

# Activation keys as the gateway VM hands them out: five groups of five.
_ACTIVATION_KEY = re.compile(r"^[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}$")
# GMT, or GMT with an offset of hours (up to 14) and minutes 00, 30 or 45.
_TIMEZONE = re.compile(r"^GMT(?:(?P<sign>[+-])(?P<hours>1[0-4]|0?[0-9]):(?P<minutes>00|30|45))?$")


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
    connection: Lifecycle = field(default_factory=lambda: _connecting())
    bandwidth: Bandwidth = field(default_factory=Bandwidth)
    maintenance: Maintenance = field(default_factory=Maintenance)
    availability_test: Optional[AvailabilityTest] = None
    last_software_update: Optional[str] = None
    software_version: str = SOFTWARE_VERSION
    # A tape gateway's medium changer (its VTL devices report it); UpdateVTLDeviceType changes it.
    medium_changer_type: str = MEDIUM_CHANGER_TYPE
    # DisableGateway: "After a gateway is disabled, it cannot be enabled."
    disabled: bool = False

    @property
    def running(self) -> bool:
        """Running, connected and not disabled: what every operation but a few needs of its gateway."""
        return self.state == RUNNING and self.connection.settled and not self.disabled

    def restart(self) -> None:
        """Start the VM (again): it connects to AWS through the gateway lifecycle."""
        self.state = RUNNING
        self.connection = _connecting()

    def local_time(self, moment: datetime) -> datetime:
        """``moment`` in the gateway's time zone (``GMT``, ``GMT+h:mm``, ``GMT-h:mm``)."""
        return moment.astimezone(timezone(utc_offset(self.timezone)))

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
            "LastSoftwareUpdate": self.last_software_update,
            "SoftwareVersion": self.software_version,
        }

    def as_info(self) -> "GatewayInfo":
        return {
            "GatewayId": self.gateway_id,
            "GatewayARN": self.arn,
            "GatewayType": self.gateway_type,
            "GatewayOperationalState": "DISABLED" if self.disabled else "ACTIVE",
            "GatewayName": self.name,
            "HostEnvironment": self.host_environment,
        }


def utc_offset(tz: str) -> timedelta:
    """The offset of a gateway time zone: ``GMT-5:00`` is five hours behind UTC."""
    found = _TIMEZONE.match(tz)
    if found is None or not found.group("sign"):
        return timedelta(0)
    offset = timedelta(hours=int(found.group("hours")), minutes=int(found.group("minutes")))
    return -offset if found.group("sign") == "-" else offset


def _connecting() -> Lifecycle:
    return Lifecycle(lifecycle.GATEWAY, CONNECTING, CONNECTED)


def _now_text() -> str:
    """A date as DescribeGatewayInformation's date members carry them (strings, not timestamps)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")


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
    changer = req.get("MediumChangerType") or MEDIUM_CHANGER_TYPE
    if changer not in MEDIUM_CHANGER_TYPES:
        raise invalid("InvalidParameters")
    _check_timezone(req["GatewayTimezone"])
    tags = req.get("Tags") or []
    sgw.tags.check(None, tags)
    gateway = sgw.gateways.create(req["GatewayName"], req["GatewayTimezone"], gateway_type)
    gateway.medium_changer_type = changer
    sgw.tags.add(gateway.arn, tags)
    return {"GatewayARN": gateway.arn}


@operation("DescribeGatewayInformation")
def describe_gateway_information(
    ctx: "RequestContext", req: "DescribeGatewayInformationInput"
) -> "DescribeGatewayInformationOutput":
    gateway = ctx.gateway
    gateway.connection.advance()
    if gateway.state == RUNNING and not gateway.connection.settled:
        # Just activated or restarted: not connected yet (a shut-down gateway still answers).
        raise invalid("GatewayNotConnected")
    return gateway.as_shape(ctx.backend.tags.sorted(gateway.arn))


def _listed(gateway: Gateway) -> "GatewayInfo":
    gateway.connection.advance()
    return gateway.as_info()


@operation("ListGateways")
def list_gateways(ctx: "RequestContext", req: "ListGatewaysInput") -> "ListGatewaysOutput":
    return paginate("ListGateways", req, ctx.backend.gateways.store, _listed)  # type: ignore[return-value]


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
    if gateway.state != RUNNING:
        gateway.restart()
    return {"GatewayARN": gateway.arn}


@operation("UpdateGatewaySoftwareNow")
def update_gateway_software_now(
    ctx: "RequestContext", req: "UpdateGatewaySoftwareNowInput"
) -> "UpdateGatewaySoftwareNowOutput":
    # "A software update forces a system restart of your gateway." No newer version is ever
    # available, so the gateway keeps its version and reports when it was last updated.
    gateway = ctx.gateway
    gateway.last_software_update = _now_text()
    gateway.restart()
    return {"GatewayARN": gateway.arn}


@operation("SetLocalConsolePassword")
def set_local_console_password(
    ctx: "RequestContext", req: "SetLocalConsolePasswordInput"
) -> "SetLocalConsolePasswordOutput":
    # "Storage Gateway does not save the password but rather safely transmits it to the VM."
    # Nothing reads it back, so nothing keeps it.
    return {"GatewayARN": ctx.gateway.arn}


@operation("DeleteGateway")
def delete_gateway(ctx: "RequestContext", req: "DeleteGatewayInput") -> "DeleteGatewayOutput":
    # A gateway can be deleted whatever its state; its completed snapshots stay in EC2.
    # Its volumes go with it, attached or detached (a detached one is listed under it),
    # and with them their schedules and CHAP credentials; so do its file shares (with
    # their cache reports), its file system associations and its SMB settings; and its
    # tapes on the VTL (archived tapes stay in the archive), recovery points and policy.
    sgw, gateway = ctx.backend, ctx.gateway
    sgw.volumes.remove_all_of(gateway)
    sgw.file.drop_gateway(gateway.arn)
    sgw.tape.drop_gateway(gateway)
    sgw.chap.drop_gateway(gateway.arn)
    sgw.gateways.remove(gateway.arn)
    sgw.tags.drop(gateway.arn)
    return {"GatewayARN": gateway.arn}
