"""Find where an annotation's quote went when its article's text changed.

As Hypothesis does: exact matches of the quote first, ranked by how well the
surrounding text (prefix, suffix) and the old position agree; then a fuzzy
match (rapidfuzz) near the old position, accepted only above a threshold.
``None`` means the annotation is orphaned: kept, never misplaced.
"""

from __future__ import annotations

from rapidfuzz import fuzz

MIN_QUOTE_SIMILARITY = 85.0
MIN_CONTEXT_SIMILARITY = 50.0
MAX_EXACT_CANDIDATES = 2000
WHOLE_TEXT_LIMIT = 200_000


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> float:
    """0-100: how much the text around a candidate looks like the stored context."""
    scores: list[float] = []
    if prefix:
        scores.append(fuzz.ratio(text[max(0, start - len(prefix)) : start], prefix))
    if suffix:
        scores.append(fuzz.ratio(text[end : end + len(suffix)], suffix))
    return sum(scores) / len(scores) if scores else 100.0


def _position_score(start: int, old_start: int, length: int) -> float:
    return 100.0 / (1.0 + abs(start - old_start) / max(length, 1))


def _exact(text: str, quote: str, prefix: str, suffix: str, old_start: int) -> tuple[int, int] | None:
    best: tuple[float, int] | None = None
    found = text.find(quote)
    seen = 0
    while found != -1 and seen < MAX_EXACT_CANDIDATES:
        score = 2 * _context_score(text, found, found + len(quote), prefix, suffix)
        score += _position_score(found, old_start, len(text))
        if best is None or score > best[0]:
            best = (score, found)
        seen += 1
        found = text.find(quote, found + 1)
    return None if best is None else (best[1], best[1] + len(quote))


def _fuzzy(text: str, quote: str, prefix: str, suffix: str, old_start: int) -> tuple[int, int] | None:
    if len(quote) < 4:
        return None  # too short to tell a fuzzy match from chance
    windows = [
        (max(0, old_start - 4 * len(quote) - 2000), old_start + 5 * len(quote) + 2000),
    ]
    if len(text) <= WHOLE_TEXT_LIMIT:
        windows.append((0, len(text)))
    for low, high in windows:
        alignment = fuzz.partial_ratio_alignment(quote, text[low:high])
        if alignment is None or alignment.score < MIN_QUOTE_SIMILARITY:
            continue
        start, end = low + alignment.dest_start, low + alignment.dest_end
        start, end = _trim(text, start, end)
        if end <= start:
            continue
        if _context_score(text, start, end, prefix, suffix) < MIN_CONTEXT_SIMILARITY and (
            alignment.score < 95.0
        ):
            continue
        return start, end
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def reanchor(
    text: str, quote: str, prefix: str, suffix: str, old_start: int
) -> tuple[int, int] | None:
    """Where ``quote`` now lies in ``text`` as ``(start, end)``, or ``None`` (orphan)."""
    if not quote:
        return None
    if text[old_start : old_start + len(quote)] == quote and _context_score(
        text, old_start, old_start + len(quote), prefix, suffix
    ) >= 100.0:
        return old_start, old_start + len(quote)
    return _exact(text, quote, prefix, suffix, old_start) or _fuzzy(
        text, quote, prefix, suffix, old_start
    )
