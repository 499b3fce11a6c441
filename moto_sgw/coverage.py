"""``IMPLEMENTATION_COVERAGE.md``: which model operations have a handler, in moto's form.

The file records the fingerprint of the model it was written from (an HTML comment),
so that its check can tell a stale file from a newer botocore.
"""
from __future__ import annotations

import re
from typing import Dict, Optional

from . import families  # noqa: F401  (registers the handlers)
from .protocol import registry, service

TITLE = "## storagegateway"
_FINGERPRINT = re.compile(r"^<!-- botocore model fingerprint: ([0-9a-f]+) -->$", re.M)
_MARK = re.compile(r"^- \[([ x])\] (\w+)$", re.M)


def render() -> str:
    names = sorted(service.operation_names())
    done = sum(1 for name in names if name in registry.HANDLERS)
    lines = [
        TITLE,
        f"<!-- botocore model fingerprint: {service.model_fingerprint()} -->",
        "<details>",
        f"<summary>{round(100 * done / len(names))}% implemented"
        f" ({done} of {len(names)} operations)</summary>",
        "",
    ]
    for name in names:
        mark = "x" if name in registry.HANDLERS else " "
        lines.append(f"- [{mark}] {name}")
    lines += ["</details>", ""]
    return "\n".join(lines)


def recorded_fingerprint(text: str) -> Optional[str]:
    found = _FINGERPRINT.search(text)
    return found.group(1) if found else None


def marks(text: str) -> Dict[str, bool]:
    """Operation -> implemented, as a coverage file says."""
    return {name: mark == "x" for mark, name in _MARK.findall(text)}
