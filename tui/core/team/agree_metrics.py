"""The measures behind ``newsmark agree``: one-to-one span matching and Cohen's kappa
over characters (see ``agree`` for the definitions)."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

OVERALL = "(all)"
NONE = "none"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    label: str


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
