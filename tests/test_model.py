"""The model-driven layer: patterns, handler coverage, and one violation per constraint.

Everything here is walked from botocore's Storage Gateway model, so a constraint
the model adds is tested without a test being written for it.
"""
from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List, NamedTuple, Tuple

import pytest
from botocore.model import Shape

from moto_sgw.protocol import constraints, registry, service
from moto_sgw.protocol.errors import ValidationException

IMPLEMENTED = {
    "ActivateGateway",
    "DescribeGatewayInformation",
    "ListGateways",
    "UpdateGatewayInformation",
    "ShutdownGateway",
    "StartGateway",
    "DeleteGateway",
    "ListLocalDisks",
    "AddCache",
    "AddUploadBuffer",
    "AddWorkingStorage",
    "DescribeCache",
    "DescribeUploadBuffer",
    "DescribeWorkingStorage",
    "CreateCachediSCSIVolume",
    "CreateStorediSCSIVolume",
    "DescribeCachediSCSIVolumes",
    "DescribeStorediSCSIVolumes",
    "ListVolumes",
    "DeleteVolume",
    "ListVolumeRecoveryPoints",
    "CreateSnapshot",
    "CreateSnapshotFromVolumeRecoveryPoint",
    "AddTagsToResource",
    "RemoveTagsFromResource",
    "ListTagsForResource",
    # the rest of the volume and gateway family
    "AttachVolume",
    "DetachVolume",
    "UpdateChapCredentials",
    "DescribeChapCredentials",
    "DeleteChapCredentials",
    "ListVolumeInitiators",
    "UpdateSnapshotSchedule",
    "DescribeSnapshotSchedule",
    "DeleteSnapshotSchedule",
    "UpdateBandwidthRateLimit",
    "DescribeBandwidthRateLimit",
    "DeleteBandwidthRateLimit",
    "UpdateBandwidthRateLimitSchedule",
    "DescribeBandwidthRateLimitSchedule",
    "UpdateMaintenanceStartTime",
    "DescribeMaintenanceStartTime",
    "UpdateGatewaySoftwareNow",
    "SetLocalConsolePassword",
    "StartAvailabilityMonitorTest",
    "DescribeAvailabilityMonitorTest",

    # the file gateways
    "CreateNFSFileShare",
    "CreateSMBFileShare",
    "UpdateNFSFileShare",
    "UpdateSMBFileShare",
    "DeleteFileShare",
    "DescribeNFSFileShares",
    "DescribeSMBFileShares",
    "ListFileShares",
    "DescribeSMBSettings",
    "JoinDomain",
    "SetSMBGuestPassword",
    "UpdateSMBSecurityStrategy",
    "UpdateSMBFileShareVisibility",
    "UpdateSMBLocalGroups",
    "RefreshCache",
    "NotifyWhenUploaded",
    "EvictFilesFailingUpload",
    "ResetCache",
    "StartCacheReport",
    "CancelCacheReport",
    "DeleteCacheReport",
    "DescribeCacheReport",
    "ListCacheReports",
    "AssociateFileSystem",
    "DisassociateFileSystem",
    "UpdateFileSystemAssociation",
    "DescribeFileSystemAssociations",
    "ListFileSystemAssociations",
    # the tape gateway
    "CreateTapes",
    "CreateTapeWithBarcode",
    "DescribeTapes",
    "ListTapes",
    "DeleteTape",
    "AssignTapePool",
    "CreateTapePool",
    "DeleteTapePool",
    "ListTapePools",
    "DescribeVTLDevices",
    "UpdateVTLDeviceType",
    "DescribeTapeArchives",
    "RetrieveTapeArchive",
    "CancelArchival",
    "CancelRetrieval",
    "DeleteTapeArchive",
    "DisableGateway",
    "DescribeTapeRecoveryPoints",
    "RetrieveTapeRecoveryPoint",
    "UpdateAutomaticTapeCreationPolicy",
    "ListAutomaticTapeCreationPolicies",
    "DeleteAutomaticTapeCreationPolicy",
}


def _patterned_shapes() -> List[Tuple[str, str]]:
    model = service.service_model()
    found = []
    for name in model.shape_names:
        pattern = model.shape_for(name).metadata.get("pattern")
        if pattern is not None:
            found.append((name, pattern))
    return found


PATTERNED = _patterned_shapes()

