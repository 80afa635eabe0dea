"""Hostile article text for property tests of suggestions, and the boundary rule they must keep."""

from __future__ import annotations

import unicodedata

from hypothesis import strategies as st

from tui.core.text import grapheme_starts

# Words and sentence parts the rules react to, mixed with what real and hostile files
# contain: combining marks, ZWJ emoji, flags, CJK, RTL, control pictures, odd quotes.
FRAGMENTS = [
    "The", "minister", "Ana", "Lopes", "said", "told", "12", "1,250", "twenty-five", "eight",
    "months", "years", "for years", "on Friday", "next Saturday", "in June", "3 May 2021",
    "$4.2 billion", "61 percent", "12-day", "did not", "agreed", "refused", "the largest",
    "more than", "according to", "Steve", "Steven", "Witkoff", "Mr.", "U.S.", ". ", ", ", "? ",
    " ", "  ", "\n", "\n\n", "“", "”", '"', "‘", "’", "«", "»", "e\u0301", "\u0301", "\u0308",
    "q\u0307", "\u200d", "\u200c", "\ufe0f", "👍", "👍🏽", "🏽", "👨\u200d👩\u200d👧", "🇫🇷",
    "中文字", "日本語", "한국어", "مرحبا", "\u064e", "שָׁלוֹם", "\u200f", "\u2400", "\u241b", "\u2421",
    "\ufffd", "\x1b[31m", "Ω", "ß", "İ", "ﬁ",
]  # fmt: skip
ARTICLE_TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=60
).map(" ".join)


def _is_word_char(text: str, offset: int) -> bool:
    """A letter, digit or underscore, or a combining mark whose base is one."""
    while offset > 0 and unicodedata.category(text[offset])[0] == "M":
        offset -= 1
    return text[offset].isalnum() or text[offset] == "_"


def on_word_boundary(text: str, offset: int) -> bool:
    """No word and no grapheme (combining sequence, emoji, flag) is cut at ``offset``."""
    if offset in (0, len(text)):
        return True
    if _is_word_char(text, offset - 1) and _is_word_char(text, offset):
        return False
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return offset - line_start in grapheme_starts(line)
