"""Cached and stored iSCSI volumes: their targets, attachment to gateways, initiators and
recovery points.

A new volume is ``CREATING`` (a stored one made from a snapshot ``RESTORING``, one that
keeps the disk's data ``BOOTSTRAPPING``) and then ``AVAILABLE``, through the lifecycle
model ``storagegateway::volume``. DetachVolume takes a volume off its gateway
(``DETACHING``, then ``DETACHED``) and AttachVolume puts it on one (``ATTACHING``, then
``ATTACHED``), through ``storagegateway::volume-attachment``; a detached volume keeps its
ID, stays listed under its last gateway, and is moved under the new one's ARN when
attached. Both lifecycles are immediate unless configured."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ... import arns, ids, lifecycle, rules
from ...bridges import ec2
from ...gateway_types import CACHED, STORED
from ...lifecycle import Lifecycle
from ...messages import invalid
from ...pagination import paginate
from ...protocol.registry import operation
from ...store import SortedStore
from ..disks import AVAILABLE as DISK_AVAILABLE
from ..disks import CACHE_STORAGE, STORED_VOLUME, UPLOAD_BUFFER, WORKING_STORAGE, Disk
from ..gateways import Gateway
from .schedules import Schedule, default_schedule

if TYPE_CHECKING:
    from ..._generated.shapes import (
        AttachVolumeInput,
        AttachVolumeOutput,
        CreateCachediSCSIVolumeInput,
        CreateCachediSCSIVolumeOutput,
        CreateStorediSCSIVolumeInput,
        CreateStorediSCSIVolumeOutput,
        DeleteVolumeInput,
        DeleteVolumeOutput,
        DescribeCachediSCSIVolumesInput,
        DescribeCachediSCSIVolumesOutput,
        DescribeStorediSCSIVolumesInput,
        DescribeStorediSCSIVolumesOutput,
        DetachVolumeInput,
        DetachVolumeOutput,
        ListVolumeInitiatorsInput,
        ListVolumeInitiatorsOutput,
        ListVolumeRecoveryPointsInput,
        ListVolumeRecoveryPointsOutput,
        ListVolumesInput,
        ListVolumesOutput,
        StorediSCSIVolume,
        VolumeInfo,
        VolumeiSCSIAttributes,
        VolumeRecoveryPointInfo,
    )
    from ..._generated.shapes import CachediSCSIVolume
    from ...models import StorageGatewayBackend
    from ...protocol.context import RequestContext

GIB = 1024**3
TIB = 1024 * GIB

# AWS quotas: 32 volumes a gateway; cached volumes up to 32 TiB, stored up to 16 TiB.
MAX_VOLUMES_PER_GATEWAY = 32
MAX_CACHED_VOLUME_SIZE = 32 * TIB
MAX_STORED_VOLUME_SIZE = 16 * TIB
# No minimum is documented; real gateways accepted 1 GiB cached volumes.
MIN_CACHED_VOLUME_SIZE = GIB

CACHED_ISCSI, STORED_ISCSI = "CACHED iSCSI", "STORED iSCSI"
VOLUME_AVAILABLE = "AVAILABLE"
CREATING, RESTORING, BOOTSTRAPPING = "CREATING", "RESTORING", "BOOTSTRAPPING"
# A volume may be snapshotted when AVAILABLE, and while RESTORING (AWS: readable, writable
# and snapshot-able while restoring); not while CREATING or BOOTSTRAPPING.
SNAPSHOT_STATES = frozenset({VOLUME_AVAILABLE, RESTORING})
ATTACHED, ATTACHING, DETACHING, DETACHED = "ATTACHED", "ATTACHING", "DETACHING", "DETACHED"
UPLOAD_BUFFER_NOT_CONFIGURED = "UPLOAD BUFFER NOT CONFIGURED"
WORKING_STORAGE_NOT_CONFIGURED = "WORKING STORAGE NOT CONFIGURED"
ISCSI_PORT = 3260


@dataclass
class Volume(ABC):
    arn: str
    volume_id: str
    gateway: Gateway
    size: int
    target_name: str
    network_interface_id: str
    source_snapshot_id: Optional[str] = None
    kms_key: Optional[str] = None
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    progress: Lifecycle = field(default_factory=lambda: _progress(CREATING))
    attachment: Lifecycle = field(default_factory=lambda: Lifecycle(lifecycle.VOLUME_ATTACHMENT, ATTACHED))
    used: int = 0  # bytes written by the gateway's iSCSI clients (moto_sgw.appliance)
    schedule: Optional[Schedule] = None

    volume_type = ""

    @property
    def target_arn(self) -> str:
        return arns.target(self.gateway.arn, self.target_name)

    @property
    def attached(self) -> bool:
        return self.attachment.state == ATTACHED

    @property
    def status(self) -> str:
        """The ``VolumeStatus``: the lifecycle's state, then what the gateway's disks allow."""
        if not self.progress.settled:
            return self.progress.state
        return self.ready_status()

    @abstractmethod
    def ready_status(self) -> str:
        """The status of a volume past its lifecycle, which follows from the gateway's disks."""

    def write(self, size: int) -> int:
        """Its initiators have written ``size`` bytes in all (capped at the volume's size)."""
        self.used = min(size, self.size)
        return self.used

    def report(self) -> None:
        """A call reported this volume's status and attachment: advance both."""
        self.progress.advance()
        self.attachment.advance()

    def iscsi_attributes(self, chap_enabled: bool) -> "Optional[VolumeiSCSIAttributes]":
        if self.attachment.state == DETACHED:
            return None  # no target on any gateway
        return {
            "TargetARN": self.target_arn,
            "NetworkInterfaceId": self.network_interface_id,
            "NetworkInterfacePort": ISCSI_PORT,
            # Each volume has a target of its own, so its LUN is 0 (as real gateways answer).
            "LunNumber": 0,
            "ChapEnabled": chap_enabled,
        }

    def as_info(self) -> "VolumeInfo":
        return {
            "VolumeARN": self.arn,
            "VolumeId": self.volume_id,
            "GatewayARN": self.gateway.arn,
            "GatewayId": self.gateway.gateway_id,
            "VolumeType": self.volume_type,
            "VolumeSizeInBytes": self.size,
            "VolumeAttachmentStatus": self.attachment.state,
        }


