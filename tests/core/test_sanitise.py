"""The one sanitiser for everything that reaches a terminal: ``safe`` (and ``printable``).

The oracle is Unicode's own classification, not the sanitiser's pattern: no
control (Cc) but a kept line feed, no surrogate (Cs), no line or paragraph
separator, and no character whose bidi class is an embedding, override, isolate
or mark.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.errors import InputError, NewsmarkError, StoreError
from tui.core.text import printable, safe

# Bidi classes of embeddings, overrides and isolates, and Unicode's Bidi_Control
# property (PropList.txt), which adds the marks ALM, LRM and RLM.
BIDI_CONTROLS = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
BIDI_CONTROL_PROPERTY = {chr(0x061C), chr(0x200E), chr(0x200F)} | {
    chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
HOSTILE = [
    "\x1b]0;PWNED\x07", "\x1b[2J", "\x1b]52;c;ZWNobw==\x07", "\x9b31m", "\x9d0;x\x9c", "\x7f",
    "\x00", "\x08", "\r", "\t", "\n", "\r\n", "\x85", "\u2028", "\u2029", "\u202e", "\u202a",
    "\u2066", "\u2069", "\u200e", "\u200f", "\u061c", "\ud800", "\udfff", "\ufeff", "\u200b",
    "[@click=app.quit]", "👨\u200d👩\u200d👧", "e\u0301", "עברית", "مرحبا", "中文", "plain",
]
TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), max_size=30).map(
    "".join
)


def acted_on(char: str, newlines: bool) -> bool:
    """Would a terminal act on ``char`` (or reorder the text around it)?"""
    if char == "\n":
        return not newlines
    category = unicodedata.category(char)
    return (
        category in ("Cc", "Cs", "Zl", "Zp")
        or unicodedata.bidirectional(char) in BIDI_CONTROLS
        or char in BIDI_CONTROL_PROPERTY
    )


@settings(deadline=None, max_examples=400)
@given(TEXT, st.booleans())
@example("\x1b]0;title\x07", False)
@example("a\u2028b\r\nc", True)
def test_nothing_a_terminal_acts_on_gets_through(text: str, newlines: bool) -> None:
    shown = safe(text, newlines=newlines)
    assert not [char for char in shown if acted_on(char, newlines)], ascii(shown)
    shown.encode("utf-8")  # no lone surrogate left: it can be written anywhere


@settings(deadline=None, max_examples=400)
@given(TEXT, st.booleans())
def test_safe_is_idempotent_and_keeps_offsets(text: str, newlines: bool) -> None:
    shown = safe(text, newlines=newlines)
    assert safe(shown, newlines=newlines) == shown
    assert len(shown) == len(text)  # one character for one: offsets into text stay true
    for before, after in zip(text, shown, strict=True):
        if before != after:
            assert acted_on(before, newlines), ascii(before)


@settings(deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"))))
def test_harmless_text_is_left_alone(text: str) -> None:
    text = "".join(c for c in text if not acted_on(c, newlines=False))
    assert safe(text) == text == printable(text)


def test_replacements_are_visible() -> None:
    assert safe("\x1b]0;PWNED\x07") == "\u241b]0;PWNED\u2407"  # ␛ ... ␇
    assert safe("del\x7f nul\x00") == "del\u2421 nul\u2400"
    assert safe("\x9b2J \u202eexe.txt\u202c \u200e") == "\ufffd2J \ufffdexe.txt\ufffd \ufffd"
    assert safe("one\ntwo") == "one\u2424two"
    assert safe("one\ntwo\u2028three", newlines=True) == "one\ntwo\nthree"
    assert safe("tab\there\r\n", newlines=True) == "tab\u2409here\u240d\n"
    assert safe("[@click=app.quit]") == "[@click=app.quit]"  # markup is the UI's job


def test_printable_is_one_line() -> None:
    assert printable("a\nb\r\nc\u2029d") == "a\u2424b\u240d\u2424c\u2424d"


@pytest.mark.parametrize("error_type", [NewsmarkError, StoreError])
def test_every_error_message_is_harmless(error_type: type[NewsmarkError]) -> None:
    """Messages name paths and quote notes: they are made safe where they are built."""
    error = error_type("/tmp/\x1b]0;PWNED\x07\n\u202e.db: cannot open")
    assert str(error) == "/tmp/\u241b]0;PWNED\u2407\u2424\ufffd.db: cannot open"


def test_input_error_keeps_the_raw_path_for_programs() -> None:
    error = InputError("\x1b[31mred.txt", "no such file")
    assert error.path == "\x1b[31mred.txt"
    assert str(error) == "\u241b[31mred.txt: no such file"


def test_many_lines_of_harmless_text_are_the_same_string() -> None:
    """The reader sanitises a whole article before its first frame: line feeds kept as
    they are must not make a new string (one Python call per line, before the fast
    path, cost a 5 MB article ~50 ms)."""
    line = "Paragraph {}: \u201cquoted\u201d \u2014 caf\u00e9"
    text = "\n".join(line.format(index) for index in range(500))
    assert safe(text, newlines=True) is text
    assert safe(text) == text.replace("\n", "\u2424")  # without newlines they still show
