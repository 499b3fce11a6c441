"""Faults on demand: Storage Gateway failing, or slow, when a test says so.

``inject_fault(error, operation="*", count=None, rate=None, seed=None, gateway_arn=None,
region=None, latency=None)`` makes matching calls answer ``error`` as AWS would answer it;
``clear_faults`` removes one or all; ``active_faults`` lists them. A fault answers in the
pipeline's ``faults`` stage: after the request is parsed, before it is validated or
served, so a failed call changes no state. Faults apply to every account and region of
the process (or server) unless ``region`` narrows them, and last until cleared, until a
``mock_storagegateway`` stops, or until moto's reset.

The errors and their wire forms:

==========================  ======  ==========================================================
``ThrottlingException``     400     ``{"__type": "ThrottlingException", "message": "Rate exceeded"}``
``ServiceUnavailableError`` 503     modeled body, ``error.errorCode`` ``ServiceUnavailable``
``InternalServerError``     500     modeled body, ``error.errorCode`` ``InternalError``
``GatewayNotConnected``     400     ``InvalidGatewayRequestException``, "The specified gateway is not connected."
any other ``ErrorCode``     400     ``InvalidGatewayRequestException`` with that ``error.errorCode``
==========================  ======  ==========================================================

botocore retries throttling and 5xx answers, so ``count=2`` on a client with the default
retries succeeds on its third attempt.
"""
from __future__ import annotations

import itertools
import random
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional

from . import rules
from .messages import MESSAGES
from .protocol import chain, identity, service
from .protocol.errors import (
    ConfigurationError,
    InternalServerError,
    InvalidGatewayRequest,
    ServiceUnavailableError,
    SgwError,
    ThrottlingException,
)

if TYPE_CHECKING:
    from .protocol.context import RequestContext

THROTTLING = "ThrottlingException"
SERVICE_UNAVAILABLE = "ServiceUnavailableError"
INTERNAL = "InternalServerError"
ALL_OPERATIONS = "*"

# How the errors that are not plain error codes are answered.
_SPECIAL: Dict[str, Callable[[], SgwError]] = {
    THROTTLING: lambda: ThrottlingException("Rate exceeded"),
    SERVICE_UNAVAILABLE: lambda: ServiceUnavailableError(
        "ServiceUnavailable", "The request has failed due to a temporary failure of the server."
    ),
    INTERNAL: lambda: InternalServerError("InternalError", "An internal error occurred."),
}


def error_kinds() -> List[str]:
    """Every accepted ``error``: the three above, then the model's ``ErrorCode`` values."""
    codes = service.service_model().shape_for("ErrorCode").enum
    return [*_SPECIAL, *sorted(set(codes) | {"GatewayNotConnected"})]


def _answer(error: str) -> SgwError:
    special = _SPECIAL.get(error)
    if special is not None:
        return special()
    return InvalidGatewayRequest(error, MESSAGES.get(error, f"The request failed: {error}."))


@dataclass
class Fault:
    id: str
    error: Optional[str]
    operation: str
    count: Optional[int]
    rate: Optional[float]
    seed: Optional[int]
    gateway_arn: Optional[str]
    region: Optional[str]
    latency: Optional[float]
    remaining: Optional[int] = None
    draws: random.Random = field(default_factory=random.Random, repr=False)

    def as_dict(self) -> Dict[str, Any]:
        return {
            "id": self.id,
            "error": self.error,
            "operation": self.operation,
            "count": self.count,
            "rate": self.rate,
            "seed": self.seed,
            "gateway_arn": self.gateway_arn,
            "region": self.region,
            "latency": self.latency,
            "remaining": self.remaining,
        }


_faults: List[Fault] = []
_lock = threading.Lock()
_ids = itertools.count(1)


def _number(value: Any, name: str) -> Optional[float]:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{name} must be a number, not {value!r}")
    return float(value)


