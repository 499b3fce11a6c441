"""The README's examples run as shown."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict

README = Path(__file__).resolve().parent.parent / "README.md"


def _python_blocks() -> list:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


def test_readme_create_snapshot_example_runs() -> None:
    namespace: Dict[str, Any] = {}
    exec(compile(_python_blocks()[0], "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_create_snapshot"]()


def test_readme_pytest_fixture_example_runs(storagegateway: Any) -> None:
    [block] = [b for b in _python_blocks() if "def test_no_gateways_yet" in b]
    namespace: Dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_no_gateways_yet"](storagegateway)


def test_readme_server_fixture_example_runs(storagegateway_server: str) -> None:
    [block] = [b for b in _python_blocks() if "def test_through_the_server" in b]
    namespace: Dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_through_the_server"](storagegateway_server)


def test_readme_iam_example_runs() -> None:
    [block] = [b for b in _python_blocks() if "def test_least_privilege" in b]
    namespace: Dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_least_privilege"]()


def test_readme_lifecycle_example_runs() -> None:
    [block] = [b for b in _python_blocks() if "def test_my_waiter_sees_the_volume_become_available" in b]
    namespace: Dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_my_waiter_sees_the_volume_become_available"]()


def test_readme_fault_example_runs() -> None:
    [block] = [b for b in _python_blocks() if "def test_activation_survives_two_throttles" in b]
    namespace: Dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_activation_survives_two_throttles"]()


def test_readme_mock_forms_example_runs() -> None:
    import unittest

    [block] = [b for b in _python_blocks() if "class TestGateways(unittest.TestCase)" in b]
    namespace: Dict[str, Any] = {"__name__": "readme_forms"}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    result = unittest.TextTestRunner(verbosity=0).run(
        unittest.defaultTestLoader.loadTestsFromTestCase(namespace["TestGateways"])
    )
    assert result.wasSuccessful() and result.testsRun == 1


def test_readme_file_gateway_example_runs() -> None:
    [block] = [b for b in _python_blocks() if "def test_a_file_written_through_the_share" in b]
    namespace: Dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_a_file_written_through_the_share_is_uploaded_and_announced"]()


def test_readme_tape_gateway_example_runs() -> None:
    [block] = [b for b in _python_blocks() if "def test_a_backup_is_archived" in b]
    namespace: Dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102
    namespace["test_a_backup_is_archived_and_retrieved_and_a_failed_gateway_recovered"]()
