"""Tags: one store keyed by resource ARN, and the three tagging operations.

AWS's rules: at most 50 tags a resource, keys case-sensitive and never starting
with ``aws:``. Lengths and characters are the model's and checked by the protocol
layer. A violation of the two rules answers ``InvalidParameters`` (AWS's exact
answer was not found; this is the code AWS uses for invalid parameters).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterable, List, Mapping, Optional

from .. import arns
from ..faults import fault
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
    )
    from ..models import StorageGatewayBackend

MAX_TAGS = 50
RESERVED_PREFIX = "aws:"


class TagStore:
    def __init__(self) -> None:
        self._tags: Dict[str, Dict[str, str]] = {}

    def check(self, arn: Optional[str], tags: Iterable[Mapping[str, str]]) -> None:
        """Refuse ``tags`` if adding them to ``arn`` (a new resource if ``None``) breaks a rule."""
        keys = {tag["Key"] for tag in tags}
        if any(key.lower().startswith(RESERVED_PREFIX) for key in keys):
            raise fault("InvalidParameters")
        held = self._tags.get(arn, {}) if arn is not None else {}
        if len(held.keys() | keys) > MAX_TAGS:
            raise fault("InvalidParameters")

    def add(self, arn: str, tags: Iterable[Mapping[str, str]]) -> None:
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

    def sorted(self, arn: str) -> List[Dict[str, str]]:
        """The tags of ``arn``, sorted by key as AWS documents."""
        held = self._tags.get(arn, {})
        return [{"Key": key, "Value": held[key]} for key in sorted(held)]

    def as_dict(self, arn: str) -> Dict[str, str]:
        return dict(self._tags.get(arn, {}))


def _require_taggable(sgw: "StorageGatewayBackend", arn: str) -> str:
    """The ARN of an existing taggable resource of this account and region."""
    parsed = arns.parse(arn)
    if parsed is None or parsed.kind == "target":
        raise fault("InvalidParameters")
    if parsed.kind == "volume":
        return sgw.volumes.require(arn, connected=False).arn
    return sgw.gateways.require(arn, connected=False).arn


@operation("AddTagsToResource")
def add_tags_to_resource(
    sgw: "StorageGatewayBackend", req: "AddTagsToResourceInput"
) -> "AddTagsToResourceOutput":
    arn = _require_taggable(sgw, req["ResourceARN"])
    sgw.tags.add(arn, req["Tags"])
    return {"ResourceARN": arn}


@operation("RemoveTagsFromResource")
def remove_tags_from_resource(
    sgw: "StorageGatewayBackend", req: "RemoveTagsFromResourceInput"
) -> "RemoveTagsFromResourceOutput":
    arn = _require_taggable(sgw, req["ResourceARN"])
    sgw.tags.remove(arn, req["TagKeys"])
    return {"ResourceARN": arn}


@operation("ListTagsForResource")
def list_tags_for_resource(
    sgw: "StorageGatewayBackend", req: "ListTagsForResourceInput"
) -> "ListTagsForResourceOutput":
    arn = _require_taggable(sgw, req["ResourceARN"])
    tags = items((tag["Key"], tag) for tag in sgw.tags.sorted(arn))
    page = paginate("ListTagsForResource", req, tags, lambda tag: tag, scope=arn)
    return {"ResourceARN": arn, **page}  # type: ignore[typeddict-item]
