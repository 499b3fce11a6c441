"""Tags: one store keyed by resource ARN, and the three tagging operations.

AWS's rules: at most 50 tags a resource, keys case-sensitive and never starting
with ``aws:``. Lengths and characters are the model's and checked by the protocol
layer. A violation of the two rules answers ``InvalidParameters`` (AWS's exact
answer was not found; this is the code AWS uses for invalid parameters).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterable, List, Optional

from .. import arns, rules
from ..messages import invalid
from ..pagination import items, paginate
from ..protocol.registry import operation

if TYPE_CHECKING:
    from .._generated.shapes import (
        AddTagsToResourceInput,
        AddTagsToResourceOutput,
        ListTagsForResourceInput,
        ListTagsForResourceOutput,
        RemoveTagsFromResourceInput,
        RemoveTagsFromResourceOutput,
        Tag,
    )
    from ..models import StorageGatewayBackend
    from ..protocol.context import RequestContext
    from .gateways import Gateway

MAX_TAGS = 50
RESERVED_PREFIX = "aws:"


class TagStore:
    def __init__(self) -> None:
        self._tags: Dict[str, Dict[str, str]] = {}

    def check(self, arn: Optional[str], tags: "Iterable[Tag]") -> None:
        """Refuse ``tags`` if adding them to ``arn`` (a new resource if ``None``) breaks a rule."""
        keys = {tag["Key"] for tag in tags}
        if any(key.lower().startswith(RESERVED_PREFIX) for key in keys):
            raise invalid("InvalidParameters")
        held = self._tags.get(arn, {}) if arn is not None else {}
        if len(held.keys() | keys) > MAX_TAGS:
            raise invalid("InvalidParameters")

    def add(self, arn: str, tags: "Iterable[Tag]") -> None:
        self.check(arn, tags)
        held = self._tags.setdefault(arn, {})
        for tag in tags:
            held[tag["Key"]] = tag["Value"]

    def remove(self, arn: str, keys: Iterable[str]) -> None:
        held = self._tags.get(arn, {})
        for key in keys:
            held.pop(key, None)

    def drop(self, arn: str) -> None:
        self._tags.pop(arn, None)

    def move(self, old_arn: str, new_arn: str) -> None:
        """A resource's ARN changed (a volume attached to another gateway): its tags follow."""
        held = self._tags.pop(old_arn, None)
        if held is not None:
            self._tags[new_arn] = held

    def sorted(self, arn: str) -> "List[Tag]":
        """The tags of ``arn``, sorted by key as AWS documents."""
        held = self._tags.get(arn, {})
        return [{"Key": key, "Value": held[key]} for key in sorted(held)]

    def as_dict(self, arn: str) -> Dict[str, str]:
        return dict(self._tags.get(arn, {}))


def _gateway_of_taggable(backend: "StorageGatewayBackend", arn: str) -> "Optional[Gateway]":
    regional = arns.parse_regional(arn)
    if regional is not None:
        # A file share, cache report, association, tape or tape pool: found as its own
        # operations find it (the resolver of its kind is registered under the ARN's kind).
        # An archived tape or a pool is on no gateway.
        return rules.RESOLVERS[regional.kind].gateway_of(backend, arn)
    parsed = arns.parse(arn)
    if parsed is None or parsed.kind == "target":
        # Not a resource that carries tags (or not an ARN of this service at all).
        raise invalid("InvalidParameters")
    return backend.gateways.lookup(parsed.gateway_arn)


def _taggable(backend: "StorageGatewayBackend", arn: str, gateway: "Optional[Gateway]") -> str:
    """The ARN of the existing resource ``arn`` names."""
    if gateway is not None and arn == gateway.arn:
        return gateway.arn
    if arns.parse_regional(arn) is not None:
        return arn  # found by _gateway_of_taggable
    return backend.volumes.lookup(arn).arn


rules.resolver(rules.TAGGABLE, rules.Resolver(_gateway_of_taggable, _taggable))


@operation("AddTagsToResource")
def add_tags_to_resource(
    ctx: "RequestContext", req: "AddTagsToResourceInput"
) -> "AddTagsToResourceOutput":
    arn: str = ctx.resource
    ctx.backend.tags.add(arn, req["Tags"])
    return {"ResourceARN": arn}


@operation("RemoveTagsFromResource")
def remove_tags_from_resource(
    ctx: "RequestContext", req: "RemoveTagsFromResourceInput"
) -> "RemoveTagsFromResourceOutput":
    arn: str = ctx.resource
    ctx.backend.tags.remove(arn, req["TagKeys"])
    return {"ResourceARN": arn}


@operation("ListTagsForResource")
def list_tags_for_resource(
    ctx: "RequestContext", req: "ListTagsForResourceInput"
) -> "ListTagsForResourceOutput":
    arn: str = ctx.resource
    tags = items((tag["Key"], tag) for tag in ctx.backend.tags.sorted(arn))
    page = paginate("ListTagsForResource", req, tags, lambda tag: tag, scope=arn)
    return {"ResourceARN": arn, **page}  # type: ignore[typeddict-item]
