"""``IMPLEMENTATION_COVERAGE.md``: which model operations have a handler, in moto's form."""
from __future__ import annotations

from . import families  # noqa: F401  (registers the handlers)
from .protocol import registry, service

TITLE = "## storagegateway"


def render() -> str:
    names = sorted(service.operation_names())
    done = sum(1 for name in names if name in registry.HANDLERS)
    lines = [
        TITLE,
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
