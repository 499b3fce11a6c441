"""Maintenance: the weekly or monthly window, software updates now, the local console password."""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict

import pytest
from botocore.exceptions import ClientError

from ..conftest import activate, sgw_error
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    UNKNOWN_GATEWAY,
)
from ..test_protocol import post

ALL_TYPES = ["CACHED", "STORED", "VTL", "VTL_SNOW", "FILE_S3", "FILE_FSX_SMB"]
LAST_UPDATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$")
PASSWORD = "s3cr3t-Passw0rd!"


def _members(resp: Dict[str, Any]) -> set:
    return set(resp) - {"ResponseMetadata"}


def _window(sgw: Any, arn: str) -> Dict[str, Any]:
    """DescribeMaintenanceStartTime without its metadata."""
    resp = sgw.describe_maintenance_start_time(GatewayARN=arn)
    return {k: v for k, v in resp.items() if k != "ResponseMetadata"}


def _default_window(arn: str, tz: str = "GMT-5:00") -> Dict[str, Any]:
    return {
        "GatewayARN": arn,
        "HourOfDay": 0,
        "MinuteOfHour": 0,
        "DayOfWeek": 0,
        "Timezone": tz,
        "SoftwareUpdatePreferences": {"AutomaticUpdatePolicy": "ALL_VERSIONS"},
    }


OPERATIONS: Dict[str, Callable[[Any, str], Any]] = {
    "DescribeMaintenanceStartTime": lambda c, a: c.describe_maintenance_start_time(GatewayARN=a),
    "UpdateMaintenanceStartTime": lambda c, a: c.update_maintenance_start_time(
        GatewayARN=a, HourOfDay=3, MinuteOfHour=30, DayOfWeek=2
    ),
    "UpdateGatewaySoftwareNow": lambda c, a: c.update_gateway_software_now(GatewayARN=a),
    "SetLocalConsolePassword": lambda c, a: c.set_local_console_password(GatewayARN=a, LocalConsolePassword=PASSWORD),
}


# --- DescribeMaintenanceStartTime -----------------------------------------------------


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_new_gateway_has_the_default_weekly_window(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    assert _window(sgw, arn) == _default_window(arn)


def test_timezone_follows_update_gateway_information(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.update_gateway_information(GatewayARN=arn, GatewayTimezone="GMT+7:00")

    assert _window(sgw, arn) == _default_window(arn, tz="GMT+7:00")


# --- UpdateMaintenanceStartTime -------------------------------------------------------


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_update_maintenance_start_time_answers_only_the_arn(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    resp = sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=22, MinuteOfHour=0, DayOfWeek=3)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


def test_terraform_acceptance_flow(sgw: Any) -> None:
    arn = activate(sgw)
    policy = {"AutomaticUpdatePolicy": "ALL_VERSIONS"}

    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=22, MinuteOfHour=0, DayOfWeek=3)
    assert _window(sgw, arn) == {
        "GatewayARN": arn,
        "HourOfDay": 22,
        "MinuteOfHour": 0,
        "DayOfWeek": 3,
        "Timezone": "GMT-5:00",
        "SoftwareUpdatePreferences": policy,
    }

    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=21, MinuteOfHour=10, DayOfMonth=12)
    assert _window(sgw, arn) == {
        "GatewayARN": arn,
        "HourOfDay": 21,
        "MinuteOfHour": 10,
        "DayOfMonth": 12,
        "Timezone": "GMT-5:00",
        "SoftwareUpdatePreferences": policy,
    }

    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=21, MinuteOfHour=10, DayOfWeek=0)
    assert _window(sgw, arn) == {
        "GatewayARN": arn,
        "HourOfDay": 21,
        "MinuteOfHour": 10,
        "DayOfWeek": 0,
        "Timezone": "GMT-5:00",
        "SoftwareUpdatePreferences": policy,
    }


def test_day_of_month_replaces_day_of_week(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=5, MinuteOfHour=45, DayOfMonth=28)

    window = _window(sgw, arn)
    assert (window["HourOfDay"], window["MinuteOfHour"], window["DayOfMonth"]) == (5, 45, 28)
    assert "DayOfWeek" not in window


def test_day_of_week_replaces_day_of_month(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=5, MinuteOfHour=45, DayOfMonth=1)

    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=23, MinuteOfHour=59, DayOfWeek=6)

    window = _window(sgw, arn)
    assert (window["HourOfDay"], window["MinuteOfHour"], window["DayOfWeek"]) == (23, 59, 6)
    assert "DayOfMonth" not in window


