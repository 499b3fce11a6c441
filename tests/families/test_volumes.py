"""Cached and stored iSCSI volumes, ListVolumes, DeleteVolume and ListVolumeRecoveryPoints."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import (
    GIB,
    activate,
    cached_gateway,
    cached_volume,
    disk_ids,
    ip_of,
    sgw_error,
    stored_gateway,
    stored_volume,
)
from ..expected import (
    DISK_ALREADY_ALLOCATED,
    DISK_DOES_NOT_EXIST,
    DISK_TOO_SMALL,
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    MAX_VOLUMES,
    MISSING_GATEWAY,
    SNAPSHOT_INVALID,
    TARGET_ALREADY_EXISTS,
    UNSUPPORTED_FOR_TYPE,
    VOLUME_NOT_FOUND,
)

TIB = 1024 * GIB
KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
MISSING_SNAPSHOT = "snap-0123456789abcdef0"


def _missing_volume(gateway_arn: str) -> str:
    return gateway_arn + "/volume/vol-0123456789ABCDEF0"


def _describe_cached(sgw: Any, arn: str) -> dict[str, Any]:
    volumes = sgw.describe_cached_iscsi_volumes(VolumeARNs=[arn])["CachediSCSIVolumes"]
    assert len(volumes) == 1
    return volumes[0]


def _describe_stored(sgw: Any, arn: str) -> dict[str, Any]:
    volumes = sgw.describe_stored_iscsi_volumes(VolumeARNs=[arn])["StorediSCSIVolumes"]
    assert len(volumes) == 1
    return volumes[0]


def _ec2_snapshot(ec2: Any, size_gib: int) -> str:
    volume_id = ec2.create_volume(Size=size_gib, AvailabilityZone="us-east-1a")["VolumeId"]
    return ec2.create_snapshot(VolumeId=volume_id)["SnapshotId"]


def _create_cached(sgw: Any, gateway: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "GatewayARN": gateway["arn"],
        "VolumeSizeInBytes": 5 * GIB,
        "TargetName": "vol1",
        "NetworkInterfaceId": gateway["ip"],
        "ClientToken": "token-vol1",
    }
    params.update(overrides)
    return sgw.create_cached_iscsi_volume(**params)


def _count_volumes(sgw: Any, gateway_arn: str) -> int:
    return len(sgw.list_volumes(GatewayARN=gateway_arn)["VolumeInfos"])


# CreateCachediSCSIVolume


def test_create_cached_volume_returns_volume_and_target_arns(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    resp = _create_cached(sgw, gateway)
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN", "TargetARN"}
    assert re.fullmatch(re.escape(gateway["arn"]) + r"/volume/vol-0[0-9A-F]{16}", resp["VolumeARN"])
    assert resp["TargetARN"] == gateway["arn"] + "/target/iqn.1997-05.com.amazon:vol1"


def test_describe_cached_volume_members(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, target="vol1", size=5 * GIB)
    volume = _describe_cached(sgw, arn)
    assert set(volume) == {
        "VolumeARN",
        "VolumeId",
        "VolumeType",
        "VolumeStatus",
        "VolumeAttachmentStatus",
        "VolumeSizeInBytes",
        "VolumeiSCSIAttributes",
        "CreatedDate",
        "VolumeUsedInBytes",
        "TargetName",
    }
    assert volume["VolumeARN"] == arn
    assert volume["VolumeId"] == arn.rsplit("/", 1)[1]
    assert volume["VolumeType"] == "CACHED iSCSI"
    assert volume["VolumeStatus"] == "AVAILABLE"
    assert volume["VolumeAttachmentStatus"] == "ATTACHED"
    assert volume["VolumeSizeInBytes"] == 5 * GIB
    assert volume["VolumeiSCSIAttributes"] == {
        "TargetARN": gateway["arn"] + "/target/iqn.1997-05.com.amazon:vol1",
        "NetworkInterfaceId": gateway["ip"],
        "NetworkInterfacePort": 3260,
        "LunNumber": 0,
        "ChapEnabled": False,
    }
    assert isinstance(volume["CreatedDate"], datetime)
    assert volume["VolumeUsedInBytes"] == 0
    assert volume["TargetName"] == "vol1"


def test_cached_volume_without_upload_buffer_is_not_configured(sgw: Any) -> None:
    gateway = cached_gateway(sgw, upload_buffer=False)
    arn = cached_volume(sgw, gateway)
    assert _describe_cached(sgw, arn)["VolumeStatus"] == "UPLOAD BUFFER NOT CONFIGURED"


def test_cached_volume_becomes_available_after_add_upload_buffer(sgw: Any) -> None:
    gateway = cached_gateway(sgw, upload_buffer=False)
    arn = cached_volume(sgw, gateway)
    sgw.add_upload_buffer(GatewayARN=gateway["arn"], DiskIds=[gateway["disks"][1]])
    assert _describe_cached(sgw, arn)["VolumeStatus"] == "AVAILABLE"


def test_create_cached_volume_without_cache_is_invalid(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")
    gateway = {"arn": arn, "disks": disk_ids(sgw, arn), "ip": ip_of(sgw, arn)}
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _count_volumes(sgw, arn) == 0


def test_client_token_replay_returns_same_volume(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    first = _create_cached(sgw, gateway)
    second = _create_cached(sgw, gateway)
    assert second["VolumeARN"] == first["VolumeARN"]
    assert second["TargetARN"] == first["TargetARN"]
    assert _count_volumes(sgw, gateway["arn"]) == 1


def test_client_token_reused_with_other_parameters_is_invalid(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    _create_cached(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, VolumeSizeInBytes=6 * GIB)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _count_volumes(sgw, gateway["arn"]) == 1


def test_duplicate_target_name_is_refused(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    _create_cached(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, ClientToken="another-token")
    assert sgw_error(exc) == TARGET_ALREADY_EXISTS
    assert _count_volumes(sgw, gateway["arn"]) == 1


def test_network_interface_not_of_gateway_is_invalid(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    other_ip = "192.168.255.254" if gateway["ip"] != "192.168.255.254" else "192.168.255.253"
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, NetworkInterfaceId=other_ip)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_thirty_third_volume_exceeds_maximum(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    for index in range(32):
        cached_volume(sgw, gateway, target=f"vol{index}", size=GIB)
    assert _count_volumes(sgw, gateway["arn"]) == 32
    with pytest.raises(ClientError) as exc:
        cached_volume(sgw, gateway, target="vol32", size=GIB)
    assert sgw_error(exc) == MAX_VOLUMES


def test_cached_volume_of_half_a_gib_is_invalid(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, VolumeSizeInBytes=GIB // 2)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_cached_volume_over_32_tib_is_invalid(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, VolumeSizeInBytes=32 * TIB + GIB)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_cached_volume_of_32_tib_is_accepted(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = _create_cached(sgw, gateway, VolumeSizeInBytes=32 * TIB)["VolumeARN"]
    assert _describe_cached(sgw, arn)["VolumeSizeInBytes"] == 32 * TIB


def test_upper_case_target_name_fails_validation(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, TargetName="Vol1")
    message = (
        "1 validation error detected: Value 'Vol1' at 'targetName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: ^[-\\.;a-z0-9]+$"
    )
    assert sgw_error(exc) == ("ValidationException", message, None)


def test_create_cached_volume_on_stored_gateway_is_unsupported(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_create_cached_volume_on_unknown_gateway(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, {"arn": MISSING_GATEWAY, "ip": "10.0.0.1"})
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_create_cached_volume_on_shut_down_gateway(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    sgw.shutdown_gateway(GatewayARN=gateway["arn"])
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


def test_cached_volume_from_ec2_snapshot_reports_source(sgw: Any, ec2: Any) -> None:
    gateway = cached_gateway(sgw)
    snapshot_id = _ec2_snapshot(ec2, 10)
    arn = cached_volume(sgw, gateway, size=10 * GIB, SnapshotId=snapshot_id)
    assert _describe_cached(sgw, arn)["SourceSnapshotId"] == snapshot_id


def test_cached_volume_smaller_than_snapshot_is_invalid(sgw: Any, ec2: Any) -> None:
    gateway = cached_gateway(sgw)
    snapshot_id = _ec2_snapshot(ec2, 10)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, VolumeSizeInBytes=5 * GIB, SnapshotId=snapshot_id)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_cached_volume_from_unknown_snapshot_is_invalid(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, SnapshotId=MISSING_SNAPSHOT)
    assert sgw_error(exc) == SNAPSHOT_INVALID
    assert _count_volumes(sgw, gateway["arn"]) == 0


def test_cached_volume_from_source_volume(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    source = cached_volume(sgw, gateway, target="source", size=5 * GIB)
    arn = cached_volume(sgw, gateway, target="clone", size=5 * GIB, SourceVolumeARN=source)
    assert arn != source
    assert _describe_cached(sgw, arn)["TargetName"] == "clone"
    assert _count_volumes(sgw, gateway["arn"]) == 2


def test_cached_volume_from_missing_source_volume(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, SourceVolumeARN=_missing_volume(gateway["arn"]))
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_cached_volume_smaller_than_source_volume_is_invalid(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    source = cached_volume(sgw, gateway, target="source", size=5 * GIB)
    with pytest.raises(ClientError) as exc:
        cached_volume(sgw, gateway, target="clone", size=4 * GIB, SourceVolumeARN=source)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_snapshot_and_source_volume_together_are_invalid(sgw: Any, ec2: Any) -> None:
    gateway = cached_gateway(sgw)
    source = cached_volume(sgw, gateway, target="source", size=10 * GIB)
    snapshot_id = _ec2_snapshot(ec2, 10)
    with pytest.raises(ClientError) as exc:
        cached_volume(
            sgw, gateway, target="clone", size=10 * GIB, SnapshotId=snapshot_id, SourceVolumeARN=source
        )
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_encrypted_cached_volume_shows_kms_key(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, KMSEncrypted=True, KMSKey=KMS_KEY)
    assert _describe_cached(sgw, arn)["KMSKey"] == KMS_KEY


def test_encrypted_cached_volume_without_kms_key_is_invalid(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _create_cached(sgw, gateway, KMSEncrypted=True)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_cached_volume_tags_given_at_creation(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, Tags=[{"Key": "team", "Value": "storage"}])
    tags = sgw.list_tags_for_resource(ResourceARN=arn)["Tags"]
    assert tags == [{"Key": "team", "Value": "storage"}]


# DescribeCachediSCSIVolumes


def test_describe_cached_volumes_sorted_by_arn(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    created = [cached_volume(sgw, gateway, target=f"vol{i}") for i in range(3)]
    asked = sorted(created, reverse=True)
    volumes = sgw.describe_cached_iscsi_volumes(VolumeARNs=asked)["CachediSCSIVolumes"]
    assert [v["VolumeARN"] for v in volumes] == sorted(created)


def test_describe_cached_volumes_of_two_gateways_is_invalid(sgw: Any) -> None:
    first = cached_volume(sgw, cached_gateway(sgw))
    second = cached_volume(sgw, cached_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.describe_cached_iscsi_volumes(VolumeARNs=[first, second])
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_describe_unknown_cached_volume(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.describe_cached_iscsi_volumes(VolumeARNs=[_missing_volume(gateway["arn"])])
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_describe_cached_volumes_of_stored_volume_is_unsupported(sgw: Any) -> None:
    arn = stored_volume(sgw, stored_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.describe_cached_iscsi_volumes(VolumeARNs=[arn])
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# CreateStorediSCSIVolume / DescribeStorediSCSIVolumes


def test_create_stored_volume_returns_arns_and_disk_size(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    disk_size = next(
        d["DiskSizeInBytes"]
        for d in sgw.list_local_disks(GatewayARN=gateway["arn"])["Disks"]
        if d["DiskId"] == gateway["disks"][2]
    )
    resp = sgw.create_stored_iscsi_volume(
        GatewayARN=gateway["arn"],
        DiskId=gateway["disks"][2],
        PreserveExistingData=False,
        TargetName="svol",
        NetworkInterfaceId=gateway["ip"],
    )
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN", "VolumeSizeInBytes", "TargetARN"}
    assert resp["VolumeSizeInBytes"] == disk_size == 300 * GIB
    assert re.fullmatch(re.escape(gateway["arn"]) + r"/volume/vol-0[0-9A-F]{16}", resp["VolumeARN"])
    assert resp["TargetARN"] == gateway["arn"] + "/target/iqn.1997-05.com.amazon:svol"


def test_describe_stored_volume_members(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    arn = stored_volume(sgw, gateway)
    volume = _describe_stored(sgw, arn)
    assert set(volume) == {
        "VolumeARN",
        "VolumeId",
        "VolumeType",
        "VolumeStatus",
        "VolumeAttachmentStatus",
        "VolumeSizeInBytes",
        "VolumeiSCSIAttributes",
        "CreatedDate",
        "VolumeUsedInBytes",
        "TargetName",
        "VolumeDiskId",
        "PreservedExistingData",
    }
    assert volume["VolumeType"] == "STORED iSCSI"
    assert volume["VolumeStatus"] == "AVAILABLE"
    assert volume["VolumeDiskId"] == gateway["disks"][2]
    assert volume["PreservedExistingData"] is False
    assert volume["VolumeSizeInBytes"] == 300 * GIB
    assert volume["VolumeiSCSIAttributes"]["TargetARN"] == (
        gateway["arn"] + "/target/iqn.1997-05.com.amazon:svol"
    )


def test_stored_volume_without_upload_buffer_is_not_configured(sgw: Any) -> None:
    gateway = stored_gateway(sgw, upload_buffer=False)
    arn = stored_volume(sgw, gateway)
    assert _describe_stored(sgw, arn)["VolumeStatus"] == "WORKING STORAGE NOT CONFIGURED"


def test_stored_volume_becomes_available_with_working_storage(sgw: Any) -> None:
    gateway = stored_gateway(sgw, upload_buffer=False)
    arn = stored_volume(sgw, gateway)
    sgw.add_working_storage(GatewayARN=gateway["arn"], DiskIds=[gateway["disks"][0]])
    assert _describe_stored(sgw, arn)["VolumeStatus"] == "AVAILABLE"


def test_stored_volume_on_upload_buffer_disk_is_refused(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        stored_volume(sgw, gateway, disk_index=0)
    assert sgw_error(exc) == DISK_ALREADY_ALLOCATED


def test_stored_volume_on_disk_of_another_volume_is_refused(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    stored_volume(sgw, gateway, disk_index=2, target="first")
    with pytest.raises(ClientError) as exc:
        stored_volume(sgw, gateway, disk_index=2, target="second")
    assert sgw_error(exc) == DISK_ALREADY_ALLOCATED
    assert _count_volumes(sgw, gateway["arn"]) == 1


def test_stored_volume_on_unknown_disk(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.create_stored_iscsi_volume(
            GatewayARN=gateway["arn"],
            DiskId="00000000-0000-0000-0000-000000000000",
            PreserveExistingData=False,
            TargetName="svol",
            NetworkInterfaceId=gateway["ip"],
        )
    assert sgw_error(exc) == DISK_DOES_NOT_EXIST


def test_create_stored_volume_on_cached_gateway_is_unsupported(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        stored_volume(sgw, gateway)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_stored_volume_from_snapshot_larger_than_disk(sgw: Any, ec2: Any) -> None:
    gateway = stored_gateway(sgw)
    snapshot_id = _ec2_snapshot(ec2, 400)
    with pytest.raises(ClientError) as exc:
        stored_volume(sgw, gateway, disk_index=2, SnapshotId=snapshot_id)
    assert sgw_error(exc) == DISK_TOO_SMALL


def test_stored_volume_from_snapshot_reports_source(sgw: Any, ec2: Any) -> None:
    gateway = stored_gateway(sgw)
    snapshot_id = _ec2_snapshot(ec2, 10)
    arn = stored_volume(sgw, gateway, disk_index=2, SnapshotId=snapshot_id)
    assert _describe_stored(sgw, arn)["SourceSnapshotId"] == snapshot_id


def test_stored_volume_preserving_data_from_snapshot_is_invalid(sgw: Any, ec2: Any) -> None:
    gateway = stored_gateway(sgw)
    snapshot_id = _ec2_snapshot(ec2, 10)
    with pytest.raises(ClientError) as exc:
        sgw.create_stored_iscsi_volume(
            GatewayARN=gateway["arn"],
            DiskId=gateway["disks"][2],
            SnapshotId=snapshot_id,
            PreserveExistingData=True,
            TargetName="svol",
            NetworkInterfaceId=gateway["ip"],
        )
    assert sgw_error(exc) == INVALID_PARAMETERS


# ListVolumes


def test_list_volumes_of_gateway_sorted_by_arn(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    other = cached_gateway(sgw)
    created = [cached_volume(sgw, gateway, target=f"vol{i}") for i in range(3)]
    cached_volume(sgw, other, target="elsewhere")
    resp = sgw.list_volumes(GatewayARN=gateway["arn"])
    assert resp["GatewayARN"] == gateway["arn"]
    assert [v["VolumeARN"] for v in resp["VolumeInfos"]] == sorted(created)
    assert "Marker" not in resp


def test_list_volumes_volume_info_members(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, size=5 * GIB)
    [info] = sgw.list_volumes(GatewayARN=gateway["arn"])["VolumeInfos"]
    assert info == {
        "VolumeARN": arn,
        "VolumeId": arn.rsplit("/", 1)[1],
        "GatewayARN": gateway["arn"],
        "GatewayId": gateway["arn"].rsplit("/", 1)[1],
        "VolumeType": "CACHED iSCSI",
        "VolumeSizeInBytes": 5 * GIB,
        "VolumeAttachmentStatus": "ATTACHED",
    }


def test_list_volumes_of_empty_gateway(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    resp = sgw.list_volumes(GatewayARN=gateway["arn"])
    assert resp["VolumeInfos"] == []
    assert "Marker" not in resp


def test_list_volumes_without_gateway_lists_all_gateways(sgw: Any) -> None:
    cached = cached_gateway(sgw)
    stored = stored_gateway(sgw)
    created = [cached_volume(sgw, cached), stored_volume(sgw, stored)]
    infos = sgw.list_volumes()["VolumeInfos"]
    assert [v["VolumeARN"] for v in infos] == sorted(created)
    assert {v["VolumeType"] for v in infos} == {"CACHED iSCSI", "STORED iSCSI"}


def test_list_volumes_pages_with_limit_one(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    created = [cached_volume(sgw, gateway, target=f"vol{i}") for i in range(3)]
    seen = []
    pages = 0
    kwargs: dict[str, Any] = {"GatewayARN": gateway["arn"], "Limit": 1}
    while True:
        resp = sgw.list_volumes(**kwargs)
        pages += 1
        assert len(resp["VolumeInfos"]) == 1
        seen.extend(v["VolumeARN"] for v in resp["VolumeInfos"])
        if "Marker" not in resp:
            break
        kwargs["Marker"] = resp["Marker"]
    assert pages == 3
    assert seen == sorted(created)


def test_list_volumes_paginator(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    created = [cached_volume(sgw, gateway, target=f"vol{i}") for i in range(3)]
    paginator = sgw.get_paginator("list_volumes")
    pages = list(paginator.paginate(GatewayARN=gateway["arn"], PaginationConfig={"PageSize": 2}))
    assert [len(page["VolumeInfos"]) for page in pages] == [2, 1]
    assert [v["VolumeARN"] for page in pages for v in page["VolumeInfos"]] == sorted(created)


def test_list_volumes_marker_of_other_gateway_is_invalid(sgw: Any) -> None:
    first = cached_gateway(sgw)
    second = cached_gateway(sgw)
    cached_volume(sgw, first, target="vol1")
    cached_volume(sgw, first, target="vol2")
    cached_volume(sgw, second, target="vol1")
    marker = sgw.list_volumes(GatewayARN=first["arn"], Limit=1)["Marker"]
    with pytest.raises(ClientError) as exc:
        sgw.list_volumes(GatewayARN=second["arn"], Marker=marker)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_list_volumes_of_vtl_gateway_is_unsupported(sgw: Any) -> None:
    arn = activate(sgw, "VTL")
    with pytest.raises(ClientError) as exc:
        sgw.list_volumes(GatewayARN=arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# DeleteVolume


def test_delete_volume_returns_its_arn(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    resp = sgw.delete_volume(VolumeARN=arn)
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN"}
    assert resp["VolumeARN"] == arn


def test_deleted_volume_is_not_found(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    sgw.delete_volume(VolumeARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.describe_cached_iscsi_volumes(VolumeARNs=[arn])
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_deleted_volume_leaves_list_volumes(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    kept = cached_volume(sgw, gateway, target="kept")
    gone = cached_volume(sgw, gateway, target="gone")
    sgw.delete_volume(VolumeARN=gone)
    infos = sgw.list_volumes(GatewayARN=gateway["arn"])["VolumeInfos"]
    assert [v["VolumeARN"] for v in infos] == [kept]


def test_deleted_volume_target_name_is_reusable(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    first = cached_volume(sgw, gateway, target="vol1")
    sgw.delete_volume(VolumeARN=first)
    second = _create_cached(sgw, gateway, ClientToken="second-token")
    assert second["VolumeARN"] != first
    assert second["TargetARN"] == gateway["arn"] + "/target/iqn.1997-05.com.amazon:vol1"


def test_delete_volume_twice_is_not_found(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    sgw.delete_volume(VolumeARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.delete_volume(VolumeARN=arn)
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_deleted_volume_tags_are_gone(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw), Tags=[{"Key": "team", "Value": "storage"}])
    sgw.delete_volume(VolumeARN=arn)
    with pytest.raises(ClientError) as exc:
        sgw.list_tags_for_resource(ResourceARN=arn)
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_deleted_stored_volume_frees_its_disk(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    first = stored_volume(sgw, gateway, target="first")
    sgw.delete_volume(VolumeARN=first)
    second = stored_volume(sgw, gateway, target="second")
    assert _describe_stored(sgw, second)["VolumeDiskId"] == gateway["disks"][2]


# ListVolumeRecoveryPoints


def test_recovery_points_of_available_volumes(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    created = [
        cached_volume(sgw, gateway, target="vol1", size=5 * GIB),
        cached_volume(sgw, gateway, target="vol2", size=7 * GIB),
    ]
    resp = sgw.list_volume_recovery_points(GatewayARN=gateway["arn"])
    assert resp["GatewayARN"] == gateway["arn"]
    points = resp["VolumeRecoveryPointInfos"]
    assert [p["VolumeARN"] for p in points] == sorted(created)
    sizes = {created[0]: 5 * GIB, created[1]: 7 * GIB}
    for point in points:
        assert set(point) == {
            "VolumeARN",
            "VolumeSizeInBytes",
            "VolumeUsageInBytes",
            "VolumeRecoveryPointTime",
        }
        assert point["VolumeSizeInBytes"] == sizes[point["VolumeARN"]]
        assert point["VolumeUsageInBytes"] == 0
        stamp = point["VolumeRecoveryPointTime"]
        assert isinstance(stamp, str) and stamp.endswith("Z")
        datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")


def test_no_recovery_points_without_upload_buffer(sgw: Any) -> None:
    gateway = cached_gateway(sgw, upload_buffer=False)
    cached_volume(sgw, gateway)
    resp = sgw.list_volume_recovery_points(GatewayARN=gateway["arn"])
    assert resp["VolumeRecoveryPointInfos"] == []


def test_recovery_points_of_stored_gateway_is_unsupported(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.list_volume_recovery_points(GatewayARN=gateway["arn"])
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_volume_ids_are_unique_in_the_region_not_only_on_a_gateway(
    sgw: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moto_sgw import ids

    first, second = cached_gateway(sgw), cached_gateway(sgw)
    # The generator draws the same ID twice in a row, then another.
    draws = iter(["vol-0AAAAAAAAAAAAAAAA", "vol-0AAAAAAAAAAAAAAAA", "vol-0BBBBBBBBBBBBBBBB"])
    monkeypatch.setattr(ids, "volume_id", lambda: next(draws))
    one = cached_volume(sgw, first, target="one")
    other = cached_volume(sgw, second, target="other")
    assert one.rsplit("/", 1)[1] == "vol-0AAAAAAAAAAAAAAAA"
    assert other.rsplit("/", 1)[1] == "vol-0BBBBBBBBBBBBBBBB"


def test_describe_cached_volumes_of_no_arns_is_an_empty_answer(sgw: Any) -> None:
    assert sgw.describe_cached_iscsi_volumes(VolumeARNs=[])["CachediSCSIVolumes"] == []
