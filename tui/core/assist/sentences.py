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

from rich.cells import cell_len

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
    """``(start, end)`` of each word of ``text[start:end]``, in absolute offsets.

    A word ends where its grapheme does: zero-width characters after it (which
    the reader draws as part of the last letter) stay with it.
    """
    stop = len(text) if end is None else end
    if text[start:stop].isascii() and (start == 0 or text[start - 1] != ZWJ):
        return [match.span() for match in word_pattern().finditer(text, start, stop)]
    found: list[tuple[int, int]] = []
    for match in word_pattern().finditer(text, start, stop):
        begin, finish = match.span()
        if begin > 0 and text[begin - 1] == ZWJ:
            begin += 1  # a joiner glues this letter to the grapheme before it
        if finish < stop and not text[finish].isascii():
            finish = _grapheme_end(text, finish, stop)
        if found and begin < found[-1][1]:
            found[-1] = (found[-1][0], max(found[-1][1], finish))
        elif begin < finish:
            found.append((begin, finish))
    return found


ZWJ = "\u200d"


def _grapheme_end(text: str, position: int, stop: int) -> int:
    """Past the zero-width characters (and what a joiner joins) that follow ``position``."""
    while position < stop:
        char = text[position]
        if char == ZWJ:
            position = min(position + 2, stop)
        elif not char.isascii() and cell_len(char) == 0:
            position += 1
        else:
            break
    return position


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

    def backward(self, offset: int) -> int:
        """``offset`` if a grapheme starts there, else the start of the grapheme it is in."""
        if offset <= 0 or offset >= len(self._text):
            return max(0, min(offset, len(self._text)))
        line_start, starts = self._line(offset)
        if starts is None:
            return offset
        index = bisect_right(starts, offset - line_start) - 1
        return line_start + starts[max(index, 0)]

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
# Where a paragraph offers no safe split for long (a hostile "Mr. Mr. Mr. ..."), any
# sentence-like end will do: the pieces then stay small, at the risk of one odd cut.
_FORCED_SPLIT = re.compile(r"(?<=[.!?…]) ")
CHUNK = 2_000


def line_sentences(line: str, chunk: int = CHUNK) -> list[tuple[int, int]]:
    """``text.sentence_bounds`` in pieces: its cost grows with the square of a line's length.

    The pieces end where ``sentence_bounds`` would end a sentence anyway, so the
    result is the same, except in a paragraph with no such place for ``3 * chunk``
    characters, which is cut at the next full stop, and after a month's
    abbreviation followed by a day ("Nov. 8"), which ends no sentence here.
    """
    if len(line) <= 2 * chunk:
        return _dates_rejoined(line, sentence_bounds(line))
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < len(line):
        end = len(line)
        if len(line) - start > 2 * chunk:
            end = _split_after(line, start, chunk)
        bounds.extend((start + b, start + e) for b, e in sentence_bounds(line[start:end]))
        start = end
    return _dates_rejoined(line, bounds)


_MONTH_ABBREVIATION = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$")


def _dates_rejoined(line: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "on Nov. 8 voters..." is one sentence: a month's abbreviation before a day ends none."""
    joined: list[tuple[int, int]] = []
    for begin, end in bounds:
        if (
            joined
            and line[begin : begin + 1].isdigit()
            and _MONTH_ABBREVIATION.search(line, joined[-1][0], joined[-1][1])
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((begin, end))
    return joined


def _split_after(line: str, start: int, chunk: int) -> int:
    """Where the piece of ``line`` starting at ``start`` ends: safely, near ``chunk`` long."""
    split = _SAFE_SPLIT.search(line, start + chunk, start + 4 * chunk)
    if split is None:
        earlier = [match.start() for match in _SAFE_SPLIT.finditer(line, start + 1, start + chunk)]
        if earlier:
            return earlier[-1]
        split = _FORCED_SPLIT.search(line, start + chunk)
    return split.start() if split else len(line)


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
    while True:  # until a grapheme starts here, no word goes on through here, and no space
        moved = snap.forward(start)
        while moved < end and moved > 0 and _joined(text, moved):
            moved = snap.forward(moved + 1)
        while moved < end and text[moved].isspace():
            moved += 1
        if moved == start or moved >= end:
            start = moved
            break
        start = moved
    end = snap.forward(end)
    while end < len(text) and end > 0 and _joined(text, end):
        end = snap.forward(end + 1)
    while True:  # trailing spaces off, without ending inside a grapheme (" " + ZWJ + " ")
        trimmed = end
        while trimmed > start and text[trimmed - 1].isspace():
            trimmed -= 1
        if trimmed == end:
            break
        end = snap.backward(trimmed)
    if end <= start:
        return None
    return start, end


def is_word_char(text: str, offset: int) -> bool:
    """A letter, digit or underscore, or a combining mark on one (é written e + ◌́)."""
    char = text[offset]
    if char.isascii():
        return char.isalnum() or char == "_"
    while offset > 0 and unicodedata.category(text[offset])[0] == "M":
        offset -= 1
    char = text[offset]
    return char.isalnum() or char == "_"


def _joined(text: str, offset: int) -> bool:
    """True when ``offset`` falls between two characters of one word."""
    return is_word_char(text, offset - 1) and is_word_char(text, offset)
