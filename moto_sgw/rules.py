"""The rules every operation shares, declared once: what it names, who may serve it.

One row per operation: the input member that names the resource it acts on, how that
member is resolved (a gateway ARN, a volume ARN, a list of volume ARNs, any taggable
ARN), the gateway types that accept the operation (``UnsupportedOperationForGatewayType``
"This operation is not valid for the specified gateway." otherwise), and whether a
shut-down gateway refuses it (``GatewayNotConnected``; AWS: after ShutdownGateway "you
cannot call any other API except StartGateway, DescribeGatewayInformation, and
ListGateways").

The dispatch stage applies the row under the backend's lock before the handler runs,
in AWS's order: the gateway must exist, then be of a type the operation accepts, then
be running, then the resource on it must exist. The handler finds the results in
``ctx.gateway`` and ``ctx.resource`` and holds only what is particular to it.

How a kind of ARN is resolved is the business of the family that owns the resource:
it registers a :class:`Resolver` with :func:`resolver`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Dict, FrozenSet, Optional

from .gateway_types import (
    CACHED,
    FILE_S3,
    FILE_TYPES,
    GATEWAY_TYPES,
    STORED,
    FILE_FSX_SMB,
    TAPE_TYPES,
    VOLUME_TYPES,
)
from .messages import invalid

if TYPE_CHECKING:
    from .families.gateways import Gateway
    from .models import StorageGatewayBackend
    from .protocol.context import RequestContext

# How an ARN member is resolved (a Resolver is registered under each).
GATEWAY = "gateway"
VOLUME = "volume"
VOLUMES = "volumes"
TARGET = "target"
TAGGABLE = "taggable"
# Registered by the file family: a file share ARN, a list of them, a cache report ARN,
# an association ARN, a list of them.
SHARE = "share"
SHARES = "shares"
CACHE_REPORT = "cache-report"
ASSOCIATION = "fs-association"
ASSOCIATIONS = "fs-associations"
# Registered by the tape family: a tape ARN (its gateway, or none when archived), a custom
# tape pool ARN (no gateway), a VTL device ARN.
TAPE = "tape"
TAPE_POOL = "tapepool"
DEVICE = "device"


@dataclass(frozen=True)
class Rule:
    member: Optional[str] = None  # the input member naming the resource; None: names none
    kind: str = GATEWAY  # how the member is resolved
    types: FrozenSet[str] = GATEWAY_TYPES  # the gateway types that accept the operation
    running: bool = True  # a shut-down gateway answers GatewayNotConnected


@dataclass(frozen=True)
class Resolver:
    """How one kind of ARN member leads to its gateway and its resource.

    ``gateway_of`` raises the not-found error AWS answers, or gives ``None`` when the
    member names no gateway at all (an empty list of volume ARNs).
    """

    gateway_of: Callable[["StorageGatewayBackend", Any], "Optional[Gateway]"]
    find: Optional[Callable[["StorageGatewayBackend", Any, "Optional[Gateway]"], Any]] = None


RESOLVERS: Dict[str, Resolver] = {}


def resolver(kind: str, resolved: Resolver) -> None:
    """Register how ARN members of ``kind`` are resolved (once per kind)."""
    if kind in RESOLVERS and RESOLVERS[kind] != resolved:
        raise ValueError(f"{kind} already has a resolver")
    RESOLVERS[kind] = resolved


NONE = Rule()
ANY_GATEWAY = Rule("GatewayARN")
# A gateway's settings and state are readable, and it can be started, deleted and
# tagged, while it is shut down.
ANY_GATEWAY_EVEN_SHUT_DOWN = Rule("GatewayARN", running=False)
CACHE_TYPES = frozenset({CACHED}) | TAPE_TYPES | FILE_TYPES  # AddCache: not for stored gateways
UPLOAD_BUFFER_TYPES = VOLUME_TYPES | TAPE_TYPES  # not for file gateways
WORKING_STORAGE_TYPES = frozenset({STORED})  # the stored gateway's older name for its buffer
# "supported only for the stored volume, cached volume, and tape gateway types"
RATE_LIMIT_TYPES = VOLUME_TYPES | TAPE_TYPES
# "supported only for volume, tape and S3 file gateways"
RATE_SCHEDULE_TYPES = VOLUME_TYPES | TAPE_TYPES | frozenset({FILE_S3})
# CHAP: "supported in volume and tape gateway types" (a tape gateway's devices are targets too)
CHAP_TYPES = VOLUME_TYPES | TAPE_TYPES
S3_FILE = frozenset({FILE_S3})
FSX_FILE = frozenset({FILE_FSX_SMB})

RULES: Dict[str, Rule] = {
    # gateways
    "ActivateGateway": NONE,
    "ListGateways": NONE,
    "DescribeGatewayInformation": ANY_GATEWAY_EVEN_SHUT_DOWN,
    "UpdateGatewayInformation": ANY_GATEWAY,
    # "This API action cannot be used to shut down S3 File Gateway or FSx File Gateway."
    "ShutdownGateway": Rule("GatewayARN", types=GATEWAY_TYPES - FILE_TYPES),
    "StartGateway": ANY_GATEWAY_EVEN_SHUT_DOWN,
    "DeleteGateway": ANY_GATEWAY_EVEN_SHUT_DOWN,
    # local disks
    "ListLocalDisks": ANY_GATEWAY,
    "AddCache": Rule("GatewayARN", types=CACHE_TYPES),
    "DescribeCache": Rule("GatewayARN", types=CACHE_TYPES),
    "AddUploadBuffer": Rule("GatewayARN", types=UPLOAD_BUFFER_TYPES),
    "DescribeUploadBuffer": Rule("GatewayARN", types=UPLOAD_BUFFER_TYPES),
    "AddWorkingStorage": Rule("GatewayARN", types=WORKING_STORAGE_TYPES),
    "DescribeWorkingStorage": Rule("GatewayARN", types=WORKING_STORAGE_TYPES),
    # volumes
    "CreateCachediSCSIVolume": Rule("GatewayARN", types=frozenset({CACHED})),
    "CreateStorediSCSIVolume": Rule("GatewayARN", types=frozenset({STORED})),
    "DescribeCachediSCSIVolumes": Rule("VolumeARNs", VOLUMES, types=frozenset({CACHED})),
    "DescribeStorediSCSIVolumes": Rule("VolumeARNs", VOLUMES, types=frozenset({STORED})),
    # GatewayARN is optional: without it, every volume of the account and region.
    "ListVolumes": Rule("GatewayARN", types=VOLUME_TYPES),
    "DeleteVolume": Rule("VolumeARN", VOLUME, types=VOLUME_TYPES),
    "ListVolumeRecoveryPoints": Rule("GatewayARN", types=frozenset({CACHED})),
    # snapshots
    "CreateSnapshot": Rule("VolumeARN", VOLUME, types=VOLUME_TYPES),
    # Recovery points are a feature of cached volumes only.
    "CreateSnapshotFromVolumeRecoveryPoint": Rule("VolumeARN", VOLUME, types=frozenset({CACHED})),
    # attaching and detaching, initiators
    "AttachVolume": Rule("GatewayARN", types=VOLUME_TYPES),  # the gateway to attach to
    "DetachVolume": Rule("VolumeARN", VOLUME, types=VOLUME_TYPES),
    "ListVolumeInitiators": Rule("VolumeARN", VOLUME, types=VOLUME_TYPES),
    # snapshot schedules; DeleteSnapshotSchedule "is only supported for cached volume gateway types"
    "UpdateSnapshotSchedule": Rule("VolumeARN", VOLUME, types=VOLUME_TYPES),
    "DescribeSnapshotSchedule": Rule("VolumeARN", VOLUME, types=VOLUME_TYPES),
    "DeleteSnapshotSchedule": Rule("VolumeARN", VOLUME, types=frozenset({CACHED})),
    # CHAP credentials of an iSCSI target
    "UpdateChapCredentials": Rule("TargetARN", TARGET, types=CHAP_TYPES),
    "DescribeChapCredentials": Rule("TargetARN", TARGET, types=CHAP_TYPES),
    "DeleteChapCredentials": Rule("TargetARN", TARGET, types=CHAP_TYPES),
    # bandwidth
    "UpdateBandwidthRateLimit": Rule("GatewayARN", types=RATE_LIMIT_TYPES),
    "DescribeBandwidthRateLimit": Rule("GatewayARN", types=RATE_LIMIT_TYPES),
    "DeleteBandwidthRateLimit": Rule("GatewayARN", types=RATE_LIMIT_TYPES),
    "UpdateBandwidthRateLimitSchedule": Rule("GatewayARN", types=RATE_SCHEDULE_TYPES),
    "DescribeBandwidthRateLimitSchedule": Rule("GatewayARN", types=RATE_SCHEDULE_TYPES),
    # maintenance, software, console, availability test: every gateway type
    "UpdateMaintenanceStartTime": ANY_GATEWAY,
    "DescribeMaintenanceStartTime": ANY_GATEWAY,
    "UpdateGatewaySoftwareNow": ANY_GATEWAY,
    "SetLocalConsolePassword": ANY_GATEWAY,
    "StartAvailabilityMonitorTest": ANY_GATEWAY,
    "DescribeAvailabilityMonitorTest": ANY_GATEWAY,
    # file shares: "only supported for S3 File Gateways"
    "CreateNFSFileShare": Rule("GatewayARN", types=S3_FILE),
    "CreateSMBFileShare": Rule("GatewayARN", types=S3_FILE),
    "UpdateNFSFileShare": Rule("FileShareARN", SHARE, types=S3_FILE),
    "UpdateSMBFileShare": Rule("FileShareARN", SHARE, types=S3_FILE),
    "DeleteFileShare": Rule("FileShareARN", SHARE, types=S3_FILE),
    "DescribeNFSFileShares": Rule("FileShareARNList", SHARES, types=S3_FILE),
    "DescribeSMBFileShares": Rule("FileShareARNList", SHARES, types=S3_FILE),
    # GatewayARN is optional: without it, every share of the account and region.
    "ListFileShares": Rule("GatewayARN", types=S3_FILE),
    "RefreshCache": Rule("FileShareARN", SHARE, types=S3_FILE),
    "NotifyWhenUploaded": Rule("FileShareARN", SHARE, types=S3_FILE),
    "EvictFilesFailingUpload": Rule("FileShareARN", SHARE, types=S3_FILE),
    # "only supported in the cached volume and tape types"; a file gateway's disks are
    # cache too (the file gateway guides: "CACHE STORAGE is the only available option").
    "ResetCache": Rule("GatewayARN", types=CACHE_TYPES),
    # cache reports: of an S3 File Gateway's shares
    "StartCacheReport": Rule("FileShareARN", SHARE, types=S3_FILE),
    "DescribeCacheReport": Rule("CacheReportARN", CACHE_REPORT, types=S3_FILE),
    "CancelCacheReport": Rule("CacheReportARN", CACHE_REPORT, types=S3_FILE),
    "DeleteCacheReport": Rule("CacheReportARN", CACHE_REPORT, types=S3_FILE),
    "ListCacheReports": NONE,
    # SMB settings: every file gateway; guest access and visibility only S3 File Gateways
    "DescribeSMBSettings": Rule("GatewayARN", types=FILE_TYPES),
    "JoinDomain": Rule("GatewayARN", types=FILE_TYPES),
    "UpdateSMBLocalGroups": Rule("GatewayARN", types=FILE_TYPES),
    "UpdateSMBSecurityStrategy": Rule("GatewayARN", types=FILE_TYPES),
    "SetSMBGuestPassword": Rule("GatewayARN", types=S3_FILE),
    "UpdateSMBFileShareVisibility": Rule("GatewayARN", types=S3_FILE),
    # FSx file system associations: "only supported for FSx File Gateways"
    "AssociateFileSystem": Rule("GatewayARN", types=FSX_FILE),
    "UpdateFileSystemAssociation": Rule("FileSystemAssociationARN", ASSOCIATION, types=FSX_FILE),
    "DisassociateFileSystem": Rule("FileSystemAssociationARN", ASSOCIATION, types=FSX_FILE),
    "DescribeFileSystemAssociations": Rule("FileSystemAssociationARNList", ASSOCIATIONS, types=FSX_FILE),
    "ListFileSystemAssociations": Rule("GatewayARN", types=FSX_FILE),
    # tapes: "the gateway must be a tape gateway"
    "CreateTapes": Rule("GatewayARN", types=TAPE_TYPES),
    "CreateTapeWithBarcode": Rule("GatewayARN", types=TAPE_TYPES),
    "DescribeTapes": Rule("GatewayARN", types=TAPE_TYPES),
    "ListTapes": NONE,  # the account's tapes "in both your VTL and VTS"
    "DeleteTape": Rule("GatewayARN", types=TAPE_TYPES),
    # the archive: RetrieveTapeArchive names the gateway to retrieve to
    "DescribeTapeArchives": NONE,
    "RetrieveTapeArchive": Rule("GatewayARN", types=TAPE_TYPES),
    "CancelArchival": Rule("GatewayARN", types=TAPE_TYPES),
    "CancelRetrieval": Rule("GatewayARN", types=TAPE_TYPES),
    "DeleteTapeArchive": Rule("TapeARN", TAPE, types=TAPE_TYPES),
    # pools are regional; AssignTapePool resolves the tape (and its gateway, if on one)
    "CreateTapePool": NONE,
    "DeleteTapePool": NONE,
    "ListTapePools": NONE,
    "AssignTapePool": Rule("TapeARN", TAPE, types=TAPE_TYPES),
    "UpdateAutomaticTapeCreationPolicy": Rule("GatewayARN", types=TAPE_TYPES),
    "ListAutomaticTapeCreationPolicies": Rule("GatewayARN", types=TAPE_TYPES),  # optional
    "DeleteAutomaticTapeCreationPolicy": Rule("GatewayARN", types=TAPE_TYPES),
    # the VTL devices
    "DescribeVTLDevices": Rule("GatewayARN", types=TAPE_TYPES),
    "UpdateVTLDeviceType": Rule("VTLDeviceARN", DEVICE, types=TAPE_TYPES),
    # recovery: a gateway "that is not reachable or not functioning" can be disabled and its
    # recovery points read; RetrieveTapeRecoveryPoint names the gateway to recover to
    "DisableGateway": Rule("GatewayARN", types=TAPE_TYPES, running=False),
    "DescribeTapeRecoveryPoints": Rule("GatewayARN", types=TAPE_TYPES, running=False),
    "RetrieveTapeRecoveryPoint": Rule("GatewayARN", types=TAPE_TYPES),
    # tags: on every taggable resource, whatever its gateway's state
    "AddTagsToResource": Rule("ResourceARN", TAGGABLE, running=False),
    "RemoveTagsFromResource": Rule("ResourceARN", TAGGABLE, running=False),
    "ListTagsForResource": Rule("ResourceARN", TAGGABLE, running=False),
}


def resource_member(operation: str) -> Optional[str]:
    """The input member that names the resource ``operation`` acts on, if any."""
    rule = RULES.get(operation)
    return rule.member if rule is not None else None


def apply(ctx: "RequestContext") -> None:
    """Resolve what the request names, and refuse it as AWS would; see the module's doc."""
    rule = RULES[ctx.operation_name]
    if rule.member is None:
        return
    value = ctx.params.get(rule.member)
    if value is None:  # an optional member left out
        return
    resolved = RESOLVERS[rule.kind]
    backend = ctx.backend
    gateway = resolved.gateway_of(backend, value)
    if gateway is None:
        ctx.resource = resolved.find(backend, value, None) if resolved.find is not None else None
        return
    if gateway.gateway_type not in rule.types:
        raise invalid("UnsupportedOperationForGatewayType")
    if rule.running and not gateway.running:
        raise invalid("GatewayNotConnected")
    ctx.gateway = gateway
    if resolved.find is not None:
        ctx.resource = resolved.find(backend, value, gateway)
