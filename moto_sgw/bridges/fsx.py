"""The FSx side of file system associations: the only module that touches moto's FSx.

An association's LocationARN names an FSx for Windows File Server file system of the
gateway's account and Region, which must exist. moto 5.0 has no FSx; there, every
well-formed file system ARN of the account and Region is taken to exist (see README).
"""
from __future__ import annotations

import importlib
import re
from typing import Any, Optional

_FILE_SYSTEM_ARN = re.compile(
    r"^arn:aws[a-z-]*:fsx:(?P<region>[a-z0-9-]+):(?P<account>\d{12}):file-system/(?P<id>fs-[0-9a-f]+)$"
)
WINDOWS = "WINDOWS"


def _models() -> Optional[Any]:
    """moto's FSx models, or ``None`` on a moto without FSx (imported by name, so that the
    type check passes on every moto)."""
    try:
        return importlib.import_module("moto.fsx.models")
    except ImportError:
        return None


def available() -> bool:
    """Whether the installed moto mocks FSx."""
    return _models() is not None


def file_system_type(account_id: str, region: str, location_arn: str) -> Optional[str]:
    """The type (``WINDOWS``, ``LUSTRE``, ...) of the file system ``location_arn`` names in
    ``account_id``/``region``; ``None`` if there is none."""
    found = _FILE_SYSTEM_ARN.match(location_arn)
    if found is None or found.group("account") != account_id or found.group("region") != region:
        return None
    models = _models()
    if models is None:
        return WINDOWS
    file_system = models.fsx_backends[account_id][region].file_systems.get(found.group("id"))
    return None if file_system is None else str(file_system.file_system_type)
