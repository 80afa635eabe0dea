"""What the text a quote was taken from says about its other copies.

Known for annotations anchored in the current text (the store passes it), not
for orphans of earlier versions. Worked out only when context alone cannot
decide: most annotations never ask.
"""

from __future__ import annotations

from functools import cached_property

from ..models import CONTEXT_CHARS
from .evidence import MIN_SIDE, Candidate, Quote, agreeing_after, agreeing_before, occurrences

MAX_ORDERED = 100_000  # copies counted to tell which one kept its place in their order
COPY_MARGIN = 8  # characters of context by which the annotated copy must explain a place better


def _starts(text: str, needle: str, limit: int) -> list[int] | None:
    """Every start of ``needle`` in ``text`` (overlapping), or ``None`` past ``limit``."""
    found: list[int] = []
    index = text.find(needle)
    while index != -1:
        if len(found) == limit:
            return None
        found.append(index)
        index = text.find(needle, index + 1)
    return found


class OldText:
    """What the text the quote was taken from says about its other copies; worked out
    only when context alone cannot decide (most annotations never ask)."""

    def __init__(self, text: str, old_text: str | None, quote: str, old_start: int) -> None:
        self.text = text
        self.quote = quote
        self.old_start = old_start
        known = old_text is not None and old_text[old_start : old_start + len(quote)] == quote
        self.old_text = old_text if known else None  # else not the text the quote came from

    @cached_property
    def other_copies(self) -> list[tuple[str, str]]:
        """Prefix and suffix of every other copy of the quote in the old text."""
        if self.old_text is None:
            return []
        copies: list[tuple[str, str]] = []
        for start in occurrences(self.old_text, self.quote, self.old_start):
            if start != self.old_start:
                end = start + len(self.quote)
                before = self.old_text[max(0, start - CONTEXT_CHARS) : start]
                copies.append((before, self.old_text[end : end + CONTEXT_CHARS]))
        return copies

    @cached_property
    def same_order(self) -> int | None:
        """Where the annotated copy is if copies kept their order: the quote occurs as
        often as before, and this was the k-th occurrence."""
        if self.old_text is None:
            return None
        before = _starts(self.old_text, self.quote, MAX_ORDERED)
        after = _starts(self.text, self.quote, MAX_ORDERED)
        if before is None or after is None or len(before) != len(after):
            return None
        return after[before.index(self.old_start)]


def is_another_copy(text: str, candidate: Candidate, old: OldText) -> bool:
    """The candidate's context agrees with a copy that was already there nearly as well as
    with the annotated one (within ``COPY_MARGIN`` characters): it is that copy, or the
    text cannot tell which of the two went ("A. She said X. She said Y." minus one
    sentence reads the same whichever "She" was deleted)."""
    return any(
        agreeing_before(text, candidate.start, prefix)
        + agreeing_after(text, candidate.end, suffix)
        + COPY_MARGIN
        > candidate.evidence
        for prefix, suffix in old.other_copies
    )


def was_there(text: str, candidate: Candidate, q: Quote, old: OldText) -> bool:
    """A passage that, with its agreeing context, was already in the old text somewhere
    other than the annotated place is that other passage (a similar sentence), not this
    one reworded or moved."""
    if old.old_text is None:
        return False
    low = max(0, candidate.start - MIN_SIDE)
    needle = text[low : candidate.end + MIN_SIDE]
    offset = candidate.start - low
    return any(
        found + offset != old.old_start for found in occurrences(old.old_text, needle, low)
    )
