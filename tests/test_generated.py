"""Generated files must match what the code and the model they were generated from produce.

When the installed botocore carries another Storage Gateway model than the one a file
was generated from (a botocore release), the exact comparison is not made, a warning
says to regenerate, and what does not depend on the model is still checked.
"""
from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any, Dict

import pytest

from moto_sgw import coverage
from moto_sgw._generated import shapes
from moto_sgw.protocol import registry, service

ROOT = Path(__file__).resolve().parent.parent
COVERAGE = ROOT / "IMPLEMENTATION_COVERAGE.md"


def _same_model(recorded: object) -> bool:
    if recorded == service.model_fingerprint():
        return True
    warnings.warn(
        f"generated from botocore model {recorded}, installed {service.model_fingerprint()}: "
        "run `python scripts/generate_shapes.py` and `python scripts/update_coverage.py`",
        UserWarning,
    )
    return False


def test_implementation_coverage_is_current() -> None:
    on_disk = COVERAGE.read_text(encoding="utf-8")
    if _same_model(coverage.recorded_fingerprint(on_disk)):
        assert on_disk == coverage.render(), "run `python scripts/update_coverage.py`"


def test_implementation_coverage_marks_exactly_the_handlers() -> None:
    # Whatever the model: every operation the file lists is marked as its handler says.
    marks = coverage.marks(COVERAGE.read_text(encoding="utf-8"))
    assert {name for name, done in marks.items() if done} == set(registry.HANDLERS) & set(marks)
    assert set(registry.HANDLERS) <= set(marks), "run `python scripts/update_coverage.py`"


def test_implementation_coverage_lists_every_operation_of_its_model_once() -> None:
    text = COVERAGE.read_text(encoding="utf-8")
    listed = [line for line in text.splitlines() if line.startswith("- [")]
    assert len(listed) == len(set(listed)) == len(coverage.marks(text))
    if _same_model(coverage.recorded_fingerprint(text)):
        assert sorted(coverage.marks(text)) == sorted(service.operation_names())
        assert len(listed) == 96


def test_generated_shapes_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_shapes.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    if shapes.MODEL_FINGERPRINT != service.model_fingerprint():
        assert "Not compared: regenerate" in done.stdout
        _same_model(shapes.MODEL_FINGERPRINT)


def _generator() -> Any:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import generate_shapes
    finally:
        sys.path.pop(0)
    return generate_shapes


def test_the_generator_and_the_service_fingerprint_a_model_alike() -> None:
    generate_shapes = _generator()
    model = service.raw_model()
    assert generate_shapes.fingerprint(model) == service.fingerprint(model) == service.model_fingerprint()
    changed = {**model, "operations": dict(list(model["operations"].items())[1:])}
    assert generate_shapes.fingerprint(changed) != generate_shapes.fingerprint(model)


def _other_model() -> Dict[str, Any]:
    model = service.raw_model()
    return {**model, "operations": dict(list(model["operations"].items())[1:])}


def test_check_of_shapes_notes_another_model_and_passes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    generate_shapes = _generator()
    monkeypatch.setattr(generate_shapes, "load_model", _other_model)
    assert generate_shapes.main(["--check"]) == 0
    assert "Not compared: regenerate" in capsys.readouterr().out


def test_check_of_shapes_fails_on_a_stale_file_for_the_same_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    generate_shapes = _generator()
    stale = tmp_path / "shapes.py"
    stale.write_text(generate_shapes.SHAPES_PATH.read_text(encoding="utf-8") + "# edited by hand\n")
    monkeypatch.setattr(generate_shapes, "SHAPES_PATH", stale)
    monkeypatch.setattr(generate_shapes, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(generate_shapes, "INIT_PATH", tmp_path / "__init__.py")
    (tmp_path / "__init__.py").write_text(generate_shapes.INIT_SOURCE)
    assert generate_shapes.main(["--check"]) == 1
