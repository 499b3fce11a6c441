"""What AWS answers a valid request, given the resources it names: the fuzzer's oracle.

The suite's own statement of AWS's rules, written from the documentation (see
../shared/AWS-BEHAVIORS.md and the API reference), never imported from the product: per
operation, the members that name a resource, the gateway types that accept it, whether a
shut-down gateway refuses it, and the errors its own rules may give once the resources it
names are found.

Given a request whose identifiers the fuzzer drew from the world's pools (or generated),
:func:`expected` tells what the answer must be: one specific error when a named resource
is missing, of the wrong type or shut down; otherwise a success or one of the
operation's own errors. "Any modeled error" is never enough.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, List, Mapping, Optional, Set, Tuple

CACHED, STORED, VTL, VTL_SNOW, FILE_S3, FILE_FSX_SMB = (
    "CACHED", "STORED", "VTL", "VTL_SNOW", "FILE_S3", "FILE_FSX_SMB"
)
ALL = frozenset({CACHED, STORED, VTL, VTL_SNOW, FILE_S3, FILE_FSX_SMB})
VOLUME = frozenset({CACHED, STORED})
TAPE = frozenset({VTL, VTL_SNOW})
FILE = frozenset({FILE_S3, FILE_FSX_SMB})
S3_FILE = frozenset({FILE_S3})
FSX_FILE = frozenset({FILE_FSX_SMB})

NOT_FOUND = "GatewayNotFound"
VOLUME_NOT_FOUND = "VolumeNotFound"
WRONG_TYPE = "UnsupportedOperationForGatewayType"
NOT_CONNECTED = "GatewayNotConnected"
INVALID = "InvalidParameters"
TARGET_NOT_FOUND = "TargetNotFound"
SHARE_NOT_FOUND = "FileShareNotFound"
ASSOCIATION_NOT_FOUND = "FileSystemAssociationNotFound"
# No not-found code is documented for cache reports; the mock answers InvalidParameters.
REPORT_NOT_FOUND = INVALID
TAPE_NOT_FOUND = "TapeCartridgeNotFound"
MAX_TAPES = "MaximumTapeCartridgeCountExceeded"


@dataclass(frozen=True)
class Needs:
    """What an operation needs of the resources its input names."""

    gateway: Optional[str] = None  # a member naming a gateway ARN
    volume: Optional[str] = None  # a member naming a volume ARN
    volumes: Optional[str] = None  # a member naming volume ARNs, all of one gateway
    taggable: Optional[str] = None  # a member naming any resource that carries tags
    target: Optional[str] = None  # a member naming an iSCSI target
    share: Optional[str] = None  # a member naming a file share ARN
    shares: Optional[str] = None  # a member naming file share ARNs
    report: Optional[str] = None  # a member naming a cache report ARN
    association: Optional[str] = None  # a member naming a file system association ARN
    associations: Optional[str] = None  # a member naming association ARNs
    tape: Optional[str] = None  # a member naming a tape ARN (on a gateway, or archived on none)
    device: Optional[str] = None  # a member naming a VTL device ARN
    detached: Optional[str] = None  # the error a detached volume answers (None: it serves)
    types: FrozenSet[str] = ALL
    running: bool = True  # AWS: after ShutdownGateway only StartGateway, Describe... and List... work
    errors: FrozenSet[str] = field(default_factory=frozenset)  # the operation's own rules


def _own(*codes: str) -> FrozenSet[str]:
    return frozenset(codes)


DISK_ERRORS = _own("DiskDoesNotExist", "DiskAlreadyAllocated", INVALID)
NEW_VOLUME_ERRORS = _own(INVALID, "TargetAlreadyExists", "MaximumVolumeCountExceeded", "SnapshotIdInvalid")

NEEDS: Dict[str, Needs] = {
    "ActivateGateway": Needs(errors=_own("ActivationKeyInvalid", "RegionInvalid", INVALID)),
    "ListGateways": Needs(errors=_own(INVALID)),  # a marker not of this query
    "DescribeGatewayInformation": Needs(gateway="GatewayARN", running=False),
    "UpdateGatewayInformation": Needs(gateway="GatewayARN", errors=_own(INVALID)),
    "ShutdownGateway": Needs(gateway="GatewayARN", types=ALL - FILE),
    "StartGateway": Needs(gateway="GatewayARN", running=False),
    "DeleteGateway": Needs(gateway="GatewayARN", running=False),
    "ListLocalDisks": Needs(gateway="GatewayARN"),
    "AddCache": Needs(gateway="GatewayARN", types=ALL - {STORED}, errors=DISK_ERRORS),
    "AddUploadBuffer": Needs(gateway="GatewayARN", types=VOLUME | TAPE, errors=DISK_ERRORS),
    "AddWorkingStorage": Needs(gateway="GatewayARN", types=frozenset({STORED}), errors=DISK_ERRORS),
    "DescribeCache": Needs(gateway="GatewayARN", types=ALL - {STORED}),
    "DescribeUploadBuffer": Needs(gateway="GatewayARN", types=VOLUME | TAPE),
    "DescribeWorkingStorage": Needs(gateway="GatewayARN", types=frozenset({STORED})),
    "CreateCachediSCSIVolume": Needs(
        gateway="GatewayARN",
        types=frozenset({CACHED}),
        # SourceVolumeARN names a second volume, looked up as any volume is.
        errors=NEW_VOLUME_ERRORS | {VOLUME_NOT_FOUND, NOT_FOUND, NOT_CONNECTED},
    ),
    "CreateStorediSCSIVolume": Needs(
        gateway="GatewayARN",
        types=frozenset({STORED}),
        errors=NEW_VOLUME_ERRORS
        | DISK_ERRORS
        | {"DiskSizeGreaterThanVolumeMaxSize", "DiskSizeNotGigAligned", "DiskSizeLessThanVolumeSize"},
    ),
    "DescribeCachediSCSIVolumes": Needs(volumes="VolumeARNs", types=frozenset({CACHED})),
    "DescribeStorediSCSIVolumes": Needs(volumes="VolumeARNs", types=frozenset({STORED})),
    "ListVolumes": Needs(gateway="GatewayARN", types=VOLUME, errors=_own(INVALID)),
    "DeleteVolume": Needs(volume="VolumeARN", types=VOLUME),
    "ListVolumeRecoveryPoints": Needs(gateway="GatewayARN", types=frozenset({CACHED})),
    # The world's volumes can all take snapshots: VolumeNotReady is not among the answers.
    # "A detached volume can't be used until it is attached to a gateway."
    "CreateSnapshot": Needs(volume="VolumeARN", types=VOLUME, detached="VolumeNotReady", errors=_own(INVALID)),
    "CreateSnapshotFromVolumeRecoveryPoint": Needs(
        volume="VolumeARN", types=frozenset({CACHED}), detached="VolumeNotReady", errors=_own(INVALID)
    ),
    "AttachVolume": Needs(
        gateway="GatewayARN",
        types=VOLUME,
        # The volume it names is looked up as any second volume is; then AWS's attach rules.
        errors=_own(
            VOLUME_NOT_FOUND, NOT_FOUND, "VolumeInUse", WRONG_TYPE, INVALID, "TargetAlreadyExists",
            "MaximumVolumeCountExceeded", "DiskDoesNotExist", "DiskAlreadyAllocated",
            "DiskSizeLessThanVolumeSize",
        ),
    ),
    "DetachVolume": Needs(volume="VolumeARN", types=VOLUME, detached=INVALID),  # nothing to detach from
    "ListVolumeInitiators": Needs(volume="VolumeARN", types=VOLUME),
    "UpdateSnapshotSchedule": Needs(volume="VolumeARN", types=VOLUME, errors=_own("InvalidSchedule", INVALID)),
    "DescribeSnapshotSchedule": Needs(volume="VolumeARN", types=VOLUME),
    "DeleteSnapshotSchedule": Needs(volume="VolumeARN", types=frozenset({CACHED})),
    "UpdateChapCredentials": Needs(target="TargetARN", types=VOLUME | TAPE, errors=_own(INVALID)),
    "DescribeChapCredentials": Needs(target="TargetARN", types=VOLUME | TAPE),
    "DeleteChapCredentials": Needs(target="TargetARN", types=VOLUME | TAPE, errors=_own("InitiatorNotFound")),
    "UpdateBandwidthRateLimit": Needs(gateway="GatewayARN", types=VOLUME | TAPE),
    "DescribeBandwidthRateLimit": Needs(gateway="GatewayARN", types=VOLUME | TAPE),
    "DeleteBandwidthRateLimit": Needs(gateway="GatewayARN", types=VOLUME | TAPE, errors=_own(INVALID)),
    "UpdateBandwidthRateLimitSchedule": Needs(
        gateway="GatewayARN", types=VOLUME | TAPE | {FILE_S3}, errors=_own("InvalidSchedule", INVALID)
    ),
    "DescribeBandwidthRateLimitSchedule": Needs(gateway="GatewayARN", types=VOLUME | TAPE | {FILE_S3}),
    "UpdateMaintenanceStartTime": Needs(gateway="GatewayARN", errors=_own(INVALID)),
    "DescribeMaintenanceStartTime": Needs(gateway="GatewayARN"),
    "UpdateGatewaySoftwareNow": Needs(gateway="GatewayARN"),
    "SetLocalConsolePassword": Needs(gateway="GatewayARN"),
    # The world's gateways run on VMware, the one host with the test.
    "StartAvailabilityMonitorTest": Needs(gateway="GatewayARN"),
    "DescribeAvailabilityMonitorTest": Needs(gateway="GatewayARN"),
    # file shares: S3 File Gateways only
    "CreateNFSFileShare": Needs(gateway="GatewayARN", types=S3_FILE, errors=_own(INVALID)),
    "CreateSMBFileShare": Needs(gateway="GatewayARN", types=S3_FILE, errors=_own(INVALID)),
    "UpdateNFSFileShare": Needs(share="FileShareARN", types=S3_FILE, errors=_own(INVALID)),
    "UpdateSMBFileShare": Needs(share="FileShareARN", types=S3_FILE, errors=_own(INVALID)),
    "DeleteFileShare": Needs(share="FileShareARN", types=S3_FILE),
    # A share of the other protocol is refused.
    "DescribeNFSFileShares": Needs(shares="FileShareARNList", types=S3_FILE, errors=_own(INVALID)),
    "DescribeSMBFileShares": Needs(shares="FileShareARNList", types=S3_FILE, errors=_own(INVALID)),
    "ListFileShares": Needs(gateway="GatewayARN", types=S3_FILE, errors=_own(INVALID)),
    # A folder ending in "/" is refused.
    "RefreshCache": Needs(share="FileShareARN", types=S3_FILE, errors=_own(INVALID)),
    "NotifyWhenUploaded": Needs(share="FileShareARN", types=S3_FILE),
    "EvictFilesFailingUpload": Needs(share="FileShareARN", types=S3_FILE),
    "ResetCache": Needs(gateway="GatewayARN", types=ALL - {STORED}),
    # cache reports: filters, the bucket, one in progress and ten a share
    "StartCacheReport": Needs(share="FileShareARN", types=S3_FILE, errors=_own(INVALID)),
    "DescribeCacheReport": Needs(report="CacheReportARN", types=S3_FILE),
    "CancelCacheReport": Needs(report="CacheReportARN", types=S3_FILE, errors=_own(INVALID)),
    "DeleteCacheReport": Needs(report="CacheReportARN", types=S3_FILE),
    "ListCacheReports": Needs(errors=_own(INVALID)),
    # SMB settings
    "DescribeSMBSettings": Needs(gateway="GatewayARN", types=FILE),
    "JoinDomain": Needs(gateway="GatewayARN", types=FILE, errors=_own("JoinDomainInProgress")),
    "UpdateSMBLocalGroups": Needs(gateway="GatewayARN", types=FILE),
    # ClientSpecified: "Supported only for S3 File Gateway"
    "UpdateSMBSecurityStrategy": Needs(gateway="GatewayARN", types=FILE, errors=_own(INVALID)),
    "SetSMBGuestPassword": Needs(gateway="GatewayARN", types=S3_FILE),
    "UpdateSMBFileShareVisibility": Needs(gateway="GatewayARN", types=S3_FILE),
    # FSx associations: the file system must exist, endpoint IPs, five a gateway
    "AssociateFileSystem": Needs(
        gateway="GatewayARN",
        types=FSX_FILE,
        errors=_own(
            INVALID,
            "FileSystemNotFound",
            "FileSystemAssociationEndpointIpAddressMissing",
            "FileSystemAssociationEndpointIpAddressAlreadyInUse",
            "FileSystemAssociationEndpointConfigurationConflict",
        ),
    ),
    "UpdateFileSystemAssociation": Needs(association="FileSystemAssociationARN", types=FSX_FILE, errors=_own(INVALID)),
    "DisassociateFileSystem": Needs(association="FileSystemAssociationARN", types=FSX_FILE),
    "DescribeFileSystemAssociations": Needs(associations="FileSystemAssociationARNList", types=FSX_FILE),
    "ListFileSystemAssociations": Needs(gateway="GatewayARN", types=FSX_FILE, errors=_own(INVALID)),
    # tapes: tape gateways only; a tape named beside the gateway must be on it
    "CreateTapes": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID, MAX_TAPES)),
    "CreateTapeWithBarcode": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID, MAX_TAPES)),
    "DescribeTapes": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID)),
    "ListTapes": Needs(errors=_own(INVALID)),
    "DeleteTape": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID, TAPE_NOT_FOUND)),
    "DescribeTapeArchives": Needs(errors=_own(INVALID)),
    "RetrieveTapeArchive": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID, TAPE_NOT_FOUND)),
    "CancelArchival": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID, TAPE_NOT_FOUND)),
    "CancelRetrieval": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID, TAPE_NOT_FOUND)),
    "DeleteTapeArchive": Needs(tape="TapeARN", types=TAPE, errors=_own(INVALID)),
    # pools: a pool in use, an unknown pool, a lock that holds
    "CreateTapePool": Needs(errors=_own(INVALID)),
    "DeleteTapePool": Needs(errors=_own(INVALID)),
    "ListTapePools": Needs(errors=_own(INVALID)),
    "AssignTapePool": Needs(tape="TapeARN", types=TAPE, errors=_own(INVALID)),
    "UpdateAutomaticTapeCreationPolicy": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID)),
    "ListAutomaticTapeCreationPolicies": Needs(gateway="GatewayARN", types=TAPE),
    "DeleteAutomaticTapeCreationPolicy": Needs(gateway="GatewayARN", types=TAPE),
    "DescribeVTLDevices": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID)),
    "UpdateVTLDeviceType": Needs(device="VTLDeviceARN", types=TAPE, errors=_own(INVALID)),
    # a gateway "that is not reachable or not functioning" is disabled, its points read
    "DisableGateway": Needs(gateway="GatewayARN", types=TAPE, running=False),
    "DescribeTapeRecoveryPoints": Needs(gateway="GatewayARN", types=TAPE, running=False, errors=_own(INVALID)),
    "RetrieveTapeRecoveryPoint": Needs(gateway="GatewayARN", types=TAPE, errors=_own(INVALID, TAPE_NOT_FOUND)),
    "AddTagsToResource": Needs(taggable="ResourceARN", running=False, errors=_own(INVALID)),
    "RemoveTagsFromResource": Needs(taggable="ResourceARN", running=False),
    "ListTagsForResource": Needs(taggable="ResourceARN", running=False, errors=_own(INVALID)),
}


@dataclass
class Roles:
    """What the world's identifiers are: gateway ARN -> (type, state); volume ARN -> (gateway, exists)."""

    gateways: Dict[str, Tuple[str, str]] = field(default_factory=dict)  # state: running, shutdown, deleted
    volumes: Dict[str, Tuple[str, bool]] = field(default_factory=dict)
    targets: Dict[str, Tuple[str, bool]] = field(default_factory=dict)  # target ARN -> (gateway, exists)
    detached: Set[str] = field(default_factory=set)  # volume ARNs of detached volumes
    shares: Dict[str, Tuple[str, bool]] = field(default_factory=dict)  # share ARN -> (gateway, exists)
    reports: Dict[str, Tuple[str, bool]] = field(default_factory=dict)  # report ARN -> (share, exists)
    associations: Dict[str, Tuple[str, bool]] = field(default_factory=dict)  # ARN -> (gateway, exists)
    # tape ARN -> (its gateway, None when archived; exists)
    tapes: Dict[str, Tuple[Optional[str], bool]] = field(default_factory=dict)
    devices: Dict[str, Tuple[str, bool]] = field(default_factory=dict)  # device ARN -> (gateway, exists)
    pools: Set[str] = field(default_factory=set)  # ARNs of the custom pools that exist


