"""AttachVolume, DetachVolume and ListVolumeInitiators."""
from __future__ import annotations

from typing import Any, Dict, List

import pytest
from botocore.exceptions import ClientError

from ..conftest import (
    GIB,
    activate,
    cached_gateway,
    cached_volume,
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
    TARGET_ALREADY_EXISTS,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
    VOLUME_IN_USE,
    VOLUME_NOT_FOUND,
    VOLUME_NOT_READY,
)

IQN = "iqn.1997-05.com.amazon:"
INITIATOR = "iqn.1991-05.com.microsoft:computername.domain.example.com"
MISSING_DISK = "00000000-0000-0000-0000-000000000000"

CACHED_MEMBERS = {
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
STORED_MEMBERS = CACHED_MEMBERS | {"VolumeDiskId", "PreservedExistingData"}


def _volume_id(volume_arn: str) -> str:
    return volume_arn.rsplit("/", 1)[1]


def _missing_volume(gateway_arn: str) -> str:
    return gateway_arn + "/volume/vol-0123456789ABCDEF0"


def _describe_cached(sgw: Any, arn: str) -> Dict[str, Any]:
    [volume] = sgw.describe_cached_iscsi_volumes(VolumeARNs=[arn])["CachediSCSIVolumes"]
    return volume


def _describe_stored(sgw: Any, arn: str) -> Dict[str, Any]:
    [volume] = sgw.describe_stored_iscsi_volumes(VolumeARNs=[arn])["StorediSCSIVolumes"]
    return volume


def _infos(sgw: Any, gateway_arn: str) -> List[Dict[str, Any]]:
    return sgw.list_volumes(GatewayARN=gateway_arn)["VolumeInfos"]


def _disk(sgw: Any, gateway_arn: str, disk_id: str) -> Dict[str, Any]:
    [disk] = [d for d in sgw.list_local_disks(GatewayARN=gateway_arn)["Disks"] if d["DiskId"] == disk_id]
    return disk


def _detached_cached(sgw: Any, target: str = "vol1") -> Dict[str, Any]:
    """A cached gateway with one detached volume."""
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, target=target)
    sgw.detach_volume(VolumeARN=arn)
    return {"gateway": gateway, "arn": arn}


def _detached_stored(sgw: Any) -> Dict[str, Any]:
    """A stored gateway with one detached stored volume (of 300 GiB, from disks[2])."""
    gateway = stored_gateway(sgw)
    arn = stored_volume(sgw, gateway)
    sgw.detach_volume(VolumeARN=arn)
    return {"gateway": gateway, "arn": arn}


# Attachment status of new volumes


def test_new_cached_volume_is_attached(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway)
    assert _describe_cached(sgw, arn)["VolumeAttachmentStatus"] == "ATTACHED"
    assert [v["VolumeAttachmentStatus"] for v in _infos(sgw, gateway["arn"])] == ["ATTACHED"]


