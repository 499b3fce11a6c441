"""Install the JavaScript SDK clients (``npm ci`` in clients/js) unless already current.

tox runs this before every environment; ``npm ci`` runs only when the installed
packages differ from the committed lock file, so the matrix installs them once.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

CLIENTS = Path(__file__).resolve().parent.parent / "clients" / "js"


def current() -> bool:
    installed = CLIENTS / "node_modules" / ".package-lock.json"
    if not installed.exists():
        return False
    locked = json.loads((CLIENTS / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    present = json.loads(installed.read_text(encoding="utf-8"))["packages"]
    wanted = {path: entry.get("version") for path, entry in locked.items() if path}
    return all(present.get(path, {}).get("version") == version for path, version in wanted.items())


def main() -> int:
    if current():
        print("clients/js: node_modules matches package-lock.json")
        return 0
    npm = shutil.which("npm")
    if npm is None:
        print("clients/js: npm not found; install Node.js 20+ and npm", file=sys.stderr)
        return 1
    return subprocess.call([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=CLIENTS)


if __name__ == "__main__":
    sys.exit(main())
