"""Snapshot schedules of volumes.

AWS: a stored volume gets "a default snapshot schedule of once a day" that "you can't
remove"; a cached volume gets none ("you can set up a snapshot schedule at any time").
Frequencies are "every 1, 2, 4, 8, 12, or 24 hours"; the start hour is in the gateway's
time zone. The default schedule starts at the hour of the volume's creation in that time
zone, described as AWS's example is (``sgw-AABB1122:vol-AABB1122:Schedule``). The mock
does not take the scheduled snapshots themselves: snapshots are taken with
CreateSnapshot.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, List, Optional

from ...messages import invalid
from ...protocol.registry import operation

if TYPE_CHECKING:
    from ..._generated.shapes import (
        DeleteSnapshotScheduleInput,
        DeleteSnapshotScheduleOutput,
        DescribeSnapshotScheduleInput,
        DescribeSnapshotScheduleOutput,
        Tag,
        UpdateSnapshotScheduleInput,
        UpdateSnapshotScheduleOutput,
    )
    from ...protocol.context import RequestContext
    from ..gateways import Gateway
    from .volumes import Volume

RECURRENCES = frozenset({1, 2, 4, 8, 12, 24})
DEFAULT_RECURRENCE = 24


@dataclass
class Schedule:
    start_at: int
    recurrence: int
    description: Optional[str] = None
    # The tags AWS gives each scheduled snapshot (not tags of the volume).
    tags: "List[Tag]" = field(default_factory=list)


def default_schedule(gateway: "Gateway", volume_id: str, created: datetime) -> Schedule:
    """A stored volume's daily schedule, from the hour it was created in the gateway's time zone."""
    return Schedule(
        start_at=gateway.local_time(created).hour,
        recurrence=DEFAULT_RECURRENCE,
        description=f"{gateway.gateway_id}:{volume_id}:Schedule",
    )


@operation("UpdateSnapshotSchedule")
def update_snapshot_schedule(
    ctx: "RequestContext", req: "UpdateSnapshotScheduleInput"
) -> "UpdateSnapshotScheduleOutput":
    volume: Volume = ctx.resource
    if req["RecurrenceInHours"] not in RECURRENCES:
        raise invalid("InvalidSchedule")
    tags = req.get("Tags")
    if tags is not None:
        ctx.backend.tags.check(None, tags)
    old = volume.schedule
    volume.schedule = Schedule(
        start_at=req["StartAt"],
        recurrence=req["RecurrenceInHours"],
        # "overwrites the existing description"; left out, the existing one stays.
        description=req.get("Description") or (old.description if old else None),
        tags=sorted((dict(t) for t in tags), key=lambda t: t["Key"]) if tags is not None  # type: ignore[misc]
        else (old.tags if old else []),
    )
    return {"VolumeARN": volume.arn}


@operation("DescribeSnapshotSchedule")
def describe_snapshot_schedule(
    ctx: "RequestContext", req: "DescribeSnapshotScheduleInput"
) -> "DescribeSnapshotScheduleOutput":
    volume: Volume = ctx.resource
    schedule = volume.schedule
    answer: "DescribeSnapshotScheduleOutput" = {
        "VolumeARN": volume.arn,
        "Timezone": volume.gateway.timezone,
    }
    if schedule is not None:
        answer.update(
            {
                "StartAt": schedule.start_at,
                "RecurrenceInHours": schedule.recurrence,
                "Description": schedule.description,
                "Tags": [dict(t) for t in schedule.tags],  # type: ignore[misc]
            }
        )
    return answer


@operation("DeleteSnapshotSchedule")
def delete_snapshot_schedule(
    ctx: "RequestContext", req: "DeleteSnapshotScheduleInput"
) -> "DeleteSnapshotScheduleOutput":
    # Only cached volumes (the shared rule refuses stored gateways): they may have none.
    volume: Volume = ctx.resource
    volume.schedule = None
    return {"VolumeARN": volume.arn}