def test_new_stored_volume_is_attached(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    arn = stored_volume(sgw, gateway)
    assert _describe_stored(sgw, arn)["VolumeAttachmentStatus"] == "ATTACHED"
    assert [v["VolumeAttachmentStatus"] for v in _infos(sgw, gateway["arn"])] == ["ATTACHED"]


# DetachVolume


def test_detach_volume_returns_its_arn(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    resp = sgw.detach_volume(VolumeARN=arn)
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN"}
    assert resp["VolumeARN"] == arn


def test_detached_volume_stays_listed_under_its_gateway(sgw: Any) -> None:
    made = _detached_cached(sgw)
    [info] = _infos(sgw, made["gateway"]["arn"])
    assert info["VolumeARN"] == made["arn"]
    assert info["GatewayARN"] == made["gateway"]["arn"]
    assert info["VolumeAttachmentStatus"] == "DETACHED"


def test_detached_cached_volume_is_described_without_iscsi_attributes(sgw: Any) -> None:
    made = _detached_cached(sgw, target="vol1")
    volume = _describe_cached(sgw, made["arn"])
    assert set(volume) == CACHED_MEMBERS - {"VolumeiSCSIAttributes"}
    assert volume["VolumeAttachmentStatus"] == "DETACHED"
    assert volume["TargetName"] == "vol1"
    assert volume["VolumeARN"] == made["arn"]


def test_detached_stored_volume_is_described_without_target_or_disk(sgw: Any) -> None:
    made = _detached_stored(sgw)
    volume = _describe_stored(sgw, made["arn"])
    assert set(volume) == STORED_MEMBERS - {"VolumeiSCSIAttributes", "VolumeDiskId"}
    assert volume["VolumeAttachmentStatus"] == "DETACHED"
    assert volume["TargetName"] == "svol"
    assert volume["VolumeSizeInBytes"] == 300 * GIB


def test_detached_volume_frees_its_target_name(sgw: Any) -> None:
    made = _detached_cached(sgw, target="vol1")
    gateway = made["gateway"]
    resp = sgw.create_cached_iscsi_volume(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=5 * GIB,
        TargetName="vol1",
        NetworkInterfaceId=gateway["ip"],
        ClientToken="another-token",
    )
    assert resp["VolumeARN"] != made["arn"]
    assert resp["TargetARN"] == gateway["arn"] + "/target/" + IQN + "vol1"


def test_detached_stored_volume_frees_its_disk(sgw: Any) -> None:
    made = _detached_stored(sgw)
    gateway = made["gateway"]
    disk = _disk(sgw, gateway["arn"], gateway["disks"][2])
    assert disk["DiskAllocationType"] == "AVAILABLE"
    assert "DiskAllocationResource" not in disk


def test_detached_volume_loses_its_chap_credentials(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, target="vol1")
    target_arn = gateway["arn"] + "/target/" + IQN + "vol1"
    sgw.update_chap_credentials(
        TargetARN=target_arn, SecretToAuthenticateInitiator="111111111111", InitiatorName=INITIATOR
    )
    sgw.detach_volume(VolumeARN=arn)
    successor = sgw.create_cached_iscsi_volume(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=5 * GIB,
        TargetName="vol1",
        NetworkInterfaceId=gateway["ip"],
        ClientToken="successor",
    )["VolumeARN"]
    assert _describe_cached(sgw, successor)["VolumeiSCSIAttributes"]["ChapEnabled"] is False
    assert sgw.describe_chap_credentials(TargetARN=target_arn)["ChapCredentials"] == []


def test_detached_volume_does_not_count_toward_the_volume_limit(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arns = [cached_volume(sgw, gateway, target=f"vol{i}", size=GIB) for i in range(32)]
    sgw.detach_volume(VolumeARN=arns[0])
    extra = cached_volume(sgw, gateway, target="vol32", size=GIB)
    listed = {v["VolumeARN"] for v in _infos(sgw, gateway["arn"])}
    assert listed == set(arns) | {extra}


def test_snapshot_of_detached_volume_is_not_ready(sgw: Any) -> None:
    made = _detached_cached(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.create_snapshot(VolumeARN=made["arn"], SnapshotDescription="nightly")
    assert sgw_error(exc) == VOLUME_NOT_READY


def test_detach_detached_volume_is_invalid(sgw: Any) -> None:
    made = _detached_cached(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.detach_volume(VolumeARN=made["arn"])
    assert sgw_error(exc) == INVALID_PARAMETERS


@pytest.mark.parametrize("gateway_type", ["VTL", "FILE_S3"])
def test_detach_on_gateway_without_volumes_is_unsupported(sgw: Any, gateway_type: str) -> None:
    gateway_arn = activate(sgw, gateway_type)
    with pytest.raises(ClientError) as exc:
        sgw.detach_volume(VolumeARN=f"{gateway_arn}/volume/vol-1122AABB")
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_detached_volume_can_be_deleted(sgw: Any) -> None:
    made = _detached_cached(sgw)
    resp = sgw.delete_volume(VolumeARN=made["arn"])
    assert resp["VolumeARN"] == made["arn"]
    assert _infos(sgw, made["gateway"]["arn"]) == []


def test_detach_unknown_volume_is_not_found(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.detach_volume(VolumeARN=_missing_volume(gateway["arn"]))
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_detach_on_shut_down_gateway_is_not_connected(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway)
    sgw.shutdown_gateway(GatewayARN=gateway["arn"])
    with pytest.raises(ClientError) as exc:
        sgw.detach_volume(VolumeARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


def test_detach_on_unknown_gateway_is_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.detach_volume(VolumeARN=_missing_volume(UNKNOWN_GATEWAY))
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# AttachVolume


def test_attach_volume_returns_new_volume_and_target_arns(sgw: Any) -> None:
    made = _detached_cached(sgw)
    other = cached_gateway(sgw)
    resp = sgw.attach_volume(
        GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], TargetName="moved"
    )
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN", "TargetARN"}
    assert resp["VolumeARN"] == other["arn"] + "/volume/" + _volume_id(made["arn"])
    assert resp["TargetARN"] == other["arn"] + "/target/" + IQN + "moved"


def test_attach_without_target_name_keeps_the_previous_one(sgw: Any) -> None:
    made = _detached_cached(sgw, target="vol1")
    other = cached_gateway(sgw)
    resp = sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"])
    assert resp["TargetARN"] == other["arn"] + "/target/" + IQN + "vol1"
    assert _describe_cached(sgw, resp["VolumeARN"])["TargetName"] == "vol1"


def test_attached_volume_is_listed_under_the_new_gateway_only(sgw: Any) -> None:
    made = _detached_cached(sgw)
    other = cached_gateway(sgw)
    new_arn = sgw.attach_volume(
        GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"]
    )["VolumeARN"]
    assert _infos(sgw, made["gateway"]["arn"]) == []
    [info] = _infos(sgw, other["arn"])
    assert info["VolumeARN"] == new_arn
    assert info["GatewayARN"] == other["arn"]
    assert info["VolumeAttachmentStatus"] == "ATTACHED"


def test_attached_volume_is_described_with_its_new_target(sgw: Any) -> None:
    made = _detached_cached(sgw)
    other = cached_gateway(sgw)
    new_arn = sgw.attach_volume(
        GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], TargetName="moved"
    )["VolumeARN"]
    volume = _describe_cached(sgw, new_arn)
    assert set(volume) == CACHED_MEMBERS
    assert volume["VolumeId"] == _volume_id(made["arn"])
    assert volume["VolumeAttachmentStatus"] == "ATTACHED"
    assert volume["TargetName"] == "moved"
    assert volume["VolumeiSCSIAttributes"] == {
        "TargetARN": other["arn"] + "/target/" + IQN + "moved",
        "NetworkInterfaceId": other["ip"],
        "NetworkInterfacePort": 3260,
        "LunNumber": 0,
        "ChapEnabled": False,
    }


def test_old_volume_arn_is_not_found_after_attach(sgw: Any) -> None:
    made = _detached_cached(sgw)
    other = cached_gateway(sgw)
    sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"])
    with pytest.raises(ClientError) as exc:
        sgw.describe_cached_iscsi_volumes(VolumeARNs=[made["arn"]])
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_tags_follow_the_attached_volume(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway, Tags=[{"Key": "team", "Value": "storage"}])
    sgw.detach_volume(VolumeARN=arn)
    other = cached_gateway(sgw)
    new_arn = sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=arn, NetworkInterfaceId=other["ip"])[
        "VolumeARN"
    ]
    assert sgw.list_tags_for_resource(ResourceARN=new_arn)["Tags"] == [{"Key": "team", "Value": "storage"}]


def test_reattach_to_the_same_gateway(sgw: Any) -> None:
    made = _detached_cached(sgw, target="vol1")
    gateway = made["gateway"]
    resp = sgw.attach_volume(GatewayARN=gateway["arn"], VolumeARN=made["arn"], NetworkInterfaceId=gateway["ip"])
    assert resp["VolumeARN"] == made["arn"]
    assert resp["TargetARN"] == gateway["arn"] + "/target/" + IQN + "vol1"
    assert [v["VolumeAttachmentStatus"] for v in _infos(sgw, gateway["arn"])] == ["ATTACHED"]


def test_attach_attached_volume_is_in_use(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    other = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=arn, NetworkInterfaceId=other["ip"])
    assert sgw_error(exc) == VOLUME_IN_USE


def test_attach_cached_volume_to_stored_gateway_is_unsupported(sgw: Any) -> None:
    made = _detached_cached(sgw)
    other = stored_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(
            GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], DiskId=other["disks"][3]
        )
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_attach_stored_volume_to_cached_gateway_is_unsupported(sgw: Any) -> None:
    made = _detached_stored(sgw)
    other = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(
            GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], DiskId=other["disks"][3]
        )
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_attach_to_vtl_gateway_is_unsupported(sgw: Any) -> None:
    made = _detached_cached(sgw)
    vtl = activate(sgw, "VTL")
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=vtl, VolumeARN=made["arn"], NetworkInterfaceId=made["gateway"]["ip"])
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_attach_with_network_interface_not_of_gateway_is_invalid(sgw: Any) -> None:
    made = _detached_cached(sgw)
    other = cached_gateway(sgw)
    wrong_ip = "192.168.255.254" if other["ip"] != "192.168.255.254" else "192.168.255.253"
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=wrong_ip)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _infos(sgw, other["arn"]) == []


