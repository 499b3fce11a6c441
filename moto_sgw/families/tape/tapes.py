"""Virtual tapes: on a gateway's virtual tape library (VTL), and in the archive (VTS).

A tape's ARN is regional, ``...:tape/<BARCODE>``, and a barcode once used (by a deleted
tape too) is never used again in the account and Region. A new tape is ``CREATING``, then
``AVAILABLE`` (lifecycle ``storagegateway::tape``). Only the backup application archives a
tape, by ejecting it (``appliance.eject_tape``): ``IN TRANSIT TO VTS``, ``ARCHIVING``, then
``ARCHIVED`` in its pool (``storagegateway::tape-archival``), off the gateway. An archived
tape is retrieved to one tape gateway (``RETRIEVING``, then ``RETRIEVED``, read-only,
``storagegateway::tape-retrieval``) and stays listed in the archive meanwhile. A tape
recovered from a disabled gateway's recovery point is ``RECOVERED`` on its new gateway.
Statuses are spelled as AWS spells them, with spaces.

AWS: tapes of 100 GiB to 5 TiB, gigabyte-aligned; "Cache storage must be allocated to the
gateway before you can create a virtual tape"; 1,500 tapes and 1 PiB a gateway. Tape pools,
retention locks and the archive operations are in :mod:`.pools` and :mod:`.archive`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set

from ... import arns, ids, lifecycle, rules
from ...lifecycle import Lifecycle
from ...messages import invalid
from ...pagination import items, paginate, scope_of
from ...protocol.registry import operation
from ...store import SortedStore
from ..disks import CACHE_STORAGE

if TYPE_CHECKING:
    from ..._generated.shapes import (
        CreateTapesInput,
        CreateTapesOutput,
        CreateTapeWithBarcodeInput,
        CreateTapeWithBarcodeOutput,
        DeleteTapeInput,
        DeleteTapeOutput,
        DescribeTapesInput,
        DescribeTapesOutput,
        ListTapesInput,
        ListTapesOutput,
        Tag,
        TapeInfo,
    )
    from ...models import StorageGatewayBackend
    from ...protocol.context import RequestContext
    from ..gateways import Gateway
    from .pools import Pools

GIB = 1024**3
TIB = 1024 * GIB
PIB = 1024 * TIB
MIN_TAPE_SIZE, MAX_TAPE_SIZE = 100 * GIB, 5 * TIB
MAX_TAPES_PER_GATEWAY = 1500
MAX_TAPE_BYTES_PER_GATEWAY = PIB
# CreateTapes' barcodes: the prefix and six upper-case hex characters, as in AWS's examples.
GENERATED_DIGITS = 6

CREATING, AVAILABLE = "CREATING", "AVAILABLE"
IN_TRANSIT, ARCHIVING, ARCHIVED = "IN TRANSIT TO VTS", "ARCHIVING", "ARCHIVED"
RETRIEVING, RETRIEVED, RECOVERED = "RETRIEVING", "RETRIEVED", "RECOVERED"
# Where a tape is: on a gateway's VTL, on its way to the archive, in the archive, being
# (or retrieved) to a gateway from the archive, recovered to a gateway.
ON_VTL, EJECTED, IN_VTS, FROM_VTS, ON_NEW_GATEWAY = "vtl", "ejected", "vts", "retrieval", "recovered"


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(eq=False)
class Tape:
    arn: str
    barcode: str
    size: int
    gateway: "Optional[Gateway]"  # the gateway it is on or retrieved to; None in the archive
    pool_id: Optional[str] = None
    worm: bool = False
    kms_key: Optional[str] = None
    created: datetime = field(default_factory=_now)
    used: int = 0
    place: str = ON_VTL
    progress: Lifecycle = field(default_factory=lambda: Lifecycle(lifecycle.TAPE, CREATING, AVAILABLE))
    archival: Optional[Lifecycle] = None
    retrieval: Optional[Lifecycle] = None
    archived_at: Optional[datetime] = None  # CompletionTime
    retention_start: Optional[datetime] = None  # RetentionStartDate
    pool_entry: Optional[datetime] = None  # PoolEntryDate

    @property
    def status(self) -> str:
        if self.place == ON_VTL:
            return self.progress.state
        if self.place == EJECTED:
            assert self.archival is not None
            return self.archival.state
        if self.place == FROM_VTS:
            assert self.retrieval is not None
            return self.retrieval.state
        return ARCHIVED if self.place == IN_VTS else RECOVERED

    @property
    def writable(self) -> bool:
        """Retrieved and recovered tapes are read-only; a WORM tape takes one write."""
        return self.place == ON_VTL and self.status == AVAILABLE

    def report(self) -> None:
        """A call reported this tape's status: advance whichever lifecycle it is in (one on
        its way to the archive was moved on before the page was cut: see
        :meth:`Tapes.advance_moving`)."""
        current = {ON_VTL: self.progress, FROM_VTS: self.retrieval}.get(self.place)
        if current is not None:
            current.advance()

    def _common(self) -> Dict[str, Any]:
        return {
            "TapeARN": self.arn,
            "TapeBarcode": self.barcode,
            "TapeSizeInBytes": self.size,
            "TapeStatus": self.status,
            "PoolId": self.pool_id,
            "RetentionStartDate": self.retention_start,
            "PoolEntryDate": self.pool_entry,
        }

    def as_tape(self) -> Dict[str, Any]:
        shape = {
            **self._common(),
            "TapeCreatedDate": self.created,
            "TapeUsedInBytes": self.used,
            "KMSKey": self.kms_key,
            "Worm": self.worm,
        }
        if self.status in (IN_TRANSIT, ARCHIVING):
            shape["Progress"] = 0.0 if self.status == IN_TRANSIT else 100.0
        return {key: value for key, value in shape.items() if value is not None}

    def as_info(self) -> "TapeInfo":
        shape = {**self._common(), "GatewayARN": self.gateway.arn if self.gateway is not None else None}
        return {key: value for key, value in shape.items() if value is not None}  # type: ignore[return-value]

    def as_archive(self) -> Dict[str, Any]:
        shape = {
            **self._common(),
            "TapeCreatedDate": self.created,
            "CompletionTime": self.archived_at,
            "RetrievedTo": self.gateway.arn if self.place == FROM_VTS and self.gateway is not None else None,
            "TapeUsedInBytes": self.used,
            "KMSKey": self.kms_key,
            "Worm": self.worm,
        }
        return {key: value for key, value in shape.items() if value is not None}


class Tapes:
    """The tapes of one account and region: all of them, each gateway's, the archive's."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        self._backend = backend
        self.store: SortedStore[Tape] = SortedStore()
        self.on_gateway: Dict[str, SortedStore[Tape]] = {}
        self.archive: SortedStore[Tape] = SortedStore()
        self.used_barcodes: Set[str] = set()
        self._moving: Set[str] = set()  # tapes on their way to the archive

    def lookup(self, arn: str) -> Tape:
        self.settle()
        tape = self.store.get(arn)
        if tape is None:
            raise invalid("TapeCartridgeNotFound")
        return tape

    def of_gateway(self, gateway_arn: str) -> SortedStore[Tape]:
        return self.on_gateway.get(gateway_arn) or SortedStore()

    def on(self, gateway: "Gateway", arn: str) -> Tape:
        """The tape ``arn`` on (or retrieved to) ``gateway``; ``TapeCartridgeNotFound`` else."""
        self.settle()
        tape = self.of_gateway(gateway.arn).get(arn)
        if tape is None:
            raise invalid("TapeCartridgeNotFound")
        return tape

    def create(self, gateway: "Gateway", barcode: str, size: int, **extra: Any) -> Tape:
        backend = self._backend
        tape = Tape(arn=arns.tape(backend.region_name, backend.account_id, barcode), barcode=barcode,
                    size=size, gateway=gateway, **extra)
        self.used_barcodes.add(barcode)
        self.store.put(tape.arn, tape)
        self._place_on(gateway, tape)
        return tape

    def _place_on(self, gateway: "Gateway", tape: Tape) -> None:
        tape.gateway = gateway
        self.on_gateway.setdefault(gateway.arn, SortedStore()).put(tape.arn, tape)

    def _take_off(self, tape: Tape) -> None:
        if tape.gateway is not None:
            held = self.on_gateway.get(tape.gateway.arn)
            if held is not None:
                held.pop(tape.arn)
        tape.gateway = None

    def remove(self, tape: Tape) -> None:
        self._take_off(tape)
        self.archive.pop(tape.arn)
        self.store.pop(tape.arn)
        self._moving.discard(tape.arn)
        self._backend.tags.drop(tape.arn)

    # the archive

    def eject(self, tape: Tape) -> None:
        """The backup application ejected ``tape``: it goes to the archive (a retrieved one
        goes back to it at once: "the status changes back to ARCHIVED")."""
        if tape.place == FROM_VTS:
            self._take_off(tape)
            tape.place, tape.retrieval = IN_VTS, None
            return
        tape.place = EJECTED
        tape.archival = Lifecycle(lifecycle.TAPE_ARCHIVAL, IN_TRANSIT, ARCHIVING, ARCHIVED)
        self._moving.add(tape.arn)
        self.settle()

    def cancel_archival(self, tape: Tape) -> None:
        tape.place, tape.archival = ON_VTL, None
        self._moving.discard(tape.arn)

    def advance_moving(self, gateway_arn: Optional[str] = None) -> None:
        """A listing reports the tapes on their way to the archive (of ``gateway_arn``, or
        all): move them on first, so that one reaching the archive is listed there, never
        as ARCHIVED on its gateway."""
        for arn in list(self._moving):
            tape = self.store.get(arn)
            if tape is None or tape.archival is None:
                continue
            if gateway_arn is None or (tape.gateway is not None and tape.gateway.arn == gateway_arn):
                tape.archival.advance()
        self.settle()

    def settle(self) -> None:
        """Move the tapes whose archiving has completed off their gateway, into the archive."""
        for arn in list(self._moving):
            tape = self.store.get(arn)
            if tape is None or tape.archival is None:
                self._moving.discard(arn)
                continue
            if tape.archival.state != ARCHIVED:
                continue
            self._moving.discard(arn)
            self._take_off(tape)
            tape.place, tape.archival = IN_VTS, None
            tape.archived_at = _now()
            if self._backend.tape.pools.locks(tape.pool_id):
                tape.retention_start = tape.archived_at  # "first archived with tape retention lock enabled"
            self.archive.put(tape.arn, tape)

    def retrieve(self, tape: Tape, gateway: "Gateway") -> None:
        tape.place = FROM_VTS
        tape.retrieval = Lifecycle(lifecycle.TAPE_RETRIEVAL, RETRIEVING, RETRIEVED)
        self._place_on(gateway, tape)

    def cancel_retrieval(self, tape: Tape) -> None:
        self._take_off(tape)
        tape.place, tape.retrieval = IN_VTS, None

    def recover(self, tape: Tape, gateway: "Gateway") -> None:
        self._take_off(tape)
        tape.place = ON_NEW_GATEWAY
        self._place_on(gateway, tape)

    def drop_gateway(self, gateway: "Gateway") -> None:
        """The gateway was deleted: its tapes go with it; tapes retrieved to it go back to the archive."""
        for tape in list(self.of_gateway(gateway.arn).values()):
            if tape.place == FROM_VTS:
                self.cancel_retrieval(tape)
            else:
                self.remove(tape)
        self.on_gateway.pop(gateway.arn, None)


