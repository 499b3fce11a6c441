"""Checks a raw Storage Gateway response body against botocore's model.

Success: every member is one of the output shape's, of the model's JSON type, with
enum members inside their enum. Error: a known ``__type``; modeled errors carry
``message`` and ``error.errorCode``. Lengths and ranges of outputs are not checked:
AWS itself answers ``LunNumber`` 0 where the model says at least 1.
"""
from __future__ import annotations

import json
from typing import Any, List, Mapping

from botocore.model import Shape

from moto_sgw.protocol import service

MODELED_ERRORS = {"InvalidGatewayRequestException", "InternalServerError", "ServiceUnavailableError"}
# A real error code outside the model's ErrorCode enum (seen on the wire, AWS-BEHAVIORS 2.4).
# Codes AWS answers outside the model's ErrorCode enum (SPEC "Protocol fidelity"): the one seen
# on the wire for a wrong gateway type, and the file gateway guides' codes.
EXTRA_ERROR_CODES = {
    "UnsupportedOperationForGatewayType",
    "FileShareNotFound",
    "FileSystemAssociationNotFound",
    "FileSystemNotFound",
    "FileSystemAssociationEndpointIpAddressMissing",
    "FileSystemAssociationEndpointIpAddressAlreadyInUse",
    "FileSystemAssociationEndpointConfigurationConflict",
}
PROTOCOL_ERRORS = {"ValidationException", "SerializationException", "UnknownOperationException"}
# General errors of AWS's JSON services (no error.errorCode), as AWS's error table lists them.
GENERAL_ERRORS = {"ThrottlingException"}
# The HTTP status each error type may answer with (400 otherwise).
STATUS = {"InternalServerError": 500, "ServiceUnavailableError": 503}


def problems_of(shape: Shape, value: Any, path: str = "") -> List[str]:
    kind = shape.type_name
    out: List[str] = []
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {value!r}"]
        for name, item in value.items():
            member = shape.members.get(name)
            if member is None:
                out.append(f"{path}.{name}: not a member of {shape.name}")
            elif item is None:
                out.append(f"{path}.{name}: null")
            else:
                out.extend(problems_of(member, item, f"{path}.{name}"))
    elif kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected a list, got {value!r}"]
        for index, item in enumerate(value):
            out.extend(problems_of(shape.member, item, f"{path}[{index}]"))
    elif kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected a map, got {value!r}"]
        for key, item in value.items():
            out.extend(problems_of(shape.value, item, f"{path}[{key}]"))
    elif kind == "string":
        if not isinstance(value, str):
            out.append(f"{path}: expected a string, got {value!r}")
        elif shape.enum and value not in shape.enum and not (
            shape.name == "ErrorCode" and value in EXTRA_ERROR_CODES
        ):
            out.append(f"{path}: {value!r} is not in enum {shape.name}")
    elif kind == "boolean":
        if not isinstance(value, bool):
            out.append(f"{path}: expected a boolean, got {value!r}")
    elif kind in ("integer", "long"):
        if isinstance(value, bool) or not isinstance(value, int):
            out.append(f"{path}: expected an integer, got {value!r}")
    elif kind in ("double", "float", "timestamp"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            out.append(f"{path}: expected a number, got {value!r}")
    return out


def is_mock_fault(status: int, body: str) -> bool:
    """An answer of the mock to a fault of its own: HTTP 500 ``InternalServerError`` ``InternalError``."""
    if status != 500:
        return False
    try:
        data = json.loads(body)
    except ValueError:
        return True
    return data.get("__type") == "InternalServerError" and data.get("error", {}).get("errorCode") == "InternalError"


def _moto_auth_error(status: int, body: str) -> bool:
    """moto's answer to a request its IAM enforcement refuses (the same for its own JSON services)."""
    return status in (401, 403) and body.lstrip().startswith("<?xml") and "<Code>" in body


def check_response(operation: str, status: int, headers: Mapping[str, str], body: str) -> List[str]:
    found: List[str] = []
    headers = {key.lower(): value for key, value in headers.items()}
    if _moto_auth_error(status, body):
        if not headers.get("x-amzn-requestid"):
            found.append(f"{operation}: no x-amzn-RequestId")
        return found
    if headers.get("content-type") != "application/x-amz-json-1.1":
        found.append(f"{operation}: Content-Type {headers.get('content-type')!r}")
    if not headers.get("x-amzn-requestid"):
        found.append(f"{operation}: no x-amzn-RequestId")
    data = json.loads(body)
    if status == 200:
        shape = service.operation_model(operation).output_shape
        found.extend(f"{operation}: {p}" for p in problems_of(shape, data, "output"))
        return found
    error_type = data.get("__type")
    if status == 501:
        # An operation moto-sgw does not serve: a body naming it, never a modeled error.
        if data != {"__type": "NotImplementedError", "message": data.get("message"), "operation": operation} or not data.get("message"):
            found.append(f"{operation}: HTTP 501 without the body naming the operation: {data}")
        return found
    if error_type in MODELED_ERRORS:
        shape = service.service_model().shape_for(error_type)
        without_type = {k: v for k, v in data.items() if k != "__type"}
        found.extend(f"{operation}: {p}" for p in problems_of(shape, without_type, error_type))
        if not data.get("message") or not data.get("error", {}).get("errorCode"):
            found.append(f"{operation}: {error_type} without message or errorCode: {data}")
    elif error_type in GENERAL_ERRORS:
        if set(data) != {"__type", "message"} or not data["message"]:
            found.append(f"{operation}: {error_type} is not __type and message alone: {data}")
    elif error_type not in PROTOCOL_ERRORS:
        found.append(f"{operation}: unknown error type {error_type!r}")
    if status != STATUS.get(error_type, 400):
        found.append(f"{operation}: {error_type} with HTTP {status}")
    return found
