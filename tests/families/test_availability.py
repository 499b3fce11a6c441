"""Availability monitor tests: StartAvailabilityMonitorTest and DescribeAvailabilityMonitorTest."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, Iterator

import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from moto_sgw.models import storagegateway_backends

from ..conftest import activate, sgw_error
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
)
from ..test_protocol import post

ALL_TYPES = ["CACHED", "STORED", "VTL", "VTL_SNOW", "FILE_S3", "FILE_FSX_SMB"]
MODEL = "storagegateway::availability-monitor-test"

OPERATIONS: Dict[str, Callable[[Any, str], Any]] = {
    "StartAvailabilityMonitorTest": lambda c, a: c.start_availability_monitor_test(GatewayARN=a),
    "DescribeAvailabilityMonitorTest": lambda c, a: c.describe_availability_monitor_test(GatewayARN=a),
}


@pytest.fixture(autouse=True)
def immediate_afterwards() -> Iterator[None]:
    yield
    state_manager.unset_transition(MODEL)


@pytest.fixture
def slow() -> Iterator[None]:
    """The test takes two reporting calls to complete."""
    state_manager.set_transition(MODEL, {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition(MODEL)


def _members(resp: Dict[str, Any]) -> set:
    return set(resp) - {"ResponseMetadata"}


def _describe(sgw: Any, arn: str) -> Dict[str, Any]:
    resp = sgw.describe_availability_monitor_test(GatewayARN=arn)
    return {k: v for k, v in resp.items() if k != "ResponseMetadata"}


def _set_host(arn: str, host: str) -> None:
    storagegateway_backends["123456789012"]["us-east-1"].gateways.lookup(arn).host_environment = host


def _close_to_now(moment: datetime, before: datetime, after: datetime) -> bool:
    return before - timedelta(seconds=1) <= moment <= after + timedelta(seconds=1)


# --- before any test ------------------------------------------------------------------


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_describe_before_any_test_answers_only_the_arn(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    assert _describe(sgw, arn) == {"GatewayARN": arn}


def test_default_host_is_vmware(sgw: Any) -> None:
    arn = activate(sgw)

    assert sgw.describe_gateway_information(GatewayARN=arn)["HostEnvironment"] == "VMWARE"


# --- immediate lifecycle --------------------------------------------------------------


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_start_answers_only_the_arn(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    resp = sgw.start_availability_monitor_test(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


@pytest.mark.parametrize("gateway_type", ALL_TYPES)
def test_started_test_is_complete_at_once(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    before = datetime.now(timezone.utc)

    sgw.start_availability_monitor_test(GatewayARN=arn)

    after = datetime.now(timezone.utc)
    resp = _describe(sgw, arn)
    assert set(resp) == {"GatewayARN", "Status", "StartTime"}
    assert resp["GatewayARN"] == arn
    assert resp["Status"] == "COMPLETE"
    assert isinstance(resp["StartTime"], datetime)
    assert _close_to_now(resp["StartTime"], before, after), (resp["StartTime"], before, after)


def test_complete_test_stays_complete(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.start_availability_monitor_test(GatewayARN=arn)

    statuses = [_describe(sgw, arn)["Status"] for _ in range(3)]

    assert statuses == ["COMPLETE", "COMPLETE", "COMPLETE"]


def test_start_time_does_not_change_on_describe(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.start_availability_monitor_test(GatewayARN=arn)

    first = _describe(sgw, arn)["StartTime"]
    second = _describe(sgw, arn)["StartTime"]

    assert first == second


def test_test_on_one_gateway_leaves_another(sgw: Any) -> None:
    first = activate(sgw, name="gw1")
    second = activate(sgw, name="gw2")

    sgw.start_availability_monitor_test(GatewayARN=first)

    assert _describe(sgw, second) == {"GatewayARN": second}
    assert _describe(sgw, first)["Status"] == "COMPLETE"


# --- manual lifecycle -----------------------------------------------------------------


def test_slowed_test_is_pending_then_complete(sgw: Any, slow: None) -> None:
    arn = activate(sgw)
    sgw.start_availability_monitor_test(GatewayARN=arn)

    statuses = [_describe(sgw, arn)["Status"] for _ in range(3)]

    assert statuses == ["PENDING", "COMPLETE", "COMPLETE"]


def test_pending_test_has_start_time_close_to_now(sgw: Any, slow: None) -> None:
    arn = activate(sgw)
    before = datetime.now(timezone.utc)

    sgw.start_availability_monitor_test(GatewayARN=arn)

    after = datetime.now(timezone.utc)
    resp = _describe(sgw, arn)
    assert set(resp) == {"GatewayARN", "Status", "StartTime"}
    assert resp["Status"] == "PENDING"
    assert _close_to_now(resp["StartTime"], before, after), (resp["StartTime"], before, after)


def test_second_start_restarts_the_test(sgw: Any, slow: None) -> None:
    arn = activate(sgw)
    sgw.start_availability_monitor_test(GatewayARN=arn)
    assert [_describe(sgw, arn)["Status"] for _ in range(2)] == ["PENDING", "COMPLETE"]
    first_start = _describe(sgw, arn)["StartTime"]
    time.sleep(1.1)

    sgw.start_availability_monitor_test(GatewayARN=arn)

    restarted = _describe(sgw, arn)
    assert restarted["Status"] == "PENDING"
    assert restarted["StartTime"] > first_start
    assert _describe(sgw, arn)["Status"] == "COMPLETE"


def test_start_while_pending_restarts_the_test(sgw: Any, slow: None) -> None:
    arn = activate(sgw)
    sgw.start_availability_monitor_test(GatewayARN=arn)
    assert _describe(sgw, arn)["Status"] == "PENDING"

    sgw.start_availability_monitor_test(GatewayARN=arn)

    assert [_describe(sgw, arn)["Status"] for _ in range(2)] == ["PENDING", "COMPLETE"]


@pytest.mark.parametrize("times", [2, 3, 4])
def test_manual_progression_completes_on_the_nth_describe(sgw: Any, times: int) -> None:
    arn = activate(sgw)
    state_manager.set_transition(MODEL, {"progression": "manual", "times": times})
    sgw.start_availability_monitor_test(GatewayARN=arn)

    statuses = [_describe(sgw, arn)["Status"] for _ in range(times + 1)]

    assert statuses == ["PENDING"] * (times - 1) + ["COMPLETE", "COMPLETE"]


def test_start_time_is_kept_from_pending_to_complete(sgw: Any, slow: None) -> None:
    arn = activate(sgw)
    sgw.start_availability_monitor_test(GatewayARN=arn)

    pending = _describe(sgw, arn)
    complete = _describe(sgw, arn)

    assert (pending["Status"], complete["Status"]) == ("PENDING", "COMPLETE")
    assert pending["StartTime"] == complete["StartTime"]


# --- the wire -------------------------------------------------------------------------


def test_describe_before_any_test_sends_no_nulls(sgw: Any) -> None:
    arn = activate(sgw)

    response = post("DescribeAvailabilityMonitorTest", {"GatewayARN": arn})

    assert response.status_code == 200
    assert response.json() == {"GatewayARN": arn}


def test_start_time_is_sent_as_epoch_seconds(sgw: Any) -> None:
    arn = activate(sgw)
    before = time.time()
    sgw.start_availability_monitor_test(GatewayARN=arn)
    after = time.time()

    body = post("DescribeAvailabilityMonitorTest", {"GatewayARN": arn}).json()

    assert set(body) == {"GatewayARN", "Status", "StartTime"}
    assert body["Status"] == "COMPLETE"
    assert isinstance(body["StartTime"], (int, float)) and not isinstance(body["StartTime"], bool)
    assert before - 1 <= body["StartTime"] <= after + 1


# --- host environment -----------------------------------------------------------------


HOSTS = ["EC2", "HYPER-V", "KVM", "OTHER", "SNOWBALL"]


@pytest.mark.parametrize("host", HOSTS)
def test_start_on_gateway_not_on_vmware_is_unsupported(sgw: Any, host: str) -> None:
    arn = activate(sgw)
    _set_host(arn, host)

    with pytest.raises(ClientError) as exc:
        sgw.start_availability_monitor_test(GatewayARN=arn)

    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


@pytest.mark.parametrize("host", HOSTS)
def test_describe_on_gateway_not_on_vmware_is_unsupported(sgw: Any, host: str) -> None:
    arn = activate(sgw)
    _set_host(arn, host)

    with pytest.raises(ClientError) as exc:
        sgw.describe_availability_monitor_test(GatewayARN=arn)

    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_refused_start_leaves_no_test(sgw: Any) -> None:
    arn = activate(sgw)
    _set_host(arn, "EC2")
    with pytest.raises(ClientError):
        sgw.start_availability_monitor_test(GatewayARN=arn)

    _set_host(arn, "VMWARE")

    assert _describe(sgw, arn) == {"GatewayARN": arn}


def test_start_after_host_returns_to_vmware_succeeds(sgw: Any) -> None:
    arn = activate(sgw)
    _set_host(arn, "KVM")
    _set_host(arn, "VMWARE")

    sgw.start_availability_monitor_test(GatewayARN=arn)

    assert _describe(sgw, arn)["Status"] == "COMPLETE"


def test_host_change_shows_in_gateway_information(sgw: Any) -> None:
    arn = activate(sgw)

    _set_host(arn, "EC2")

    assert sgw.describe_gateway_information(GatewayARN=arn)["HostEnvironment"] == "EC2"


# --- gateway state and existence ------------------------------------------------------


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("gateway_type", ["CACHED", "STORED", "VTL"])
def test_shut_down_gateway_is_gateway_not_connected(sgw: Any, operation: str, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    sgw.shutdown_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, arn)

    assert sgw_error(exc) == GATEWAY_NOT_CONNECTED


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_unknown_gateway_is_gateway_not_found(sgw: Any, operation: str) -> None:
    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, UNKNOWN_GATEWAY)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_test_goes_with_a_deleted_gateway(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.start_availability_monitor_test(GatewayARN=arn)
    sgw.delete_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        sgw.describe_availability_monitor_test(GatewayARN=arn)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND
