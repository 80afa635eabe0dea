"""The reader's text model: lines, word-wrapped rows and offset <-> screen mapping.

Kept apart from the widget (as Textual's own ``document/`` package is) so that
property tests need no terminal. Rows are wrapped per line on demand and
cached; lines not yet wrapped count with an estimate until they are, so a
5 MB article opens without wrapping all of it.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add, floordiv, mul
from typing import NamedTuple

from rich.cells import cell_len, get_character_cell_size

from ..core.text import grapheme_starts, graphemes, safe


def _wrap_ascii(line: str, width: int) -> list[int]:
    """Greedy word wrap where every character is one cell: fast, exact for ASCII."""
    starts = [0]
    visible = len(line.rstrip(" "))
    position = 0
    while visible - position > width:
        space = line.rfind(" ", position, position + width + 1)
        if space <= position:
            following = position + width
        else:
            following = space + 1
            while following < len(line) and line[following] == " ":
                following += 1
        if following >= visible:
            break
        starts.append(following)
        position = following
    return starts


def _wrap_cells(line: str, width: int) -> list[int]:
    """Greedy word wrap over grapheme clusters with their cell widths (emoji, CJK)."""
    spans = graphemes(line)
    starts = [0]
    row_first = 0  # index into spans of the current row's first grapheme
    cells = 0  # cells of the current row so far (spaces included)
    break_at: int | None = None  # first grapheme after a run of spaces: a place to break
    index = 0
    while index < len(spans):
        start, end, width_here = spans[index]
        if line[start:end] == " ":  # spaces hang at the end of a row: never force a break
            cells += width_here
            index += 1
            if index < len(spans) and line[spans[index][0] : spans[index][1]] != " ":
                break_at = index
            continue
        if cells + width_here > width and index > row_first:
            row_first = break_at if break_at is not None and break_at > row_first else index
            starts.append(spans[row_first][0])
            cells = sum(span[2] for span in spans[row_first:index])
            break_at = None
            continue  # place this grapheme again, on the new row
        cells += width_here
        index += 1
    return starts


def _one_cell_each(line: str) -> bool:
    """Every character is a grapheme of its own, one cell wide (accents, curly quotes,
    dashes), so ``_wrap_ascii`` gives what ``_wrap_cells`` would, at ~100x the speed.

    Zero-width characters (combining marks, ZWJ, VS16) and wide ones fail the test; a
    line starting with a space is left to ``_wrap_cells``, the one place they differ.
    """
    return not line.startswith(" ") and all(map(_alone_in_one_cell, set(line)))


def _alone_in_one_cell(char: str) -> bool:
    """One cell, and never joined to a neighbour: not a mark (spacing marks such as
    Devanagari vowel signs are one cell too), a flag half or a Hangul jamo."""
    return (
        get_character_cell_size(char) == 1
        and not unicodedata.category(char).startswith("M")
        and not "\U0001f1e6" <= char <= "\U0001f1ff"
        and not "\u1100" <= char <= "\u11ff"
    )


def wrap_line(line: str, width: int) -> list[int]:
    """Start offsets (into ``line``) of the rows ``line`` wraps into at ``width`` cells."""
    width = max(width, 1)
    if len(line) <= width and (line.isascii() or cell_len(line) <= width):
        return [0]
    if line.isascii() or _one_cell_each(line):
        return _wrap_ascii(line, width)
    return _wrap_cells(line, width)


class Row(NamedTuple):
    """One screen row: ``text[start:end]`` of line ``line`` (offsets absolute).

    A NamedTuple, not a frozen dataclass: one is made for every wrapped row and is part
    of every drawn row's cache key, and the class costs less to make at start-up."""

    line: int
    start: int
    end: int
    last: bool  # the line's last row: its end is a cursor position of its own


class Document:
    """Lines of a canonical text and where each starts; cheap to build for megabytes."""

    def __init__(self, text: str, *, sanitise: bool = False) -> None:
        """``sanitise``: ``text`` is shown through ``safe`` (line feeds kept), a line or a
        slice at a time as it is asked for, the whole only when ``text`` is: a 5 MB
        article's first frame sanitises the rows it draws. ``safe`` maps one character
        to one, so offsets, slices and lines agree either way, except that U+2028/U+2029
        become line feeds: a text with one is sanitised at once."""
        self._raw = text
        self._text: str | None = text
        if sanitise:
            if "\u2028" in text or "\u2029" in text:
                self._text = safe(text, newlines=True)
            else:
                self._text = None
        self.length = len(text)
        # In C, no Python call a line: a 5 MB article has ~27k lines, split before the
        # reader's first frame. Lengths leave out the line feed.
        self.line_lengths = list(map(len, (self._text or text).split("\n")))
        with_feeds = map(add, self.line_lengths, repeat(1))
        self.line_starts: list[int] = list(accumulate(with_feeds, initial=0))
        self.line_starts.pop()

    @property
    def text(self) -> str:
        """The whole text as shown (sanitised the first time it is asked for)."""
        if self._text is None:
            self._text = safe(self._raw, newlines=True)
        return self._text

    def slice(self, start: int, end: int) -> str:
        """``text[start:end]``, sanitising only that much if the whole is not yet."""
        if self._text is not None:
            return self._text[start:end]
        return safe(self._raw[start:end], newlines=True)

    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line_end(self, line: int) -> int:
        if line + 1 < len(self.line_starts):
            return self.line_starts[line + 1] - 1
        return self.length

    def line(self, line: int) -> str:
        return self.slice(self.line_starts[line], self.line_end(line))

    def line_of(self, offset: int) -> int:
        return bisect_right(self.line_starts, offset) - 1