@dataclass(frozen=True)
class Expected:
    """One error the case calls for, or a set of acceptable ones; success allowed only if ``may_succeed``."""

    errors: FrozenSet[str]
    may_succeed: bool

    def allows(self, status: int, code: Optional[str]) -> bool:
        if status == 200:
            return self.may_succeed
        return status == 400 and code in self.errors


def _gateway_problem(roles: Roles, arn: str, needs: Needs) -> Optional[str]:
    role = roles.gateways.get(arn)
    if role is None or role[1] == "deleted":
        return NOT_FOUND
    gateway_type, state = role
    if gateway_type not in needs.types:
        return WRONG_TYPE
    if needs.running and state != "running":
        return NOT_CONNECTED
    return None


def _volume_problem(roles: Roles, arn: str, needs: Needs) -> Optional[FrozenSet[str]]:
    role = roles.volumes.get(arn)
    if role is None:
        # Not an ARN of the world: its gateway or the volume itself is not found.
        return frozenset({VOLUME_NOT_FOUND, NOT_FOUND})
    gateway_arn, exists = role
    problem = _gateway_problem(roles, gateway_arn, needs)
    if problem is not None:
        return frozenset({problem})
    return None if exists else frozenset({VOLUME_NOT_FOUND})


def _share_problem(roles: Roles, arn: str, needs: Needs) -> Optional[str]:
    role = roles.shares.get(arn)
    if role is None or not role[1]:
        return SHARE_NOT_FOUND
    return _gateway_problem(roles, role[0], needs)


