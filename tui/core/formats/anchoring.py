"""Place an imported quote on an article's text: at its offsets when the text there
says it, else where the re-anchoring core finds it with its context, else nowhere.

An imported annotation is never put on other words: what cannot be placed is
kept as an orphan with its quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..reanchor import reanchor


@dataclass(frozen=True)
class Placement:
    start: int
    end: int
    status: str  # "anchored" (the text says the quote), "changed" (close words), "orphaned"
    how: str  # "offsets", "searched" or "not found"


def find_quote(
    text: str, quote: str, prefix: str, suffix: str, old_start: int
) -> tuple[int, int] | None:
    """The one call into the re-anchoring core: a place, or ``None`` when orphaned."""
    found = reanchor(text, quote, prefix, suffix, old_start)
    return (found.start, found.end) if found.placed else None


def place(text: str, quote: str, prefix: str, suffix: str, start: int, end: int) -> Placement:
    """Where ``quote`` goes in ``text``; ``start``/``end`` are the offsets the file gave
    (or -1 when it gave none)."""
    if 0 <= start < end <= len(text) and text[start:end] == quote:
        return Placement(start, end, "anchored", "offsets")
    found = find_quote(text, quote, prefix, suffix, max(start, 0))
    if found is None:
        keep = max(start, 0)
        return Placement(keep, keep + max(len(quote), 1), "orphaned", "not found")
    new_start, new_end = found
    status = "anchored" if text[new_start:new_end] == quote else "changed"
    return Placement(new_start, new_end, status, "searched")
