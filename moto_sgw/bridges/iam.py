"""moto's IAM enforcement, applied to Storage Gateway as moto applies it to its own services.

Under ``moto.core.set_initial_no_auth_action_count(n)`` the first ``n`` requests of any
service pass; every later one is checked: its SigV4 signature against the caller's
secret key, then the action ``storagegateway:<Operation>`` against the caller's IAM
policies, for the resource ARN the request names (``*`` when it names none). A denial
is answered as moto's own JSON services answer it: the status and body of moto's
``AccessDenied``, ``InvalidClientTokenId`` or ``SignatureDoesNotMatch`` error.

The only module that touches moto's authentication.
"""
from __future__ import annotations

import inspect
import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlparse

if TYPE_CHECKING:
    from ..protocol.context import RequestContext, Response


_REQUEST_ID = re.compile(r"(?<=<RequestId>).*?(?=</RequestId>)", re.S)


@lru_cache(maxsize=None)
def _moto() -> Any:
    from moto import core, settings

    # moto.core exports it in every moto 5 release (it moved between its modules).
    return getattr(core, "ActionAuthenticatorMixin"), settings


def enforcing() -> bool:
    """Whether this request is checked; counts it among the free ones if not (as moto does)."""
    mixin, settings = _moto()
    if mixin.request_count >= settings.INITIAL_NO_AUTH_ACTION_COUNT:
        return True
    mixin.request_count += 1
    return False


@lru_cache(maxsize=None)
def _takes_action() -> bool:
    # moto 5.1 and newer pass the action in; moto 5.0 reads it from X-Amz-Target itself.
    from moto.iam.access_control import IAMRequest

    return "action" in inspect.signature(IAMRequest.__init__).parameters


def _resource(ctx: "RequestContext", body: bytes) -> str:
    from .. import rules

    member = rules.resource_member(ctx.operation_name)
    if member is None:
        return "*"
    try:
        value = json.loads(body or b"{}").get(member)
    except (ValueError, AttributeError, RecursionError):
        return "*"
    return value if isinstance(value, str) and value else "*"


def authorize(ctx: "RequestContext") -> "Optional[Response]":
    """``None`` if the request may go on, else moto's answer to it."""
    if not enforcing():
        return None
    from moto.core.exceptions import InvalidClientTokenIdError
    from moto.iam.access_control import IAMRequest
    from werkzeug.datastructures import Headers
    from werkzeug.exceptions import HTTPException

    from ..protocol.decode import raw_body

    body = raw_body(ctx.request)
    parsed = urlparse(ctx.url)
    path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
    extra: Any = {"action": ctx.operation_name} if _takes_action() else {}
    headers: Any = Headers(
        [(k, v.decode("utf-8") if isinstance(v, bytes) else v) for k, v in ctx.raw_headers.items()]
    )
    if "host" not in headers:  # as moto's own responses add it before checking a signature
        headers["host"] = parsed.netloc
    try:
        if "Authorization" not in headers:
            raise InvalidClientTokenIdError()
        request = IAMRequest(
            account_id=ctx.account_id,
            method="POST",
            path=path or "/",
            data={},
            body=body,
            headers=headers,
            **extra,
        )
        request.check_signature()
        request.check_action_permitted(_resource(ctx, body))
    except HTTPException as denied:
        status = denied.code or 403
        # moto puts the request's ID into the body of its answer; so does this.
        answer = _REQUEST_ID.sub(ctx.request_id, str(denied.description or ""))
        return status, {"x-amzn-RequestId": ctx.request_id}, answer
    return None
