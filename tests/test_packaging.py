"""What a team adopting the package relies on: its metadata, typing marker, licence, version,
the server's --version, ThreadedMotoServer, and the files README names."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

import moto_sgw

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    # Offline where the environment already has the build backend; else pip fetches it.
    flags = ["--no-build-isolation"] if _has_build_backend() else []
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", *flags, "-w", str(out), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    [built] = out.glob("moto_sgw-*.whl")
    return zipfile.ZipFile(built)


def _has_build_backend() -> bool:
    try:
        import setuptools  # noqa: F401
        import wheel  # noqa: F401
    except ImportError:
        return False
    return True


def _metadata(wheel: zipfile.ZipFile) -> str:
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    return wheel.read(name).decode("utf-8")


def test_wheel_carries_the_typing_marker(wheel: zipfile.ZipFile) -> None:
    assert "moto_sgw/py.typed" in wheel.namelist()


def test_wheel_carries_the_licence(wheel: zipfile.ZipFile) -> None:
    licences = [n for n in wheel.namelist() if re.search(r"\.dist-info/(licenses/)?LICENSE$", n)]
    assert licences, wheel.namelist()
    assert b"Apache License" in wheel.read(licences[0])
    assert "License :: OSI Approved :: Apache Software License" in _metadata(wheel)


def test_wheel_metadata_has_version_keywords_and_urls(wheel: zipfile.ZipFile) -> None:
    metadata = _metadata(wheel)
    assert f"Version: {moto_sgw.__version__}" in metadata
    assert re.search(r"^Keywords: .*storage gateway", metadata, re.M)
    assert re.search(r"^Project-URL: Source, https://", metadata, re.M)
    assert re.search(r"^Project-URL: Changelog, https://", metadata, re.M)
    assert "Typing :: Typed" in metadata


def test_wheel_declares_the_console_script_and_the_pytest_plugin(wheel: zipfile.ZipFile) -> None:
    [name] = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    entry_points = wheel.read(name).decode("utf-8")
    assert "moto-sgw-server = moto_sgw.server:main" in entry_points
    assert "moto_sgw = moto_sgw.pytest_plugin" in entry_points


def test_server_version_option() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "moto_sgw", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"moto-sgw-server {moto_sgw.__version__}"


def test_changelog_names_the_current_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {moto_sgw.__version__}" in changelog or "## Unreleased" in changelog


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_motos_threaded_server_serves_storage_gateway_once_moto_sgw_is_imported() -> None:
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        client = boto3.client(
            "storagegateway", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{port}",
            aws_access_key_id="testing", aws_secret_access_key="testing",
            config=Config(retries={"total_max_attempts": 1}),
        )  # fmt: skip
        assert client.list_gateways()["Gateways"] == []
        # The server runs in this process: faults injected here apply to it.
        moto_sgw.inject_fault("ThrottlingException", operation="ListGateways", count=1)
        with pytest.raises(ClientError) as exc:
            client.list_gateways()
        assert exc.value.response["Error"]["Code"] == "ThrottlingException"
    finally:
        moto_sgw.clear_faults()
        server.stop()


# Files and commands the README names that a new user must find.
README_PATHS = re.compile(r"`((?:examples|clients|benchmarks|scripts|tests|moto_sgw)/[\w./-]+|[A-Z_]+\.md|LICENSE)`")


def test_every_file_the_readme_names_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(README_PATHS.findall(readme))
    assert {"examples/test_retry_with_faults.py", "CHANGELOG.md"} <= named
    missing = sorted(path for path in named if not (ROOT / path.rstrip("/")).exists())
    assert missing == []


def test_readme_set_up_installs_what_its_test_command_needs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [setup] = re.findall(r"## Set up\n\n```bash\n(.*?)\n```", readme, re.S)
    assert "tox" in setup  # the test command's first form
    assert '".[test,server]"' in setup
    assert "npm ci --prefix clients/js" in setup