def test_software_update_preferences_alone_change_only_the_policy(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=22, MinuteOfHour=15, DayOfWeek=3)

    resp = sgw.update_maintenance_start_time(
        GatewayARN=arn, SoftwareUpdatePreferences={"AutomaticUpdatePolicy": "EMERGENCY_VERSIONS_ONLY"}
    )

    assert _members(resp) == {"GatewayARN"}
    assert _window(sgw, arn) == {
        "GatewayARN": arn,
        "HourOfDay": 22,
        "MinuteOfHour": 15,
        "DayOfWeek": 3,
        "Timezone": "GMT-5:00",
        "SoftwareUpdatePreferences": {"AutomaticUpdatePolicy": "EMERGENCY_VERSIONS_ONLY"},
    }


def test_schedule_alone_keeps_the_policy(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_maintenance_start_time(
        GatewayARN=arn, SoftwareUpdatePreferences={"AutomaticUpdatePolicy": "EMERGENCY_VERSIONS_ONLY"}
    )

    sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=4, MinuteOfHour=5, DayOfMonth=6)

    assert _window(sgw, arn) == {
        "GatewayARN": arn,
        "HourOfDay": 4,
        "MinuteOfHour": 5,
        "DayOfMonth": 6,
        "Timezone": "GMT-5:00",
        "SoftwareUpdatePreferences": {"AutomaticUpdatePolicy": "EMERGENCY_VERSIONS_ONLY"},
    }


def test_schedule_and_policy_together(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.update_maintenance_start_time(
        GatewayARN=arn,
        HourOfDay=1,
        MinuteOfHour=2,
        DayOfWeek=5,
        SoftwareUpdatePreferences={"AutomaticUpdatePolicy": "EMERGENCY_VERSIONS_ONLY"},
    )

    assert _window(sgw, arn) == {
        "GatewayARN": arn,
        "HourOfDay": 1,
        "MinuteOfHour": 2,
        "DayOfWeek": 5,
        "Timezone": "GMT-5:00",
        "SoftwareUpdatePreferences": {"AutomaticUpdatePolicy": "EMERGENCY_VERSIONS_ONLY"},
    }


@pytest.mark.parametrize(
    "schedule",
    [
        {"HourOfDay": 22},  # an hour without a minute
        {"MinuteOfHour": 10},  # a minute without an hour
        {"HourOfDay": 22, "MinuteOfHour": 10},  # no day
        {"HourOfDay": 22, "MinuteOfHour": 10, "DayOfWeek": 3, "DayOfMonth": 12},  # both days
        {"DayOfWeek": 3},  # a day without hour and minute
        {"DayOfMonth": 12},
        {"HourOfDay": 22, "DayOfWeek": 3},  # minute missing
        {"MinuteOfHour": 10, "DayOfMonth": 12},  # hour missing
        {"HourOfDay": 22, "SoftwareUpdatePreferences": {"AutomaticUpdatePolicy": "EMERGENCY_VERSIONS_ONLY"}},
    ],
)
def test_incomplete_schedule_is_invalid_parameters_and_changes_nothing(sgw: Any, schedule: Dict[str, Any]) -> None:
    arn = activate(sgw)

    with pytest.raises(ClientError) as exc:
        sgw.update_maintenance_start_time(GatewayARN=arn, **schedule)

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _window(sgw, arn) == _default_window(arn)


def test_request_without_schedule_or_policy_is_invalid_parameters(sgw: Any) -> None:
    arn = activate(sgw)

    with pytest.raises(ClientError) as exc:
        sgw.update_maintenance_start_time(GatewayARN=arn)

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _window(sgw, arn) == _default_window(arn)


def test_day_of_month_above_28_is_validation_exception(sgw: Any) -> None:
    arn = activate(sgw)

    with pytest.raises(ClientError) as exc:
        sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=1, MinuteOfHour=0, DayOfMonth=29)

    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert exc.value.response["Error"]["Code"] == "ValidationException"
    assert exc.value.response["Error"]["Message"] == (
        "1 validation error detected: Value '29' at 'dayOfMonth' failed to satisfy constraint: "
        "Member must have value less than or equal to 28"
    )
    assert _window(sgw, arn) == _default_window(arn)


