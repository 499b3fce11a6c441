"""Generated files must match what the code and the model produce today."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from moto_sgw.coverage import render
from moto_sgw.protocol import registry, service

ROOT = Path(__file__).resolve().parent.parent


def test_implementation_coverage_is_current() -> None:
    on_disk = (ROOT / "IMPLEMENTATION_COVERAGE.md").read_text(encoding="utf-8")
    assert on_disk == render(), "run `python scripts/update_coverage.py`"


def test_implementation_coverage_lists_every_operation_once() -> None:
    marks = re.findall(r"^- \[([ x])\] (\w+)$", render(), flags=re.M)
    assert sorted(name for _, name in marks) == sorted(service.operation_names())
    assert len(marks) == 96
    assert {name for mark, name in marks if mark == "x"} == set(registry.HANDLERS)


def test_generated_shapes_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_shapes.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
