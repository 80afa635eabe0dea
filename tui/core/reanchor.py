"""Find where an annotation's quote went when its article's text changed.

As Hypothesis does, every candidate place is scored on the quote, the
context on either side (prefix, suffix) and the distance from the old
position. Candidates come from exact matches of the quote while it is in the
text, else from a fuzzy alignment (rapidfuzz) of the quote with its context
near the old position. A candidate is accepted only when enough characters agree: a short
quote that turns up elsewhere with other words around it is not the quote the
analyst tagged. ``None`` means the annotation is orphaned: kept, never
misplaced.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Opcodes

from .models import CONTEXT_CHARS
from .text import graphemes

QUOTE_WEIGHT = 50.0
PREFIX_WEIGHT = 20.0
SUFFIX_WEIGHT = 20.0
POSITION_WEIGHT = 2.0
# Characters of the quote plus unchanged neighbouring context that must agree
# before a place is believed: one word alone proves nothing.
MIN_EVIDENCE = 24
MIN_FUZZY_QUOTE = 0.75  # similarity (Indel ratio) of the quote with the placed text
MIN_FUZZY_SCORE = 0.80  # weighted score of quote, context and position
MAX_EXACT_CANDIDATES = 1000
NEAR = 20_000  # exact matches this close to the old position are scored first
WHOLE_TEXT_LIMIT = 200_000  # longer texts are searched fuzzily only near the old position
GRAPHEME_WINDOW = 64


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    quote: float  # 0..1 similarity of the placed text with the stored quote
    evidence: float  # characters that agree: quote and adjacent context
    score: float  # 0..1 weighted like Hypothesis: quote, prefix, suffix, position

    @property
    def place(self) -> tuple[int, int]:
        return self.start, self.end


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _side(stored: str, actual: str, *, at_edge: bool, before: bool) -> tuple[float, float]:
    """Similarity (0..1) of one side's context and how many adjacent characters agree.

    ``at_edge`` says the candidate touches the start (or end) of the text; a
    stored context shorter than ``CONTEXT_CHARS`` was cut by that same edge, so
    meeting the edge again counts as agreement.
    """
    if not stored:
        return (1.0, CONTEXT_CHARS) if at_edge else (0.5, 0.0)
    similarity = fuzz.ratio(stored, actual) / 100.0
    run = _common_suffix(stored, actual) if before else _common_prefix(stored, actual)
    if run == len(stored) == len(actual) and len(stored) < CONTEXT_CHARS and at_edge:
        return similarity, float(CONTEXT_CHARS)
    return similarity, float(run)


def _candidate(
    text: str, start: int, end: int, quote: str, prefix: str, suffix: str, old_start: int
) -> _Candidate:
    placed = text[start:end]
    quote_similarity = 1.0 if placed == quote else fuzz.ratio(quote, placed) / 100.0
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    prefix_similarity, prefix_run = _side(
        prefix, before, at_edge=start - len(before) == 0, before=True
    )
    suffix_similarity, suffix_run = _side(
        suffix, after, at_edge=end + len(after) == len(text), before=False
    )
    position = 1.0 - abs(start - old_start) / max(len(text), 1)
    score = (
        QUOTE_WEIGHT * quote_similarity
        + PREFIX_WEIGHT * prefix_similarity
        + SUFFIX_WEIGHT * suffix_similarity
        + POSITION_WEIGHT * max(position, 0.0)
    ) / (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
    matched = quote_similarity * (len(quote) + len(placed)) / 2
    return _Candidate(start, end, quote_similarity, matched + prefix_run + suffix_run, score)


def _occurrences(text: str, needle: str, old_start: int) -> list[int]:
    """Starts of ``needle`` in ``text``, those near ``old_start`` first; a bounded number."""
    found: list[int] = []
    low = max(0, old_start - NEAR)
    high = min(len(text), old_start + NEAR + len(needle))
    for second, (begin, end) in enumerate(((low, high), (0, len(text)))):
        index = text.find(needle, begin, end)
        while index != -1 and len(found) < MAX_EXACT_CANDIDATES:
            if not (second and low <= index and index + len(needle) <= high):
                found.append(index)
            index = text.find(needle, index + 1, end)
    return found


def _whole(text: str, quote: str, prefix: str, suffix: str, old_start: int) -> int | None:
    """Start of the quote with its whole stored context, the one nearest the old place."""
    found = _occurrences(text, prefix + quote + suffix, max(0, old_start - len(prefix)))
    if not found:
        return None
    return min(found, key=lambda index: abs(index + len(prefix) - old_start)) + len(prefix)


def _exact(
    text: str, quote: str, prefix: str, suffix: str, old_start: int
) -> list[_Candidate]:
    return [
        _candidate(text, start, start + len(quote), quote, prefix, suffix, old_start)
        for start in _occurrences(text, quote, old_start)
    ]


def _map(opcodes: Opcodes, position: int, *, is_start: bool) -> int:
    """Where ``position`` of the source lands in the destination of an alignment.

    Text inserted exactly at the boundary stays outside the span.
    """
    for op in opcodes:
        if op.tag == "insert":
            continue
        if op.src_start <= position < op.src_end or (
            not is_start and op.src_start < position == op.src_end
        ):
            if op.tag == "equal":
                return int(op.dest_start + position - op.src_start)
            if is_start:
                return int(op.dest_start)
            return int(op.dest_end)
    return int(opcodes.dest_len)


def _aligned(
    text: str, needle: str, low: int, high: int, inner: tuple[int, int]
) -> tuple[int, int] | None:
    """Align ``needle`` in ``text[low:high]``; map ``needle[inner[0]:inner[1]]`` onto ``text``."""
    alignment = fuzz.partial_ratio_alignment(needle, text[low:high])
    if alignment is None or alignment.score < 50.0:
        return None
    slack = len(needle) // 2 + 8
    begin = max(low, low + alignment.dest_start - slack)
    finish = min(high, low + alignment.dest_end + slack)
    opcodes = Indel.opcodes(needle, text[begin:finish])
    start = begin + _map(opcodes, inner[0], is_start=True)
    end = begin + _map(opcodes, inner[1], is_start=False)
    return start, end


def _grapheme_starts(text: str, index: int) -> list[int]:
    low = max(0, index - GRAPHEME_WINDOW)
    high = min(len(text), index + GRAPHEME_WINDOW)
    spans = graphemes(text[low:high])
    return [*(low + start for start, _end, _cells in spans), high]


def _snap(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy place to whole graphemes and drop surrounding whitespace."""
    start = max(index for index in _grapheme_starts(text, start) if index <= start)
    end = min(index for index in _grapheme_starts(text, end) if index >= end)
    while start < end and text[start].isspace():  # a space may carry a zero-width mark
        start = min(index for index in _grapheme_starts(text, start) if index > start)
    while end > start and text[end - 1].isspace():
        end = max(index for index in _grapheme_starts(text, end) if index < end)
    return start, end


