"""Where words begin and end, for spans that must never cut one they did not cut before.

A word is a run of letters and digits joined by combining marks, apostrophes
(``Friday’s``) or a zero-width non-joiner (Persian). Scripts written without
spaces (Han, kana, Thai, ...) have no visible word edges: each of their
characters counts as a word of its own. A grapheme cluster (an emoji family, a
flag, a letter with its accents) is never cut either.
"""

from __future__ import annotations

import unicodedata

from .text import graphemes

GRAPHEME_WINDOW = 64
_INNER_JOINERS = "'\u2019\u200c"  # apostrophes and ZWNJ hold a word together
_ATTACHED = "\u200d\ufe0e\ufe0f"  # ZWJ and variation selectors belong to what precedes them
# Scripts without spaces between words: each character is its own word.
_SPACELESS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x9FFF),  # CJK radicals, kana, CJK ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF66, 0xFF9F),  # halfwidth katakana
    (0x20000, 0x3FFFF),  # CJK extensions
)


def _spaceless(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _SPACELESS)


def _letter(char: str) -> bool:
    """A letter or digit of a script that separates its words."""
    if char.isascii():
        return char.isalnum() or char == "_"
    return (unicodedata.category(char)[0] in "LN" or char == "_") and not _spaceless(char)


def _attached(char: str) -> bool:
    """Belongs to the character before it (a combining mark, ZWJ, a variation selector)."""
    return not char.isascii() and (unicodedata.category(char)[0] == "M" or char in _ATTACHED)


def _base_before(text: str, index: int) -> int:
    """Index of the character that the characters just before ``index`` attach to (-1: none)."""
    index -= 1
    while index >= 0 and _attached(text[index]):
        index -= 1
    return index


def _joined(text: str, index: int) -> bool:
    """True when ``index`` falls inside a word (character level, graphemes aside)."""
    if index <= 0 or index >= len(text):
        return False
    right = text[index]
    if _attached(right):
        return True
    base = _base_before(text, index)
    if base < 0:
        return False
    left = text[base]
    if _letter(left):
        if _letter(right):
            return True
        return right in _INNER_JOINERS and index + 1 < len(text) and _letter(text[index + 1])
    if left in _INNER_JOINERS and _letter(right):
        before = _base_before(text, base)
        return before >= 0 and _letter(text[before])
    return False


def _grapheme_starts(text: str, index: int) -> list[int]:
    low = max(0, index - GRAPHEME_WINDOW)
    high = min(len(text), index + GRAPHEME_WINDOW)
    return [*(low + start for start, _end, _cells in graphemes(text[low:high])), high]


def _simple(text: str, index: int) -> bool:
    """ASCII on both sides: every index is a grapheme boundary (canonical text has no CR)."""
    return text[index - 1].isascii() and text[index].isascii()


def is_grapheme_boundary(text: str, index: int) -> bool:
    """Rich's clusters (what the reader lets a selection snap to), except that a line
    break, which rich folds into the cluster before it, always stands alone."""
    if index <= 0 or index >= len(text) or _simple(text, index):
        return True
    if "\n" in (text[index - 1], text[index]):
        return True
    return index in _grapheme_starts(text, index)


def grapheme_floor(text: str, index: int) -> int:
    if is_grapheme_boundary(text, index):
        return index
    return max(start for start in _grapheme_starts(text, index) if start <= index)


def grapheme_ceil(text: str, index: int) -> int:
    if is_grapheme_boundary(text, index):
        return index
    return min(start for start in _grapheme_starts(text, index) if start >= index)


def cuts_word(text: str, index: int) -> bool:
    """True when a span edge at ``index`` would cut a word or a grapheme in two."""
    return _joined(text, index) or not is_grapheme_boundary(text, index)


def word_start(text: str, index: int) -> int:
    """The start of the word ``index`` falls inside; ``index`` itself when it cuts none."""
    while True:
        start = index
        while start > 0 and _joined(text, start):
            start -= 1
        start = grapheme_floor(text, start)
        if start == index:
            return index
        index = start


def word_end(text: str, index: int) -> int:
    """The end of the word ``index`` falls inside; ``index`` itself when it cuts none."""
    while True:
        end = index
        while end < len(text) and _joined(text, end):
            end += 1
        end = grapheme_ceil(text, end)
        if end == index:
            return index
        index = end


def word_parts(text: str, index: int) -> tuple[str, str]:
    """The two pieces of the word an edge at ``index`` cuts: ``("Satur", "day’s")``."""
    return text[word_start(text, index) : index], text[index : word_end(text, index)]
