"""``newsmark agree``: how far analysts agree, pair by pair, per label and overall.

For each pair of annotators, on the articles both annotated (each has at least
one live annotation there, of any label):

- **Span precision / recall / F1**, first annotator of the pair as reference:
  *exact* (same start, end and label) and *overlap* (same label, overlapping by at
  least half of the shorter span). Matching is one to one (a maximum matching:
  a span counts once however many it overlaps). "Overall" pools all labels, so a
  span must match in label too (micro average).
- **Cohen's kappa over characters**: every character of those articles gets, for
  each annotator, the label of the span covering it or ``none``. A character
  that one annotator covered with spans of *several* labels gets the combined
  category (``claim+quote``); covered twice with one label, it is that label.
  Per label, kappa is over two categories: covered by that label or not (so
  overlaps need no rule there). Kappa is ``None`` when chance agreement is 1
  (both annotators used one single category throughout: nothing to measure).

Orphaned annotations are left out: they have no place in the text.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from ..store import Store

OVERALL = "(all)"
NONE = "none"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Scores:
    """Span agreement of a pair: ``matched`` of ``first`` (reference) and ``second``."""

    matched: int
    first: int
    second: int

    @property
    def precision(self) -> float | None:
        return self.matched / self.second if self.second else None

    @property
    def recall(self) -> float | None:
        return self.matched / self.first if self.first else None

    @property
    def f1(self) -> float | None:
        total = self.first + self.second
        return 2 * self.matched / total if total else None

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            self.matched + other.matched, self.first + other.first, self.second + other.second
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "first": self.first,
            "second": self.second,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


NO_SPANS = Scores(0, 0, 0)


@dataclass(frozen=True)
class LabelAgreement:
    label: str  # a label, or OVERALL
    exact: Scores
    overlap: Scores
    kappa: float | None

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "exact": self.exact.as_json(),
            "overlap": self.overlap.as_json(),
            "kappa": self.kappa,
        }


@dataclass(frozen=True)
class PairAgreement:
    first: str
    second: str
    articles: tuple[str, ...]
    characters: int
    labels: tuple[LabelAgreement, ...]  # one per label, then OVERALL

    def get(self, label: str) -> LabelAgreement:
        return next(item for item in self.labels if item.label == label)

    def as_json(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "second": self.second,
            "articles": list(self.articles),
            "characters": self.characters,
            "labels": [item.as_json() for item in self.labels],
        }


@dataclass(frozen=True)
class MeanAgreement:
    """Means over the pairs that had something to measure (``pairs`` of them)."""

    label: str
    pairs: int
    exact_f1: float | None
    overlap_f1: float | None
    kappa: float | None

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class AnnotatorCounts:
    annotator: str
    articles: int
    spans: dict[str, int] = field(default_factory=dict)  # per label

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Agreement:
    annotators: tuple[str, ...]
    labels: tuple[str, ...]
    pairs: tuple[PairAgreement, ...]
    means: tuple[MeanAgreement, ...]
    counts: tuple[AnnotatorCounts, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "annotators": list(self.annotators),
            "labels": list(self.labels),
            "pairs": [pair.as_json() for pair in self.pairs],
            "means": [mean.as_json() for mean in self.means],
            "counts": [count.as_json() for count in self.counts],
        }


# -- span matching ---------------------------------------------------------------


def overlaps_enough(a: Span, b: Span) -> bool:
    """Same label, and the overlap is at least half of the shorter span."""
    overlap = min(a.end, b.end) - max(a.start, b.start)
    return (
        a.label == b.label and overlap > 0 and 2 * overlap >= min(a.end - a.start, b.end - b.start)
    )


def exact_matches(first: Sequence[Span], second: Sequence[Span]) -> int:
    """One to one: a span said twice by one annotator matches at most twice."""
    return sum((Counter(first) & Counter(second)).values())


def overlap_matches(first: Sequence[Span], second: Sequence[Span]) -> int:
    """Size of a maximum one-to-one matching of spans that overlap enough (Kuhn's
    augmenting paths; candidates tried in order of overlap, largest first)."""
    ordered = sorted(second)
    candidates: list[list[int]] = []
    for span in first:
        near = [j for j, other in enumerate(ordered) if overlaps_enough(span, other)]
        near.sort(
            key=lambda j: -(min(span.end, ordered[j].end) - max(span.start, ordered[j].start))
        )
        candidates.append(near)
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return sum(augment(i, set()) for i in range(len(first)) if candidates[i])


# -- characters --------------------------------------------------------------------


def segments(spans: Iterable[Span], length: int) -> list[tuple[int, int, frozenset[str]]]:
    """``[0, length)`` cut where the set of labels covering a character changes."""
    events: dict[int, Counter[str]] = defaultdict(Counter)
    for span in spans:
        start, end = max(0, span.start), min(length, span.end)
        if start < end:
            events[start][span.label] += 1
            events[end][span.label] -= 1
    cuts = sorted({0, length, *events})
    active: Counter[str] = Counter()
    result = []
    for start, end in itertools.pairwise(cuts):
        active.update(events.get(start, Counter()))
        if end > start:
            result.append((start, end, frozenset(label for label, n in active.items() if n > 0)))
    return result


def confusion(
    first: Iterable[Span], second: Iterable[Span], length: int
) -> Counter[tuple[frozenset[str], frozenset[str]]]:
    """Characters of one article by (first's labels, second's labels)."""
    a, b = segments(first, length), segments(second, length)
    counts: Counter[tuple[frozenset[str], frozenset[str]]] = Counter()
    i = j = 0
    position = 0
    while i < len(a) and j < len(b):
        end = min(a[i][1], b[j][1])
        counts[(a[i][2], b[j][2])] += end - position
        position = end
        if a[i][1] == end:
            i += 1
        if b[j][1] == end:
            j += 1
    return counts


def category(labels: frozenset[str]) -> str:
    return "+".join(sorted(labels)) or NONE


def kappa(pairs: Counter[tuple[str, str]]) -> float | None:
    """Cohen's kappa from counts of (first's category, second's category)."""
    total = sum(pairs.values())
    if not total:
        return None
    observed = sum(n for (x, y), n in pairs.items() if x == y) / total
    first: Counter[str] = Counter()
    second: Counter[str] = Counter()
    for (x, y), n in pairs.items():
        first[x] += n
        second[y] += n
    expected = sum(first[c] * second[c] for c in first) / (total * total)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def kappas(
    matrix: Counter[tuple[frozenset[str], frozenset[str]]], labels: Sequence[str]
) -> dict[str, float | None]:
    """Per label (covered or not) and overall (categories, combined when overlapping)."""
    result: dict[str, float | None] = {}
    for label in labels:
        binary: Counter[tuple[str, str]] = Counter()
        for (x, y), n in matrix.items():
            binary[(str(label in x), str(label in y))] += n
        result[label] = kappa(binary)
    overall: Counter[tuple[str, str]] = Counter()
    for (x, y), n in matrix.items():
        overall[(category(x), category(y))] += n
    result[OVERALL] = kappa(overall)
    return result


