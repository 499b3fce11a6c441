"""Cache reports: CSV lists of a share's cached files, written into an S3 bucket.

AWS: StartCacheReport needs at least one inclusion or exclusion filter, no other report
``IN_PROGRESS`` for the share, and fewer than 10 reports for it; the report's ARN is under
the share's (``<share ARN>/cache-report/report-ABCD1234``). A report is ``IN_PROGRESS``,
then ``COMPLETED`` (lifecycle ``storagegateway::cache-report``); CancelCacheReport makes an
``IN_PROGRESS`` report ``CANCELED`` and refuses any other; DeleteCacheReport refuses an
``IN_PROGRESS`` one and "does not delete the report object from S3". When a report
completes, its CSV is written to the LocationARN bucket under its ReportName
(``cache_report-<report id>_<start in epoch ms>.csv``). A mock share has no file that fails
to upload, so the report holds its header only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ... import arns, ids, lifecycle, rules
from ...bridges import s3
from ...lifecycle import Lifecycle
from ...messages import invalid
from ...pagination import paginate
from ...protocol.registry import operation
from ...store import SortedStore

if TYPE_CHECKING:
    from ..._generated.shapes import (
        CacheReportFilter,
        CacheReportInfo,
        CancelCacheReportInput,
        CancelCacheReportOutput,
        DeleteCacheReportInput,
        DeleteCacheReportOutput,
        DescribeCacheReportInput,
        DescribeCacheReportOutput,
        ListCacheReportsInput,
        ListCacheReportsOutput,
        StartCacheReportInput,
        StartCacheReportOutput,
    )
    from ..._generated.shapes import Tag
    from ...models import StorageGatewayBackend
    from ...protocol.context import RequestContext
    from ..gateways import Gateway
    from .shares import FileShare

IN_PROGRESS, COMPLETED, CANCELED = "IN_PROGRESS", "COMPLETED", "CANCELED"
MAX_REPORTS_PER_SHARE = 10
# The report's columns (the cache report guide names these four).
CSV_HEADER = "Bucket,S3ObjectKey,FilePath,RenamedTo\n"
# CacheReportFilter names and the values each takes.
FILTER_VALUES = {
    "UploadState": frozenset({"FailingUpload"}),
    "UploadFailureReason": frozenset(
        {"InaccessibleStorageClass", "InvalidObjectState", "ObjectMissing", "S3AccessDenied"}
    ),
}


@dataclass(eq=False)
class CacheReport:
    arn: str
    report_id: str
    share: "FileShare"
    role: str
    location_arn: str
    bucket: str
    bucket_region: str
    inclusion: "List[CacheReportFilter]"
    exclusion: "List[CacheReportFilter]"
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    ended: Optional[datetime] = None
    canceled: bool = False
    written: bool = False  # its CSV is in the bucket (or on its way there)
    progress: Lifecycle = field(default_factory=lambda: Lifecycle(lifecycle.CACHE_REPORT, IN_PROGRESS, COMPLETED))

    @property
    def name(self) -> str:
        return f"cache_report-{self.report_id[len('report-'):]}_{int(self.started.timestamp() * 1000)}.csv"

    @property
    def status(self) -> str:
        return CANCELED if self.canceled else self.progress.state

    def as_shape(self, tags: "List[Tag]") -> "CacheReportInfo":
        status = self.status
        shape: Dict[str, Any] = {
            "CacheReportARN": self.arn,
            "CacheReportStatus": status,
            "ReportCompletionPercent": 100 if status == COMPLETED else 0,
            "Role": self.role,
            "FileShareARN": self.share.arn,
            "LocationARN": self.location_arn,
            "StartTime": self.started,
            "EndTime": self.ended,
            "InclusionFilters": self.inclusion or None,
            "ExclusionFilters": self.exclusion or None,
            "ReportName": self.name if status == COMPLETED else None,
            "Tags": tags,
        }
        return {key: value for key, value in shape.items() if value is not None}  # type: ignore[return-value]


class CacheReports:
    """The cache reports of one account and region, by ARN (so by share)."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        self._backend = backend
        self.store: SortedStore[CacheReport] = SortedStore()

    def lookup(self, arn: str) -> CacheReport:
        report = self.store.get(arn)
        if report is None:
            # No not-found code is documented for cache reports.
            raise invalid("InvalidParameters")
        return report

    def of_share(self, share: "FileShare") -> List[CacheReport]:
        return [report for _, report in self.store.iter_from(prefix=share.arn + "/cache-report/")]

    def create(self, share: "FileShare", **fields: Any) -> CacheReport:
        while True:
            report_id = ids.upper_hex("report-", 8)
            arn = arns.cache_report(share.arn, report_id)
            if arn not in self.store:
                break
        report = CacheReport(arn=arn, report_id=report_id, share=share, **fields)
        self.store.put(arn, report)
        return report

    def remove(self, report: CacheReport) -> None:
        self.store.pop(report.arn)
        self._backend.tags.drop(report.arn)

    def drop_share(self, share: "FileShare") -> None:
        for report in self.of_share(share):
            self.remove(report)


