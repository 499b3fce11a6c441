"""The request context: everything one request carries through the pipeline.

Each stage of :mod:`moto_sgw.protocol.chain` fills in its part (the operation, the
caller, the decoded input, the backend, the resources the operation's rule names, the
result, the response); a handler receives the context and reads what it needs:
``ctx.backend``, ``ctx.gateway``, ``ctx.resource``, ``ctx.account_id``, ``ctx.region``,
``ctx.partition``, ``ctx.operation``, ``ctx.request_id``, ``ctx.access_key_id``.

Side effects on other moto services (EC2, S3, EventBridge) are
queued with :meth:`RequestContext.after` and carried out once the backend's lock is
released, so that no lock of ours is held while another service runs.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Tuple

if TYPE_CHECKING:
    from botocore.model import OperationModel

    from ..families.gateways import Gateway
    from ..models import StorageGatewayBackend

Response = Tuple[int, Dict[str, str], str]


class RequestContext:
    __slots__ = (
        "request",
        "url",
        "raw_headers",
        "backends",
        "request_id",
        "headers",
        "operation",
        "account_id",
        "region",
        "partition",
        "access_key_id",
        "params",
        "_backend",
        "_gateway",
        "resource",
        "result",
        "response",
        "effects",
    )

    def __init__(
        self,
        request: Any,
        url: str,
        raw_headers: Mapping[str, Any],
        backends: Any,
        request_id: str,
    ) -> None:
        self.request = request
        self.url = url
        self.raw_headers = raw_headers  # as the caller sent them (IAM checks the signature)
        self.backends = backends  # the service's BackendDict
        self.request_id = request_id
        self.headers: Dict[str, str] = {}  # the headers the pipeline reads, lower-cased
        self.operation: Optional[OperationModel] = None
        self.account_id = ""
        self.region = ""
        self.partition = ""
        self.access_key_id: Optional[str] = None
        self.params: Dict[str, Any] = {}
        self._backend: Optional[StorageGatewayBackend] = None
        self._gateway: Optional[Gateway] = None
        self.resource: Any = None  # what the operation's rule resolved besides the gateway
        self.result: Optional[Mapping[str, Any]] = None
        self.response: Optional[Response] = None
        self.effects: List[Callable[[], None]] = []

    @property
    def operation_name(self) -> str:
        return self.operation.name if self.operation is not None else ""

    @property
    def backend(self) -> "StorageGatewayBackend":
        if self._backend is None:
            raise RuntimeError("the backend is resolved by the dispatch stage")
        return self._backend

    @backend.setter
    def backend(self, value: "StorageGatewayBackend") -> None:
        self._backend = value

    @property
    def gateway(self) -> "Gateway":
        """The gateway the operation's rule resolved (see :mod:`moto_sgw.rules`)."""
        if self._gateway is None:
            raise RuntimeError(f"the rule of {self.operation_name} resolves no gateway")
        return self._gateway

    @gateway.setter
    def gateway(self, value: Optional["Gateway"]) -> None:
        self._gateway = value

    @property
    def has_gateway(self) -> bool:
        return self._gateway is not None

    def after(self, effect: Callable[[], None]) -> None:
        """Queue ``effect`` (a change to another moto service) for after the lock is released."""
        self.effects.append(effect)
