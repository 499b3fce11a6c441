"""The S3 File Gateway end to end, as a user's test would drive it.

One story, told twice: in-process (fixture ``sgw``) and through a ``moto-sgw-server``
(fixture ``storagegateway_server``). A bucket, an EventBridge rule on
``aws.storagegateway`` feeding an SQS queue, a FILE_S3 gateway (ActivateGateway), an NFS
share on the bucket (CreateNFSFileShare), a file written by a client of the share (the
appliance), the object read back from S3, NotifyWhenUploaded and its upload notification
from SQS, and a cache report (StartCacheReport, DescribeCacheReport) whose CSV is read
back from a second bucket.
"""
from __future__ import annotations

import base64
import json
import re
from typing import Any, Callable, Dict, List

import boto3
import requests

from moto_sgw import appliance

from .conftest import REGION, activate, server_client

ROLE = "arn:aws:iam::123456789012:role/sgw"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def story(clients: Callable[[str], Any], write_file: Callable[[str, str, bytes], Dict[str, Any]]) -> None:
    """The story, with ``clients(name)`` giving boto3 clients and ``write_file`` the appliance."""
    sgw, s3, events, sqs = (clients(name) for name in ("storagegateway", "s3", "events", "sqs"))
    s3.create_bucket(Bucket="team-files")
    s3.create_bucket(Bucket="cache-reports")
    queue_url = sqs.create_queue(QueueName="gateway-events")["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name="storage-gateway", EventPattern=json.dumps({"source": ["aws.storagegateway"]}))
    events.put_targets(Rule="storage-gateway", Targets=[{"Id": "queue", "Arn": queue_arn}])

    gateway = activate(sgw, "FILE_S3", name="office-gw")
    share = sgw.create_nfs_file_share(
        ClientToken="share-token", GatewayARN=gateway, Role=ROLE, LocationARN="arn:aws:s3:::team-files"
    )["FileShareARN"]
    [info] = sgw.list_file_shares(GatewayARN=gateway)["FileShareInfoList"]
    assert (info["FileShareARN"], info["FileShareStatus"]) == (share, "AVAILABLE")

    # A client of the share writes a file: it is an object in the bucket.
    written = write_file(share, "minutes/2024-05-01.txt", b"Agreed: ship it.")
    assert written == {"FileShareARN": share, "Bucket": "team-files", "Key": "minutes/2024-05-01.txt", "Size": 16}
    obj = s3.get_object(Bucket="team-files", Key="minutes/2024-05-01.txt")
    assert obj["Body"].read() == b"Agreed: ship it."

    # NotifyWhenUploaded: the upload notification arrives with the same id.
    notification_id = sgw.notify_when_uploaded(FileShareARN=share)["NotificationId"]
    assert UUID.match(notification_id)
    messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
    bodies: List[Dict[str, Any]] = [json.loads(message["Body"]) for message in messages]
    [event] = [body for body in bodies if body["detail-type"] == "Storage Gateway Upload Notification Event"]
    assert event["source"] == "aws.storagegateway"
    assert event["resources"] == [share, gateway]
    assert event["detail"]["event-type"] == "upload-complete"
    assert event["detail"]["notification-id"] == notification_id

    # A cache report into the second bucket, and its CSV read back.
    report = sgw.start_cache_report(
        FileShareARN=share,
        Role=ROLE,
        LocationARN="arn:aws:s3:::cache-reports",
        BucketRegion=REGION,
        ClientToken="report-token",
        InclusionFilters=[{"Name": "UploadState", "Values": ["FailingUpload"]}],
    )["CacheReportARN"]
    assert report.startswith(share + "/cache-report/report-")
    described = sgw.describe_cache_report(CacheReportARN=report)["CacheReportInfo"]
    assert (described["CacheReportStatus"], described["ReportCompletionPercent"]) == ("COMPLETED", 100)
    csv = s3.get_object(Bucket="cache-reports", Key=described["ReportName"])["Body"].read().decode("utf-8")
    assert csv.splitlines()[0] == "Bucket,S3ObjectKey,FilePath,RenamedTo"


def test_the_file_gateway_story_in_process(sgw: Any) -> None:
    def clients(name: str) -> Any:
        return sgw if name == "storagegateway" else boto3.client(name, region_name=REGION)

    story(clients, appliance.write_file)


def test_the_file_gateway_story_through_the_server(storagegateway_server: str) -> None:
    url = storagegateway_server

    def write_file(share: str, path: str, data: bytes) -> Dict[str, Any]:
        response = requests.post(
            f"{url}/moto-sgw/appliance/write_file",
            json={"file_share_arn": share, "path": path, "data": base64.b64encode(data).decode("ascii")},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        answer: Dict[str, Any] = response.json()
        return answer

    story(lambda name: server_client(url, name), write_file)
