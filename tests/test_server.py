"""``moto-sgw-server`` / ``python -m moto_sgw``: options, failures, routing and reset."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from typing import Any, Dict, Iterator, List, Optional

import pytest

from moto_sgw.pytest_plugin import ServerProcess

from .conftest import ACTIVATION_KEY, server_client

TARGET = "StorageGateway_20130630"


def run_server(args: List[str], env: Optional[Dict[str, str]] = None, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run the server command expecting it to stop by itself (a failure)."""
    return subprocess.run(
        [sys.executable, "-m", "moto_sgw", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def activate(url: str, region: str = "us-east-1") -> str:
    return server_client(url, region=region).activate_gateway(
        ActivationKey=ACTIVATION_KEY,
        GatewayName="server",
        GatewayTimezone="GMT",
        GatewayRegion=region,
        GatewayType="CACHED",
    )["GatewayARN"]


def post_unsigned(url: str, operation: str, body: Dict[str, Any]) -> Any:
    request = urllib.request.Request(
        url + "/",
        data=json.dumps(body).encode(),
        headers={"X-Amz-Target": f"{TARGET}.{operation}", "Content-Type": "application/x-amz-json-1.1"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
        return response.status, dict(response.headers), json.loads(response.read())


@pytest.fixture
def short_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[ServerProcess]:
    """A server told ``--id-format short`` while its environment says long: the option wins."""
    monkeypatch.setenv("MOTO_SGW_ID_FORMAT", "long")
    server = ServerProcess("--id-format", "short")
    try:
        yield server
    finally:
        server.stop()


def test_port_zero_picks_a_free_port_and_says_which(storagegateway_server: str) -> None:
    port = int(storagegateway_server.rsplit(":", 1)[1])
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", storagegateway_server)
    assert port not in (0, 5000)
    assert server_client(storagegateway_server).list_gateways()["Gateways"] == []


def test_port_taken_fails_with_a_clear_message() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_server(["-p", str(port)])
    assert done.returncode == 1
    assert f"moto-sgw-server: cannot listen on 127.0.0.1:{port}" in done.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["-p", "70000"], "argument -p/--port: 70000 is not a port number (0-65535)"),
        (["-p", "web"], "argument -p/--port: invalid int value: 'web'"),
        (["--id-format", "medium"], "argument --id-format: invalid choice: 'medium'"),
        (["--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_wrong_option_fails_with_usage(args: List[str], message: str) -> None:
    done = run_server(args)
    assert done.returncode == 2
    assert "usage: moto-sgw-server" in done.stderr
    assert message in done.stderr


def test_wrong_id_format_in_environment_fails() -> None:
    done = run_server(["-p", "0"], env={"MOTO_SGW_ID_FORMAT": "medium"})
    assert done.returncode == 2
    assert done.stderr.strip() == "moto-sgw-server: MOTO_SGW_ID_FORMAT must be 'long' or 'short', not 'medium'"


def test_console_script_is_installed() -> None:
    script = shutil.which("moto-sgw-server", path=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    assert script is not None
    done = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    usage = " ".join(done.stdout.split())  # argparse wraps the line by the terminal's width
    assert (
        "usage: moto-sgw-server [-h] [-H HOST] [-p PORT] [--version] "
        "[--fault ERROR[:OPERATION[:RATE[:SEED]]]] [--id-format {long,short}]" in usage
    )
    assert "--host" in done.stdout and "--port" in done.stdout


def test_reset_clears_storage_gateway_state(storagegateway_server: str) -> None:
    activate(storagegateway_server)
    request = urllib.request.Request(f"{storagegateway_server}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 200
    assert server_client(storagegateway_server).list_gateways()["Gateways"] == []


def test_unsigned_request_with_target_is_served(storagegateway_server: str) -> None:
    arn = activate(storagegateway_server)
    status, headers, body = post_unsigned(storagegateway_server, "ListGateways", {})
    assert status == 200
    assert headers["Content-Type"] == "application/x-amz-json-1.1"
    assert headers["x-amzn-RequestId"]
    assert [g["GatewayARN"] for g in body["Gateways"]] == [arn]


def test_requests_are_routed_by_credential_scope_region(storagegateway_server: str) -> None:
    arn = activate(storagegateway_server, "eu-west-1")
    assert ":eu-west-1:" in arn
    assert server_client(storagegateway_server, region="us-east-1").list_gateways()["Gateways"] == []
    assert len(server_client(storagegateway_server, region="eu-west-1").list_gateways()["Gateways"]) == 1


def test_other_moto_services_share_the_port(storagegateway_server: str) -> None:
    s3 = server_client(storagegateway_server, "s3")
    s3.create_bucket(Bucket="moto-sgw-server-test")
    assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["moto-sgw-server-test"]


def test_id_format_option_gives_short_ids(short_server: ServerProcess) -> None:
    sgw = server_client(short_server.url)
    arn = activate(short_server.url)
    disks = [d["DiskId"] for d in sgw.list_local_disks(GatewayARN=arn)["Disks"]]
    sgw.add_cache(GatewayARN=arn, DiskIds=[disks[0]])
    ip = sgw.describe_gateway_information(GatewayARN=arn)["GatewayNetworkInterfaces"][0]["Ipv4Address"]
    volume_arn = sgw.create_cached_iscsi_volume(
        GatewayARN=arn,
        VolumeSizeInBytes=1024**3,
        TargetName="short",
        NetworkInterfaceId=ip,
        ClientToken="short-token",
    )["VolumeARN"]
    assert re.fullmatch(r".*/volume/vol-[0-9A-F]{8}", volume_arn)
    volume_id = volume_arn.rsplit("/", 1)[1]
    sgw.add_upload_buffer(GatewayARN=arn, DiskIds=[disks[1]])
    snapshot_id = sgw.create_snapshot(VolumeARN=volume_arn, SnapshotDescription="short")["SnapshotId"]
    assert re.fullmatch(r"snap-[0-9a-f]{8}", snapshot_id)
    [ebs] = server_client(short_server.url, "ec2").describe_snapshots(SnapshotIds=[snapshot_id])["Snapshots"]
    assert ebs["VolumeId"] == volume_id.lower()


def test_server_answers_errors_as_json_not_html(storagegateway_server: str) -> None:
    request = urllib.request.Request(
        storagegateway_server + "/",
        data=b"{not json",
        headers={"X-Amz-Target": f"{TARGET}.ListGateways", "Content-Type": "application/x-amz-json-1.1"},
        method="POST",
    )
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(request, timeout=30)  # noqa: S310
    assert exc.value.code == 400
    assert json.loads(exc.value.read())["__type"] == "SerializationException"


def test_server_start_up_deadline_fires_when_nothing_is_printed() -> None:
    import time

    silent = [sys.executable, "-c", "import time; time.sleep(60)"]
    started = time.monotonic()
    with pytest.raises(RuntimeError) as caught:
        ServerProcess(command=silent, timeout=1.0)
    assert time.monotonic() - started < 15  # not the 60 s the silent process would take
    assert "did not start (no address within 1s)" in str(caught.value)


def test_server_that_exits_at_once_is_reported_with_its_output() -> None:
    failing = [sys.executable, "-c", "import sys; print('boom', file=sys.stderr); sys.exit(3)"]
    with pytest.raises(RuntimeError) as caught:
        ServerProcess(command=failing, timeout=30.0)
    assert "it exited with status 3" in str(caught.value)
    assert "boom" in str(caught.value)
