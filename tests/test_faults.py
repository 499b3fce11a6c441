"""Fault injection: the wire forms, counts, seeded rates, scopes, latency, clearing, the server."""
from __future__ import annotations

import subprocess
import sys
import time
from typing import Any, Iterator, List

import boto3
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError

import moto_sgw
from moto_sgw import ConfigurationError, active_faults, clear_faults, inject_fault, mock_storagegateway
from moto_sgw.pytest_plugin import ServerProcess

from .conftest import ACTIVATION_KEY, activate, cached_gateway, cached_volume, server_client, sgw_error
from .test_protocol import post

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"})
THROTTLED = {"__type": "ThrottlingException", "message": "Rate exceeded"}


@pytest.fixture(autouse=True)
def no_faults_left() -> Iterator[None]:
    yield
    clear_faults()


@pytest.fixture
def mocked() -> Iterator[None]:
    with mock_storagegateway():
        yield


def strict(region: str = "us-east-1") -> Any:
    """A client that does not retry: each call is one request."""
    return boto3.client("storagegateway", region_name=region, config=NO_RETRIES)


def gateways(client: Any) -> List[str]:
    return [g["GatewayARN"] for g in client.list_gateways()["Gateways"]]


def activate_body(region: str = "us-east-1") -> dict:
    return {
        "ActivationKey": ACTIVATION_KEY,
        "GatewayName": "faulty",
        "GatewayTimezone": "GMT",
        "GatewayRegion": region,
    }


# --- wire forms --------------------------------------------------------------------


@pytest.mark.mock_fault  # the injected InternalServerError looks like a fault of the mock
@pytest.mark.parametrize(
    "error, status, body",
    [
        ("ThrottlingException", 400, THROTTLED),
        (
            "ServiceUnavailableError",
            503,
            {
                "__type": "ServiceUnavailableError",
                "error": {"errorCode": "ServiceUnavailable"},
                "message": "The request has failed due to a temporary failure of the server.",
            },
        ),
        (
            "InternalServerError",
            500,
            {"__type": "InternalServerError", "error": {"errorCode": "InternalError"}, "message": "An internal error occurred."},
        ),
        (
            "GatewayNotConnected",
            400,
            {
                "__type": "InvalidGatewayRequestException",
                "error": {"errorCode": "GatewayNotConnected"},
                "message": "The specified gateway is not connected.",
            },
        ),
        (
            "VolumeNotReady",
            400,
            {
                "__type": "InvalidGatewayRequestException",
                "error": {"errorCode": "VolumeNotReady"},
                "message": "The specified volume is not ready.",
            },
        ),
    ],
)
def test_each_error_answers_its_wire_form(mocked: None, error: str, status: int, body: dict) -> None:
    inject_fault(error, operation="ListGateways")
    response = post("ListGateways", {})
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/x-amz-json-1.1"
    assert response.headers["x-amzn-RequestId"]
    assert response.json() == body


@pytest.mark.mock_fault
@pytest.mark.parametrize(
    "error, status, code",
    [
        ("ThrottlingException", 400, "ThrottlingException"),
        ("ServiceUnavailableError", 503, "ServiceUnavailableError"),
        ("InternalServerError", 500, "InternalServerError"),
        ("GatewayNotConnected", 400, "InvalidGatewayRequestException"),
    ],
)
def test_each_error_reaches_boto3(mocked: None, error: str, status: int, code: str) -> None:
    inject_fault(error, operation="ListGateways")
    with pytest.raises(ClientError) as exc:
        strict().list_gateways()
    assert exc.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert exc.value.response["Error"]["Code"] == code


def test_an_injected_error_code_reads_as_aws_answers_it(mocked: None) -> None:
    inject_fault("GatewayNotFound", operation="DescribeGatewayInformation")
    arn = activate(strict())
    with pytest.raises(ClientError) as exc:
        strict().describe_gateway_information(GatewayARN=arn)
    assert sgw_error(exc) == (
        "InvalidGatewayRequestException", "The specified gateway was not found.", "GatewayNotFound"
    )


# --- retries, and no state change --------------------------------------------------


