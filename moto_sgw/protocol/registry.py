"""The request pipeline: target -> decode -> check -> handle -> encode.

Handlers register with :func:`operation` under the model's exact operation name
and receive the backend of the request's account and region plus the decoded,
validated input. Nothing else in the package builds an HTTP response.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Dict, Mapping, TypeVar

from botocore.model import OperationModel

from ..ids import request_id
from . import constraints, context, decode, encode, service
from .errors import (
    ConfigurationError,
    InternalServerError,
    InvalidGatewayRequest,
    SgwError,
    UnknownOperationException,
)

log = logging.getLogger("moto_sgw")

Handler = Callable[[Any, Any], Mapping[str, Any]]
F = TypeVar("F", bound=Callable[..., Any])

HANDLERS: Dict[str, Handler] = {}


def operation(name: str) -> Callable[[F], F]:
    """Register ``func`` as the handler of the model operation ``name``."""
    if name not in service.operation_names():
        raise ValueError(f"{name!r} is not an operation of the Storage Gateway model")

    def register(func: F) -> F:
        if name in HANDLERS and HANDLERS[name] is not func:
            raise ValueError(f"{name} already has a handler")
        HANDLERS[name] = func
        return func

    return register


def _operation(headers: Mapping[str, str]) -> OperationModel:
    target = headers.get("x-amz-target") or ""
    prefix, _, name = target.partition(".")
    if prefix not in service.target_prefixes() or name not in service.operation_names():
        raise UnknownOperationException("An unknown operation was specified.")
    return service.operation_model(name)


def _raw_body(request: Any) -> bytes:
    body = getattr(request, "body", None)
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
    return body or b""


def handle_request(
    request: Any, url: str, headers: Mapping[str, str], backends: Any
) -> encode.Response:
    """Answer one Storage Gateway request; ``backends`` is the service's ``BackendDict``."""
    rid = request_id()
    try:
        headers = context.lower_headers(headers)
        op = _operation(headers)
        params = decode.decode(op.input_shape, decode.parse_body(_raw_body(request)))
        constraints.check(op.input_shape, params)
        handler = HANDLERS.get(op.name)
        if handler is None:
            raise InvalidGatewayRequest(
                "NotImplemented", f"moto-sgw does not implement {op.name} yet."
            )
        backend = _backend(backends, headers, url)
        with backend.lock:
            result = handler(backend, params)
        return encode.result(op.output_shape, result, rid)
    except SgwError as err:
        return encode.error(err, rid)
    except ConfigurationError:
        raise
    except Exception:  # a fault of the mock: answer as AWS would, never a traceback
        log.exception("moto-sgw: unexpected fault")
        return encode.error(
            InternalServerError("InternalError", "An internal error occurred."), rid
        )


def _backend(backends: Any, headers: Mapping[str, str], url: str) -> Any:
    account, region = context.resolve(headers, url)
    try:
        return backends[account][region]
    except KeyError:
        raise InvalidGatewayRequest(
            "RegionInvalid", f"The specified region is invalid: {region}."
        ) from None
