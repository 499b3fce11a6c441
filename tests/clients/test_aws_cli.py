"""The real AWS CLI (``python -m awscli``, v1) against ``moto-sgw-server``.

Every test drives the CLI in a subprocess with a clean, file-less configuration, so
what is checked is what a user of ``aws --endpoint-url`` sees: output JSON, exit codes,
error lines on stderr and the raw response bodies in ``--debug``.
"""
from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any, Dict, List

import pytest

from ..conftest import ACTIVATION_KEY, GIB, REGION
from ..expected import UNKNOWN_GATEWAY

CLI_TIMEOUT = 60
NOT_FOUND_LINE = (
    "An error occurred (InvalidGatewayRequestException) when calling the "
    "DescribeGatewayInformation operation: The specified gateway was not found."
)
NOT_FOUND_BODY = {
    "__type": "InvalidGatewayRequestException",
    "error": {"errorCode": "GatewayNotFound"},
    "message": "The specified gateway was not found.",
}
GATEWAY_ARN_RE = re.compile(r"^arn:aws:storagegateway:us-east-1:123456789012:gateway/sgw-[0-9A-F]{8}$")


def _require_awscli() -> None:
    """Fail (never skip) when the AWS CLI is not importable in this interpreter."""
    if importlib.util.find_spec("awscli") is None:
        pytest.fail(
            f"`{sys.executable} -m awscli` is not available: pip install awscli (the test extra)",
            pytrace=False,
        )


def _expected_service_error_code() -> int:
    """The CLI's exit code for an error answered by the service.

    AWS CLI v1 exits 255 for any failed command, service errors included; v2 introduced
    254 for service errors. ``python -m awscli`` is v1, so 255 is what is observed.
    """
    import awscli

    return 254 if int(awscli.__version__.split(".")[0]) >= 2 else 255


