"""The appliance side: what a gateway's own clients do, which no AWS API does.

An iSCSI initiator writes to a volume, a backup application fills or ejects a tape, an
NFS or SMB client writes a file. A test plays that side with these functions, so that
the API's consequences can be tested end to end. They change records through the
families' own methods, under the backend's lock, in the account and region the
resource's ARN names. An unknown resource or a bad argument raises
:class:`~moto_sgw.ConfigurationError` naming the problem.

In the server: ``POST /moto-sgw/appliance/<name>`` with the same arguments as a JSON
object (see :mod:`moto_sgw.control`).

- :func:`write_volume` -- what an initiator wrote to a volume shows as its
  ``VolumeUsedInBytes`` (and its recovery point's ``VolumeUsageInBytes``).
- :func:`write_file` -- an NFS or SMB client writes a file through a share: it is uploaded
  to the share's bucket at once (and announced, if the share's NotificationPolicy asks).
- :func:`list_files` -- what the share's clients see: files written through it, and the
  bucket's objects as of the share's last RefreshCache.
- :func:`write_tape` -- the backup application wrote to a tape: its ``TapeUsedInBytes``.
- :func:`eject_tape` -- the backup application ejected a tape: it goes to its pool in the
  archive (``IN TRANSIT TO VTS``, ``ARCHIVING``, ``ARCHIVED``); a retrieved tape goes back
  to the archive at once.
"""
from __future__ import annotations

import json
import posixpath
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Tuple, TypeVar

from . import arns
from .bridges import events, s3
from .protocol.errors import ConfigurationError, SgwError

if TYPE_CHECKING:
    from .families.file.shares import FileShare
    from .families.tape.tapes import Tape
    from .families.volume.volumes import Volume
    from .models import StorageGatewayBackend

F = TypeVar("F", bound=Callable[..., Any])
# Name -> function: what the server's /moto-sgw/appliance/<name> endpoints call.
FUNCTIONS: Dict[str, Callable[..., Any]] = {}
# Name -> the arguments that are bytes (base64 in the server's JSON bodies).
BINARY_ARGUMENTS: Dict[str, Tuple[str, ...]] = {"write_file": ("data",)}
# "maximum path length 1024 bytes"
MAX_PATH_BYTES = 1024

# The volume states in which an initiator can write (AWS: a restoring volume is readable
# and writable; a creating one is not yet usable, nor one without an upload buffer).
WRITABLE = frozenset({"AVAILABLE", "RESTORING", "BOOTSTRAPPING"})


def appliance(func: F) -> F:
    FUNCTIONS[func.__name__] = func
    return func


def _backend_for(account: str, region: str) -> "StorageGatewayBackend":
    from .models import storagegateway_backends

    try:
        return storagegateway_backends[account][region]
    except KeyError:
        raise ConfigurationError(f"no such region: {region}") from None


def _backend_of(arn: Any) -> "Tuple[StorageGatewayBackend, arns.ParsedArn]":
    parsed = arns.parse(arn) if isinstance(arn, str) else None
    if parsed is None:
        raise ConfigurationError(f"not a Storage Gateway ARN: {arn!r}")
    return _backend_for(parsed.account, parsed.region), parsed


R = TypeVar("R")


def _regional(
    arn: Any, kind: str, what: str, lookup: "Callable[[StorageGatewayBackend, str], R]"
) -> "Tuple[StorageGatewayBackend, R]":
    """The backend and the record of ``kind`` (a file share, a tape) that ``arn`` names."""
    parsed = arns.parse_regional(arn) if isinstance(arn, str) else None
    if parsed is None or parsed.kind != kind:
        raise ConfigurationError(f"not a {what} ARN: {arn!r}")
    backend = _backend_for(parsed.account, parsed.region)
    with backend.lock:
        try:
            return backend, lookup(backend, arn)
        except SgwError:
            raise ConfigurationError(f"no such {what}: {arn}") from None


def _share_of(arn: Any) -> "Tuple[StorageGatewayBackend, FileShare]":
    return _regional(arn, arns.SHARE, "file share", lambda backend, found: backend.file.shares.lookup(found))


def _path(value: Any) -> str:
    """A file's path relative to the share's root: ``reports/q1.csv`` (a leading / is dropped)."""
    if not isinstance(value, str) or not value.strip("/"):
        raise ConfigurationError(f"path must name a file, not {value!r}")
    path = value.lstrip("/")
    parts = path.split("/")
    if path.endswith("/") or any(part in ("", ".", "..") for part in parts) or "\x00" in path:
        raise ConfigurationError(f"path must be a plain relative file path, not {value!r}")
    if len(path.encode("utf-8")) > MAX_PATH_BYTES:
        raise ConfigurationError(f"path is longer than {MAX_PATH_BYTES} bytes")
    return posixpath.normpath(path)


def _size(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"{name} must be a whole number of bytes, 0 or more, not {value!r}")
    return int(value)


@appliance
def write_volume(volume_arn: str, size_in_bytes: int) -> Dict[str, Any]:
    """An iSCSI initiator has written ``size_in_bytes`` to the volume (set, not added).

    The volume's ``VolumeUsedInBytes`` becomes that much, capped at its size. The volume
    must be attached to a running gateway and writable (``AVAILABLE``, ``RESTORING`` or
    ``BOOTSTRAPPING``). Answers the volume's ARN and its used bytes.
    """
    size = _size(size_in_bytes, "size_in_bytes")
    backend, parsed = _backend_of(volume_arn)
    if parsed.kind != "volume":
        raise ConfigurationError(f"not a volume ARN: {volume_arn!r}")
    with backend.lock:
        volume: Volume
        try:
            volume = backend.volumes.lookup(volume_arn)
        except SgwError:
            raise ConfigurationError(f"no such volume: {volume_arn}") from None
        if not volume.attached:
            raise ConfigurationError(f"volume {volume_arn} is {volume.attachment.state}, not ATTACHED")
        if not volume.gateway.running:
            raise ConfigurationError(f"the gateway of volume {volume_arn} is not running")
        if volume.status not in WRITABLE:
            raise ConfigurationError(f"volume {volume_arn} is {volume.status}: nothing can write to it")
        return {"VolumeARN": volume.arn, "VolumeUsedInBytes": volume.write(size)}