def _report_problem(roles: Roles, arn: str, needs: Needs) -> Optional[str]:
    role = roles.reports.get(arn)
    if role is None or not role[1]:
        return REPORT_NOT_FOUND
    return _share_problem(roles, role[0], needs)


def _association_problem(roles: Roles, arn: str, needs: Needs) -> Optional[str]:
    role = roles.associations.get(arn)
    if role is None or not role[1]:
        return ASSOCIATION_NOT_FOUND
    return _gateway_problem(roles, role[0], needs)


def _tape_problem(roles: Roles, arn: str, needs: Needs) -> Optional[str]:
    role = roles.tapes.get(arn)
    if role is None or not role[1]:
        return TAPE_NOT_FOUND
    return None if role[0] is None else _gateway_problem(roles, role[0], needs)


def _device_problem(roles: Roles, arn: str, needs: Needs) -> Optional[str]:
    role = roles.devices.get(arn)
    if role is None:
        return INVALID
    return _gateway_problem(roles, role[0], needs) or (None if role[1] else INVALID)


def _first_problem(problems: List[Optional[str]]) -> Optional[str]:
    return next((problem for problem in problems if problem is not None), None)


def expected(operation: str, body: Mapping[str, Any], roles: Roles) -> Expected:
    needs = NEEDS[operation]
    own = Expected(needs.errors, may_succeed=True)
    if needs.gateway and body.get(needs.gateway) is not None:
        problem = _gateway_problem(roles, body[needs.gateway], needs)
        return own if problem is None else Expected(frozenset({problem}), False)
    if needs.volume:
        arn = body[needs.volume]
        problems = _volume_problem(roles, arn, needs)
        if problems is None and needs.detached and arn in roles.detached:
            problems = frozenset({needs.detached})
        return own if problems is None else Expected(problems, False)
    if needs.volumes:
        arns: List[str] = body[needs.volumes]
        if not arns:
            return own  # names no volume: an empty answer
        if any(arn not in roles.volumes for arn in arns):
            return Expected(frozenset({VOLUME_NOT_FOUND, NOT_FOUND, INVALID}), False)
        gateways = {roles.volumes[arn][0] for arn in arns}
        if len(gateways) > 1:
            return Expected(frozenset({INVALID}), False)
        problem = _gateway_problem(roles, gateways.pop(), needs)
        if problem is not None:
            return Expected(frozenset({problem}), False)
        if not all(roles.volumes[arn][1] for arn in arns):
            return Expected(frozenset({VOLUME_NOT_FOUND}), False)
        return own
    if needs.target:
        arn = body[needs.target]
        role = roles.targets.get(arn)
        if role is None:
            return Expected(frozenset({TARGET_NOT_FOUND, NOT_FOUND}), False)
        problem = _gateway_problem(roles, role[0], needs) or (None if role[1] else TARGET_NOT_FOUND)
        return own if problem is None else Expected(frozenset({problem}), False)
    for member, problem_of in (
        (needs.share, _share_problem),
        (needs.report, _report_problem),
        (needs.association, _association_problem),
        (needs.tape, _tape_problem),
        (needs.device, _device_problem),
    ):
        if member:
            problem = problem_of(roles, body[member], needs)
            return own if problem is None else Expected(frozenset({problem}), False)
    for member, problem_of, missing in (
        (needs.shares, _share_problem, SHARE_NOT_FOUND),
        (needs.associations, _association_problem, ASSOCIATION_NOT_FOUND),
    ):
        if member:
            # Every ARN is looked up first (the first missing one answers); then the gateways.
            named: List[str] = body[member]
            found = [problem_of(roles, arn, needs) for arn in named]
            if missing in found:
                return Expected(frozenset({missing}), False)
            problem = _first_problem(found)
            return own if problem is None else Expected(frozenset({problem}), False)
    if needs.taggable:
        arn = body[needs.taggable]
        for held, problem_of in (
            (roles.shares, _share_problem),
            (roles.reports, _report_problem),
            (roles.associations, _association_problem),
            (roles.tapes, _tape_problem),
        ):
            if arn in held:
                problem = problem_of(roles, arn, needs)
                return own if problem is None else Expected(frozenset({problem}), False)
        if arn in roles.pools:
            return own  # a pool is on no gateway
        if arn in roles.gateways:
            problem = _gateway_problem(roles, arn, needs)
        elif arn in roles.volumes:
            found = _volume_problem(roles, arn, needs)
            if found is not None:
                return Expected(found, False)
            problem = None
        else:
            # Not a resource of the world (or not a taggable ARN at all).
            return Expected(
                frozenset({INVALID, NOT_FOUND, VOLUME_NOT_FOUND, SHARE_NOT_FOUND, ASSOCIATION_NOT_FOUND, TAPE_NOT_FOUND}),
                False,
            )
        return own if problem is None else Expected(frozenset({problem}), False)
    return own