class AwsCli:
    """Runs ``python -m awscli`` against one endpoint with a clean environment."""

    def __init__(self, url: str, tmp_path: Path) -> None:
        self.url = url
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith("AWS_")}
        missing = str(tmp_path / "no-such-aws-dir" / "missing")
        env.update(
            AWS_ACCESS_KEY_ID="testing",
            AWS_SECRET_ACCESS_KEY="testing",
            AWS_DEFAULT_REGION=REGION,
            AWS_CONFIG_FILE=missing,
            AWS_SHARED_CREDENTIALS_FILE=missing,
            AWS_EC2_METADATA_DISABLED="true",
            NO_PROXY="127.0.0.1,localhost",
            no_proxy="127.0.0.1,localhost",
        )
        self.env = env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        _require_awscli()
        command = [
            sys.executable, "-m", "awscli",
            "--endpoint-url", self.url, "--region", REGION, "--output", "json",
            *args,
        ]  # fmt: skip
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=CLI_TIMEOUT, check=False
        )

    def __call__(self, *args: str) -> Dict[str, Any]:
        """Run a command that must succeed; its JSON output (``{}`` when there is none)."""
        result = self.run(*args)
        assert result.returncode == 0, (
            f"aws {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        return json.loads(result.stdout) if result.stdout.strip() else {}

    # Scenario steps -----------------------------------------------------------

    def activate(self, gateway_type: str = "CACHED", name: str = "gw") -> str:
        out = self(
            "storagegateway", "activate-gateway",
            "--activation-key", ACTIVATION_KEY,
            "--gateway-name", name,
            "--gateway-timezone", "GMT-5:00",
            "--gateway-region", REGION,
            "--gateway-type", gateway_type,
        )  # fmt: skip
        return out["GatewayARN"]

    def disks(self, gateway_arn: str) -> List[Dict[str, Any]]:
        return self("storagegateway", "list-local-disks", "--gateway-arn", gateway_arn)["Disks"]

    def ipv4(self, gateway_arn: str) -> str:
        info = self("storagegateway", "describe-gateway-information", "--gateway-arn", gateway_arn)
        return info["GatewayNetworkInterfaces"][0]["Ipv4Address"]


@pytest.fixture
def aws(storagegateway_server: str, tmp_path: Path) -> AwsCli:
    return AwsCli(storagegateway_server, tmp_path)


def _debug_response_bodies(log: str) -> List[Any]:
    """Every ``Response body:`` that botocore logged under ``--debug``, parsed as JSON."""
    bodies = []
    lines = log.splitlines()
    for index, line in enumerate(lines[:-1]):
        if line.rstrip().endswith("Response body:"):
            raw = ast.literal_eval(lines[index + 1].strip())  # logged as a bytes literal
            if isinstance(raw, bytes):
                raw = raw.decode("utf-8")
            bodies.append(json.loads(raw))
    return bodies


def _reset(url: str) -> None:
    request = urllib.request.Request(f"{url}/moto-api/reset", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        response.read()


# Gateway set-up ---------------------------------------------------------------


def test_activate_gateway_returns_arn(aws: AwsCli) -> None:
    arn = aws.activate("CACHED")

    assert GATEWAY_ARN_RE.match(arn), arn


def test_local_disks_take_cache_and_upload_buffer(aws: AwsCli) -> None:
    arn = aws.activate("CACHED")
    disks = aws.disks(arn)
    assert len(disks) >= 3
    assert all(d["DiskSizeInBytes"] >= 10 * GIB for d in disks)
    assert {d["DiskAllocationType"] for d in disks} == {"AVAILABLE"}

    cache_out = aws("storagegateway", "add-cache", "--gateway-arn", arn, "--disk-ids", disks[0]["DiskId"])
    buffer_out = aws("storagegateway", "add-upload-buffer", "--gateway-arn", arn, "--disk-ids", disks[1]["DiskId"])

    assert cache_out == {"GatewayARN": arn}
    assert buffer_out == {"GatewayARN": arn}
    allocation = {d["DiskId"]: d["DiskAllocationType"] for d in aws.disks(arn)}
    assert allocation[disks[0]["DiskId"]] == "CACHE_STORAGE"  # the current model documents CACHE_STORAGE
    assert allocation[disks[1]["DiskId"]] == "UPLOAD_BUFFER"


def test_describe_gateway_information_shows_ipv4_address(aws: AwsCli) -> None:
    arn = aws.activate("CACHED")

    info = aws("storagegateway", "describe-gateway-information", "--gateway-arn", arn)

    assert info["GatewayARN"] == arn
    assert info["GatewayType"] == "CACHED"
    assert info["GatewayState"] == "RUNNING"
    address = info["GatewayNetworkInterfaces"][0]["Ipv4Address"]
    assert re.match(r"^\d{1,3}(\.\d{1,3}){3}$", address), address


# The whole chain --------------------------------------------------------------


def test_end_to_end_cached_volume_snapshot_seen_and_deleted_by_ec2(aws: AwsCli) -> None:
    gateway_arn = aws.activate("CACHED")
    disk_ids = [d["DiskId"] for d in aws.disks(gateway_arn)]
    aws("storagegateway", "add-cache", "--gateway-arn", gateway_arn, "--disk-ids", disk_ids[0])
    aws("storagegateway", "add-upload-buffer", "--gateway-arn", gateway_arn, "--disk-ids", disk_ids[1])
    ip = aws.ipv4(gateway_arn)

    volume = aws(
        "storagegateway", "create-cached-iscsi-volume",
        "--gateway-arn", gateway_arn,
        "--client-token", "cli-token-1",
        "--network-interface-id", ip,
        "--target-name", "clivol",
        "--volume-size-in-bytes", "5368709120",
    )  # fmt: skip
    volume_arn = volume["VolumeARN"]
    assert volume_arn.startswith(gateway_arn + "/volume/vol-")
    assert volume["TargetARN"] == gateway_arn + "/target/iqn.1997-05.com.amazon:clivol"
    volume_id = volume_arn.rsplit("/", 1)[1]

    snapshot = aws(
        "storagegateway", "create-snapshot",
        "--volume-arn", volume_arn,
        "--snapshot-description", "made by the AWS CLI",
        "--tags", "Key=k,Value=v",
    )  # fmt: skip
    assert snapshot["VolumeARN"] == volume_arn
    snapshot_id = snapshot["SnapshotId"]
    assert re.match(r"^snap-[0-9a-f]+$", snapshot_id), snapshot_id

    described = aws("ec2", "describe-snapshots", "--snapshot-ids", snapshot_id)["Snapshots"]
    assert len(described) == 1
    ebs = described[0]
    assert ebs["SnapshotId"] == snapshot_id
    assert ebs["Description"] == "made by the AWS CLI"
    assert ebs["VolumeId"] == volume_id.lower()
    assert ebs["VolumeSize"] == 5
    assert {"Key": "k", "Value": "v"} in ebs.get("Tags", [])

    assert aws("ec2", "delete-snapshot", "--snapshot-id", snapshot_id) == {}

    gone = aws.run("ec2", "describe-snapshots", "--snapshot-ids", snapshot_id)
    assert gone.returncode != 0, gone.stdout
    assert "InvalidSnapshot.NotFound" in gone.stderr, gone.stderr


# Errors -----------------------------------------------------------------------


def test_unknown_gateway_exit_code_and_error_line(aws: AwsCli) -> None:
    result = aws.run("storagegateway", "describe-gateway-information", "--gateway-arn", UNKNOWN_GATEWAY)

    assert result.returncode != 0
    assert result.returncode == _expected_service_error_code(), result.stderr
    assert result.stdout == ""
    assert NOT_FOUND_LINE in result.stderr, result.stderr


def test_unknown_gateway_error_json_in_debug_log(aws: AwsCli) -> None:
    result = aws.run(
        "storagegateway", "describe-gateway-information", "--gateway-arn", UNKNOWN_GATEWAY, "--debug"
    )

    assert result.returncode == _expected_service_error_code()
    bodies = _debug_response_bodies(result.stderr)
    assert bodies, "no 'Response body:' in the --debug log:\n" + result.stderr[-3000:]
    assert all(body == NOT_FOUND_BODY for body in bodies), bodies
    assert "'x-amzn-RequestId'" in result.stderr
    assert "'Content-Type': 'application/x-amz-json-1.1'" in result.stderr


def test_too_long_snapshot_description_is_a_validation_exception(aws: AwsCli) -> None:
    volume_arn = UNKNOWN_GATEWAY + "/volume/vol-0123456789ABCDEF0"

    result = aws.run(
        "storagegateway", "create-snapshot", "--volume-arn", volume_arn, "--snapshot-description", "d" * 256
    )

    assert result.returncode == _expected_service_error_code(), result.stderr
    assert "ValidationException" in result.stderr
    assert "when calling the CreateSnapshot operation: 1 validation error detected" in result.stderr
    assert "Member must have length less than or equal to 255" in result.stderr


# Reset ------------------------------------------------------------------------


def test_list_gateways_is_empty_after_moto_api_reset(aws: AwsCli) -> None:
    arn = aws.activate("CACHED")
    before = aws("storagegateway", "list-gateways")["Gateways"]
    assert [g["GatewayARN"] for g in before] == [arn]

    _reset(aws.url)

    assert aws("storagegateway", "list-gateways")["Gateways"] == []


# File shares and tapes --------------------------------------------------------


def test_nfs_file_share_on_a_bucket_made_later_becomes_available(aws: AwsCli) -> None:
    gateway = aws.activate("FILE_S3", name="cli-files")
    share = aws(
        "storagegateway", "create-nfs-file-share",
        "--client-token", "cli-share-token",
        "--gateway-arn", gateway,
        "--role", "arn:aws:iam::123456789012:role/cli-gateway",
        "--location-arn", "arn:aws:s3:::cli-share-bucket",
    )["FileShareARN"]  # fmt: skip
    assert re.fullmatch(r"arn:aws:storagegateway:us-east-1:123456789012:share/share-[0-9A-F]{8}", share)

    def status() -> str:
        described = aws("storagegateway", "describe-nfs-file-shares", "--file-share-arn-list", share)
        [info] = described["NFSFileShareInfoList"]
        return str(info["FileShareStatus"])

    assert status() == "CREATING"  # the bucket does not exist yet
    aws("s3api", "create-bucket", "--bucket", "cli-share-bucket")
    assert status() == "AVAILABLE"
    listed = aws("storagegateway", "list-file-shares", "--gateway-arn", gateway)["FileShareInfoList"]
    assert [(i["FileShareARN"], i["FileShareType"]) for i in listed] == [(share, "NFS")]


def test_unknown_file_share_error_line(aws: AwsCli) -> None:
    missing = "arn:aws:storagegateway:us-east-1:123456789012:share/share-00000000"
    result = aws.run("storagegateway", "delete-file-share", "--file-share-arn", missing)
    assert result.returncode == _expected_service_error_code(), result.stderr
    assert (
        "An error occurred (InvalidGatewayRequestException) when calling the DeleteFileShare "
        "operation: The specified file share was not found."
    ) in result.stderr


def test_tapes_created_listed_and_deleted(aws: AwsCli) -> None:
    gateway = aws.activate("VTL", name="cli-tapes")
    disks = [d["DiskId"] for d in aws.disks(gateway)]
    aws("storagegateway", "add-cache", "--gateway-arn", gateway, "--disk-ids", disks[0])
    tapes = aws(
        "storagegateway", "create-tapes",
        "--gateway-arn", gateway,
        "--tape-size-in-bytes", str(100 * GIB),
        "--client-token", "cli-tapes-token",
        "--num-tapes-to-create", "3",
        "--tape-barcode-prefix", "CLI",
    )["TapeARNs"]  # fmt: skip
    assert len(tapes) == 3
    listed = aws("storagegateway", "list-tapes")["TapeInfos"]
    assert sorted(info["TapeARN"] for info in listed) == sorted(tapes)
    assert {info["TapeStatus"] for info in listed} == {"AVAILABLE"}
    aws("storagegateway", "delete-tape", "--gateway-arn", gateway, "--tape-arn", tapes[0])
    remaining = aws("storagegateway", "describe-tapes", "--gateway-arn", gateway)["Tapes"]
    assert sorted(tape["TapeARN"] for tape in remaining) == sorted(tapes[1:])
