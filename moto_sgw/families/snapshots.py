"""Snapshots of gateway volumes. Each is an EBS snapshot, kept by moto's EC2."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict

from .. import ec2_bridge, ids
from ..faults import fault
from ..protocol.registry import operation
from .volumes import VOLUME_AVAILABLE, CachedVolume, Volume

if TYPE_CHECKING:
    from .._generated.shapes import (
        CreateSnapshotFromVolumeRecoveryPointInput,
        CreateSnapshotFromVolumeRecoveryPointOutput,
        CreateSnapshotInput,
        CreateSnapshotOutput,
    )
    from ..models import StorageGatewayBackend


def _snapshot(sgw: "StorageGatewayBackend", volume: Volume, req: Any) -> str:
    """Take an EBS snapshot of ``volume``; its ID."""
    if volume.status != VOLUME_AVAILABLE:
        raise fault("VolumeNotReady")
    tags = req.get("Tags", [])
    sgw.tags.check(None, tags)
    return ec2_bridge.create_snapshot(
        sgw.account_id,
        sgw.region_name,
        lambda: ids.snapshot_id(sgw.id_format),
        volume.volume_id,
        volume.size,
        req["SnapshotDescription"],
        {tag["Key"]: tag["Value"] for tag in tags},
        kms_key_id=volume.kms_key,
    )


@operation("CreateSnapshot")
def create_snapshot(sgw: "StorageGatewayBackend", req: "CreateSnapshotInput") -> "CreateSnapshotOutput":
    volume = sgw.volumes.require(req["VolumeARN"])
    return {"VolumeARN": volume.arn, "SnapshotId": _snapshot(sgw, volume, req)}


@operation("CreateSnapshotFromVolumeRecoveryPoint")
def create_snapshot_from_volume_recovery_point(
    sgw: "StorageGatewayBackend", req: "CreateSnapshotFromVolumeRecoveryPointInput"
) -> "CreateSnapshotFromVolumeRecoveryPointOutput":
    volume = sgw.volumes.require(req["VolumeARN"])
    if not isinstance(volume, CachedVolume):
        # Recovery points are a feature of cached volumes only.
        raise fault("UnsupportedOperationForGatewayType")
    point: Dict[str, Any] = volume.recovery_point() or {}
    snapshot_id = _snapshot(sgw, volume, req)
    return {
        "SnapshotId": snapshot_id,
        "VolumeARN": volume.arn,
        "VolumeRecoveryPointTime": point["VolumeRecoveryPointTime"],
    }
