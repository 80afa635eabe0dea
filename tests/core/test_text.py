"""Canonical text (the one normalisation every offset counts into) and text boundaries."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.core.text import (
    canonicalise,
    grapheme_starts,
    is_safe,
    next_grapheme,
    previous_grapheme,
    sentence_at,
    sentence_bounds,
    sha256,
    snap_to_grapheme,
    word_left,
    word_right,
)

# Property tests run with deadline=None: a shared machine's timing is no test result.
# What real articles (and hostile files) contain: line-break variants, controls,
# bidi overrides, BOMs, lone surrogates, combining marks, characters that NFC
# changes, emoji with skin tones and ZWJ, flags, CJK, Arabic and Hebrew.
FRAGMENTS = [
    "\n", "\r", "\r\n", "\t", "\v", "\f", "\x85", "\u2028", "\u2029",
    "\x00", "\x07", "\x08", "\x1b", "\x1b[31m", "\x1b]0;title\x07", "\x7f", "\x80", "\x9b", "\x9f",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\ufeff", "\ud800", "\udfff", "\u200b", "\u200e", "\u200f",
    "e\u0301", "\u0301", "\u0308", "\u0323\u0302", "a\u0345\u0301", "\u1100\u1161\u11a8",
    "\u2126", "\u212b", "\u0344", "\u0958", "\uf900",
    "👍", "👍🏽", "🏽", "\u200d", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "🇫🇷", "\ufe0f",
    "中文字", "日本語", "한국어", "مرحبا", "\u064e", "שָׁלוֹם", "עברית",
    " ", "  ", "a", "Z", ".", "!", "?", "“", "”", "'", "Mr.", "U.S.",
]
ALPHABET_TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=4)), max_size=40
).map("".join)


def _controls_other_than_lf(text: str) -> list[str]:
    return [char for char in text if unicodedata.category(char) == "Cc" and char != "\n"]


# -- canonicalise: properties ---------------------------------------------------


@settings(deadline=None)
@given(ALPHABET_TEXT)
@example("\ufeff\ufeffdouble BOM")
@example("\r\r\n\n")
@example("e\x00\u0301")
def test_canonicalise_is_idempotent(raw: str) -> None:
    once = canonicalise(raw)
    assert canonicalise(once) == once


@settings(deadline=None)
@given(ALPHABET_TEXT)
@example("\x1b[2J\x9b31m\u202eevil\u2066")
def test_no_control_character_but_lf_survives(raw: str) -> None:
    text = canonicalise(raw)
    assert is_safe(text)
    assert _controls_other_than_lf(text) == []
    for char in "\r\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert char not in text
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in text)
    text.encode("utf-8")  # storable: no lone surrogate left


@settings(deadline=None)
@given(ALPHABET_TEXT)
@example("e\u0301\u2126\u212b\u0958")
def test_result_is_nfc(raw: str) -> None:
    assert unicodedata.is_normalized("NFC", canonicalise(raw))


@settings(deadline=None)
@given(st.text(alphabet=st.characters(categories=("L", "M", "N", "P", "S", "Zs"))))
def test_ordinary_text_only_gets_nfc(raw: str) -> None:
    """Letters, marks, digits, punctuation and symbols are never replaced, only composed."""
    assert canonicalise(raw) == unicodedata.normalize("NFC", raw.removeprefix("\ufeff"))


# -- canonicalise: examples ------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("a\u2028b\u2029c\vd\fe\x85f", "a\nb\nc\nd\ne\nf"),
        ("\ufeffTitle", "Title"),
        ("a\tb", "a    b"),
        ("\x1b[31mred", "\u241b[31mred"),
        ("\x00", "\u2400"),
        ("\x7f", "\u2421"),
        ("\x9b2J", "\ufffd2J"),
        ("abc\u202edef", "abc\ufffddef"),
        ("x\u2066y\u2069", "x\ufffdy\ufffd"),
        ("\ud800", "\ufffd"),
        ("cafe\u0301", "café"),
        ("\u2126", "\u03a9"),
        ("👨\u200d👩\u200d👧 שלום مرحبا 中文", "👨\u200d👩\u200d👧 שלום مرحبا 中文"),
    ],
)
def test_canonicalise_examples(raw: str, expected: str) -> None:
    assert canonicalise(raw) == expected


def test_is_safe() -> None:
    assert is_safe("plain\ntext 👍🏽 עברית")
    for bad in ("\x1b", "\r", "\t", "\x9b", "\x7f", "\u202e", "\u2067", "\x00"):
        assert not is_safe(f"a{bad}b"), repr(bad)


def test_sha256_is_of_the_utf8_text() -> None:
    text = "Iran’s 👍🏽"
    assert sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- graphemes ---------------------------------------------------------------------

FAMILY = "👨\u200d👩\u200d👧"


def test_grapheme_starts_keep_zwj_sequences_and_combining_marks_whole() -> None:
    line = f"a{FAMILY}e\u0301👍🏽한b"
    family_end = 1 + len(FAMILY)
    assert grapheme_starts(line) == (
        0, 1, family_end, family_end + 2, family_end + 4, family_end + 5, family_end + 6
    )
    for inside in range(2, family_end):
        assert snap_to_grapheme(line, inside) == 1
    assert next_grapheme(line, 1) == family_end
    assert previous_grapheme(line, family_end) == 1
    assert previous_grapheme(line, 0) == 0
    assert next_grapheme(line, len(line)) == len(line)


def test_a_flag_is_one_grapheme() -> None:
    assert grapheme_starts("a🇫🇷b") == (0, 1, 3, 4)
    assert grapheme_starts("🇫🇷🇮🇷🇺") == (0, 2, 4, 5)  # pairs from the left; a lone half stays


@settings(deadline=None)
@given(ALPHABET_TEXT.map(canonicalise), st.data())
def test_grapheme_moves_stay_on_boundaries(line: str, data: st.DataObject) -> None:
    starts = grapheme_starts(line)
    assert starts[0] == 0 or line == ""
    assert starts[-1] == len(line)
    assert list(starts) == sorted(set(starts))
    offset = data.draw(st.integers(0, len(line)))
    snapped = snap_to_grapheme(line, offset)
    assert snapped in starts and snapped <= offset
    after = next_grapheme(line, offset)
    assert after in starts and (after > offset or offset == len(line))
    before = previous_grapheme(line, offset)
    assert before in starts and (before < offset or offset == 0)


# -- words and sentences -----------------------------------------------------------


def test_word_moves() -> None:
    line = "Iran’s envoy, Araghchi said"
    assert word_right(line, 0) == len("Iran’s")
    assert word_right(line, 6) == len("Iran’s envoy")
    assert word_left(line, len(line)) == line.index("said")
    assert word_left(line, line.index("said")) == line.index("Araghchi")
    assert word_left(line, 0) == 0
    assert word_right(line, len(line)) == len(line)


def test_sentences_skip_abbreviations_and_keep_closing_quotes() -> None:
    line = 'Mr. Witkoff met U.S. officials. He said “it went well.” Talks resume Saturday'
    assert [line[a:b] for a, b in sentence_bounds(line)] == [
        "Mr. Witkoff met U.S. officials.",
        "He said “it went well.”",
        "Talks resume Saturday",
    ]
    assert sentence_at(line, 0) == sentence_bounds(line)[0]
    second = sentence_bounds(line)[1]
    assert sentence_at(line, second[0] - 1) == second  # the space between: next sentence
    assert sentence_at("", 0) is None


@settings(deadline=None)
@given(ALPHABET_TEXT.map(canonicalise).map(lambda text: text.replace("\n", " ")))
def test_sentence_bounds_are_ordered_trimmed_slices(line: str) -> None:
    previous_end = 0
    for start, end in sentence_bounds(line):
        assert previous_end <= start < end <= len(line)
        assert line[start:end] == line[start:end].strip()
        previous_end = end
