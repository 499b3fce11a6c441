from __future__ import annotations

from typing import Any, Dict, Iterator, List, Tuple

import boto3
import pytest

from moto_sgw import mock_storagegateway
from moto_sgw.protocol import registry

from .conformance import check_response

ACTIVATION_KEY = "29AV1-3OFV9-VVIUB-NKT0I-LRO6V"
REGION = "us-east-1"
GIB = 1024**3


@pytest.fixture(autouse=True)
def every_response_conforms(monkeypatch: pytest.MonkeyPatch) -> Iterator[List[Tuple[str, int, str]]]:
    """Check every raw response the test provoked against the model's shapes."""
    seen: List[Tuple[str, int, dict, str]] = []
    original = registry.handle_request

    def recording(request: Any, url: str, headers: Any, backends: Any) -> Any:
        status, out_headers, body = original(request, url, headers, backends)
        target = dict((k.lower(), v) for k, v in dict(headers).items()).get("x-amz-target", "")
        if isinstance(target, bytes):
            target = target.decode()
        seen.append((target.partition(".")[2], status, out_headers, body))
        return status, out_headers, body

    monkeypatch.setattr(registry, "handle_request", recording)
    yield seen  # type: ignore[misc]
    problems = []
    for operation, status, out_headers, body in seen:
        if operation:
            problems.extend(check_response(operation, status, out_headers, body))
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
    """A boto3 client of ``name`` talking to the server at ``url``, with dummy credentials."""
    return boto3.client(
        name,
        region_name=region,
        endpoint_url=url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
