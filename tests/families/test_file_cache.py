"""A file share's cache and its reports.

Operations covered: RefreshCache, NotifyWhenUploaded, EvictFilesFailingUpload, ResetCache,
StartCacheReport, DescribeCacheReport, ListCacheReports, CancelCacheReport and
DeleteCacheReport (with the EventBridge events of RefreshCache and NotifyWhenUploaded, and
the cache report's CSV in S3).
"""
from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any, Dict, Iterator, List

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.moto_api import state_manager

from ..conftest import REGION, activate, disk_ids, sgw_error
from ..expected import (
    FILE_SHARE_NOT_FOUND,
    GATEWAY_NOT_FOUND,
    INVALID_PARAMETERS,
    UNKNOWN_CACHE_REPORT,
    UNKNOWN_GATEWAY,
    UNKNOWN_SHARE,
    UNSUPPORTED_FOR_TYPE,
    INVALID_GATEWAY_REQUEST,
)

ROLE = "arn:aws:iam::123456789012:role/sgw"
SHARE_BUCKET = "share-bucket"
REPORT_BUCKET = "report-bucket"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
REPORT_NAME = re.compile(r"^cache_report-[0-9A-F]{8}_(\d{13})\.csv$")
CSV_HEADER = "Bucket,S3ObjectKey,FilePath,RenamedTo"
FAILING_UPLOAD = [{"Name": "UploadState", "Values": ["FailingUpload"]}]


def without_metadata(response: Dict[str, Any]) -> Dict[str, Any]:
    return {key: value for key, value in response.items() if key != "ResponseMetadata"}


def nfs_share(
    client: Any, gateway_arn: str, bucket: str = SHARE_BUCKET, token: str = "token-share", **extra: Any
) -> str:
    arn: str = client.create_nfs_file_share(
        ClientToken=token,
        GatewayARN=gateway_arn,
        Role=ROLE,
        LocationARN=f"arn:aws:s3:::{bucket}",
        **extra,
    )["FileShareARN"]
    return arn


def start_report(client: Any, share_arn: str, token: str = "report-token-1", **extra: Any) -> str:
    arguments: Dict[str, Any] = {
        "FileShareARN": share_arn,
        "Role": ROLE,
        "LocationARN": f"arn:aws:s3:::{REPORT_BUCKET}",
        "BucketRegion": REGION,
        "ClientToken": token,
    }
    if "InclusionFilters" not in extra and "ExclusionFilters" not in extra:
        arguments["InclusionFilters"] = FAILING_UPLOAD
    arguments.update(extra)
    arn: str = client.start_cache_report(**arguments)["CacheReportARN"]
    return arn


def report_info(client: Any, report_arn: str) -> Dict[str, Any]:
    info: Dict[str, Any] = client.describe_cache_report(CacheReportARN=report_arn)["CacheReportInfo"]
    return info


def report_objects(s3: Any) -> List[str]:
    return [entry["Key"] for entry in s3.list_objects_v2(Bucket=REPORT_BUCKET).get("Contents", [])]


@pytest.fixture
def s3(sgw: Any) -> Any:
    client = boto3.client("s3", region_name=REGION)
    client.create_bucket(Bucket=SHARE_BUCKET)
    client.create_bucket(Bucket=REPORT_BUCKET)
    return client


@pytest.fixture
def gateway(sgw: Any) -> str:
    return activate(sgw, "FILE_S3", name="file-gw")


@pytest.fixture
def share(sgw: Any, s3: Any, gateway: str) -> str:
    return nfs_share(sgw, gateway)


