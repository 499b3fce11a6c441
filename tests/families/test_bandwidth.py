"""Bandwidth: rate limits (Update/Describe/Delete) and rate-limit schedules (Update/Describe)."""
from __future__ import annotations

from typing import Any, Callable, Dict, List

import pytest
from botocore.exceptions import ClientError

from ..conftest import activate, sgw_error
from ..expected import (
    GATEWAY_NOT_CONNECTED,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    INVALID_SCHEDULE,
    UNKNOWN_GATEWAY,
    UNSUPPORTED_FOR_TYPE,
)
from ..test_protocol import post

LIMIT_TYPES = ["CACHED", "STORED", "VTL", "VTL_SNOW"]
SCHEDULE_TYPES = ["CACHED", "STORED", "VTL", "VTL_SNOW", "FILE_S3"]
FILE_TYPES = ["FILE_S3", "FILE_FSX_SMB"]
S3_MIN_UPLOAD = 104857600

UPLOAD = "AverageUploadRateLimitInBitsPerSec"
DOWNLOAD = "AverageDownloadRateLimitInBitsPerSec"


def _members(resp: Dict[str, Any]) -> set:
    return set(resp) - {"ResponseMetadata"}


def _limits(sgw: Any, arn: str) -> Dict[str, Any]:
    """DescribeBandwidthRateLimit without its metadata."""
    resp = sgw.describe_bandwidth_rate_limit(GatewayARN=arn)
    return {k: v for k, v in resp.items() if k != "ResponseMetadata"}


def _intervals(sgw: Any, arn: str) -> List[Dict[str, Any]]:
    return sgw.describe_bandwidth_rate_limit_schedule(GatewayARN=arn)["BandwidthRateLimitIntervals"]


def _interval(start: str, end: str, days: List[int], **rates: int) -> Dict[str, Any]:
    """An interval from "HH:MM" to "HH:MM" (inclusive end minute) on ``days``."""
    sh, sm = (int(x) for x in start.split(":"))
    eh, em = (int(x) for x in end.split(":"))
    interval: Dict[str, Any] = {
        "StartHourOfDay": sh,
        "StartMinuteOfHour": sm,
        "EndHourOfDay": eh,
        "EndMinuteOfHour": em,
        "DaysOfWeek": days,
    }
    interval.update(rates)
    return interval


# Every operation of the family, called on ``arn`` with valid arguments.
OPERATIONS: Dict[str, Callable[[Any, str], Any]] = {
    "UpdateBandwidthRateLimit": lambda c, a: c.update_bandwidth_rate_limit(
        GatewayARN=a, AverageUploadRateLimitInBitsPerSec=102400
    ),
    "DescribeBandwidthRateLimit": lambda c, a: c.describe_bandwidth_rate_limit(GatewayARN=a),
    "DeleteBandwidthRateLimit": lambda c, a: c.delete_bandwidth_rate_limit(GatewayARN=a, BandwidthType="ALL"),
    "UpdateBandwidthRateLimitSchedule": lambda c, a: c.update_bandwidth_rate_limit_schedule(
        GatewayARN=a, BandwidthRateLimitIntervals=[_interval("08:00", "17:59", [1, 2, 3], **{UPLOAD: S3_MIN_UPLOAD})]
    ),
    "DescribeBandwidthRateLimitSchedule": lambda c, a: c.describe_bandwidth_rate_limit_schedule(GatewayARN=a),
}
LIMIT_OPERATIONS = ["UpdateBandwidthRateLimit", "DescribeBandwidthRateLimit", "DeleteBandwidthRateLimit"]
SCHEDULE_OPERATIONS = ["UpdateBandwidthRateLimitSchedule", "DescribeBandwidthRateLimitSchedule"]


# --- rate limits: Describe / Update ---------------------------------------------------


