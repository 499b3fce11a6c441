"""The server's own endpoints under ``/moto-sgw/``: what moto-sgw adds to moto's server.

- ``POST /moto-sgw/faults`` with :func:`moto_sgw.inject_fault`'s keywords as a JSON object:
  201 ``{"id": ...}``; ``GET /moto-sgw/faults``: ``{"faults": [...]}``;
  ``DELETE /moto-sgw/faults``: clears them all, ``{"cleared": N}``;
  ``DELETE /moto-sgw/faults/<id>``: clears one (404 for an unknown id).
- ``POST /moto-sgw/appliance/<name>``: one of :mod:`moto_sgw.appliance`'s functions, with
  its arguments as a JSON object (bytes, such as ``write_file``'s ``data``, as base64);
  answers its result as JSON (200).

A bad body or argument answers 400, an unknown endpoint 404, each with ``{"message": ...}``.

A WSGI middleware in front of moto's application; every other request passes through.
"""
from __future__ import annotations

import base64
import binascii
import json
from typing import Any, Callable, Dict, Iterable, List, Tuple

from . import appliance, faults
from .protocol.errors import ConfigurationError

WSGIApp = Callable[[Dict[str, Any], Callable[..., Any]], Iterable[bytes]]
PREFIX = "/moto-sgw/"
MAX_BODY = 1 << 26  # 64 MiB: enough for any file a test writes through a share


def _answer(
    start_response: Callable[..., Any], status: int, body: Any
) -> Iterable[bytes]:
    data = json.dumps(body).encode("utf-8")
    reason = {200: "OK", 201: "Created", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
    start_response(
        f"{status} {reason.get(status, '')}".strip(),
        [("Content-Type", "application/json"), ("Content-Length", str(len(data)))],
    )
    return [data]


def _json_body(environ: Dict[str, Any]) -> Dict[str, Any]:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        raise ConfigurationError("the request body is too large")
    raw = environ["wsgi.input"].read(length) if length else b""
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, RecursionError):
        raise ConfigurationError("the body is not a JSON object") from None
    if not isinstance(body, dict):
        raise ConfigurationError("the body is not a JSON object")
    return body


def _call(name: str, method: str, environ: Dict[str, Any]) -> Tuple[int, Any]:
    func = appliance.FUNCTIONS.get(name)
    if func is None:
        return 404, {"message": f"no appliance function {name!r}; known: {sorted(appliance.FUNCTIONS)}"}
    if method != "POST":
        return 405, {"message": f"{PREFIX}appliance/{name} takes POST"}
    arguments = _json_body(environ)
    for name_of_bytes in appliance.BINARY_ARGUMENTS.get(name, ()):
        if name_of_bytes in arguments:
            value = arguments[name_of_bytes]
            try:
                arguments[name_of_bytes] = base64.b64decode(value, validate=True)
            except (binascii.Error, TypeError, ValueError):
                raise ConfigurationError(f"{name}: {name_of_bytes} must be base64, not {value!r}") from None
    try:
        return 200, func(**arguments)
    except TypeError as err:  # a missing or unknown argument
        raise ConfigurationError(f"{name}: {err}") from None


def _faults(rest: List[str], method: str, environ: Dict[str, Any]) -> Tuple[int, Any]:
    if not rest:
        if method == "POST":
            arguments = _json_body(environ)
            if "error" not in arguments:
                raise ConfigurationError("a fault needs 'error' (a name, or null with a latency)")
            try:
                return 201, {"id": faults.inject_fault(**arguments)}
            except TypeError as err:  # an unknown keyword
                raise ConfigurationError(f"inject_fault: {err}") from None
        if method == "GET":
            return 200, {"faults": faults.active_faults()}
        if method == "DELETE":
            return 200, {"cleared": faults.clear_faults()}
        return 405, {"message": f"{PREFIX}faults takes POST, GET or DELETE"}
    if len(rest) == 1 and method == "DELETE":
        try:
            faults.clear_faults(rest[0])
        except ConfigurationError as err:
            return 404, {"message": str(err)}
        return 200, {"cleared": 1}
    if len(rest) == 1:
        return 405, {"message": f"{PREFIX}faults/<id> takes DELETE"}
    return 404, {"message": f"no such endpoint: {environ.get('PATH_INFO')}"}


def controls(app: WSGIApp) -> WSGIApp:
    """WSGI middleware: answer ``/moto-sgw/...``, pass everything else to ``app``."""

    def routed(environ: Dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if not path.startswith(PREFIX):
            return app(environ, start_response)
        method = environ.get("REQUEST_METHOD", "GET")
        parts = path[len(PREFIX):].strip("/").split("/")
        try:
            if len(parts) == 2 and parts[0] == "appliance":
                status, body = _call(parts[1], method, environ)
            elif parts[0] == "faults":
                status, body = _faults([p for p in parts[1:] if p], method, environ)
            else:
                status, body = 404, {"message": f"no such endpoint: {path}"}
        except ConfigurationError as err:
            status, body = 400, {"message": str(err)}
        return _answer(start_response, status, body)

    return routed
