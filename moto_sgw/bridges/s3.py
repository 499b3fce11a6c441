"""The S3 side of file shares and cache reports: the only module that touches moto's S3.

A file share's LocationARN names a bucket (``arn:aws:s3:::bucket`` with an optional
``prefix/``), an access point (``arn:aws:s3:region:account:accesspoint/name`` with an
optional prefix) or an access point alias (``name-...-s3alias``); the objects are moto's,
in the share's account. Reads (does the bucket exist, which objects are under a prefix)
may run under the Storage Gateway backend's lock: they are dictionary look-ups. Writes
(a file uploaded through a share, a cache report's CSV) are side effects, carried out
after that lock is released.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, Optional

from ..arns import get_partition

_BUCKET_ARN = re.compile(r"^arn:aws[a-z-]*:s3:::(?P<bucket>[^/]+)(?:/(?P<prefix>.*))?$")
_ACCESS_POINT_ARN = re.compile(
    r"^arn:aws[a-z-]*:s3:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):accesspoint/(?P<name>[^/]+)(?:/(?P<prefix>.*))?$"
)
_ALIAS = re.compile(r"^[a-z0-9][a-z0-9-]*-s3alias$")


@dataclass(frozen=True)
class Location:
    """Where a share's files live: a bucket (maybe through an access point) and a key prefix."""

    bucket: Optional[str]  # None: an access point that does not exist (yet)
    prefix: str  # "" or ending in "/"
    default_name: Optional[str]  # the FileShareName AWS defaults to; None: one must be given


def _per_partition(backends: Any, account_id: str, region: str) -> Any:
    held = backends[account_id]
    for key in (get_partition(region), "global"):  # moto 5.1+ keys by partition, 5.0 "global"
        try:
            return held[key]
        except KeyError:
            continue
    raise KeyError(region)


def _s3(account_id: str, region: str) -> Any:
    from moto.s3.models import s3_backends

    return _per_partition(s3_backends, account_id, region)


def _access_points(account_id: str, region: str) -> Dict[str, Any]:
    try:
        from moto.s3control.models import s3control_backends
    except ImportError:  # pragma: no cover - every moto 5 has s3control
        return {}
    return dict(_per_partition(s3control_backends, account_id, region).access_points.get(account_id, {}))


def parse_bucket_arn(location_arn: str) -> Optional[str]:
    """The bucket a plain bucket ARN (no prefix) names, else ``None``."""
    found = _BUCKET_ARN.match(location_arn)
    return found.group("bucket") if found is not None and not found.group("prefix") else None


def location(account_id: str, region: str, location_arn: str) -> Optional[Location]:
    """What ``location_arn`` names, or ``None`` if it is not an S3 location at all."""
    found = _BUCKET_ARN.match(location_arn)
    if found is not None:
        prefix = found.group("prefix") or ""
        return Location(found.group("bucket"), prefix, None if prefix else found.group("bucket"))
    found = _ACCESS_POINT_ARN.match(location_arn)
    if found is not None:
        point = _access_points(found.group("account"), found.group("region")).get(found.group("name"))
        return Location(getattr(point, "bucket", None), found.group("prefix") or "", None)
    if _ALIAS.match(location_arn):
        for point in _access_points(account_id, region).values():
            if getattr(point, "alias", None) == location_arn:
                return Location(point.bucket, "", None)
        return Location(None, "", None)
    return None


def bucket_exists(account_id: str, region: str, bucket: Optional[str]) -> bool:
    return bucket is not None and bucket in _s3(account_id, region).buckets


def objects(account_id: str, region: str, bucket: str, prefix: str) -> Dict[str, int]:
    """Key -> size of the bucket's current objects under ``prefix`` (none if no bucket)."""
    found = _s3(account_id, region).buckets.get(bucket)
    if found is None:
        return {}
    listed: Dict[str, int] = {}
    for key in list(found.keys.keys()):
        if key.startswith(prefix):
            current = found.keys.get(key)
            if current is not None and not getattr(current, "is_delete_marker", False):
                listed[key] = int(current.size)
    return listed


def put_object(
    account_id: str, region: str, bucket: str, key: str, data: bytes, storage_class: Optional[str] = None
) -> bool:
    """Write one object; ``False`` if the bucket does not exist (nothing written)."""
    backend = _s3(account_id, region)
    if bucket not in backend.buckets:
        return False
    backend.put_object(bucket, key, data, storage=storage_class)
    return True


def bucket_arn(bucket: str, region: str) -> str:
    return f"arn:{get_partition(region)}:s3:::{bucket}"