def test_attach_with_taken_target_name_already_exists(sgw: Any) -> None:
    made = _detached_cached(sgw, target="vol1")
    other = cached_gateway(sgw)
    cached_volume(sgw, other, target="vol1")
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"])
    assert sgw_error(exc) == TARGET_ALREADY_EXISTS


def test_attach_to_gateway_with_32_volumes_exceeds_maximum(sgw: Any) -> None:
    made = _detached_cached(sgw, target="moving")
    other = cached_gateway(sgw)
    for index in range(32):
        cached_volume(sgw, other, target=f"vol{index}", size=GIB)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"])
    assert sgw_error(exc) == MAX_VOLUMES
    assert len(_infos(sgw, other["arn"])) == 32


def test_attach_stored_volume_without_disk_is_invalid(sgw: Any) -> None:
    made = _detached_stored(sgw)
    other = stored_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"])
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_attach_stored_volume_to_unknown_disk(sgw: Any) -> None:
    made = _detached_stored(sgw)
    other = stored_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(
            GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], DiskId=MISSING_DISK
        )
    assert sgw_error(exc) == DISK_DOES_NOT_EXIST


def test_attach_stored_volume_to_allocated_disk(sgw: Any) -> None:
    made = _detached_stored(sgw)
    other = stored_gateway(sgw)  # disks[0] is its upload buffer
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(
            GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], DiskId=other["disks"][0]
        )
    assert sgw_error(exc) == DISK_ALREADY_ALLOCATED