@appliance
def write_file(file_share_arn: str, path: str, data: bytes) -> Dict[str, Any]:
    """A client of the share writes ``data`` to the file ``path`` (relative to the share's root).

    The share must be ``AVAILABLE`` (its bucket exists), writable (not ReadOnly) and on a
    running gateway. The file is uploaded at once: an object at the share's prefix +
    ``path`` in its bucket, with the share's storage class; with a NotificationPolicy that
    asks for upload events, a ``Storage Gateway Object Upload Event`` follows. Answers the
    share's ARN, the bucket, the key and the size.
    """
    if not isinstance(data, (bytes, bytearray)):
        raise ConfigurationError(f"data must be bytes, not {type(data).__name__}")
    relative = _path(path)
    backend, share = _share_of(file_share_arn)
    with backend.lock:
        status = share.status
        if status != "AVAILABLE":
            raise ConfigurationError(f"file share {share.arn} is {status}: nothing can be written to it")
        if not share.gateway.running:
            raise ConfigurationError(f"the gateway of file share {share.arn} is not running")
        if share.settings.get("ReadOnly"):
            raise ConfigurationError(f"file share {share.arn} is read-only")
        share.files[relative] = len(data)
        bucket, key = share.bucket, share.key_of(relative)
        storage_class = share.storage_class
        announce = _announces_uploads(share.settings.get("NotificationPolicy"))
        resources = [share.arn, share.gateway.arn]
    assert bucket is not None
    # The upload: a write into moto's S3, after the Storage Gateway lock is released.
    s3.put_object(share.account_id, share.region, bucket, key, bytes(data), storage_class)
    if announce:
        detail = {
            "object-size": len(data),
            "modification-time": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "object-key": key,
            "event-type": "object-upload-complete",
            "prefix": share.location.prefix,
            "bucket-name": bucket,
        }
        events.put(
            share.account_id, share.region, events.OBJECT_UPLOAD,
            resources + [s3.bucket_arn(bucket, share.region)], detail,
        )
    return {"FileShareARN": share.arn, "Bucket": bucket, "Key": key, "Size": len(data)}


def _announces_uploads(policy: Any) -> bool:
    try:
        parsed = json.loads(policy or "{}")
    except ValueError:
        return False
    return isinstance(parsed, dict) and "Upload" in parsed


@appliance
def list_files(file_share_arn: str) -> List[str]:
    """What a client of the share sees: the sorted paths of the files written through it,
    and of the bucket's objects as of the share's last RefreshCache."""
    backend, share = _share_of(file_share_arn)
    with backend.lock:
        return sorted(share.files)


def _tape_of(arn: Any) -> "Tuple[StorageGatewayBackend, Tape]":
    return _regional(arn, arns.TAPE, "tape", lambda backend, found: backend.tape.tapes.lookup(found))


def _on_running_gateway(tape: "Tape") -> None:
    if tape.gateway is None:
        raise ConfigurationError(f"tape {tape.arn} is in the archive, on no gateway")
    if not tape.gateway.running:
        raise ConfigurationError(f"the gateway of tape {tape.arn} is not running")


@appliance
def write_tape(tape_arn: str, size_in_bytes: int) -> Dict[str, Any]:
    """The backup application has written ``size_in_bytes`` to the tape (set, not added).

    The tape's ``TapeUsedInBytes`` becomes that much, capped at its size. The tape must be
    ``AVAILABLE`` on a running gateway (retrieved and recovered tapes are read-only), and a
    WORM tape takes data once. Answers the tape's ARN and its used bytes.
    """
    size = _size(size_in_bytes, "size_in_bytes")
    backend, tape = _tape_of(tape_arn)
    with backend.lock:
        _on_running_gateway(tape)
        if not tape.writable:
            raise ConfigurationError(f"tape {tape.arn} is {tape.status}: nothing can be written to it")
        if tape.worm and tape.used:
            raise ConfigurationError(f"tape {tape.arn} is a WORM tape that has been written")
        tape.used = min(size, tape.size)
        return {"TapeARN": tape.arn, "TapeUsedInBytes": tape.used}


@appliance
def eject_tape(tape_arn: str) -> Dict[str, Any]:
    """The backup application ejects the tape from its gateway's library.

    An ``AVAILABLE`` (or ``RECOVERED``) tape goes to its pool in the archive, through the
    ``storagegateway::tape-archival`` states; a ``RETRIEVED`` tape goes back to the archive
    at once ("the status changes back to ARCHIVED"). Answers the tape's ARN and status.
    """
    backend, tape = _tape_of(tape_arn)
    with backend.lock:
        _on_running_gateway(tape)
        if tape.status not in ("AVAILABLE", "RECOVERED", "RETRIEVED"):
            raise ConfigurationError(f"tape {tape.arn} is {tape.status}: it cannot be ejected")
        backend.tape.tapes.eject(tape)
        return {"TapeARN": tape.arn, "TapeStatus": tape.status}