def settle(ctx: "RequestContext", report: CacheReport, reporting: bool = True) -> None:
    """Write the report's CSV once it has completed; a call that reports its status
    (Describe, List) moves it on first."""
    if reporting:
        report.progress.advance()
    if report.written or report.canceled or report.progress.state != COMPLETED:
        return
    report.written = True
    report.ended = datetime.now(timezone.utc)
    account, region, bucket, key = ctx.account_id, ctx.region, report.bucket, report.name

    def write() -> None:
        s3.put_object(account, region, bucket, key, CSV_HEADER.encode("utf-8"))

    ctx.after(write)


def _report_gateway(backend: "StorageGatewayBackend", arn: str) -> "Gateway":
    parsed = arns.parse_regional(arn)
    if parsed is None or parsed.kind != arns.CACHE_REPORT:
        raise invalid("InvalidParameters")
    return backend.file.reports.lookup(arn).share.gateway


def _report(backend: "StorageGatewayBackend", arn: str, gateway: "Optional[Gateway]") -> CacheReport:
    return backend.file.reports.lookup(arn)


REPORT = rules.CACHE_REPORT
rules.resolver(REPORT, rules.Resolver(_report_gateway, _report))


def _check_filters(filters: "List[CacheReportFilter]") -> None:
    for entry in filters:
        accepted = FILTER_VALUES.get(entry["Name"])
        if accepted is None or any(value not in accepted for value in entry["Values"]):
            raise invalid("InvalidParameters")


@operation("StartCacheReport")
def start_cache_report(ctx: "RequestContext", req: "StartCacheReportInput") -> "StartCacheReportOutput":
    sgw, share = ctx.backend, ctx.resource

    def start() -> "StartCacheReportOutput":
        inclusion = req.get("InclusionFilters") or []
        exclusion = req.get("ExclusionFilters") or []
        if not inclusion and not exclusion:
            raise invalid("InvalidParameters")  # "at least one" filter
        _check_filters(inclusion + exclusion)
        # LocationARN: "the ARN of the Amazon S3 bucket" (no access points), which must exist.
        bucket = s3.parse_bucket_arn(req["LocationARN"])
        if bucket is None or not s3.bucket_exists(ctx.account_id, ctx.region, bucket):
            raise invalid("InvalidParameters")
        held = sgw.file.reports.of_share(share)
        if any(report.status == IN_PROGRESS for report in held) or len(held) >= MAX_REPORTS_PER_SHARE:
            raise invalid("InvalidParameters")
        tags = req.get("Tags") or []
        sgw.tags.check(None, tags)
        report = sgw.file.reports.create(
            share,
            role=req["Role"],
            location_arn=req["LocationARN"],
            bucket=bucket,
            bucket_region=req["BucketRegion"],
            inclusion=inclusion,
            exclusion=exclusion,
        )
        sgw.tags.add(report.arn, tags)
        settle(ctx, report, reporting=False)  # complete at once under an immediate transition
        return {"CacheReportARN": report.arn}

    return sgw.idempotency.run("StartCacheReport", share.arn, req, start)


@operation("DescribeCacheReport")
def describe_cache_report(ctx: "RequestContext", req: "DescribeCacheReportInput") -> "DescribeCacheReportOutput":
    report: CacheReport = ctx.resource
    settle(ctx, report)
    return {"CacheReportInfo": report.as_shape(ctx.backend.tags.sorted(report.arn))}


def _listing(ctx: "RequestContext") -> Any:
    def listed(report: CacheReport) -> "CacheReportInfo":
        settle(ctx, report)
        return report.as_shape(ctx.backend.tags.sorted(report.arn))

    return listed


@operation("ListCacheReports")
def list_cache_reports(ctx: "RequestContext", req: "ListCacheReportsInput") -> "ListCacheReportsOutput":
    # "all file shares associated with your account" (in this Region); Marker paging only.
    return paginate("ListCacheReports", req, ctx.backend.file.reports.store, _listing(ctx))  # type: ignore[return-value]


@operation("CancelCacheReport")
def cancel_cache_report(ctx: "RequestContext", req: "CancelCacheReportInput") -> "CancelCacheReportOutput":
    report: CacheReport = ctx.resource
    settle(ctx, report, reporting=False)
    if report.status != IN_PROGRESS:
        raise invalid("InvalidParameters")  # "FAILED, ERROR, or COMPLETED ... returns an error"
    report.canceled = True
    report.ended = datetime.now(timezone.utc)
    return {"CacheReportARN": report.arn}


@operation("DeleteCacheReport")
def delete_cache_report(ctx: "RequestContext", req: "DeleteCacheReportInput") -> "DeleteCacheReportOutput":
    report: CacheReport = ctx.resource
    settle(ctx, report, reporting=False)
    if report.status == IN_PROGRESS:
        raise invalid("InvalidParameters")  # "an IN_PROGRESS report ... returns an error"
    ctx.backend.file.reports.remove(report)
    return {"CacheReportARN": report.arn}
