"""UpdateSnapshotSchedule, DescribeSnapshotSchedule and DeleteSnapshotSchedule."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

import pytest
from botocore.exceptions import ClientError

from ..conftest import activate, cached_gateway, cached_volume, sgw_error, stored_gateway, stored_volume
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    INVALID_SCHEDULE,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
    VOLUME_NOT_FOUND,
)

GATEWAY_TIMEZONE = "GMT-5:00"  # conftest's activate()
SCHEDULE_MEMBERS = {"VolumeARN", "StartAt", "RecurrenceInHours", "Description", "Timezone", "Tags"}


def _last_part(arn: str) -> str:
    return arn.rsplit("/", 1)[1]


def _missing_volume(gateway_arn: str) -> str:
    return gateway_arn + "/volume/vol-0123456789ABCDEF0"


def _local_hour() -> int:
    return (datetime.now(timezone.utc) - timedelta(hours=5)).hour


def _describe(sgw: Any, arn: str) -> Dict[str, Any]:
    resp = sgw.describe_snapshot_schedule(VolumeARN=arn)
    return {k: v for k, v in resp.items() if k != "ResponseMetadata"}


def _update(sgw: Any, arn: str, start_at: int = 3, recurrence: int = 12, **extra: Any) -> Any:
    return sgw.update_snapshot_schedule(VolumeARN=arn, StartAt=start_at, RecurrenceInHours=recurrence, **extra)


def _cached(sgw: Any) -> str:
    return cached_volume(sgw, cached_gateway(sgw))


# Default schedules


def test_stored_volume_gets_a_daily_default_schedule(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    before = _local_hour()
    arn = stored_volume(sgw, gateway)
    after = _local_hour()
    schedule = _describe(sgw, arn)
    assert set(schedule) == SCHEDULE_MEMBERS
    assert schedule["VolumeARN"] == arn
    assert schedule["RecurrenceInHours"] == 24
    assert schedule["StartAt"] in {before, after}
    assert schedule["Description"] == f"{_last_part(gateway['arn'])}:{_last_part(arn)}:Schedule"
    assert schedule["Tags"] == []
    assert schedule["Timezone"] == GATEWAY_TIMEZONE


def test_cached_volume_has_no_schedule(sgw: Any) -> None:
    arn = _cached(sgw)
    assert _describe(sgw, arn) == {"VolumeARN": arn, "Timezone": GATEWAY_TIMEZONE}


# UpdateSnapshotSchedule


def test_update_snapshot_schedule_returns_volume_arn(sgw: Any) -> None:
    arn = _cached(sgw)
    resp = _update(sgw, arn)
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN"}
    assert resp["VolumeARN"] == arn


def test_updated_schedule_is_described(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, 7, 8, Description="every eight hours", Tags=[{"Key": "team", "Value": "storage"}])
    assert _describe(sgw, arn) == {
        "VolumeARN": arn,
        "StartAt": 7,
        "RecurrenceInHours": 8,
        "Description": "every eight hours",
        "Timezone": GATEWAY_TIMEZONE,
        "Tags": [{"Key": "team", "Value": "storage"}],
    }


def test_update_replaces_a_stored_volumes_default_schedule(sgw: Any) -> None:
    arn = stored_volume(sgw, stored_gateway(sgw))
    _update(sgw, arn, 0, 1, Description="hourly")
    schedule = _describe(sgw, arn)
    assert (schedule["StartAt"], schedule["RecurrenceInHours"], schedule["Description"]) == (0, 1, "hourly")


def test_schedule_tags_are_sorted_by_key(sgw: Any) -> None:
    arn = _cached(sgw)
    tags = [{"Key": "zone", "Value": "1"}, {"Key": "app", "Value": "2"}, {"Key": "Mid", "Value": "3"}]
    _update(sgw, arn, Tags=tags)
    assert [t["Key"] for t in _describe(sgw, arn)["Tags"]] == ["Mid", "app", "zone"]


def test_update_without_description_keeps_the_previous_one(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, Description="first")
    _update(sgw, arn, 5, 4)
    schedule = _describe(sgw, arn)
    assert schedule["Description"] == "first"
    assert (schedule["StartAt"], schedule["RecurrenceInHours"]) == (5, 4)


def test_update_without_description_keeps_the_default_one(sgw: Any) -> None:
    gateway = stored_gateway(sgw)
    arn = stored_volume(sgw, gateway)
    _update(sgw, arn, 5, 4)
    assert _describe(sgw, arn)["Description"] == f"{_last_part(gateway['arn'])}:{_last_part(arn)}:Schedule"


def test_update_without_tags_keeps_the_previous_tags(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, Tags=[{"Key": "team", "Value": "storage"}])
    _update(sgw, arn, 5, 4)
    assert _describe(sgw, arn)["Tags"] == [{"Key": "team", "Value": "storage"}]


def test_update_with_tags_replaces_them(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, Tags=[{"Key": "team", "Value": "storage"}, {"Key": "env", "Value": "prod"}])
    _update(sgw, arn, Tags=[{"Key": "owner", "Value": "ops"}])
    assert _describe(sgw, arn)["Tags"] == [{"Key": "owner", "Value": "ops"}]


def test_update_with_empty_tags_clears_them(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, Tags=[{"Key": "team", "Value": "storage"}])
    _update(sgw, arn, Tags=[])
    assert _describe(sgw, arn)["Tags"] == []


@pytest.mark.parametrize("recurrence", [1, 2, 4, 8, 12, 24])
def test_documented_recurrences_are_accepted(sgw: Any, recurrence: int) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, recurrence=recurrence)
    assert _describe(sgw, arn)["RecurrenceInHours"] == recurrence


@pytest.mark.parametrize("recurrence", [3, 5, 6, 23])
def test_other_recurrences_are_an_invalid_schedule(sgw: Any, recurrence: int) -> None:
    arn = stored_volume(sgw, stored_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        _update(sgw, arn, recurrence=recurrence)
    assert sgw_error(exc) == INVALID_SCHEDULE
    assert _describe(sgw, arn)["RecurrenceInHours"] == 24


def test_recurrence_over_24_fails_validation(sgw: Any) -> None:
    arn = _cached(sgw)
    with pytest.raises(ClientError) as exc:
        _update(sgw, arn, recurrence=25)
    message = (
        "1 validation error detected: Value '25' at 'recurrenceInHours' failed to satisfy constraint: "
        "Member must have value less than or equal to 24"
    )
    assert sgw_error(exc) == ("ValidationException", message, None)
    assert set(_describe(sgw, arn)) == {"VolumeARN", "Timezone"}


def test_start_at_24_fails_validation(sgw: Any) -> None:
    arn = _cached(sgw)
    with pytest.raises(ClientError) as exc:
        _update(sgw, arn, start_at=24)
    message = (
        "1 validation error detected: Value '24' at 'startAt' failed to satisfy constraint: "
        "Member must have value less than or equal to 23"
    )
    assert sgw_error(exc) == ("ValidationException", message, None)
    assert set(_describe(sgw, arn)) == {"VolumeARN", "Timezone"}


@pytest.mark.parametrize("key", ["aws:backup", "aws:"])
def test_tag_key_with_aws_prefix_is_invalid(sgw: Any, key: str) -> None:
    arn = _cached(sgw)
    with pytest.raises(ClientError) as exc:
        _update(sgw, arn, Tags=[{"Key": key, "Value": "x"}])
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert set(_describe(sgw, arn)) == {"VolumeARN", "Timezone"}


def test_schedule_reports_the_gateways_new_timezone(sgw: Any) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway)
    _update(sgw, arn)
    sgw.update_gateway_information(GatewayARN=gateway["arn"], GatewayTimezone="GMT+2:00")
    schedule = _describe(sgw, arn)
    assert schedule["Timezone"] == "GMT+2:00"
    assert (schedule["StartAt"], schedule["RecurrenceInHours"]) == (3, 12)


# DeleteSnapshotSchedule


def test_delete_snapshot_schedule_returns_volume_arn(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn)
    resp = sgw.delete_snapshot_schedule(VolumeARN=arn)
    assert set(resp) - {"ResponseMetadata"} == {"VolumeARN"}
    assert resp["VolumeARN"] == arn


def test_deleted_schedule_is_gone(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, Description="nightly", Tags=[{"Key": "team", "Value": "storage"}])
    sgw.delete_snapshot_schedule(VolumeARN=arn)
    assert _describe(sgw, arn) == {"VolumeARN": arn, "Timezone": GATEWAY_TIMEZONE}


def test_delete_schedule_of_volume_without_one(sgw: Any) -> None:
    arn = _cached(sgw)
    assert sgw.delete_snapshot_schedule(VolumeARN=arn)["VolumeARN"] == arn
    assert _describe(sgw, arn) == {"VolumeARN": arn, "Timezone": GATEWAY_TIMEZONE}


def test_delete_schedule_of_stored_volume_is_unsupported(sgw: Any) -> None:
    arn = stored_volume(sgw, stored_gateway(sgw))
    with pytest.raises(ClientError) as exc:
        sgw.delete_snapshot_schedule(VolumeARN=arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE
    assert _describe(sgw, arn)["RecurrenceInHours"] == 24


# Volumes and gateways the three operations refuse


def _call(sgw: Any, operation: str, volume_arn: str) -> Any:
    if operation == "update":
        return _update(sgw, volume_arn)
    if operation == "describe":
        return sgw.describe_snapshot_schedule(VolumeARN=volume_arn)
    return sgw.delete_snapshot_schedule(VolumeARN=volume_arn)


OPERATIONS: List[str] = ["update", "describe", "delete"]


@pytest.mark.parametrize("operation", OPERATIONS)
def test_unknown_volume_is_not_found(sgw: Any, operation: str) -> None:
    gateway = cached_gateway(sgw)
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, _missing_volume(gateway["arn"]))
    assert sgw_error(exc) == VOLUME_NOT_FOUND


@pytest.mark.parametrize("operation", OPERATIONS)
def test_volume_on_unknown_gateway_is_not_found(sgw: Any, operation: str) -> None:
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, _missing_volume(UNKNOWN_GATEWAY))
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


@pytest.mark.parametrize("operation", OPERATIONS)
def test_volume_on_shut_down_gateway_is_not_connected(sgw: Any, operation: str) -> None:
    gateway = cached_gateway(sgw)
    arn = cached_volume(sgw, gateway)
    sgw.shutdown_gateway(GatewayARN=gateway["arn"])
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, arn)
    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


@pytest.mark.parametrize("operation", OPERATIONS)
def test_volume_of_vtl_gateway_is_unsupported(sgw: Any, operation: str) -> None:
    gateway_arn = activate(sgw, "VTL")
    with pytest.raises(ClientError) as exc:
        _call(sgw, operation, f"{gateway_arn}/volume/vol-1122AABB")
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# Detaching and attaching


def test_reattached_cached_volume_keeps_its_schedule(sgw: Any) -> None:
    arn = _cached(sgw)
    _update(sgw, arn, 6, 2, Description="kept", Tags=[{"Key": "team", "Value": "storage"}])
    sgw.detach_volume(VolumeARN=arn)
    other = cached_gateway(sgw)
    new_arn = sgw.attach_volume(GatewayARN=other["arn"], VolumeARN=arn, NetworkInterfaceId=other["ip"])[
        "VolumeARN"
    ]
    assert _describe(sgw, new_arn) == {
        "VolumeARN": new_arn,
        "StartAt": 6,
        "RecurrenceInHours": 2,
        "Description": "kept",
        "Timezone": GATEWAY_TIMEZONE,
        "Tags": [{"Key": "team", "Value": "storage"}],
    }
