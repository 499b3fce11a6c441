"""moto's IAM enforcement applies to Storage Gateway as to moto's own services.

The oracle for "as moto's own JSON services answer it" is moto itself: Kinesis (AWS
JSON 1.1, like Storage Gateway) asked the same way, in the same test.
"""
from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterator, List

import boto3
import pytest
from botocore.exceptions import ClientError
from moto.core import set_initial_no_auth_action_count

from moto_sgw import mock_storagegateway

from .conftest import ACTIVATION_KEY

REGION = "us-east-1"
ACCOUNT = "123456789012"


def _user(policy: Dict[str, Any]) -> Dict[str, str]:
    """Credentials of a new IAM user whose only policy is ``policy``."""
    iam = boto3.client("iam", region_name=REGION)
    iam.create_user(UserName="tester")
    iam.put_user_policy(UserName="tester", PolicyName="only", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName="tester")["AccessKey"]
    return {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}


def _allow(actions: List[str], resource: Any = "*") -> Dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resource}],
    }


def _activate(client: Any) -> str:
    return client.activate_gateway(
        ActivationKey=ACTIVATION_KEY,
        GatewayName="gw",
        GatewayTimezone="GMT",
        GatewayRegion=REGION,
        GatewayType="CACHED",
    )["GatewayARN"]


def _denial(call: Any) -> Dict[str, Any]:
    """Status and error of a refused call; a request ID in the body is each call's own."""
    with pytest.raises(ClientError) as caught:
        call()
    response = caught.value.response
    error = dict(response["Error"])
    error["Message"] = re.sub(r"<RequestId>.*?</RequestId>", "<RequestId/>", error["Message"], flags=re.S)
    return {"status": response["ResponseMetadata"]["HTTPStatusCode"], "error": error}


@pytest.fixture
def mocked() -> Iterator[None]:
    with mock_storagegateway():
        yield


def test_without_enforcement_every_call_passes(mocked: None) -> None:
    sgw = boto3.client("storagegateway", region_name=REGION)
    assert sgw.list_gateways()["Gateways"] == []


def test_unknown_credentials_are_refused_as_moto_refuses_them(mocked: None) -> None:
    @set_initial_no_auth_action_count(0)
    def calls() -> Dict[str, Any]:
        sgw = boto3.client("storagegateway", region_name=REGION)
        kinesis = boto3.client("kinesis", region_name=REGION)
        return {"sgw": _denial(sgw.list_gateways), "kinesis": _denial(kinesis.list_streams)}

    answers = calls()
    assert answers["sgw"]["status"] == 403
    assert "InvalidClientTokenId" in answers["sgw"]["error"]["Message"]
    assert answers["sgw"] == answers["kinesis"]


def test_an_action_outside_the_policy_is_denied_naming_it(mocked: None) -> None:
    credentials = _user(_allow(["storagegateway:ListGateways"]))

    @set_initial_no_auth_action_count(0)
    def calls() -> Dict[str, Any]:
        sgw = boto3.client("storagegateway", region_name=REGION, **credentials)
        allowed = sgw.list_gateways()["Gateways"]
        denied = _denial(lambda: _activate(sgw))
        kinesis = boto3.client("kinesis", region_name=REGION, **credentials)
        return {"allowed": allowed, "denied": denied, "kinesis": _denial(kinesis.list_streams)}

    answers = calls()
    assert answers["allowed"] == []
    denied = answers["denied"]
    assert denied["status"] == 403
    assert (
        f"User: arn:aws:iam::{ACCOUNT}:user/tester is not authorized to perform: "
        "storagegateway:ActivateGateway" in denied["error"]["Message"]
    )
    # Word for word as moto's own JSON service answers, but for the action's name.
    assert denied["error"]["Code"] == answers["kinesis"]["error"]["Code"]
    assert denied["error"]["Message"].replace(
        "storagegateway:ActivateGateway", "kinesis:ListStreams"
    ) == answers["kinesis"]["error"]["Message"]
    # A denied call changes nothing.
    assert boto3.client("storagegateway", region_name=REGION).list_gateways()["Gateways"] == []


def test_a_policy_scoped_to_one_gateway_allows_only_that_gateway(mocked: None) -> None:
    sgw = boto3.client("storagegateway", region_name=REGION)
    mine, other = _activate(sgw), _activate(sgw)
    credentials = _user(_allow(["storagegateway:DescribeGatewayInformation"], resource=mine))

    @set_initial_no_auth_action_count(0)
    def calls() -> Dict[str, Any]:
        scoped = boto3.client("storagegateway", region_name=REGION, **credentials)
        return {
            "mine": scoped.describe_gateway_information(GatewayARN=mine)["GatewayARN"],
            "other": _denial(lambda: scoped.describe_gateway_information(GatewayARN=other)),
        }

    answers = calls()
    assert answers["mine"] == mine
    assert answers["other"]["status"] == 403
    assert "storagegateway:DescribeGatewayInformation" in answers["other"]["error"]["Message"]


def test_the_first_free_calls_are_counted_as_moto_counts_them(mocked: None) -> None:
    @set_initial_no_auth_action_count(2)
    def calls() -> List[Any]:
        sgw = boto3.client("storagegateway", region_name=REGION)
        first, second = sgw.list_gateways(), sgw.list_gateways()
        return [first["Gateways"], second["Gateways"], _denial(sgw.list_gateways)["status"]]

    assert calls() == [[], [], 403]


def test_a_wrong_secret_key_is_a_signature_mismatch(mocked: None) -> None:
    credentials = _user(_allow(["storagegateway:*"]))
    credentials["aws_secret_access_key"] = "not-the-secret"

    @set_initial_no_auth_action_count(0)
    def calls() -> Dict[str, Any]:
        sgw = boto3.client("storagegateway", region_name=REGION, **credentials)
        return _denial(sgw.list_gateways)

    denied = calls()
    assert denied["status"] == 403
    assert "SignatureDoesNotMatch" in denied["error"]["Message"]


def test_enforcement_through_the_server(storagegateway_server: str) -> None:
    import requests

    from .conftest import server_client

    previous = requests.post(f"{storagegateway_server}/moto-api/reset-auth", data=b"0").json()
    try:
        sgw = server_client(storagegateway_server)
        denied = _denial(sgw.list_gateways)
    finally:
        requests.post(
            f"{storagegateway_server}/moto-api/reset-auth",
            data=str(previous["PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT"]).encode(),
        )
    assert denied["status"] == 403
    assert "InvalidClientTokenId" in denied["error"]["Message"]
    assert server_client(storagegateway_server).list_gateways()["Gateways"] == []