def _tape_gateway(backend: "StorageGatewayBackend", arn: str) -> "Optional[Gateway]":
    parsed = arns.parse_regional(arn)
    if parsed is None or parsed.kind != arns.TAPE:
        raise invalid("TapeCartridgeNotFound")
    return backend.tape.tapes.lookup(arn).gateway  # None: in the archive, on no gateway


def _tape(backend: "StorageGatewayBackend", arn: str, gateway: "Optional[Gateway]") -> Tape:
    return backend.tape.tapes.lookup(arn)


rules.resolver(rules.TAPE, rules.Resolver(_tape_gateway, _tape))


# ---------------------------------------------------------------------------------------


def check_size(size: int) -> None:
    """"The size must be aligned by gigabyte"; 100 GiB to 5 TiB (smaller sizes answered
    "The specified request contains invalid parameters." on real gateways)."""
    if size % GIB or not MIN_TAPE_SIZE <= size <= MAX_TAPE_SIZE:
        raise invalid("InvalidParameters")


def _check_new_tapes(ctx: "RequestContext", req: Any, count: int) -> Dict[str, Any]:
    """What every new tape needs: cache on its gateway, room in the VTL, a known pool, KMS
    rules; the members the new tapes share."""
    gateway = ctx.gateway
    size = req["TapeSizeInBytes"]
    check_size(size)
    if not gateway.disks_of(CACHE_STORAGE):
        raise invalid("InvalidParameters")  # "Cache storage must be allocated ... before"
    pools: Pools = ctx.backend.tape.pools
    pool_id = req.get("PoolId")
    if pool_id is not None:
        pools.require(pool_id)
    kms_key = req.get("KMSKey")
    if kms_key is not None and not req.get("KMSEncrypted"):
        raise invalid("InvalidParameters")  # "can only be set when KMSEncrypted is true"
    if req.get("KMSEncrypted") and kms_key is None:
        raise invalid("InvalidParameters")
    held = ctx.backend.tape.tapes.of_gateway(gateway.arn)
    if len(held) + count > MAX_TAPES_PER_GATEWAY:
        raise invalid("MaximumTapeCartridgeCountExceeded")
    if sum(tape.size for tape in held.values()) + count * size > MAX_TAPE_BYTES_PER_GATEWAY:
        raise invalid("MaximumTapeCartridgeCountExceeded")
    tags = req.get("Tags") or []
    ctx.backend.tags.check(None, tags)
    return {"pool_id": pool_id, "worm": bool(req.get("Worm")), "kms_key": kms_key}


