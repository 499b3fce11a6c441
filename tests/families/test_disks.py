"""Local disks of a gateway and their allocation: cache, upload buffer, working storage, stored volumes."""
from __future__ import annotations

import uuid
from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError

from ..conftest import GIB, activate, disk_ids, sgw_error, stored_gateway, stored_volume
from ..expected import (
    DISK_ALREADY_ALLOCATED,
    DISK_DOES_NOT_EXIST,
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
)

DISK_MEMBERS = {
    "DiskId",
    "DiskPath",
    "DiskNode",
    "DiskStatus",
    "DiskSizeInBytes",
    "DiskAllocationType",
    "DiskAttributeList",
}


def _members(resp: Dict[str, Any]) -> set:
    return set(resp) - {"ResponseMetadata"}


def _disks(client: Any, arn: str) -> Dict[str, Dict[str, Any]]:
    return {d["DiskId"]: d for d in client.list_local_disks(GatewayARN=arn)["Disks"]}


def _allocations(client: Any, arn: str) -> Dict[str, str]:
    return {disk_id: d["DiskAllocationType"] for disk_id, d in _disks(client, arn).items()}


# ListLocalDisks


def test_list_local_disks_response_members(sgw: Any) -> None:
    arn = activate(sgw)

    resp = sgw.list_local_disks(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN", "Disks"}
    assert resp["GatewayARN"] == arn


def test_list_local_disks_of_fresh_gateway(sgw: Any) -> None:
    arn = activate(sgw)

    disks = sgw.list_local_disks(GatewayARN=arn)["Disks"]

    assert len(disks) >= 3
    for disk in disks:
        assert set(disk) == DISK_MEMBERS
        assert disk["DiskStatus"] == "present"
        assert disk["DiskAllocationType"] == "AVAILABLE"
        assert disk["DiskSizeInBytes"] >= 150 * GIB
        assert disk["DiskAttributeList"] == []


def test_list_local_disks_ids_are_distinct(sgw: Any) -> None:
    arn = activate(sgw)

    ids = disk_ids(sgw, arn)

    assert len(set(ids)) == len(ids)


def test_list_local_disks_paths_and_nodes_look_like_a_vm(sgw: Any) -> None:
    arn = activate(sgw)

    disks = sgw.list_local_disks(GatewayARN=arn)["Disks"]

    assert disks[0]["DiskPath"] == "/dev/sdb"
    assert disks[0]["DiskNode"] == "SCSI (0:1)"
    uuid.UUID(disks[0]["DiskId"])


def test_list_local_disks_of_unknown_gateway_is_gateway_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.list_local_disks(GatewayARN=UNKNOWN_GATEWAY)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# The three allocations alike: AddCache/DescribeCache, AddUploadBuffer/DescribeUploadBuffer,
# AddWorkingStorage/DescribeWorkingStorage.

ALLOCATIONS = [
    pytest.param(
        "add_cache",
        "describe_cache",
        "CACHED",
        "CACHE_STORAGE",
        "CacheAllocatedInBytes",
        ("CacheUsedPercentage", "CacheDirtyPercentage", "CacheHitPercentage", "CacheMissPercentage"),
        id="cache",
    ),
    pytest.param(
        "add_upload_buffer",
        "describe_upload_buffer",
        "CACHED",
        "UPLOAD_BUFFER",
        "UploadBufferAllocatedInBytes",
        ("UploadBufferUsedInBytes",),
        id="upload-buffer",
    ),
    pytest.param(
        "add_working_storage",
        "describe_working_storage",
        "STORED",
        "WORKING_STORAGE",
        "WorkingStorageAllocatedInBytes",
        ("WorkingStorageUsedInBytes",),
        id="working-storage",
    ),
]
ALLOCATION_ARGS = "add, describe, gateway_type, allocation, allocated_member, zero_members"


@pytest.mark.parametrize(ALLOCATION_ARGS, ALLOCATIONS)
def test_add_marks_only_the_named_disk(
    sgw: Any, add: str, describe: str, gateway_type: str, allocation: str, allocated_member: str, zero_members: Any
) -> None:
    arn = activate(sgw, gateway_type)
    disks = disk_ids(sgw, arn)

    resp = getattr(sgw, add)(GatewayARN=arn, DiskIds=[disks[1]])

    assert (_members(resp), resp["GatewayARN"]) == ({"GatewayARN"}, arn)
    allocations = _allocations(sgw, arn)
    assert allocations[disks[1]] == allocation
    assert [allocations[d] for d in disks if d != disks[1]] == ["AVAILABLE"] * (len(disks) - 1)


@pytest.mark.parametrize(ALLOCATION_ARGS, ALLOCATIONS)
def test_describe_after_add_reports_the_disk(
    sgw: Any, add: str, describe: str, gateway_type: str, allocation: str, allocated_member: str, zero_members: Any
) -> None:
    arn = activate(sgw, gateway_type)
    disk = sgw.list_local_disks(GatewayARN=arn)["Disks"][1]
    getattr(sgw, add)(GatewayARN=arn, DiskIds=[disk["DiskId"]])

    resp = getattr(sgw, describe)(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN", "DiskIds", allocated_member, *zero_members}
    assert resp["GatewayARN"] == arn
    assert resp["DiskIds"] == [disk["DiskId"]]
    assert resp[allocated_member] == disk["DiskSizeInBytes"]
    assert [resp[member] for member in zero_members] == [0] * len(zero_members)


@pytest.mark.parametrize(
    "add, gateway_type",
    [("add_cache", "STORED"), ("add_upload_buffer", "FILE_S3"), ("add_working_storage", "CACHED")],
)
def test_add_to_a_gateway_type_without_it_is_unsupported(sgw: Any, add: str, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    disk = disk_ids(sgw, arn)[0]

    with pytest.raises(ClientError) as exc:
        getattr(sgw, add)(GatewayARN=arn, DiskIds=[disk])

    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    assert _allocations(sgw, arn)[disk] == "AVAILABLE"


# AddCache and DescribeCache


def test_describe_cache_sums_two_disks(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")
    disks = sgw.list_local_disks(GatewayARN=arn)["Disks"][:2]
    sgw.add_cache(GatewayARN=arn, DiskIds=[d["DiskId"] for d in disks])

    resp = sgw.describe_cache(GatewayARN=arn)

    assert sorted(resp["DiskIds"]) == sorted(d["DiskId"] for d in disks)
    assert resp["CacheAllocatedInBytes"] == sum(d["DiskSizeInBytes"] for d in disks)


def test_describe_cache_of_unknown_gateway_is_gateway_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.describe_cache(GatewayARN=UNKNOWN_GATEWAY)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_describe_cache_of_shut_down_gateway_is_not_connected(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")
    sgw.add_cache(GatewayARN=arn, DiskIds=[disk_ids(sgw, arn)[0]])
    sgw.shutdown_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        sgw.describe_cache(GatewayARN=arn)

    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


def test_add_cache_to_shut_down_gateway_is_not_connected(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")
    disk = disk_ids(sgw, arn)[0]
    sgw.shutdown_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        sgw.add_cache(GatewayARN=arn, DiskIds=[disk])

    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED
    sgw.start_gateway(GatewayARN=arn)
    assert _allocations(sgw, arn)[disk] == "AVAILABLE"


# AddUploadBuffer and DescribeUploadBuffer


def test_describe_upload_buffer_without_buffer_is_empty(sgw: Any) -> None:
    arn = activate(sgw, "STORED")

    resp = sgw.describe_upload_buffer(GatewayARN=arn)

    assert resp["DiskIds"] == []
    assert resp["UploadBufferAllocatedInBytes"] == 0


# Allocation rules


def test_add_same_disk_twice_is_disk_already_allocated(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")
    disk = disk_ids(sgw, arn)[0]
    sgw.add_cache(GatewayARN=arn, DiskIds=[disk])

    with pytest.raises(ClientError) as exc:
        sgw.add_upload_buffer(GatewayARN=arn, DiskIds=[disk])

    assert sgw_error(exc) == DISK_ALREADY_ALLOCATED
    assert _allocations(sgw, arn)[disk] == "CACHE_STORAGE"


def test_add_cache_of_unknown_disk_is_disk_does_not_exist(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")

    with pytest.raises(ClientError) as exc:
        sgw.add_cache(GatewayARN=arn, DiskIds=["no-such-disk"])

    assert sgw_error(exc) == DISK_DOES_NOT_EXIST


def test_add_cache_with_one_unknown_disk_allocates_nothing(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")
    good = disk_ids(sgw, arn)[0]

    with pytest.raises(ClientError) as exc:
        sgw.add_cache(GatewayARN=arn, DiskIds=[good, "no-such-disk"])

    assert sgw_error(exc) == DISK_DOES_NOT_EXIST
    assert set(_allocations(sgw, arn).values()) == {"AVAILABLE"}
    assert sgw.describe_cache(GatewayARN=arn)["DiskIds"] == []


def test_add_cache_of_another_gateways_disk_is_disk_does_not_exist(sgw: Any) -> None:
    arn = activate(sgw, "CACHED", name="one")
    other = activate(sgw, "CACHED", name="two")
    foreign = disk_ids(sgw, other)[0]

    with pytest.raises(ClientError) as exc:
        sgw.add_cache(GatewayARN=arn, DiskIds=[foreign])

    assert sgw_error(exc) == DISK_DOES_NOT_EXIST
    assert _allocations(sgw, other)[foreign] == "AVAILABLE"


# Stored volumes on local disks


def test_stored_volume_disk_allocation(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    volume_arn = stored_volume(sgw, gateway, disk_index=2, target="svol")
    volume_id = volume_arn.rsplit("/", 1)[1]

    disk = _disks(sgw, gateway["arn"])[gateway["disks"][2]]

    assert set(disk) == DISK_MEMBERS | {"DiskAllocationResource"}
    assert disk["DiskAllocationType"] == "STORED_iSCSI_VOLUME"
    assert disk["DiskAllocationResource"] == f"iqn.1997-05.com.amazon:svol::0::us-east-1-{volume_id}"


def test_stored_volume_disk_is_available_after_delete_volume(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    volume_arn = stored_volume(sgw, gateway, disk_index=2)

    sgw.delete_volume(VolumeARN=volume_arn)

    disk = _disks(sgw, gateway["arn"])[gateway["disks"][2]]
    assert set(disk) == DISK_MEMBERS
    assert disk["DiskAllocationType"] == "AVAILABLE"


def test_stored_volume_disk_cannot_become_upload_buffer(sgw: Any) -> None:
    gateway = stored_gateway(sgw, upload_buffer=False)
    stored_volume(sgw, gateway, disk_index=2)

    with pytest.raises(ClientError) as exc:
        sgw.add_upload_buffer(GatewayARN=gateway["arn"], DiskIds=[gateway["disks"][2]])

    assert sgw_error(exc) == DISK_ALREADY_ALLOCATED
    assert _allocations(sgw, gateway["arn"])[gateway["disks"][2]] == "STORED_iSCSI_VOLUME"
