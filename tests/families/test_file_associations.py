"""FSx file system associations: AssociateFileSystem, UpdateFileSystemAssociation,
DisassociateFileSystem, DescribeFileSystemAssociations and ListFileSystemAssociations."""
from __future__ import annotations

import itertools
import re
from typing import Any, Callable, Dict, Iterator, List, Optional

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_sgw.bridges import fsx

from ..conftest import REGION, activate, sgw_error
from ..expected import (
    ASSOCIATION_NOT_FOUND,
    ENDPOINT_CONFLICT,
    ENDPOINT_IP_IN_USE,
    ENDPOINT_IP_MISSING,
    FILE_SYSTEM_NOT_FOUND,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    UNKNOWN_ASSOCIATION,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
)

MODEL = "storagegateway::file-system-association"
ARN_PATTERN = re.compile(r"^arn:aws:storagegateway:us-east-1:123456789012:fs-association/(fsa-[0-9A-F]{17})$")
# A well-formed FSx ARN of the account and region, for a moto without FSx.
WELL_FORMED_FSX = "arn:aws:fsx:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
MISSING_FSX = "arn:aws:fsx:us-east-1:123456789012:file-system/fs-0fedcba9876543210"
AUDIT_LOG = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/storagegateway/fsa"
_serial = itertools.count(1)
_fs_serial = itertools.count(0)


def _file_system(region: str = REGION) -> str:
    """The ARN of an FSx for Windows File Server file system of the account in ``region``.

    A real one in moto's FSx when there is one; otherwise a well-formed ARN (moto 5.0)."""
    if fsx.available():
        client = boto3.client("fsx", region_name=region)
        made = client.create_file_system(
            FileSystemType="WINDOWS", StorageCapacity=32, SubnetIds=["subnet-0123456789abcdef0"]
        )
        return str(made["FileSystem"]["ResourceARN"])
    if region == REGION:
        return WELL_FORMED_FSX[:-1] + f"{next(_fs_serial):x}"  # fs-0123456789abcdef0, ...def1, ...
    return WELL_FORMED_FSX.replace(REGION, region)


def _associate(
    sgw: Any,
    gateway_arn: str,
    location_arn: Optional[str] = None,
    ip: Optional[str] = None,
    token: Optional[str] = None,
    **extra: Any,
) -> str:
    if ip is not None:
        extra["EndpointNetworkConfiguration"] = {"IpAddresses": [ip]}
    return str(
        sgw.associate_file_system(
            UserName="Admin",
            Password="Passw0rd!",
            ClientToken=token or f"token-{next(_serial)}",
            GatewayARN=gateway_arn,
            LocationARN=location_arn or _file_system(),
            **extra,
        )["FileSystemAssociationARN"]
    )


def _describe(sgw: Any, *arns: str) -> List[Dict[str, Any]]:
    return list(sgw.describe_file_system_associations(FileSystemAssociationARNList=list(arns))[
        "FileSystemAssociationInfoList"
    ])


def _status(sgw: Any, arn: str) -> str:
    return str(_describe(sgw, arn)[0]["FileSystemAssociationStatus"])


def _listed(sgw: Any, **params: Any) -> Dict[str, Any]:
    out = sgw.list_file_system_associations(**params)
    out.pop("ResponseMetadata")
    return dict(out)


def _summary(arn: str, gateway_arn: str, status: str = "AVAILABLE") -> Dict[str, Any]:
    match = ARN_PATTERN.match(arn)
    assert match is not None
    return {
        "FileSystemAssociationId": match.group(1),
        "FileSystemAssociationARN": arn,
        "FileSystemAssociationStatus": status,
        "GatewayARN": gateway_arn,
    }


@pytest.fixture
def gateway(sgw: Any) -> str:
    return activate(sgw, "FILE_FSX_SMB", name="fsx-gateway")