def _check(
    error: Optional[str],
    operation: Any,
    count: Any,
    rate: Any,
    seed: Any,
    gateway_arn: Any,
    region: Any,
    latency: Any,
) -> None:
    if error is None:
        if latency is None:
            raise ConfigurationError("a fault needs an error, a latency, or both")
    elif error not in error_kinds():
        codes = ", ".join(error_kinds()[len(_SPECIAL):])
        raise ConfigurationError(
            f"error must be {', '.join(_SPECIAL)}, or one of the model's error codes ({codes}), "
            f"or None with a latency; not {error!r}"
        )
    if not isinstance(operation, str) or (
        operation != ALL_OPERATIONS and operation not in service.operation_names()
    ):
        raise ConfigurationError(
            f"operation must be '*' or an operation of the Storage Gateway model, not {operation!r}"
        )
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise ConfigurationError(f"count must be a whole number, at least 1, not {count!r}")
    drawn = _number(rate, "rate")
    if drawn is not None and not 0 < drawn <= 1:
        raise ConfigurationError(f"rate must be more than 0 and at most 1, not {rate!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int)):
        raise ConfigurationError(f"seed must be a whole number, not {seed!r}")
    for name, value in (("gateway_arn", gateway_arn), ("region", region)):
        if value is not None and (not isinstance(value, str) or not value):
            raise ConfigurationError(f"{name} must be a string, not {value!r}")
    delay = _number(latency, "latency")
    if delay is not None and delay < 0:
        raise ConfigurationError(f"latency must be 0 seconds or more, not {latency!r}")


def inject_fault(
    error: Optional[str],
    operation: str = ALL_OPERATIONS,
    count: Optional[int] = None,
    rate: Optional[float] = None,
    seed: Optional[int] = None,
    gateway_arn: Optional[str] = None,
    region: Optional[str] = None,
    latency: Optional[float] = None,
) -> str:
    """Make matching Storage Gateway calls fail with ``error`` (or be slow); the fault's id.

    ``operation``: a model operation name, or ``"*"`` for every one. ``count``: fail the
    next N matching calls. ``rate``: fail that share of matching calls (0 < rate <= 1),
    drawn from a generator seeded with ``seed``. Neither: every matching call, until
    cleared. ``gateway_arn``: only requests about that gateway (naming it, or a resource
    on it). ``region``: only requests of that region. ``latency``: seconds each matching
    call waits before it is answered; with ``error=None`` it then succeeds as usual. When
    several faults match, the one injected first answers.
    """
    _check(error, operation, count, rate, seed, gateway_arn, region, latency)
    with _lock:
        fault = Fault(
            id=f"fault-{next(_ids)}",
            error=error,
            operation=operation,
            count=count,
            rate=None if rate is None else float(rate),
            seed=seed,
            gateway_arn=gateway_arn,
            region=region,
            latency=None if latency is None else float(latency),
            remaining=count,
            draws=random.Random(seed),
        )
        _faults.append(fault)
    _keep_a_backend()
    return fault.id


def clear_faults(fault_id: Optional[str] = None) -> int:
    """Remove the fault ``fault_id``, or every fault; how many were removed.

    An unknown id raises :class:`ConfigurationError`.
    """
    with _lock:
        if fault_id is None:
            removed = len(_faults)
            _faults.clear()
            return removed
        for index, fault in enumerate(_faults):
            if fault.id == fault_id:
                del _faults[index]
                return 1
    raise ConfigurationError(f"no fault with id {fault_id!r}")


def active_faults() -> List[Dict[str, Any]]:
    """The faults in force, in the order they were injected (used-up ones are gone)."""
    with _lock:
        return [fault.as_dict() for fault in _faults]


def _keep_a_backend() -> None:
    # moto's reset resets the backends that exist, and each reset clears the faults: make
    # sure one exists for as long as faults do.
    from moto.core.models import DEFAULT_ACCOUNT_ID

    from .models import storagegateway_backends

    storagegateway_backends[DEFAULT_ACCOUNT_ID][identity.DEFAULT_REGION]


def _names_gateway(ctx: "RequestContext", gateway_arn: str) -> bool:
    """Whether the request is about ``gateway_arn``: naming it, or a resource on it."""
    rule = rules.RULES.get(ctx.operation_name)
    if rule is None or rule.member is None:
        return False
    value = ctx.params.get(rule.member)
    if value is None:
        return False
    if value == gateway_arn:
        return True
    resolver = rules.RESOLVERS.get(rule.kind)
    if resolver is None:
        return False
    try:
        backend = ctx.backends[ctx.account_id][ctx.region]
        with backend.lock:
            gateway = resolver.gateway_of(backend, value)
    except (SgwError, KeyError, TypeError, AttributeError):
        return False  # it names nothing this mock holds (or is not even well-formed)
    return gateway is not None and gateway.arn == gateway_arn


def _matches(fault: Fault, ctx: "RequestContext") -> bool:
    if fault.operation != ALL_OPERATIONS and fault.operation != ctx.operation_name:
        return False
    if fault.region is not None and fault.region != ctx.region:
        return False
    if fault.gateway_arn is not None and not _names_gateway(ctx, fault.gateway_arn):
        return False
    return True


def _firing(ctx: "RequestContext") -> Optional[Fault]:
    """The first injected fault that matches the request and fires; counted down."""
    if not _faults:
        return None
    with _lock:
        candidates = list(_faults)
    for fault in candidates:
        if not _matches(fault, ctx):
            continue
        with _lock:
            if fault not in _faults:
                continue  # used up or cleared meanwhile
            if fault.rate is not None and fault.draws.random() >= fault.rate:
                continue
            if fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining == 0:
                    _faults.remove(fault)
        return fault
    return None


def apply(ctx: "RequestContext") -> None:
    """The pipeline's fault hook: delay and/or fail the request if a fault says so."""
    fault = _firing(ctx)
    if fault is None:
        return
    if fault.latency:
        time.sleep(fault.latency)
    if fault.error is not None:
        raise _answer(fault.error)


def parse_option(text: str) -> Dict[str, Any]:
    """``ERROR[:OPERATION[:RATE[:SEED]]]`` (``moto-sgw-server --fault``) as keyword arguments."""
    parts = text.split(":")
    if not 1 <= len(parts) <= 4 or not parts[0]:
        raise ConfigurationError(f"--fault takes ERROR[:OPERATION[:RATE[:SEED]]], not {text!r}")
    options: Dict[str, Any] = {"error": parts[0]}
    if len(parts) > 1 and parts[1]:
        options["operation"] = parts[1]
    try:
        if len(parts) > 2 and parts[2]:
            options["rate"] = float(parts[2])
        if len(parts) > 3 and parts[3]:
            options["seed"] = int(parts[3])
    except ValueError:
        raise ConfigurationError(f"--fault {text!r}: RATE is a number and SEED a whole number") from None
    return options


chain.FAULT_HOOKS.append(apply)
