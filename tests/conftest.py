from __future__ import annotations

from typing import Any, Dict, Iterator, List, Tuple

import boto3
import pytest

from moto_sgw import mock_storagegateway
from moto_sgw.protocol import chain

from .conformance import check_response, is_mock_fault

ACTIVATION_KEY = "29AV1-3OFV9-VVIUB-NKT0I-LRO6V"
REGION = "us-east-1"
GIB = 1024**3


# Responses of a server the test's clients talked to, as botocore received them.
SERVER_RESPONSES: List[Tuple[str, int, Dict[str, str], str]] = []
# Fixtures that exist to call Storage Gateway in-process: a test using one must have done so.
CALLING_FIXTURES = frozenset({"sgw", "ec2", "storagegateway"})


def pytest_configure(config: Any) -> None:
    config.addinivalue_line(
        "markers", "mock_fault: the test provokes a fault of the mock (HTTP 500 InternalError) on purpose"
    )


@pytest.fixture(autouse=True)
def every_response_conforms(request: pytest.FixtureRequest) -> Iterator[List[Tuple[str, int, Dict[str, str], str]]]:
    """Check every response the test provoked against the model's shapes.

    In-process responses come from an observer of the pipeline itself (so none is missed);
    server responses from the botocore clients :func:`server_client` makes. A fault of the
    mock (HTTP 500 ``InternalError``) fails the test unless it is marked ``mock_fault``; a
    test that uses a calling fixture and made no call fails too (its check saw nothing).
    """
    seen: List[Tuple[str, int, Dict[str, str], str]] = []

    def observe(ctx: Any) -> None:
        status, headers, body = ctx.response
        seen.append((ctx.operation_name, status, headers, body))

    stop = chain.PIPELINE.observe(observe)
    SERVER_RESPONSES.clear()
    try:
        yield seen
    finally:
        stop()
    answered = seen + SERVER_RESPONSES
    faults_expected = request.node.get_closest_marker("mock_fault") is not None
    problems = []
    for operation, status, out_headers, body in answered:
        if operation:
            problems.extend(check_response(operation, status, out_headers, body))
        if is_mock_fault(status, body) and not faults_expected:
            problems.append(f"{operation or 'a request'}: a fault of the mock: {body}")
    if CALLING_FIXTURES & set(request.fixturenames) and not answered:
        problems.append("the test used a Storage Gateway fixture but no response was seen")
    assert not problems, "\n".join(problems)


@pytest.fixture
def sgw() -> Iterator[Any]:
    with mock_storagegateway():
        yield boto3.client("storagegateway", region_name=REGION)


@pytest.fixture
def ec2(sgw: Any) -> Any:
    return boto3.client("ec2", region_name=REGION)


def activate(client: Any, gateway_type: str = "CACHED", name: str = "gw", **extra: Any) -> str:
    region = client.meta.region_name
    return client.activate_gateway(
        ActivationKey=ACTIVATION_KEY,
        GatewayName=name,
        GatewayTimezone="GMT-5:00",
        GatewayRegion=region,
        GatewayType=gateway_type,
        **extra,
    )["GatewayARN"]


def disk_ids(client: Any, gateway_arn: str) -> List[str]:
    return [d["DiskId"] for d in client.list_local_disks(GatewayARN=gateway_arn)["Disks"]]


def ip_of(client: Any, gateway_arn: str) -> str:
    info = client.describe_gateway_information(GatewayARN=gateway_arn)
    return info["GatewayNetworkInterfaces"][0]["Ipv4Address"]


def cached_gateway(client: Any, upload_buffer: bool = True) -> Dict[str, Any]:
    """A CACHED gateway with cache (and an upload buffer unless told)."""
    arn = activate(client, "CACHED")
    disks = disk_ids(client, arn)
    client.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    if upload_buffer:
        client.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    return {"arn": arn, "disks": disks, "ip": ip_of(client, arn)}


def cached_volume(client: Any, gateway: Dict[str, Any], target: str = "vol1", size: int = 5 * GIB, **extra: Any) -> str:
    return client.create_cached_iscsi_volume(
        GatewayARN=gateway["arn"],
        VolumeSizeInBytes=size,
        TargetName=target,
        NetworkInterfaceId=gateway["ip"],
        ClientToken="token-" + target,
        **extra,
    )["VolumeARN"]


def stored_gateway(client: Any, upload_buffer: bool = True) -> Dict[str, Any]:
    arn = activate(client, "STORED")
    disks = disk_ids(client, arn)
    if upload_buffer:
        client.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[0]])
    return {"arn": arn, "disks": disks, "ip": ip_of(client, arn)}


def stored_volume(client: Any, gateway: Dict[str, Any], disk_index: int = 2, target: str = "svol", **extra: Any) -> str:
    return client.create_stored_iscsi_volume(
        GatewayARN=gateway["arn"],
        DiskId=gateway["disks"][disk_index],
        PreserveExistingData=False,
        TargetName=target,
        NetworkInterfaceId=gateway["ip"],
        **extra,
    )["VolumeARN"]


def sgw_error(exc_info: Any) -> Tuple[str, str, str]:
    """(Code, Message, error.errorCode) of a ClientError."""
    response = exc_info.value.response
    return (
        response["Error"]["Code"],
        response["Error"]["Message"],
        response.get("error", {}).get("errorCode"),
    )


def server_client(url: str, name: str = "storagegateway", region: str = "us-east-1") -> Any:
    """A boto3 client of ``name`` talking to the server at ``url``, with dummy credentials.

    Storage Gateway clients hand every raw response to the conformance check.
    """
    client = boto3.client(
        name,
        region_name=region,
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    if name == "storagegateway":

        def record(response_dict: Any, operation_model: Any, **_: Any) -> None:
            body = response_dict["body"]
            SERVER_RESPONSES.append(
                (
                    operation_model.name,
                    response_dict["status_code"],
                    dict(response_dict["headers"]),
                    body.decode("utf-8") if isinstance(body, bytes) else body,
                )
            )

        client.meta.events.register("before-parse.storagegateway", record)
    return client
