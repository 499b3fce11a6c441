"""In-process routing: Storage Gateway calls answered directly, and all moto gives kept.

moto-sgw answers in-process Storage Gateway calls from botocore's prepared request instead
of going through moto's stubber (which, since moto 5.2.2, first builds a werkzeug request of
every call). These tests prove the short way is taken, serves each call once, and keeps what
moto's way gives: account and region from the credentials, the recorder, passthrough,
``service_whitelist``, and explicitly patched clients.
"""
from __future__ import annotations

import json
from typing import Any, Iterator, List

import boto3
import pytest
from botocore.awsrequest import AWSPreparedRequest
from moto import mock_aws
from moto.core import botocore_stubber, config, patch_client

from moto_sgw import mock_storagegateway, registration

from .conftest import ACTIVATION_KEY, activate

REGION = "us-east-1"


@pytest.fixture
def moto_saw(monkeypatch: pytest.MonkeyPatch) -> List[str]:
    """The URLs of the calls that reached moto's own stubber."""
    seen: List[str] = []
    original = botocore_stubber.BotocoreStubber.process_request

    def spy(self: Any, request: Any) -> Any:
        seen.append(request.url)
        return original(self, request)

    monkeypatch.setattr(botocore_stubber.BotocoreStubber, "process_request", spy)
    return seen


def test_storage_gateway_calls_skip_motos_stubber_and_others_do_not(moto_saw: List[str]) -> None:
    with mock_storagegateway():
        sgw = boto3.client("storagegateway", region_name=REGION)
        activate(sgw)
        assert len(sgw.list_gateways()["Gateways"]) == 1
        boto3.client("ec2", region_name=REGION).describe_vpcs()
    assert moto_saw == [f"https://ec2.{REGION}.amazonaws.com/"]


def test_a_call_is_served_once_by_an_explicitly_patched_client(moto_saw: List[str]) -> None:
    with mock_storagegateway():
        sgw = boto3.client("storagegateway", region_name=REGION)
        patch_client(sgw)  # moto's own helper must find its stubber already there
        activate(sgw)
        assert len(sgw.list_gateways()["Gateways"]) == 1
    assert moto_saw == []


def test_account_and_region_come_from_the_credentials() -> None:
    with mock_storagegateway():
        sts = boto3.client("sts", region_name=REGION)
        role = boto3.client("iam", region_name=REGION)
        role.create_role(RoleName="r", AssumeRolePolicyDocument="{}")
        assumed = sts.assume_role(RoleArn="arn:aws:iam::111111111111:role/r", RoleSessionName="session")
        creds = assumed["Credentials"]
        other = boto3.client(
            "storagegateway", region_name="eu-west-1", aws_access_key_id=creds["AccessKeyId"],
            aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"],
        )  # fmt: skip
        arn = other.activate_gateway(
            ActivationKey=ACTIVATION_KEY, GatewayName="other", GatewayTimezone="GMT", GatewayRegion="eu-west-1"
        )["GatewayARN"]
        assert arn.startswith("arn:aws:storagegateway:eu-west-1:111111111111:gateway/")
        assert boto3.client("storagegateway", region_name="eu-west-1").list_gateways()["Gateways"] == []


def test_motos_recorder_still_records_storage_gateway_calls() -> None:
    from moto.moto_api import recorder

    with mock_storagegateway():
        recorder.reset_recording()
        recorder.start_recording()
        try:
            boto3.client("storagegateway", region_name=REGION).list_gateways()
        finally:
            recorder.stop_recording()
        recorded = [json.loads(line) for line in recorder.download_recording().splitlines() if line]
        recorder.reset_recording()
    targets = [entry.get("headers", {}).get("X-Amz-Target") for entry in recorded]
    assert "StorageGateway_20130630.ListGateways" in targets


def _prepared(url: str = f"https://storagegateway.{REGION}.amazonaws.com/") -> AWSPreparedRequest:
    return AWSPreparedRequest(
        method="POST",
        url=url,
        headers={"X-Amz-Target": "StorageGateway_20130630.ListGateways"},  # type: ignore[arg-type]
        body=b"{}",
        stream_output=False,
    )


def test_answered_directly_only_while_a_mock_is_active() -> None:
    assert registration.answer_directly(_prepared()) is None
    with mock_storagegateway():
        answer = registration.answer_directly(_prepared())
        assert answer is not None and answer.status_code == 200
        assert json.loads(answer.content) == {"Gateways": []}
        assert registration.answer_directly(_prepared(f"https://ec2.{REGION}.amazonaws.com/")) is None


@pytest.fixture
def passthrough() -> Iterator[None]:
    with mock_aws(config={"core": {"passthrough": {"services": ["storagegateway"]}}}):
        yield


def test_a_passthrough_service_is_left_to_moto(passthrough: None) -> None:
    # moto's stubber then lets the call through to the real endpoint.
    from moto.core.models import botocore_stubber as motos_stubber

    assert registration.answer_directly(_prepared()) is None
    assert motos_stubber.process_request(_prepared()) is None


def test_a_passthrough_url_is_left_to_moto() -> None:
    urls = {"core": {"passthrough": {"urls": [r"https://storagegateway\.us-east-1\.amazonaws\.com/.*"]}}}
    with mock_aws(config=urls):
        assert registration.answer_directly(_prepared()) is None


def test_a_service_whitelist_without_storage_gateway_is_motos_refusal() -> None:
    with mock_aws(config={"core": {"service_whitelist": ["ec2"]}}):
        sgw = boto3.client("storagegateway", region_name=REGION)
        if hasattr(config, "service_whitelisted"):  # moto 5.1 and newer
            with pytest.raises(Exception) as exc:
                sgw.list_gateways()
            assert type(exc.value).__name__ == "ServiceNotWhitelisted"
        else:  # moto 5.0 has no whitelist: the call is served
            assert sgw.list_gateways()["Gateways"] == []