def _tag(ctx: "RequestContext", tape: Tape, tags: "List[Tag]") -> None:
    ctx.backend.tags.add(tape.arn, tags)
    if tape.pool_id is not None and ctx.backend.tape.pools.custom(tape.pool_id):
        tape.pool_entry = tape.created  # "the date that the tape enters a custom tape pool"


@operation("CreateTapes")
def create_tapes(ctx: "RequestContext", req: "CreateTapesInput") -> "CreateTapesOutput":
    sgw, gateway = ctx.backend, ctx.gateway

    def create() -> "CreateTapesOutput":
        count = req["NumTapesToCreate"]
        shared = _check_new_tapes(ctx, req, count)
        tapes = sgw.tape.tapes
        made: List[str] = []
        while len(made) < count:
            barcode = req["TapeBarcodePrefix"] + ids.upper_hex("", GENERATED_DIGITS)
            if barcode in tapes.used_barcodes:
                continue
            tape = tapes.create(gateway, barcode, req["TapeSizeInBytes"], **shared)
            _tag(ctx, tape, req.get("Tags") or [])
            made.append(tape.arn)
        return {"TapeARNs": made}

    return sgw.idempotency.run("CreateTapes", gateway.arn, req, create)


@operation("CreateTapeWithBarcode")
def create_tape_with_barcode(
    ctx: "RequestContext", req: "CreateTapeWithBarcodeInput"
) -> "CreateTapeWithBarcodeOutput":
    shared = _check_new_tapes(ctx, req, 1)
    tapes = ctx.backend.tape.tapes
    barcode = req["TapeBarcode"]
    if barcode in tapes.used_barcodes:
        # "A barcode ... cannot be reused if it has already been used on a tape."
        raise invalid("InvalidParameters")
    tape = tapes.create(ctx.gateway, barcode, req["TapeSizeInBytes"], **shared)
    _tag(ctx, tape, req.get("Tags") or [])
    return {"TapeARN": tape.arn}


