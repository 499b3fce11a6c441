"""NFS and SMB file shares of S3 File Gateways, on buckets in moto's S3.

A share's ARN is regional, outside its gateway's: ``...:share/share-86C5A6E3`` (8
upper-case hex digits), and its ``FileShareId`` is the ARN's last segment. A new share is
``CREATING``, an updated one ``UPDATING``, then ``AVAILABLE``, through the lifecycle model
``storagegateway::file-share``; DeleteFileShare makes it ``DELETING`` (``FORCE_DELETING``
with ForceDelete), then it is gone. AWS: "If the bucket doesn't exist, create it. After you
create the bucket, the file share status transitions to AVAILABLE": a share whose bucket is
missing is no create error, it stays ``CREATING`` (``UNAVAILABLE`` if the bucket goes away
later) until the bucket exists.

What a share reads back is what AWS documents and Terraform observes on real shares (see
``../shared/aws/file.md`` section 4-5): the defaults of every member left out, and
``CacheAttributes`` and ``NFSFileShareDefaults`` only when they were given. Update calls
change only the members they carry ("set the corresponding input field to null" to leave
one unchanged).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, cast

from ... import arns, ids, lifecycle, rules
from ...bridges import s3
from ...gateway_types import FILE_S3
from ...lifecycle import Lifecycle
from ...messages import invalid
from ...pagination import paginate
from ...protocol.registry import operation
from . import records
from .records import RegionalStore

if TYPE_CHECKING:
    from ..._generated.shapes import (
        CreateNFSFileShareInput,
        CreateNFSFileShareOutput,
        CreateSMBFileShareInput,
        CreateSMBFileShareOutput,
        DeleteFileShareInput,
        DeleteFileShareOutput,
        DescribeNFSFileSharesInput,
        DescribeNFSFileSharesOutput,
        DescribeSMBFileSharesInput,
        DescribeSMBFileSharesOutput,
        FileShareInfo,
        ListFileSharesInput,
        ListFileSharesOutput,
        UpdateNFSFileShareInput,
        UpdateNFSFileShareOutput,
        UpdateSMBFileShareInput,
        UpdateSMBFileShareOutput,
    )
    from ..._generated.shapes import Tag
    from ...models import StorageGatewayBackend
    from ...protocol.context import RequestContext
    from ..gateways import Gateway

NFS, SMB = "NFS", "SMB"
CREATING, UPDATING, AVAILABLE, UNAVAILABLE = "CREATING", "UPDATING", "AVAILABLE", "UNAVAILABLE"

# "50 file shares per S3 File Gateway"
MAX_SHARES_PER_GATEWAY = 50
SQUASH = frozenset({"RootSquash", "NoSquash", "AllSquash"})
STORAGE_CLASSES = frozenset({"S3_STANDARD", "S3_INTELLIGENT_TIERING", "S3_STANDARD_IA", "S3_ONEZONE_IA"})
AUTHENTICATION = frozenset({"ActiveDirectory", "GuestAccess"})
ACTIVE_DIRECTORY, GUEST_ACCESS = "ActiveDirectory", "GuestAccess"
# NFS names: letters, digits, - . _ ; SMB names cannot contain [ ] # ; < > : " \ / | ? * +
# nor ASCII control characters.
_NFS_NAME = re.compile(r"^[A-Za-z0-9._-]+$")
_SMB_NAME_FORBIDDEN = re.compile(r'[\[\]#;<>:"\\/|?*+\x00-\x1f]')
USER_LISTS = ("AdminUserList", "ValidUserList", "InvalidUserList")

# The documented defaults a share reads back for every member its creator left out.
COMMON_DEFAULTS: Dict[str, Any] = {
    "DefaultStorageClass": "S3_STANDARD",
    "ObjectACL": "private",
    "ReadOnly": False,
    "GuessMIMETypeEnabled": True,
    "RequesterPays": False,
    "NotificationPolicy": "{}",
}
NFS_DEFAULTS: Dict[str, Any] = {
    **COMMON_DEFAULTS,
    "ClientList": ["0.0.0.0/0"],  # the console's "All NFS clients are allowed access"
    "Squash": "RootSquash",
}
SMB_DEFAULTS: Dict[str, Any] = {
    **COMMON_DEFAULTS,
    "SMBACLEnabled": False,
    "AccessBasedEnumeration": False,
    "AdminUserList": [],
    "ValidUserList": [],
    "InvalidUserList": [],
    "Authentication": ACTIVE_DIRECTORY,
    "CaseSensitivity": "ClientSpecified",
    "OplocksEnabled": True,  # the console's default; the API's is not documented
}
# NFSFileShareDefaults, when given: "nfsnobody" (65534) owns files 0666 and directories 0777.
PERMISSION_DEFAULTS = {"FileMode": "0666", "DirectoryMode": "0777", "GroupId": 65534, "OwnerId": 65534}
# Members the request carries that are no setting of the share.
_NOT_SETTINGS = frozenset({"ClientToken", "GatewayARN", "Tags", "FileShareARN", "KMSEncrypted"})


@dataclass(eq=False)
class FileShare:
    arn: str
    share_id: str
    protocol: str  # NFS or SMB
    gateway: "Gateway"
    account_id: str
    region: str
    location: s3.Location
    settings: Dict[str, Any]  # the members Describe* reads back, defaults included
    progress: Lifecycle = field(default_factory=lambda: Lifecycle(lifecycle.FILE_SHARE, CREATING, AVAILABLE))
    ever_available: bool = False
    # What the share's clients see: path (relative to the share's root) -> size in bytes;
    # files written through the share, and the bucket's objects as of the last refresh.
    files: Dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.settings["FileShareName"])

    @property
    def bucket(self) -> Optional[str]:
        return self.location.bucket

    @property
    def status(self) -> str:
        """The FileShareStatus: the lifecycle's state, then what the bucket allows."""
        state = self.progress.state
        if state != AVAILABLE:
            return state
        if s3.bucket_exists(self.account_id, self.region, self.bucket):
            self.ever_available = True
            return AVAILABLE
        return UNAVAILABLE if self.ever_available else CREATING

    @property
    def deleting(self) -> bool:
        return records.deleting(self)

    @property
    def storage_class(self) -> str:
        """The S3 storage class of what the share uploads (``S3_STANDARD`` is ``STANDARD``)."""
        return str(self.settings["DefaultStorageClass"])[len("S3_"):]

    def key_of(self, path: str) -> str:
        return self.location.prefix + path.lstrip("/")

    def as_info(self) -> "FileShareInfo":
        return {
            "FileShareType": self.protocol,  # type: ignore[typeddict-item]
            "FileShareARN": self.arn,
            "FileShareId": self.share_id,
            "FileShareStatus": self.status,
            "GatewayARN": self.gateway.arn,
        }

    def as_shape(self, tags: "List[Tag]") -> Dict[str, Any]:
        settings = self.settings
        shape: Dict[str, Any] = {
            "FileShareARN": self.arn,
            "FileShareId": self.share_id,
            "FileShareStatus": self.status,
            "GatewayARN": self.gateway.arn,
            "KMSEncrypted": settings["EncryptionType"] != "SseS3",
            "Path": "/" + self.name,
            "Tags": tags,
        }
        shape.update({key: value for key, value in settings.items() if value is not None})
        return shape


