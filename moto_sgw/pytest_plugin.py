"""The pytest plugin (entry point group ``pytest11``): registration and fixtures.

- ``storagegateway``: a boto3 Storage Gateway client inside a fresh in-process mock.
- ``storagegateway_server``: the endpoint URL of a ``moto-sgw-server`` process, one per
  test session (so one per pytest-xdist worker), on a free port; state is reset
  before each test that uses it.
"""
from __future__ import annotations

import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any, Iterator, List, Optional, Sequence

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
    """A ``python -m moto_sgw -p 0`` child process and the URL it serves.

    ``timeout`` bounds the wait for the server's "serving on" line: a server that
    prints nothing, or hangs, is stopped and reported within it.
    """

    def __init__(
        self,
        *extra_args: str,
        command: Optional[Sequence[str]] = None,
        timeout: float = SERVER_START_TIMEOUT,
    ) -> None:
        # stdout carries one line (the URL); the request log goes to a file, so that
        # no pipe fills up and blocks the server.
        self.log = tempfile.TemporaryFile(mode="w+")
        argv = list(command) if command is not None else [
            sys.executable, "-m", "moto_sgw", "--host", "127.0.0.1", "--port", "0", *extra_args
        ]
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.url = self._read_url(timeout)

    def _read_url(self, timeout: float) -> str:
        assert self.process.stdout is not None
        lines: "queue.Queue[Optional[str]]" = queue.Queue()
        stdout = self.process.stdout

        def pump() -> None:
            # readline blocks; on a thread of its own it cannot hold up the deadline.
            try:
                for line in iter(stdout.readline, ""):
                    lines.put(line)
            except (OSError, ValueError):  # closed by stop() meanwhile
                pass
            lines.put(None)

        threading.Thread(target=pump, name="moto-sgw-server-stdout", daemon=True).start()
        deadline = time.monotonic() + timeout
        seen: List[str] = []
        reason = f"no address within {timeout:g}s"
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                break
            if line is None:  # stdout closed: the process is ending
                try:
                    reason = f"it exited with status {self.process.wait(timeout=max(remaining, 1))}"
                except subprocess.TimeoutExpired:
                    reason = "it closed its output"
                break
            seen.append(line)
            if line.startswith("moto-sgw-server: serving on "):
                return line.split("serving on ", 1)[1].split()[0]
        self.log.seek(0)
        output = "".join(seen) + self.log.read()
        self.stop()
        raise RuntimeError(f"moto-sgw-server did not start ({reason}):\n{output}")

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