def filtered(operation_name: str, req: Any, source: SortedStore[Tape], render: Any, scope: str) -> Dict[str, Any]:
    """One page of ``source``, or of the tapes of ``TapeARNs`` found in it (ARNs of no such
    tape are left out, as ListTapePools leaves out pools that are not)."""
    wanted = req.get("TapeARNs")
    if wanted:
        chosen = items((arn, source.get(arn)) for arn in wanted if arn in source)
        return paginate(operation_name, req, chosen, render, scope=f"{scope}|{scope_of(wanted)}")
    return paginate(operation_name, req, source, render, scope=scope)


def _described(tape: Tape) -> Dict[str, Any]:
    tape.report()
    return tape.as_tape()


def _listed(tape: Tape) -> "TapeInfo":
    tape.report()
    return tape.as_info()


@operation("DescribeTapes")
def describe_tapes(ctx: "RequestContext", req: "DescribeTapesInput") -> "DescribeTapesOutput":
    # "returns a description of the virtual tapes associated with the specified gateway"
    tapes = ctx.backend.tape.tapes
    tapes.advance_moving(ctx.gateway.arn)
    page = filtered("DescribeTapes", req, tapes.of_gateway(ctx.gateway.arn), _described, ctx.gateway.arn)
    return page  # type: ignore[return-value]


@operation("ListTapes")
def list_tapes(ctx: "RequestContext", req: "ListTapesInput") -> "ListTapesOutput":
    # "in both your VTL and VTS"
    tapes = ctx.backend.tape.tapes
    tapes.advance_moving()
    return filtered("ListTapes", req, tapes.store, _listed, "")  # type: ignore[return-value]


# States in which a tape on a gateway cannot be deleted: on its way to the archive, or
# retrieved from it ("you must first eject the tape using your backup application").
_UNDELETABLE = frozenset({IN_TRANSIT, ARCHIVING, RETRIEVING, RETRIEVED})


@operation("DeleteTape")
def delete_tape(ctx: "RequestContext", req: "DeleteTapeInput") -> "DeleteTapeOutput":
    tapes = ctx.backend.tape.tapes
    tape = tapes.on(ctx.gateway, req["TapeARN"])
    if tape.status in _UNDELETABLE:
        raise invalid("InvalidParameters")
    ctx.backend.tape.pools.check_removal(tape, bool(req.get("BypassGovernanceRetention")))
    tapes.remove(tape)  # the barcode stays used
    return {"TapeARN": tape.arn}

