"""Sentences and words of a canonical text, as offsets that never cut a word or a grapheme.

Suggestions are turned into annotations as they are, so every span they carry
must satisfy the offset contract: ``text[start:end]`` is the quote, and neither
end splits a word, a combining sequence or an emoji.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ..text import grapheme_starts, sentence_bounds

# Characters that continue the grapheme (and so the word) before them.
_JOINERS = "\u200c\u200d"


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """A regex class body of every combining mark (computed once: ``re`` has no \\p{M})."""
    ranges: list[tuple[int, int]] = []
    for code in (*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)):
        if unicodedata.category(chr(code))[0] != "M":
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return "".join(
        re.escape(chr(low)) if low == high else f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        for low, high in ranges
    )


@lru_cache(maxsize=1)
def word_pattern() -> re.Pattern[str]:
    """A word: letters or digits with their combining marks, apostrophes inside (Iran’s)."""
    tail = f"[\\w{_mark_class()}{_JOINERS}]*"
    return re.compile(rf"\w{tail}(?:['’]\w{tail})*")


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of ``text[start:end]``, in absolute offsets."""
    stop = len(text) if end is None else end
    return [match.span() for match in word_pattern().finditer(text, start, stop)]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    line_start: int  # where its paragraph (line) starts: sentences of one line are neighbours


def _is_simple(line: str) -> bool:
    """True when every code point of ``line`` starts a grapheme (the common case, checked fast)."""
    return line.isascii()


class GraphemeSnapper:
    """Moves span ends onto grapheme starts; computes clusters once per non-ASCII line."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0, *(match.end() for match in re.finditer("\n", text))]
        self._starts: dict[int, tuple[int, ...] | None] = {}

    def _line(self, offset: int) -> tuple[int, tuple[int, ...] | None]:
        index = bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[index]
        if line_start not in self._starts:
            following = index + 1 < len(self._line_starts)
            line_end = self._line_starts[index + 1] - 1 if following else len(self._text)
            line = self._text[line_start:line_end]
            self._starts[line_start] = None if _is_simple(line) else grapheme_starts(line)
        return line_start, self._starts[line_start]

    def forward(self, offset: int) -> int:
        """``offset`` if a grapheme starts there, else the next grapheme start."""
        if offset <= 0 or offset >= len(self._text):
            return max(0, min(offset, len(self._text)))
        line_start, starts = self._line(offset)
        if starts is None:
            return offset
        index = bisect_left(starts, offset - line_start)
        return line_start + starts[min(index, len(starts) - 1)]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of every line (paragraph) of ``text``, on grapheme and word boundaries."""
    snapper = GraphemeSnapper(text)
    sentences: list[Sentence] = []
    for line_start, line in _lines(text):
        for begin, end in line_sentences(line):
            span = tidy_span(text, line_start + begin, line_start + end, snapper)
            if span is not None:
                sentences.append(Sentence(span[0], span[1], text[span[0] : span[1]], line_start))
    return sentences


# A split ``sentence_bounds`` always makes: a lower-case word of five letters or more, a
# full stop, a space, a capital. Cutting a long paragraph there changes no sentence.
_SAFE_SPLIT = re.compile(r"(?<=[a-z]{5}[.!?]) (?=[A-Z])")
CHUNK = 2_000


def line_sentences(line: str) -> list[tuple[int, int]]:
    """``text.sentence_bounds`` in pieces: its cost grows with the square of a line's length."""
    if len(line) <= 2 * CHUNK:
        return sentence_bounds(line)
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(line):
        split = _SAFE_SPLIT.search(line, start + CHUNK) if len(line) - start > 2 * CHUNK else None
        end = split.start() if split else len(line)
        bounds.extend((start + b, start + e) for b, e in sentence_bounds(line[start:end]))
        start = end
    return bounds


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def tidy_span(
    text: str, start: int, end: int, snapper: GraphemeSnapper | None = None
) -> tuple[int, int] | None:
    """``(start, end)`` moved inwards/outwards so that it cuts no grapheme and no word.

    A start that falls inside a word or grapheme moves forward to the next
    boundary; an end that does moves forward too, taking the rest of the word
    (a suggestion may grow by a few characters, never lose its meaning).
    """
    snap = snapper or GraphemeSnapper(text)
    start = snap.forward(start)
    while start < end and start > 0 and _joined(text, start):
        start = snap.forward(start + 1)
    while start < end and text[start].isspace():
        start += 1
    end = snap.forward(end)
    while end < len(text) and end > 0 and _joined(text, end):
        end = snap.forward(end + 1)
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    return start, end


def is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_" or unicodedata.category(char)[0] == "M"


def _joined(text: str, offset: int) -> bool:
    """True when ``offset`` falls between two characters of one word."""
    return is_word_char(text[offset - 1]) and is_word_char(text[offset])
