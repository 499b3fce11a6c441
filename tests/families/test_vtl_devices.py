"""A tape gateway's VTL devices: one medium changer and ten tape drives.

Operations covered: DescribeVTLDevices, UpdateVTLDeviceType, and CHAP credentials
(UpdateChapCredentials, DeleteChapCredentials) on the devices' iSCSI targets.
"""
from __future__ import annotations

from typing import Any, Dict, List

import pytest
from botocore.exceptions import ClientError

from ..conftest import activate, ip_of, sgw_error
from ..expected import GATEWAY_NOT_CONNECTED, INVALID_PARAMETERS, UNSUPPORTED_FOR_TYPE

IQN = "iqn.1997-05.com.amazon:"
INITIATOR = "iqn.1991-05.com.microsoft:backup.example.com"
SECRET = "111111111111"


def _gateway_id(gateway_arn: str) -> str:
    return gateway_arn.rsplit("/", 1)[1]


def _changer_arn(gateway_arn: str) -> str:
    hex_id = _gateway_id(gateway_arn)[len("sgw-"):]
    return f"{gateway_arn}/device/AMZN_SGW-{hex_id}_MEDIACHANGER_00001"


def _drive_arn(gateway_arn: str, n: int) -> str:
    hex_id = _gateway_id(gateway_arn)[len("sgw-"):]
    return f"{gateway_arn}/device/AMZN_SGW-{hex_id}_TAPEDRIVE_{n:05d}"


def _target_arn(gateway_arn: str, suffix: str) -> str:
    return f"{gateway_arn}/target/{IQN}{_gateway_id(gateway_arn).lower()}-{suffix}"


def _devices(sgw: Any, gateway_arn: str, **params: Any) -> List[Dict[str, Any]]:
    return sgw.describe_vtl_devices(GatewayARN=gateway_arn, **params)["VTLDevices"]


def _device(sgw: Any, gateway_arn: str, device_arn: str) -> Dict[str, Any]:
    found = _devices(sgw, gateway_arn, VTLDeviceARNs=[device_arn])
    assert len(found) == 1
    return found[0]


def _changer(gateway_arn: str, ip: str, vendor: str = "AWS", product: str = "Gateway-VTL",
             chap: bool = False) -> Dict[str, Any]:
    return {
        "VTLDeviceARN": _changer_arn(gateway_arn),
        "VTLDeviceType": "Medium Changer",
        "VTLDeviceVendor": vendor,
        "VTLDeviceProductIdentifier": product,
        "DeviceiSCSIAttributes": {
            "TargetARN": _target_arn(gateway_arn, "mediachanger"),
            "NetworkInterfaceId": ip,
            "NetworkInterfacePort": 3260,
            "ChapEnabled": chap,
        },
    }


def _drive(gateway_arn: str, ip: str, n: int, chap: bool = False) -> Dict[str, Any]:
    return {
        "VTLDeviceARN": _drive_arn(gateway_arn, n),
        "VTLDeviceType": "Tape Drive",
        "VTLDeviceVendor": "IBM",
        "VTLDeviceProductIdentifier": "ULT3580-TD5",
        "DeviceiSCSIAttributes": {
            "TargetARN": _target_arn(gateway_arn, f"tapedrive-{n:02d}"),
            "NetworkInterfaceId": ip,
            "NetworkInterfacePort": 3260,
            "ChapEnabled": chap,
        },
    }


@pytest.fixture
def gateway(sgw: Any) -> Dict[str, str]:
    arn = activate(sgw, "VTL", name="tapes")
    return {"arn": arn, "ip": ip_of(sgw, arn)}


# DescribeVTLDevices


def test_tape_gateway_has_one_changer_and_ten_drives(sgw: Any, gateway: Dict[str, str]) -> None:
    response = sgw.describe_vtl_devices(GatewayARN=gateway["arn"])
    response.pop("ResponseMetadata")
    arn, ip = gateway["arn"], gateway["ip"]
    assert response == {
        "GatewayARN": arn,
        "VTLDevices": [_changer(arn, ip)] + [_drive(arn, ip, n) for n in range(1, 11)],
    }


