"""State is kept per account and per region, as moto keys it; ARNs carry both."""
from __future__ import annotations

from typing import Any, Dict

import boto3
import pytest
from botocore.exceptions import ClientError

from .conftest import ACTIVATION_KEY, activate, cached_gateway, cached_volume, sgw_error
from .expected import GATEWAY_NOT_FOUND, REGION_INVALID

OTHER_ACCOUNT = "111111111111"
DEFAULT_ACCOUNT = "123456789012"


def account_of(arn: str) -> str:
    return arn.split(":")[4]


def region_of(arn: str) -> str:
    return arn.split(":")[3]


def listed(client: Any) -> list:
    return [g["GatewayARN"] for g in client.list_gateways()["Gateways"]]


@pytest.fixture
def assumed(sgw: Any) -> Dict[str, str]:
    """Credentials of a role in another account, from moto's STS."""
    sts = boto3.client("sts", region_name="us-east-1")
    credentials = sts.assume_role(RoleArn=f"arn:aws:iam::{OTHER_ACCOUNT}:role/r", RoleSessionName="session")[
        "Credentials"
    ]
    return {
        "aws_access_key_id": credentials["AccessKeyId"],
        "aws_secret_access_key": credentials["SecretAccessKey"],
        "aws_session_token": credentials["SessionToken"],
    }


# --- regions ------------------------------------------------------------------


def test_gateway_is_invisible_in_another_region(sgw: Any) -> None:
    activate(sgw)
    west = boto3.client("storagegateway", region_name="us-west-2")
    assert west.list_gateways()["Gateways"] == []


