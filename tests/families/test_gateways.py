"""Gateways: activation, information, listing, update, shutdown and start, deletion."""
from __future__ import annotations

import ipaddress
import re
from typing import Any, Callable, Dict

import pytest
from botocore.exceptions import ClientError

from ..conftest import (
    ACTIVATION_KEY,
    REGION,
    activate,
    cached_gateway,
    cached_volume,
    sgw_error,
)
from ..expected import (
    ACTIVATION_KEY_INVALID,
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    REGION_INVALID,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
)

GATEWAY_ARN = re.compile(r"^arn:aws:storagegateway:us-east-1:123456789012:gateway/(sgw-[0-9A-F]{8})$")


def _members(resp: Dict[str, Any]) -> set:
    return set(resp) - {"ResponseMetadata"}


def _activate_raw(sgw: Any, **overrides: Any) -> Dict[str, Any]:
    params = {
        "ActivationKey": ACTIVATION_KEY,
        "GatewayName": "gw",
        "GatewayTimezone": "GMT",
        "GatewayRegion": REGION,
        "GatewayType": "CACHED",
    }
    params.update(overrides)
    return sgw.activate_gateway(**{k: v for k, v in params.items() if v is not None})


# ActivateGateway


@pytest.mark.parametrize("gateway_type", ["CACHED", "STORED", "VTL", "VTL_SNOW", "FILE_S3", "FILE_FSX_SMB"])
def test_activate_gateway_of_each_type(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert info["GatewayType"] == gateway_type
    assert info["GatewayARN"] == arn


def test_activate_gateway_defaults_to_cached(sgw: Any) -> None:
    arn = _activate_raw(sgw, GatewayType=None)["GatewayARN"]

    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayType"] == "CACHED"


def test_activate_gateway_returns_only_the_arn(sgw: Any) -> None:
    resp = _activate_raw(sgw)

    assert _members(resp) == {"GatewayARN"}


def test_activate_gateway_arn_and_id_format(sgw: Any) -> None:
    arn = activate(sgw)

    found = GATEWAY_ARN.match(arn)
    assert found is not None, arn
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayId"] == found.group(1)


def test_activate_gateway_gives_distinct_arns(sgw: Any) -> None:
    arns = {activate(sgw, name=f"gw{i}") for i in range(5)}

    assert len(arns) == 5


def test_activate_gateway_in_another_region_is_region_invalid(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        _activate_raw(sgw, GatewayRegion="us-west-2")

    assert sgw_error(exc) == REGION_INVALID
    assert sgw.list_gateways()["Gateways"] == []


def test_activate_gateway_with_malformed_key_is_activation_key_invalid(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        _activate_raw(sgw, ActivationKey="not-a-key")

    assert sgw_error(exc) == ACTIVATION_KEY_INVALID
    assert sgw.list_gateways()["Gateways"] == []


def test_activate_gateway_with_unknown_type_is_invalid_parameters(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        _activate_raw(sgw, GatewayType="FOO")

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert sgw.list_gateways()["Gateways"] == []


def test_activate_gateway_with_bad_timezone_is_invalid_parameters(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        _activate_raw(sgw, GatewayTimezone="PST")

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert sgw.list_gateways()["Gateways"] == []


@pytest.mark.parametrize("tz", ["GMT", "GMT+5:30", "GMT-12:00", "GMT+5:45"])
def test_activate_gateway_accepts_gmt_timezones(sgw: Any, tz: str) -> None:
    arn = _activate_raw(sgw, GatewayTimezone=tz)["GatewayARN"]

    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayTimezone"] == tz


def test_activate_gateway_tags_show_in_describe_sorted_by_key(sgw: Any) -> None:
    tags = [{"Key": "zeta", "Value": "1"}, {"Key": "Alpha", "Value": ""}, {"Key": "beta", "Value": "2"}]
    arn = _activate_raw(sgw, Tags=tags)["GatewayARN"]

    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert info["Tags"] == [
        {"Key": "Alpha", "Value": ""},
        {"Key": "beta", "Value": "2"},
        {"Key": "zeta", "Value": "1"},
    ]


# DescribeGatewayInformation


def test_describe_gateway_information_members_of_fresh_gateway(sgw: Any) -> None:
    arn = activate(sgw)

    info = sgw.describe_gateway_information(GatewayARN=arn)

    assert _members(info) == {
        "GatewayARN",
        "GatewayId",
        "GatewayName",
        "GatewayTimezone",
        "GatewayState",
        "GatewayNetworkInterfaces",
        "GatewayType",
        "Tags",
        "HostEnvironment",
        "EndpointType",
        "SoftwareVersion",  # LastSoftwareUpdate only once updated; no update is ever available
    }


def test_describe_gateway_information_values_of_fresh_gateway(sgw: Any) -> None:
    arn = activate(sgw, name="my-gateway")

    info = sgw.describe_gateway_information(GatewayARN=arn)

    assert info["GatewayName"] == "my-gateway"
    assert info["GatewayTimezone"] == "GMT-5:00"
    assert info["GatewayState"] == "RUNNING"
    assert info["Tags"] == []


def test_describe_gateway_information_has_one_ipv4_interface(sgw: Any) -> None:
    arn = activate(sgw)

    interfaces = sgw.describe_gateway_information(GatewayARN=arn)["GatewayNetworkInterfaces"]

    assert len(interfaces) == 1
    assert set(interfaces[0]) == {"Ipv4Address"}
    address = interfaces[0]["Ipv4Address"]
    assert re.match(r"^\d{1,3}(\.\d{1,3}){3}$", address), address
    assert isinstance(ipaddress.ip_address(address), ipaddress.IPv4Address)


def test_describe_gateway_information_of_unknown_gateway_is_gateway_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.describe_gateway_information(GatewayARN=UNKNOWN_GATEWAY)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# ListGateways


def test_list_gateways_empty(sgw: Any) -> None:
    resp = sgw.list_gateways()

    assert resp["Gateways"] == []
    assert "Marker" not in resp


def test_list_gateways_info_members(sgw: Any) -> None:
    arn = activate(sgw, "STORED", name="listed")
    gateway_id = arn.rsplit("/", 1)[1]

    gateways = sgw.list_gateways()["Gateways"]

    assert gateways == [
        {
            "GatewayId": gateway_id,
            "GatewayARN": arn,
            "GatewayType": "STORED",
            "GatewayOperationalState": "ACTIVE",
            "GatewayName": "listed",
            "HostEnvironment": "VMWARE",
        }
    ]


def test_list_gateways_sorted_by_arn(sgw: Any) -> None:
    arns = [activate(sgw, name=f"gw{i}") for i in range(5)]

    listed = [g["GatewayARN"] for g in sgw.list_gateways()["Gateways"]]

    assert listed == sorted(arns)


def test_list_gateways_pages_with_limit(sgw: Any) -> None:
    arns = [activate(sgw, name=f"gw{i}") for i in range(5)]

    pages = []
    kwargs: Dict[str, Any] = {"Limit": 2}
    while True:
        resp = sgw.list_gateways(**kwargs)
        pages.append([g["GatewayARN"] for g in resp["Gateways"]])
        if "Marker" not in resp:
            break
        kwargs["Marker"] = resp["Marker"]
        assert len(pages) < 10

    assert [len(page) for page in pages] == [2, 2, 1]
    assert [arn for page in pages for arn in page] == sorted(arns)


def test_list_gateways_paginator(sgw: Any) -> None:
    arns = [activate(sgw, name=f"gw{i}") for i in range(5)]

    pages = list(sgw.get_paginator("list_gateways").paginate(PaginationConfig={"PageSize": 2}))

    assert len(pages) == 3
    assert [g["GatewayARN"] for page in pages for g in page["Gateways"]] == sorted(arns)


def test_list_gateways_with_bogus_marker_is_invalid_parameters(sgw: Any) -> None:
    activate(sgw)

    with pytest.raises(ClientError) as exc:
        sgw.list_gateways(Marker="abc")

    assert sgw_error(exc) == INVALID_PARAMETERS


def test_list_gateways_with_list_volumes_marker_is_invalid_parameters(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    cached_volume(sgw, gateway, target="vol1")
    cached_volume(sgw, gateway, target="vol2")
    marker = sgw.list_volumes(GatewayARN=gateway["arn"], Limit=1)["Marker"]

    with pytest.raises(ClientError) as exc:
        sgw.list_gateways(Marker=marker)

    assert sgw_error(exc) == INVALID_PARAMETERS


# UpdateGatewayInformation


def test_update_gateway_information_changes_name_and_timezone(sgw: Any) -> None:
    arn = activate(sgw, name="before")

    resp = sgw.update_gateway_information(GatewayARN=arn, GatewayName="after", GatewayTimezone="GMT+5:30")

    assert _members(resp) == {"GatewayARN", "GatewayName"}
    assert (resp["GatewayARN"], resp["GatewayName"]) == (arn, "after")
    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert (info["GatewayName"], info["GatewayTimezone"]) == ("after", "GMT+5:30")


def test_update_gateway_information_name_shows_in_list_gateways(sgw: Any) -> None:
    arn = activate(sgw, name="before")

    sgw.update_gateway_information(GatewayARN=arn, GatewayName="after")

    assert [g["GatewayName"] for g in sgw.list_gateways()["Gateways"]] == ["after"]


def test_update_gateway_information_with_bad_timezone_is_invalid_parameters(sgw: Any) -> None:
    arn = activate(sgw)

    with pytest.raises(ClientError) as exc:
        sgw.update_gateway_information(GatewayARN=arn, GatewayTimezone="PST")

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayTimezone"] == "GMT-5:00"


def test_update_gateway_capacity_of_cached_gateway_is_invalid_parameters(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")

    with pytest.raises(ClientError) as exc:
        sgw.update_gateway_information(GatewayARN=arn, GatewayCapacity="Large")

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert "GatewayCapacity" not in sgw.describe_gateway_information(GatewayARN=arn)


def test_update_gateway_capacity_of_file_gateway(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")

    sgw.update_gateway_information(GatewayARN=arn, GatewayCapacity="Large")

    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayCapacity"] == "Large"


def test_update_gateway_information_of_unknown_gateway_is_gateway_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.update_gateway_information(GatewayARN=UNKNOWN_GATEWAY, GatewayName="x1")

    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# ShutdownGateway and StartGateway


def test_shutdown_gateway_echoes_arn(sgw: Any) -> None:
    arn = activate(sgw)

    resp = sgw.shutdown_gateway(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


def test_shutdown_gateway_state_is_shutdown(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.shutdown_gateway(GatewayARN=arn)

    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayState"] == "SHUTDOWN"


def test_shutdown_gateway_still_listed(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.shutdown_gateway(GatewayARN=arn)

    assert [g["GatewayARN"] for g in sgw.list_gateways()["Gateways"]] == [arn]


NOT_CONNECTED_CALLS: Dict[str, Callable[[Any, str], Any]] = {
    "list_local_disks": lambda client, arn: client.list_local_disks(GatewayARN=arn),
    "update_gateway_information": lambda client, arn: client.update_gateway_information(
        GatewayARN=arn, GatewayName="renamed"
    ),
    "shutdown_gateway": lambda client, arn: client.shutdown_gateway(GatewayARN=arn),
    "list_volumes": lambda client, arn: client.list_volumes(GatewayARN=arn),
}


@pytest.mark.parametrize("call", sorted(NOT_CONNECTED_CALLS))
def test_shut_down_gateway_is_not_connected(sgw: Any, call: str) -> None:
    arn = activate(sgw)
    sgw.shutdown_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        NOT_CONNECTED_CALLS[call](sgw, arn)

    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


def test_shut_down_gateway_keeps_name_after_refused_update(sgw: Any) -> None:
    arn = activate(sgw, name="kept")
    sgw.shutdown_gateway(GatewayARN=arn)

    with pytest.raises(ClientError):
        sgw.update_gateway_information(GatewayARN=arn, GatewayName="renamed")

    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayName"] == "kept"


def test_shut_down_gateway_can_be_tagged(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.shutdown_gateway(GatewayARN=arn)

    sgw.add_tags_to_resource(ResourceARN=arn, Tags=[{"Key": "k", "Value": "v"}, {"Key": "gone", "Value": "x"}])
    sgw.remove_tags_from_resource(ResourceARN=arn, TagKeys=["gone"])

    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "k", "Value": "v"}]


def test_shut_down_gateway_can_be_deleted(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.shutdown_gateway(GatewayARN=arn)

    sgw.delete_gateway(GatewayARN=arn)

    assert sgw.list_gateways()["Gateways"] == []


def test_start_gateway_runs_again(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.shutdown_gateway(GatewayARN=arn)

    resp = sgw.start_gateway(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayState"] == "RUNNING"


def test_started_gateway_answers_again(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.shutdown_gateway(GatewayARN=arn)
    sgw.start_gateway(GatewayARN=arn)

    disks = sgw.list_local_disks(GatewayARN=arn)["Disks"]
    sgw.update_gateway_information(GatewayARN=arn, GatewayName="renamed")

    assert len(disks) >= 3
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayName"] == "renamed"


def test_start_gateway_of_unknown_gateway_is_gateway_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.start_gateway(GatewayARN=UNKNOWN_GATEWAY)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_shutdown_file_gateway_is_unsupported(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")

    with pytest.raises(ClientError) as exc:
        sgw.shutdown_gateway(GatewayARN=arn)

    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayState"] == "RUNNING"


# DeleteGateway


def test_delete_gateway_echoes_arn(sgw: Any) -> None:
    arn = activate(sgw)

    resp = sgw.delete_gateway(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


def test_deleted_gateway_is_not_found(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.delete_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        sgw.describe_gateway_information(GatewayARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_delete_gateway_leaves_other_gateways(sgw: Any) -> None:
    gone = activate(sgw, name="gone")
    kept = activate(sgw, name="kept")

    sgw.delete_gateway(GatewayARN=gone)

    assert [g["GatewayARN"] for g in sgw.list_gateways()["Gateways"]] == [kept]


def test_delete_gateway_deletes_its_volumes(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    volume_arn = cached_volume(sgw, gateway)
    assert [v["VolumeARN"] for v in sgw.list_volumes()["VolumeInfos"]] == [volume_arn]

    sgw.delete_gateway(GatewayARN=gateway["arn"])

    assert sgw.list_volumes()["VolumeInfos"] == []


def test_delete_gateway_keeps_its_snapshots(sgw: Any, ec2: Any) -> None:
    gateway = cached_gateway(sgw)
    volume_arn = cached_volume(sgw, gateway)
    snapshot_id = sgw.create_snapshot(VolumeARN=volume_arn, SnapshotDescription="before delete")["SnapshotId"]

    sgw.delete_gateway(GatewayARN=gateway["arn"])

    snapshots = ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]
    assert [(s["SnapshotId"], s["Description"]) for s in snapshots] == [(snapshot_id, "before delete")]


def test_delete_gateway_twice_is_gateway_not_found(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.delete_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        sgw.delete_gateway(GatewayARN=arn)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND
