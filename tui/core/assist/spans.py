"""Span edges that never cut a word or a grapheme, so a suggestion can be stored as is."""

from __future__ import annotations

import unicodedata

_JOINERS = frozenset("\u200c\u200d")


def is_extender(char: str) -> bool:
    """A character that belongs to the grapheme before it (mark, joiner, selector, modifier)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char in _JOINERS
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xE0100 <= code <= 0xE01EF
    )


def is_wordish(char: str) -> bool:
    """Letters, digits, marks and regional indicators (a flag is one unit): never split."""
    return (char.isalnum() or char == "_" or is_extender(char)
            or "\U0001f1e6" <= char <= "\U0001f1ff")


def _blank(char: str) -> bool:
    """Whitespace, or an invisible format character (joiner, direction mark) at an edge."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def cuts(text: str, index: int) -> bool:
    """True when a span edge at ``index`` would split a word or a grapheme."""
    if index <= 0 or index >= len(text):
        return False
    before, after = text[index - 1], text[index]
    if after.isspace():
        return False
    return (is_wordish(before) and is_wordish(after)) or is_extender(after) or before in _JOINERS


def tidy(text: str, start: int, end: int, *, wordless: bool = False) -> tuple[int, int] | None:
    """``(start, end)`` without outer whitespace and on whole words; None if no word is left
    (``wordless`` accepts punctuation alone, for a cue such as a colon).

    Edges widen over the word they fall in; a start on a mark that hangs off a
    space moves forward instead, so the span never begins with whitespace.
    """
    start, end = max(start, 0), min(end, len(text))
    while end > start and _blank(text[end - 1]):
        end -= 1
    while start < end:
        if _blank(text[start]):
            start += 1
        elif cuts(text, start):
            back = start
            while cuts(text, back) and not _blank(text[back - 1]):
                back -= 1
            if not cuts(text, back):
                start = back
                break
            start += 1  # a word glued to a blank (a joiner): forward, never back and forth
        else:
            break
    while start < end and cuts(text, end):
        end += 1
    if start >= end or not (wordless or any(char.isalnum() for char in text[start:end])):
        return None  # punctuation alone ("«") is no content
    return start, end
