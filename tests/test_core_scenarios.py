"""The core scenarios, run twice from one set of tests: in-process and through the server.

In-process, boto3 talks to ``mock_storagegateway``; through the server, boto3 talks
HTTP to a ``moto-sgw-server`` process (the plugin's ``storagegateway_server``). The
same assertions hold both ways.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterator

import boto3
import pytest
from botocore.exceptions import ClientError

from moto_sgw import mock_storagegateway

from .conftest import ACTIVATION_KEY, GIB, server_client, sgw_error
from .expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    TARGET_ALREADY_EXISTS,
    UNKNOWN_GATEWAY,
    VOLUME_NOT_FOUND,
)

ClientFactory = Callable[..., Any]


@pytest.fixture(params=["in-process", "server"])
def clients(request: pytest.FixtureRequest) -> Iterator[ClientFactory]:
    """``clients(service, region="us-east-1")`` -> a boto3 client of the chosen world."""
    if request.param == "in-process":
        with mock_storagegateway():
            yield lambda name, region="us-east-1": boto3.client(name, region_name=region)
        return
    url = request.getfixturevalue("storagegateway_server")
    yield lambda name, region="us-east-1": server_client(url, name, region)


def _activate(sgw: Any, gateway_type: str = "CACHED") -> str:
    return sgw.activate_gateway(
        ActivationKey=ACTIVATION_KEY,
        GatewayName="core",
        GatewayTimezone="GMT",
        GatewayRegion=sgw.meta.region_name,
        GatewayType=gateway_type,
    )["GatewayARN"]


def _ready_cached_gateway(sgw: Any) -> dict:
    arn = _activate(sgw)
    disks = [d["DiskId"] for d in sgw.list_local_disks(GatewayARN=arn)["Disks"]]
    sgw.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    sgw.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    ip = sgw.describe_gateway_information(GatewayARN=arn)["GatewayNetworkInterfaces"][0]["Ipv4Address"]
    return {"arn": arn, "ip": ip, "disks": disks}


def _cached_volume(sgw: Any, gateway: dict, target: str = "core-volume") -> str:
    return sgw.create_cached_iscsi_volume(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=5 * GIB,
        TargetName=target,
        NetworkInterfaceId=gateway["ip"],
        ClientToken="token-" + target,
    )["VolumeARN"]


def test_activated_gateway_is_running_and_listed(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    arn = _activate(sgw)
    assert re.fullmatch(r"arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-[0-9A-F]{8}", arn)
    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert (info["GatewayState"], info["GatewayType"]) == ("RUNNING", "CACHED")
    assert re.fullmatch(r"\d+\.\d+\.\d+\.\d+", info["GatewayNetworkInterfaces"][0]["Ipv4Address"])
    assert [g["GatewayARN"] for g in sgw.list_gateways()["Gateways"]] == [arn]


def test_disks_become_cache_and_upload_buffer(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    gateway = _ready_cached_gateway(sgw)
    disks = {d["DiskId"]: d for d in sgw.list_local_disks(GatewayARN=gateway["arn"])["Disks"]}
    assert disks[gateway["disks"][0]]["DiskAllocationType"] == "CACHE_STORAGE"
    assert disks[gateway["disks"][1]]["DiskAllocationType"] == "UPLOAD_BUFFER"
    cache = sgw.describe_cache(GatewayARN=gateway["arn"])
    assert cache["DiskIds"] == [gateway["disks"][0]]
    assert cache["CacheAllocatedInBytes"] == disks[gateway["disks"][0]]["DiskSizeInBytes"]


def test_cached_volume_is_described_and_listed(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    gateway = _ready_cached_gateway(sgw)
    volume_arn = _cached_volume(sgw, gateway)
    assert re.fullmatch(re.escape(gateway["arn"]) + r"/volume/vol-0[0-9A-F]{16}", volume_arn)
    [volume] = sgw.describe_cached_iscsi_volumes(VolumeARNs=[volume_arn])["CachediSCSIVolumes"]
    assert (volume["VolumeType"], volume["VolumeStatus"]) == ("CACHED iSCSI", "AVAILABLE")
    assert volume["VolumeiSCSIAttributes"]["TargetARN"].endswith("/target/iqn.1997-05.com.amazon:core-volume")
    listed = sgw.list_volumes(GatewayARN=gateway["arn"])["VolumeInfos"]
    assert [v["VolumeARN"] for v in listed] == [volume_arn]


def test_stored_volume_takes_its_disk(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    arn = _activate(sgw, "STORED")
    disks = sgw.list_local_disks(GatewayARN=arn)["Disks"]
    sgw.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[0]["DiskId"]])
    ip = sgw.describe_gateway_information(GatewayARN=arn)["GatewayNetworkInterfaces"][0]["Ipv4Address"]
    created = sgw.create_stored_iscsi_volume(
        GatewayARN=arn,
        DiskId=disks[2]["DiskId"],
        PreserveExistingData=False,
        TargetName="stored",
        NetworkInterfaceId=ip,
    )
    assert created["VolumeSizeInBytes"] == disks[2]["DiskSizeInBytes"]
    [volume] = sgw.describe_stored_iscsi_volumes(VolumeARNs=[created["VolumeARN"]])["StorediSCSIVolumes"]
    assert (volume["VolumeType"], volume["VolumeStatus"], volume["VolumeDiskId"]) == (
        "STORED iSCSI",
        "AVAILABLE",
        disks[2]["DiskId"],
    )


def test_snapshot_is_an_ebs_snapshot_ec2_describes_and_deletes(clients: ClientFactory) -> None:
    sgw, ec2 = clients("storagegateway"), clients("ec2")
    volume_arn = _cached_volume(sgw, _ready_cached_gateway(sgw))
    snapshot = sgw.create_snapshot(
        VolumeARN=volume_arn,
        SnapshotDescription="core snapshot",
        Tags=[{"Key": "team", "Value": "storage"}],
    )
    assert set(snapshot) - {"ResponseMetadata"} == {"VolumeARN", "SnapshotId"}
    assert re.fullmatch(r"snap-0[0-9a-f]{16}", snapshot["SnapshotId"])
    [ebs] = ec2.describe_snapshots(SnapshotIds=[snapshot["SnapshotId"]])["Snapshots"]
    assert ebs["Description"] == "core snapshot"
    assert ebs["VolumeId"] == volume_arn.rsplit("/", 1)[1].lower()
    assert (ebs["VolumeSize"], ebs["State"], ebs["OwnerId"]) == (5, "completed", "123456789012")
    assert ebs["Tags"] == [{"Key": "team", "Value": "storage"}]
    ec2.delete_snapshot(SnapshotId=snapshot["SnapshotId"])
    with pytest.raises(ClientError) as exc:
        ec2.describe_snapshots(SnapshotIds=[snapshot["SnapshotId"]])
    assert exc.value.response["Error"]["Code"] == "InvalidSnapshot.NotFound"


def test_missing_gateway_is_not_found(clients: ClientFactory) -> None:
    with pytest.raises(ClientError) as exc:
        clients("storagegateway").describe_gateway_information(GatewayARN=UNKNOWN_GATEWAY)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_missing_volume_is_not_found(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    gateway = _ready_cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=gateway["arn"] + "/volume/vol-0123456789ABCDEF0", SnapshotDescription="x")
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_overlong_description_is_a_validation_error(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    volume_arn = _cached_volume(sgw, _ready_cached_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=volume_arn, SnapshotDescription="d" * 256)
    assert sgw_error(exc) == (
        "ValidationException",
        f"1 validation error detected: Value '{'d' * 256}' at 'snapshotDescription' failed to satisfy "
        "constraint: Member must have length less than or equal to 255",
        None,
    )


def test_duplicate_target_is_refused(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    gateway = _ready_cached_gateway(sgw)
    _cached_volume(sgw, gateway, "same")
    with pytest.raises(ClientError) as exc:
        sgw.create_cached_iscsi_volume(
            GatewayARN=gateway["arn"],
            VolumeSizeInBytes=GIB,
            TargetName="same",
            NetworkInterfaceId=gateway["ip"],
            ClientToken="another-token",
        )
    assert sgw_error(exc) == TARGET_ALREADY_EXISTS


def test_shut_down_gateway_is_not_connected_until_started(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    arn = _activate(sgw)
    sgw.shutdown_gateway(GatewayARN=arn)
    assert sgw.describe_gateway_information(GatewayARN=arn)["GatewayState"] == "SHUTDOWN"
    with pytest.raises(ClientError) as exc:
        sgw.list_local_disks(GatewayARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    sgw.start_gateway(GatewayARN=arn)
    assert len(sgw.list_local_disks(GatewayARN=arn)["Disks"]) >= 3


def test_regions_do_not_share_gateways(clients: ClientFactory) -> None:
    east, west = clients("storagegateway"), clients("storagegateway", "us-west-2")
    arn = _activate(east)
    assert west.list_gateways()["Gateways"] == []
    assert ":us-west-2:" in _activate(west)
    with pytest.raises(ClientError) as exc:
        west.describe_gateway_information(GatewayARN=arn)
    assert sgw_error(exc)[2] == "GatewayNotFound"


def test_day_one_settings_of_a_volume_gateway(clients: ClientFactory) -> None:
    # What a team sets on its first day: bandwidth, a maintenance window, CHAP, a schedule.
    sgw = clients("storagegateway")
    gateway = _ready_cached_gateway(sgw)
    arn = gateway["arn"]
    sgw.update_bandwidth_rate_limit(GatewayARN=arn, AverageUploadRateLimitInBitsPerSec=102400)
    limits = sgw.describe_bandwidth_rate_limit(GatewayARN=arn)
    assert set(limits) - {"ResponseMetadata"} == {"GatewayARN", "AverageUploadRateLimitInBitsPerSec"}
    assert limits["AverageUploadRateLimitInBitsPerSec"] == 102400
    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=22, MinuteOfHour=0, DayOfWeek=3)
    window = sgw.describe_maintenance_start_time(GatewayARN=arn)
    assert (window["HourOfDay"], window["MinuteOfHour"], window["DayOfWeek"]) == (22, 0, 3)
    assert "DayOfMonth" not in window
    volume = _cached_volume(sgw, gateway)
    target = sgw.describe_cached_iscsi_volumes(VolumeARNs=[volume])["CachediSCSIVolumes"][0][
        "VolumeiSCSIAttributes"
    ]["TargetARN"]
    sgw.update_chap_credentials(
        TargetARN=target,
        InitiatorName="iqn.1991-05.com.microsoft:host",
        SecretToAuthenticateInitiator="111111111111",
    )
    [described] = sgw.describe_cached_iscsi_volumes(VolumeARNs=[volume])["CachediSCSIVolumes"]
    assert described["VolumeiSCSIAttributes"]["ChapEnabled"] is True
    sgw.update_snapshot_schedule(VolumeARN=volume, StartAt=6, RecurrenceInHours=12, Description="twice a day")
    schedule = sgw.describe_snapshot_schedule(VolumeARN=volume)
    assert (schedule["StartAt"], schedule["RecurrenceInHours"], schedule["Description"]) == (6, 12, "twice a day")
    assert schedule["Timezone"] == "GMT"


def test_volume_moves_between_gateways(clients: ClientFactory) -> None:
    sgw = clients("storagegateway")
    first, second = _ready_cached_gateway(sgw), _ready_cached_gateway(sgw)
    volume = _cached_volume(sgw, first)
    volume_id = volume.rsplit("/", 1)[1]
    sgw.detach_volume(VolumeARN=volume)
    [info] = sgw.list_volumes(GatewayARN=first["arn"])["VolumeInfos"]
    assert info["VolumeAttachmentStatus"] == "DETACHED"
    moved = sgw.attach_volume(GatewayARN=second["arn"], VolumeARN=volume, NetworkInterfaceId=second["ip"])
    assert moved["VolumeARN"] == f"{second['arn']}/volume/{volume_id}"
    assert moved["TargetARN"] == f"{second['arn']}/target/iqn.1997-05.com.amazon:core-volume"
    assert sgw.list_volumes(GatewayARN=first["arn"])["VolumeInfos"] == []
    [info] = sgw.list_volumes(GatewayARN=second["arn"])["VolumeInfos"]
    assert (info["VolumeId"], info["VolumeAttachmentStatus"]) == (volume_id, "ATTACHED")
