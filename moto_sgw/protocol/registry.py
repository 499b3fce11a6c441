"""Handlers by operation name, and the entry point moto's URL table calls.

Handlers register with :func:`operation` under the model's exact operation name and
receive the :class:`~moto_sgw.protocol.context.RequestContext` and the decoded,
validated input. The pipeline itself is :mod:`moto_sgw.protocol.chain`.
"""
from __future__ import annotations

import warnings
from typing import Any, Callable, Dict, Mapping, TypeVar

import botocore

from ..ids import request_id
from . import chain, service
from .context import RequestContext, Response

Handler = Callable[[RequestContext, Any], Mapping[str, Any]]
F = TypeVar("F", bound=Callable[..., Any])

HANDLERS: Dict[str, Handler] = {}


class ModelWarning(UserWarning):
    """botocore's installed model lacks an operation that moto-sgw has a handler for."""


def operation(name: str) -> Callable[[F], F]:
    """Register ``func`` as the handler of the model operation ``name``.

    An operation that the installed botocore's model does not have (an older botocore)
    is skipped with a :class:`ModelWarning`: the rest of the service still works.
    """

    def register(func: F) -> F:
        if name not in service.operation_names():
            warnings.warn(
                f"moto-sgw: botocore {botocore.__version__} has no Storage Gateway operation "
                f"{name}; its handler is not registered",
                ModelWarning,
                stacklevel=2,
            )
            return func
        if name in HANDLERS and HANDLERS[name] is not func:
            raise ValueError(f"{name} already has a handler")
        HANDLERS[name] = func
        return func

    return register


def handle_request(request: Any, url: str, headers: Mapping[str, Any], backends: Any) -> Response:
    """Answer one Storage Gateway request; ``backends`` is the service's ``BackendDict``."""
    return chain.PIPELINE(RequestContext(request, url, headers, backends, request_id()))
