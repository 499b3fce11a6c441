"""The appliance side of file shares: what a share's NFS or SMB clients write and see.

Covers ``appliance.write_file`` and ``appliance.list_files`` (in-process and through the
server's ``/moto-sgw/appliance/...`` endpoints), with the S3 objects they make, the
storage class, the ``Storage Gateway Object Upload Event``, and how RefreshCache decides
what the share's clients see of objects put into S3 directly.
"""
from __future__ import annotations

import base64
import json
from typing import Any, Dict, List

import boto3
import pytest
import requests

from moto_sgw import ConfigurationError, appliance

from .conftest import REGION, activate, server_client
from .expected import UNKNOWN_GATEWAY, UNKNOWN_SHARE

ROLE = "arn:aws:iam::123456789012:role/sgw"
BUCKET = "share-bucket"


def nfs_share(client: Any, gateway_arn: str, location: str = f"arn:aws:s3:::{BUCKET}", **extra: Any) -> str:
    arn: str = client.create_nfs_file_share(
        ClientToken=extra.pop("ClientToken", "token-share"),
        GatewayARN=gateway_arn,
        Role=ROLE,
        LocationARN=location,
        **extra,
    )["FileShareARN"]
    return arn


@pytest.fixture
def s3(sgw: Any) -> Any:
    client = boto3.client("s3", region_name=REGION)
    client.create_bucket(Bucket=BUCKET)
    return client


@pytest.fixture
def gateway(sgw: Any) -> str:
    return activate(sgw, "FILE_S3", name="file-gw")


@pytest.fixture
def share(sgw: Any, s3: Any, gateway: str) -> str:
    return nfs_share(sgw, gateway)


def body_of(s3: Any, key: str) -> bytes:
    data: bytes = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    return data


