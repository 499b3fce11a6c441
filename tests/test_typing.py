"""mypy, strict on ``moto_sgw/`` (configured in setup.cfg), passes.

The handlers are typed against ``moto_sgw/_generated/shapes.py``, botocore's model as
TypedDicts: a handler that reads a member its input lacks, or returns a member, a type
or an enum value its output shape does not allow, fails here before any request runs.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_strict_passes_on_the_package() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "setup.cfg")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout


def test_mypy_catches_a_handler_returning_a_member_its_output_lacks(tmp_path: Path) -> None:
    # The same check, on a handler written wrong on purpose: it must fail.
    sloppy = tmp_path / "sloppy.py"
    sloppy.write_text(
        "from __future__ import annotations\n"
        "from moto_sgw._generated.shapes import ActivateGatewayInput, ActivateGatewayOutput\n"
        "def activate(req: ActivateGatewayInput) -> ActivateGatewayOutput:\n"
        "    return {'GatewayArn': req['ActivationKey']}\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(sloppy)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert '"GatewayArn"' in done.stdout and "ActivateGatewayOutput" in done.stdout