def test_attach_stored_volume_to_smaller_disk(sgw: Any) -> None:
    made = _detached_stored(sgw)  # 300 GiB
    other = stored_gateway(sgw)  # disks[1] has 150 GiB
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(
            GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], DiskId=other["disks"][1]
        )
    assert sgw_error(exc) == DISK_TOO_SMALL
    assert _disk(sgw, other["arn"], other["disks"][1])["DiskAllocationType"] == "AVAILABLE"


def test_attached_stored_volume_takes_its_new_disk(sgw: Any) -> None:
    made = _detached_stored(sgw)
    other = stored_gateway(sgw)
    new_disk = other["disks"][3]  # 500 GiB
    new_arn = sgw.attach_volume(
        GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"], DiskId=new_disk
    )["VolumeARN"]
    assert _disk(sgw, other["arn"], new_disk)["DiskAllocationType"] == "STORED_iSCSI_VOLUME"
    volume = _describe_stored(sgw, new_arn)
    assert volume["VolumeDiskId"] == new_disk
    assert volume["VolumeAttachmentStatus"] == "ATTACHED"
    assert volume["VolumeSizeInBytes"] == 300 * GIB


def test_attach_unknown_volume_is_not_found(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(
            GatewayARN=gateway["arn"], VolumeARN=_missing_volume(gateway["arn"]), NetworkInterfaceId=gateway["ip"]
        )
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_attach_to_shut_down_gateway_is_not_connected(sgw: Any) -> None:
    made = _detached_cached(sgw)
    other = cached_gateway(sgw)
    sgw.shutdown_gateway(GatewayARN=other["arn"])
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=made["arn"], NetworkInterfaceId=other["ip"])
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


def test_attach_to_unknown_gateway_is_not_found(sgw: Any) -> None:
    made = _detached_cached(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.attach_volume(GatewayARN=UNKNOWN_GATEWAY, VolumeARN=made["arn"], NetworkInterfaceId=made["gateway"]["ip"])
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# ListVolumeInitiators


def test_list_volume_initiators_is_empty(sgw: Any) -> None:
    arn = cached_volume(sgw, cached_gateway(sgw))
    resp = sgw.list_volume_initiators(VolumeARN=arn)
    assert set(resp) - {"ResponseMetadata"} == {"Initiators"}
    assert resp["Initiators"] == []


def test_list_initiators_of_unknown_volume_is_not_found(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        sgw.list_volume_initiators(VolumeARN=_missing_volume(gateway["arn"]))
    assert sgw_error(exc) == VOLUME_NOT_FOUND


def test_list_initiators_on_shut_down_gateway_is_not_connected(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway)
    sgw.shutdown_gateway(GatewayARN=gateway["arn"])
    with pytest.raises(ClientError) as exc:
        sgw.list_volume_initiators(VolumeARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
