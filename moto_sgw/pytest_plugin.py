"""The pytest plugin (entry point group ``pytest11``): registration and fixtures.

- ``storagegateway``: a boto3 Storage Gateway client inside a fresh in-process mock.
- ``storagegateway_server``: the endpoint URL of a ``moto-sgw-server`` process, one per
  test session (so one per pytest-xdist worker), on a free port; state is reset
  before each test that uses it.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from typing import Any, Iterator

import pytest

from .registration import register

SERVER_START_TIMEOUT = 60.0


def pytest_configure(config: Any) -> None:
    register()


@pytest.fixture
def storagegateway() -> Iterator[Any]:
    """A boto3 Storage Gateway client inside a fresh ``mock_storagegateway``.

    Its region is ``AWS_DEFAULT_REGION`` or ``us-east-1``. EC2 and every other moto
    service are mocked in the same world, so ``boto3.client("ec2")`` sees its snapshots.
    """
    import boto3

    from . import mock_storagegateway

    with mock_storagegateway():
        region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
        yield boto3.client("storagegateway", region_name=region)


class ServerProcess:
    """A ``python -m moto_sgw -p 0`` child process and the URL it serves."""

    def __init__(self, *extra_args: str) -> None:
        # stdout carries one line (the URL); the request log goes to a file, so that
        # no pipe fills up and blocks the server.
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto_sgw", "--host", "127.0.0.1", "--port", "0", *extra_args],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )
        self.url = self._read_url()

    def _read_url(self) -> str:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        assert self.process.stdout is not None
        lines = []
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("moto-sgw-server: serving on "):
                return line.split("serving on ", 1)[1].split()[0]
        self.log.seek(0)
        output = "".join(lines) + self.log.read()
        self.stop()
        raise RuntimeError("moto-sgw-server did not start:\n" + output)

    def reset(self) -> None:
        import urllib.request

        request = urllib.request.Request(f"{self.url}/moto-api/reset", method="POST")
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            response.read()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()


@pytest.fixture(scope="session")
def storagegateway_server_process() -> Iterator[ServerProcess]:
    """The session's (or xdist worker's) server process; prefer ``storagegateway_server``."""
    server = ServerProcess()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def storagegateway_server(storagegateway_server_process: ServerProcess) -> str:
    """The endpoint URL of a running ``moto-sgw-server``, its state freshly reset.

    Point any client at it: ``boto3.client("storagegateway", endpoint_url=url, ...)``,
    ``aws --endpoint-url URL ...``, or another SDK's endpoint setting.
    """
    storagegateway_server_process.reset()
    return storagegateway_server_process.url
