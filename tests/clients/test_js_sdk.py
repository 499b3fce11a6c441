"""The AWS SDK for JavaScript v3 against ``moto-sgw-server``.

``clients/js/scenario.mjs`` runs a named scenario with ``@aws-sdk/client-storage-gateway``
and ``@aws-sdk/client-ec2`` and prints what it observed as one JSON object; these tests
assert on it. They need ``node`` and the locked packages (``npm ci --prefix clients/js``)
and fail, never skip, without them.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
JS_DIR = REPO / "clients" / "js"
SCENARIO = JS_DIR / "scenario.mjs"
SETUP_HINT = "run `npm ci --prefix clients/js` (Node.js >= 20) from the repository root"
SCENARIO_TIMEOUT = 120

ACCOUNT = "123456789012"
GATEWAY_ARN = re.compile(rf"arn:aws:storagegateway:us-east-1:{ACCOUNT}:gateway/sgw-[0-9A-F]{{8}}")
VOLUME_ID = re.compile(r"vol-[0-9A-F]+")
SNAPSHOT_ID = re.compile(r"snap-0[0-9a-f]{16}")
GIB = 1024**3


def run_scenario(name: str, endpoint: str) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"`node` is not on PATH: install Node.js >= 20, then {SETUP_HINT}", pytrace=False)
    for package in ("client-storage-gateway", "client-ec2"):
        if not (JS_DIR / "node_modules" / "@aws-sdk" / package / "package.json").is_file():
            pytest.fail(f"clients/js/node_modules lacks @aws-sdk/{package}: {SETUP_HINT}", pytrace=False)
    env = dict(os.environ, SGW_ENDPOINT=endpoint)
    result = subprocess.run(
        [node, os.path.relpath(SCENARIO, REPO), name],
        cwd=str(REPO),
        env=env,
        capture_output=True,
        text=True,
        timeout=SCENARIO_TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, (
        f"scenario {name!r} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, f"expected one JSON line on stdout, got:\n{result.stdout}\nstderr:\n{result.stderr}"
    observed = json.loads(lines[0])
    assert observed["scenario"] == name
    return observed


def test_happy_path(storagegateway_server: str) -> None:
    out = run_scenario("happy", storagegateway_server)

    gateway_arn = out["gatewayArn"]
    assert GATEWAY_ARN.fullmatch(gateway_arn), gateway_arn
    assert out["addCacheGatewayArn"] == gateway_arn
    assert out["addUploadBufferGatewayArn"] == gateway_arn
    assert len(out["diskIds"]) >= 3
    assert out["gatewayState"] == "RUNNING"
    assert out["gatewayType"] == "CACHED"
    assert re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", out["ipv4"]), out["ipv4"]

    volume_arn = out["volumeArn"]
    assert volume_arn.startswith(gateway_arn + "/volume/")
    volume_id = volume_arn.rsplit("/", 1)[1]
    assert VOLUME_ID.fullmatch(volume_id), volume_id
    assert out["targetArn"] == f"{gateway_arn}/target/iqn.1997-05.com.amazon:js-volume"

    assert out["describedVolumeCount"] == 1
    assert out["describedVolume"] == {
        "VolumeARN": volume_arn,
        "VolumeId": volume_id,
        "VolumeType": "CACHED iSCSI",
        "VolumeStatus": "AVAILABLE",
        "VolumeSizeInBytes": 5 * GIB,
        "TargetARN": out["targetArn"],
    }

    snapshot_id = out["snapshotId"]
    assert SNAPSHOT_ID.fullmatch(snapshot_id), snapshot_id
    assert out["snapshotVolumeArn"] == volume_arn

    assert out["ec2SnapshotCount"] == 1
    assert out["ec2Snapshot"] == {
        "SnapshotId": snapshot_id,
        "Description": "js-sdk snapshot",
        "VolumeId": volume_id.lower(),
        "VolumeSize": 5,
        "State": "completed",
        "OwnerId": ACCOUNT,
        "Tags": [{"Key": "team", "Value": "storage"}],
    }

    assert out["deleteHttpStatusCode"] == 200
    after_delete = out["afterDelete"]
    assert after_delete["name"] == "InvalidSnapshot.NotFound"
    assert after_delete["httpStatusCode"] == 400
    assert after_delete["fault"] == "client"


def test_gateway_not_found(storagegateway_server: str) -> None:
    out = run_scenario("gateway-not-found", storagegateway_server)
    assert out["error"] == {
        "name": "InvalidGatewayRequestException",
        "message": "The specified gateway was not found.",
        "errorCode": "GatewayNotFound",
        "httpStatusCode": 400,
        "fault": "client",
    }


def test_validation_error(storagegateway_server: str) -> None:
    out = run_scenario("validation", storagegateway_server)
    assert VOLUME_ID.fullmatch(out["volumeArn"].rsplit("/", 1)[1])
    assert out["descriptionLength"] == 256
    error = out["error"]
    assert error["name"] == "ValidationException"
    assert error["httpStatusCode"] == 400
    assert error["fault"] == "client"
    assert error["message"] == (
        "1 validation error detected: Value '" + "x" * 256 + "' at 'snapshotDescription' "
        "failed to satisfy constraint: Member must have length less than or equal to 255"
    )


def test_file_shares_and_tapes(storagegateway_server: str) -> None:
    out = run_scenario("files-and-tapes", storagegateway_server)
    share_arn = out["fileShareArn"]
    assert re.fullmatch(r"arn:aws:storagegateway:us-east-1:123456789012:share/share-[0-9A-F]{8}", share_arn)
    # The bucket was never made: no create error, and the share waits for it (CREATING).
    assert out["share"] == {
        "FileShareId": share_arn.rsplit("/", 1)[1],
        "FileShareStatus": "CREATING",
        "FileShareName": "js-bucket-never-made",
        "Squash": "RootSquash",
        "ClientList": ["0.0.0.0/0"],
    }
    # FileShareNotFound is outside the model's enum; the SDK still hands it over.
    assert out["missingShare"] == {
        "name": "InvalidGatewayRequestException",
        "message": "The specified file share was not found.",
        "errorCode": "FileShareNotFound",
        "httpStatusCode": 400,
        "fault": "client",
    }
    assert len(out["tapeArns"]) == 2
    assert all(re.fullmatch(r"arn:aws:storagegateway:us-east-1:123456789012:tape/JS[0-9A-F]{6}", a) for a in out["tapeArns"])
    assert sorted(out["tapes"], key=lambda t: t["TapeARN"]) == [
        {"TapeARN": arn, "TapeStatus": "AVAILABLE", "TapeSizeInBytes": 100 * 1024**3} for arn in sorted(out["tapeArns"])
    ]
    assert out["tapeOnFileGateway"] == {
        "name": "InvalidGatewayRequestException",
        "message": "This operation is not valid for the specified gateway.",
        "errorCode": "UnsupportedOperationForGatewayType",
        "httpStatusCode": 400,
        "fault": "client",
    }
