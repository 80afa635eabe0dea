"""The reader's span index: what its constructor gives, at one ``bounds`` call an item."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.ui.spans import SpanIndex

SPANS = st.lists(
    st.tuples(st.integers(0, 50), st.integers(0, 20), st.integers(0, 3)).map(
        lambda t: (t[0], t[0] + t[1], t[2])  # (start, end, tag): equal bounds, different items
    ),
    max_size=40,
)


def _bounds(item: tuple[int, int, int]) -> tuple[int, int]:
    return item[0], item[1]


@given(SPANS)
def test_index_is_the_stable_sort_by_bounds(items: list[tuple[int, int, int]]) -> None:
    index = SpanIndex(iter(items), _bounds)
    expected = sorted(items, key=_bounds)
    assert index.items == expected
    assert index.starts == [start for start, _, _ in expected]
    assert index.longest == max((end - start for start, end, _ in items), default=0)
    for offset in range(0, 72, 3):
        assert index.overlapping(offset, offset + 4) == [
            item for item in expected if item[1] > offset and item[0] < offset + 4
        ]


@given(SPANS)
def test_bounds_are_asked_once_an_item(items: list[tuple[int, int, int]]) -> None:
    """A 5 MB article has ~13k blocks and styles, indexed before the first frame: three
    Python calls an item (sort key, starts, longest) were ~15 ms of it."""
    calls = 0

    def counting(item: tuple[int, int, int]) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        return _bounds(item)

    SpanIndex(items, counting)
    assert calls == len(items)
