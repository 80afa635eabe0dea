"""Which sentences of different articles speak about the same thing.

Sparse TF-IDF vectors and an inverted index find candidates without comparing
every sentence with every other: each posting list is cut to its strongest
entries, and a sentence reads the lists of its rarest terms first, within a
budget, so the work per sentence stays bounded however long the articles grow
(the cosine is exact for articles of ordinary length, and misses only what
the most frequent terms would add in very long ones). Candidates
are rescored with a rapidfuzz ratio, and each sentence keeps its few best
matches in every other article, not only the best one: the sentence that
disagrees is often not the closest.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.fuzz import ratio

from .facts import lemma
from .lexicon import NUMBER_WORDS, STOPWORDS

POSTINGS_CAP = 10  # entries kept per term and article: a frequent term says little about alignment
CANDIDATES = 8  # per sentence and other article, before exact rescoring
BUDGET = 64  # postings read per sentence: the cost of a sentence does not grow with the articles
REVERSE = 8  # per sentence and later article: who may learn of this sentence as a candidate
KEEP = 3  # per sentence and other article, after rescoring
MIN_SIMILARITY = 0.08


def terms(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """Content words of a sentence (its word ``spans``) as stems; spelled numbers as digits."""
    found: list[str] = []
    for begin, finish in spans:
        word = text[begin:finish].lower()
        if word in STOPWORDS:
            continue
        if word in NUMBER_WORDS and word != "one":
            found.append(str(NUMBER_WORDS[word]))
        else:
            found.append(lemma(word))
    return found


@dataclass(frozen=True)
class Match:
    first: int  # unit indexes, first < second
    second: int
    similarity: float


def _vectors(units: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    frequency = Counter(term for unit in units for term in set(unit))
    count = len(units)
    vectors: list[dict[str, float]] = []
    for unit in units:
        weights = {
            term: (1.0 + math.log(times)) * (math.log((count + 1) / (frequency[term] + 1)) + 1.0)
            for term, times in Counter(unit).items()
        }
        norm = math.sqrt(sum(weight * weight for weight in weights.values())) or 1.0
        vectors.append({term: weight / norm for term, weight in weights.items()})
    return vectors


Postings = dict[str, dict[int, list[tuple[float, int]]]]  # term -> article -> (weight, unit)


def _postings(vectors: list[dict[str, float]], articles: Sequence[int]) -> Postings:
    postings: Postings = defaultdict(lambda: defaultdict(list))
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term][articles[index]].append((weight, index))
    for by_article in postings.values():
        for article, entries in by_article.items():
            if len(entries) > POSTINGS_CAP:
                by_article[article] = heapq.nlargest(POSTINGS_CAP, entries)
    return postings


def align(articles: Sequence[int], units: Sequence[Sequence[str]]) -> list[Match]:
    """Matches between units (sentences) of different articles, ``articles[i]`` owning unit i.

    Each pair of articles is scored once, from the earlier article's side; a
    sentence of the later article learns its candidates from the sentences
    that ranked it among their best (``REVERSE`` of them per article).
    """
    vectors = _vectors(units)
    postings = _postings(vectors, articles)
    candidates: list[dict[int, list[tuple[float, int]]]] = [{} for _ in units]
    for index, vector in enumerate(vectors):
        own = articles[index]
        by_article: dict[int, dict[int, float]] = defaultdict(dict)
        budget = BUDGET
        for term, weight in sorted(vector.items(), key=_strongest_first):
            for owner, entries in postings[term].items():
                if owner <= own:
                    continue
                scores = by_article[owner]
                get = scores.get
                for other_weight, other in entries:
                    scores[other] = get(other, 0.0) + weight * other_weight
                budget -= len(entries)
            if budget <= 0:
                break  # the rarest terms are read; what is left is common and weighs little
        for owner, scores in by_article.items():
            best = heapq.nlargest(REVERSE, zip(scores.values(), scores.keys(), strict=True))
            candidates[index][owner] = best[:CANDIDATES]
            for score, other in best:
                _offer(candidates[other], own, score, index)
    return _rescored(units, candidates)


def _strongest_first(item: tuple[str, float]) -> float:
    return -item[1]


def _offer(
    heaps: dict[int, list[tuple[float, int]]], article: int, score: float, unit: int
) -> None:
    """Keep the ``CANDIDATES`` best-scoring units of ``article`` offered so far."""
    heap = heaps.setdefault(article, [])
    if len(heap) < CANDIDATES:
        heapq.heappush(heap, (score, unit))
    elif score > heap[0][0]:
        heapq.heapreplace(heap, (score, unit))


def _rescored(
    units: Sequence[Sequence[str]], candidates: list[dict[int, list[tuple[float, int]]]]
) -> list[Match]:
    """Cosine plus a rapidfuzz ratio; each unit keeps its ``KEEP`` best per other article."""
    sorted_terms = [" ".join(sorted(unit)) for unit in units]
    similarities: dict[tuple[int, int], float] = {}
    found: dict[tuple[int, int], float] = {}
    for index, per_article in enumerate(candidates):
        for best in per_article.values():
            rescored = []
            for score, other in best:
                key = (min(index, other), max(index, other))
                if key not in similarities:
                    fuzzy = ratio(sorted_terms[index], sorted_terms[other]) / 100.0
                    similarities[key] = 0.75 * score + 0.25 * fuzzy
                rescored.append((similarities[key], other))
            for similarity, other in heapq.nlargest(KEEP, rescored):
                if similarity >= MIN_SIMILARITY:
                    found[(min(index, other), max(index, other))] = similarity
    return [Match(first, second, similarity) for (first, second), similarity in found.items()]
