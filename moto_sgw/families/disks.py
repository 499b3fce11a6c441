"""Local disks of a gateway VM, and their allocation as cache, upload buffer or working storage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from .. import ids
from ..faults import fault
from ..protocol.registry import operation
from .gateway_types import CACHED, FILE_TYPES, STORED, TAPE_TYPES, VOLUME_TYPES

if TYPE_CHECKING:
    from .._generated.shapes import (
        AddCacheInput,
        AddCacheOutput,
        AddUploadBufferInput,
        AddUploadBufferOutput,
        AddWorkingStorageInput,
        AddWorkingStorageOutput,
        DescribeCacheInput,
        DescribeCacheOutput,
        DescribeUploadBufferInput,
        DescribeUploadBufferOutput,
        DescribeWorkingStorageInput,
        DescribeWorkingStorageOutput,
        ListLocalDisksInput,
        ListLocalDisksOutput,
    )
    from ..models import StorageGatewayBackend
    from .gateways import Gateway

GIB = 1024**3

# DiskAllocationType values. AVAILABLE was seen on a real unallocated disk; the model
# documents UPLOAD_BUFFER and CACHE_STORAGE; the other two follow the same rule
# (the 2012 SDK enums spelled them with spaces).
AVAILABLE = "AVAILABLE"
CACHE_STORAGE = "CACHE_STORAGE"
UPLOAD_BUFFER = "UPLOAD_BUFFER"
WORKING_STORAGE = "WORKING_STORAGE"
STORED_VOLUME = "STORED_iSCSI_VOLUME"

# Which gateway types may give a disk to each allocation (AddCache is not for stored
# gateways, AddUploadBuffer not for file gateways, AddWorkingStorage for stored only).
_ALLOWED_TYPES = {
    CACHE_STORAGE: frozenset({CACHED}) | TAPE_TYPES | FILE_TYPES,
    UPLOAD_BUFFER: VOLUME_TYPES | TAPE_TYPES,
    WORKING_STORAGE: frozenset({STORED}),
}

# The data disks a new gateway VM comes with (the root disk is not listed), sized as
# AWS recommends: 150 GiB and more for cache and upload buffer, more for stored volumes.
LOCAL_DISK_SIZES_GIB = (150, 150, 300, 500)


@dataclass
class Disk:
    disk_id: str
    path: str
    node: str
    size: int
    allocation: str = AVAILABLE
    allocation_resource: Optional[str] = None

    def as_shape(self) -> Dict[str, Any]:
        return {
            "DiskId": self.disk_id,
            "DiskPath": self.path,
            "DiskNode": self.node,
            "DiskStatus": "present",
            "DiskSizeInBytes": self.size,
            "DiskAllocationType": self.allocation,
            "DiskAllocationResource": self.allocation_resource,
            "DiskAttributeList": [],
        }


def local_disks() -> List[Disk]:
    """A fresh VM's data disks, as a real one lists them: /dev/sdb, SCSI (0:1), ..."""
    return [
        Disk(
            disk_id=ids.disk_id(),
            path=f"/dev/sd{chr(ord('b') + index)}",
            node=f"SCSI (0:{index + 1})",
            size=size_gib * GIB,
        )
        for index, size_gib in enumerate(LOCAL_DISK_SIZES_GIB)
    ]


def _gateway(sgw: "StorageGatewayBackend", arn: str, allocation: str) -> "Gateway":
    return sgw.gateways.require(arn, types=_ALLOWED_TYPES[allocation])


def allocate(gateway: "Gateway", disk_ids: List[str], allocation: str) -> None:
    """Give every disk of ``disk_ids`` to ``allocation``, all or none."""
    if len(set(disk_ids)) != len(disk_ids):
        raise fault("InvalidParameters")
    disks = []
    for disk_id in disk_ids:
        disk = gateway.disks.get(disk_id)
        if disk is None:
            raise fault("DiskDoesNotExist")
        if disk.allocation != AVAILABLE:
            raise fault("DiskAlreadyAllocated")
        disks.append(disk)
    for disk in disks:
        disk.allocation = allocation


def _add(sgw: "StorageGatewayBackend", req: Any, allocation: str) -> Dict[str, Any]:
    gateway = _gateway(sgw, req["GatewayARN"], allocation)
    allocate(gateway, req["DiskIds"], allocation)
    return {"GatewayARN": gateway.arn}


def _described(sgw: "StorageGatewayBackend", req: Any, allocation: str) -> "Tuple[Gateway, List[str], int]":
    gateway = _gateway(sgw, req["GatewayARN"], allocation)
    disks = gateway.disks_of(allocation)
    return gateway, [d.disk_id for d in disks], sum(d.size for d in disks)


@operation("ListLocalDisks")
def list_local_disks(sgw: "StorageGatewayBackend", req: "ListLocalDisksInput") -> "ListLocalDisksOutput":
    gateway = sgw.gateways.require(req["GatewayARN"])
    return {"GatewayARN": gateway.arn, "Disks": [d.as_shape() for d in gateway.disks.values()]}  # type: ignore[misc]


@operation("AddCache")
def add_cache(sgw: "StorageGatewayBackend", req: "AddCacheInput") -> "AddCacheOutput":
    return _add(sgw, req, CACHE_STORAGE)  # type: ignore[return-value]


@operation("AddUploadBuffer")
def add_upload_buffer(sgw: "StorageGatewayBackend", req: "AddUploadBufferInput") -> "AddUploadBufferOutput":
    return _add(sgw, req, UPLOAD_BUFFER)  # type: ignore[return-value]


@operation("AddWorkingStorage")
def add_working_storage(
    sgw: "StorageGatewayBackend", req: "AddWorkingStorageInput"
) -> "AddWorkingStorageOutput":
    return _add(sgw, req, WORKING_STORAGE)  # type: ignore[return-value]


@operation("DescribeCache")
def describe_cache(sgw: "StorageGatewayBackend", req: "DescribeCacheInput") -> "DescribeCacheOutput":
    gateway, disk_ids, allocated = _described(sgw, req, CACHE_STORAGE)
    return {
        "GatewayARN": gateway.arn,
        "DiskIds": disk_ids,
        "CacheAllocatedInBytes": allocated,
        "CacheUsedPercentage": 0.0,
        "CacheDirtyPercentage": 0.0,
        "CacheHitPercentage": 0.0,
        "CacheMissPercentage": 0.0,
    }


@operation("DescribeUploadBuffer")
def describe_upload_buffer(
    sgw: "StorageGatewayBackend", req: "DescribeUploadBufferInput"
) -> "DescribeUploadBufferOutput":
    gateway, disk_ids, allocated = _described(sgw, req, UPLOAD_BUFFER)
    return {
        "GatewayARN": gateway.arn,
        "DiskIds": disk_ids,
        "UploadBufferUsedInBytes": 0,
        "UploadBufferAllocatedInBytes": allocated,
    }


@operation("DescribeWorkingStorage")
def describe_working_storage(
    sgw: "StorageGatewayBackend", req: "DescribeWorkingStorageInput"
) -> "DescribeWorkingStorageOutput":
    gateway, disk_ids, allocated = _described(sgw, req, WORKING_STORAGE)
    return {
        "GatewayARN": gateway.arn,
        "DiskIds": disk_ids,
        "WorkingStorageUsedInBytes": 0,
        "WorkingStorageAllocatedInBytes": allocated,
    }