def _progress(first: str) -> Lifecycle:
    return Lifecycle(lifecycle.VOLUME, first, VOLUME_AVAILABLE)


@dataclass
class CachedVolume(Volume):
    volume_type = CACHED_ISCSI

    def ready_status(self) -> str:
        # Creating a cached volume needs cache; using it needs an upload buffer too.
        if self.gateway.disks_of(UPLOAD_BUFFER):
            return VOLUME_AVAILABLE
        return UPLOAD_BUFFER_NOT_CONFIGURED

    def as_shape(self, chap_enabled: bool) -> "CachediSCSIVolume":
        return {
            "VolumeARN": self.arn,
            "VolumeId": self.volume_id,
            "VolumeType": self.volume_type,
            "VolumeStatus": self.status,
            "VolumeAttachmentStatus": self.attachment.state,
            "VolumeSizeInBytes": self.size,
            "SourceSnapshotId": self.source_snapshot_id,
            "VolumeiSCSIAttributes": self.iscsi_attributes(chap_enabled),
            "CreatedDate": self.created,
            "VolumeUsedInBytes": self.used,
            "KMSKey": self.kms_key,
            "TargetName": self.target_name,
        }

    def recovery_point(self) -> "Optional[VolumeRecoveryPointInfo]":
        """The volume's latest recovery point: there is one once its data can upload."""
        if self.status != VOLUME_AVAILABLE or not self.attached:
            return None
        return {
            "VolumeARN": self.arn,
            "VolumeSizeInBytes": self.size,
            "VolumeUsageInBytes": self.used,
            "VolumeRecoveryPointTime": self.created.strftime("%Y-%m-%dT%H:%M:%S.")
            + f"{self.created.microsecond // 1000:03d}Z",
        }


@dataclass
class StoredVolume(Volume):
    disk: Optional[Disk] = None
    preserved_existing_data: bool = False

    volume_type = STORED_ISCSI

    def ready_status(self) -> str:
        # A stored gateway's upload buffer (called working storage before 2012) must exist.
        if self.gateway.disks_of(UPLOAD_BUFFER) or self.gateway.disks_of(WORKING_STORAGE):
            return VOLUME_AVAILABLE
        return WORKING_STORAGE_NOT_CONFIGURED

    def as_shape(self, chap_enabled: bool) -> "StorediSCSIVolume":
        return {
            "VolumeARN": self.arn,
            "VolumeId": self.volume_id,
            "VolumeType": self.volume_type,
            "VolumeStatus": self.status,
            "VolumeAttachmentStatus": self.attachment.state,
            "VolumeSizeInBytes": self.size,
            "VolumeDiskId": self.disk.disk_id if self.disk else None,
            "SourceSnapshotId": self.source_snapshot_id,
            "PreservedExistingData": self.preserved_existing_data,
            "VolumeiSCSIAttributes": self.iscsi_attributes(chap_enabled),
            "CreatedDate": self.created,
            "VolumeUsedInBytes": self.used,
            "KMSKey": self.kms_key,
            "TargetName": self.target_name,
        }

    def take_disk(self, disk: Disk, region: str) -> None:
        disk.allocation = STORED_VOLUME
        disk.allocation_resource = f"{arns.target_iqn(self.target_name)}::0::{region}-{self.volume_id}"
        self.disk = disk

    def free_disk(self) -> None:
        if self.disk is not None:
            self.disk.allocation = DISK_AVAILABLE
            self.disk.allocation_resource = None
            self.disk = None


class Volumes:
    """The volumes of one account and region, ordered by ARN (so by gateway, then ID)."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        self._backend = backend
        self.store: SortedStore[Volume] = SortedStore()
        # Volume IDs are unique in an account and region, not only on one gateway.
        self.ids: Dict[str, str] = {}

    def lookup(self, arn: str) -> Volume:
        volume = self.store.get(arn)
        if volume is None:
            raise invalid("VolumeNotFound")
        return volume

    def require(self, arn: str, *, running: bool = True) -> Volume:
        """A volume a request names besides the one its rule resolves: its gateway must exist
        (and, unless told, run), then the volume."""
        gateway = _gateway_of_volume(self._backend, arn)
        if running and not gateway.running:
            raise invalid("GatewayNotConnected")
        return self.lookup(arn)

    def new_id(self) -> str:
        while True:
            volume_id = ids.volume_id()
            if volume_id not in self.ids:
                return volume_id

    def add(self, volume: Volume) -> None:
        self.store.put(volume.arn, volume)
        self.ids[volume.volume_id] = volume.arn
        volume.gateway.targets[volume.target_name] = volume.arn

    def _release_target(self, volume: Volume) -> None:
        """Free the volume's target on its gateway, with the target's CHAP credentials."""
        if volume.gateway.targets.get(volume.target_name) == volume.arn:
            del volume.gateway.targets[volume.target_name]
            self._backend.chap.drop_target(volume.target_arn)
        if isinstance(volume, StoredVolume):
            volume.free_disk()

    def remove(self, arn: str) -> None:
        """Delete a volume, and its target, disk, CHAP credentials, schedule and tags with it."""
        volume = self.store.pop(arn)
        if volume is None:
            return
        self.ids.pop(volume.volume_id, None)
        self._release_target(volume)
        self._backend.tags.drop(arn)

    def remove_all_of(self, gateway: Gateway) -> None:
        """Delete every volume listed under ``gateway``, attached or detached."""
        prefix = arns.volume_prefix(gateway.arn)
        for arn in [arn for arn, _ in self.store.iter_from(prefix=prefix)]:
            self.remove(arn)

    def detach(self, volume: Volume) -> None:
        """Take ``volume`` off its gateway: it stays listed there, without a target."""
        self._release_target(volume)
        volume.attachment = Lifecycle(lifecycle.VOLUME_ATTACHMENT, DETACHING, DETACHED)

    def attach(
        self, volume: Volume, gateway: Gateway, target_name: str, ip: str, disk: Optional[Disk]
    ) -> None:
        """Put a detached ``volume`` on ``gateway``: same ID, the new gateway's ARN."""
        old_arn = volume.arn
        self.store.pop(old_arn)
        volume.arn = arns.volume(gateway.arn, volume.volume_id)
        volume.gateway = gateway
        volume.target_name = target_name
        volume.network_interface_id = ip
        volume.attachment = Lifecycle(lifecycle.VOLUME_ATTACHMENT, ATTACHING, ATTACHED)
        if isinstance(volume, StoredVolume) and disk is not None:
            volume.take_disk(disk, self._backend.region_name)
            # Its data is restored onto the new gateway's disk.
            volume.progress = _progress(RESTORING)
        self.add(volume)
        self._backend.tags.move(old_arn, volume.arn)


