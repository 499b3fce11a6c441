"""A tape gateway's VTL devices: one medium changer and ten tape drives, iSCSI targets all.

AWS: every tape gateway is "preconfigured with one media changer and 10 tape drives". ARNs
``<gateway ARN>/device/AMZN_SGW-<gateway id>_MEDIACHANGER_00001`` and ``..._TAPEDRIVE_00001``
to ``_00010``; targets ``iqn.1997-05.com.amazon:<gateway id, lower case>-mediachanger`` and
``-tapedrive-01`` to ``-10`` on port 3260, whose CHAP credentials the CHAP operations keep.
The changer is the type given at activation (``AWS-Gateway-VTL`` by default, the one
"provided with the gateway"); UpdateVTLDeviceType changes it to another documented type;
the drives are ``IBM-ULT3580-TD5``. Vendor and product split the type at its first hyphen,
as AWS's example does (``STK-L700``: ``STK``, ``L700``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, NamedTuple, Optional

from ... import arns, rules
from ...messages import invalid
from ...pagination import items, paginate, scope_of
from ...protocol.registry import operation
from .. import chap
from ..gateways import MEDIUM_CHANGER_TYPES, TAPE_DRIVE_TYPE

if TYPE_CHECKING:
    from ..._generated.shapes import (
        DescribeVTLDevicesInput,
        DescribeVTLDevicesOutput,
        UpdateVTLDeviceTypeInput,
        UpdateVTLDeviceTypeOutput,
        VTLDevice,
    )
    from ...models import StorageGatewayBackend
    from ...protocol.context import RequestContext
    from ..gateways import Gateway

TAPE_DRIVES = 10
ISCSI_PORT = 3260
MEDIUM_CHANGER, TAPE_DRIVE = "Medium Changer", "Tape Drive"


class Device(NamedTuple):
    arn: str
    kind: str  # Medium Changer or Tape Drive
    target_name: str

    def as_shape(self, gateway: "Gateway", chap_enabled: bool) -> "VTLDevice":
        device_type = gateway.medium_changer_type if self.kind == MEDIUM_CHANGER else TAPE_DRIVE_TYPE
        vendor, _, product = device_type.partition("-")
        return {
            "VTLDeviceARN": self.arn,
            "VTLDeviceType": self.kind,
            "VTLDeviceVendor": vendor,
            "VTLDeviceProductIdentifier": product,
            "DeviceiSCSIAttributes": {
                "TargetARN": arns.target(gateway.arn, self.target_name),
                "NetworkInterfaceId": gateway.ipv4_address,
                "NetworkInterfacePort": ISCSI_PORT,
                "ChapEnabled": chap_enabled,
            },
        }


def devices(gateway: "Gateway") -> List[Device]:
    hex_id = gateway.gateway_id[len("sgw-"):]
    lower = gateway.gateway_id.lower()
    found = [Device(arns.device(gateway.arn, f"AMZN_SGW-{hex_id}_MEDIACHANGER_00001"), MEDIUM_CHANGER,
                    f"{lower}-mediachanger")]
    for n in range(1, TAPE_DRIVES + 1):
        found.append(Device(arns.device(gateway.arn, f"AMZN_SGW-{hex_id}_TAPEDRIVE_{n:05d}"), TAPE_DRIVE,
                            f"{lower}-tapedrive-{n:02d}"))
    return found


def _serves_target(gateway: "Gateway", target_name: str) -> bool:
    from ...gateway_types import TAPE_TYPES

    return gateway.gateway_type in TAPE_TYPES and any(d.target_name == target_name for d in devices(gateway))


chap.TARGET_SOURCES.append(_serves_target)


def _device_of(gateway: "Gateway", arn: str) -> Optional[Device]:
    return next((device for device in devices(gateway) if device.arn == arn), None)


def _device_gateway(backend: "StorageGatewayBackend", arn: str) -> "Gateway":
    parsed = arns.parse(arn)
    if parsed is None or parsed.kind != "device":
        raise invalid("InvalidParameters")
    return backend.gateways.lookup(parsed.gateway_arn)


def _device(backend: "StorageGatewayBackend", arn: str, gateway: "Optional[Gateway]") -> Device:
    assert gateway is not None
    device = _device_of(gateway, arn)
    if device is None:
        raise invalid("InvalidParameters")
    return device


rules.resolver(rules.DEVICE, rules.Resolver(_device_gateway, _device))


@operation("DescribeVTLDevices")
def describe_vtl_devices(ctx: "RequestContext", req: "DescribeVTLDevicesInput") -> "DescribeVTLDevicesOutput":
    gateway = ctx.gateway
    held = {device.arn: device for device in devices(gateway)}
    wanted = req.get("VTLDeviceARNs")
    if wanted:
        # "All of the specified VTL devices must be from the same gateway."
        if any(arn not in held for arn in wanted):
            raise invalid("InvalidParameters")
        held = {arn: held[arn] for arn in wanted}
    chap_store = ctx.backend.chap

    def render(device: Device) -> "VTLDevice":
        return device.as_shape(gateway, chap_store.enabled(arns.target(gateway.arn, device.target_name)))

    scope = gateway.arn + ("|" + scope_of(wanted) if wanted else "")
    page: Dict[str, Any] = paginate("DescribeVTLDevices", req, items(iter(held.items())), render, scope=scope)
    return {"GatewayARN": gateway.arn, **page}  # type: ignore[typeddict-item]


@operation("UpdateVTLDeviceType")
def update_vtl_device_type(ctx: "RequestContext", req: "UpdateVTLDeviceTypeInput") -> "UpdateVTLDeviceTypeOutput":
    # "Updates the type of medium changer": only the changer, only to a documented type.
    device: Device = ctx.resource
    if device.kind != MEDIUM_CHANGER or req["DeviceType"] not in MEDIUM_CHANGER_TYPES:
        raise invalid("InvalidParameters")
    ctx.gateway.medium_changer_type = req["DeviceType"]
    return {"VTLDeviceARN": device.arn}