def keys_in(s3: Any) -> List[str]:
    return sorted(entry["Key"] for entry in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


# --- write_file --------------------------------------------------------------------------------


def test_write_file_uploads_an_object_at_the_path(sgw: Any, s3: Any, share: str) -> None:
    answer = appliance.write_file(share, "reports/q1.csv", b"a,b\n1,2\n")
    assert answer == {"FileShareARN": share, "Bucket": BUCKET, "Key": "reports/q1.csv", "Size": 8}
    assert body_of(s3, "reports/q1.csv") == b"a,b\n1,2\n"
    assert sgw.list_file_shares()["FileShareInfoList"][0]["FileShareStatus"] == "AVAILABLE"


def test_write_file_uploads_under_the_shares_prefix(sgw: Any, s3: Any, gateway: str) -> None:
    share = nfs_share(sgw, gateway, location=f"arn:aws:s3:::{BUCKET}/team/data/", FileShareName="team-data")
    answer = appliance.write_file(share, "notes.txt", b"hello")
    assert answer == {"FileShareARN": share, "Bucket": BUCKET, "Key": "team/data/notes.txt", "Size": 5}
    assert keys_in(s3) == ["team/data/notes.txt"]
    assert body_of(s3, "team/data/notes.txt") == b"hello"
    assert appliance.list_files(share) == ["notes.txt"]


def test_write_file_drops_a_leading_slash(sgw: Any, s3: Any, share: str) -> None:
    assert appliance.write_file(share, "/docs/a.txt", b"x")["Key"] == "docs/a.txt"
    assert appliance.list_files(share) == ["docs/a.txt"]


def test_write_file_replaces_a_file(sgw: Any, s3: Any, share: str) -> None:
    appliance.write_file(share, "a.txt", b"first")
    appliance.write_file(share, "a.txt", b"second")
    assert body_of(s3, "a.txt") == b"second"
    assert appliance.list_files(share) == ["a.txt"]


def test_write_file_uses_the_shares_storage_class(sgw: Any, s3: Any, gateway: str) -> None:
    share = nfs_share(sgw, gateway, DefaultStorageClass="S3_STANDARD_IA")
    appliance.write_file(share, "cold.bin", b"\x00" * 16)
    assert s3.head_object(Bucket=BUCKET, Key="cold.bin")["StorageClass"] == "STANDARD_IA"


def test_write_file_on_a_standard_share_stores_standard_objects(sgw: Any, s3: Any, share: str) -> None:
    appliance.write_file(share, "warm.bin", b"\x01")
    assert s3.head_object(Bucket=BUCKET, Key="warm.bin").get("StorageClass", "STANDARD") == "STANDARD"


def test_write_file_follows_an_updated_storage_class(sgw: Any, s3: Any, share: str) -> None:
    sgw.update_nfs_file_share(FileShareARN=share, DefaultStorageClass="S3_ONEZONE_IA")
    appliance.write_file(share, "later.bin", b"\x02")
    assert s3.head_object(Bucket=BUCKET, Key="later.bin")["StorageClass"] == "ONEZONE_IA"


# --- list_files and RefreshCache ---------------------------------------------------------------


def test_list_files_is_empty_for_a_new_share(sgw: Any, share: str) -> None:
    assert sgw.list_file_shares()["FileShareInfoList"][0]["FileShareARN"] == share
    assert appliance.list_files(share) == []


def test_list_files_gives_the_sorted_paths_written(sgw: Any, s3: Any, share: str) -> None:
    for path in ["zeta.txt", "docs/b.txt", "alpha.txt", "docs/a.txt"]:
        appliance.write_file(share, path, b"x")
    assert appliance.list_files(share) == ["alpha.txt", "docs/a.txt", "docs/b.txt", "zeta.txt"]


def test_an_object_put_into_s3_is_seen_only_after_refresh_cache(sgw: Any, s3: Any, share: str) -> None:
    appliance.write_file(share, "written.txt", b"w")
    s3.put_object(Bucket=BUCKET, Key="direct.txt", Body=b"d")
    assert appliance.list_files(share) == ["written.txt"]
    sgw.refresh_cache(FileShareARN=share)
    assert appliance.list_files(share) == ["direct.txt", "written.txt"]


def test_refresh_cache_of_one_folder_not_recursive_sees_only_its_direct_files(
    sgw: Any, s3: Any, share: str
) -> None:
    for key in ["top.txt", "docs/a.txt", "docs/b.txt", "docs/deep/c.txt", "other/d.txt"]:
        s3.put_object(Bucket=BUCKET, Key=key, Body=b"x")
    sgw.refresh_cache(FileShareARN=share, FolderList=["/docs"], Recursive=False)
    assert appliance.list_files(share) == ["docs/a.txt", "docs/b.txt"]


def test_refresh_cache_of_one_folder_recursive_sees_its_subfolders(sgw: Any, s3: Any, share: str) -> None:
    for key in ["top.txt", "docs/a.txt", "docs/deep/c.txt", "other/d.txt"]:
        s3.put_object(Bucket=BUCKET, Key=key, Body=b"x")
    sgw.refresh_cache(FileShareARN=share, FolderList=["/docs"])
    assert appliance.list_files(share) == ["docs/a.txt", "docs/deep/c.txt"]


def test_refresh_cache_sees_only_the_shares_prefix(sgw: Any, s3: Any, gateway: str) -> None:
    share = nfs_share(sgw, gateway, location=f"arn:aws:s3:::{BUCKET}/mine/", FileShareName="mine")
    s3.put_object(Bucket=BUCKET, Key="mine/a.txt", Body=b"x")
    s3.put_object(Bucket=BUCKET, Key="theirs/b.txt", Body=b"x")
    sgw.refresh_cache(FileShareARN=share)
    assert appliance.list_files(share) == ["a.txt"]


def test_objects_deleted_from_s3_disappear_after_refresh_cache(sgw: Any, s3: Any, share: str) -> None:
    appliance.write_file(share, "written.txt", b"w")
    s3.put_object(Bucket=BUCKET, Key="direct.txt", Body=b"d")
    sgw.refresh_cache(FileShareARN=share)
    s3.delete_object(Bucket=BUCKET, Key="written.txt")
    s3.delete_object(Bucket=BUCKET, Key="direct.txt")
    assert appliance.list_files(share) == ["direct.txt", "written.txt"]
    sgw.refresh_cache(FileShareARN=share)
    assert appliance.list_files(share) == []


# --- the object upload event -------------------------------------------------------------------


@pytest.fixture
def queue(sgw: Any) -> Dict[str, Any]:
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


def test_a_share_with_upload_notifications_announces_each_upload(
    sgw: Any, s3: Any, gateway: str, queue: Dict[str, Any]
) -> None:
    share = nfs_share(
        sgw,
        gateway,
        location=f"arn:aws:s3:::{BUCKET}/up/",
        FileShareName="up",
        NotificationPolicy='{"Upload": {"SettlingTimeInSeconds": 60}}',
    )
    appliance.write_file(share, "docs/file.txt", b"12345")
    [event] = received(queue)
    assert event["source"] == "aws.storagegateway"
    assert event["detail-type"] == "Storage Gateway Object Upload Event"
    assert event["resources"] == [share, gateway, f"arn:aws:s3:::{BUCKET}"]
    detail = event["detail"]
    modified = detail.pop("modification-time")
    assert isinstance(modified, str) and modified
    assert detail == {
        "object-size": 5,
        "object-key": "up/docs/file.txt",
        "event-type": "object-upload-complete",
        "prefix": "up/",
        "bucket-name": BUCKET,
    }


def test_a_share_without_a_notification_policy_announces_no_upload(
    sgw: Any, s3: Any, share: str, queue: Dict[str, Any]
) -> None:
    appliance.write_file(share, "quiet.txt", b"x")
    assert received(queue) == []
    [described] = sgw.describe_nfs_file_shares(FileShareARNList=[share])["NFSFileShareInfoList"]
    assert described["NotificationPolicy"] == "{}"


# --- what write_file and list_files refuse -------------------------------------------------------


@pytest.mark.parametrize(
    "arn, message",
    [
        (UNKNOWN_SHARE, f"no such file share: {UNKNOWN_SHARE}"),
        (UNKNOWN_GATEWAY, "not a file share ARN"),
        ("not-an-arn", "not a file share ARN: 'not-an-arn'"),
    ],
    ids=["unknown-share", "gateway-arn", "not-an-arn"],
)
def test_write_file_and_list_files_refuse_what_is_not_a_share(sgw: Any, share: str, arn: str, message: str) -> None:
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_file(arn, "a.txt", b"x")
    assert message in str(exc.value)
    with pytest.raises(ConfigurationError) as exc:
        appliance.list_files(arn)
    assert message in str(exc.value)


def test_write_file_refuses_a_read_only_share(sgw: Any, s3: Any, gateway: str) -> None:
    share = nfs_share(sgw, gateway, ReadOnly=True)
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_file(share, "a.txt", b"x")
    assert str(exc.value) == f"file share {share} is read-only"
    assert keys_in(s3) == []
    assert appliance.list_files(share) == []


def test_write_file_refuses_a_share_whose_bucket_is_missing(sgw: Any, gateway: str) -> None:
    share = nfs_share(sgw, gateway, location="arn:aws:s3:::missing-bucket")
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_file(share, "a.txt", b"x")
    assert "nothing can be written to it" in str(exc.value)
    assert appliance.list_files(share) == []


def test_write_file_refuses_a_share_whose_bucket_was_deleted(sgw: Any, s3: Any, share: str) -> None:
    s3.delete_bucket(Bucket=BUCKET)
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_file(share, "a.txt", b"x")
    assert str(exc.value) == f"file share {share} is UNAVAILABLE: nothing can be written to it"


@pytest.mark.parametrize("data", ["text", None])
def test_write_file_refuses_data_that_is_not_bytes(sgw: Any, s3: Any, share: str, data: Any) -> None:
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_file(share, "a.txt", data)
    assert str(exc.value) == f"data must be bytes, not {type(data).__name__}"
    assert keys_in(s3) == []


@pytest.mark.parametrize("path", ["", "a/../b", "dir/", "a//b"])
def test_write_file_refuses_a_path_that_is_no_file(sgw: Any, s3: Any, share: str, path: Any) -> None:
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_file(share, path, b"x")
    assert "path must" in str(exc.value)
    assert keys_in(s3) == []
    assert appliance.list_files(share) == []


def test_write_file_refuses_a_path_longer_than_1024_bytes(sgw: Any, s3: Any, share: str) -> None:
    with pytest.raises(ConfigurationError) as exc:
        appliance.write_file(share, "d/" + "x" * 1023, b"x")
    assert str(exc.value) == "path is longer than 1024 bytes"
    assert keys_in(s3) == []


def test_write_file_and_list_files_are_listed_for_the_server() -> None:
    assert appliance.FUNCTIONS["write_file"] is appliance.write_file
    assert appliance.FUNCTIONS["list_files"] is appliance.list_files


# --- through the server ---------------------------------------------------------------------------


def post(url: str, name: str, body: Any) -> requests.Response:
    return requests.post(f"{url}/moto-sgw/appliance/{name}", json=body, timeout=30)


def server_share(url: str) -> str:
    s3 = server_client(url, "s3")
    s3.create_bucket(Bucket=BUCKET)
    sgw = server_client(url)
    return nfs_share(sgw, activate(sgw, "FILE_S3", name="file-gw"))


def test_server_write_file_uploads_the_decoded_data(storagegateway_server: str) -> None:
    url = storagegateway_server
    share = server_share(url)
    data = b"\x00binary\xffdata"
    body = {"file_share_arn": share, "path": "bin/blob", "data": base64.b64encode(data).decode()}
    response = post(url, "write_file", body)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"FileShareARN": share, "Bucket": BUCKET, "Key": "bin/blob", "Size": len(data)}
    s3 = server_client(url, "s3")
    assert s3.get_object(Bucket=BUCKET, Key="bin/blob")["Body"].read() == data


