"""``Marker``/``Limit`` paging, as ``paginators-1.json`` describes each operation.

Handlers hand over an ordered source; this module cuts the page and writes the
output token. Markers are opaque: they name the operation, the query they belong
to and the last key returned. A marker from another operation or another query,
or one that is not ours at all, is refused with ``InvalidParameters``.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
from itertools import islice
from typing import Any, Callable, Dict, Iterator, List, Mapping, Tuple

from .protocol import service
from .protocol.errors import InvalidGatewayRequest
from .store import SortedStore

# AWS documents 100 as the default page size of ListGateways and ListVolumes.
DEFAULT_LIMIT = 100


def _invalid_marker() -> InvalidGatewayRequest:
    return InvalidGatewayRequest(
        "InvalidParameters", "The specified request contains invalid parameters."
    )


def encode_marker(operation: str, scope: str, last_key: str) -> str:
    raw = json.dumps([operation, scope, last_key], separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii")


def decode_marker(marker: str, operation: str, scope: str) -> str:
    try:
        op, owner, last_key = json.loads(base64.urlsafe_b64decode(marker.encode("ascii")))
    except (binascii.Error, ValueError, TypeError, UnicodeError, RecursionError):
        # RecursionError: a well-formed marker may hide deeply nested JSON.
        raise _invalid_marker() from None
    if op != operation or owner != scope or not isinstance(last_key, str):
        raise _invalid_marker()
    return last_key


def scope_of(values: Any) -> str:
    """A short scope for a query filtered by ``values`` (a list of ARNs): markers stay
    within the model's 1,000 characters however many ARNs the filter names."""
    joined = "\n".join(sorted(set(values)))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def paginate(
    operation: str,
    request: Mapping[str, Any],
    source: SortedStore[Any],
    render: Callable[[Any], Any],
    *,
    prefix: str = "",
    scope: str = "",
) -> Dict[str, Any]:
    """One page of ``source`` (keys starting with ``prefix``) as the output members.

    ``scope`` ties markers to the query (for example the gateway of ListVolumes).
    """
    config = service.paginators()[operation]
    limit_key = config.get("limit_key")
    limit = request.get(limit_key) if limit_key else None
    if limit is None:
        limit = DEFAULT_LIMIT
    marker = request.get(config["input_token"])
    after = decode_marker(marker, operation, scope) if marker is not None else None
    window: List[Tuple[str, Any]] = list(islice(source.iter_from(after, prefix), limit + 1))
    page = window[:limit]
    out: Dict[str, Any] = {config["result_key"]: [render(item) for _, item in page]}
    if len(window) > limit:
        out[config["output_token"]] = encode_marker(operation, scope, page[-1][0])
    return out


def items(source: Iterator[Tuple[str, Any]]) -> SortedStore[Any]:
    """A small ad-hoc ordered source (for example the tags of one resource)."""
    store: SortedStore[Any] = SortedStore()
    for key, value in source:
        store.put(key, value)
    return store
