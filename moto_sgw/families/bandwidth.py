"""Bandwidth rate limits of a gateway, and its weekly schedule of limited intervals.

AWS: "By default, these limits are not set, which means no bandwidth rate limiting is in
effect." Rate limits (Update/Describe/DeleteBandwidthRateLimit) are for volume and tape
gateways; schedules (Update/DescribeBandwidthRateLimitSchedule) for volume, tape and S3
File Gateways ("FSx file gateways do not support bandwidth rate limits"). The two are
kept apart: neither changes what the other answers. The model states the minimums
(51,200 bits/s up, 102,400 down) and the protocol layer checks them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, List, Optional

from ..gateway_types import FILE_S3
from ..messages import invalid
from ..protocol.registry import operation

if TYPE_CHECKING:
    from .._generated.shapes import (
        BandwidthRateLimitInterval,
        DeleteBandwidthRateLimitInput,
        DeleteBandwidthRateLimitOutput,
        DescribeBandwidthRateLimitInput,
        DescribeBandwidthRateLimitOutput,
        DescribeBandwidthRateLimitScheduleInput,
        DescribeBandwidthRateLimitScheduleOutput,
        UpdateBandwidthRateLimitInput,
        UpdateBandwidthRateLimitOutput,
        UpdateBandwidthRateLimitScheduleInput,
        UpdateBandwidthRateLimitScheduleOutput,
    )
    from ..protocol.context import RequestContext

UPLOAD, DOWNLOAD, ALL = "UPLOAD", "DOWNLOAD", "ALL"
# "AverageUploadRateLimitInBitsPerSec ... is required for S3 File Gateway, and the minimum
# value is 104857600"; download limits are "not supported" there.
S3_FILE_GATEWAY_MIN_UPLOAD = 104857600


@dataclass
class Bandwidth:
    upload: Optional[int] = None
    download: Optional[int] = None
    intervals: "List[BandwidthRateLimitInterval]" = field(default_factory=list)


def _minutes(hour: int, minute: int) -> int:
    return hour * 60 + minute


def _check_intervals(gateway_type: str, intervals: "List[BandwidthRateLimitInterval]") -> None:
    """AWS's rules for a schedule: each interval ends after it starts; none overlap on a day."""
    spans = []
    for interval in intervals:
        start = _minutes(interval["StartHourOfDay"], interval["StartMinuteOfHour"])
        # An interval "ends at the end of the minute" it names.
        end = _minutes(interval["EndHourOfDay"], interval["EndMinuteOfHour"])
        if end < start:
            raise invalid("InvalidSchedule")
        if gateway_type == FILE_S3:
            upload = interval.get("AverageUploadRateLimitInBitsPerSec")
            if upload is None or upload < S3_FILE_GATEWAY_MIN_UPLOAD:
                raise invalid("InvalidParameters")
            if interval.get("AverageDownloadRateLimitInBitsPerSec") is not None:
                raise invalid("InvalidParameters")
        spans.append((set(interval["DaysOfWeek"]), start, end))
    for index, (days, start, end) in enumerate(spans):
        for other_days, other_start, other_end in spans[index + 1 :]:
            if days & other_days and start <= other_end and other_start <= end:
                raise invalid("InvalidSchedule")


@operation("UpdateBandwidthRateLimit")
def update_bandwidth_rate_limit(
    ctx: "RequestContext", req: "UpdateBandwidthRateLimitInput"
) -> "UpdateBandwidthRateLimitOutput":
    # "If you don't set a bandwidth rate limit, the existing rate limit remains."
    bandwidth = ctx.gateway.bandwidth
    upload = req.get("AverageUploadRateLimitInBitsPerSec")
    download = req.get("AverageDownloadRateLimitInBitsPerSec")
    if upload is not None:
        bandwidth.upload = upload
    if download is not None:
        bandwidth.download = download
    return {"GatewayARN": ctx.gateway.arn}


@operation("DescribeBandwidthRateLimit")
def describe_bandwidth_rate_limit(
    ctx: "RequestContext", req: "DescribeBandwidthRateLimitInput"
) -> "DescribeBandwidthRateLimitOutput":
    # "If no limits are set for the gateway, then this operation returns only the gateway ARN."
    bandwidth = ctx.gateway.bandwidth
    return {
        "GatewayARN": ctx.gateway.arn,
        "AverageUploadRateLimitInBitsPerSec": bandwidth.upload,
        "AverageDownloadRateLimitInBitsPerSec": bandwidth.download,
    }


@operation("DeleteBandwidthRateLimit")
def delete_bandwidth_rate_limit(
    ctx: "RequestContext", req: "DeleteBandwidthRateLimitInput"
) -> "DeleteBandwidthRateLimitOutput":
    # "Valid Values: UPLOAD | DOWNLOAD | ALL" (AWS's own example sends "All"). Deleting a
    # limit that is not set changes nothing and succeeds.
    kind = req["BandwidthType"].upper()
    if kind not in (UPLOAD, DOWNLOAD, ALL):
        raise invalid("InvalidParameters")
    bandwidth = ctx.gateway.bandwidth
    if kind in (UPLOAD, ALL):
        bandwidth.upload = None
    if kind in (DOWNLOAD, ALL):
        bandwidth.download = None
    return {"GatewayARN": ctx.gateway.arn}


@operation("UpdateBandwidthRateLimitSchedule")
def update_bandwidth_rate_limit_schedule(
    ctx: "RequestContext", req: "UpdateBandwidthRateLimitScheduleInput"
) -> "UpdateBandwidthRateLimitScheduleOutput":
    # The whole schedule is replaced; an empty list clears it.
    intervals = req["BandwidthRateLimitIntervals"]
    _check_intervals(ctx.gateway.gateway_type, intervals)
    ctx.gateway.bandwidth.intervals = [dict(interval) for interval in intervals]  # type: ignore[misc]
    return {"GatewayARN": ctx.gateway.arn}


@operation("DescribeBandwidthRateLimitSchedule")
def describe_bandwidth_rate_limit_schedule(
    ctx: "RequestContext", req: "DescribeBandwidthRateLimitScheduleInput"
) -> "DescribeBandwidthRateLimitScheduleOutput":
    intervals = ctx.gateway.bandwidth.intervals
    return {
        "GatewayARN": ctx.gateway.arn,
        "BandwidthRateLimitIntervals": [dict(interval) for interval in intervals],  # type: ignore[misc]
    }