@pytest.mark.parametrize("gateway_type", LIMIT_TYPES)
def test_new_gateway_has_no_rate_limits(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    assert _limits(sgw, arn) == {"GatewayARN": arn}


def test_update_bandwidth_rate_limit_answers_only_the_arn(sgw: Any) -> None:
    arn = activate(sgw)

    resp = sgw.update_bandwidth_rate_limit(GatewayARN=arn, AverageUploadRateLimitInBitsPerSec=102400)

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


@pytest.mark.parametrize("gateway_type", LIMIT_TYPES)
def test_update_both_limits_shows_both(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    sgw.update_bandwidth_rate_limit(
        GatewayARN=arn, AverageUploadRateLimitInBitsPerSec=512000, AverageDownloadRateLimitInBitsPerSec=1024000
    )

    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 512000, DOWNLOAD: 1024000}


def test_update_upload_limit_alone_shows_only_upload(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, AverageUploadRateLimitInBitsPerSec=51200)

    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 51200}


def test_update_download_limit_alone_shows_only_download(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, AverageDownloadRateLimitInBitsPerSec=102400)

    assert _limits(sgw, arn) == {"GatewayARN": arn, DOWNLOAD: 102400}


def test_update_one_limit_keeps_the_other(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit(
        GatewayARN=arn, AverageUploadRateLimitInBitsPerSec=100000, AverageDownloadRateLimitInBitsPerSec=200000
    )

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, AverageDownloadRateLimitInBitsPerSec=300000)

    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 100000, DOWNLOAD: 300000}


def test_update_limit_on_one_gateway_leaves_another(sgw: Any) -> None:
    first = activate(sgw, name="gw1")
    second = activate(sgw, name="gw2")

    sgw.update_bandwidth_rate_limit(GatewayARN=first, AverageUploadRateLimitInBitsPerSec=102400)

    assert _limits(sgw, second) == {"GatewayARN": second}


@pytest.mark.parametrize(
    "member, bandwidth_type",
    [(UPLOAD, "UPLOAD"), (DOWNLOAD, "DOWNLOAD")],
)
def test_terraform_acceptance_flow_for_one_limit(sgw: Any, member: str, bandwidth_type: str) -> None:
    arn = activate(sgw, "CACHED")

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{member: 102400})
    assert _limits(sgw, arn) == {"GatewayARN": arn, member: 102400}

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{member: 204800})
    assert _limits(sgw, arn) == {"GatewayARN": arn, member: 204800}

    sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType=bandwidth_type)
    assert _limits(sgw, arn) == {"GatewayARN": arn}


def test_terraform_acceptance_flow_for_both_limits(sgw: Any) -> None:
    arn = activate(sgw, "CACHED")

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 102400, DOWNLOAD: 102400})
    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 102400, DOWNLOAD: 102400}

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 204800, DOWNLOAD: 204800})
    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 204800, DOWNLOAD: 204800}

    sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType="ALL")
    assert _limits(sgw, arn) == {"GatewayARN": arn}


@pytest.mark.parametrize(
    "member, value, name, minimum",
    [
        (UPLOAD, 51199, "averageUploadRateLimitInBitsPerSec", 51200),
        (UPLOAD, 0, "averageUploadRateLimitInBitsPerSec", 51200),
        (DOWNLOAD, 102399, "averageDownloadRateLimitInBitsPerSec", 102400),
    ],
)
def test_limit_below_model_minimum_is_validation_exception(
    sgw: Any, member: str, value: int, name: str, minimum: int
) -> None:
    arn = activate(sgw)

    response = post("UpdateBandwidthRateLimit", {"GatewayARN": arn, member: value})

    assert response.status_code == 400
    assert response.json()["__type"] == "ValidationException"
    assert response.json()["message"] == (
        f"1 validation error detected: Value '{value}' at '{name}' failed to satisfy constraint: "
        f"Member must have value greater than or equal to {minimum}"
    )
    assert _limits(sgw, arn) == {"GatewayARN": arn}


def test_limits_at_model_minimum_are_accepted(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 51200, DOWNLOAD: 102400})

    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 51200, DOWNLOAD: 102400}


