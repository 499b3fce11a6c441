"""Local disks of a gateway VM, and their allocation as cache, upload buffer or working storage."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Optional, Tuple

from .. import ids
from ..messages import invalid
from ..protocol.registry import operation

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
    from .._generated.shapes import Disk as DiskShape
    from ..protocol.context import RequestContext
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

    def as_shape(self) -> "DiskShape":
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


def allocate(gateway: "Gateway", disk_ids: List[str], allocation: str) -> None:
    """Give every disk of ``disk_ids`` to ``allocation``, all or none."""
    if len(set(disk_ids)) != len(disk_ids):
        raise invalid("InvalidParameters")
    disks = []
    for disk_id in disk_ids:
        disk = gateway.disks.get(disk_id)
        if disk is None:
            raise invalid("DiskDoesNotExist")
        if disk.allocation != AVAILABLE:
            raise invalid("DiskAlreadyAllocated")
        disks.append(disk)
    for disk in disks:
        disk.allocation = allocation


def _add(ctx: "RequestContext", req: "AddCacheInput", allocation: str) -> "AddCacheOutput":
    allocate(ctx.gateway, req["DiskIds"], allocation)
    return {"GatewayARN": ctx.gateway.arn}


def _allocated(ctx: "RequestContext", allocation: str) -> "Tuple[List[str], int]":
    disks = ctx.gateway.disks_of(allocation)
    return [d.disk_id for d in disks], sum(d.size for d in disks)


@operation("ListLocalDisks")
def list_local_disks(ctx: "RequestContext", req: "ListLocalDisksInput") -> "ListLocalDisksOutput":
    gateway = ctx.gateway
    return {"GatewayARN": gateway.arn, "Disks": [d.as_shape() for d in gateway.disks.values()]}


@operation("AddCache")
def add_cache(ctx: "RequestContext", req: "AddCacheInput") -> "AddCacheOutput":
    return _add(ctx, req, CACHE_STORAGE)


@operation("AddUploadBuffer")
def add_upload_buffer(ctx: "RequestContext", req: "AddUploadBufferInput") -> "AddUploadBufferOutput":
    return _add(ctx, req, UPLOAD_BUFFER)


@operation("AddWorkingStorage")
def add_working_storage(
    ctx: "RequestContext", req: "AddWorkingStorageInput"
) -> "AddWorkingStorageOutput":
    return _add(ctx, req, WORKING_STORAGE)


@operation("DescribeCache")
def describe_cache(ctx: "RequestContext", req: "DescribeCacheInput") -> "DescribeCacheOutput":
    disk_ids, allocated = _allocated(ctx, CACHE_STORAGE)
    return {
        "GatewayARN": ctx.gateway.arn,
        "DiskIds": disk_ids,
        "CacheAllocatedInBytes": allocated,
        "CacheUsedPercentage": 0.0,
        "CacheDirtyPercentage": 0.0,
        "CacheHitPercentage": 0.0,
        "CacheMissPercentage": 0.0,
    }


@operation("DescribeUploadBuffer")
def describe_upload_buffer(
    ctx: "RequestContext", req: "DescribeUploadBufferInput"
) -> "DescribeUploadBufferOutput":
    disk_ids, allocated = _allocated(ctx, UPLOAD_BUFFER)
    return {
        "GatewayARN": ctx.gateway.arn,
        "DiskIds": disk_ids,
        "UploadBufferUsedInBytes": 0,
        "UploadBufferAllocatedInBytes": allocated,
    }


@operation("DescribeWorkingStorage")
def describe_working_storage(
    ctx: "RequestContext", req: "DescribeWorkingStorageInput"
) -> "DescribeWorkingStorageOutput":
    disk_ids, allocated = _allocated(ctx, WORKING_STORAGE)
    return {
        "GatewayARN": ctx.gateway.arn,
        "DiskIds": disk_ids,
        "WorkingStorageUsedInBytes": 0,
        "WorkingStorageAllocatedInBytes": allocated,
    }
