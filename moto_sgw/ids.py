"""Every identifier moto-sgw issues, drawn from moto's seedable ``mock_random``.

ID format (volume and snapshot IDs; gateway IDs are always 8 hex digits):
``long``, 17 hex digits, what AWS has issued since 2016 (``vol-07F38431B92233B6A``,
``snap-078e226633445566e``), or ``short``, 8 hex digits as in older AWS examples.
The format is chosen, later winning, by ``MOTO_SGW_ID_FORMAT``, by
``mock_storagegateway(id_format=...)`` and by the server's ``--id-format``; see
:func:`current_format`. It is looked up each time an ID is drawn, never kept by a
backend: a backend made under one mock issues the IDs of whichever mock is active.
"""
from __future__ import annotations

import os
import threading
from typing import List, Optional

from moto.moto_api._internal import mock_random

from .protocol.errors import ConfigurationError

ENV_VAR = "MOTO_SGW_ID_FORMAT"
FORMATS = ("long", "short")
DEFAULT_FORMAT = "long"
_HEX_DIGITS = {"long": 17, "short": 8}

_overrides: List[str] = []
_overrides_lock = threading.Lock()


def validate_format(value: str, source: str = "id_format") -> str:
    """``value`` if it names an ID format, else a :class:`ConfigurationError`."""
    if value not in FORMATS:
        accepted = " or ".join(repr(f) for f in FORMATS)
        raise ConfigurationError(f"{source} must be {accepted}, not {value!r}")
    return value


def current_format() -> str:
    """The ID format in force: the innermost active mock's, else ``MOTO_SGW_ID_FORMAT``'s."""
    overrides = _overrides
    if overrides:
        try:
            return overrides[-1]
        except IndexError:  # popped by another thread meanwhile
            pass
    return validate_format(os.environ.get(ENV_VAR, DEFAULT_FORMAT), ENV_VAR)


def push_format(value: Optional[str]) -> None:
    """Make ``value`` the format in force (``None``: keep the one in force, an enclosing
    mock's, else ``MOTO_SGW_ID_FORMAT``'s as it reads now)."""
    chosen = validate_format(value) if value is not None else current_format()
    with _overrides_lock:
        _overrides.append(chosen)


def pop_format() -> None:
    with _overrides_lock:
        if _overrides:
            _overrides.pop()


def _hex(digits: int) -> str:
    # One draw from the seedable generator (get_random_hex draws once per digit).
    return f"{mock_random.getrandbits(4 * digits):0{digits}x}"


def _numbered(prefix: str, upper: bool) -> str:
    id_format = current_format()
    digits = _HEX_DIGITS[id_format]
    # AWS's long IDs begin with 0 (vol-07F38431B92233B6A, snap-0...).
    body = "0" + _hex(digits - 1) if id_format == "long" else _hex(digits)
    return prefix + (body.upper() if upper else body.lower())


def gateway_id() -> str:
    return "sgw-" + _hex(8).upper()


def volume_id() -> str:
    return _numbered("vol-", upper=True)


def snapshot_id() -> str:
    return _numbered("snap-", upper=False)


def disk_id() -> str:
    return str(mock_random.uuid4())


def request_id() -> str:
    """A UUID-shaped request ID (``x-amzn-RequestId``), in one draw of 128 bits."""
    h = f"{mock_random.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{h[16:20]}-{h[20:]}"


def ipv4_address() -> str:
    return f"10.{mock_random.randint(0, 255)}.{mock_random.randint(0, 255)}.{mock_random.randint(1, 254)}"


def upper_hex(prefix: str, digits: int) -> str:
    """``prefix`` and ``digits`` upper-case hex digits: file share IDs (``share-86C5A6E3``),
    cache report IDs, association IDs (``fsa-0DA347732FDB40125``)."""
    return prefix + _hex(digits).upper()


def notification_id() -> str:
    """A NotificationId: "randomly generated ... in UUID format"."""
    return str(mock_random.uuid4())
