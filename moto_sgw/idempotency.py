"""``ClientToken`` idempotency, one cache per account and region.

A retry with the same token and the same parameters answers the first result and
creates nothing. The same token with other parameters is refused with
``InvalidParameters``. (AWS documents only "use the same ClientToken if you
retry"; the mismatch answer is our choice, after EC2's rule.)
"""
from __future__ import annotations

import json
from typing import Any, Callable, Dict, Mapping, Tuple, TypeVar, cast

from .messages import invalid

R = TypeVar("R", bound=Mapping[str, object])


class Idempotency:
    def __init__(self) -> None:
        self._seen: Dict[Tuple[str, str, str], Tuple[str, Dict[str, object]]] = {}

    def run(
        self,
        operation: str,
        scope: str,
        request: Mapping[str, Any],
        create: Callable[[], R],
    ) -> R:
        """``create()`` once per (operation, scope, ClientToken); replays answer alike."""
        token = request["ClientToken"]
        fingerprint = json.dumps(
            {k: v for k, v in request.items() if k != "ClientToken"}, sort_keys=True, default=str
        )
        key = (operation, scope, token)
        seen = self._seen.get(key)
        if seen is not None:
            if seen[0] != fingerprint:
                raise invalid("InvalidParameters")
            return cast(R, dict(seen[1]))
        result = create()
        self._seen[key] = (fingerprint, dict(result))
        return result
