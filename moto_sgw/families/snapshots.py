"""Snapshots of gateway volumes. Each is an EBS snapshot, kept by moto's EC2."""
from __future__ import annotations

from typing import TYPE_CHECKING, List

from .. import ids
from ..bridges import ec2
from ..messages import invalid
from ..protocol.registry import operation
from .volumes import VOLUME_AVAILABLE, CachedVolume, Volume

if TYPE_CHECKING:
    from .._generated.shapes import (
        CreateSnapshotFromVolumeRecoveryPointInput,
        CreateSnapshotFromVolumeRecoveryPointOutput,
        CreateSnapshotInput,
        CreateSnapshotOutput,
        Tag,
    )
    from ..protocol.context import RequestContext


def _snapshot(ctx: "RequestContext", volume: Volume, description: str, tags: "List[Tag]") -> str:
    """Take an EBS snapshot of ``volume``: its ID now, its EC2 record once the lock is released."""
    if volume.status != VOLUME_AVAILABLE:
        raise invalid("VolumeNotReady")
    ctx.backend.tags.check(None, tags)
    account, region = ctx.account_id, ctx.region
    snapshot_id = ec2.reserve_snapshot_id(account, region, ids.snapshot_id)
    volume_id, size, kms_key = volume.volume_id, volume.size, volume.kms_key
    ec2_tags = {tag["Key"]: tag["Value"] for tag in tags}

    def record() -> None:
        ec2.create_snapshot(
            account, region, snapshot_id, volume_id, size, description, ec2_tags, kms_key_id=kms_key
        )

    ctx.after(record)
    return snapshot_id


@operation("CreateSnapshot")
def create_snapshot(ctx: "RequestContext", req: "CreateSnapshotInput") -> "CreateSnapshotOutput":
    volume: Volume = ctx.resource
    snapshot_id = _snapshot(ctx, volume, req["SnapshotDescription"], req.get("Tags") or [])
    return {"VolumeARN": volume.arn, "SnapshotId": snapshot_id}


@operation("CreateSnapshotFromVolumeRecoveryPoint")
def create_snapshot_from_volume_recovery_point(
    ctx: "RequestContext", req: "CreateSnapshotFromVolumeRecoveryPointInput"
) -> "CreateSnapshotFromVolumeRecoveryPointOutput":
    volume: CachedVolume = ctx.resource
    snapshot_id = _snapshot(ctx, volume, req["SnapshotDescription"], req.get("Tags") or [])
    # An AVAILABLE cached volume (as _snapshot demands) always has a recovery point.
    point = volume.recovery_point()
    assert point is not None
    return {
        "SnapshotId": snapshot_id,
        "VolumeARN": volume.arn,
        "VolumeRecoveryPointTime": point["VolumeRecoveryPointTime"],
    }