def test_gateway_arn_of_another_region_is_not_found(sgw: Any) -> None:
    arn = activate(sgw)
    west = boto3.client("storagegateway", region_name="us-west-2")
    with pytest.raises(ClientError) as exc:
        west.describe_gateway_information(GatewayARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


def test_gateway_of_another_region_is_still_in_its_own(sgw: Any) -> None:
    arn = activate(sgw)
    west = boto3.client("storagegateway", region_name="us-west-2")
    activate(west)
    assert listed(sgw) == [arn]


def test_activate_in_another_region_gives_that_region_in_arn(sgw: Any) -> None:
    west = boto3.client("storagegateway", region_name="us-west-2")
    arn = activate(west)
    assert arn.startswith("arn:aws:storagegateway:us-west-2:")
    assert listed(west) == [arn]


def test_activate_with_region_of_another_endpoint_is_refused(sgw: Any) -> None:
    with pytest.raises(ClientError) as exc:
        sgw.activate_gateway(
            ActivationKey=ACTIVATION_KEY, GatewayName="gw", GatewayTimezone="GMT", GatewayRegion="us-west-2"
        )
    assert sgw_error(exc) == REGION_INVALID


def test_china_region_arn_uses_aws_cn_partition(sgw: Any) -> None:
    assert "cn-north-1" in boto3.session.Session().get_available_regions("storagegateway", "aws-cn")
    china = boto3.client("storagegateway", region_name="cn-north-1")
    arn = activate(china)
    assert arn.startswith(f"arn:aws-cn:storagegateway:cn-north-1:{DEFAULT_ACCOUNT}:gateway/sgw-")
    assert listed(china) == [arn]


def test_govcloud_region_arn_uses_aws_us_gov_partition(sgw: Any) -> None:
    assert "us-gov-west-1" in boto3.session.Session().get_available_regions("storagegateway", "aws-us-gov")
    gov = boto3.client("storagegateway", region_name="us-gov-west-1")
    arn = activate(gov)
    assert arn.startswith(f"arn:aws-us-gov:storagegateway:us-gov-west-1:{DEFAULT_ACCOUNT}:gateway/sgw-")


# --- accounts through MOTO_ACCOUNT_ID -------------------------------------------


def test_moto_account_id_account_sees_nothing_of_default_account(sgw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    activate(sgw)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    other = boto3.client("storagegateway", region_name="us-east-1")
    assert other.list_gateways()["Gateways"] == []


def test_moto_account_id_account_arns_carry_that_account(sgw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    other = boto3.client("storagegateway", region_name="us-east-1")
    arn = activate(other)
    assert account_of(arn) == OTHER_ACCOUNT
    assert listed(other) == [arn]


def test_default_account_sees_nothing_of_moto_account_id_account(sgw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    activate(boto3.client("storagegateway", region_name="us-east-1"))
    monkeypatch.delenv("MOTO_ACCOUNT_ID")
    assert sgw.list_gateways()["Gateways"] == []


def test_gateway_arn_of_another_account_is_not_found(sgw: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    arn = activate(sgw)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", OTHER_ACCOUNT)
    other = boto3.client("storagegateway", region_name="us-east-1")
    with pytest.raises(ClientError) as exc:
        other.describe_gateway_information(GatewayARN=arn)
    assert sgw_error(exc) == GATEWAY_NOT_FOUND


# --- accounts through STS credentials -------------------------------------------


def test_assumed_role_arn_carries_role_account(sgw: Any, assumed: Dict[str, str]) -> None:
    other = boto3.client("storagegateway", region_name="us-east-1", **assumed)
    arn = activate(other)
    assert account_of(arn) == OTHER_ACCOUNT
    assert region_of(arn) == "us-east-1"


def test_default_account_does_not_see_assumed_role_gateway(sgw: Any, assumed: Dict[str, str]) -> None:
    other = boto3.client("storagegateway", region_name="us-east-1", **assumed)
    other_arn = activate(other)
    own_arn = activate(sgw)
    assert listed(sgw) == [own_arn]
    assert listed(other) == [other_arn]


def test_assumed_role_does_not_see_default_account_gateway(sgw: Any, assumed: Dict[str, str]) -> None:
    activate(sgw)
    other = boto3.client("storagegateway", region_name="us-east-1", **assumed)
    assert other.list_gateways()["Gateways"] == []


def test_snapshot_of_assumed_role_is_in_that_accounts_ec2(sgw: Any, assumed: Dict[str, str]) -> None:
    other = boto3.client("storagegateway", region_name="us-east-1", **assumed)
    volume = cached_volume(other, cached_gateway(other))
    snapshot_id = other.create_snapshot(VolumeARN=volume, SnapshotDescription="other account")["SnapshotId"]
    ec2 = boto3.client("ec2", region_name="us-east-1", **assumed)
    (snapshot,) = ec2.describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]
    assert snapshot["OwnerId"] == OTHER_ACCOUNT
    assert snapshot["Description"] == "other account"


def test_snapshot_of_assumed_role_is_invisible_to_default_account(sgw: Any, assumed: Dict[str, str]) -> None:
    other = boto3.client("storagegateway", region_name="us-east-1", **assumed)
    volume = cached_volume(other, cached_gateway(other))
    snapshot_id = other.create_snapshot(VolumeARN=volume, SnapshotDescription="other account")["SnapshotId"]
    ec2 = boto3.client("ec2", region_name="us-east-1")
    with pytest.raises(ClientError) as exc:
        ec2.describe_snapshots(SnapshotIds=[snapshot_id])
    assert exc.value.response["Error"]["Code"] == "InvalidSnapshot.NotFound"


def test_snapshot_is_invisible_to_another_region(sgw: Any) -> None:
    volume = cached_volume(sgw, cached_gateway(sgw))
    snapshot_id = sgw.create_snapshot(VolumeARN=volume, SnapshotDescription="east")["SnapshotId"]
    ec2 = boto3.client("ec2", region_name="us-west-2")
    with pytest.raises(ClientError) as exc:
        ec2.describe_snapshots(SnapshotIds=[snapshot_id])
    assert exc.value.response["Error"]["Code"] == "InvalidSnapshot.NotFound"
