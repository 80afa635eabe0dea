"""Sorted spans with the queries a keypress needs, none of which walks every span."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items with ``(start, end)`` sorted by start; overlap queries by bisection."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        self._bounds = bounds
        self.items: list[T] = sorted(items, key=bounds)
        self.starts = [bounds(item)[0] for item in self.items]
        self.longest = max((end - start for start, end in map(bounds, self.items)), default=0)

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
