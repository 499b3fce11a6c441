"""The request pipeline as a chain of stages, each in one place and replaceable.

    route -> authorize -> parse -> faults -> validate -> dispatch -> carry_out -> encode

- ``route``: ``X-Amz-Target`` names a model operation (else ``UnknownOperationException``);
  the caller's account, region, partition and access key, resolved as moto resolves them.
- ``authorize``: moto's IAM enforcement (``set_initial_no_auth_action_count``), the action
  ``storagegateway:<Operation>``, answered as moto's own JSON services answer a denial.
  It needs the operation's name, so it follows ``route``.
- ``parse``: the JSON body into Python values typed by the input shape
  (``SerializationException``).
- ``faults``: the hook for injected faults; it runs after parsing and before anything is
  validated or changed, so a failed call changes no state. Empty until faults exist.
- ``validate``: every constraint of the input shape (``ValidationException``).
- ``dispatch``: the handler (an operation without one answers HTTP 501), under the
  backend's lock, after the operation's shared rule (:mod:`moto_sgw.rules`) has resolved
  the gateway and resource it names.
- ``carry_out``: the side effects on other moto services that the handler queued, once the
  lock is released. A handler queues an effect only for a change it has made, so what it
  queued before an error is carried out too (a cache report seen completing by a call that
  then fails still writes its CSV).
- ``encode``: the result, checked against the output shape, into the HTTP response.

A stage takes the :class:`~moto_sgw.protocol.context.RequestContext` and fills in its
part; a stage that sets ``ctx.response`` ends the request there. Errors raised as
:class:`~moto_sgw.protocol.errors.SgwError` become their AWS answer; anything else is a
fault of the mock: logged, and answered as ``InternalServerError``, never a traceback.
"""
from __future__ import annotations

import logging
from typing import Callable, Iterator, List, Sequence, Tuple

from .. import arns, rules
from ..bridges import iam
from . import constraints, decode, encode, identity, registry, service
from .context import RequestContext, Response
from .errors import (
    ConfigurationError,
    InternalServerError,
    InvalidGatewayRequest,
    NotImplementedOperation,
    SgwError,
    UnknownOperationException,
)

log = logging.getLogger("moto_sgw")

Stage = Callable[[RequestContext], None]
Observer = Callable[[RequestContext], None]


def route(ctx: RequestContext) -> None:
    ctx.headers = headers = identity.lower_headers(ctx.raw_headers)
    target = headers.get("x-amz-target") or ""
    prefix, _, name = target.partition(".")
    if prefix not in service.target_prefixes() or name not in service.operation_names():
        raise UnknownOperationException("An unknown operation was specified.")
    ctx.operation = service.operation_model(name)
    caller = identity.resolve(headers, ctx.url)
    ctx.account_id, ctx.region, ctx.access_key_id = caller
    ctx.partition = arns.get_partition(caller.region)


def authorize(ctx: RequestContext) -> None:
    denied = iam.authorize(ctx)
    if denied is not None:
        ctx.response = denied


def parse(ctx: RequestContext) -> None:
    assert ctx.operation is not None
    raw = decode.raw_body(ctx.request)
    ctx.params = decode.decode(ctx.operation.input_shape, decode.parse_body(raw))


FAULT_HOOKS: List[Stage] = []


def faults(ctx: RequestContext) -> None:
    for hook in FAULT_HOOKS:
        hook(ctx)
        if ctx.response is not None:
            return


def validate(ctx: RequestContext) -> None:
    assert ctx.operation is not None
    constraints.check(ctx.operation.input_shape, ctx.params)


def dispatch(ctx: RequestContext) -> None:
    name = ctx.operation_name
    handler = registry.HANDLERS.get(name)
    if handler is None:
        raise NotImplementedOperation(name)
    try:
        backend = ctx.backends[ctx.account_id][ctx.region]
    except KeyError:
        raise InvalidGatewayRequest(
            "RegionInvalid", f"The specified region is invalid: {ctx.region}."
        ) from None
    ctx.backend = backend
    try:
        with backend.lock:
            rules.apply(ctx)
            ctx.result = handler(ctx, ctx.params)
    except Exception:
        carry_out(ctx)  # the consequences of what the handler did change before it failed
        ctx.effects.clear()
        raise


def carry_out(ctx: RequestContext) -> None:
    for effect in ctx.effects:
        effect()


def encode_result(ctx: RequestContext) -> None:
    assert ctx.operation is not None and ctx.result is not None
    ctx.response = encode.result(ctx.operation.output_shape, ctx.result, ctx.request_id)


DEFAULT_STAGES: Tuple[Tuple[str, Stage], ...] = (
    ("route", route),
    ("authorize", authorize),
    ("parse", parse),
    ("faults", faults),
    ("validate", validate),
    ("dispatch", dispatch),
    ("carry_out", carry_out),
    ("encode", encode_result),
)

INTERNAL_ERROR = ("InternalError", "An internal error occurred.")


class Chain:
    """Stages run in order; ``replace`` swaps one by name, ``observe`` watches every answer."""

    def __init__(self, stages: Sequence[Tuple[str, Stage]] = DEFAULT_STAGES) -> None:
        self._stages: List[Tuple[str, Stage]] = list(stages)
        self._observers: List[Observer] = []

    @property
    def names(self) -> List[str]:
        return [name for name, _ in self._stages]

    def stage(self, name: str) -> Stage:
        for known, stage in self._stages:
            if known == name:
                return stage
        raise KeyError(name)

    def replace(self, name: str, stage: Stage) -> Stage:
        """Put ``stage`` in the place of the stage ``name``; the one it replaced."""
        for index, (known, old) in enumerate(self._stages):
            if known == name:
                self._stages[index] = (name, stage)
                return old
        raise KeyError(name)

    def observe(self, observer: Observer) -> Callable[[], None]:
        """Call ``observer(ctx)`` after every request; the function that stops it."""
        self._observers.append(observer)
        return lambda: self._observers.remove(observer)

    def __iter__(self) -> Iterator[Tuple[str, Stage]]:
        return iter(list(self._stages))

    def __call__(self, ctx: RequestContext) -> Response:
        try:
            for _, stage in self._stages:
                stage(ctx)
                if ctx.response is not None:
                    break
        except SgwError as err:
            ctx.response = encode.error(err, ctx.request_id)
        except ConfigurationError:
            raise
        except Exception:  # a fault of the mock: answer as AWS would, never a traceback
            log.exception("moto-sgw: unexpected fault in %s", ctx.operation_name or "a request")
            ctx.response = encode.error(InternalServerError(*INTERNAL_ERROR), ctx.request_id)
        if ctx.response is None:  # a chain whose stages never answered: a fault too
            log.error("moto-sgw: no stage answered %s", ctx.operation_name or "a request")
            ctx.response = encode.error(InternalServerError(*INTERNAL_ERROR), ctx.request_id)
        if self._observers:
            for observer in list(self._observers):
                observer(ctx)
        return ctx.response


PIPELINE = Chain()
