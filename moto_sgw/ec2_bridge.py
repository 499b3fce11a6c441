"""The EBS side of Storage Gateway snapshots: the only module that touches moto's EC2.

A snapshot that Storage Gateway takes is an EBS snapshot of the same account and
region, so EC2's ``DescribeSnapshots`` lists it and ``DeleteSnapshot`` deletes it.
Its ``VolumeId`` is the gateway volume's ID in lower case, as AWS's own samples
filter on; its ``VolumeSize`` is the volume's size in GiB, rounded up.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Optional

GIB = 1024**3


@dataclass
class GatewayVolumeRef:
    """What an EBS snapshot needs to know of its volume (a gateway volume is no EBS volume)."""

    id: str
    size: int
    encrypted: bool = False


def _ec2(account_id: str, region: str):  # type: ignore[no-untyped-def]
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


def create_snapshot(
    account_id: str,
    region: str,
    new_id: Callable[[], str],
    volume_id: str,
    volume_size_in_bytes: int,
    description: str,
    tags: Dict[str, str],
    kms_key_id: Optional[str] = None,
) -> str:
    """Record a completed EBS snapshot of a gateway volume; its ID, drawn from ``new_id``."""
    from moto.ec2.models.elastic_block_store import Snapshot

    ec2 = _ec2(account_id, region)
    snapshot_id = new_id()
    while snapshot_id in ec2.snapshots:
        snapshot_id = new_id()
    volume = GatewayVolumeRef(
        id=volume_id.lower(),
        size=size_in_gib(volume_size_in_bytes),
        encrypted=kms_key_id is not None,
    )
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
        snapshot.kms_key_id = kms_key_id
    ec2.snapshots[snapshot_id] = snapshot
    if tags:
        ec2.create_tags([snapshot_id], tags)
    return snapshot_id
