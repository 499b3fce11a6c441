"""Python results and errors into AWS JSON 1.1 HTTP responses.

Only members of the output shape are written, under their wire names and with the
model's types: ``None`` is dropped, timestamps become epoch seconds and blobs
base64. Every response carries ``x-amzn-RequestId`` and the JSON 1.1 content type.
"""
from __future__ import annotations

import base64
import json
from datetime import datetime
from typing import Any, Callable, Dict, Mapping, Optional, Tuple

from botocore.model import Shape

from .errors import SgwError
from .service import per_shape

Encoder = Callable[[Any], Any]
Response = Tuple[int, Dict[str, str], str]

CONTENT_TYPE = "application/x-amz-json-1.1"

def _build(shape: Shape) -> Encoder:
    kind = shape.type_name
    if kind == "structure":
        members = [
            (name, member.serialization.get("name", name), member)
            for name, member in shape.members.items()
        ]

        def structure(value: Mapping[str, Any]) -> Dict[str, Any]:
            out: Dict[str, Any] = {}
            for name, wire_name, member in members:
                item = value.get(name)
                if item is not None:
                    out[wire_name] = encoder(member)(item)
            return out

        return structure
    if kind == "list":
        member = shape.member
        return lambda value: [encoder(member)(item) for item in value]
    if kind == "map":
        value_shape = shape.value
        return lambda value: {k: encoder(value_shape)(v) for k, v in value.items()}
    if kind == "timestamp":
        return _epoch
    if kind == "blob":
        return lambda value: base64.b64encode(value).decode("ascii")
    if kind in ("integer", "long"):
        return int
    if kind in ("float", "double"):
        return float
    if kind == "boolean":
        return bool
    return str


encoder = per_shape(_build)


def _epoch(value: Any) -> float:
    if isinstance(value, datetime):
        return value.timestamp()
    return float(value)


def _headers(request_id: str, extra: Optional[Dict[str, str]] = None) -> Dict[str, str]:
    headers = {"Content-Type": CONTENT_TYPE, "x-amzn-RequestId": request_id}
    if extra:
        headers.update(extra)
    return headers


def result(shape: Optional[Shape], value: Mapping[str, Any], request_id: str) -> Response:
    body = encoder(shape)(value) if shape is not None else {}
    return 200, _headers(request_id), json.dumps(body, separators=(",", ":"))


def error(err: SgwError, request_id: str) -> Response:
    headers = _headers(request_id, {"x-amzn-ErrorType": err.type_name})
    return err.status, headers, json.dumps(err.body(), separators=(",", ":"))