@pytest.fixture
def slow() -> Iterator[None]:
    """Each state of an association lasts two reporting calls."""
    state_manager.set_transition(MODEL, {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition(MODEL)


# AssociateFileSystem / DescribeFileSystemAssociations


def test_association_arn_is_regional_with_17_upper_hex(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway)
    assert ARN_PATTERN.match(arn), arn
    assert _listed(sgw, GatewayARN=gateway)["FileSystemAssociationSummaryList"] == [_summary(arn, gateway)]


def test_minimal_association_is_described_exactly(sgw: Any, gateway: str) -> None:
    location = _file_system()
    arn = _associate(sgw, gateway, location)
    assert _describe(sgw, arn) == [
        {
            "FileSystemAssociationARN": arn,
            "LocationARN": location,
            "FileSystemAssociationStatus": "AVAILABLE",
            "GatewayARN": gateway,
            "Tags": [],
        }
    ]


def test_full_association_is_described_exactly(sgw: Any, gateway: str) -> None:
    location = _file_system()
    arn = _associate(
        sgw,
        gateway,
        location,
        ip="10.0.0.5",
        AuditDestinationARN=AUDIT_LOG,
        CacheAttributes={"CacheStaleTimeoutInSeconds": 300},
        Tags=[{"Key": "team", "Value": "storage"}, {"Key": "env", "Value": "test"}],
    )
    assert _describe(sgw, arn) == [
        {
            "FileSystemAssociationARN": arn,
            "LocationARN": location,
            "FileSystemAssociationStatus": "AVAILABLE",
            "AuditDestinationARN": AUDIT_LOG,
            "GatewayARN": gateway,
            # "sorted alphabetically by key name"
            "Tags": [{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "storage"}],
            "CacheAttributes": {"CacheStaleTimeoutInSeconds": 300},
            "EndpointNetworkConfiguration": {"IpAddresses": ["10.0.0.5"]},
        }
    ]


def test_empty_audit_destination_is_not_answered(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway, AuditDestinationARN="")
    assert "AuditDestinationARN" not in _describe(sgw, arn)[0]


def test_credentials_are_never_answered(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway)
    described = repr(_describe(sgw, arn)) + repr(_listed(sgw))
    assert "Passw0rd!" not in described and "Admin" not in described


def test_describe_answers_several_associations_in_the_order_asked(sgw: Any, gateway: str) -> None:
    first = _associate(sgw, gateway, ip="10.0.0.1")
    second = _associate(sgw, gateway, ip="10.0.0.2")
    described = _describe(sgw, second, first)
    assert [d["FileSystemAssociationARN"] for d in described] == [second, first]
    assert [d["EndpointNetworkConfiguration"] for d in described] == [
        {"IpAddresses": ["10.0.0.2"]},
        {"IpAddresses": ["10.0.0.1"]},
    ]


def test_file_system_that_does_not_exist_is_not_found(sgw: Any, gateway: str) -> None:
    if fsx.available():
        # moto's FSx is there: an ARN naming no file system of it is refused.
        with pytest.raises(ClientError) as exc:
            _associate(sgw, gateway, MISSING_FSX)
        assert sgw_error(exc) == FILE_SYSTEM_NOT_FOUND
        assert _listed(sgw)["FileSystemAssociationSummaryList"] == []
    else:
        # moto 5.0 has no FSx: every well-formed ARN of the account and region exists.
        arn = _associate(sgw, gateway, MISSING_FSX)
        assert _describe(sgw, arn)[0]["LocationARN"] == MISSING_FSX


@pytest.mark.parametrize(
    "where",
    ["another-region", "another-account", "not-a-file-system"],
)
def test_file_system_outside_the_account_and_region_is_not_found(sgw: Any, gateway: str, where: str) -> None:
    locations: Dict[str, Callable[[], str]] = {
        "another-region": lambda: _file_system("us-west-2"),
        "another-account": lambda: WELL_FORMED_FSX.replace("123456789012", "210987654321"),
        "not-a-file-system": lambda: "arn:aws:s3:::share-bucket",
    }
    location = locations[where]()
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, location)
    assert sgw_error(exc) == FILE_SYSTEM_NOT_FOUND


def test_lustre_file_system_is_refused(sgw: Any, gateway: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if fsx.available():
        lustre = boto3.client("fsx", region_name=REGION).create_file_system(
            FileSystemType="LUSTRE", StorageCapacity=1200, SubnetIds=["subnet-0123456789abcdef0"]
        )["FileSystem"]["ResourceARN"]
    else:
        # moto 5.0 has no FSx to hold a Lustre file system: its bridge answers the type instead.
        lustre = WELL_FORMED_FSX
        monkeypatch.setattr(fsx, "file_system_type", lambda account, region, arn: "LUSTRE")
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, lustre)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_second_association_without_ip_is_refused(sgw: Any, gateway: str) -> None:
    _associate(sgw, gateway, ip="10.0.0.1")
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway)
    assert sgw_error(exc) == ENDPOINT_IP_MISSING