class WrapMap:
    """Rows of a document at one width; wraps a line the first time it is needed."""

    def __init__(self, document: Document, width: int, eager_limit: int = 400_000) -> None:
        self.document = document
        self.width = max(width, 1)
        self._rows: dict[int, list[int]] = {}
        self._prefix: list[int] | None = None
        lines = range(document.line_count)
        if document.length <= eager_limit:
            self._rows = {line: wrap_line(document.line(line), self.width) for line in lines}
            self._counts: list[int] = [len(self._rows[line]) for line in lines]
        else:  # what _estimate gives, for every line at once, in C (~27k lines for 5 MB)
            cells = 10 * self.width
            elevenths = map(mul, document.line_lengths, repeat(11))
            rounded_up = map(floordiv, map(add, elevenths, repeat(cells - 1)), repeat(cells))
            self._counts = list(map(max, rounded_up, repeat(1)))

    def _estimate(self, line: int) -> int:
        length = self.document.line_end(line) - self.document.line_starts[line]
        return max(1, -(-length * 11 // (10 * self.width)))

    def line_rows(self, line: int) -> list[int]:
        """Row starts of ``line`` (relative), wrapping it now if it was only estimated."""
        rows = self._rows.get(line)
        if rows is None:
            rows = wrap_line(self.document.line(line), self.width)
            self._rows[line] = rows
            if self._counts[line] != len(rows):
                self._counts[line] = len(rows)
                self._prefix = None
        return rows

    def wrap_pending(self, first_line: int, budget: int) -> int:
        """Wrap up to ``budget`` not-yet-wrapped lines from ``first_line``; next line to do."""
        line = first_line
        count = self.document.line_count
        while line < count and budget > 0:
            if line not in self._rows:
                self.line_rows(line)
                budget -= 1
            line += 1
        return line

    @property
    def prefix(self) -> list[int]:
        """Rows before each line; rebuilt (in C) only after a line's count changed."""
        if self._prefix is None:
            self._prefix = [0, *accumulate(self._counts)]
        return self._prefix

    @property
    def total_rows(self) -> int:
        return self.prefix[-1]

    def first_row_of_line(self, line: int) -> int:
        return self.prefix[line]

    def row(self, index: int) -> Row | None:
        """The row at screen row ``index`` of the whole document, or None past the end."""
        if index < 0 or index >= self.total_rows:
            return None
        line = bisect_right(self.prefix, index) - 1
        sub = index - self.prefix[line]
        starts = self.line_rows(line)
        if self.prefix[line] + sub >= self.prefix[line + 1] or sub >= len(starts):
            sub = len(starts) - 1  # the estimate was too high: the rest shows as blank
        return self._row(line, sub)

    def _row(self, line: int, sub: int) -> Row:
        starts = self.line_rows(line)
        base = self.document.line_starts[line]
        end = base + starts[sub + 1] if sub + 1 < len(starts) else self.document.line_end(line)
        return Row(line, base + starts[sub], end, sub + 1 == len(starts))

    def row_index_of(self, offset: int) -> int:
        """Screen row (of the whole document) that shows ``offset``."""
        line = self.document.line_of(offset)
        relative = offset - self.document.line_starts[line]
        starts = self.line_rows(line)
        return self.prefix[line] + bisect_right(starts, relative) - 1

    def row_of(self, offset: int) -> Row:
        line = self.document.line_of(offset)
        relative = offset - self.document.line_starts[line]
        starts = self.line_rows(line)
        return self._row(line, bisect_right(starts, relative) - 1)

    def column_of(self, offset: int) -> int:
        """Cell column at which ``offset`` is drawn in its row."""
        row = self.row_of(offset)
        return cell_len(self.document.slice(row.start, offset))

    def offset_at(self, row: Row, column: int) -> int:
        """Start of the grapheme drawn at ``column`` of ``row`` (its end past the text)."""
        text = self.document.slice(row.start, row.end)
        cells = 0
        starts = grapheme_starts(text)
        for index, start in enumerate(starts[:-1]):
            width = cell_len(text[start : starts[index + 1]])
            if cells + width > column:
                return row.start + start
            cells += width
        if row.last:
            return row.end
        return row.start + starts[-2] if len(starts) > 1 else row.start
