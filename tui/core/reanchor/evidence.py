"""Context evidence: where the stored prefix and suffix still agree with a text.

A place is believed on runs of exact agreement counted outward from its edges,
never on fuzzy resemblance: two unrelated English sentences share half their
characters in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..models import CONTEXT_CHARS

# A copy of the quote is believed when quote and agreeing context add up to this...
MIN_EVIDENCE = 24
# ...and at least this much context agrees, unless the quote is long and unique.
MIN_CONTEXT = 12
LONG_QUOTE = 40
# A changed passage needs this many unchanged characters on each side of it...
MIN_SIDE = 16
# ...or, when a word just before (or after) it changed too, this many on one side and a
# whole word or more of agreement on the other.
STRONG_SIDE = 2 * MIN_SIDE
MIN_WEAK_SIDE = 5
MIN_CHANGED_SIMILARITY = 0.5  # Indel similarity of old and new wording (quotes of 4+ words)
MIN_KEPT_WORDS = 0.5  # share of the quote's words (numbers aside) in the new wording
SHORT_QUOTE_WORDS = 3  # shorter quotes are judged by their place alone
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_DIGIT = re.compile(r"\d")
MAX_CANDIDATES = 1000  # copies of a quote or its context considered, nearest first
NEAR = 20_000  # copies this close to the old place are looked at first


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    before: int  # characters of the stored prefix that agree, counted back from start
    after: int  # characters of the stored suffix that agree, counted on from end

    @property
    def evidence(self) -> int:
        return self.before + self.after


@dataclass(frozen=True)
class Quote:
    """The annotation as stored: its quote, context and old place."""

    quote: str
    prefix: str
    suffix: str
    old_start: int

    @property
    def window(self) -> str:
        return self.prefix + self.quote + self.suffix

    @property
    def full(self) -> int:
        """Evidence of a place where the whole stored context agrees."""
        return edge_credit(self.prefix) + edge_credit(self.suffix)


def edge_credit(context: str) -> int:
    """A context shorter than ``CONTEXT_CHARS`` was cut by the text's edge: meeting the
    edge again is agreement, worth at least ``MIN_SIDE``."""
    return len(context) if len(context) == CONTEXT_CHARS else max(len(context), MIN_SIDE)


def _common_prefix(a: str, b: str) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def agreeing_before(text: str, start: int, prefix: str) -> int:
    run = _common_suffix(prefix, text[max(0, start - len(prefix)) : start])
    if run == len(prefix) < CONTEXT_CHARS and start == len(prefix):
        return edge_credit(prefix)
    return run


def agreeing_after(text: str, end: int, suffix: str) -> int:
    run = _common_prefix(suffix, text[end : end + len(suffix)])
    if run == len(suffix) < CONTEXT_CHARS and end + len(suffix) == len(text):
        return edge_credit(suffix)
    return run


def occurrences(text: str, needle: str, near: int) -> list[int]:
    """Starts of ``needle`` in ``text``, those near ``near`` first; at most MAX_CANDIDATES."""
    found: list[int] = []
    low = max(0, near - NEAR)
    high = min(len(text), near + NEAR + len(needle))
    for second, (begin, end) in enumerate(((low, high), (0, len(text)))):
        index = text.find(needle, begin, end)
        while index != -1 and len(found) < MAX_CANDIDATES:
            if not (second and low <= index and index + len(needle) <= high):
                found.append(index)
            index = text.find(needle, index + 1, end)
    return found


def whole_context(text: str, q: Quote) -> Candidate | None:
    """The place where quote, prefix and suffix all read as stored, found with one search
    (most annotations of a re-import): the old place itself, else the only such place;
    ``None`` when there is none or several (the general rules choose then)."""
    window = q.window
    if q.old_start >= len(q.prefix) and text.startswith(window, q.old_start - len(q.prefix)):
        found = [q.old_start - len(q.prefix)]
    else:
        found = occurrences(text, window, max(0, q.old_start - len(q.prefix)))[:2]
        if len(found) != 1:
            return None
    start = found[0] + len(q.prefix)
    end = start + len(q.quote)
    place = Candidate(
        start, end, agreeing_before(text, start, q.prefix), agreeing_after(text, end, q.suffix)
    )
    return place if place.evidence >= q.full else None  # a short context must meet the edge


def exact_candidates(text: str, q: Quote) -> list[Candidate]:
    return [
        Candidate(
            start,
            start + len(q.quote),
            agreeing_before(text, start, q.prefix),
            agreeing_after(text, start + len(q.quote), q.suffix),
        )
        for start in occurrences(text, q.quote, q.old_start)
    ]


def _left_anchors(text: str, q: Quote) -> list[tuple[int, int]]:
    """Ends of places where at least ``MIN_SIDE`` characters of the prefix agree."""
    if len(q.prefix) < MIN_SIDE:
        fits = len(q.prefix) < CONTEXT_CHARS and text.startswith(q.prefix)
        return [(len(q.prefix), edge_credit(q.prefix))] if fits else []
    tail = q.prefix[-MIN_SIDE:]
    ends = (start + MIN_SIDE for start in occurrences(text, tail, q.old_start))
    return [(end, agreeing_before(text, end, q.prefix)) for end in ends]


def _right_anchors(text: str, q: Quote) -> list[tuple[int, int]]:
    """Starts of places where at least ``MIN_SIDE`` characters of the suffix agree."""
    if len(q.suffix) < MIN_SIDE:
        fits = len(q.suffix) < CONTEXT_CHARS and text.endswith(q.suffix)
        start = len(text) - len(q.suffix)
        return [(start, edge_credit(q.suffix))] if fits else []
    head = q.suffix[:MIN_SIDE]
    starts = occurrences(text, head, q.old_start + len(q.quote))
    return [(start, agreeing_after(text, start, q.suffix)) for start in starts]


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def _reads_like(quote: str, passage: str) -> bool:
    """The new wording is a rewording of the quote, not some other passage: at least half
    its words (numbers aside: a correction changes those) are still there ("Engineers
    declined to comment." is not "Engineers said little."). A quote of spaces and
    punctuation alone has no wording to change."""
    if not any(char.isalnum() for char in quote) or not any(char.isalnum() for char in passage):
        return False
    words = _words(quote)
    count = sum(words.values())
    if count <= SHORT_QUOTE_WORDS:  # judged by their place alone
        return sum(_words(passage).values()) <= 2 * count + 2
    if Indel.normalized_similarity(quote, passage) < MIN_CHANGED_SIMILARITY:
        return False
    wording = Counter({word: n for word, n in words.items() if not _DIGIT.search(word)})
    kept = sum((wording & _words(passage)).values())
    return kept >= sum(wording.values()) * MIN_KEPT_WORDS


def changed_candidate(text: str, q: Quote) -> Candidate | None:
    """The place between an agreeing prefix and an agreeing suffix, if it reads like the quote.

    Every pair of anchors competes, including pairs with nothing like the quote
    between them: when the best-agreeing context now closes over other words (or
    none), the passage is gone from there, and a weaker look-alike elsewhere is
    not it.
    """
    lefts = _left_anchors(text, q)
    rights = sorted(_right_anchors(text, q))
    if not lefts and not rights:
        return None
    starts = [start for start, _run in rights]
    gap = max(2 * len(q.quote), len(q.quote) + 48)
    pairs: list[Candidate] = []
    for end_of_prefix, before in lefts:
        low = bisect_left(starts, end_of_prefix)
        high = bisect_right(starts, end_of_prefix + gap)
        for start_of_suffix, after in rights[low:high]:
            pairs.append(Candidate(end_of_prefix, start_of_suffix, before, after))
    weak = not pairs  # no strong pair: the words beside the passage changed as well
    if weak:
        pairs = _one_strong_side(text, q, lefts, rights, gap)
    found = best(pairs, q)
    if found is None or not _reads_like(q.quote, text[found.start : found.end]):
        return None
    passage = text[found.start : found.end]
    if weak and (q.quote in passage or not _keeps_a_word(q.quote, passage)):
        # with half the context gone: some of the quote's words stay, but not all of it
        # (a passage holding the quote itself is another copy: the context decides that)
        return None
    return found


def _keeps_a_word(quote: str, passage: str) -> bool:
    """Quote and passage share a word that is not the only thing in the quote."""
    words = _words(quote)
    return sum(words.values()) > 1 and bool(words & _words(passage))


def _one_strong_side(
    text: str,
    q: Quote,
    lefts: list[tuple[int, int]],
    rights: list[tuple[int, int]],
    gap: int,
) -> list[Candidate]:
    """Places with ``STRONG_SIDE`` agreeing characters on one side and a shorter run on the
    other that ends on a word's edge ("met in Oman after eight months" became "met in
    Muscat after nine months": only " after " agrees before the passage)."""
    pairs: list[Candidate] = []
    for start_of_suffix, after in rights:
        if after < STRONG_SIDE:
            continue
        for end_of_prefix in range(max(0, start_of_suffix - gap), start_of_suffix + 1):
            before = agreeing_before(text, end_of_prefix, q.prefix)
            while before and not _on_word_edge(text, end_of_prefix - before):
                before -= 1  # whole words only: "ed for " of "stalled for" is " for "
            if before >= MIN_WEAK_SIDE:
                pairs.append(Candidate(end_of_prefix, start_of_suffix, before, after))
    for end_of_prefix, before in lefts:
        if before < STRONG_SIDE:
            continue
        for start_of_suffix in range(end_of_prefix, min(len(text), end_of_prefix + gap) + 1):
            after = agreeing_after(text, start_of_suffix, q.suffix)
            while after and not _on_word_edge(text, start_of_suffix + after):
                after -= 1
            if after >= MIN_WEAK_SIDE:
                pairs.append(Candidate(end_of_prefix, start_of_suffix, before, after))
    return pairs


def _on_word_edge(text: str, at: int) -> bool:
    """No word goes on across ``at``: a run of agreement that is whole words."""
    if at <= 0 or at >= len(text):
        return True
    return not (text[at - 1].isalnum() and text[at].isalnum())


def best(
    candidates: list[Candidate], q: Quote, same_order: Callable[[], int | None] | None = None
) -> Candidate | None:
    """The candidate with the most evidence. Of several tied, the copy that keeps its
    place in the order of copies, else the nearest when all show the whole stored
    context (indistinguishable), else ``None``: context cannot tell them apart."""
    if not candidates:
        return None
    top = max(candidate.evidence for candidate in candidates)
    tied = [candidate for candidate in candidates if candidate.evidence == top]
    if len(tied) > 1:
        kept = [c for c in tied if same_order is not None and c.start == same_order()]
        if kept:
            return kept[0]
        if top < q.full:
            return None
    return min(tied, key=lambda candidate: abs(candidate.start - q.old_start))


def believed(candidate: Candidate, q: Quote, copies: int) -> bool:
    if candidate.evidence >= q.full:
        return True
    if copies == 1 and len(q.quote) >= LONG_QUOTE:
        return True
    return candidate.evidence >= max(MIN_CONTEXT, MIN_EVIDENCE - len(q.quote))