@pytest.mark.mock_fault
@pytest.mark.parametrize("error", ["ThrottlingException", "InternalServerError", "ServiceUnavailableError"])
def test_default_retries_ride_out_two_failures_and_create_one_gateway(mocked: None, error: str) -> None:
    inject_fault(error, operation="ActivateGateway", count=2)
    client = boto3.client("storagegateway", region_name="us-east-1")  # botocore's default retries
    response = client.activate_gateway(**activate_body())
    assert response["ResponseMetadata"]["RetryAttempts"] == 2
    assert gateways(client) == [response["GatewayARN"]]
    assert active_faults() == []


@pytest.mark.mock_fault
def test_default_retries_ride_out_a_failing_snapshot_and_take_one(mocked: None) -> None:
    sgw = boto3.client("storagegateway", region_name="us-east-1")
    volume = cached_volume(sgw, cached_gateway(sgw))
    inject_fault("InternalServerError", operation="CreateSnapshot", count=2)
    snapshot = sgw.create_snapshot(VolumeARN=volume, SnapshotDescription="retried")
    ec2 = boto3.client("ec2", region_name="us-east-1")
    volume_id = volume.rsplit("/", 1)[1].lower()
    described = ec2.describe_snapshots(Filters=[{"Name": "volume-id", "Values": [volume_id]}])["Snapshots"]
    assert [s["SnapshotId"] for s in described] == [snapshot["SnapshotId"]]


def test_a_failed_call_changes_no_state(mocked: None) -> None:
    inject_fault("ThrottlingException", operation="ActivateGateway", count=1)
    with pytest.raises(ClientError):
        strict().activate_gateway(**activate_body())
    assert gateways(strict()) == []


def test_a_fault_answers_before_validation(mocked: None) -> None:
    inject_fault("ThrottlingException", operation="ActivateGateway")
    response = post("ActivateGateway", {"ActivationKey": "x"})  # invalid: required members missing
    assert (response.status_code, response.json()) == (400, THROTTLED)


# --- count and rate -------------------------------------------------------------------


def test_count_fails_the_next_calls_then_is_gone(mocked: None) -> None:
    fault_id = inject_fault("ThrottlingException", operation="ListGateways", count=2)
    client = strict()
    for remaining in (1, 0):
        with pytest.raises(ClientError):
            client.list_gateways()
        assert [f["remaining"] for f in active_faults() if f["id"] == fault_id] == ([remaining] if remaining else [])
    assert gateways(client) == []


def test_without_count_or_rate_every_call_fails_until_cleared(mocked: None) -> None:
    fault_id = inject_fault("ThrottlingException", operation="ListGateways")
    client = strict()
    for _ in range(5):
        with pytest.raises(ClientError):
            client.list_gateways()
    clear_faults(fault_id)
    assert gateways(client) == []


def _pattern(rate: float, seed: int, calls: int = 24) -> List[bool]:
    inject_fault("ThrottlingException", operation="ListGateways", rate=rate, seed=seed)
    failed = []
    for _ in range(calls):
        failed.append(post("ListGateways", {}).status_code == 400)
    clear_faults()
    return failed


def test_a_seeded_rate_repeats_its_pattern(mocked: None) -> None:
    first, again = _pattern(0.5, 7), _pattern(0.5, 7)
    assert first == again
    assert 0 < sum(first) < len(first)  # some fail, some pass
    assert _pattern(0.5, 8) != first  # another seed, another pattern


def test_rate_one_fails_every_call(mocked: None) -> None:
    assert _pattern(1.0, 1, calls=10) == [True] * 10


def test_count_and_rate_stop_after_count_failures(mocked: None) -> None:
    inject_fault("ThrottlingException", operation="ListGateways", rate=0.5, seed=3, count=3)
    failed = [post("ListGateways", {}).status_code == 400 for _ in range(40)]
    assert sum(failed) == 3
    assert active_faults() == []


# --- scope -------------------------------------------------------------------------------


def test_operation_scope_leaves_other_operations_alone(mocked: None) -> None:
    client = strict()
    arn = activate(client)
    inject_fault("ThrottlingException", operation="ListGateways")
    assert client.describe_gateway_information(GatewayARN=arn)["GatewayARN"] == arn
    with pytest.raises(ClientError):
        client.list_gateways()


