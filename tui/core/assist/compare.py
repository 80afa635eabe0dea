"""Candidate contradictions across articles: aligned sentences that state different facts.

Sentences of different articles are aligned by wording (``align``), then the
rules of ``differences`` name what the two state differently. A candidate's
score grows with how sure the difference is and how alike the sentences are,
so a changed number in a near-identical sentence ranks first.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .align import align, terms
from .analysis import AnalysedSentence, analyse
from .differences import Difference, View, differences, make_view
from .facts import Fact
from .sentences import GraphemeSnapper, tidy_span

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
    scored: list[tuple[float, int, int, list[Difference]]] = []
    for match in align(owners, unit_terms):
        found = differences(views[match.first], views[match.second])
        if found:
            scored.append((_score(match.similarity, found), match.first, match.second, found))
    scored.sort(key=lambda item: (-item[0], owners[item[1]], views[item[1]].sentence.sentence.start,
                                  views[item[2]].sentence.sentence.start))  # fmt: skip
    snappers = [GraphemeSnapper(text) for _article_id, text in articles]
    return [
        _candidate(
            (articles[owners[first]][0], views[first], snappers[owners[first]]),
            (articles[owners[second]][0], views[second], snappers[owners[second]]),
            score,
            found,
        )
        for score, first, second, found in (scored if top is None else scored[:top])
    ]


def _score(similarity: float, found: list[Difference]) -> float:
    """How sure the differences are, times how alike the sentences are (never zero)."""
    remaining = 1.0
    for item in found:
        remaining *= 1.0 - item.weight
    return round((1.0 - remaining) * (0.3 + 0.7 * similarity), 4)


def _views(text: str, sentences: list[AnalysedSentence]) -> list[View]:
    """Prose sentences, each with its speaker: a name beside a cue, or the last person named."""
    views: list[View] = []
    last_person: Fact | None = None
    for sentence in sentences:
        if sentence.heading or _is_question(sentence.sentence.text):
            continue
        speaker = _speaker(sentence) or last_person
        views.append(make_view(text, sentence, speaker))
        people = sentence.of_kind("person")
        if people:
            last_person = people[-1]
    return views


def _is_question(text: str) -> bool:
    """A question asserts nothing that could contradict another article."""
    return text.rstrip("\"'”’»)] ").endswith("?")


def _speaker(sentence: AnalysedSentence) -> Fact | None:
    """The name nearest a speech cue, both outside the quotation marks."""
    quotes = sentence.of_kind("quote")  # in reading order, never overlapping
    quote_starts = [quote.start for quote in quotes]

    def quoted(position: int) -> bool:
        index = bisect_right(quote_starts, position) - 1
        return index >= 0 and position < quotes[index].end

    cues = [cue for cue in sentence.of_kind("cue") if not quoted(cue.start)]
    if not cues:
        return None
    outside = [name for name in sentence.of_kind("person", "entity") if not quoted(name.start)]
    if not outside:
        return None
    starts = [cue.start for cue in cues]

    def distance(name: Fact) -> int:
        index = bisect_left(starts, name.start)
        near = starts[max(0, index - 1) : index + 1]
        return min(abs(name.start - start) for start in near)

    return min(outside, key=distance)


def _candidate(
    a_side: tuple[str, View, GraphemeSnapper],
    b_side: tuple[str, View, GraphemeSnapper],
    score: float,
    found: list[Difference],
) -> Contradiction:
    (a_id, a, a_snapper), (b_id, b, b_snapper) = a_side, b_side
    sa, sb = a.sentence.sentence, b.sentence.sentence
    ordered = sorted(found, key=lambda item: -item.weight)
    return Contradiction(
        a=Side(a_id, sa.start, sa.end, sa.text),
        b=Side(b_id, sb.start, sb.end, sb.text),
        score=score,
        reasons=tuple(dict.fromkeys(item.reason for item in ordered)),
        a_words=_merge(a.text, a_snapper, (span for item in ordered for span in item.a_spans)),
        b_words=_merge(b.text, b_snapper, (span for item in ordered for span in item.b_spans)),
    )


def _merge(
    text: str, snapper: GraphemeSnapper, spans: Iterable[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Distinct spans in order, each on word and grapheme boundaries (rules match characters)."""
    tidy = (tidy_span(text, start, end, snapper) for start, end in set(spans))
    return tuple(sorted(span for span in tidy if span is not None))