def _fuzzy(
    text: str, quote: str, prefix: str, suffix: str, old_start: int
) -> list[_Candidate]:
    if len(quote) < 4:
        return []  # too short to tell a fuzzy match from chance
    blob = prefix + quote + suffix
    reach = 2000 + 4 * len(blob)
    windows = [(max(0, old_start - len(prefix) - reach), min(len(text), old_start + reach))]
    if len(text) <= WHOLE_TEXT_LIMIT and windows[0] != (0, len(text)):
        windows.append((0, len(text)))
    candidates: list[_Candidate] = []
    seen: set[tuple[int, int]] = set()
    for low, high in windows:
        for needle, inner in (
            (blob, (len(prefix), len(prefix) + len(quote))),
            (quote, (0, len(quote))),
        ):
            place = _aligned(text, needle, low, high, inner)
            if place is None:
                continue
            start, end = _snap(text, *place)
            if end <= start or (start, end) in seen:
                continue
            seen.add((start, end))
            candidates.append(_candidate(text, start, end, quote, prefix, suffix, old_start))
    return candidates


def _accepted(candidate: _Candidate) -> bool:
    if candidate.evidence < MIN_EVIDENCE:
        return False
    if candidate.quote == 1.0:
        return True
    return candidate.quote >= MIN_FUZZY_QUOTE and candidate.score >= MIN_FUZZY_SCORE


def reanchor(
    text: str, quote: str, prefix: str, suffix: str, old_start: int
) -> tuple[int, int] | None:
    """Where ``quote`` now lies in ``text`` as ``(start, end)``, or ``None`` (orphan)."""
    if not quote or not text:
        return None
    old_start = min(max(old_start, 0), len(text))
    end = old_start + len(quote)
    if (
        text[old_start:end] == quote
        and text[max(0, old_start - len(prefix)) : old_start] == prefix
        and text[end : end + len(suffix)] == suffix
    ):
        return old_start, end
    whole = _whole(text, quote, prefix, suffix, old_start)
    if whole is not None and len(prefix) + len(quote) + len(suffix) >= MIN_EVIDENCE:
        return whole, whole + len(quote)  # quote and whole context: nothing fuzzy beats it
    # While the quote itself is in the text, it is placed on a copy of it or not at all: a
    # fuzzy place next to a copy too short to trust would be a guess. Fuzzy once it is gone.
    candidates = _exact(text, quote, prefix, suffix, old_start)
    if not candidates:
        candidates = _fuzzy(text, quote, prefix, suffix, old_start)
    best = max(filter(_accepted, candidates), key=lambda c: c.score, default=None)
    return None if best is None else best.place