def test_every_operation_fault_never_touches_other_services(mocked: None) -> None:
    inject_fault("ThrottlingException")
    ec2 = boto3.client("ec2", region_name="us-east-1", config=NO_RETRIES)
    assert len(ec2.describe_vpcs()["Vpcs"]) == 1  # moto's default VPC, answered as ever
    with pytest.raises(ClientError):
        strict().list_gateways()


def test_gateway_scope_fails_requests_about_that_gateway_only(mocked: None) -> None:
    client = strict()
    faulty, healthy = cached_gateway(client), cached_gateway(client)
    volume = cached_volume(client, faulty)
    other_volume = cached_volume(client, healthy)
    inject_fault("GatewayNotConnected", gateway_arn=faulty["arn"])
    for call in (
        lambda: client.describe_gateway_information(GatewayARN=faulty["arn"]),
        lambda: client.describe_cached_iscsi_volumes(VolumeARNs=[volume]),  # a resource on it
        lambda: client.create_snapshot(VolumeARN=volume, SnapshotDescription="no"),
        lambda: client.add_tags_to_resource(ResourceARN=volume, Tags=[{"Key": "k", "Value": "v"}]),
    ):
        with pytest.raises(ClientError) as exc:
            call()
        assert exc.value.response["error"]["errorCode"] == "GatewayNotConnected"
    assert client.describe_gateway_information(GatewayARN=healthy["arn"])["GatewayARN"] == healthy["arn"]
    assert client.describe_cached_iscsi_volumes(VolumeARNs=[other_volume])["CachediSCSIVolumes"]
    assert len(gateways(client)) == 2  # ListGateways names no gateway


def test_region_scope(mocked: None) -> None:
    inject_fault("ThrottlingException", region="us-west-2")
    assert gateways(strict("us-east-1")) == []
    with pytest.raises(ClientError):
        strict("us-west-2").list_gateways()


def test_faults_apply_to_every_account(mocked: None, monkeypatch: pytest.MonkeyPatch) -> None:
    inject_fault("ThrottlingException", operation="ListGateways")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    with pytest.raises(ClientError):
        strict().list_gateways()


def test_the_first_injected_of_matching_faults_answers(mocked: None) -> None:
    inject_fault("VolumeNotReady", operation="ListGateways", count=1)
    inject_fault("ThrottlingException", operation="ListGateways", count=1)
    first, second = post("ListGateways", {}).json(), post("ListGateways", {}).json()
    assert first["error"] == {"errorCode": "VolumeNotReady"}
    assert second == THROTTLED
    assert post("ListGateways", {}).status_code == 200


# --- latency ----------------------------------------------------------------------------


def test_latency_without_error_is_a_slow_success(mocked: None) -> None:
    inject_fault(None, operation="ListGateways", latency=0.3, count=1)
    started = time.monotonic()
    assert gateways(strict()) == []
    assert time.monotonic() - started >= 0.3
    assert active_faults() == []


def test_latency_with_an_error_is_a_slow_failure(mocked: None) -> None:
    inject_fault("ThrottlingException", operation="ListGateways", latency=0.2)
    started = time.monotonic()
    response = post("ListGateways", {})
    assert time.monotonic() - started >= 0.2
    assert response.json() == THROTTLED


# --- listing and clearing ------------------------------------------------------------------


def test_active_faults_lists_every_keyword_with_defaults(mocked: None) -> None:
    fault_id = inject_fault("ThrottlingException")
    assert active_faults() == [
        {
            "id": fault_id,
            "error": "ThrottlingException",
            "operation": "*",
            "count": None,
            "rate": None,
            "seed": None,
            "gateway_arn": None,
            "region": None,
            "latency": None,
            "remaining": None,
        }
    ]
    assert isinstance(fault_id, str)


def test_clear_one_and_all(mocked: None) -> None:
    one = inject_fault("ThrottlingException", operation="ListGateways")
    two = inject_fault("VolumeNotReady", operation="CreateSnapshot")
    assert clear_faults(one) == 1
    assert [f["id"] for f in active_faults()] == [two]
    inject_fault("ThrottlingException")
    assert clear_faults() == 2
    assert active_faults() == []


