"""What became of an annotation's passage when its article's text changed.

Four outcomes, each one true (issue 9):

- *unchanged*: the quote, at the same offsets;
- *moved*: the quote, character for character, at other offsets;
- *changed*: the words right before and right after the passage are still
  there, but what lies between them now reads differently ("eight months" ->
  "nine months"). The new place covers whole words of the new passage;
- *orphaned*: the passage is gone. Nothing is placed on another sentence.

Evidence is exact context, never a fuzzy resemblance: two unrelated English
sentences share half their characters in order, so similarity alone would
move a claim onto "On Wednesday, 9 people were killed" once its own "On
Tuesday, 15 people..." paragraph is deleted. A place is believed when the
characters next to it are the stored prefix and suffix (runs of exact
agreement, counted outward from the span); a short or repeated quote needs
that context, and a copy of a quote is never chosen when another copy has the
same evidence. A span edge never lands inside a word (or grapheme) that the
old edge did not cut, with the same two pieces on either side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..models import CONTEXT_CHARS
from ..word_edges import cuts_word, grapheme_ceil, word_end, word_parts, word_start
from .evidence import (
    LONG_QUOTE,
    MIN_EVIDENCE,
    Candidate,
    Quote,
    believed,
    best,
    changed_candidate,
    exact_candidates,
    whole_context,
)
from .old_text import OldText, is_another_copy, was_there

__all__ = ["LONG_QUOTE", "MIN_EVIDENCE", "OUTCOMES", "Outcome", "Placement", "reanchor"]

Outcome = Literal["unchanged", "moved", "changed", "orphaned"]
OUTCOMES: tuple[Outcome, ...] = ("unchanged", "moved", "changed", "orphaned")


@dataclass(frozen=True)
class Placement:
    """Where an annotation now lies; ``start``/``end`` mean nothing when orphaned."""

    outcome: Outcome
    start: int = 0
    end: int = 0

    @property
    def placed(self) -> bool:
        return self.outcome != "orphaned"


ORPHANED = Placement("orphaned")


def _keeps_edge(text: str, index: int, q: Quote, old: int) -> bool:
    """An edge may cut a word only where the old edge cut the same word in the same place."""
    if not cuts_word(text, index):
        return True
    window = q.window
    if not cuts_word(window, old):
        return False
    old_left, old_right = word_parts(window, old)
    new_left, new_right = word_parts(text, index)
    left_cut_off = len(q.prefix) == CONTEXT_CHARS and word_start(window, old) == 0
    right_cut_off = len(q.suffix) == CONTEXT_CHARS and word_end(window, old) == len(window)
    left = new_left == old_left or (left_cut_off and new_left.endswith(old_left))
    right = new_right == old_right or (right_cut_off and new_right.startswith(old_right))
    return left and right


def _trim(text: str, start: int, end: int, q: Quote) -> tuple[int, int]:
    """Drop whitespace from an end where the tagged quote had none, never stepping into
    a word or cluster (rich joins a space, a ZWJ and the letter after it into one)."""
    while start < end and text[start].isspace() and not q.quote[0].isspace():
        after = grapheme_ceil(text, start + 1)
        if cuts_word(text, after):
            break
        start = after
    while (
        end > start
        and text[end - 1].isspace()
        and not q.quote[-1].isspace()
        and not cuts_word(text, end - 1)
    ):
        end -= 1
    return start, end


def _settle(text: str, candidate: Candidate, q: Quote) -> Placement:
    """Widen the candidate to whole words where its edges would cut a new one; name the outcome."""
    start, end = candidate.start, candidate.end
    if not _keeps_edge(text, start, q, len(q.prefix)):
        start = word_start(text, start)
    if not _keeps_edge(text, end, q, len(q.prefix) + len(q.quote)):
        end = word_end(text, end)
    if text[start:end] != q.quote:
        start, end = _trim(text, start, end, q)
    if start >= end:
        return ORPHANED
    if text[start:end] == q.quote:
        return Placement("unchanged" if start == q.old_start else "moved", start, end)
    return Placement("changed", start, end)


def _best_exact(text: str, q: Quote, old: OldText) -> Candidate | None:
    exact = exact_candidates(text, q)
    for _ in range(4):
        found = best(exact, q, lambda: old.same_order)
        if found is None or not believed(found, q, len(exact)):
            return None
        if found.evidence >= q.full or not is_another_copy(text, found, old):
            return found
        if found.start == old.same_order:
            return found
        exact.remove(found)  # a copy that was already there
    return None


def _inside(text: str, changed: Candidate, q: Quote) -> Candidate | None:
    """The quote itself inside the passage the context vouches for (words were added
    next to it, its own are all there); of several copies, the one context prefers."""
    copies = [
        candidate
        for candidate in exact_candidates(text, q)
        if changed.start <= candidate.start and candidate.end <= changed.end
    ]
    return best(copies, q)


def _choose(
    text: str, q: Quote, exact: Candidate | None, changed: Candidate | None
) -> Candidate | None:
    """The quote itself wins when it lies inside the changed passage (text was added next
    to it) or has as much context; otherwise the better context does."""
    if changed is not None and (inside := _inside(text, changed, q)) is not None:
        return inside
    if exact is None or changed is None:
        return exact or changed
    return changed if changed.evidence > exact.evidence else exact


def reanchor(
    text: str,
    quote: str,
    prefix: str,
    suffix: str,
    old_start: int,
    *,
    old_text: str | None = None,
) -> Placement:
    """Where ``quote`` (stored with ``prefix`` and ``suffix`` at ``old_start``) lies in ``text``.

    ``old_text`` is the text the quote was taken from, when known: a copy of the
    quote (or a passage) that was already there elsewhere is then never taken
    for this one.
    """
    if not quote or not text:
        return ORPHANED
    q = Quote(quote, prefix, suffix, min(max(old_start, 0), len(text)))
    whole = whole_context(text, q)
    if whole is not None:
        return _settle(text, whole, q)
    old = OldText(text, old_text, quote, old_start)
    exact = _best_exact(text, q, old)
    if exact is not None and exact.evidence >= q.full:
        return _settle(text, exact, q)  # the whole context agrees: nothing beats it
    changed = changed_candidate(text, q)
    if changed is not None and was_there(text, changed, q, old):
        changed = None
    choice = _choose(text, q, exact, changed)
    return ORPHANED if choice is None else _settle(text, choice, q)
