"""Write IMPLEMENTATION_COVERAGE.md from the registered handlers (``--check``: only compare)."""
from __future__ import annotations

import sys
from pathlib import Path

from moto_sgw.coverage import render

PATH = Path(__file__).resolve().parent.parent / "IMPLEMENTATION_COVERAGE.md"


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        if not PATH.exists() or PATH.read_text(encoding="utf-8") != text:
            print(f"{PATH.name} is stale; run `python scripts/update_coverage.py`")
            return 1
        return 0
    PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
