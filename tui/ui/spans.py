"""Sorted spans with the queries a keypress needs, none of which walks every span."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from operator import gt, itemgetter, sub
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items with ``(start, end)`` sorted by start; overlap queries by bisection."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        # ``bounds`` is called once an item and the rest runs in C: the reader indexes a
        # 5 MB article's ~13k blocks and styles before its first frame.
        self._bounds = bounds
        listed = list(items)
        keys = list(map(bounds, listed))
        if any(map(gt, keys, islice(keys, 1, None))):  # not sorted yet: sort, stably
            order = sorted(range(len(listed)), key=keys.__getitem__)
            listed = list(map(listed.__getitem__, order))
            keys = list(map(keys.__getitem__, order))
        self.items: list[T] = listed
        self.starts: list[int] = list(map(itemgetter(0), keys))
        self.longest = max(map(sub, map(itemgetter(1), keys), self.starts), default=0)

    def add(self, item: T) -> None:
        start, end = self._bounds(item)
        index = bisect_right(self.starts, start)
        self.items.insert(index, item)
        self.starts.insert(index, start)
        self.longest = max(self.longest, end - start)

    def remove(self, item: T) -> None:
        start, _ = self._bounds(item)
        index = bisect_left(self.starts, start)
        while index < len(self.items) and self.items[index] != item:
            index += 1
        if index < len(self.items):
            del self.items[index]
            del self.starts[index]

    def __len__(self) -> int:
        return len(self.items)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items that share at least one character with ``[start, end)``."""
        high = bisect_left(self.starts, max(end, start + 1))
        low = bisect_left(self.starts, start - self.longest)
        found = []
        for item in self.items[low:high]:
            item_start, item_end = self._bounds(item)
            if item_end > start and item_start < max(end, start + 1):
                found.append(item)
        return found

    def at(self, offset: int) -> list[T]:
        return self.overlapping(offset, offset + 1)

    def next_start(self, offset: int) -> T | None:
        index = bisect_right(self.starts, offset)
        return self.items[index] if index < len(self.items) else None

    def previous_start(self, offset: int) -> T | None:
        index = bisect_left(self.starts, offset) - 1
        return self.items[index] if index >= 0 else None


def innermost(items: Sequence[T], bounds: Callable[[T], tuple[int, int]]) -> T | None:
    """The shortest span: what the user most likely means when spans nest."""
    return min(items, key=lambda item: bounds(item)[1] - bounds(item)[0], default=None)