# shape name -> (values that match, values that do not)
EXAMPLES: Dict[str, Tuple[List[str], List[str]]] = {
    "SnapshotId": (
        ["snap-1122aabb", "snap-078e226633445566e", "snap-78E22663"],
        ["snap-xyz", "snap-1122aabb0", "xsnap-1122aabb", "snap-1122aabb\n", "vol-1122aabb"],
    ),
    "TagKey": (["Größe", "名前", "Cost Center", "a_b.c:d/e=f+g-h@i", ""], ["a#b", "a*b", "tab\tkey"]),
    "VolumeARN": (
        [
            "arn:aws:storagegateway:us-west-2:111122223333:gateway/sgw-12A3456B/volume/vol-07F38431B92233B6A",
            "arn:aws-cn:storagegateway:cn-north-1:111122223333:gateway/sgw-12A3456B/volume/vol-1122AABB",
        ],
        ["arn:aws:storagegateway:us-west-2:111122223333:gateway/sgw-12A3456B"],
    ),
    "TargetName": (["vol1", "my-volume.1;x"], ["MyVolume", "vol_1"]),
    "GatewayName": (["My_Gateway", "gw 1"], ["   ", "gw/1", "gw\\1"]),
    "IPV4Address": (["10.35.69.216", "255.255.255.0"], ["300.1.1.1", "abc"]),
    "KMSKey": (
        ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/my-key"],
        ["not-a-key"],
    ),
    "Role": (["arn:aws:iam::111122223333:role/StorageGatewayRole"], ["arn:aws:iam::111122223333:user/bob"]),
    "TapeARN": (["arn:aws:storagegateway:us-west-2:111122223333:tape/TEST0AA2AF"], ["arn:aws:storagegateway:us-west-2:111122223333:tape/test"]),
    "TapeBarcode": (["TEST0AA2AF"], ["test0"]),
    "TapeBarcodePrefix": (["TEST"], ["T1"]),
    "IqnName": (["iqn.1997-05.com.amazon:vol1"], ["UPPER"]),
    "PermissionMode": (["0777"], ["0778", "777"]),
    "DNSHostName": (["gw.example.com"], ["bad host"]),
    "DomainName": (["corp.example.com"], ["corp"]),
    "DomainUserName": (["admin.user"], [".admin"]),
    "DomainUserPassword": (["Pass word1"], ["pässword"]),
    "LocalConsolePassword": (["secret-pw"], ["pässwort"]),
    "SMBGuestPassword": (["guestpw"], ["gäst"]),
    "PoolName": (["my pool"], ["a/b"]),
    "NotificationPolicy": (['{"Upload": {"SettlingTimeInSeconds": 60}}', "{}"], ["not json"]),
    "Host": (["nas.example.com:445", "10.0.0.1", "[fe80::1]:445"], ["bad host"]),
    "Ipv4OrIpv6AddressCIDR": (["10.0.0.0/16", "fe80::1"], ["10.0.0.0/33"]),
}


def _pattern_of(name: str) -> str:
    return service.service_model().shape_for(name).metadata["pattern"]


def test_model_has_patterns() -> None:
    assert {"SnapshotId", "TagKey", "VolumeARN", "TargetName"} <= {name for name, _ in PATTERNED}


@pytest.mark.parametrize("name, pattern", PATTERNED, ids=[name for name, _ in PATTERNED])
def test_every_model_pattern_compiles(name: str, pattern: str) -> None:
    compiled = constraints.java_pattern(pattern)
    assert hasattr(compiled, "search")


EXAMPLE_CASES = [
    (name, value, matches)
    for name, (good, bad) in sorted(EXAMPLES.items())
    for values, matches in ((good, True), (bad, False))
    for value in values
]


@pytest.mark.parametrize(
    "name, value, matches",
    EXAMPLE_CASES,
    ids=[f"{name}-{'ok' if ok else 'bad'}-{value!r}" for name, value, ok in EXAMPLE_CASES],
)
def test_model_pattern_matches_known_examples(name: str, value: str, matches: bool) -> None:
    compiled = constraints.java_pattern(_pattern_of(name))
    assert (compiled.search(value) is not None) is matches


def test_snapshot_id_pattern_is_anchored_at_the_very_end() -> None:
    # Java's \z: a trailing newline is not allowed (Python's $ would allow it).
    compiled = constraints.java_pattern(_pattern_of("SnapshotId"))
    assert compiled.search("snap-1122aabb\n") is None


