"""Tape pools and their retention locks, assigning tapes to pools, and automatic tape
creation policies.

AWS: two standard pools, ``GLACIER`` and ``DEEP_ARCHIVE``, which ListTapePools does not
list; custom pools (``...:tapepool/pool-1234ABCD``) keep a storage class and a retention
lock (``GOVERNANCE`` or ``COMPLIANCE`` for 0-36,500 days), and "A custom pool's
configuration cannot be changed after it is created". A locked archived tape cannot be
removed before its lock ends: not at all under ``COMPLIANCE``, only with
``BypassGovernanceRetention`` under ``GOVERNANCE``. A pool "can only be deleted if there
are no tapes in the pool and if there are no automatic tape creation policies that
reference" it; a missing pool answers "The specified pool was not found.", the text
Terraform looks for. A gateway has at most one automatic tape creation policy, replaced
whole by UpdateAutomaticTapeCreationPolicy; the mock keeps it and reports it, and spawns no
tapes (the gateway does that on iSCSI imports, which a mock cannot see).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Dict, List, Optional

from ... import arns, ids, rules
from ...messages import invalid
from ...pagination import items, paginate, scope_of
from ...protocol.registry import operation
from ...store import SortedStore
from .tapes import check_size

if TYPE_CHECKING:
    from ..._generated.shapes import (
        AssignTapePoolInput,
        AssignTapePoolOutput,
        AutomaticTapeCreationRule,
        CreateTapePoolInput,
        CreateTapePoolOutput,
        DeleteAutomaticTapeCreationPolicyInput,
        DeleteAutomaticTapeCreationPolicyOutput,
        DeleteTapePoolInput,
        DeleteTapePoolOutput,
        ListAutomaticTapeCreationPoliciesInput,
        ListAutomaticTapeCreationPoliciesOutput,
        ListTapePoolsInput,
        ListTapePoolsOutput,
        PoolInfo,
        UpdateAutomaticTapeCreationPolicyInput,
        UpdateAutomaticTapeCreationPolicyOutput,
    )
    from ...models import StorageGatewayBackend
    from ...protocol.context import RequestContext
    from ..gateways import Gateway
    from .tapes import Tape

GLACIER, DEEP_ARCHIVE = "GLACIER", "DEEP_ARCHIVE"
STANDARD_POOLS = frozenset({GLACIER, DEEP_ARCHIVE})
NONE, GOVERNANCE, COMPLIANCE = "NONE", "GOVERNANCE", "COMPLIANCE"
POOL_NOT_FOUND = "The specified pool was not found."


@dataclass(eq=False)
class Pool:
    arn: str
    pool_id: str
    name: str
    storage_class: str
    lock_type: str = NONE
    lock_days: int = 0
    created: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    def as_info(self) -> "PoolInfo":
        return {
            "PoolARN": self.arn,
            "PoolName": self.name,
            "StorageClass": self.storage_class,  # type: ignore[typeddict-item]
            "RetentionLockType": self.lock_type,  # type: ignore[typeddict-item]
            "RetentionLockTimeInDays": self.lock_days,
            "PoolStatus": "ACTIVE",
        }


class Pools:
    """The custom tape pools and automatic tape creation policies of one account and region."""

    def __init__(self, backend: "StorageGatewayBackend") -> None:
        self._backend = backend
        self.store: SortedStore[Pool] = SortedStore()
        self._by_id: Dict[str, Pool] = {}
        self.policies: SortedStore["List[AutomaticTapeCreationRule]"] = SortedStore()  # by gateway ARN

    def custom(self, pool_id: str) -> Optional[Pool]:
        return self._by_id.get(pool_id)

    def require(self, pool_id: str) -> None:
        """``pool_id`` names a standard pool or a custom pool of the account and region."""
        if pool_id not in STANDARD_POOLS and pool_id not in self._by_id:
            raise invalid("InvalidParameters")

    def storage_class(self, pool_id: Optional[str]) -> str:
        """Where a tape of ``pool_id`` is archived (a tape without a pool: Glacier)."""
        pool = self._by_id.get(pool_id or "")
        return pool.storage_class if pool is not None else (pool_id or GLACIER)

    def locks(self, pool_id: Optional[str]) -> bool:
        pool = self._by_id.get(pool_id or "")
        return pool is not None and pool.lock_type != NONE

    def create(self, name: str, storage_class: str, lock_type: str, lock_days: int) -> Pool:
        backend = self._backend
        while True:
            pool_id = ids.upper_hex("pool-", 8)
            arn = arns.tape_pool(backend.region_name, backend.account_id, pool_id)
            if arn not in self.store:
                break
        pool = Pool(arn, pool_id, name, storage_class, lock_type, lock_days)
        self.store.put(arn, pool)
        self._by_id[pool_id] = pool
        return pool

    def remove(self, pool: Pool) -> None:
        self.store.pop(pool.arn)
        self._by_id.pop(pool.pool_id, None)
        self._backend.tags.drop(pool.arn)

    def check_removal(self, tape: "Tape", bypass: bool) -> None:
        """Refuse to remove (delete, or move out of its pool) a tape whose retention lock holds."""
        pool = self._by_id.get(tape.pool_id or "")
        if pool is None or pool.lock_type == NONE or tape.retention_start is None:
            return
        if datetime.now(timezone.utc) >= tape.retention_start + timedelta(days=pool.lock_days):
            return  # the lock has run out
        if pool.lock_type == COMPLIANCE or not bypass:
            raise invalid("InvalidParameters")


@operation("CreateTapePool")
def create_tape_pool(ctx: "RequestContext", req: "CreateTapePoolInput") -> "CreateTapePoolOutput":
    pools = ctx.backend.tape.pools
    lock_type = req.get("RetentionLockType") or NONE
    lock_days = req.get("RetentionLockTimeInDays") or 0
    # A lock needs a period, and a period needs a lock (Terraform sends NONE with 0).
    if (lock_type == NONE) != (lock_days == 0):
        raise invalid("InvalidParameters")
    if any(pool.name == req["PoolName"] for pool in pools.store.values()):
        raise invalid("InvalidParameters")  # the console asks for a "unique name"
    tags = req.get("Tags") or []
    ctx.backend.tags.check(None, tags)
    pool = pools.create(req["PoolName"], req["StorageClass"], lock_type, lock_days)
    ctx.backend.tags.add(pool.arn, tags)
    return {"PoolARN": pool.arn}


@operation("DeleteTapePool")
def delete_tape_pool(ctx: "RequestContext", req: "DeleteTapePoolInput") -> "DeleteTapePoolOutput":
    pools = ctx.backend.tape.pools
    pool = pools.store.get(req["PoolARN"])
    if pool is None:
        raise invalid("InvalidParameters", POOL_NOT_FOUND)
    in_use = any(tape.pool_id == pool.pool_id for tape in ctx.backend.tape.tapes.store.values())
    referenced = any(rule["PoolId"] == pool.pool_id for rules in pools.policies.values() for rule in rules)
    if in_use or referenced:
        raise invalid("InvalidParameters")
    pools.remove(pool)
    return {"PoolARN": pool.arn}


@operation("ListTapePools")
def list_tape_pools(ctx: "RequestContext", req: "ListTapePoolsInput") -> "ListTapePoolsOutput":
    # "Lists custom tape pools"; an ARN of no pool is left out, not refused.
    pools = ctx.backend.tape.pools
    wanted = req.get("PoolARNs")
    source = pools.store
    scope = ""
    if wanted:
        source = items((arn, pools.store.get(arn)) for arn in wanted if arn in pools.store)
        scope = scope_of(wanted)
    return paginate("ListTapePools", req, source, Pool.as_info, scope=scope)  # type: ignore[return-value]


@operation("AssignTapePool")
def assign_tape_pool(ctx: "RequestContext", req: "AssignTapePoolInput") -> "AssignTapePoolOutput":
    from .tapes import IN_VTS

    pools = ctx.backend.tape.pools
    tape: Tape = ctx.resource
    pool_id = req["PoolId"]
    pools.require(pool_id)
    if pool_id == tape.pool_id:
        return {"TapeARN": tape.arn}
    archived = tape.place == IN_VTS
    if archived and pools.storage_class(tape.pool_id) == DEEP_ARCHIVE and pools.storage_class(pool_id) == GLACIER:
        raise invalid("InvalidParameters")  # "cannot move back" from Deep Archive to Glacier
    pools.check_removal(tape, bool(req.get("BypassGovernanceRetention")))
    now = datetime.now(timezone.utc)
    tape.pool_id = pool_id
    tape.pool_entry = now if pools.custom(pool_id) is not None else None
    # Moved into a locked pool, an archived tape's lock "is effective immediately".
    tape.retention_start = now if archived and pools.locks(pool_id) else None
    return {"TapeARN": tape.arn}


def _check_rules(ctx: "RequestContext", rules: "List[AutomaticTapeCreationRule]") -> None:
    for rule in rules:
        ctx.backend.tape.pools.require(rule["PoolId"])
        check_size(rule["TapeSizeInBytes"])
    prefixes = [rule["TapeBarcodePrefix"] for rule in rules]
    if len(set(prefixes)) != len(prefixes):
        raise invalid("InvalidParameters")  # one rule a barcode prefix


@operation("UpdateAutomaticTapeCreationPolicy")
def update_automatic_tape_creation_policy(
    ctx: "RequestContext", req: "UpdateAutomaticTapeCreationPolicyInput"
) -> "UpdateAutomaticTapeCreationPolicyOutput":
    rules = req["AutomaticTapeCreationRules"]
    _check_rules(ctx, rules)
    ctx.backend.tape.pools.policies.put(ctx.gateway.arn, [dict(rule) for rule in rules])  # type: ignore[misc]
    return {"GatewayARN": ctx.gateway.arn}


@operation("ListAutomaticTapeCreationPolicies")
def list_automatic_tape_creation_policies(
    ctx: "RequestContext", req: "ListAutomaticTapeCreationPoliciesInput"
) -> "ListAutomaticTapeCreationPoliciesOutput":
    policies = ctx.backend.tape.pools.policies
    if ctx.has_gateway:
        held = policies.get(ctx.gateway.arn)
        chosen = [(ctx.gateway.arn, held)] if held is not None else []
    else:
        chosen = list(policies.iter_from())
    return {
        "AutomaticTapeCreationPolicyInfos": [
            {"AutomaticTapeCreationRules": [dict(rule) for rule in rules], "GatewayARN": arn}  # type: ignore[misc]
            for arn, rules in chosen
        ]
    }


@operation("DeleteAutomaticTapeCreationPolicy")
def delete_automatic_tape_creation_policy(
    ctx: "RequestContext", req: "DeleteAutomaticTapeCreationPolicyInput"
) -> "DeleteAutomaticTapeCreationPolicyOutput":
    # A gateway without a policy has nothing to delete; the call still succeeds.
    ctx.backend.tape.pools.policies.pop(ctx.gateway.arn)
    return {"GatewayARN": ctx.gateway.arn}


def _pool_gateway(backend: "StorageGatewayBackend", arn: str) -> None:
    """A pool is on no gateway; its ARN must name one of the account's pools (for tagging)."""
    if arn not in backend.tape.pools.store:
        raise invalid("InvalidParameters", POOL_NOT_FOUND)
    return None


def _pool(backend: "StorageGatewayBackend", arn: str, gateway: "Optional[Gateway]") -> Pool:
    pool = backend.tape.pools.store.get(arn)
    assert pool is not None
    return pool


rules.resolver(rules.TAPE_POOL, rules.Resolver(_pool_gateway, _pool))