class FileShares(RegionalStore[FileShare]):
    """The file shares of one account and region, by ARN and by gateway."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        super().__init__(backend, lifecycle.FILE_SHARE, "FileShareNotFound")

    def create(
        self, gateway: "Gateway", protocol: str, location: s3.Location, settings: Dict[str, Any]
    ) -> FileShare:
        backend = self._backend
        while True:
            share_id = ids.upper_hex("share-", 8)
            arn = arns.share(backend.region_name, backend.account_id, share_id)
            if arn not in self:
                break
        share = FileShare(
            arn=arn,
            share_id=share_id,
            protocol=protocol,
            gateway=gateway,
            account_id=backend.account_id,
            region=backend.region_name,
            location=location,
            settings=settings,
        )
        # A bucket that is there from the start: the share has been available, and reports
        # UNAVAILABLE, not CREATING, if the bucket goes away.
        share.ever_available = s3.bucket_exists(share.account_id, share.region, share.bucket)
        self.add(share)
        return share


def _shares_of(backend: "StorageGatewayBackend") -> FileShares:
    return backend.file.shares


records.resolvers(rules.SHARE, rules.SHARES, arns.SHARE, _shares_of, frozenset({FILE_S3}))


# ---------------------------------------------------------------------------------------
# The rules of a share's settings, checked on create and on every update


def _check_settings(settings: Mapping[str, Any], protocol: str) -> None:
    if settings["DefaultStorageClass"] not in STORAGE_CLASSES:
        raise invalid("InvalidParameters")
    records.check_cache_attributes(settings.get("CacheAttributes"))
    name = settings["FileShareName"]
    if protocol == NFS:
        if settings["Squash"] not in SQUASH or not _NFS_NAME.match(name):
            raise invalid("InvalidParameters")
    else:
        if settings["Authentication"] not in AUTHENTICATION or _SMB_NAME_FORBIDDEN.search(name):
            raise invalid("InvalidParameters")
        # "Can only be set if Authentication is set to ActiveDirectory."
        lists = ("ValidUserList", "InvalidUserList")
        if settings["Authentication"] != ACTIVE_DIRECTORY and any(settings[key] for key in lists):
            raise invalid("InvalidParameters")


def _encryption(req: Mapping[str, Any], held: Mapping[str, Any]) -> Dict[str, Any]:
    """EncryptionType and KMSKey after ``req``: they must not conflict, and a KMS key must
    be given for KMS encryption (AWS: "KMSKey is missing")."""
    kms_encrypted = req.get("KMSEncrypted")
    encryption = req.get("EncryptionType")
    if encryption is None:
        if kms_encrypted is None:
            encryption = held.get("EncryptionType", "SseS3")
        else:
            encryption = "SseKms" if kms_encrypted else "SseS3"
    elif kms_encrypted is not None and kms_encrypted != (encryption != "SseS3"):
        raise invalid("InvalidParameters", "KMSEncrypted and EncryptionType conflict.")
    key = req.get("KMSKey", held.get("KMSKey"))
    if encryption == "SseS3":
        key = None
    elif key is None:
        raise invalid("InvalidParameters", "KMSKey is missing.")
    return {"EncryptionType": encryption, "KMSKey": key}


def _permissions(given: Optional[Mapping[str, Any]]) -> Optional[Dict[str, Any]]:
    if given is None:
        return None
    return {**PERMISSION_DEFAULTS, **given}


def _settings_of(req: Mapping[str, Any], protocol: str, location: s3.Location) -> Dict[str, Any]:
    defaults = NFS_DEFAULTS if protocol == NFS else SMB_DEFAULTS
    settings: Dict[str, Any] = dict(defaults)
    settings.update({k: v for k, v in req.items() if k not in _NOT_SETTINGS})
    name = req.get("FileShareName") or location.default_name
    if name is None:
        # "must be set if an S3 prefix name is set in LocationARN, or if an access point or
        # access point alias is used"
        raise invalid("InvalidParameters")
    settings["FileShareName"] = name
    settings.update(_encryption(req, {}))
    if protocol == NFS:
        settings["NFSFileShareDefaults"] = _permissions(req.get("NFSFileShareDefaults"))
    return settings


def _create(ctx: "RequestContext", req: Mapping[str, Any], protocol: str) -> Dict[str, Any]:
    sgw, gateway = ctx.backend, ctx.gateway

    def create() -> Dict[str, Any]:
        location = s3.location(ctx.account_id, ctx.region, req["LocationARN"])
        if location is None:
            raise invalid("InvalidParameters")
        settings = _settings_of(req, protocol, location)
        _check_settings(settings, protocol)
        if protocol == SMB:
            _check_authentication(ctx, settings["Authentication"])
        held = sgw.file.shares.of_gateway(gateway.arn)
        if len(held) >= MAX_SHARES_PER_GATEWAY:
            raise invalid("InvalidParameters")
        if any(share.name == settings["FileShareName"] for share in held.values()):
            raise invalid("InvalidParameters")  # a gateway exports each name once
        tags = req.get("Tags") or []
        sgw.tags.check(None, tags)
        share = sgw.file.shares.create(gateway, protocol, location, settings)
        sgw.tags.add(share.arn, tags)
        return {"FileShareARN": share.arn}

    operation_name = "CreateNFSFileShare" if protocol == NFS else "CreateSMBFileShare"
    return sgw.idempotency.run(operation_name, gateway.arn, req, create)


def _check_authentication(ctx: "RequestContext", authentication: str) -> None:
    """An SMB share's prerequisites on its gateway: "Before you create a file share using guest
    access, you need to change the default password"; Active Directory needs the domain."""
    smb = ctx.backend.file.smb.of(ctx.gateway)
    if authentication == GUEST_ACCESS and not smb.guest_password_set:
        raise invalid("InvalidParameters")
    if authentication == ACTIVE_DIRECTORY and not smb.joined:
        raise invalid("InvalidParameters")