def test_second_association_without_ip_after_one_without_is_refused(sgw: Any, gateway: str) -> None:
    _associate(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway)
    assert sgw_error(exc) == ENDPOINT_IP_MISSING


def test_ip_after_an_association_without_ip_conflicts(sgw: Any, gateway: str) -> None:
    _associate(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, ip="10.0.0.2")
    assert sgw_error(exc) == ENDPOINT_CONFLICT


def test_same_ip_twice_is_in_use(sgw: Any, gateway: str) -> None:
    _associate(sgw, gateway, ip="10.0.0.1")
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, ip="10.0.0.1")
    assert sgw_error(exc) == ENDPOINT_IP_IN_USE


def test_same_ip_on_another_gateway_is_accepted(sgw: Any, gateway: str) -> None:
    other = activate(sgw, "FILE_FSX_SMB", name="other-gateway")
    _associate(sgw, gateway, ip="10.0.0.1")
    arn = _associate(sgw, other, ip="10.0.0.1")
    assert _describe(sgw, arn)[0]["EndpointNetworkConfiguration"] == {"IpAddresses": ["10.0.0.1"]}


def test_a_gateway_takes_five_associations_not_six(sgw: Any, gateway: str) -> None:
    made = [_associate(sgw, gateway, ip=f"10.0.0.{n}") for n in range(1, 6)]
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, ip="10.0.0.6")
    assert sgw_error(exc) == INVALID_PARAMETERS
    listed = _listed(sgw, GatewayARN=gateway)["FileSystemAssociationSummaryList"]
    assert sorted(s["FileSystemAssociationARN"] for s in listed) == sorted(made)


def test_same_file_system_twice_is_refused(sgw: Any, gateway: str) -> None:
    location = _file_system()
    _associate(sgw, gateway, location, ip="10.0.0.1")
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, location, ip="10.0.0.2")
    assert sgw_error(exc) == INVALID_PARAMETERS


@pytest.mark.parametrize("stale", [1, 299, 2_592_001])
def test_cache_stale_timeout_outside_the_valid_values_is_refused(sgw: Any, gateway: str, stale: int) -> None:
    # "Valid Values: 0, 300 to 2,592,000 seconds"
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, CacheAttributes={"CacheStaleTimeoutInSeconds": stale})
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_cache_stale_timeout_zero_is_answered(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway, CacheAttributes={"CacheStaleTimeoutInSeconds": 0})
    assert _describe(sgw, arn)[0]["CacheAttributes"] == {"CacheStaleTimeoutInSeconds": 0}


# ClientToken


def test_same_client_token_answers_the_same_association(sgw: Any, gateway: str) -> None:
    location = _file_system()
    first = _associate(sgw, gateway, location, token="retry-token")
    again = _associate(sgw, gateway, location, token="retry-token")
    assert again == first
    assert _listed(sgw)["FileSystemAssociationSummaryList"] == [_summary(first, gateway)]


def test_same_client_token_with_other_parameters_is_refused(sgw: Any, gateway: str) -> None:
    _associate(sgw, gateway, token="retry-token")
    with pytest.raises(ClientError) as exc:
        _associate(sgw, gateway, token="retry-token", ip="10.0.0.9")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert len(_listed(sgw)["FileSystemAssociationSummaryList"]) == 1


