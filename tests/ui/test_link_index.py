"""The in-memory link index answers from both ends and forgets cleanly."""

from __future__ import annotations

from tui.core.models import Link
from tui.ui.link_index import LinkIndex


def _link(link_id: str, a: str, b: str) -> Link:
    return Link(link_id, a, b, "contradicts", "", "2026-11-25T00:00:00.000Z")


def test_links_are_found_from_either_annotation_and_removed_from_both() -> None:
    first, second = _link("l1", "a", "b"), _link("l2", "a", "c")
    index = LinkIndex([first, second])
    assert index.counterparts("a") == ["b", "c"]
    assert index.counterparts("b") == ["a"]
    assert index.linked({"a", "b", "z"}) == {"a", "b"}
    index.add(first)  # adding twice keeps one
    assert len(index.of("b")) == 1
    index.remove(first)
    assert index.counterparts("a") == ["c"]
    assert index.of("b") == []
    assert index.linked({"b"}) == set()