# --- handlers -----------------------------------------------------------------


def test_handlers_are_model_operations() -> None:
    assert set(registry.HANDLERS) <= set(service.service_model().operation_names)


def test_all_96_operations_have_handlers() -> None:
    assert len(IMPLEMENTED) == 96
    assert set(registry.HANDLERS) == IMPLEMENTED


def test_handlers_are_callable() -> None:
    assert all(callable(handler) for handler in registry.HANDLERS.values())


# --- one violation per max / pattern / enum constraint --------------------------


class Case(NamedTuple):
    operation: str
    path: str
    bad: Any
    constraint: str
    params: Dict[str, Any]
    scalar: bool
    hidden: bool = False  # the member (or one it lies in) is sensitive: its value is never shown

    @property
    def id(self) -> str:
        kind = self.constraint.split(":")[0].replace("must ", "").replace(" ", "-")
        return f"{self.operation}.{self.path}.{kind}"


Wrap = Callable[[Any], Any]

_PATTERN_CANDIDATES = ["#", "!", "\x00", " ", "a#b", "\u00e9", "ZZ", "-", "0", "a", "snap-", "A"]


def _pattern_violation(shape: Shape) -> Any:
    """A string of allowed length that the shape's pattern refuses."""
    pattern = constraints.java_pattern(shape.metadata["pattern"])
    low = shape.metadata.get("min") or 1
    high = shape.metadata.get("max") or max(low, 8)
    for candidate in _PATTERN_CANDIDATES:
        value = candidate * low
        if low <= len(value) <= high and pattern.search(value) is None:
            return value
    raise AssertionError(f"no violating example found for {shape.name}")


def _filler(shape: Shape) -> Any:
    kind = shape.type_name
    if kind == "structure":
        return {}
    if kind == "list":
        return []
    if kind in ("integer", "long"):
        return 1
    if kind == "boolean":
        return True
    return "a"


def _leaf_cases(operation: str, shape: Shape, path: str, wrap: Wrap, hidden: bool) -> Iterator[Case]:
    for case in _plain_leaf_cases(operation, shape, path, wrap):
        yield case._replace(hidden=hidden)


def _plain_leaf_cases(operation: str, shape: Shape, path: str, wrap: Wrap) -> Iterator[Case]:
    kind = shape.type_name
    meta = shape.metadata
    high = meta.get("max")
    if kind == "string":
        if high is not None:
            bad = "a" * (high + 1)
            yield Case(operation, path, bad, f"must have length less than or equal to {high}", wrap(bad), True)
        if meta.get("pattern") is not None:
            bad = _pattern_violation(shape)
            yield Case(
                operation,
                path,
                bad,
                f"must satisfy regular expression pattern: {meta['pattern']}",
                wrap(bad),
                True,
            )
        if shape.enum:
            bad = "NOT_AN_ENUM_VALUE"
            assert bad not in shape.enum
            yield Case(
                operation,
                path,
                bad,
                "must satisfy enum value set: [" + ", ".join(shape.enum) + "]",
                wrap(bad),
                True,
            )
    elif kind in ("integer", "long") and high is not None:
        bad = high + 1
        yield Case(operation, path, bad, f"must have value less than or equal to {high}", wrap(bad), True)
    elif kind == "list" and high is not None:
        bad = [_filler(shape.member) for _ in range(high + 1)]
        yield Case(operation, path, bad, f"must have length less than or equal to {high}", wrap(bad), False)


def _walk(
    operation: str, shape: Shape, path: str, wrap: Wrap, stack: Tuple[str, ...], hidden: bool = False
) -> Iterator[Case]:
    if shape.name in stack:
        return
    stack = stack + (shape.name,)
    hidden = hidden or bool(shape.metadata.get("sensitive"))
    kind = shape.type_name
    if kind == "structure":
        for name, member in shape.members.items():
            sub = constraints.member_path(path, name)

            def wrap_member(value: Any, name: str = name) -> Any:
                return wrap({name: value})

            yield from _walk(operation, member, sub, wrap_member, stack, hidden)
        return
    yield from _leaf_cases(operation, shape, path, wrap, hidden)
    if kind == "list":
        yield from _walk(operation, shape.member, f"{path}.1.member", lambda value: wrap([value]), stack, hidden)
    elif kind == "map":
        yield from _walk(operation, shape.value, f"{path}.k.value", lambda value: wrap({"k": value}), stack, hidden)


