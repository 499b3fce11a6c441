"""Where a file share's files live: a bucket, a prefix, an S3 access point or its alias."""
from __future__ import annotations

from typing import Any, Dict

import boto3
import pytest
from botocore.exceptions import ClientError

from moto_sgw import appliance

from ..conftest import REGION, activate, sgw_error
from ..expected import INVALID_PARAMETERS

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/storage-gateway"
BUCKET = "point-bucket"


@pytest.fixture
def point(sgw: Any) -> Dict[str, str]:
    """A bucket with an access point on it: the point's ARN and alias."""
    boto3.client("s3", region_name=REGION).create_bucket(Bucket=BUCKET)
    made = boto3.client("s3control", region_name=REGION).create_access_point(
        AccountId=ACCOUNT, Name="team-point", Bucket=BUCKET
    )
    return {"arn": made["AccessPointArn"], "alias": made["Alias"]}


def _share(sgw: Any, location: str, **extra: Any) -> str:
    gateway = activate(sgw, "FILE_S3", name="files")
    return sgw.create_nfs_file_share(
        ClientToken="location-token", GatewayARN=gateway, Role=ROLE, LocationARN=location, **extra
    )["FileShareARN"]


def _described(sgw: Any, arn: str) -> Dict[str, Any]:
    [share] = sgw.describe_nfs_file_shares(FileShareARNList=[arn])["NFSFileShareInfoList"]
    return share


@pytest.mark.parametrize("kind", ["prefix", "access point", "alias"])
def test_a_location_other_than_a_plain_bucket_needs_a_file_share_name(
    sgw: Any, point: Dict[str, str], kind: str
) -> None:
    # "FileShareName must be set if an S3 prefix name is set in LocationARN, or if an access
    # point or access point alias is used."
    location = {"prefix": f"arn:aws:s3:::{BUCKET}/team/", "access point": point["arn"], "alias": point["alias"]}
    with pytest.raises(ClientError) as exc:
        _share(sgw, location[kind])
    assert sgw_error(exc) == INVALID_PARAMETERS


@pytest.mark.parametrize(
    "kind, key",
    [("prefix", "team/notes.txt"), ("access point", "team/notes.txt"), ("alias", "notes.txt")],
)
def test_files_written_through_the_location_land_in_its_bucket(
    sgw: Any, point: Dict[str, str], kind: str, key: str
) -> None:
    location = {
        "prefix": f"arn:aws:s3:::{BUCKET}/team/",
        "access point": point["arn"] + "/team/",
        "alias": point["alias"],
    }
    arn = _share(sgw, location[kind], FileShareName="team")
    share = _described(sgw, arn)
    assert (share["FileShareStatus"], share["LocationARN"], share["FileShareName"], share["Path"]) == (
        "AVAILABLE", location[kind], "team", "/team"
    )
    assert appliance.write_file(arn, "notes.txt", b"hello") == {
        "FileShareARN": arn, "Bucket": BUCKET, "Key": key, "Size": 5
    }
    body = boto3.client("s3", region_name=REGION).get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert body == b"hello"


def test_a_share_on_an_access_point_that_does_not_exist_stays_creating(sgw: Any) -> None:
    missing = f"arn:aws:s3:{REGION}:{ACCOUNT}:accesspoint/no-such-point"
    arn = _share(sgw, missing, FileShareName="team")
    assert _described(sgw, arn)["FileShareStatus"] == "CREATING"


def test_a_location_that_is_no_s3_location_is_refused(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        _share(sgw, "arn:aws:fsx:us-east-1:123456789012:file-system/fs-0123456789abcdef0")
    assert sgw_error(exc) == INVALID_PARAMETERS