# --- rate limits: Delete --------------------------------------------------------------


def test_delete_bandwidth_rate_limit_answers_only_the_arn(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit(GatewayARN=arn, AverageUploadRateLimitInBitsPerSec=102400)

    resp = sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType="UPLOAD")

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


@pytest.mark.parametrize(
    "bandwidth_type, remaining",
    [
        ("UPLOAD", {DOWNLOAD: 204800}),
        ("upload", {DOWNLOAD: 204800}),
        ("Upload", {DOWNLOAD: 204800}),
        ("DOWNLOAD", {UPLOAD: 102400}),
        ("download", {UPLOAD: 102400}),
        ("ALL", {}),
        ("All", {}),
        ("all", {}),
    ],
)
def test_delete_bandwidth_type_is_case_insensitive_and_leaves_the_other(
    sgw: Any, bandwidth_type: str, remaining: Dict[str, int]
) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 102400, DOWNLOAD: 204800})

    sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType=bandwidth_type)

    assert _limits(sgw, arn) == {"GatewayARN": arn, **remaining}


@pytest.mark.parametrize("bandwidth_type", ["BOTH", "UPLOADS", "NONE"])
def test_delete_unknown_bandwidth_type_is_invalid_parameters(sgw: Any, bandwidth_type: str) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 102400, DOWNLOAD: 204800})

    with pytest.raises(ClientError) as exc:
        sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType=bandwidth_type)

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 102400, DOWNLOAD: 204800}


@pytest.mark.parametrize("bandwidth_type", ["UPLOAD", "DOWNLOAD", "ALL"])
def test_delete_limit_that_is_not_set_succeeds(sgw: Any, bandwidth_type: str) -> None:
    arn = activate(sgw)

    resp = sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType=bandwidth_type)

    assert resp["GatewayARN"] == arn
    assert _limits(sgw, arn) == {"GatewayARN": arn}


def test_delete_download_when_only_upload_is_set_keeps_upload(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit(GatewayARN=arn, AverageUploadRateLimitInBitsPerSec=102400)

    sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType="DOWNLOAD")

    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 102400}


# --- rate limits: file gateways -------------------------------------------------------


@pytest.mark.parametrize("operation", LIMIT_OPERATIONS)
@pytest.mark.parametrize("gateway_type", FILE_TYPES)
def test_rate_limits_on_file_gateway_are_unsupported(sgw: Any, gateway_type: str, operation: str) -> None:
    arn = activate(sgw, gateway_type)

    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, arn)

    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


# --- schedules ------------------------------------------------------------------------


@pytest.mark.parametrize("gateway_type", SCHEDULE_TYPES)
def test_new_gateway_has_an_empty_schedule(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)

    resp = sgw.describe_bandwidth_rate_limit_schedule(GatewayARN=arn)

    assert _members(resp) == {"GatewayARN", "BandwidthRateLimitIntervals"}
    assert resp["GatewayARN"] == arn
    assert resp["BandwidthRateLimitIntervals"] == []


@pytest.mark.parametrize("operation", SCHEDULE_OPERATIONS)
def test_schedule_on_fsx_gateway_is_unsupported(sgw: Any, operation: str) -> None:
    arn = activate(sgw, "FILE_FSX_SMB")

    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, arn)

    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_update_schedule_answers_only_the_arn(sgw: Any) -> None:
    arn = activate(sgw)

    resp = sgw.update_bandwidth_rate_limit_schedule(
        GatewayARN=arn, BandwidthRateLimitIntervals=[_interval("08:00", "17:59", [1, 2, 3, 4, 5], **{UPLOAD: 102400})]
    )

    assert _members(resp) == {"GatewayARN"}
    assert resp["GatewayARN"] == arn


