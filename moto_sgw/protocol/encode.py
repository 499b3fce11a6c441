"""Handler results and errors into AWS JSON 1.1 HTTP responses.

The result is checked against the operation's output shape as it is written, and
never cast: every member must be one of the shape's, of the model's type (``str``
for strings, ``bool`` for booleans, ``int`` for integers and longs, ``int`` or
``float`` for doubles, an aware ``datetime`` for timestamps, ``bytes`` for blobs,
lists and dicts for lists, maps and structures), with enum members inside their
enum. ``None`` is the one value dropped on purpose (the member is left out). Any
other mismatch raises :class:`~moto_sgw.protocol.errors.ResultError`: a fault of the
mock, which the pipeline logs and answers as ``InternalServerError``.

Lengths, ranges and patterns of outputs are not checked: AWS itself answers
``LunNumber`` 0 where the model says at least 1.

Every response carries ``x-amzn-RequestId`` and the JSON 1.1 content type.
"""
from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

from botocore.model import Shape

from .errors import ResultError, SgwError
from .service import per_shape

Encoder = Callable[[Any], Any]
Response = Tuple[int, Dict[str, str], str]

CONTENT_TYPE = "application/x-amz-json-1.1"


def _wrong(value: Any, expected: str) -> ResultError:
    return ResultError(f"expected {expected}, got {type(value).__name__} {value!r}")


def _build(shape: Shape) -> Encoder:
    kind = shape.type_name
    if kind == "structure":
        return _structure(shape)
    if kind == "list":
        return _list(shape)
    if kind == "map":
        return _map(shape)
    if kind == "string":
        return _string(shape)
    if kind == "boolean":
        return _boolean
    if kind in ("integer", "long"):
        return _integer
    if kind in ("float", "double"):
        return _number
    if kind == "timestamp":
        return _timestamp
    if kind == "blob":
        return _blob
    raise ValueError(f"no encoder for {kind} shape {shape.name}")


encoder = per_shape(_build)


def _structure(shape: Shape) -> Encoder:
    # name -> (wire name, encoder); the encoders are looked up on the first call, not
    # while compiling, so that recursive shapes compile.
    members: Dict[str, Tuple[str, Encoder]] = {}

    def structure(value: Any) -> Dict[str, Any]:
        if not members:
            for name, member in shape.members.items():
                members[name] = (member.serialization.get("name", name), encoder(member))
        if not isinstance(value, dict):
            raise _wrong(value, f"a dict for {shape.name}")
        out: Dict[str, Any] = {}
        for name, item in value.items():
            known = members.get(name)
            if known is None:
                raise ResultError(f"not a member of {shape.name}", str(name))
            if item is None:
                continue
            try:
                out[known[0]] = known[1](item)
            except ResultError as err:
                raise err.under(name) from None
        return out

    return structure


def _list(shape: Shape) -> Encoder:
    member = shape.member

    def items(value: Any) -> Any:
        if not isinstance(value, list):
            raise _wrong(value, f"a list for {shape.name}")
        encode = encoder(member)
        out = []
        for index, item in enumerate(value):
            try:
                if item is None:
                    raise ResultError("a list item is None")
                out.append(encode(item))
            except ResultError as err:
                raise err.under(f"[{index}]") from None
        return out

    return items


def _map(shape: Shape) -> Encoder:
    key_shape, value_shape = shape.key, shape.value

    def entries(value: Any) -> Any:
        if not isinstance(value, dict):
            raise _wrong(value, f"a dict for {shape.name}")
        out = {}
        for key, item in value.items():
            try:
                out[encoder(key_shape)(key)] = encoder(value_shape)(item)
            except ResultError as err:
                raise err.under(f"[{key!r}]") from None
        return out

    return entries


def _string(shape: Shape) -> Encoder:
    allowed = frozenset(shape.enum) if shape.enum else None

    def string(value: Any) -> str:
        if not isinstance(value, str):
            raise _wrong(value, "a str")
        if allowed is not None and value not in allowed:
            raise ResultError(f"{value!r} is not in the enum {shape.name}")
        return value

    return string


def _boolean(value: Any) -> bool:
    if value is not True and value is not False:
        raise _wrong(value, "a bool")
    return value


def _integer(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise _wrong(value, "an int")
    return value


def _number(value: Any) -> Any:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise _wrong(value, "an int or a float")
    return value


def _timestamp(value: Any) -> float:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise _wrong(value, "an aware datetime")
    return value.timestamp()


def _blob(value: Any) -> str:
    if not isinstance(value, bytes):
        raise _wrong(value, "bytes")
    return base64.b64encode(value).decode("ascii")


def _headers(request_id: str, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    headers = {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": request_id}
    if extra:
        headers.update(extra)
    return headers


def result(shape: Optional[Shape], value: Mapping[str, Any], request_id: str) -> Response:
    """The 200 response of ``value``; :class:`ResultError` if it does not fit ``shape``."""
    if shape is None:
        if value:
            raise ResultError("the operation has no output shape, but the result has members")
        body: Dict[str, Any] = {}
    else:
        body = encoder(shape)(value)
    return 200, _headers(request_id), json.dumps(body, separators=(",", ":"))


def error(err: SgwError, request_id: str) -> Response:
    headers = _headers(request_id, {"x-amzn-ErrorType": err.type_name})
    return err.status, headers, json.dumps(err.body(), separators=(",", ":"))
