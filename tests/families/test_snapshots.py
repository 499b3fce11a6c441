"""CreateSnapshot and CreateSnapshotFromVolumeRecoveryPoint, and their EBS snapshots in EC2."""
from __future__ import annotations

import re
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from moto_sgw import mock_storagegateway

from ..conftest import (
    GIB,
    REGION,
    cached_gateway,
    cached_volume,
    sgw_error,
    stored_gateway,
    stored_volume,
)
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    MISSING_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
    VOLUME_NOT_FOUND,
    VOLUME_NOT_READY,
)


def _describe_snapshot(ec2: Any, snapshot_id: str) -> dict[str, Any]:
    snapshots = ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]
    assert len(snapshots) == 1
    return snapshots[0]


def _own_snapshots(ec2: Any) -> Any:
    owned = [{"Name": "owner-id", "Values": ["123456789012"]}]
    return ec2.describe_snapshots(Filters=owned)["Snapshots"]


def _volume_id(volume_arn: str) -> str:
    return volume_arn.rsplit("/", 1)[1]


# CreateSnapshot


def test_create_snapshot_returns_volume_and_snapshot_id(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    resp = sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="nightly")
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN", "SnapshotId"}
    assert resp["VolumeARN"] == arn
    assert re.fullmatch(r"snap-0[0-9a-f]{16}", resp["SnapshotId"])


def test_snapshot_is_an_ebs_snapshot(sgw: Any, ec2: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw), size=5 * GIB)
    snapshot_id = sgw.create_snapshot(
        VolumeARN=arn,
        SnapshotDescription="nightly",
        Tags=[{"Key": "team", "Value": "storage"}],
    )["SnapshotId"]
    snapshot = _describe_snapshot(ec2, snapshot_id)
    assert snapshot["SnapshotId"] == snapshot_id
    assert snapshot["Description"] == "nightly"
    assert snapshot["OwnerId"] == "123456789012"
    assert snapshot["VolumeId"] == _volume_id(arn).lower()
    assert snapshot["VolumeSize"] == 5
    assert snapshot["State"] == "completed"
    assert snapshot["Tags"] == [{"Key": "team", "Value": "storage"}]


def test_snapshot_size_is_rounded_up_to_gib(sgw: Any, ec2: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw), size=GIB + GIB // 2)
    snapshot_id = sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="odd")["SnapshotId"]
    assert _describe_snapshot(ec2, snapshot_id)["VolumeSize"] == 2


def test_snapshot_found_by_volume_id_filter(sgw: Any, ec2: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, target="vol1")
    other = cached_volume(sgw, gateway, target="vol2")
    snapshot_id = sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="mine")["SnapshotId"]
    sgw.create_snapshot(VolumeARN=other, SnapshotDescription="other")
    found = ec2.describe_snapshots(
        Filters=[{"Name": "volume-id", "Values": [_volume_id(arn).lower()]}]
    )["Snapshots"]
    assert [s["SnapshotId"] for s in found] == [snapshot_id]


def test_ec2_delete_snapshot_removes_it(sgw: Any, ec2: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    snapshot_id = sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="gone")["SnapshotId"]
    ec2.delete_snapshot(SnapshotId=snapshot_id)
    with pytest.raises(ClientError) as exc:
        ec2.describe_snapshots(SnapshotIds=[snapshot_id])
    assert exc.value.response["Error"]["Code"] == "InvalidSnapshot.NotFound"


def test_snapshot_of_stored_volume(sgw: Any, ec2: Any) -> None:
    arn = stored_volume(sgw, stored_gateway(sgw))
    resp = sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="stored")
    assert resp["VolumeARN"] == arn
    snapshot = _describe_snapshot(ec2, resp["SnapshotId"])
    assert snapshot["VolumeId"] == _volume_id(arn).lower()
    assert snapshot["VolumeSize"] == 300
    assert snapshot["Description"] == "stored"


def test_snapshot_description_of_256_chars_fails_validation(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    description = "x" * 256
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=arn, SnapshotDescription=description)
    message = (
        f"1 validation error detected: Value '{description}' at 'snapshotDescription' "
        "failed to satisfy constraint: Member must have length less than or equal to 255"
    )
    assert sgw_error(exc) == ("ValidationException", message, None)