def _update(ctx: "RequestContext", req: Mapping[str, Any], protocol: str) -> Dict[str, Any]:
    share: FileShare = ctx.resource
    if share.protocol != protocol or share.deleting:
        raise invalid("InvalidParameters")
    settings = dict(share.settings)
    changes = {k: v for k, v in req.items() if k not in _NOT_SETTINGS and k not in ("KMSKey", "EncryptionType")}
    if "NFSFileShareDefaults" in changes:
        changes["NFSFileShareDefaults"] = _permissions(changes["NFSFileShareDefaults"])
    if "AuditDestinationARN" in changes and not changes["AuditDestinationARN"]:
        changes["AuditDestinationARN"] = None  # "" turns audit logs off
    settings.update(changes)
    settings.update(_encryption(req, share.settings))
    _check_settings(settings, protocol)
    if any(
        other is not share and other.name == settings["FileShareName"]
        for other in ctx.backend.file.shares.of_gateway(share.gateway.arn).values()
    ):
        raise invalid("InvalidParameters")
    share.settings = settings
    share.progress = Lifecycle(lifecycle.FILE_SHARE, UPDATING, AVAILABLE)
    return {"FileShareARN": share.arn}


def _described(ctx: "RequestContext", shares: List[FileShare], protocol: str) -> List[Dict[str, Any]]:
    if any(share.protocol != protocol for share in shares):
        raise invalid("InvalidParameters")  # a share of the other protocol
    reported = ctx.backend.file.shares.reported(shares)
    return [share.as_shape(ctx.backend.tags.sorted(share.arn)) for share in reported]


