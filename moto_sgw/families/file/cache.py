"""A file share's cache: refreshing it from the bucket, uploads and the notice that they are
done, evicting files that fail to upload, and resetting a gateway's cache disks.

What a share's clients see (``appliance.list_files``) is the files written through the
share, plus the bucket's objects as of the share's last RefreshCache: an object put into
S3 directly is seen only after a refresh, as on AWS. RefreshCache and NotifyWhenUploaded
answer a NotificationId (a UUID) and, when the refresh or the uploads are done, put the
documented event on the account's default EventBridge bus with the same
``notification-id``. Both are immediate: a mock gateway has nothing to wait for (so the
limit of two refreshes in progress is never reached).
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING, Dict, List

from ... import ids
from ...bridges import events, s3
from ...messages import invalid
from ...protocol.registry import operation
from ..disks import AVAILABLE as DISK_AVAILABLE
from ..disks import CACHE_STORAGE

if TYPE_CHECKING:
    from ..._generated.shapes import (
        EvictFilesFailingUploadInput,
        EvictFilesFailingUploadOutput,
        NotifyWhenUploadedInput,
        NotifyWhenUploadedOutput,
        RefreshCacheInput,
        RefreshCacheOutput,
        ResetCacheInput,
        ResetCacheOutput,
    )
    from ...protocol.context import RequestContext
    from .shares import FileShare


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _folder(folder: str) -> str:
    """A FolderList entry as a path prefix relative to the share's root ("" for the root)."""
    if folder != "/" and folder.endswith("/"):
        raise invalid("InvalidParameters")  # "must not end with a /" (the root excepted)
    stripped = folder.strip("/")
    return stripped + "/" if stripped else ""


def refresh(share: "FileShare", folders: List[str], recursive: bool) -> None:
    """What the share's clients see of ``folders`` becomes what the bucket holds now."""
    prefix = share.location.prefix
    held = s3.objects(share.account_id, share.region, share.bucket or "", prefix) if share.bucket else {}
    in_bucket: Dict[str, int] = {key[len(prefix):]: size for key, size in held.items() if not key.endswith("/")}
    for folder in folders:
        def inside(path: str) -> bool:
            if not path.startswith(folder):
                return False
            return recursive or "/" not in path[len(folder):]

        for path in [path for path in share.files if inside(path)]:
            del share.files[path]
        share.files.update({path: size for path, size in in_bucket.items() if inside(path)})


@operation("RefreshCache")
def refresh_cache(ctx: "RequestContext", req: "RefreshCacheInput") -> "RefreshCacheOutput":
    share: FileShare = ctx.resource
    if share.bucket is None or not s3.bucket_exists(ctx.account_id, ctx.region, share.bucket):
        # A real RefreshCache on a share whose bucket is gone: "Cannot access <bucket>".
        raise invalid("InvalidParameters", f"Cannot access {share.bucket or share.settings['FileShareName']}")
    given = req.get("FolderList") or ["/"]
    recursive = req.get("Recursive")
    recursive = True if recursive is None else recursive
    started = _now()
    refresh(share, [_folder(folder) for folder in given], recursive)
    notification_id = ids.notification_id()
    detail = {
        "event-type": "refresh-complete",
        "notification-id": notification_id,
        "started": started,
        "completed": _now(),
        "folderList": list(given),
    }
    resources = [share.arn, share.gateway.arn]
    ctx.after(lambda: events.put(ctx.account_id, ctx.region, events.REFRESH_CACHE, resources, detail))
    return {"FileShareARN": share.arn, "NotificationId": notification_id}


@operation("NotifyWhenUploaded")
def notify_when_uploaded(ctx: "RequestContext", req: "NotifyWhenUploadedInput") -> "NotifyWhenUploadedOutput":
    # Every write through a share is uploaded before its call returns: the working set
    # is uploaded now, and the notice follows at once.
    share: FileShare = ctx.resource
    notification_id = ids.notification_id()
    received = _now()
    detail = {
        "event-type": "upload-complete",
        "notification-id": notification_id,
        "request-received": received,
        "completed": _now(),
    }
    resources = [share.arn, share.gateway.arn]
    ctx.after(lambda: events.put(ctx.account_id, ctx.region, events.UPLOAD_NOTIFICATION, resources, detail))
    return {"FileShareARN": share.arn, "NotificationId": notification_id}


@operation("EvictFilesFailingUpload")
def evict_files_failing_upload(
    ctx: "RequestContext", req: "EvictFilesFailingUploadInput"
) -> "EvictFilesFailingUploadOutput":
    # No file of a mock share ever fails to upload: the clean finds nothing to evict.
    return {"NotificationId": ids.notification_id()}


@operation("ResetCache")
def reset_cache(ctx: "RequestContext", req: "ResetCacheInput") -> "ResetCacheOutput":
    # "Resets all cache disks ... there will be no configured cache disks left in the
    # gateway, so you must configure at least one new cache disk."
    for disk in ctx.gateway.disks_of(CACHE_STORAGE):
        disk.allocation = DISK_AVAILABLE
    return {"GatewayARN": ctx.gateway.arn}