# -- the report ----------------------------------------------------------------------


def pair_agreement(
    first: str,
    second: str,
    spans: dict[tuple[str, str], list[Span]],
    lengths: dict[str, int],
    articles: Sequence[str],
    labels: Sequence[str],
) -> PairAgreement:
    """``spans[(annotator, article)]``; ``articles`` are those both annotated."""
    exact: dict[str, Scores] = defaultdict(lambda: NO_SPANS)
    overlap: dict[str, Scores] = defaultdict(lambda: NO_SPANS)
    matrix: Counter[tuple[frozenset[str], frozenset[str]]] = Counter()
    for article in articles:
        mine, theirs = spans.get((first, article), []), spans.get((second, article), [])
        for label in labels:
            a = [span for span in mine if span.label == label]
            b = [span for span in theirs if span.label == label]
            exact[label] += Scores(exact_matches(a, b), len(a), len(b))
            overlap[label] += Scores(overlap_matches(a, b), len(a), len(b))
        matrix.update(confusion(mine, theirs, lengths[article]))
    by_label = kappas(matrix, labels)
    items = [
        LabelAgreement(label, exact[label], overlap[label], by_label[label]) for label in labels
    ]
    items.append(
        LabelAgreement(
            OVERALL,
            sum((exact[label] for label in labels), NO_SPANS),
            sum((overlap[label] for label in labels), NO_SPANS),
            by_label[OVERALL],
        )
    )
    return PairAgreement(
        first, second, tuple(articles), sum(lengths[a] for a in articles), tuple(items)
    )


def _mean(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return fmean(present) if present else None


def means(pairs: Sequence[PairAgreement], labels: Sequence[str]) -> tuple[MeanAgreement, ...]:
    result = []
    for label in (*labels, OVERALL):
        items = [pair.get(label) for pair in pairs if pair.articles]
        result.append(
            MeanAgreement(
                label,
                sum(1 for item in items if item.exact.f1 is not None or item.kappa is not None),
                _mean(item.exact.f1 for item in items),
                _mean(item.overlap.f1 for item in items),
                _mean(item.kappa for item in items),
            )
        )
    return tuple(result)


def measure(
    spans: dict[tuple[str, str], list[Span]],
    lengths: dict[str, int],
    annotators: Sequence[str],
    labels: Sequence[str],
    annotated: dict[str, set[str]],
) -> Agreement:
    """The whole report from plain data: ``annotated[annotator]`` = articles annotated."""
    pairs = tuple(
        pair_agreement(
            a,
            b,
            spans,
            lengths,
            sorted(annotated.get(a, set()) & annotated.get(b, set())),
            labels,
        )
        for a, b in itertools.combinations(annotators, 2)
    )
    counts = []
    for annotator in annotators:
        per_label: Counter[str] = Counter()
        for article in annotated.get(annotator, ()):
            per_label.update(span.label for span in spans.get((annotator, article), []))
        counts.append(
            AnnotatorCounts(
                annotator,
                len(annotated.get(annotator, ())),
                {label: per_label[label] for label in labels},
            )
        )
    return Agreement(tuple(annotators), tuple(labels), pairs, means(pairs, labels), tuple(counts))


def agreement(
    store: Store,
    *,
    annotators: Sequence[str] = (),
    article_ids: Sequence[str] = (),
    labels: Sequence[str] = (),
) -> Agreement:
    """Agreement in a database: every annotator, article and label unless narrowed."""
    wanted_labels = list(labels) or store.labels()
    spans: dict[tuple[str, str], list[Span]] = defaultdict(list)
    annotated: dict[str, set[str]] = defaultdict(set)
    used_labels: set[str] = set()
    for annotation in store.annotations(article_ids=article_ids):
        if annotation.orphaned or (annotators and annotation.annotator not in annotators):
            continue
        annotated[annotation.annotator].add(annotation.article_id)
        if annotation.label in wanted_labels:
            used_labels.add(annotation.label)
            key = (annotation.annotator, annotation.article_id)
            spans[key].append(Span(annotation.start, annotation.end, annotation.label))
    if not labels:  # every label in use, in the store's order
        wanted_labels = [label for label in wanted_labels if label in used_labels]
    who = list(annotators) or sorted(annotated)
    lengths = {summary.id: summary.length for summary in store.articles()}
    return measure(spans, lengths, who, wanted_labels, annotated)
