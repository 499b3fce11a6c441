"""JSON request bodies into Python values, typed by the operation's input shape.

A body that is not JSON, or a member whose JSON type does not fit its shape,
answers ``SerializationException`` (400), as AWS's JSON services do. Members the
model does not know are ignored, as AWS ignores them. Timestamps arrive as epoch
seconds and become aware ``datetime`` values; blobs arrive base64-encoded.
"""
from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime, timezone
from typing import Any, Callable, Dict

from botocore.model import Shape

from .errors import SerializationException
from .service import per_shape

Decoder = Callable[[Any], Any]

_JAVA_TYPES = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "float": "Float",
    "double": "Double",
    "boolean": "Boolean",
    "timestamp": "Date",
    "blob": "ByteBuffer",
}


def _token(value: Any) -> str:
    if isinstance(value, bool):
        return "TRUE_VALUE" if value else "FALSE_VALUE"
    if isinstance(value, str):
        return "STRING_VALUE"
    if isinstance(value, (int, float)):
        return "NUMBER_VALUE"
    return "VALUE"


def _mismatch(value: Any, shape: Shape) -> SerializationException:
    if isinstance(value, dict):
        return SerializationException("Start of structure or map found where not expected.")
    if isinstance(value, list):
        return SerializationException("Start of list found where not expected.")
    if shape.type_name in ("structure", "map"):
        return SerializationException(f"{_token(value)} can not be converted to a structure or map.")
    if shape.type_name == "list":
        return SerializationException(f"{_token(value)} can not be converted to a list.")
    java = _JAVA_TYPES.get(shape.type_name, shape.type_name)
    return SerializationException(f"{_token(value)} can not be converted to {java}")


def raw_body(request: Any) -> bytes:
    """The body of a request as moto hands it over: a prepared request, or werkzeug's (moto 5.2.5+)."""
    body: Any = getattr(request, "body", None)
    if body is None and hasattr(request, "get_data"):
        body = request.get_data()
    if hasattr(body, "read"):
        position = body.tell() if hasattr(body, "tell") else None
        data = body.read()
        if position is not None and hasattr(body, "seek"):
            body.seek(position)
        body = data
    if isinstance(body, str):
        return body.encode("utf-8")
    return bytes(body or b"")


def parse_body(raw: bytes) -> Dict[str, Any]:
    """The request's JSON object; an empty body reads as ``{}``."""
    if not raw or not raw.strip():
        return {}
    try:
        body = json.loads(raw, parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise SerializationException(
            "The request body could not be parsed as JSON. "
            "Check that your JSON payload is well-formed."
        ) from None
    if not isinstance(body, dict):
        raise SerializationException("The request body must be a JSON object.")
    return body


def _reject_constant(name: str) -> Any:
    # Jackson, behind AWS's JSON services, does not accept NaN or Infinity.
    raise ValueError(name)


def _build(shape: Shape) -> Decoder:
    kind = shape.type_name
    if kind == "structure":
        return _structure(shape)
    if kind == "list":
        return _list(shape)
    if kind == "map":
        return _map(shape)
    return _scalar(shape)


decoder = per_shape(_build)


def _structure(shape: Shape) -> Decoder:
    members = {
        member.serialization.get("name", name): (name, member)
        for name, member in shape.members.items()
    }

    def run(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _mismatch(value, shape)
        result: Dict[str, Any] = {}
        for wire_name, item in value.items():
            known = members.get(wire_name)
            if known is None or item is None:
                continue
            name, member = known
            result[name] = decoder(member)(item)
        return result

    return run


def _list(shape: Shape) -> Decoder:
    member = shape.member

    def run(value: Any) -> Any:
        if not isinstance(value, list):
            raise _mismatch(value, shape)
        decode = decoder(member)
        return [None if item is None else decode(item) for item in value]

    return run


def _map(shape: Shape) -> Decoder:
    key_shape, value_shape = shape.key, shape.value

    def run(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _mismatch(value, shape)
        return {
            decoder(key_shape)(k): None if v is None else decoder(value_shape)(v)
            for k, v in value.items()
        }

    return run


_INT_BITS = {"integer": 31, "long": 63}
# JSON types each scalar accepts (a JSON true/false is a bool, never a number here).
_ACCEPTED = {
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "long": (int,),
    "float": (int, float),
    "double": (int, float),
}


def _scalar(shape: Shape) -> Decoder:
    """A decoder chosen once per shape: only its own type test runs per value."""
    kind = shape.type_name
    if kind == "timestamp":
        return lambda value: _timestamp(value, shape)
    if kind == "blob":
        return lambda value: _blob(value, shape)
    accepted = _ACCEPTED.get(kind)
    if accepted is None:
        return lambda value: value
    numeric = kind not in ("string", "boolean")
    bits = _INT_BITS.get(kind)
    limit = 2**bits if bits is not None else None

    def run(value: Any) -> Any:
        if not isinstance(value, accepted) or (numeric and isinstance(value, bool)):
            raise _mismatch(value, shape)
        if limit is not None and not -limit <= value < limit:
            raise SerializationException(
                f"Numeric value ({value}) out of range of {_JAVA_TYPES[kind]}"
            )
        return value

    return run


def _timestamp(value: Any, shape: Shape) -> datetime:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _mismatch(value, shape)
    try:
        return datetime.fromtimestamp(value, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise SerializationException(f"NUMBER_VALUE {value} can not be converted to Date") from None


def _blob(value: Any, shape: Shape) -> bytes:
    if not isinstance(value, str):
        raise _mismatch(value, shape)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise SerializationException("Base64 encoded value is not valid.") from None


def decode(shape: Shape, body: Dict[str, Any]) -> Dict[str, Any]:
    params: Dict[str, Any] = decoder(shape)(body)
    return params
