"""Canonical text and the boundaries (grapheme, word, sentence) that offsets snap to.

Every offset newsmark stores is a code-point index into the text this module
produces, so the normalisation happens exactly once, at import.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from rich.cells import split_graphemes

LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\v\f\x85]")
# Controls a terminal would act on, bidi overrides/isolates that reorder what
# follows, DEL and lone surrogates (which cannot be encoded).
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the matching control picture, e.g. ␛ for ESC
    if code == 0x7F:
        return "\u2421"
    return REPLACEMENT


def canonicalise(raw: str) -> str:
    """Normalise once so that stored offsets never depend on how a file was written."""
    text = raw.lstrip("\ufeff")  # all of them: one pass must be enough (idempotent)
    text = LINE_BREAKS.sub("\n", text)
    text = text.replace("\t", "    ")
    text = _UNSAFE.sub(_visible, text)
    text = unicodedata.normalize("NFC", text)
    # NFC never introduces controls, but re-apply so the function is idempotent
    # by construction even if a future Unicode version composed into one.
    return _UNSAFE.sub(_visible, text)


def is_safe(text: str) -> bool:
    """True when canonical ``text`` holds no control or bidi override.

    Bidi *marks* (U+200E, U+200F, U+061C) may stay in canonical text: they are
    part of what the article says. ``safe`` masks them too before display.
    """
    return _UNSAFE.search(text.replace("\n", "")) is None


# What a terminal acts on, or what reorders or breaks the characters around it:
# C0 and C1 controls, DEL, bidi embeddings/overrides/isolates and marks, line and
# paragraph separators, lone surrogates.
_ACTIVE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)
NEWLINE_PICTURE = "\u2424"  # ␤


def safe(text: str, *, newlines: bool = False) -> str:
    """``text`` with nothing a terminal would act on: the one sanitiser for the screen and the CLI.

    Each such character becomes one visible character (its control picture, such
    as ␛ for ESC, or U+FFFD), so offsets into ``text`` stay offsets into the
    result. Line feeds (and U+2028/U+2029) are kept as ``\\n`` when ``newlines``,
    else shown as ␤. Markup is not this function's business: the UI must still
    pass the result as plain text (``Content``), never as markup.
    """
    # Every active character is unprintable (Cc, Cf, Cs, Zl, Zp), and ``isprintable`` runs
    # in C at a few ns a character: a 5 MB article's many line feeds, which stay as they
    # are, no longer cost a Python call each before the reader's first frame.
    if (text.replace("\n", " ") if newlines else text).isprintable():
        return text
    if _ACTIVE.search(text) is None:
        return text

    def visible(match: re.Match[str]) -> str:
        char = match.group()
        if char in "\n\u2028\u2029":
            return "\n" if newlines else NEWLINE_PICTURE
        return _visible(match)

    return _ACTIVE.sub(visible, text)


def printable(text: str) -> str:
    """``text`` as one harmless line, for untrusted bits (file names, titles) in messages."""
    return safe(text)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _regional_indicator(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def graphemes(line: str) -> list[tuple[int, int, int]]:
    """``(start, end, cells)`` of each grapheme cluster of ``line``.

    Rich's ``split_graphemes``, with one correction: it splits a flag (a pair
    of regional indicators) in two, and a selection must never cut a flag.
    """
    spans, _ = split_graphemes(line)
    merged: list[tuple[int, int, int]] = []
    pending = False  # the previous span is the first half of a flag
    for start, end, cells in spans:
        if pending and end - start == 1 and _regional_indicator(line[start]):
            first_start, _first_end, first_cells = merged[-1]
            merged[-1] = (first_start, end, first_cells + cells)
            pending = False
            continue
        merged.append((start, end, cells))
        pending = end - start == 1 and _regional_indicator(line[start])
    return merged


@lru_cache(maxsize=4096)
def grapheme_starts(line: str) -> tuple[int, ...]:
    """Offsets (into ``line``) where a grapheme cluster starts, plus ``len(line)``."""
    return (*(start for start, _end, _cells in graphemes(line)), len(line))


def snap_to_grapheme(line: str, offset: int) -> int:
    """Move ``offset`` back to the start of the grapheme it falls inside."""
    starts = grapheme_starts(line)
    index = bisect_right(starts, offset) - 1
    return starts[max(index, 0)]


def next_grapheme(line: str, offset: int) -> int:
    starts = grapheme_starts(line)
    index = bisect_right(starts, offset)
    return starts[min(index, len(starts) - 1)]


def previous_grapheme(line: str, offset: int) -> int:
    starts = grapheme_starts(line)
    index = bisect_right(starts, offset - 1) - 1
    return starts[max(index, 0)] if offset > 0 else 0


_WORD = re.compile(r"\w+(?:['’]\w+)*")


def word_right(line: str, offset: int) -> int:
    """End of the word at or after ``offset`` (ctrl+right)."""
    match = _WORD.search(line, offset)
    return match.end() if match else len(line)


def word_left(line: str, offset: int) -> int:
    """Start of the word before ``offset`` (ctrl+left)."""
    start = 0
    for match in _WORD.finditer(line, 0, offset):
        start = match.start()
    return start


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc no gen gov sen rep lt col capt sgt inc ltd co corp".split()  # noqa: SIM905
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")


def _is_abbreviation(line: str, dot: int) -> bool:
    """A dot after a known abbreviation or a single capital (U.S., J. Smith) ends no sentence."""
    if line[dot] != ".":
        return False
    word = re.search(r"(\w+)$", line[:dot])
    if word is None:
        return False
    token = word.group(1)
    preceded_by_dot = word.start() > 0 and line[word.start() - 1] == "."
    return (
        token.lower() in _ABBREVIATIONS
        or (len(token) == 1 and token.isupper())
        or (preceded_by_dot and len(token) == 1)
    )


def sentence_bounds(line: str) -> list[tuple[int, int]]:
    """Sentences of one line (paragraph) as ``(start, end)``, surrounding spaces excluded."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(line):
        if _is_abbreviation(line, match.start()):
            continue
        bounds.append((start, match.end()))
        start = match.end()
    bounds.append((start, len(line)))
    trimmed: list[tuple[int, int]] = []
    for begin, end in bounds:
        chunk = line[begin:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trimmed.append((begin + lead, begin + lead + len(stripped)))
    return trimmed


def sentence_at(line: str, offset: int) -> tuple[int, int] | None:
    """The sentence containing ``offset``, or the next one when it falls between two."""
    bounds = sentence_bounds(line)
    for begin, end in bounds:
        if offset < end:
            return begin, end
    return bounds[-1] if bounds else None