def _gateway_of_volume(backend: "StorageGatewayBackend", arn: str) -> Gateway:
    parsed = arns.parse(arn)
    if parsed is None or parsed.kind != "volume":
        raise invalid("VolumeNotFound")
    return backend.gateways.lookup(parsed.gateway_arn)


def _volume(backend: "StorageGatewayBackend", arn: str, gateway: Optional[Gateway]) -> Volume:
    return backend.volumes.lookup(arn)


def _gateway_of_volumes(backend: "StorageGatewayBackend", volume_arns: List[str]) -> Optional[Gateway]:
    """The one gateway of the volumes a Describe*iSCSIVolumes request names (none for no volumes)."""
    gateways = set()
    for arn in volume_arns:
        parsed = arns.parse(arn)
        if parsed is None or parsed.kind != "volume":
            raise invalid("VolumeNotFound")
        gateways.add(parsed.gateway_arn)
    if not gateways:
        return None
    if len(gateways) > 1:
        raise invalid("InvalidParameters")
    return backend.gateways.lookup(gateways.pop())


def _volumes(
    backend: "StorageGatewayBackend", volume_arns: List[str], gateway: Optional[Gateway]
) -> List[Volume]:
    """Sorted by ARN, each once."""
    return [backend.volumes.lookup(arn) for arn in sorted(set(volume_arns))]


rules.resolver(rules.VOLUME, rules.Resolver(_gateway_of_volume, _volume))
rules.resolver(rules.VOLUMES, rules.Resolver(_gateway_of_volumes, _volumes))


def _check_new_volume(sgw: "StorageGatewayBackend", gateway: Gateway, req: Any) -> None:
    """Rules every new volume of a gateway obeys: its IP, a free target, the volume quota."""
    if req["NetworkInterfaceId"] != gateway.ipv4_address:
        raise invalid("InvalidParameters")
    if req["TargetName"] in gateway.targets:
        raise invalid("TargetAlreadyExists")
    if len(gateway.targets) >= MAX_VOLUMES_PER_GATEWAY:
        raise invalid("MaximumVolumeCountExceeded")
    if req.get("KMSEncrypted") and "KMSKey" not in req:
        raise invalid("InvalidParameters")
    if "KMSKey" in req and not req.get("KMSEncrypted"):
        raise invalid("InvalidParameters")
    sgw.tags.check(None, req.get("Tags") or [])


def _snapshot_size(ctx: "RequestContext", snapshot_id: str) -> int:
    size = ec2.snapshot_size_in_bytes(ctx.account_id, ctx.region, snapshot_id)
    if size is None:
        raise invalid("SnapshotIdInvalid")
    return size


@operation("CreateCachediSCSIVolume")
def create_cached_iscsi_volume(
    ctx: "RequestContext", req: "CreateCachediSCSIVolumeInput"
) -> "CreateCachediSCSIVolumeOutput":
    sgw, gateway = ctx.backend, ctx.gateway

    def create() -> "CreateCachediSCSIVolumeOutput":
        if not gateway.disks_of(CACHE_STORAGE):
            # "Cache storage must be allocated to the gateway before you can create a cached volume."
            raise invalid("InvalidParameters")
        _check_new_volume(sgw, gateway, req)
        size = req["VolumeSizeInBytes"]
        if not MIN_CACHED_VOLUME_SIZE <= size <= MAX_CACHED_VOLUME_SIZE:
            raise invalid("InvalidParameters")
        snapshot_id = req.get("SnapshotId")
        source_arn = req.get("SourceVolumeARN")
        if snapshot_id and source_arn:
            raise invalid("InvalidParameters")
        if snapshot_id and size < _snapshot_size(ctx, snapshot_id):
            raise invalid("InvalidParameters")
        if source_arn:
            source = sgw.volumes.require(source_arn)
            if not isinstance(source, CachedVolume) or size < source.size:
                raise invalid("InvalidParameters")
        volume_id = sgw.volumes.new_id()
        volume = CachedVolume(
            arn=arns.volume(gateway.arn, volume_id),
            volume_id=volume_id,
            gateway=gateway,
            size=size,
            target_name=req["TargetName"],
            network_interface_id=req["NetworkInterfaceId"],
            source_snapshot_id=snapshot_id.lower() if snapshot_id else None,
            kms_key=req.get("KMSKey"),
        )
        sgw.volumes.add(volume)
        sgw.tags.add(volume.arn, req.get("Tags") or [])
        return {"VolumeARN": volume.arn, "TargetARN": volume.target_arn}

    return sgw.idempotency.run("CreateCachediSCSIVolume", gateway.arn, req, create)