# Not found, gateway types


def test_unknown_association_is_not_found_by_every_operation(sgw: Any, gateway: str) -> None:
    calls: List[Callable[[], Any]] = [
        lambda: sgw.update_file_system_association(FileSystemAssociationARN=UNKNOWN_ASSOCIATION, UserName="Admin"),
        lambda: sgw.disassociate_file_system(FileSystemAssociationARN=UNKNOWN_ASSOCIATION),
        lambda: sgw.describe_file_system_associations(FileSystemAssociationARNList=[UNKNOWN_ASSOCIATION]),
        lambda: sgw.describe_file_system_associations(FileSystemAssociationARNList=[gateway]),
    ]
    for call in calls:
        with pytest.raises(ClientError) as exc:
            call()
        assert sgw_error(exc) == ASSOCIATION_NOT_FOUND


def test_describe_with_one_unknown_association_is_not_found(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        _describe(sgw, arn, UNKNOWN_ASSOCIATION)
    assert sgw_error(exc) == ASSOCIATION_NOT_FOUND


def test_unknown_gateway_is_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        _associate(sgw, UNKNOWN_GATEWAY)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND
    with pytest.raises(ClientError) as exc:
        sgw.list_file_system_associations(GatewayARN=UNKNOWN_GATEWAY)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


@pytest.mark.parametrize("gateway_type", ["FILE_S3", "CACHED"])
def test_other_gateway_types_refuse_associations(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    with pytest.raises(ClientError) as exc:
        _associate(sgw, arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    with pytest.raises(ClientError) as exc:
        sgw.list_file_system_associations(GatewayARN=arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# UpdateFileSystemAssociation


def test_update_is_read_back(sgw: Any, gateway: str) -> None:
    location = _file_system()
    arn = _associate(sgw, gateway, location, AuditDestinationARN=AUDIT_LOG)
    out = sgw.update_file_system_association(
        FileSystemAssociationARN=arn,
        UserName="Backup",
        Password="N3w-Passw0rd",
        CacheAttributes={"CacheStaleTimeoutInSeconds": 3600},
    )
    out.pop("ResponseMetadata")
    assert out == {"FileSystemAssociationARN": arn}
    assert _describe(sgw, arn) == [
        {
            "FileSystemAssociationARN": arn,
            "LocationARN": location,
            "FileSystemAssociationStatus": "AVAILABLE",
            "AuditDestinationARN": AUDIT_LOG,  # left out: kept
            "GatewayARN": gateway,
            "Tags": [],
            "CacheAttributes": {"CacheStaleTimeoutInSeconds": 3600},
        }
    ]


def test_empty_audit_destination_turns_audit_logs_off(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway, AuditDestinationARN=AUDIT_LOG, CacheAttributes={"CacheStaleTimeoutInSeconds": 300})
    sgw.update_file_system_association(FileSystemAssociationARN=arn, AuditDestinationARN="")
    described = _describe(sgw, arn)[0]
    assert "AuditDestinationARN" not in described
    assert described["CacheAttributes"] == {"CacheStaleTimeoutInSeconds": 300}  # left out: kept


def test_audit_destination_can_be_set_by_update(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway)
    sgw.update_file_system_association(FileSystemAssociationARN=arn, AuditDestinationARN=AUDIT_LOG)
    assert _describe(sgw, arn)[0]["AuditDestinationARN"] == AUDIT_LOG


def test_update_with_invalid_cache_stale_timeout_is_refused(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway)
    with pytest.raises(ClientError) as exc:
        sgw.update_file_system_association(
            FileSystemAssociationARN=arn, CacheAttributes={"CacheStaleTimeoutInSeconds": 100}
        )
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert "CacheAttributes" not in _describe(sgw, arn)[0]


# Lifecycle


def test_new_association_is_creating_then_available(sgw: Any, gateway: str, slow: None) -> None:
    arn = _associate(sgw, gateway)
    assert _status(sgw, arn) == "CREATING"
    assert _status(sgw, arn) == "AVAILABLE"
    assert _status(sgw, arn) == "AVAILABLE"


def test_updated_association_is_updating_then_available(sgw: Any, gateway: str, slow: None) -> None:
    arn = _associate(sgw, gateway)
    _status(sgw, arn)
    assert _status(sgw, arn) == "AVAILABLE"
    sgw.update_file_system_association(FileSystemAssociationARN=arn, AuditDestinationARN=AUDIT_LOG)
    assert _status(sgw, arn) == "UPDATING"
    assert _status(sgw, arn) == "AVAILABLE"


def test_list_reports_the_status_too(sgw: Any, gateway: str, slow: None) -> None:
    arn = _associate(sgw, gateway)
    assert _listed(sgw)["FileSystemAssociationSummaryList"] == [_summary(arn, gateway, "CREATING")]
    assert _listed(sgw)["FileSystemAssociationSummaryList"] == [_summary(arn, gateway, "AVAILABLE")]


@pytest.mark.parametrize("force, state", [(False, "DELETING"), (True, "FORCE_DELETING")])
def test_disassociated_association_is_deleting_then_not_found(
    sgw: Any, gateway: str, slow: None, force: bool, state: str
) -> None:
    arn = _associate(sgw, gateway)
    _status(sgw, arn)
    _status(sgw, arn)
    out = sgw.disassociate_file_system(FileSystemAssociationARN=arn, ForceDelete=force)
    out.pop("ResponseMetadata")
    assert out == {"FileSystemAssociationARN": arn}
    assert _status(sgw, arn) == state
    # The next report finds it gone: never a status outside FileSystemAssociationStatus.
    with pytest.raises(ClientError) as exc:
        _describe(sgw, arn)
    assert sgw_error(exc) == ASSOCIATION_NOT_FOUND


def test_disassociated_association_leaves_the_list_without_a_final_status(
    sgw: Any, gateway: str, slow: None
) -> None:
    arn = _associate(sgw, gateway)
    _listed(sgw)
    _listed(sgw)
    sgw.disassociate_file_system(FileSystemAssociationARN=arn)
    assert _listed(sgw)["FileSystemAssociationSummaryList"] == [_summary(arn, gateway, "DELETING")]
    assert _listed(sgw)["FileSystemAssociationSummaryList"] == []


def test_force_delete_of_a_deleting_association_is_force_deleting(sgw: Any, gateway: str, slow: None) -> None:
    arn = _associate(sgw, gateway)
    _status(sgw, arn)
    _status(sgw, arn)
    sgw.disassociate_file_system(FileSystemAssociationARN=arn)
    sgw.disassociate_file_system(FileSystemAssociationARN=arn, ForceDelete=True)
    assert _status(sgw, arn) == "FORCE_DELETING"


def test_disassociated_association_is_gone_at_once_by_default(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway)
    sgw.disassociate_file_system(FileSystemAssociationARN=arn)
    with pytest.raises(ClientError) as exc:
        _describe(sgw, arn)
    assert sgw_error(exc) == ASSOCIATION_NOT_FOUND
    assert _listed(sgw)["FileSystemAssociationSummaryList"] == []
    with pytest.raises(ClientError) as exc:
        sgw.disassociate_file_system(FileSystemAssociationARN=arn)
    assert sgw_error(exc) == ASSOCIATION_NOT_FOUND


def test_file_system_can_be_associated_again_once_disassociated(sgw: Any, gateway: str) -> None:
    location = _file_system()
    first = _associate(sgw, gateway, location)
    sgw.disassociate_file_system(FileSystemAssociationARN=first)
    again = _associate(sgw, gateway, location)
    assert again != first
    assert _describe(sgw, again)[0]["LocationARN"] == location


# ListFileSystemAssociations


def test_list_with_and_without_gateway(sgw: Any, gateway: str) -> None:
    other = activate(sgw, "FILE_FSX_SMB", name="other-gateway")
    mine = _associate(sgw, gateway)
    theirs = _associate(sgw, other)
    assert _listed(sgw, GatewayARN=gateway) == {"FileSystemAssociationSummaryList": [_summary(mine, gateway)]}
    assert _listed(sgw, GatewayARN=other) == {"FileSystemAssociationSummaryList": [_summary(theirs, other)]}
    everything = _listed(sgw)
    assert set(everything) == {"FileSystemAssociationSummaryList"}
    by_arn = {s["FileSystemAssociationARN"]: s for s in everything["FileSystemAssociationSummaryList"]}
    assert len(everything["FileSystemAssociationSummaryList"]) == 2
    assert by_arn == {mine: _summary(mine, gateway), theirs: _summary(theirs, other)}


def test_list_of_a_gateway_without_associations_is_empty(sgw: Any, gateway: str) -> None:
    assert _listed(sgw, GatewayARN=gateway) == {"FileSystemAssociationSummaryList": []}


def test_list_pages_by_limit_and_marker(sgw: Any, gateway: str) -> None:
    made = {_associate(sgw, gateway, ip=f"10.0.0.{n}") for n in range(1, 4)}
    first = _listed(sgw, GatewayARN=gateway, Limit=2)
    assert set(first) == {"FileSystemAssociationSummaryList", "NextMarker"}
    assert len(first["FileSystemAssociationSummaryList"]) == 2
    second = _listed(sgw, GatewayARN=gateway, Limit=2, Marker=first["NextMarker"])
    # The request's Marker is echoed; no NextMarker when nothing more remains.
    assert set(second) == {"FileSystemAssociationSummaryList", "Marker"}
    assert second["Marker"] == first["NextMarker"]
    assert len(second["FileSystemAssociationSummaryList"]) == 1
    pages = first["FileSystemAssociationSummaryList"] + second["FileSystemAssociationSummaryList"]
    assert {s["FileSystemAssociationARN"] for s in pages} == made
    assert len(pages) == 3


def test_list_with_limit_covering_everything_has_no_next_marker(sgw: Any, gateway: str) -> None:
    _associate(sgw, gateway, ip="10.0.0.1")
    _associate(sgw, gateway, ip="10.0.0.2")
    listed = _listed(sgw, Limit=2)
    assert set(listed) == {"FileSystemAssociationSummaryList"}
    assert len(listed["FileSystemAssociationSummaryList"]) == 2


def test_paginator_walks_every_association(sgw: Any, gateway: str) -> None:
    made = {_associate(sgw, gateway, ip=f"10.0.0.{n}") for n in range(1, 6)}
    pages = list(sgw.get_paginator("list_file_system_associations").paginate(PaginationConfig={"PageSize": 2}))
    assert [len(p["FileSystemAssociationSummaryList"]) for p in pages] == [2, 2, 1]
    assert {s["FileSystemAssociationARN"] for p in pages for s in p["FileSystemAssociationSummaryList"]} == made


# Tags


def test_tags_through_the_tagging_operations(sgw: Any, gateway: str) -> None:
    arn = _associate(sgw, gateway, Tags=[{"Key": "b", "Value": "2"}])
    sgw.add_tags_to_resource(ResourceARN=arn, Tags=[{"Key": "a", "Value": "1"}])
    listed = sgw.list_tags_for_resource(ResourceARN=arn)
    assert (listed["ResourceARN"], listed["Tags"]) == (arn, [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    assert _describe(sgw, arn)[0]["Tags"] == [{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}]
    sgw.remove_tags_from_resource(ResourceARN=arn, TagKeys=["b"])
    assert _describe(sgw, arn)[0]["Tags"] == [{"Key": "a", "Value": "1"}]


# DeleteGateway


def test_deleting_the_gateway_removes_its_associations(sgw: Any, gateway: str) -> None:
    other = activate(sgw, "FILE_FSX_SMB", name="other-gateway")
    gone = _associate(sgw, gateway)
    kept = _associate(sgw, other)
    sgw.delete_gateway(GatewayARN=gateway)
    with pytest.raises(ClientError) as exc:
        _describe(sgw, gone)
    assert sgw_error(exc) == ASSOCIATION_NOT_FOUND
    assert _listed(sgw) == {"FileSystemAssociationSummaryList": [_summary(kept, other)]}


# Terraform's aws_storagegateway_file_system_association (file.md 11.5)


def _wait(sgw: Any, arn: str, pending: List[str], target: Optional[str]) -> List[str]:
    """Terraform's waiter: statuses seen until ``target`` (``None``: not found)."""
    seen: List[str] = []
    for _ in range(10):
        try:
            found = _describe(sgw, arn)
        except ClientError as exc:
            error = exc.response
            answered = (error["Error"]["Code"], error["Error"]["Message"], error.get("error", {}).get("errorCode"))
            if target is None and answered == ASSOCIATION_NOT_FOUND:
                return seen
            raise
        assert len(found) == 1
        seen.append(found[0]["FileSystemAssociationStatus"])
        if seen[-1] == target:
            return seen
        assert seen[-1] in pending, seen
    raise AssertionError(f"never reached {target}: {seen}")


def test_terraform_file_system_association_flow(sgw: Any, slow: None) -> None:
    gateway = activate(sgw, "FILE_FSX_SMB", name="tf-fsx-gateway")
    sgw.join_domain(GatewayARN=gateway, DomainName="corp.example.com", UserName="Admin", Password="Passw0rd!")
    location = _file_system()
    # Create, with tags, then wait CREATING -> AVAILABLE.
    arn = sgw.associate_file_system(
        ClientToken="terraform-20240101000000000000000001",
        GatewayARN=gateway,
        LocationARN=location,
        UserName="Admin",
        Password="Passw0rd!",
        AuditDestinationARN=AUDIT_LOG,
        Tags=[{"Key": "Name", "Value": "tf-acc"}],
    )["FileSystemAssociationARN"]
    assert ARN_PATTERN.match(arn)
    assert _wait(sgw, arn, ["CREATING"], "AVAILABLE") == ["CREATING", "AVAILABLE"]
    # Read: exactly one result.
    assert _describe(sgw, arn) == [
        {
            "FileSystemAssociationARN": arn,
            "LocationARN": location,
            "FileSystemAssociationStatus": "AVAILABLE",
            "AuditDestinationARN": AUDIT_LOG,
            "GatewayARN": gateway,
            "Tags": [{"Key": "Name", "Value": "tf-acc"}],
        }
    ]
    assert sgw.list_tags_for_resource(ResourceARN=arn)["Tags"] == [{"Key": "Name", "Value": "tf-acc"}]
    # Update, then wait UPDATING -> AVAILABLE.
    sgw.update_file_system_association(
        FileSystemAssociationARN=arn,
        AuditDestinationARN="",
        CacheAttributes={"CacheStaleTimeoutInSeconds": 0},
        UserName="Backup",
        Password="N3w-Passw0rd",
    )
    assert _wait(sgw, arn, ["UPDATING"], "AVAILABLE") == ["UPDATING", "AVAILABLE"]
    assert _describe(sgw, arn) == [
        {
            "FileSystemAssociationARN": arn,
            "LocationARN": location,
            "FileSystemAssociationStatus": "AVAILABLE",
            "GatewayARN": gateway,
            "Tags": [{"Key": "Name", "Value": "tf-acc"}],
            "CacheAttributes": {"CacheStaleTimeoutInSeconds": 0},
        }
    ]
    # Delete, then wait AVAILABLE/DELETING/FORCE_DELETING -> not found.
    sgw.disassociate_file_system(FileSystemAssociationARN=arn)
    assert _wait(sgw, arn, ["AVAILABLE", "DELETING", "FORCE_DELETING"], None) == ["DELETING"]
    # A second delete is FileSystemAssociationNotFound (Terraform: success).
    with pytest.raises(ClientError) as exc:
        sgw.disassociate_file_system(FileSystemAssociationARN=arn)
    assert sgw_error(exc) == ASSOCIATION_NOT_FOUND