def test_device_arns_use_the_gateway_id(sgw: Any, gateway: Dict[str, str]) -> None:
    arns = [device["VTLDeviceARN"] for device in _devices(sgw, gateway["arn"])]
    hex_id = _gateway_id(gateway["arn"])[len("sgw-"):]
    assert len(hex_id) == 8
    assert arns[0] == f"{gateway['arn']}/device/AMZN_SGW-{hex_id}_MEDIACHANGER_00001"
    assert arns[1:] == [f"{gateway['arn']}/device/AMZN_SGW-{hex_id}_TAPEDRIVE_{n:05d}" for n in range(1, 11)]
    assert arns[-1].endswith("_TAPEDRIVE_00010")


def test_network_interface_is_the_gateways_ipv4(sgw: Any, gateway: Dict[str, str]) -> None:
    info = sgw.describe_gateway_information(GatewayARN=gateway["arn"])
    ipv4 = info["GatewayNetworkInterfaces"][0]["Ipv4Address"]
    assert {device["DeviceiSCSIAttributes"]["NetworkInterfaceId"] for device in _devices(sgw, gateway["arn"])} == {
        ipv4
    }


def test_changer_activated_as_stk_l700_is_stk_l700(sgw: Any) -> None:
    arn = activate(sgw, "VTL", name="stk", MediumChangerType="STK-L700")
    assert _device(sgw, arn, _changer_arn(arn)) == _changer(arn, ip_of(sgw, arn), "STK", "L700")


def test_vtl_device_arns_filter_answers_those_devices(sgw: Any, gateway: Dict[str, str]) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    wanted = [_drive_arn(arn, 3), _changer_arn(arn)]
    found = _devices(sgw, arn, VTLDeviceARNs=wanted)
    assert sorted(found, key=lambda device: device["VTLDeviceARN"]) == sorted(
        [_drive(arn, ip, 3), _changer(arn, ip)], key=lambda device: device["VTLDeviceARN"]
    )


def test_unknown_device_arn_is_refused(sgw: Any, gateway: Dict[str, str]) -> None:
    arn = gateway["arn"]
    unknown = _drive_arn(arn, 11)
    with pytest.raises(ClientError) as exc_info:
        sgw.describe_vtl_devices(GatewayARN=arn, VTLDeviceARNs=[_changer_arn(arn), unknown])
    assert sgw_error(exc_info) == INVALID_PARAMETERS


def test_device_of_another_gateway_is_refused(sgw: Any, gateway: Dict[str, str]) -> None:
    other = activate(sgw, "VTL", name="other")
    with pytest.raises(ClientError) as exc_info:
        sgw.describe_vtl_devices(GatewayARN=gateway["arn"], VTLDeviceARNs=[_changer_arn(other)])
    assert sgw_error(exc_info) == INVALID_PARAMETERS


def test_describe_vtl_devices_pages_with_limit_and_marker(sgw: Any, gateway: Dict[str, str]) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    seen: List[Dict[str, Any]] = []
    params: Dict[str, Any] = {"Limit": 4}
    pages = 0
    while True:
        response = sgw.describe_vtl_devices(GatewayARN=arn, **params)
        pages += 1
        assert response["GatewayARN"] == arn
        assert len(response["VTLDevices"]) <= 4
        seen.extend(response["VTLDevices"])
        if "Marker" not in response:
            break
        params["Marker"] = response["Marker"]
    assert pages == 3
    assert seen == [_changer(arn, ip)] + [_drive(arn, ip, n) for n in range(1, 11)]


