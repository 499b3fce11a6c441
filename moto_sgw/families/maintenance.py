"""A gateway's maintenance window and software-update policy.

AWS: "When you deploy and activate your gateway, a default weekly maintenance schedule is
set." The window is weekly (a day of the week) or monthly (a day of the month, 1-28);
"only the current cadence's day is returned". An update passes "a complete maintenance
schedule, or update policy, or both"; "If an incomplete or invalid maintenance schedule
is passed, the entire request will be rejected with an error and no changes will occur."
Times are in the gateway's time zone, which DescribeMaintenanceStartTime reports.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

from ..messages import invalid
from ..protocol.registry import operation

if TYPE_CHECKING:
    from .._generated.shapes import (
        AutomaticUpdatePolicy,
        DescribeMaintenanceStartTimeInput,
        DescribeMaintenanceStartTimeOutput,
        UpdateMaintenanceStartTimeInput,
        UpdateMaintenanceStartTimeOutput,
    )
    from ..protocol.context import RequestContext

# The default window of a new gateway (AWS's default is not documented): Sundays at 00:00.
DEFAULT_DAY_OF_WEEK, DEFAULT_HOUR, DEFAULT_MINUTE = 0, 0, 0
DEFAULT_POLICY: "AutomaticUpdatePolicy" = "ALL_VERSIONS"


@dataclass
class Maintenance:
    hour: int = DEFAULT_HOUR
    minute: int = DEFAULT_MINUTE
    day_of_week: Optional[int] = DEFAULT_DAY_OF_WEEK
    day_of_month: Optional[int] = None
    policy: "AutomaticUpdatePolicy" = DEFAULT_POLICY


@operation("UpdateMaintenanceStartTime")
def update_maintenance_start_time(
    ctx: "RequestContext", req: "UpdateMaintenanceStartTimeInput"
) -> "UpdateMaintenanceStartTimeOutput":
    maintenance = ctx.gateway.maintenance
    hour, minute = req.get("HourOfDay"), req.get("MinuteOfHour")
    week, month = req.get("DayOfWeek"), req.get("DayOfMonth")
    preferences = req.get("SoftwareUpdatePreferences")
    policy = preferences.get("AutomaticUpdatePolicy") if preferences else None
    if any(value is not None for value in (hour, minute, week, month)):
        # Complete: hour and minute, and exactly one of the two days.
        if hour is None or minute is None or (week is None) == (month is None):
            raise invalid("InvalidParameters")
        maintenance.hour, maintenance.minute = hour, minute
        maintenance.day_of_week, maintenance.day_of_month = week, month
    elif policy is None:
        raise invalid("InvalidParameters")  # neither a schedule nor a policy: nothing to set
    if policy is not None:
        maintenance.policy = policy
    return {"GatewayARN": ctx.gateway.arn}


@operation("DescribeMaintenanceStartTime")
def describe_maintenance_start_time(
    ctx: "RequestContext", req: "DescribeMaintenanceStartTimeInput"
) -> "DescribeMaintenanceStartTimeOutput":
    gateway = ctx.gateway
    maintenance = gateway.maintenance
    return {
        "GatewayARN": gateway.arn,
        "HourOfDay": maintenance.hour,
        "MinuteOfHour": maintenance.minute,
        "DayOfWeek": maintenance.day_of_week,
        "DayOfMonth": maintenance.day_of_month,
        "Timezone": gateway.timezone,
        "SoftwareUpdatePreferences": {"AutomaticUpdatePolicy": maintenance.policy},
    }