def test_server_list_files_answers_the_sorted_paths(storagegateway_server: str) -> None:
    url = storagegateway_server
    share = server_share(url)
    for path in ["b.txt", "a/c.txt"]:
        post(url, "write_file", {"file_share_arn": share, "path": path, "data": base64.b64encode(b"x").decode()})
    response = post(url, "list_files", {"file_share_arn": share})
    assert response.status_code == 200
    assert response.json() == ["a/c.txt", "b.txt"]


def test_server_write_file_with_bad_base64_is_400(storagegateway_server: str) -> None:
    url = storagegateway_server
    share = server_share(url)
    response = post(url, "write_file", {"file_share_arn": share, "path": "a.txt", "data": "not base64!"})
    assert response.status_code == 400
    assert response.headers["Content-Type"] == "application/json"
    assert set(response.json()) == {"message"}
    assert "data must be base64" in response.json()["message"]
    assert post(url, "list_files", {"file_share_arn": share}).json() == []


def test_server_write_file_to_an_unknown_share_is_400(storagegateway_server: str) -> None:
    response = post(
        storagegateway_server,
        "write_file",
        {"file_share_arn": UNKNOWN_SHARE, "path": "a.txt", "data": base64.b64encode(b"x").decode()},
    )
    assert response.status_code == 400
    assert response.json() == {"message": f"no such file share: {UNKNOWN_SHARE}"}