@pytest.mark.parametrize("gateway_type", ["CACHED", "STORED", "VTL", "VTL_SNOW"])
def test_schedule_is_described_as_given(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    intervals = [
        _interval("08:00", "17:59", [1, 2, 3, 4, 5], **{UPLOAD: 102400, DOWNLOAD: 204800}),
        _interval("18:00", "23:59", [1, 2, 3, 4, 5], **{UPLOAD: 51200}),
        _interval("00:00", "23:59", [0, 6], **{DOWNLOAD: 102400}),
    ]

    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=intervals)

    assert _intervals(sgw, arn) == intervals


def test_schedule_interval_without_rates_has_no_rate_members(sgw: Any) -> None:
    arn = activate(sgw)

    sgw.update_bandwidth_rate_limit_schedule(
        GatewayARN=arn, BandwidthRateLimitIntervals=[_interval("01:15", "02:45", [3])]
    )

    [interval] = _intervals(sgw, arn)
    assert interval == {
        "StartHourOfDay": 1,
        "StartMinuteOfHour": 15,
        "EndHourOfDay": 2,
        "EndMinuteOfHour": 45,
        "DaysOfWeek": [3],
    }


def test_update_schedule_replaces_the_whole_list(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit_schedule(
        GatewayARN=arn,
        BandwidthRateLimitIntervals=[
            _interval("08:00", "09:59", [1], **{UPLOAD: 102400}),
            _interval("10:00", "11:59", [1], **{UPLOAD: 102400}),
        ],
    )
    replacement = [_interval("12:00", "13:00", [2], **{DOWNLOAD: 102400})]

    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=replacement)

    assert _intervals(sgw, arn) == replacement


def test_update_schedule_with_empty_list_clears_it(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit_schedule(
        GatewayARN=arn, BandwidthRateLimitIntervals=[_interval("08:00", "09:59", [1], **{UPLOAD: 102400})]
    )

    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=[])

    assert _intervals(sgw, arn) == []


@pytest.mark.parametrize("start, end", [("10:00", "09:59"), ("10:30", "10:29"), ("23:00", "00:00")])
def test_interval_ending_before_it_starts_is_invalid_schedule(sgw: Any, start: str, end: str) -> None:
    arn = activate(sgw)
    kept = [_interval("01:00", "02:00", [0], **{UPLOAD: 102400})]
    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=kept)

    with pytest.raises(ClientError) as exc:
        sgw.update_bandwidth_rate_limit_schedule(
            GatewayARN=arn, BandwidthRateLimitIntervals=[_interval(start, end, [1], **{UPLOAD: 102400})]
        )

    assert sgw_error(exc) == INVALID_SCHEDULE
    assert _intervals(sgw, arn) == kept


@pytest.mark.parametrize(
    "first, second",
    [
        (("08:00", "12:00"), ("11:00", "13:00")),  # partly overlapping
        (("08:00", "18:00"), ("10:00", "11:00")),  # one inside the other
        (("08:00", "10:00"), ("10:00", "11:00")),  # sharing the end minute, which counts
        (("08:00", "09:00"), ("08:00", "09:00")),  # identical
    ],
)
def test_overlapping_intervals_on_a_shared_day_are_invalid_schedule(sgw: Any, first: Any, second: Any) -> None:
    arn = activate(sgw)

    with pytest.raises(ClientError) as exc:
        sgw.update_bandwidth_rate_limit_schedule(
            GatewayARN=arn,
            BandwidthRateLimitIntervals=[
                _interval(*first, [1, 2], **{UPLOAD: 102400}),
                _interval(*second, [2, 3], **{UPLOAD: 204800}),
            ],
        )

    assert sgw_error(exc) == INVALID_SCHEDULE
    assert _intervals(sgw, arn) == []


def test_same_times_on_different_days_are_accepted(sgw: Any) -> None:
    arn = activate(sgw)
    intervals = [
        _interval("08:00", "17:00", [1, 2], **{UPLOAD: 102400}),
        _interval("08:00", "17:00", [3, 4], **{UPLOAD: 204800}),
    ]

    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=intervals)

    assert _intervals(sgw, arn) == intervals