@operation("CreateStorediSCSIVolume")
def create_stored_iscsi_volume(
    ctx: "RequestContext", req: "CreateStorediSCSIVolumeInput"
) -> "CreateStorediSCSIVolumeOutput":
    sgw, gateway = ctx.backend, ctx.gateway
    disk = _free_disk(gateway, req["DiskId"])
    _check_new_volume(sgw, gateway, req)
    if disk.size > MAX_STORED_VOLUME_SIZE:
        raise invalid("DiskSizeGreaterThanVolumeMaxSize")
    if disk.size % GIB:
        raise invalid("DiskSizeNotGigAligned")
    snapshot_id = req.get("SnapshotId")
    preserve = req["PreserveExistingData"]
    if snapshot_id:
        if preserve:
            # The disk is either kept as it is or filled from the snapshot, not both.
            raise invalid("InvalidParameters")
        if disk.size < _snapshot_size(ctx, snapshot_id):
            raise invalid("DiskSizeLessThanVolumeSize")
    volume_id = sgw.volumes.new_id()
    volume = StoredVolume(
        arn=arns.volume(gateway.arn, volume_id),
        volume_id=volume_id,
        gateway=gateway,
        size=disk.size,
        target_name=req["TargetName"],
        network_interface_id=req["NetworkInterfaceId"],
        source_snapshot_id=snapshot_id.lower() if snapshot_id else None,
        kms_key=req.get("KMSKey"),
        progress=_progress(RESTORING if snapshot_id else BOOTSTRAPPING if preserve else CREATING),
        preserved_existing_data=preserve,
    )
    volume.take_disk(disk, ctx.region)
    # "Stored volumes require at least one snapshot schedule": a daily one, from now.
    volume.schedule = default_schedule(gateway, volume_id, volume.created)
    sgw.volumes.add(volume)
    sgw.tags.add(volume.arn, req.get("Tags") or [])
    return {"VolumeARN": volume.arn, "VolumeSizeInBytes": volume.size, "TargetARN": volume.target_arn}


def _free_disk(gateway: Gateway, disk_id: str) -> Disk:
    disk = gateway.disks.get(disk_id)
    if disk is None:
        raise invalid("DiskDoesNotExist")
    if disk.allocation != DISK_AVAILABLE:
        raise invalid("DiskAlreadyAllocated")
    return disk


@operation("DescribeCachediSCSIVolumes")
def describe_cached_iscsi_volumes(
    ctx: "RequestContext", req: "DescribeCachediSCSIVolumesInput"
) -> "DescribeCachediSCSIVolumesOutput":
    volumes: List[CachedVolume] = ctx.resource
    chap = ctx.backend.chap
    for volume in volumes:
        volume.report()
    return {"CachediSCSIVolumes": [v.as_shape(chap.enabled(v.target_arn)) for v in volumes]}


@operation("DescribeStorediSCSIVolumes")
def describe_stored_iscsi_volumes(
    ctx: "RequestContext", req: "DescribeStorediSCSIVolumesInput"
) -> "DescribeStorediSCSIVolumesOutput":
    volumes: List[StoredVolume] = ctx.resource
    chap = ctx.backend.chap
    for volume in volumes:
        volume.report()
    return {"StorediSCSIVolumes": [v.as_shape(chap.enabled(v.target_arn)) for v in volumes]}


def _listed(volume: Volume) -> "VolumeInfo":
    # ListVolumes reports the attachment, not the VolumeStatus: only that moves on.
    volume.attachment.advance()
    return volume.as_info()


@operation("ListVolumes")
def list_volumes(ctx: "RequestContext", req: "ListVolumesInput") -> "ListVolumesOutput":
    # Without GatewayARN (the rule then resolves none): every volume of the account and region.
    prefix = arns.volume_prefix(ctx.gateway.arn) if ctx.has_gateway else ""
    page = paginate(
        "ListVolumes", req, ctx.backend.volumes.store, _listed, prefix=prefix, scope=prefix
    )
    return {"GatewayARN": req.get("GatewayARN"), **page}  # type: ignore[typeddict-item]


@operation("DeleteVolume")
def delete_volume(ctx: "RequestContext", req: "DeleteVolumeInput") -> "DeleteVolumeOutput":
    volume: Volume = ctx.resource
    ctx.backend.volumes.remove(volume.arn)
    return {"VolumeARN": volume.arn}


@operation("ListVolumeRecoveryPoints")
def list_volume_recovery_points(
    ctx: "RequestContext", req: "ListVolumeRecoveryPointsInput"
) -> "ListVolumeRecoveryPointsOutput":
    gateway = ctx.gateway
    points: "List[VolumeRecoveryPointInfo]" = []
    for _, volume in ctx.backend.volumes.store.iter_from(prefix=arns.volume_prefix(gateway.arn)):
        point = volume.recovery_point() if isinstance(volume, CachedVolume) else None
        if point is not None:
            points.append(point)
    return {"GatewayARN": gateway.arn, "VolumeRecoveryPointInfos": points}


@operation("ListVolumeInitiators")
def list_volume_initiators(
    ctx: "RequestContext", req: "ListVolumeInitiatorsInput"
) -> "ListVolumeInitiatorsOutput":
    # No iSCSI initiator ever connects to a mock's volume.
    return {"Initiators": []}


@operation("DetachVolume")
def detach_volume(ctx: "RequestContext", req: "DetachVolumeInput") -> "DetachVolumeOutput":
    volume: Volume = ctx.resource
    if volume.attachment.state == DETACHED:
        raise invalid("InvalidParameters")  # nothing to detach it from
    if not volume.attachment.settled or not volume.progress.settled:
        # Wait for an attach or detach to complete; "If a stored gateway is in restoring
        # state, you can't detach a volume from it".
        raise invalid("VolumeNotReady")
    # ForceDetach would close iSCSI connections; no initiator is ever connected here.
    ctx.backend.volumes.detach(volume)
    return {"VolumeARN": volume.arn}


@operation("AttachVolume")
def attach_volume(ctx: "RequestContext", req: "AttachVolumeInput") -> "AttachVolumeOutput":
    sgw, gateway = ctx.backend, ctx.gateway
    volume = sgw.volumes.require(req["VolumeARN"], running=False)
    if volume.attachment.state != DETACHED:
        raise invalid("VolumeInUse")
    wanted = CACHED if isinstance(volume, CachedVolume) else STORED
    if gateway.gateway_type != wanted:
        # "a detached cached volume cannot be reattached as a stored volume and vice versa"
        raise invalid("UnsupportedOperationForGatewayType")
    if req["NetworkInterfaceId"] != gateway.ipv4_address:
        raise invalid("InvalidParameters")
    # "If you don't specify a value, Storage Gateway uses the value that was previously used."
    target_name = req.get("TargetName") or volume.target_name
    if target_name in gateway.targets:
        raise invalid("TargetAlreadyExists")
    if len(gateway.targets) >= MAX_VOLUMES_PER_GATEWAY:
        raise invalid("MaximumVolumeCountExceeded")
    disk: Optional[Disk] = None
    if isinstance(volume, StoredVolume):
        disk_id = req.get("DiskId")
        if disk_id is None:
            raise invalid("InvalidParameters")  # "only required when you are attaching a stored volume"
        disk = _free_disk(gateway, disk_id)
        if disk.size < volume.size:
            raise invalid("DiskSizeLessThanVolumeSize")
    sgw.volumes.attach(volume, gateway, target_name, req["NetworkInterfaceId"], disk)
    return {"VolumeARN": volume.arn, "TargetARN": volume.target_arn}