def test_snapshot_description_of_255_chars_is_accepted(sgw: Any, ec2: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    description = "x" * 255
    snapshot_id = sgw.create_snapshot(VolumeARN=arn, SnapshotDescription=description)["SnapshotId"]
    assert _describe_snapshot(ec2, snapshot_id)["Description"] == description


def test_snapshot_of_missing_volume(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(
            VolumeARN=gateway["arn"] + "/volume/vol-0123456789ABCDEF0", SnapshotDescription="x"
        )
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_snapshot_of_volume_on_missing_gateway(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(
            VolumeARN=MISSING_GATEWAY + "/volume/vol-0123456789ABCDEF0", SnapshotDescription="x"
        )
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_snapshot_of_volume_without_upload_buffer_is_not_ready(sgw: Any, ec2: Any) -> None:
    gateway = cached_gateway(sgw, upload_buffer=False)
    arn = cached_volume(sgw, gateway)
    status = sgw.describe_cached_iscsi_volumes(VolumeARNs=[arn])["CachediSCSIVolumes"][0]["VolumeStatus"]
    assert status == "UPLOAD BUFFER NOT CONFIGURED"
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="x")
    assert sgw_error(exc) == VOLUME_NOT_READY
    assert _own_snapshots(ec2) == []


def test_snapshot_on_shut_down_gateway(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway)
    sgw.shutdown_gateway(GatewayARN=gateway["arn"])
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="x")
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


def test_snapshot_with_51_tags_is_invalid(sgw: Any, ec2: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    tags = [{"Key": f"key{i}", "Value": "v"} for i in range(51)]
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="x", Tags=tags)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _own_snapshots(ec2) == []


def test_snapshot_with_50_tags_is_accepted(sgw: Any, ec2: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    tags = [{"Key": f"key{i:02d}", "Value": "v"} for i in range(50)]
    snapshot_id = sgw.create_snapshot(VolumeARN=arn, SnapshotDescription="x", Tags=tags)["SnapshotId"]
    assert len(_describe_snapshot(ec2, snapshot_id)["Tags"]) == 50


def test_snapshot_with_aws_tag_key_is_invalid(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(
            VolumeARN=arn, SnapshotDescription="x", Tags=[{"Key": "aws:owner", "Value": "v"}]
        )
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_volume_from_gateway_snapshot_reports_source(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    source = cached_volume(sgw, gateway, target="source", size=5 * GIB)
    snapshot_id = sgw.create_snapshot(VolumeARN=source, SnapshotDescription="x")["SnapshotId"]
    restored = cached_volume(sgw, gateway, target="restored", size=5 * GIB, SnapshotId=snapshot_id)
    volume = sgw.describe_cached_iscsi_volumes(VolumeARNs=[restored])["CachediSCSIVolumes"][0]
    assert volume["SourceSnapshotId"] == snapshot_id


# CreateSnapshotFromVolumeRecoveryPoint


def test_snapshot_from_recovery_point(sgw: Any, ec2: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, size=5 * GIB)
    [point] = sgw.list_volume_recovery_points(GatewayARN=gateway["arn"])["VolumeRecoveryPointInfos"]
    resp = sgw.create_snapshot_from_volume_recovery_point(VolumeARN=arn, SnapshotDescription="point")
    assert set(resp) - {"ResponseMetadata"} == {"SnapshotId", "VolumeARN", "VolumeRecoveryPointTime"}
    assert resp["VolumeARN"] == arn
    assert resp["VolumeRecoveryPointTime"] == point["VolumeRecoveryPointTime"]
    assert re.fullmatch(r"snap-0[0-9a-f]{16}", resp["SnapshotId"])
    snapshot = _describe_snapshot(ec2, resp["SnapshotId"])
    assert snapshot["Description"] == "point"
    assert snapshot["VolumeId"] == _volume_id(arn).lower()
    assert snapshot["VolumeSize"] == 5


def test_snapshot_from_recovery_point_of_stored_volume_is_unsupported(sgw: Any) -> None:
    arn = stored_volume(sgw, stored_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot_from_volume_recovery_point(VolumeARN=arn, SnapshotDescription="x")
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# ID format


def test_short_id_format() -> None:
    with mock_storagegateway(id_format="short"):
        client = boto3.client("storagegateway", region_name=REGION)
        gateway = cached_gateway(client)
        arn = cached_volume(client, gateway)
        snapshot_id = client.create_snapshot(VolumeARN=arn, SnapshotDescription="x")["SnapshotId"]
        ec2 = boto3.client("ec2", region_name=REGION)
        found = ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]
    assert re.fullmatch(r"vol-[0-9A-F]{8}", _volume_id(arn))
    assert re.fullmatch(r"snap-[0-9a-f]{8}", snapshot_id)
    assert [s["SnapshotId"] for s in found] == [snapshot_id]
