"""Tape pools, retention locks and automatic tape creation policies.

Operations covered: CreateTapePool, DeleteTapePool, ListTapePools, AssignTapePool,
UpdateAutomaticTapeCreationPolicy, ListAutomaticTapeCreationPolicies,
DeleteAutomaticTapeCreationPolicy; the retention checks of DeleteTape and DeleteTapeArchive;
tagging of pools (AddTagsToResource, RemoveTagsFromResource, ListTagsForResource).
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Dict, List

import pytest
from botocore.exceptions import ClientError

from moto_sgw import appliance

from ..conftest import GIB, activate, disk_ids, sgw_error
from ..expected import (
    INVALID_PARAMETERS,
    POOL_NOT_FOUND,
    TAPE_NOT_FOUND,
    UNKNOWN_POOL,
    UNKNOWN_TAPE,
    UNSUPPORTED_FOR_TYPE,
)

POOL_ARN = re.compile(r"^arn:aws:storagegateway:us-east-1:123456789012:tapepool/pool-[0-9A-F]{8}$")
TAPE_SIZE = 100 * GIB


def _tape_gateway(sgw: Any, name: str = "tapes") -> str:
    arn = activate(sgw, "VTL", name=name)
    disks = disk_ids(sgw, arn)
    sgw.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    sgw.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    return arn


def _pool(sgw: Any, name: str = "pool", storage_class: str = "GLACIER", **extra: Any) -> str:
    return sgw.create_tape_pool(PoolName=name, StorageClass=storage_class, **extra)["PoolARN"]


def _pool_id(pool_arn: str) -> str:
    return pool_arn.rsplit("/", 1)[1]


def _tape(sgw: Any, gateway_arn: str, barcode: str, **extra: Any) -> str:
    return sgw.create_tape_with_barcode(
        GatewayARN=gateway_arn, TapeSizeInBytes=TAPE_SIZE, TapeBarcode=barcode, **extra
    )["TapeARN"]


def _listed(sgw: Any, **params: Any) -> List[Dict[str, Any]]:
    return sgw.list_tape_pools(**params)["PoolInfos"]


def _tape_info(sgw: Any, tape_arn: str) -> Dict[str, Any]:
    infos = sgw.list_tapes(TapeARNs=[tape_arn])["TapeInfos"]
    assert len(infos) == 1
    return infos[0]


def _archived(sgw: Any, pool_arn: str, barcode: str = "LOCK1") -> Dict[str, Any]:
    """A tape of the pool ``pool_arn``, ejected and archived."""
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, barcode, PoolId=_pool_id(pool_arn))
    assert appliance.eject_tape(tape)["TapeStatus"] == "ARCHIVED"
    return {"gateway": gateway, "tape": tape}


def _rule(prefix: str = "AUTO", pool_id: str = "GLACIER", **extra: Any) -> Dict[str, Any]:
    return {"TapeBarcodePrefix": prefix, "PoolId": pool_id, "TapeSizeInBytes": TAPE_SIZE, "MinimumNumTapes": 2,
            **extra}


def _tags(sgw: Any, arn: str) -> List[Dict[str, str]]:
    return sgw.list_tags_for_resource(ResourceARN=arn)["Tags"]


# CreateTapePool and ListTapePools


def test_create_tape_pool_answers_a_pool_arn(sgw: Any) -> None:
    arn = _pool(sgw)
    assert POOL_ARN.match(arn), arn


def test_created_pool_is_listed_with_its_exact_pool_info(sgw: Any) -> None:
    arn = _pool(sgw, "deep", "DEEP_ARCHIVE", RetentionLockType="COMPLIANCE", RetentionLockTimeInDays=30)
    assert _listed(sgw) == [
        {
            "PoolARN": arn,
            "PoolName": "deep",
            "StorageClass": "DEEP_ARCHIVE",
            "RetentionLockType": "COMPLIANCE",
            "RetentionLockTimeInDays": 30,
            "PoolStatus": "ACTIVE",
        }
    ]


def test_none_lock_with_zero_days_is_accepted(sgw: Any) -> None:
    arn = _pool(sgw, RetentionLockType="NONE", RetentionLockTimeInDays=0)
    assert _listed(sgw, PoolARNs=[arn]) == [
        {"PoolARN": arn, "PoolName": "pool", "StorageClass": "GLACIER", "RetentionLockType": "NONE",
         "RetentionLockTimeInDays": 0, "PoolStatus": "ACTIVE"}
    ]


def test_lock_defaults_to_none_and_zero_days(sgw: Any) -> None:
    arn = _pool(sgw)
    assert _listed(sgw, PoolARNs=[arn]) == [
        {"PoolARN": arn, "PoolName": "pool", "StorageClass": "GLACIER", "RetentionLockType": "NONE",
         "RetentionLockTimeInDays": 0, "PoolStatus": "ACTIVE"}
    ]


@pytest.mark.parametrize(
    "lock_type, days",
    [("GOVERNANCE", 0), ("COMPLIANCE", 0), ("NONE", 5)],
)
def test_lock_type_and_period_must_agree(sgw: Any, lock_type: str, days: int) -> None:
    with pytest.raises(ClientError) as exc_info:
        _pool(sgw, RetentionLockType=lock_type, RetentionLockTimeInDays=days)
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert _listed(sgw) == []


def test_governance_lock_without_days_is_refused(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        _pool(sgw, RetentionLockType="GOVERNANCE")
    assert sgw_error(exc_info) == INVALID_PARAMETERS


def test_duplicate_pool_name_is_refused(sgw: Any) -> None:
    first = _pool(sgw, "same")
    with pytest.raises(ClientError) as exc_info:
        _pool(sgw, "same", "DEEP_ARCHIVE")
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert [info["PoolARN"] for info in _listed(sgw)] == [first]


def test_list_tape_pools_is_empty_at_first(sgw: Any) -> None:
    response = sgw.list_tape_pools()
    response.pop("ResponseMetadata")
    assert response == {"PoolInfos": []}


def test_list_tape_pools_lists_only_custom_pools(sgw: Any) -> None:
    arns = {_pool(sgw, "one"), _pool(sgw, "two", "DEEP_ARCHIVE")}
    listed = _listed(sgw)
    assert {info["PoolARN"] for info in listed} == arns
    assert len(listed) == 2
    assert not {"GLACIER", "DEEP_ARCHIVE"} & {info["PoolName"] for info in listed}


def test_pool_arns_filter_ignores_unknown_arns(sgw: Any) -> None:
    arn = _pool(sgw, "one")
    _pool(sgw, "two")
    assert [info["PoolARN"] for info in _listed(sgw, PoolARNs=[UNKNOWN_POOL, arn])] == [arn]
    assert _listed(sgw, PoolARNs=[UNKNOWN_POOL]) == []


def test_list_tape_pools_pages_with_limit_and_marker(sgw: Any) -> None:
    made = {_pool(sgw, f"pool{n}") for n in range(5)}
    seen: List[str] = []
    params: Dict[str, Any] = {"Limit": 2}
    pages = 0
    while True:
        response = sgw.list_tape_pools(**params)
        pages += 1
        assert len(response["PoolInfos"]) <= 2
        seen.extend(info["PoolARN"] for info in response["PoolInfos"])
        if "Marker" not in response:
            break
        params["Marker"] = response["Marker"]
    assert pages == 3
    assert sorted(seen) == sorted(made)
    assert len(seen) == 5


# DeleteTapePool


def test_delete_unknown_pool_answers_pool_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_pool(PoolARN=UNKNOWN_POOL)
    assert sgw_error(exc_info) == POOL_NOT_FOUND


def test_pool_with_a_tape_cannot_be_deleted(sgw: Any) -> None:
    arn = _pool(sgw)
    gateway = _tape_gateway(sgw)
    _tape(sgw, gateway, "INPOOL1", PoolId=_pool_id(arn))
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_pool(PoolARN=arn)
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert [info["PoolARN"] for info in _listed(sgw)] == [arn]


def test_pool_with_an_archived_tape_cannot_be_deleted(sgw: Any) -> None:
    arn = _pool(sgw)
    _archived(sgw, arn, "ARCH1")
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_pool(PoolARN=arn)
    assert sgw_error(exc_info) == INVALID_PARAMETERS


def test_pool_referenced_by_an_automatic_rule_cannot_be_deleted(sgw: Any) -> None:
    arn = _pool(sgw)
    gateway = _tape_gateway(sgw)
    sgw.update_automatic_tape_creation_policy(GatewayARN=gateway, AutomaticTapeCreationRules=[_rule(pool_id=_pool_id(arn))])
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_pool(PoolARN=arn)
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    sgw.delete_automatic_tape_creation_policy(GatewayARN=gateway)
    assert sgw.delete_tape_pool(PoolARN=arn)["PoolARN"] == arn


def test_deleted_pool_is_gone_from_list_tape_pools(sgw: Any) -> None:
    arn = _pool(sgw)
    kept = _pool(sgw, "kept")
    response = sgw.delete_tape_pool(PoolARN=arn)
    response.pop("ResponseMetadata")
    assert response == {"PoolARN": arn}
    assert [info["PoolARN"] for info in _listed(sgw)] == [kept]
    assert _listed(sgw, PoolARNs=[arn]) == []
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_pool(PoolARN=arn)
    assert sgw_error(exc_info) == POOL_NOT_FOUND


def test_pool_is_deletable_once_its_tape_is_deleted(sgw: Any) -> None:
    arn = _pool(sgw)
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "GONE1", PoolId=_pool_id(arn))
    sgw.delete_tape(GatewayARN=gateway, TapeARN=tape)
    assert sgw.delete_tape_pool(PoolARN=arn)["PoolARN"] == arn
    assert _listed(sgw) == []


def test_deleted_pool_id_is_no_longer_accepted(sgw: Any) -> None:
    arn = _pool(sgw)
    sgw.delete_tape_pool(PoolARN=arn)
    gateway = _tape_gateway(sgw)
    with pytest.raises(ClientError) as exc_info:
        _tape(sgw, gateway, "LATE1", PoolId=_pool_id(arn))
    assert sgw_error(exc_info) == INVALID_PARAMETERS


# Terraform's aws_storagegateway_tape_pool


def test_terraform_tape_pool_flow(sgw: Any) -> None:
    # create: Terraform always sends the lock type and period
    arn = sgw.create_tape_pool(
        PoolName="tf-pool", StorageClass="GLACIER", RetentionLockType="NONE", RetentionLockTimeInDays=0,
        Tags=[{"Key": "key1", "Value": "value1"}],
    )["PoolARN"]
    assert POOL_ARN.match(arn)
    # read
    infos = _listed(sgw, PoolARNs=[arn])
    assert infos == [
        {"PoolARN": arn, "PoolName": "tf-pool", "StorageClass": "GLACIER", "RetentionLockType": "NONE",
         "RetentionLockTimeInDays": 0, "PoolStatus": "ACTIVE"}
    ]
    assert _tags(sgw, arn) == [{"Key": "key1", "Value": "value1"}]
    # update tags
    sgw.add_tags_to_resource(ResourceARN=arn, Tags=[{"Key": "key2", "Value": "value2"}])
    sgw.remove_tags_from_resource(ResourceARN=arn, TagKeys=["key1"])
    assert _tags(sgw, arn) == [{"Key": "key2", "Value": "value2"}]
    assert len(_listed(sgw, PoolARNs=[arn])) == 1
    # delete, then the destroy check reads an empty list without an error
    assert sgw.delete_tape_pool(PoolARN=arn)["PoolARN"] == arn
    assert _listed(sgw, PoolARNs=[arn]) == []


def test_terraform_governance_pool_reads_back_governance_one_day(sgw: Any) -> None:
    arn = sgw.create_tape_pool(
        PoolName="tf-gov", StorageClass="GLACIER", RetentionLockType="GOVERNANCE", RetentionLockTimeInDays=1
    )["PoolARN"]
    assert _listed(sgw, PoolARNs=[arn]) == [
        {"PoolARN": arn, "PoolName": "tf-gov", "StorageClass": "GLACIER", "RetentionLockType": "GOVERNANCE",
         "RetentionLockTimeInDays": 1, "PoolStatus": "ACTIVE"}
    ]


# Tags on pools


def test_tags_given_at_create_tape_pool_are_listed(sgw: Any) -> None:
    tags = [{"Key": "env", "Value": "test"}, {"Key": "team", "Value": "backup"}]
    arn = _pool(sgw, Tags=tags)
    response = sgw.list_tags_for_resource(ResourceARN=arn)
    response.pop("ResponseMetadata")
    assert response["ResourceARN"] == arn
    assert sorted(response["Tags"], key=lambda tag: tag["Key"]) == tags


def test_tagging_an_unknown_pool_answers_pool_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        sgw.add_tags_to_resource(ResourceARN=UNKNOWN_POOL, Tags=[{"Key": "k", "Value": "v"}])
    assert sgw_error(exc_info) == POOL_NOT_FOUND
    with pytest.raises(ClientError) as exc_info:
        sgw.list_tags_for_resource(ResourceARN=UNKNOWN_POOL)
    assert sgw_error(exc_info) == POOL_NOT_FOUND


def test_deleted_pool_cannot_be_tagged(sgw: Any) -> None:
    arn = _pool(sgw, Tags=[{"Key": "k", "Value": "v"}])
    sgw.delete_tape_pool(PoolARN=arn)
    with pytest.raises(ClientError) as exc_info:
        sgw.list_tags_for_resource(ResourceARN=arn)
    assert sgw_error(exc_info) == POOL_NOT_FOUND


# AssignTapePool


def test_assign_tape_to_custom_pool_sets_pool_id_and_entry_date(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "MOVE1")
    pool_id = _pool_id(_pool(sgw))
    response = sgw.assign_tape_pool(TapeARN=tape, PoolId=pool_id)
    response.pop("ResponseMetadata")
    assert response == {"TapeARN": tape}
    described = sgw.describe_tapes(GatewayARN=gateway, TapeARNs=[tape])["Tapes"][0]
    assert described["PoolId"] == pool_id
    assert isinstance(described["PoolEntryDate"], datetime)
    info = _tape_info(sgw, tape)
    assert info["PoolId"] == pool_id
    assert "PoolEntryDate" in info
    assert "RetentionStartDate" not in info


def test_assign_tape_to_glacier_has_no_pool_entry_date(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "MOVE2", PoolId=_pool_id(_pool(sgw)))
    assert sgw.assign_tape_pool(TapeARN=tape, PoolId="GLACIER")["TapeARN"] == tape
    described = sgw.describe_tapes(GatewayARN=gateway, TapeARNs=[tape])["Tapes"][0]
    assert described["PoolId"] == "GLACIER"
    assert "PoolEntryDate" not in described


def test_assign_tape_to_unknown_pool_is_refused(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "MOVE3")
    with pytest.raises(ClientError) as exc_info:
        sgw.assign_tape_pool(TapeARN=tape, PoolId="pool-00000000")
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert "PoolId" not in sgw.describe_tapes(GatewayARN=gateway, TapeARNs=[tape])["Tapes"][0]


def test_assign_unknown_tape_answers_tape_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc_info:
        sgw.assign_tape_pool(TapeARN=UNKNOWN_TAPE, PoolId="GLACIER")
    assert sgw_error(exc_info) == TAPE_NOT_FOUND


# Retention locks on archived tapes


def test_tape_archived_in_governance_pool_has_retention_start_date(sgw: Any) -> None:
    pool = _pool(sgw, RetentionLockType="GOVERNANCE", RetentionLockTimeInDays=1)
    made = _archived(sgw, pool)
    archive = sgw.describe_tape_archives(TapeARNs=[made["tape"]])["TapeArchives"][0]
    assert archive["TapeStatus"] == "ARCHIVED"
    assert archive["PoolId"] == _pool_id(pool)
    assert isinstance(archive["RetentionStartDate"], datetime)
    assert "RetentionStartDate" in _tape_info(sgw, made["tape"])


def test_tape_archived_in_unlocked_pool_has_no_retention_start_date(sgw: Any) -> None:
    made = _archived(sgw, _pool(sgw))
    archive = sgw.describe_tape_archives(TapeARNs=[made["tape"]])["TapeArchives"][0]
    assert archive["TapeStatus"] == "ARCHIVED"
    assert "RetentionStartDate" not in archive
    assert sgw.delete_tape_archive(TapeARN=made["tape"])["TapeARN"] == made["tape"]


def test_governance_locked_archive_needs_bypass_to_be_deleted(sgw: Any) -> None:
    pool = _pool(sgw, RetentionLockType="GOVERNANCE", RetentionLockTimeInDays=1)
    made = _archived(sgw, pool)
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_archive(TapeARN=made["tape"])
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_archive(TapeARN=made["tape"], BypassGovernanceRetention=False)
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert len(sgw.describe_tape_archives(TapeARNs=[made["tape"]])["TapeArchives"]) == 1
    response = sgw.delete_tape_archive(TapeARN=made["tape"], BypassGovernanceRetention=True)
    response.pop("ResponseMetadata")
    assert response == {"TapeARN": made["tape"]}
    assert sgw.describe_tape_archives(TapeARNs=[made["tape"]])["TapeArchives"] == []


def test_compliance_locked_archive_cannot_be_deleted_even_with_bypass(sgw: Any) -> None:
    pool = _pool(sgw, RetentionLockType="COMPLIANCE", RetentionLockTimeInDays=1)
    made = _archived(sgw, pool)
    for params in ({}, {"BypassGovernanceRetention": True}):
        with pytest.raises(ClientError) as exc_info:
            sgw.delete_tape_archive(TapeARN=made["tape"], **params)
        assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert len(sgw.describe_tape_archives(TapeARNs=[made["tape"]])["TapeArchives"]) == 1


def test_governance_locked_tape_needs_bypass_to_leave_its_pool(sgw: Any) -> None:
    pool = _pool(sgw, RetentionLockType="GOVERNANCE", RetentionLockTimeInDays=1)
    made = _archived(sgw, pool)
    with pytest.raises(ClientError) as exc_info:
        sgw.assign_tape_pool(TapeARN=made["tape"], PoolId="GLACIER")
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert _tape_info(sgw, made["tape"])["PoolId"] == _pool_id(pool)
    assert sgw.assign_tape_pool(TapeARN=made["tape"], PoolId="GLACIER", BypassGovernanceRetention=True)[
        "TapeARN"
    ] == made["tape"]
    info = _tape_info(sgw, made["tape"])
    assert info["PoolId"] == "GLACIER"
    assert "RetentionStartDate" not in info


def test_compliance_locked_tape_cannot_leave_its_pool(sgw: Any) -> None:
    pool = _pool(sgw, RetentionLockType="COMPLIANCE", RetentionLockTimeInDays=1)
    made = _archived(sgw, pool)
    for params in ({}, {"BypassGovernanceRetention": True}):
        with pytest.raises(ClientError) as exc_info:
            sgw.assign_tape_pool(TapeARN=made["tape"], PoolId="DEEP_ARCHIVE", **params)
        assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert _tape_info(sgw, made["tape"])["PoolId"] == _pool_id(pool)


def test_archived_tape_moved_into_locked_pool_is_locked_at_once(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "INTO1")
    appliance.eject_tape(tape)
    pool = _pool(sgw, RetentionLockType="COMPLIANCE", RetentionLockTimeInDays=1)
    sgw.assign_tape_pool(TapeARN=tape, PoolId=_pool_id(pool))
    info = _tape_info(sgw, tape)
    assert info["PoolId"] == _pool_id(pool)
    assert "RetentionStartDate" in info
    with pytest.raises(ClientError) as exc_info:
        sgw.delete_tape_archive(TapeARN=tape, BypassGovernanceRetention=True)
    assert sgw_error(exc_info) == INVALID_PARAMETERS


def test_deep_archive_tape_cannot_move_back_to_glacier(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "DEEP1", PoolId="DEEP_ARCHIVE")
    appliance.eject_tape(tape)
    with pytest.raises(ClientError) as exc_info:
        sgw.assign_tape_pool(TapeARN=tape, PoolId="GLACIER")
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    glacier_pool = _pool(sgw, "glacier-custom", "GLACIER")
    with pytest.raises(ClientError) as exc_info:
        sgw.assign_tape_pool(TapeARN=tape, PoolId=_pool_id(glacier_pool))
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert _tape_info(sgw, tape)["PoolId"] == "DEEP_ARCHIVE"


def test_glacier_tape_can_move_to_deep_archive(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "GLAC1", PoolId="GLACIER")
    appliance.eject_tape(tape)
    assert sgw.assign_tape_pool(TapeARN=tape, PoolId="DEEP_ARCHIVE")["TapeARN"] == tape
    info = _tape_info(sgw, tape)
    assert info["PoolId"] == "DEEP_ARCHIVE"
    assert info["TapeStatus"] == "ARCHIVED"


def test_delete_tape_on_gateway_in_unarchived_locked_pool_is_allowed(sgw: Any) -> None:
    # The lock starts when the tape is "first archived with tape retention lock enabled".
    pool = _pool(sgw, RetentionLockType="COMPLIANCE", RetentionLockTimeInDays=1)
    gateway = _tape_gateway(sgw)
    tape = _tape(sgw, gateway, "FRESH1", PoolId=_pool_id(pool))
    assert sgw.delete_tape(GatewayARN=gateway, TapeARN=tape)["TapeARN"] == tape
    assert sgw.list_tapes(TapeARNs=[tape])["TapeInfos"] == []


# Automatic tape creation policies


def test_new_gateway_has_no_automatic_policy(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    response = sgw.list_automatic_tape_creation_policies(GatewayARN=gateway)
    response.pop("ResponseMetadata")
    assert response == {"AutomaticTapeCreationPolicyInfos": []}
    assert sgw.list_automatic_tape_creation_policies()["AutomaticTapeCreationPolicyInfos"] == []


def test_automatic_policy_is_listed_exactly_as_given(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    pool_id = _pool_id(_pool(sgw))
    rules = [_rule("AUTO"), _rule("WORM", pool_id, Worm=True, MinimumNumTapes=10, TapeSizeInBytes=5 * 1024 * GIB)]
    response = sgw.update_automatic_tape_creation_policy(GatewayARN=gateway, AutomaticTapeCreationRules=rules)
    response.pop("ResponseMetadata")
    assert response == {"GatewayARN": gateway}
    expected = [{"AutomaticTapeCreationRules": rules, "GatewayARN": gateway}]
    assert sgw.list_automatic_tape_creation_policies(GatewayARN=gateway)["AutomaticTapeCreationPolicyInfos"] == expected
    assert sgw.list_automatic_tape_creation_policies()["AutomaticTapeCreationPolicyInfos"] == expected


def test_list_without_gateway_lists_every_gateways_policy(sgw: Any) -> None:
    first = _tape_gateway(sgw, "first")
    second = _tape_gateway(sgw, "second")
    sgw.update_automatic_tape_creation_policy(GatewayARN=first, AutomaticTapeCreationRules=[_rule("ONE")])
    sgw.update_automatic_tape_creation_policy(GatewayARN=second, AutomaticTapeCreationRules=[_rule("TWO")])
    listed = sgw.list_automatic_tape_creation_policies()["AutomaticTapeCreationPolicyInfos"]
    by_gateway = {info["GatewayARN"]: info["AutomaticTapeCreationRules"] for info in listed}
    assert len(listed) == 2
    assert by_gateway == {first: [_rule("ONE")], second: [_rule("TWO")]}
    assert sgw.list_automatic_tape_creation_policies(GatewayARN=first)["AutomaticTapeCreationPolicyInfos"] == [
        {"AutomaticTapeCreationRules": [_rule("ONE")], "GatewayARN": first}
    ]


def test_update_replaces_the_whole_rule_list(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    sgw.update_automatic_tape_creation_policy(GatewayARN=gateway, AutomaticTapeCreationRules=[_rule("OLD"), _rule("OLDB")])
    sgw.update_automatic_tape_creation_policy(GatewayARN=gateway, AutomaticTapeCreationRules=[_rule("NEW", "DEEP_ARCHIVE")])
    assert sgw.list_automatic_tape_creation_policies(GatewayARN=gateway)["AutomaticTapeCreationPolicyInfos"] == [
        {"AutomaticTapeCreationRules": [_rule("NEW", "DEEP_ARCHIVE")], "GatewayARN": gateway}
    ]


@pytest.mark.parametrize(
    "rule",
    [
        _rule(pool_id="pool-00000000"),
        _rule(TapeSizeInBytes=10 * GIB),
        _rule(TapeSizeInBytes=6 * 1024 * GIB),
        _rule(TapeSizeInBytes=100 * GIB + 1),
    ],
    ids=["unknown-pool", "too-small", "too-large", "not-gib-aligned"],
)
def test_bad_rule_is_refused_and_changes_nothing(sgw: Any, rule: Dict[str, Any]) -> None:
    gateway = _tape_gateway(sgw)
    sgw.update_automatic_tape_creation_policy(GatewayARN=gateway, AutomaticTapeCreationRules=[_rule("KEEP")])
    with pytest.raises(ClientError) as exc_info:
        sgw.update_automatic_tape_creation_policy(GatewayARN=gateway, AutomaticTapeCreationRules=[rule])
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert sgw.list_automatic_tape_creation_policies(GatewayARN=gateway)["AutomaticTapeCreationPolicyInfos"] == [
        {"AutomaticTapeCreationRules": [_rule("KEEP")], "GatewayARN": gateway}
    ]


def test_duplicate_barcode_prefix_is_refused(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    with pytest.raises(ClientError) as exc_info:
        sgw.update_automatic_tape_creation_policy(
            GatewayARN=gateway, AutomaticTapeCreationRules=[_rule("SAME"), _rule("SAME", "DEEP_ARCHIVE")]
        )
    assert sgw_error(exc_info) == INVALID_PARAMETERS
    assert sgw.list_automatic_tape_creation_policies(GatewayARN=gateway)["AutomaticTapeCreationPolicyInfos"] == []


def test_delete_automatic_policy_then_list_is_empty(sgw: Any) -> None:
    gateway = _tape_gateway(sgw)
    sgw.update_automatic_tape_creation_policy(GatewayARN=gateway, AutomaticTapeCreationRules=[_rule()])
    response = sgw.delete_automatic_tape_creation_policy(GatewayARN=gateway)
    response.pop("ResponseMetadata")
    assert response == {"GatewayARN": gateway}
    assert sgw.list_automatic_tape_creation_policies(GatewayARN=gateway)["AutomaticTapeCreationPolicyInfos"] == []
    assert sgw.list_automatic_tape_creation_policies()["AutomaticTapeCreationPolicyInfos"] == []


@pytest.mark.parametrize("gateway_type", ["CACHED", "FILE_S3"])
def test_policy_operations_refuse_other_gateway_types(sgw: Any, gateway_type: str) -> None:
    gateway = activate(sgw, gateway_type)
    calls: List[Any] = [
        (sgw.update_automatic_tape_creation_policy, {"AutomaticTapeCreationRules": [_rule()]}),
        (sgw.list_automatic_tape_creation_policies, {}),
        (sgw.delete_automatic_tape_creation_policy, {}),
    ]
    for call, params in calls:
        with pytest.raises(ClientError) as exc_info:
            call(GatewayARN=gateway, **params)
        assert sgw_error(exc_info) == UNSUPPORTED_FOR_TYPE
