"""Snapshots of gateway volumes. Each is an EBS snapshot, kept by moto's EC2."""
from __future__ import annotations

from typing import TYPE_CHECKING, List

from ... import ids
from ...bridges import ec2
from ...messages import invalid
from ...protocol.registry import operation
from .volumes import SNAPSHOT_STATES, CachedVolume, Volume

if TYPE_CHECKING:
    from ..._generated.shapes import (
        CreateSnapshotFromVolumeRecoveryPointInput,
        CreateSnapshotFromVolumeRecoveryPointOutput,
        CreateSnapshotInput,
        CreateSnapshotOutput,
        Tag,
    )
    from ...protocol.context import RequestContext


def _snapshot(ctx: "RequestContext", volume: Volume, description: str, tags: "List[Tag]") -> str:
    """Take an EBS snapshot of ``volume``: its ID now, its EC2 record once the lock is released."""
    # Not while CREATING or BOOTSTRAPPING, nor without an upload buffer, nor detached.
    if not volume.attached or volume.status not in SNAPSHOT_STATES:
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
    point = volume.recovery_point()
    if point is None:  # a cached volume past its lifecycle, attached, that can upload has one
        raise invalid("VolumeNotReady")
    snapshot_id = _snapshot(ctx, volume, req["SnapshotDescription"], req.get("Tags") or [])
    return {
        "SnapshotId": snapshot_id,
        "VolumeARN": volume.arn,
        "VolumeRecoveryPointTime": point["VolumeRecoveryPointTime"],
    }