def test_back_to_back_intervals_are_accepted(sgw: Any) -> None:
    arn = activate(sgw)
    intervals = [
        _interval("08:00", "09:59", [1], **{UPLOAD: 102400}),
        _interval("10:00", "10:59", [1], **{UPLOAD: 204800}),
    ]

    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=intervals)

    assert _intervals(sgw, arn) == intervals


# --- schedules: S3 File Gateway -------------------------------------------------------


@pytest.mark.parametrize("upload", [S3_MIN_UPLOAD, 2 * S3_MIN_UPLOAD])
def test_s3_file_gateway_accepts_upload_limit_of_at_least_100_mib(sgw: Any, upload: int) -> None:
    arn = activate(sgw, "FILE_S3")
    intervals = [_interval("08:00", "17:59", [1, 2, 3, 4, 5], **{UPLOAD: upload})]

    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=intervals)

    assert _intervals(sgw, arn) == intervals


@pytest.mark.parametrize(
    "rates",
    [
        {},  # no upload limit
        {UPLOAD: S3_MIN_UPLOAD - 1},  # below 100 MiB per second
        {UPLOAD: 51200},
        {DOWNLOAD: 102400},  # a download limit, no upload limit
        {UPLOAD: S3_MIN_UPLOAD, DOWNLOAD: 102400},  # a download limit next to a valid upload limit
    ],
)
def test_s3_file_gateway_interval_with_bad_rates_is_invalid_parameters(sgw: Any, rates: Dict[str, int]) -> None:
    arn = activate(sgw, "FILE_S3")

    with pytest.raises(ClientError) as exc:
        sgw.update_bandwidth_rate_limit_schedule(
            GatewayARN=arn, BandwidthRateLimitIntervals=[_interval("08:00", "17:59", [1], **rates)]
        )

    assert sgw_error(exc) == INVALID_PARAMETERS
    assert _intervals(sgw, arn) == []


# --- limits and schedules are independent ---------------------------------------------


def test_rate_limits_do_not_change_the_schedule(sgw: Any) -> None:
    arn = activate(sgw)
    intervals = [_interval("08:00", "17:59", [1], **{UPLOAD: 102400})]
    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=intervals)

    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 512000, DOWNLOAD: 1024000})
    assert _intervals(sgw, arn) == intervals

    sgw.delete_bandwidth_rate_limit(GatewayARN=arn, BandwidthType="ALL")
    assert _intervals(sgw, arn) == intervals


def test_schedule_does_not_change_the_rate_limits(sgw: Any) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 512000, DOWNLOAD: 1024000})

    sgw.update_bandwidth_rate_limit_schedule(
        GatewayARN=arn, BandwidthRateLimitIntervals=[_interval("08:00", "17:59", [1], **{UPLOAD: 102400})]
    )
    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 512000, DOWNLOAD: 1024000}

    sgw.update_bandwidth_rate_limit_schedule(GatewayARN=arn, BandwidthRateLimitIntervals=[])
    assert _limits(sgw, arn) == {"GatewayARN": arn, UPLOAD: 512000, DOWNLOAD: 1024000}


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


@pytest.mark.parametrize("operation", ["DescribeBandwidthRateLimit", "DescribeBandwidthRateLimitSchedule"])
def test_limits_go_with_a_deleted_gateway(sgw: Any, operation: str) -> None:
    arn = activate(sgw)
    sgw.update_bandwidth_rate_limit(GatewayARN=arn, **{UPLOAD: 102400, DOWNLOAD: 204800})
    sgw.update_bandwidth_rate_limit_schedule(
        GatewayARN=arn, BandwidthRateLimitIntervals=[_interval("08:00", "17:59", [1], **{UPLOAD: 102400})]
    )
    sgw.delete_gateway(GatewayARN=arn)

    with pytest.raises(ClientError) as exc:
        OPERATIONS[operation](sgw, arn)

    assert sgw_error(exc) == GATEWAY_NOT_FOUND