def test_clearing_an_unknown_fault_is_refused() -> None:
    with pytest.raises(ConfigurationError) as exc:
        clear_faults("fault-0")
    assert "no fault with id 'fault-0'" in str(exc.value)


def test_faults_end_when_the_mock_stops() -> None:
    with mock_storagegateway():
        inject_fault("ThrottlingException")
        assert len(active_faults()) == 1
    assert active_faults() == []


def test_faults_end_on_motos_reset(mocked: None) -> None:
    inject_fault("ThrottlingException", operation="ListGateways")
    requests.post("http://motoapi.amazonaws.com/moto-api/reset", timeout=30)
    assert active_faults() == []
    assert gateways(strict()) == []


def test_package_exports_the_fault_functions() -> None:
    assert moto_sgw.inject_fault is inject_fault
    assert {"inject_fault", "clear_faults", "active_faults"} <= set(moto_sgw.__all__)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"error": "Boom"}, "error must be ThrottlingException, ServiceUnavailableError, InternalServerError, or one of the model's error codes ("),
        ({"error": None}, "a fault needs an error, a latency, or both"),
        ({"error": "ThrottlingException", "operation": "ListGateway"}, "operation must be '*' or an operation of the Storage Gateway model, not 'ListGateway'"),
        ({"error": "ThrottlingException", "count": 0}, "count must be a whole number, at least 1, not 0"),
        ({"error": "ThrottlingException", "count": 1.5}, "count must be a whole number, at least 1, not 1.5"),
        ({"error": "ThrottlingException", "rate": 0}, "rate must be more than 0 and at most 1, not 0"),
        ({"error": "ThrottlingException", "rate": 1.5}, "rate must be more than 0 and at most 1, not 1.5"),
        ({"error": "ThrottlingException", "rate": "half"}, "rate must be a number, not 'half'"),
        ({"error": "ThrottlingException", "seed": "s"}, "seed must be a whole number, not 's'"),
        ({"error": "ThrottlingException", "gateway_arn": 5}, "gateway_arn must be a string, not 5"),
        ({"error": "ThrottlingException", "region": ""}, "region must be a string, not ''"),
        ({"error": None, "latency": -1}, "latency must be 0 seconds or more, not -1"),
    ],
)
def test_bad_input_is_refused_naming_the_problem(kwargs: dict, message: str) -> None:
    with pytest.raises(ConfigurationError) as exc:
        inject_fault(**kwargs)
    assert message in str(exc.value)
    assert active_faults() == []


def test_an_unknown_error_lists_the_accepted_ones() -> None:
    with pytest.raises(ConfigurationError) as exc:
        inject_fault("Boom")
    for accepted in ("ThrottlingException", "GatewayNotConnected", "VolumeNotReady", "InternalError"):
        assert accepted in str(exc.value)


# --- in the server --------------------------------------------------------------------------


def faults_url(url: str) -> str:
    return f"{url}/moto-sgw/faults"


def test_server_fault_endpoints(storagegateway_server: str) -> None:
    created = requests.post(
        faults_url(storagegateway_server), json={"error": "ThrottlingException", "operation": "ListGateways", "count": 1}, timeout=30
    )
    assert created.status_code == 201
    fault_id = created.json()["id"]
    listed = requests.get(faults_url(storagegateway_server), timeout=30).json()
    assert [f["id"] for f in listed["faults"]] == [fault_id]
    assert listed["faults"][0]["remaining"] == 1
    client = boto3.client(
        "storagegateway", region_name="us-east-1", endpoint_url=storagegateway_server,
        aws_access_key_id="testing", aws_secret_access_key="testing", config=NO_RETRIES,
    )  # fmt: skip
    with pytest.raises(ClientError) as exc:
        client.list_gateways()
    assert exc.value.response["Error"] == {"Code": "ThrottlingException", "Message": "Rate exceeded"}
    assert requests.get(faults_url(storagegateway_server), timeout=30).json() == {"faults": []}
    assert client.list_gateways()["Gateways"] == []


def test_server_delete_one_and_all(storagegateway_server: str) -> None:
    url = faults_url(storagegateway_server)
    one = requests.post(url, json={"error": "ThrottlingException"}, timeout=30).json()["id"]
    requests.post(url, json={"error": None, "latency": 0.1}, timeout=30)
    assert requests.delete(f"{url}/{one}", timeout=30).json() == {"cleared": 1}
    missing = requests.delete(f"{url}/{one}", timeout=30)
    assert (missing.status_code, missing.json()) == (404, {"message": f"no fault with id {one!r}"})
    assert requests.delete(url, timeout=30).json() == {"cleared": 1}
    assert requests.get(url, timeout=30).json() == {"faults": []}


@pytest.mark.parametrize(
    "body, message",
    [
        ({"error": "Boom"}, "error must be ThrottlingException"),
        ({"operation": "ListGateways"}, "a fault needs 'error'"),
        ({"error": "ThrottlingException", "colour": "red"}, "unexpected keyword argument 'colour'"),
        (["ThrottlingException"], "the body is not a JSON object"),
    ],
)
def test_server_bad_fault_body_is_400(storagegateway_server: str, body: Any, message: str) -> None:
    response = requests.post(faults_url(storagegateway_server), json=body, timeout=30)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert requests.get(faults_url(storagegateway_server), timeout=30).json() == {"faults": []}


def test_server_reset_clears_faults(storagegateway_server: str) -> None:
    requests.post(faults_url(storagegateway_server), json={"error": "ThrottlingException"}, timeout=30)
    requests.post(f"{storagegateway_server}/moto-api/reset", timeout=30)
    assert requests.get(faults_url(storagegateway_server), timeout=30).json() == {"faults": []}


@pytest.fixture(scope="module")
def faulty_server() -> Iterator[ServerProcess]:
    server = ServerProcess("--fault", "ThrottlingException:ListGateways", "--fault", "VolumeNotReady:CreateSnapshot:1:5")
    try:
        yield server
    finally:
        server.stop()


def test_server_fault_option_starts_with_faults(faulty_server: ServerProcess) -> None:
    listed = requests.get(faults_url(faulty_server.url), timeout=30).json()["faults"]
    assert [(f["error"], f["operation"], f["rate"], f["seed"]) for f in listed] == [
        ("ThrottlingException", "ListGateways", None, None),
        ("VolumeNotReady", "CreateSnapshot", 1.0, 5),
    ]
    strict_client = boto3.client(
        "storagegateway", region_name="us-east-1", endpoint_url=faulty_server.url,
        aws_access_key_id="testing", aws_secret_access_key="testing", config=NO_RETRIES,
    )  # fmt: skip
    with pytest.raises(ClientError) as exc:
        strict_client.list_gateways()
    assert exc.value.response["Error"]["Code"] == "ThrottlingException"


@pytest.mark.parametrize(
    "option, message",
    [
        ("Boom", "error must be ThrottlingException"),
        ("ThrottlingException:NoSuchOperation", "operation must be '*' or an operation"),
        ("ThrottlingException:ListGateways:often", "RATE is a number and SEED a whole number"),
        ("ThrottlingException:ListGateways:2", "rate must be more than 0 and at most 1"),
        ("a:b:c:d:e", "--fault takes ERROR[:OPERATION[:RATE[:SEED]]]"),
    ],
)
def test_server_bad_fault_option_exits_2_with_a_message(option: str, message: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "moto_sgw", "-p", "0", "--fault", option],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_aws_cli_sees_a_throttle(storagegateway_server: str, tmp_path: Any) -> None:
    from .clients.test_aws_cli import AwsCli, _expected_service_error_code

    requests.post(faults_url(storagegateway_server), json={"error": "ThrottlingException", "operation": "ListGateways"}, timeout=30)
    cli = AwsCli(storagegateway_server, tmp_path)
    cli.env["AWS_MAX_ATTEMPTS"] = "1"
    done = cli.run("storagegateway", "list-gateways")
    assert done.returncode == _expected_service_error_code()
    # AWS CLI v1: "An error occurred (ThrottlingException) when calling the ListGateways
    # operation (reached max retries: 0): Rate exceeded"
    assert "An error occurred (ThrottlingException) when calling the ListGateways operation" in done.stderr
    assert done.stderr.strip().endswith(": Rate exceeded")