def _cases() -> List[Case]:
    found: List[Case] = []
    for operation in sorted(IMPLEMENTED):
        model = service.operation_model(operation)
        found.extend(_walk(operation, model.input_shape, "", lambda value: value, ()))
    return found


CASES = _cases()


def test_violation_cases_cover_known_constraints() -> None:
    covered = {(case.operation, case.path, case.constraint.split(":")[0]) for case in CASES}
    assert ("AddTagsToResource", "tags.1.member.key", "must satisfy regular expression pattern") in covered
    assert ("UpdateGatewayInformation", "gatewayCapacity", "must satisfy enum value set") in covered
    assert ("CreateSnapshot", "snapshotDescription", "must have length less than or equal to 255") in covered
    assert ("CreateCachediSCSIVolume", "snapshotId", "must satisfy regular expression pattern") in covered
    assert ("ActivateGateway", "gatewayType", "must have length less than or equal to 20") in covered


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_constraint_violation_names_member_path(case: Case) -> None:
    model = service.operation_model(case.operation)
    with pytest.raises(ValidationException) as exc:
        constraints.check(model.input_shape, case.params)
    message = exc.value.message
    assert message is not None
    assert f"at '{case.path}' failed to satisfy constraint: Member {case.constraint}" in message
    if case.hidden:
        assert f"Value at '{case.path}'" in message
        assert str(case.bad) not in message
    elif case.scalar:
        assert f"Value '{case.bad}' at '{case.path}'" in message


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_member_checker_reports_violation(case: Case) -> None:
    model = service.operation_model(case.operation)
    shape: Shape = model.input_shape
    for part in case.path.split("."):
        if shape.type_name == "structure":
            shape = next(m for n, m in shape.members.items() if constraints.member_path("", n) == part)
        elif shape.type_name == "list" and part == "member":
            shape = shape.member
    problems: List[constraints.Problem] = []
    constraints.checker(shape)(case.bad, case.path, problems)
    assert any(
        f"at '{case.path}' failed to satisfy constraint: Member {case.constraint}"
        in constraints.render_problem(problem)
        for problem in problems
    ), problems


def test_valid_value_passes_member_checker() -> None:
    shape = service.service_model().shape_for("TagKey")
    problems: List[constraints.Problem] = []
    constraints.checker(shape)("Größe", "tags.1.member.key", problems)
    assert problems == []


def test_several_problems_are_counted_in_one_message() -> None:
    model = service.operation_model("CreateSnapshot")
    with pytest.raises(ValidationException) as exc:
        constraints.check(model.input_shape, {"SnapshotDescription": "a" * 256})
    assert exc.value.message == (
        "2 validation errors detected: Value null at 'volumeARN' failed to satisfy constraint: "
        "Member must not be null; "
        "Value '" + "a" * 256 + "' at 'snapshotDescription' failed to satisfy constraint: "
        "Member must have length less than or equal to 255"
    )


def test_a_handler_for_an_operation_the_model_lacks_is_skipped_with_a_warning() -> None:
    before = dict(registry.HANDLERS)
    with pytest.warns(registry.ModelWarning, match="no Storage Gateway operation NoSuchOperation"):
        registry.operation("NoSuchOperation")(lambda ctx, req: {})
    assert registry.HANDLERS == before


def test_import_survives_a_botocore_whose_model_lacks_an_operation() -> None:
    import subprocess
    import sys

    code = """
import warnings
import botocore.loaders

original = botocore.loaders.Loader.load_service_model

def older(self, service_name, type_name, api_version=None):
    model = original(self, service_name, type_name, api_version)
    if service_name == "storagegateway" and type_name == "service-2":
        model = dict(model)
        model["operations"] = {k: v for k, v in model["operations"].items() if k != "ListLocalDisks"}
    return model

botocore.loaders.Loader.load_service_model = older
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    import moto_sgw
    from moto_sgw.protocol import registry
print([str(w.message) for w in caught if "ListLocalDisks" in str(w.message)])
print("ListLocalDisks" in registry.HANDLERS, "ListGateways" in registry.HANDLERS)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    warned, registered = done.stdout.strip().splitlines()
    assert "has no Storage Gateway operation ListLocalDisks; its handler is not registered" in warned
    assert registered == "False True"
