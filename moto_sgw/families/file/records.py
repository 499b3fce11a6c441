"""The store that file shares and file system associations share.

Both are regional records outside their gateway's ARN, listed by ARN and by gateway, and
both are deleted through a lifecycle: ``DELETING`` (``FORCE_DELETING`` when forced), then
gone. The final state of a deletion is :data:`GONE`, which is never reported: the call
that moves a record there answers as if it were already gone, and the record is forgotten.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, FrozenSet, Generic, List, Optional, Set, TypeVar

from ... import arns, rules
from ...lifecycle import Lifecycle
from ...messages import invalid
from ...store import SortedStore

if TYPE_CHECKING:
    from typing import Protocol

    from ...models import StorageGatewayBackend
    from ..gateways import Gateway

    class Record(Protocol):
        arn: str
        gateway: Gateway
        progress: Lifecycle

    R = TypeVar("R", bound=Record)
else:
    R = TypeVar("R")

DELETING, FORCE_DELETING = "DELETING", "FORCE_DELETING"
GONE = "GONE"
# CacheStaleTimeoutInSeconds: "Valid Values: 0, 300 to 2,592,000 seconds (5 minutes to 30 days)"
STALE_TIMEOUT = (300, 2_592_000)


def check_cache_attributes(attributes: Optional[Any]) -> None:
    """A share's or an association's CacheAttributes: a stale timeout AWS accepts."""
    stale = (attributes or {}).get("CacheStaleTimeoutInSeconds")
    if stale is not None and stale != 0 and not STALE_TIMEOUT[0] <= stale <= STALE_TIMEOUT[1]:
        raise invalid("InvalidParameters")


def deleting(record: "Record") -> bool:
    """Whether ``record`` is on its way out (its lifecycle ends in :data:`GONE`)."""
    return record.progress.final == GONE


def gone(record: "Record") -> bool:
    return record.progress.state == GONE


class RegionalStore(Generic[R]):
    """Records of one account and region: by ARN, by gateway, and those being deleted."""

    def __init__(self, backend: "StorageGatewayBackend", model: str, not_found: str) -> None:
        self._backend = backend
        self._model = model  # the lifecycle model deletions go through
        self.not_found = not_found  # the error code of a record that is not (or no more)
        self.store: SortedStore[R] = SortedStore()
        self.by_gateway: Dict[str, SortedStore[R]] = {}
        self._deleting: Set[str] = set()
        # Called with each record once it is gone.
        self.on_gone: List[Callable[[R], None]] = []

    def __contains__(self, arn: str) -> bool:
        return arn in self.store

    def add(self, record: R) -> None:
        self.store.put(record.arn, record)
        self.by_gateway.setdefault(record.gateway.arn, SortedStore()).put(record.arn, record)

    def lookup(self, arn: str) -> R:
        self.reap()
        record = self.store.get(arn)
        if record is None:
            raise invalid(self.not_found)
        return record

    def of_gateway(self, gateway_arn: str) -> SortedStore[R]:
        return self.by_gateway.get(gateway_arn) or SortedStore()

    def delete(self, record: R, force: bool) -> None:
        record.progress = Lifecycle(self._model, FORCE_DELETING if force else DELETING, GONE)
        self._deleting.add(record.arn)
        self.reap()

    def reap(self) -> None:
        """Forget the records whose deletion has run its course."""
        for arn in list(self._deleting):
            record = self.store.get(arn)
            if record is None or gone(record):
                self._deleting.discard(arn)
                if record is not None:
                    self._forget(record)

    def advance_deleting(self) -> None:
        """A listing reports the records being deleted: move them on, and forget the gone."""
        for arn in list(self._deleting):
            record = self.store.get(arn)
            if record is not None:
                record.progress.advance()
        self.reap()

    def reported(self, records: List[R]) -> List[R]:
        """A Describe call reports ``records``: move each on; one gone is not found."""
        for record in records:
            record.progress.advance()
        if any(gone(record) for record in records):
            self.reap()  # its deletion ran its course with this call
            raise invalid(self.not_found)
        return records

    def _forget(self, record: R) -> None:
        self.store.pop(record.arn)
        held = self.by_gateway.get(record.gateway.arn)
        if held is not None:
            held.pop(record.arn)
        self._backend.tags.drop(record.arn)
        for hook in self.on_gone:
            hook(record)

    def drop_gateway(self, gateway_arn: str) -> None:
        """The gateway was deleted: its records go with it, at once."""
        for record in list(self.of_gateway(gateway_arn).values()):
            self._deleting.discard(record.arn)
            self._forget(record)
        self.by_gateway.pop(gateway_arn, None)


def resolvers(
    one: str,
    many: str,
    arn_kind: str,
    store_of: "Callable[[StorageGatewayBackend], RegionalStore[Any]]",
    types: FrozenSet[str],
) -> None:
    """Register how the rules resolve one record's ARN (kind ``one``) and a list of them
    (kind ``many``): each must exist (the store's not-found error, also for an ARN of another
    kind); the rule checks the first record's gateway, and the others' gateways must be of
    ``types`` and running too."""

    def gateway_of(backend: "StorageGatewayBackend", arn: str) -> "Gateway":
        store = store_of(backend)
        parsed = arns.parse_regional(arn)
        if parsed is None or parsed.kind != arn_kind:
            raise invalid(store.not_found)
        gateway: Gateway = store.lookup(arn).gateway
        return gateway

    def find(backend: "StorageGatewayBackend", arn: str, gateway: "Optional[Gateway]") -> Any:
        return store_of(backend).lookup(arn)

    def gateway_of_first(backend: "StorageGatewayBackend", named: List[str]) -> "Gateway":
        return [gateway_of(backend, arn) for arn in named][0]

    def find_all(backend: "StorageGatewayBackend", named: List[str], gateway: "Optional[Gateway]") -> List[Any]:
        found = [store_of(backend).lookup(arn) for arn in named]
        for other in found[1:]:
            backend.gateways.require(other.gateway.arn, types=types)
        return found

    rules.resolver(one, rules.Resolver(gateway_of, find))
    rules.resolver(many, rules.Resolver(gateway_of_first, find_all))