@pytest.fixture
def queue(sgw: Any) -> Dict[str, Any]:
    """An SQS queue that an EventBridge rule on source aws.storagegateway feeds."""
    sqs = boto3.client("sqs", region_name=REGION)
    events = boto3.client("events", region_name=REGION)
    url = sqs.create_queue(QueueName="sgw-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name="storage-gateway", EventPattern=json.dumps({"source": ["aws.storagegateway"]}))
    events.put_targets(Rule="storage-gateway", Targets=[{"Id": "queue", "Arn": queue_arn}])
    return {"sqs": sqs, "url": url}


def received(queue: Dict[str, Any]) -> List[Dict[str, Any]]:
    messages = queue["sqs"].receive_message(QueueUrl=queue["url"], MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(message["Body"]) for message in messages]


@pytest.fixture
def slow_reports() -> Iterator[None]:
    state_manager.set_transition("storagegateway::cache-report", {"progression": "manual", "times": 2})
    try:
        yield
    finally:
        state_manager.unset_transition("storagegateway::cache-report")


# --- NotificationIds ---------------------------------------------------------------------


def test_refresh_cache_answers_the_share_and_a_fresh_uuid_notification_id(sgw: Any, share: str) -> None:
    first = without_metadata(sgw.refresh_cache(FileShareARN=share))
    second = without_metadata(sgw.refresh_cache(FileShareARN=share))
    assert set(first) == {"FileShareARN", "NotificationId"}
    assert first["FileShareARN"] == second["FileShareARN"] == share
    assert UUID.match(first["NotificationId"]) and UUID.match(second["NotificationId"])
    assert first["NotificationId"] != second["NotificationId"]


def test_notify_when_uploaded_answers_the_share_and_a_fresh_uuid_notification_id(sgw: Any, share: str) -> None:
    first = without_metadata(sgw.notify_when_uploaded(FileShareARN=share))
    second = without_metadata(sgw.notify_when_uploaded(FileShareARN=share))
    assert set(first) == {"FileShareARN", "NotificationId"}
    assert first["FileShareARN"] == second["FileShareARN"] == share
    assert UUID.match(first["NotificationId"]) and UUID.match(second["NotificationId"])
    assert first["NotificationId"] != second["NotificationId"]


def test_evict_files_failing_upload_answers_only_a_fresh_uuid_notification_id(sgw: Any, share: str) -> None:
    first = without_metadata(sgw.evict_files_failing_upload(FileShareARN=share))
    second = without_metadata(sgw.evict_files_failing_upload(FileShareARN=share, ForceRemove=True))
    assert set(first) == set(second) == {"NotificationId"}
    assert UUID.match(first["NotificationId"]) and UUID.match(second["NotificationId"])
    assert first["NotificationId"] != second["NotificationId"]


# --- events --------------------------------------------------------------------------------


def test_refresh_cache_puts_the_refresh_complete_event_with_the_root_by_default(
    sgw: Any, share: str, gateway: str, queue: Dict[str, Any]
) -> None:
    notification_id = sgw.refresh_cache(FileShareARN=share)["NotificationId"]
    [event] = received(queue)
    assert event["source"] == "aws.storagegateway"
    assert event["detail-type"] == "Storage Gateway Refresh Cache Event"
    assert event["resources"] == [share, gateway]
    detail = event["detail"]
    assert set(detail) == {"event-type", "notification-id", "started", "completed", "folderList"}
    assert detail["event-type"] == "refresh-complete"
    assert detail["notification-id"] == notification_id
    assert detail["folderList"] == ["/"]


def test_refresh_cache_event_carries_the_folder_list_given(
    sgw: Any, share: str, gateway: str, queue: Dict[str, Any]
) -> None:
    notification_id = sgw.refresh_cache(FileShareARN=share, FolderList=["/docs", "/media/photos"], Recursive=False)[
        "NotificationId"
    ]
    [event] = received(queue)
    assert event["detail-type"] == "Storage Gateway Refresh Cache Event"
    assert event["detail"]["notification-id"] == notification_id
    assert event["detail"]["folderList"] == ["/docs", "/media/photos"]


def test_notify_when_uploaded_puts_the_upload_complete_event(
    sgw: Any, share: str, gateway: str, queue: Dict[str, Any]
) -> None:
    notification_id = sgw.notify_when_uploaded(FileShareARN=share)["NotificationId"]
    [event] = received(queue)
    assert event["source"] == "aws.storagegateway"
    assert event["detail-type"] == "Storage Gateway Upload Notification Event"
    assert event["resources"] == [share, gateway]
    detail = event["detail"]
    assert set(detail) == {"event-type", "notification-id", "request-received", "completed"}
    assert detail["event-type"] == "upload-complete"
    assert detail["notification-id"] == notification_id


def test_each_refresh_puts_its_own_event(sgw: Any, share: str, queue: Dict[str, Any]) -> None:
    ids = {sgw.refresh_cache(FileShareARN=share)["NotificationId"] for _ in range(2)}
    assert {event["detail"]["notification-id"] for event in received(queue)} == ids


# --- RefreshCache's refusals -------------------------------------------------------------------


def test_refresh_cache_on_a_share_whose_bucket_is_missing_cannot_access_it(sgw: Any, gateway: str) -> None:
    share = nfs_share(sgw, gateway, bucket="missing-bucket")
    with pytest.raises(ClientError) as exc:
        sgw.refresh_cache(FileShareARN=share)
    assert sgw_error(exc) == (INVALID_GATEWAY_REQUEST, "Cannot access missing-bucket", "InvalidParameters")


def test_refresh_cache_after_the_bucket_was_deleted_cannot_access_it(sgw: Any, s3: Any, share: str) -> None:
    s3.delete_bucket(Bucket=SHARE_BUCKET)
    with pytest.raises(ClientError) as exc:
        sgw.refresh_cache(FileShareARN=share)
    assert sgw_error(exc) == (INVALID_GATEWAY_REQUEST, f"Cannot access {SHARE_BUCKET}", "InvalidParameters")


@pytest.mark.parametrize("folder", ["/docs/", "docs/"])
def test_refresh_cache_refuses_a_folder_with_a_trailing_slash(sgw: Any, share: str, folder: str) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.refresh_cache(FileShareARN=share, FolderList=[folder])
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_refresh_cache_accepts_the_root_folder(sgw: Any, share: str) -> None:
    assert sgw.refresh_cache(FileShareARN=share, FolderList=["/"])["FileShareARN"] == share


@pytest.mark.parametrize(
    "call",
    [
        lambda client, arn: client.refresh_cache(FileShareARN=arn),
        lambda client, arn: client.notify_when_uploaded(FileShareARN=arn),
        lambda client, arn: client.evict_files_failing_upload(FileShareARN=arn),
        lambda client, arn: start_report(client, arn),
    ],
    ids=["RefreshCache", "NotifyWhenUploaded", "EvictFilesFailingUpload", "StartCacheReport"],
)
def test_operations_on_an_unknown_share_are_file_share_not_found(sgw: Any, s3: Any, call: Any) -> None:
    with pytest.raises(ClientError) as exc:
        call(sgw, UNKNOWN_SHARE)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND


def test_refresh_cache_of_a_deleted_share_is_file_share_not_found(sgw: Any, share: str) -> None:
    sgw.delete_file_share(FileShareARN=share)
    with pytest.raises(ClientError) as exc:
        sgw.refresh_cache(FileShareARN=share)
    assert sgw_error(exc) == FILE_SHARE_NOT_FOUND


# --- ResetCache ----------------------------------------------------------------------------------


@pytest.mark.parametrize("gateway_type", ["FILE_S3", "CACHED"])
def test_reset_cache_leaves_no_cache_disk(sgw: Any, gateway_type: str) -> None:
    arn = activate(sgw, gateway_type)
    disks = disk_ids(sgw, arn)
    sgw.add_cache(GatewayARN=arn, DiskIds=disks[:2])
    assert sorted(sgw.describe_cache(GatewayARN=arn)["DiskIds"]) == sorted(disks[:2])
    assert without_metadata(sgw.reset_cache(GatewayARN=arn)) == {"GatewayARN": arn}
    assert sgw.describe_cache(GatewayARN=arn)["DiskIds"] == []


def test_reset_cache_makes_the_disks_available_again(sgw: Any) -> None:
    arn = activate(sgw, "FILE_S3")
    disks = disk_ids(sgw, arn)
    sgw.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    sgw.reset_cache(GatewayARN=arn)
    sgw.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    assert sgw.describe_cache(GatewayARN=arn)["DiskIds"] == [disks[0]]


def test_reset_cache_on_a_stored_gateway_is_unsupported(sgw: Any) -> None:
    arn = activate(sgw, "STORED")
    with pytest.raises(ClientError) as exc:
        sgw.reset_cache(GatewayARN=arn)
    assert sgw_error(exc) == UNSUPPORTED_FOR_TYPE


def test_reset_cache_on_an_unknown_gateway_is_gateway_not_found(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.reset_cache(GatewayARN=UNKNOWN_GATEWAY)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# --- cache reports: start and describe -----------------------------------------------------------


def test_cache_report_arn_is_under_the_share_arn(sgw: Any, share: str) -> None:
    arn = start_report(sgw, share)
    assert re.match("^" + re.escape(share) + r"/cache-report/report-[0-9A-F]{8}$", arn)


def test_completed_cache_report_is_described_with_every_member(sgw: Any, share: str) -> None:
    arn = start_report(sgw, share, Tags=[{"Key": "team", "Value": "storage"}])
    info = report_info(sgw, arn)
    started, ended, name = info.pop("StartTime"), info.pop("EndTime"), info.pop("ReportName")
    assert info == {
        "CacheReportARN": arn,
        "CacheReportStatus": "COMPLETED",
        "ReportCompletionPercent": 100,
        "Role": ROLE,
        "FileShareARN": share,
        "LocationARN": f"arn:aws:s3:::{REPORT_BUCKET}",
        "InclusionFilters": FAILING_UPLOAD,
        "Tags": [{"Key": "team", "Value": "storage"}],
    }
    assert isinstance(started, datetime) and isinstance(ended, datetime)
    assert started <= ended
    found = REPORT_NAME.match(name)
    assert found is not None, name
    # The number is the report's StartTime in epoch milliseconds.
    assert abs(int(found.group(1)) - int(started.timestamp() * 1000)) <= 1


def test_cache_report_with_exclusion_filters_only_is_described_with_them(sgw: Any, share: str) -> None:
    excluded = [{"Name": "UploadFailureReason", "Values": ["ObjectMissing", "S3AccessDenied"]}]
    arn = start_report(sgw, share, ExclusionFilters=excluded)
    info = report_info(sgw, arn)
    assert info["CacheReportStatus"] == "COMPLETED"
    assert info["ExclusionFilters"] == excluded
    assert "InclusionFilters" not in info
    assert info["Tags"] == []


def test_completed_cache_report_writes_its_csv_under_its_report_name(sgw: Any, s3: Any, share: str) -> None:
    name = report_info(sgw, start_report(sgw, share))["ReportName"]
    assert report_objects(s3) == [name]
    body = s3.get_object(Bucket=REPORT_BUCKET, Key=name)["Body"].read().decode("utf-8")
    assert body.splitlines()[0] == CSV_HEADER


def test_start_cache_report_without_filters_is_invalid(sgw: Any, share: str) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.start_cache_report(
            FileShareARN=share,
            Role=ROLE,
            LocationARN=f"arn:aws:s3:::{REPORT_BUCKET}",
            BucketRegion=REGION,
            ClientToken="report-token-1",
        )
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert sgw.list_cache_reports()["CacheReportList"] == []


@pytest.mark.parametrize(
    "filters",
    [
        {"InclusionFilters": [{"Name": "UploadState", "Values": ["Uploaded"]}]},
        {"InclusionFilters": [{"Name": "UploadFailureReason", "Values": ["FailingUpload"]}]},
        {"ExclusionFilters": [{"Name": "UploadFailureReason", "Values": ["ObjectMissing", "Gremlins"]}]},
    ],
    ids=["unknown-state", "state-as-reason", "one-unknown-reason"],
)
def test_start_cache_report_with_an_unknown_filter_value_is_invalid(
    sgw: Any, share: str, filters: Dict[str, Any]
) -> None:
    with pytest.raises(ClientError) as exc:
        start_report(sgw, share, **filters)
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_start_cache_report_into_a_missing_bucket_is_invalid(sgw: Any, share: str) -> None:
    with pytest.raises(ClientError) as exc:
        start_report(sgw, share, LocationARN="arn:aws:s3:::no-such-bucket")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert sgw.list_cache_reports()["CacheReportList"] == []


def test_the_eleventh_cache_report_of_a_share_is_invalid(sgw: Any, share: str) -> None:
    for number in range(10):
        start_report(sgw, share, token=f"report-token-{number}")
    with pytest.raises(ClientError) as exc:
        start_report(sgw, share, token="report-token-10")
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert len(sgw.list_cache_reports()["CacheReportList"]) == 10


def test_a_deleted_report_makes_room_for_another(sgw: Any, share: str) -> None:
    arns = [start_report(sgw, share, token=f"report-token-{number}") for number in range(10)]
    sgw.delete_cache_report(CacheReportARN=arns[0])
    replacement = start_report(sgw, share, token="report-token-10")
    assert replacement not in arns


def test_client_token_replay_returns_the_same_report(sgw: Any, share: str) -> None:
    first = start_report(sgw, share, token="report-token-same")
    second = start_report(sgw, share, token="report-token-same")
    assert first == second
    assert [info["CacheReportARN"] for info in sgw.list_cache_reports()["CacheReportList"]] == [first]


def test_describe_an_unknown_cache_report_is_invalid(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.describe_cache_report(CacheReportARN=UNKNOWN_CACHE_REPORT)
    assert sgw_error(exc) == INVALID_PARAMETERS


# --- cache reports: lifecycle, cancel, delete -------------------------------------------------------


def test_a_report_in_progress_has_no_percent_done_nor_report_name(
    sgw: Any, share: str, slow_reports: None
) -> None:
    arn = start_report(sgw, share, Tags=[{"Key": "team", "Value": "storage"}])
    info = report_info(sgw, arn)
    assert isinstance(info.pop("StartTime"), datetime)
    assert info == {
        "CacheReportARN": arn,
        "CacheReportStatus": "IN_PROGRESS",
        "ReportCompletionPercent": 0,
        "Role": ROLE,
        "FileShareARN": share,
        "LocationARN": f"arn:aws:s3:::{REPORT_BUCKET}",
        "InclusionFilters": FAILING_UPLOAD,
        "Tags": [{"Key": "team", "Value": "storage"}],
    }


def test_a_report_completes_after_the_configured_reporting_calls(
    sgw: Any, s3: Any, share: str, slow_reports: None
) -> None:
    arn = start_report(sgw, share)
    assert report_info(sgw, arn)["CacheReportStatus"] == "IN_PROGRESS"
    assert report_objects(s3) == []
    info = report_info(sgw, arn)
    assert info["CacheReportStatus"] == "COMPLETED"
    assert report_objects(s3) == [info["ReportName"]]


def test_a_second_report_while_one_is_in_progress_is_invalid(sgw: Any, share: str, slow_reports: None) -> None:
    start_report(sgw, share, token="report-token-1")
    with pytest.raises(ClientError) as exc:
        start_report(sgw, share, token="report-token-2")
    assert sgw_error(exc) == INVALID_PARAMETERS


def test_cancel_makes_a_report_in_progress_canceled_and_writes_no_csv(
    sgw: Any, s3: Any, share: str, slow_reports: None
) -> None:
    arn = start_report(sgw, share)
    assert report_info(sgw, arn)["CacheReportStatus"] == "IN_PROGRESS"
    assert without_metadata(sgw.cancel_cache_report(CacheReportARN=arn)) == {"CacheReportARN": arn}
    for _ in range(3):  # however often it is described, it stays CANCELED
        info = report_info(sgw, arn)
        assert info["CacheReportStatus"] == "CANCELED"
        assert "ReportName" not in info
    assert report_objects(s3) == []


def test_delete_of_a_report_in_progress_is_invalid(sgw: Any, share: str, slow_reports: None) -> None:
    arn = start_report(sgw, share)
    with pytest.raises(ClientError) as exc:
        sgw.delete_cache_report(CacheReportARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert report_info(sgw, arn)["CacheReportARN"] == arn


def test_a_canceled_report_can_be_deleted(sgw: Any, share: str, slow_reports: None) -> None:
    arn = start_report(sgw, share)
    sgw.cancel_cache_report(CacheReportARN=arn)
    assert without_metadata(sgw.delete_cache_report(CacheReportARN=arn)) == {"CacheReportARN": arn}
    assert sgw.list_cache_reports()["CacheReportList"] == []


def test_cancel_of_a_completed_report_is_invalid(sgw: Any, share: str) -> None:
    arn = start_report(sgw, share)
    with pytest.raises(ClientError) as exc:
        sgw.cancel_cache_report(CacheReportARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
    assert report_info(sgw, arn)["CacheReportStatus"] == "COMPLETED"


def test_delete_removes_the_report_but_leaves_its_csv_in_s3(sgw: Any, s3: Any, share: str) -> None:
    arn = start_report(sgw, share)
    name = report_info(sgw, arn)["ReportName"]
    assert without_metadata(sgw.delete_cache_report(CacheReportARN=arn)) == {"CacheReportARN": arn}
    assert sgw.list_cache_reports()["CacheReportList"] == []
    assert report_objects(s3) == [name]


@pytest.mark.parametrize(
    "call",
    [
        lambda client, arn: client.describe_cache_report(CacheReportARN=arn),
        lambda client, arn: client.cancel_cache_report(CacheReportARN=arn),
        lambda client, arn: client.delete_cache_report(CacheReportARN=arn),
    ],
    ids=["DescribeCacheReport", "CancelCacheReport", "DeleteCacheReport"],
)
def test_a_deleted_report_is_invalid_parameters(sgw: Any, share: str, call: Any) -> None:
    arn = start_report(sgw, share)
    sgw.delete_cache_report(CacheReportARN=arn)
    with pytest.raises(ClientError) as exc:
        call(sgw, arn)
    assert sgw_error(exc) == INVALID_PARAMETERS


# --- ListCacheReports ------------------------------------------------------------------------------


def test_list_cache_reports_lists_the_reports_of_every_share_in_the_account_and_region(
    sgw: Any, s3: Any, share: str
) -> None:
    s3.create_bucket(Bucket="other-bucket")
    other_share = nfs_share(sgw, activate(sgw, "FILE_S3", name="other-gw"), bucket="other-bucket", token="token-other")
    mine = [start_report(sgw, share, token="report-token-1"), start_report(sgw, other_share, token="report-token-2")]
    # A share in another region, with its report: not listed here.
    west = boto3.client("storagegateway", region_name="us-west-2")
    west_share = nfs_share(west, activate(west, "FILE_S3", name="west-gw"), token="token-west")
    west_s3 = boto3.client("s3", region_name="us-west-2")
    west_s3.create_bucket(Bucket="west-reports", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
    west.start_cache_report(
        FileShareARN=west_share,
        Role=ROLE,
        LocationARN="arn:aws:s3:::west-reports",
        BucketRegion="us-west-2",
        ClientToken="report-token-west",
        InclusionFilters=FAILING_UPLOAD,
    )
    listed = without_metadata(sgw.list_cache_reports())
    assert set(listed) == {"CacheReportList"}
    assert sorted(info["CacheReportARN"] for info in listed["CacheReportList"]) == sorted(mine)
    for info in listed["CacheReportList"]:
        assert info == report_info(sgw, info["CacheReportARN"])


def test_deleting_a_share_takes_its_reports(sgw: Any, s3: Any, share: str) -> None:
    arn = start_report(sgw, share)
    sgw.delete_file_share(FileShareARN=share)
    assert sgw.list_cache_reports()["CacheReportList"] == []
    with pytest.raises(ClientError) as exc:
        sgw.describe_cache_report(CacheReportARN=arn)
    assert sgw_error(exc) == INVALID_PARAMETERS