@pytest.mark.parametrize("gateway_type", ["CACHED", "FILE_S3"])
def test_describe_vtl_devices_refuses_other_gateway_types(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    with pytest.raises(ClientError) as exc_info:
        sgw.describe_vtl_devices(GatewayARN=arn)
    assert sgw_error(exc_info) == UNSUPPORTED_FOR_TYPE


def test_describe_vtl_devices_of_a_shut_down_gateway_is_refused(sgw: Any, gateway: Dict[str, str]) -> None:
    sgw.shutdown_gateway(GatewayARN=gateway["arn"])
    with pytest.raises(ClientError) as exc_info:
        sgw.describe_vtl_devices(GatewayARN=gateway["arn"])
    assert sgw_error(exc_info) == GATEWAY_NOT_CONNECTED


def test_update_vtl_device_type_of_a_shut_down_gateway_is_refused(sgw: Any, gateway: Dict[str, str]) -> None:
    sgw.shutdown_gateway(GatewayARN=gateway["arn"])
    with pytest.raises(ClientError) as exc_info:
        sgw.update_vtl_device_type(VTLDeviceARN=_changer_arn(gateway["arn"]), DeviceType="STK-L700")
    assert sgw_error(exc_info) == GATEWAY_NOT_CONNECTED


# UpdateVTLDeviceType


@pytest.mark.parametrize(
    "device_type, vendor, product",
    [("STK-L700", "STK", "L700"), ("AWS-Gateway-VTL", "AWS", "Gateway-VTL"),
     ("IBM-03584L32-0402", "IBM", "03584L32-0402")],
)
def test_update_vtl_device_type_changes_the_changer(
    sgw: Any, gateway: Dict[str, str], device_type: str, vendor: str, product: str
) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    if device_type == "AWS-Gateway-VTL":
        sgw.update_vtl_device_type(VTLDeviceARN=_changer_arn(arn), DeviceType="STK-L700")
    response = sgw.update_vtl_device_type(VTLDeviceARN=_changer_arn(arn), DeviceType=device_type)
    response.pop("ResponseMetadata")
    assert response == {"VTLDeviceARN": _changer_arn(arn)}
    assert _device(sgw, arn, _changer_arn(arn)) == _changer(arn, ip, vendor, product)
    # the drives stay as they are
    assert _device(sgw, arn, _drive_arn(arn, 1)) == _drive(arn, ip, 1)


def test_tape_drive_type_cannot_be_updated(sgw: Any, gateway: Dict[str, str]) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    with pytest.raises(ClientError) as exc_info:
        sgw.update_vtl_device_type(VTLDeviceARN=_drive_arn(arn, 1), DeviceType="STK-L700")
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert _device(sgw, arn, _drive_arn(arn, 1)) == _drive(arn, ip, 1)


@pytest.mark.parametrize("device_type", ["Medium Changer", "IBM-ULT3580-TD5", "stk-l700"])
def test_unknown_changer_type_is_refused(sgw: Any, gateway: Dict[str, str], device_type: str) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    with pytest.raises(ClientError) as exc_info:
        sgw.update_vtl_device_type(VTLDeviceARN=_changer_arn(arn), DeviceType=device_type)
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert _device(sgw, arn, _changer_arn(arn)) == _changer(arn, ip)


def test_update_vtl_device_type_of_unknown_device_is_refused(sgw: Any, gateway: Dict[str, str]) -> None:
    with pytest.raises(ClientError) as exc_info:
        sgw.update_vtl_device_type(VTLDeviceARN=_drive_arn(gateway["arn"], 11), DeviceType="STK-L700")
    assert sgw_error(exc_info) == INVALID_PARAMETERS


# CHAP on device targets


def test_chap_credentials_enable_chap_on_that_device_only(sgw: Any, gateway: Dict[str, str]) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    sgw.update_chap_credentials(
        TargetARN=_target_arn(arn, "mediachanger"), SecretToAuthenticateInitiator=SECRET, InitiatorName=INITIATOR
    )
    assert _devices(sgw, arn) == [_changer(arn, ip, chap=True)] + [_drive(arn, ip, n) for n in range(1, 11)]


def test_chap_on_a_tape_drive_target(sgw: Any, gateway: Dict[str, str]) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    target = _target_arn(arn, "tapedrive-01")
    sgw.update_chap_credentials(TargetARN=target, SecretToAuthenticateInitiator=SECRET, InitiatorName=INITIATOR)
    assert _device(sgw, arn, _drive_arn(arn, 1)) == _drive(arn, ip, 1, chap=True)
    assert _device(sgw, arn, _drive_arn(arn, 2)) == _drive(arn, ip, 2)
    described = sgw.describe_chap_credentials(TargetARN=target)["ChapCredentials"]
    assert described == [
        {"TargetARN": target, "SecretToAuthenticateInitiator": SECRET, "InitiatorName": INITIATOR}
    ]


def test_deleting_chap_credentials_disables_chap(sgw: Any, gateway: Dict[str, str]) -> None:
    arn, ip = gateway["arn"], gateway["ip"]
    target = _target_arn(arn, "mediachanger")
    sgw.update_chap_credentials(TargetARN=target, SecretToAuthenticateInitiator=SECRET, InitiatorName=INITIATOR)
    assert _device(sgw, arn, _changer_arn(arn))["DeviceiSCSIAttributes"]["ChapEnabled"] is True
    sgw.delete_chap_credentials(TargetARN=target, InitiatorName=INITIATOR)
    assert _device(sgw, arn, _changer_arn(arn)) == _changer(arn, ip)