# --- UpdateGatewaySoftwareNow ---------------------------------------------------------


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_update_gateway_software_now_answers_only_the_arn(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    resp = sgw.update_gateway_software_now(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


def test_new_gateway_has_no_last_software_update(sgw: Any) -> None:
    arn = activate(sgw)

    info = sgw.describe_gateway_information(GatewayARN=arn)

    assert "LastSoftwareUpdate" not in info
    assert "NextUpdateAvailabilityDate" not in info


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_update_gateway_software_now_records_last_software_update(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    before = datetime.now(timezone.utc).replace(microsecond=0)

    sgw.update_gateway_software_now(GatewayARN=arn)

    after = datetime.now(timezone.utc)
    last = sgw.describe_gateway_information(GatewayARN=arn)["LastSoftwareUpdate"]
    assert isinstance(last, str)
    assert LAST_UPDATE.match(last), last
    when = datetime.strptime(last, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)
    assert before - timedelta(seconds=1) <= when <= after + timedelta(seconds=1)


def test_update_gateway_software_now_keeps_gateway_running_and_version(sgw: Any) -> None:
    arn = activate(sgw)
    assert sgw.describe_gateway_information(GatewayARN=arn)["SoftwareVersion"] == "2.0.10.0"

    sgw.update_gateway_software_now(GatewayARN=arn)

    info = sgw.describe_gateway_information(GatewayARN=arn)
    assert info["GatewayState"] == "RUNNING"
    assert info["SoftwareVersion"] == "2.0.10.0"
    assert "NextUpdateAvailabilityDate" not in info


def test_update_gateway_software_now_touches_only_its_gateway(sgw: Any) -> None:
    first = activate(sgw, name="gw1")
    second = activate(sgw, name="gw2")

    sgw.update_gateway_software_now(GatewayARN=first)

    assert "LastSoftwareUpdate" not in sgw.describe_gateway_information(GatewayARN=second)


# --- SetLocalConsolePassword ----------------------------------------------------------


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_set_local_console_password_answers_only_the_arn(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    resp = sgw.set_local_console_password(GatewayARN=arn, LocalConsolePassword=PASSWORD)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


@pytest.mark.parametrize(
    "operation",
    ["SetLocalConsolePassword", "DescribeGatewayInformation", "DescribeMaintenanceStartTime", "ListGateways"],
)
def test_password_is_returned_by_nothing(sgw: Any, operation: str) -> None:
    arn = activate(sgw)
    body = {} if operation == "ListGateways" else {"GatewayARN": arn}
    if operation != "SetLocalConsolePassword":
        sgw.set_local_console_password(GatewayARN=arn, LocalConsolePassword=PASSWORD)
    else:
        body["LocalConsolePassword"] = PASSWORD

    response = post(operation, body)

    assert response.status_code == 200, response.text
    assert arn in response.text
    assert PASSWORD not in response.text


def test_password_shorter_than_6_is_validation_exception_without_the_value(sgw: Any) -> None:
    arn = activate(sgw)

    response = post("SetLocalConsolePassword", {"GatewayARN": arn, "LocalConsolePassword": "abcde"})

    assert response.status_code == 400
    assert response.json()["__type"] == "ValidationException"
    assert response.json()["message"] == (
        "1 validation error detected: Value at 'localConsolePassword' failed to satisfy constraint: "
        "Member must have length greater than or equal to 6"
    )
    assert "abcde" not in response.text


def test_non_ascii_password_is_validation_exception_without_the_value(sgw: Any) -> None:
    arn = activate(sgw)
    password = "pässwörd"

    response = post(
        "SetLocalConsolePassword",
        json.dumps({"GatewayARN": arn, "LocalConsolePassword": password}, ensure_ascii=False).encode("utf-8"),
    )

    assert response.status_code == 400
    assert response.json()["__type"] == "ValidationException"
    assert response.json()["message"] == (
        "1 validation error detected: Value at 'localConsolePassword' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: ^[ -~]+$"
    )
    assert password not in response.text


def test_password_of_exactly_6_printable_characters_is_accepted(sgw: Any) -> None:
    arn = activate(sgw)

    resp = sgw.set_local_console_password(GatewayARN=arn, LocalConsolePassword=" a~!Z9")

    assert resp["GatewayARN"] == arn


# --- gateway state and existence ------------------------------------------------------


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_shut_down_gateway_is_gateway_not_connected(sgw: Any, operation: str) -> None:
    arn = activate(sgw, "CACHED")
    sgw.shutdown_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, arn)

    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_unknown_gateway_is_gateway_not_found(sgw: Any, operation: str) -> None:
    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, UNKNOWN_GATEWAY)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_failed_update_on_shut_down_gateway_changes_nothing(sgw: Any) -> None:
    arn = activate(sgw, "STORED")
    sgw.shutdown_gateway(GatewayARN=arn)

    with pytest.raises(ClientError):
        sgw.update_maintenance_start_time(GatewayARN=arn, HourOfDay=3, MinuteOfHour=30, DayOfWeek=2)
    sgw.start_gateway(GatewayARN=arn)

    assert _window(sgw, arn) == _default_window(arn)
