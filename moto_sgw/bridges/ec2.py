"""The EBS side of Storage Gateway snapshots: the only module that touches moto's EC2.

A snapshot that Storage Gateway takes is an EBS snapshot of the same account and
region, so EC2's ``DescribeSnapshots`` lists it and ``DeleteSnapshot`` deletes it.
Its ``VolumeId`` is the gateway volume's ID in lower case, as AWS's own samples
filter on; its ``VolumeSize`` is the volume's size in GiB, rounded up.

Reads (a snapshot's size) may happen under the Storage Gateway backend's lock; the
write is a side effect that the handler queues and the pipeline carries out after
the lock is released. Between the two, :func:`reserve_snapshot_id` keeps the ID it
handed out from being handed out again.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Dict, Optional, Set, Tuple

GIB = 1024**3


@dataclass
class GatewayVolumeRef:
    """What an EBS snapshot needs to know of its volume (a gateway volume is no EBS volume)."""

    id: str
    size: int
    encrypted: bool = False


# IDs handed out but not yet written into EC2, per (account, region). A leaf lock: nothing
# is called while it is held but look-ups in EC2's snapshot dict.
_reserved: Dict[Tuple[str, str], Set[str]] = {}
_reserved_lock = threading.Lock()


def _ec2(account_id: str, region: str) -> Any:
    from moto.ec2.models import ec2_backends

    return ec2_backends[account_id][region]


def size_in_gib(size_in_bytes: int) -> int:
    return -(-size_in_bytes // GIB)


def snapshot_size_in_bytes(account_id: str, region: str, snapshot_id: str) -> Optional[int]:
    """The size of the volume an EBS snapshot was taken of, or ``None`` if there is no such snapshot."""
    snapshot = _ec2(account_id, region).snapshots.get(snapshot_id.lower())
    if snapshot is None:
        return None
    return int(snapshot.volume.size) * GIB


def reserve_snapshot_id(account_id: str, region: str, new_id: Callable[[], str]) -> str:
    """An EBS snapshot ID, drawn from ``new_id``, that neither EC2 nor a pending snapshot holds."""
    snapshots = _ec2(account_id, region).snapshots
    with _reserved_lock:
        reserved = _reserved.setdefault((account_id, region), set())
        snapshot_id = new_id()
        while snapshot_id in snapshots or snapshot_id in reserved:
            snapshot_id = new_id()
        reserved.add(snapshot_id)
    return snapshot_id


def create_snapshot(
    account_id: str,
    region: str,
    snapshot_id: str,
    volume_id: str,
    volume_size_in_bytes: int,
    description: str,
    tags: Dict[str, str],
    kms_key_id: Optional[str] = None,
) -> None:
    """Record the completed EBS snapshot ``snapshot_id`` (reserved) of a gateway volume."""
    from moto.ec2.models.elastic_block_store import Snapshot

    ec2 = _ec2(account_id, region)
    volume = GatewayVolumeRef(
        id=volume_id.lower(),
        size=size_in_gib(volume_size_in_bytes),
        encrypted=kms_key_id is not None,
    )
    try:
        # Keyword arguments only: the positional order changed after moto 5.0.0.
        snapshot = Snapshot(
            ec2_backend=ec2,
            snapshot_id=snapshot_id,
            volume=volume,
            description=description,
            encrypted=volume.encrypted,
            owner_id=account_id,
        )
        if kms_key_id is not None:
            setattr(snapshot, "kms_key_id", kms_key_id)  # moto 5.0 does not declare it
        ec2.snapshots[snapshot_id] = snapshot
        if tags:
            ec2.create_tags([snapshot_id], tags)
    finally:
        with _reserved_lock:
            _reserved.get((account_id, region), set()).discard(snapshot_id)
