"""Candidate contradictions across articles: aligned sentences that state different facts.

Sentences of different articles are aligned by wording (``align``), then the
rules of ``differences`` name what the two state differently. A candidate's
score grows with how sure the difference is and how alike the sentences are,
so a changed number in a near-identical sentence ranks first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .align import align, terms
from .analysis import AnalysedSentence, analyse
from .differences import Difference, View, differences, make_view
from .facts import Fact

MIN_TERMS = 3  # shorter sentences align by chance


@dataclass(frozen=True)
class Side:
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Contradiction:
    a: Side  # from the article that comes first in the input
    b: Side
    score: float
    reasons: tuple[str, ...]  # naming the differing words: "duration: eight months vs years"
    a_words: tuple[tuple[int, int], ...]  # offsets of the differing words in a's article
    b_words: tuple[tuple[int, int], ...]


def compare(articles: Sequence[tuple[str, str]], top: int | None = None) -> list[Contradiction]:
    """Pairs of sentences from different articles that may contradict each other, best first."""
    views: list[View] = []
    owners: list[int] = []
    unit_terms: list[list[str]] = []
    for index, (_article_id, text) in enumerate(articles):
        for view in _views(text, analyse(text)):
            content = terms(text, view.sentence.words)
            if len(content) >= MIN_TERMS:
                views.append(view)
                owners.append(index)
                unit_terms.append(content)
    candidates: list[Contradiction] = []
    for match in align(owners, unit_terms):
        a, b = views[match.first], views[match.second]
        found = differences(a, b)
        if found:
            a_id = articles[owners[match.first]][0]
            b_id = articles[owners[match.second]][0]
            candidates.append(_candidate(a_id, a, b_id, b, match.similarity, found))
    candidates.sort(key=lambda item: (-item.score, item.a.article_id, item.a.start, item.b.start))
    return candidates if top is None else candidates[:top]


def _views(text: str, sentences: list[AnalysedSentence]) -> list[View]:
    """Prose sentences, each with its speaker: a name beside a cue, or the last person named."""
    views: list[View] = []
    last_person: Fact | None = None
    for sentence in sentences:
        if sentence.heading:
            continue
        speaker = _speaker(sentence) or last_person
        views.append(make_view(text, sentence, speaker))
        people = sentence.of_kind("person")
        if people:
            last_person = people[-1]
    return views


def _speaker(sentence: AnalysedSentence) -> Fact | None:
    quotes = sentence.of_kind("quote")
    cues = [
        cue
        for cue in sentence.of_kind("cue")
        if not any(quote.start <= cue.start < quote.end for quote in quotes)
    ]
    if not cues:
        return None
    outside = [
        name
        for name in sentence.of_kind("person", "entity")
        if not any(quote.start <= name.start < quote.end for quote in quotes)
    ]
    if not outside:
        return None
    return min(outside, key=lambda name: min(abs(name.start - cue.start) for cue in cues))


def _candidate(
    a_id: str, a: View, b_id: str, b: View, similarity: float, found: list[Difference]
) -> Contradiction:
    remaining = 1.0
    for item in found:
        remaining *= 1.0 - item.weight
    evidence = 1.0 - remaining
    score = evidence * (0.3 + 0.7 * similarity)
    sa, sb = a.sentence.sentence, b.sentence.sentence
    ordered = sorted(found, key=lambda item: -item.weight)
    return Contradiction(
        a=Side(a_id, sa.start, sa.end, sa.text),
        b=Side(b_id, sb.start, sb.end, sb.text),
        score=round(score, 4),
        reasons=tuple(dict.fromkeys(item.reason for item in ordered)),
        a_words=_merge(span for item in ordered for span in item.a_spans),
        b_words=_merge(span for item in ordered for span in item.b_spans),
    )


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    return tuple(sorted(set(spans)))
