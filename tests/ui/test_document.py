"""Property tests of the wrapping model: rows, cell widths and offset <-> screen mapping."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import MonkeyPatch
from rich.cells import cell_len

from tui.core.text import canonicalise, grapheme_starts, safe
from tui.ui.document import Document, WrapMap, wrap_line

# Latin, emoji (with skin tone and ZWJ), combining marks, CJK, Arabic, Hebrew, controls.
PIECES = st.sampled_from(
    [
        "a",
        "b",
        "word",
        " ",
        "  ",
        "\n",
        "\n\n",
        "é",
        "e\u0301",
        "👍",
        "👍🏽",
        "👨\u200d👩\u200d👧",
        "🇮🇷",
        "日本",
        "語",
        "中文",
        "مرحبا",
        "سلام",
        "שלום",
        " ",
        "\u200b",
        "\x1b[2J",
        "\x07",
        "\t",
        "ﷺ",
        "🇫🇷",
        "🇮",
        "कि",
        "한",
        "하",
        "x" * 30,
    ]
)
TEXTS = st.lists(PIECES, max_size=60).map(lambda parts: canonicalise("".join(parts)))
WIDTHS = st.integers(min_value=1, max_value=40)


def _rows(wrap: WrapMap) -> list[tuple[int, int]]:
    found = []
    for index in range(wrap.total_rows):
        row = wrap.row(index)
        assert row is not None
        found.append((row.start, row.end))
    return found


@settings(max_examples=300, deadline=None)
@given(TEXTS, WIDTHS)
def test_rows_cover_the_text_exactly_once(text: str, width: int) -> None:
    document = Document(text)
    wrap = WrapMap(document, width)
    covered = []
    for start, end in _rows(wrap):
        covered.append(text[start:end])
    # rows of a line are contiguous; lines are joined by the newline that separates them
    assert "".join(covered) == text.replace("\n", "")
    lines = text.split("\n")
    rows_per_line = [len(wrap_line(line, width)) for line in lines]
    assert wrap.total_rows == sum(rows_per_line)


@settings(max_examples=300, deadline=None)
@given(TEXTS, WIDTHS)
def test_no_row_is_wider_than_the_width(text: str, width: int) -> None:
    wrap = WrapMap(Document(text), width)
    for start, end in _rows(wrap):
        visible = text[start:end].rstrip(" ")  # spaces at a break hang past the edge
        single_grapheme = len(grapheme_starts(visible)) <= 2
        assert cell_len(visible) <= width or single_grapheme, (visible, width)


@settings(max_examples=300, deadline=None)
@given(TEXTS, WIDTHS)
def test_rows_never_split_a_grapheme(text: str, width: int) -> None:
    wrap = WrapMap(Document(text), width)
    document = wrap.document
    for start, _end in _rows(wrap):
        line = document.line_of(start)
        relative = start - document.line_starts[line]
        assert relative in grapheme_starts(document.line(line))


@settings(max_examples=300, deadline=None)
@given(TEXTS, WIDTHS, st.data())
def test_offset_and_screen_position_round_trip(text: str, width: int, data: st.DataObject) -> None:
    document = Document(text)
    wrap = WrapMap(document, width)
    line = data.draw(st.integers(0, document.line_count - 1))
    starts = grapheme_starts(document.line(line))
    offset = document.line_starts[line] + data.draw(st.sampled_from(starts))
    row_index = wrap.row_index_of(offset)
    row = wrap.row(row_index)
    assert row is not None and row.start <= offset <= row.end
    column = wrap.column_of(offset)
    back = wrap.offset_at(row, column)
    following = next(
        (start for start in starts if start > offset - document.line_starts[line]), None
    )
    cells = cell_len(text[offset : document.line_starts[line] + following]) if following else 1
    if cells and (offset < row.end or row.last):
        # a zero-width grapheme shares its cell with the next one: only that one is addressable
        assert back == offset
    assert wrap.row_index_of(back) == row_index or back == row.end


@settings(max_examples=100, deadline=None)
@given(TEXTS, WIDTHS)
def test_lazy_wrapping_ends_where_eager_wrapping_does(text: str, width: int) -> None:
    document = Document(text)
    eager = WrapMap(document, width)
    lazy = WrapMap(document, width, eager_limit=0)
    lazy.wrap_pending(0, document.line_count)
    assert _rows(lazy) == _rows(eager)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_lines_are_where_the_line_feeds_say(text: str) -> None:
    """Line starts and lengths (counted in C for a 5 MB article's first frame)."""
    document = Document(text)
    lines = text.split("\n")
    assert [document.line(index) for index in range(document.line_count)] == lines
    assert document.line_lengths == [len(line) for line in lines]
    feeds = [index for index, char in enumerate(text) if char == "\n"]
    assert document.line_starts == [0, *(feed + 1 for feed in feeds)]


@settings(max_examples=200, deadline=None)
@given(TEXTS, WIDTHS)
def test_a_huge_documents_rows_start_as_estimates(text: str, width: int) -> None:
    """Before a line is wrapped it counts with the estimate a line of its length gets."""
    document = Document(text)
    lazy = WrapMap(document, width, eager_limit=0)
    assert lazy.prefix[1:] == list(
        itertools.accumulate(lazy._estimate(line) for line in range(document.line_count))
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES | st.sampled_from(["\u2028", "\u2029", "\u200e", "\x9b"]), max_size=40))
def test_a_sanitising_document_shows_what_safe_shows(parts: list[str]) -> None:
    """Untrusted text sanitised a line or slice at a time is the sanitised whole."""
    raw = "".join(parts)
    lazy, eager = Document(raw, sanitise=True), Document(safe(raw, newlines=True))
    assert lazy.line_starts == eager.line_starts and lazy.length == eager.length
    for index in range(eager.line_count):
        assert lazy.line(index) == eager.line(index)
    for start in range(0, len(raw) + 1, 3):
        assert lazy.slice(start, start + 5) == eager.slice(start, start + 5)
    assert lazy.text == eager.text


def test_the_first_rows_of_a_huge_text_are_all_that_is_sanitised(monkeypatch: MonkeyPatch) -> None:
    """A 5 MB article's first frame draws a screenful: that is what ``safe`` is shown."""
    import tui.ui.document as module

    seen: list[int] = []

    def counting(text: str, *, newlines: bool = False) -> str:
        seen.append(len(text))
        return safe(text, newlines=newlines)

    monkeypatch.setattr(module, "safe", counting)
    raw = "\n".join(f"Line {index} \x1b[2J with an escape" for index in range(20_000))
    document = Document(raw, sanitise=True)
    wrap = WrapMap(document, 40)
    rows = [wrap.row(index) for index in range(24)]
    assert all(row is not None and "\x1b" not in document.slice(row.start, row.end) for row in rows)
    assert max(seen) < 100  # lines and rows, never the whole
    assert "\x1b" not in document.text and max(seen) == len(raw)  # asked for: the whole
