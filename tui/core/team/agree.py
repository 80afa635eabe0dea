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
from .agree_metrics import (
    OVERALL,
    Span,
    confusion,
    exact_matches,
    kappas,
    overlap_matches,
)


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