@operation("CreateNFSFileShare")
def create_nfs_file_share(ctx: "RequestContext", req: "CreateNFSFileShareInput") -> "CreateNFSFileShareOutput":
    return cast("CreateNFSFileShareOutput", _create(ctx, req, NFS))


@operation("CreateSMBFileShare")
def create_smb_file_share(ctx: "RequestContext", req: "CreateSMBFileShareInput") -> "CreateSMBFileShareOutput":
    return cast("CreateSMBFileShareOutput", _create(ctx, req, SMB))


@operation("UpdateNFSFileShare")
def update_nfs_file_share(ctx: "RequestContext", req: "UpdateNFSFileShareInput") -> "UpdateNFSFileShareOutput":
    return cast("UpdateNFSFileShareOutput", _update(ctx, req, NFS))


@operation("UpdateSMBFileShare")
def update_smb_file_share(ctx: "RequestContext", req: "UpdateSMBFileShareInput") -> "UpdateSMBFileShareOutput":
    return cast("UpdateSMBFileShareOutput", _update(ctx, req, SMB))


@operation("DescribeNFSFileShares")
def describe_nfs_file_shares(
    ctx: "RequestContext", req: "DescribeNFSFileSharesInput"
) -> "DescribeNFSFileSharesOutput":
    return cast("DescribeNFSFileSharesOutput", {"NFSFileShareInfoList": _described(ctx, ctx.resource, NFS)})


@operation("DescribeSMBFileShares")
def describe_smb_file_shares(
    ctx: "RequestContext", req: "DescribeSMBFileSharesInput"
) -> "DescribeSMBFileSharesOutput":
    return cast("DescribeSMBFileSharesOutput", {"SMBFileShareInfoList": _described(ctx, ctx.resource, SMB)})


def _listed(share: FileShare) -> "FileShareInfo":
    if not share.deleting:  # advanced (or forgotten) before the page was cut
        share.progress.advance()
    return share.as_info()


@operation("ListFileShares")
def list_file_shares(ctx: "RequestContext", req: "ListFileSharesInput") -> "ListFileSharesOutput":
    # Without GatewayARN: "all file shares under your account are listed".
    shares = ctx.backend.file.shares
    shares.advance_deleting()
    if ctx.has_gateway:
        source, scope = shares.of_gateway(ctx.gateway.arn), ctx.gateway.arn
    else:
        source, scope = shares.store, ""
    page = paginate("ListFileShares", req, source, _listed, scope=scope)
    return cast("ListFileSharesOutput", {"Marker": req.get("Marker"), **page})


@operation("DeleteFileShare")
def delete_file_share(ctx: "RequestContext", req: "DeleteFileShareInput") -> "DeleteFileShareOutput":
    # "the S3 bucket and its contents aren't deleted"
    share: FileShare = ctx.resource
    if not share.deleting or req.get("ForceDelete"):
        ctx.backend.file.shares.delete(share, bool(req.get("ForceDelete")))
    return {"FileShareARN": share.arn}
