"""An ordered map: dictionary look-ups, and iteration in key order from any point.

AWS lists Storage Gateway resources sorted by ARN. Keeping the keys sorted as they
are added lets a page of ``Limit`` items start at its marker by bisection, so a
call costs the same with ten resources held or ten thousand.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from typing import Dict, Generic, Iterator, List, Optional, Tuple, TypeVar

V = TypeVar("V")


class SortedStore(Generic[V]):
    def __init__(self) -> None:
        self._items: Dict[str, V] = {}
        self._keys: List[str] = []

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: str) -> Optional[V]:
        return self._items.get(key)

    def put(self, key: str, value: V) -> None:
        if key not in self._items:
            insort(self._keys, key)
        self._items[key] = value

    def pop(self, key: str) -> Optional[V]:
        value = self._items.pop(key, None)
        if value is not None:
            index = bisect_left(self._keys, key)
            if index < len(self._keys) and self._keys[index] == key:
                del self._keys[index]
        return value

    def values(self) -> Iterator[V]:
        for key in list(self._keys):
            yield self._items[key]

    def iter_from(self, after: Optional[str] = None, prefix: str = "") -> Iterator[Tuple[str, V]]:
        """``(key, value)`` in key order, keys starting with ``prefix``, after ``after``."""
        keys = self._keys
        start = bisect_right(keys, after) if after is not None else bisect_left(keys, prefix)
        for index in range(max(start, bisect_left(keys, prefix)), len(keys)):
            key = keys[index]
            if not key.startswith(prefix):
                break
            yield key, self._items[key]
