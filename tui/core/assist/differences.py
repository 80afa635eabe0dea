"""What two aligned sentences say differently: the rules behind a candidate contradiction.

Each rule returns ``Difference``s naming the words that differ, so that the
analyst sees why a pair was suggested and the reader can highlight them. A
difference counts only when both sides say something about the same slot:
a number that one article gives and the other omits is no contradiction.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from .analysis import AnalysedSentence
from .facts import Fact, lemma
from .lexicon import ANTONYMS, FUTURE_CUES, TITLE_WORDS, lemma_table

# How strongly each kind of difference suggests a contradiction, before context.
_QUANTITY_WEIGHTS = {
    "duration": 0.85, "money": 0.85, "percent": 0.85, "number": 0.8, "date": 0.8,
    "weekday": 0.75, "ordinal": 0.6,
}  # fmt: skip
# Rules compare facts pairwise: a "sentence" with more numbers or names than this is a
# table or an attack, and its first ones are enough to show a difference.
MAX_FACTS = 48
_GENERIC_TITLE_WORDS = {"special", "senior", "us", "vice", "deputy", "chief", "head", "state"}


@dataclass(frozen=True)
class Difference:
    weight: float
    reason: str
    a_spans: tuple[tuple[int, int], ...]
    b_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, eq=False)
class View:
    """One side of a pair: the sentence, who speaks in it, and what the rules look up.

    Built once per sentence by ``make_view``: a sentence meets several others.
    """

    text: str
    sentence: AnalysedSentence
    speaker: Fact | None
    lemmas: dict[str, tuple[int, int]]  # stem -> first word with it
    bases: dict[str, tuple[int, int]]  # antonym base form -> first word with it
    negated: frozenset[str]  # stems that a negation governs
    scheduled: tuple[Fact, ...]  # times that place an event ahead
    quantities: tuple[Fact, ...]  # numbers, dates, weekdays, durations
    people: tuple[Fact, ...]
    listed: dict[str, Fact]  # people named in an enumeration, by surname
    quotes: tuple[Fact, ...]  # quotations of three words or more


def make_view(text: str, sentence: AnalysedSentence, speaker: Fact | None) -> View:
    table, _pairs = _antonym_table()
    lemmas: dict[str, tuple[int, int]] = {}
    bases: dict[str, tuple[int, int]] = {}
    lowered: set[str] = set()
    for begin, finish in sentence.words:
        word = text[begin:finish]
        lemmas.setdefault(lemma(word), (begin, finish))
        lowered.add(word.lower())
        base = table.get(word.lower())
        if base is not None:
            bases.setdefault(base, (begin, finish))
    negated = frozenset(item.key for item in sentence.of_kind("negation") if item.key)
    people = tuple(sentence.of_kind("person")[:MAX_FACTS])
    return View(
        text=text,
        sentence=sentence,
        speaker=speaker,
        lemmas=lemmas,
        bases=bases,
        negated=negated,
        scheduled=tuple(_scheduled(sentence, lowered)),
        quantities=tuple(sentence.of_kind(*_QUANTITY_WEIGHTS)[:MAX_FACTS]),
        people=people,
        listed=_listed(text, people),
        quotes=tuple(item for item in sentence.of_kind("quote") if item.key.count(" ") >= 2)[
            :MAX_FACTS
        ],
    )


def differences(a: View, b: View) -> list[Difference]:
    found = list(_quantities(a, b))
    found += _names(a, b)
    found += _attendees(a, b)
    found += _negations(a, b)
    found += _antonyms(a, b)
    found += _speakers(a, b)
    found += _schedules(a, b)
    return found


def _span(item: Fact) -> tuple[tuple[int, int], ...]:
    return ((item.start, item.end),)


# -- numbers, quantities, dates, weekdays, durations -----------------------------------


def _comparable(one: Fact, other: Fact) -> bool:
    if one.kind != other.kind:
        return False
    if one.kind in ("number", "ordinal", "weekday", "percent", "money"):
        return one.key == other.key  # the counted noun, "%" or points, the currency
    if one.kind == "date":
        return any(x and y for x, y in zip(one.detail, other.detail, strict=False))
    return one.kind == "duration"


def _same(one: Fact, other: Fact) -> bool:
    if one.kind == "date":
        return all(not x or not y or x == y for x, y in zip(one.detail, other.detail, strict=False))
    if one.kind == "weekday":
        return one.detail == other.detail
    return _below(one.low, other.high) and _below(other.low, one.high)


def _below(low: float, high: float) -> bool:
    """``low <= high`` give or take 5% of each: "about 240 days" is eight months."""
    return low - 0.05 * abs(low) <= high + 0.05 * abs(high)


def _context(view: View, span: tuple[int, int], before: bool) -> list[str]:
    """Stems of the three words before ``span`` or the two after it, in its sentence."""
    spans = view.sentence.words
    if before:
        index = bisect_left(spans, (span[0], span[0]))
        found = spans[max(0, index - 3) : index]
    else:
        index = bisect_left(spans, (span[1], span[1]))
        found = spans[index : index + 2]
    return [lemma(view.text[b:e]) for b, e in found]


def _overlap(one: list[str], other: list[str]) -> float:
    if not one and not other:
        return 1.0
    return len(set(one) & set(other)) / max(len(one), len(other))


def context_match(a: View, span_a: tuple[int, int], b: View, span_b: tuple[int, int]) -> float:
    """How much the words around two spans agree (0..1): "first time in X" vs "first time in Y"."""
    before = _overlap(_context(a, span_a, True), _context(b, span_b, True))
    after = _overlap(_context(a, span_a, False), _context(b, span_b, False))
    return 0.7 * before + 0.3 * after


def _in_context(weight: float, context: float) -> float:
    """A difference in the same slot of both sentences counts; in unrelated slots, little."""
    return weight * (0.25 + 0.75 * context)


def _quantities(a: View, b: View) -> Iterator[Difference]:
    a_facts, b_facts = a.quantities, b.quantities
    a_open = [x for x in a_facts if not any(_comparable(x, y) and _same(x, y) for y in b_facts)]
    b_open = [y for y in b_facts if not any(_comparable(x, y) and _same(x, y) for x in a_facts)]
    used: set[int] = set()
    for fa in a_open:
        best: tuple[float, int, Fact] | None = None
        for index, fb in enumerate(b_open):
            if index in used or not _comparable(fa, fb):
                continue
            context = context_match(a, (fa.start, fa.end), b, (fb.start, fb.end))
            if fa.kind == "number" and not fa.key and context < 0.5:
                continue  # bare numbers need the same words around them
            if best is None or context > best[0]:
                best = (context, index, fb)
        if best is None:
            continue
        context, index, fb = best
        used.add(index)
        weight = _in_context(_QUANTITY_WEIGHTS[fa.kind], context)
        yield Difference(weight, f"{fa.kind}: {fa.text} vs {fb.text}", _span(fa), _span(fb))


# -- names, titles and who was there ----------------------------------------------------


def _full_name(item: Fact) -> str:
    return item.text


def _names(a: View, b: View) -> Iterator[Difference]:
    for fa in a.people:
        for fb in b.people:
            if fa.key != fb.key:
                continue
            given_a, given_b = _first_name(fa), _first_name(fb)
            if given_a and given_b and given_a != given_b and _variants(given_a, given_b):
                reason = f"name: {_full_name(fa)} vs {_full_name(fb)}"
                yield Difference(0.85, reason, _span(fa), _span(fb))
            roles_a = _roles(fa.detail[0])
            roles_b = _roles(fb.detail[0])
            if roles_a and roles_b and not (roles_a <= roles_b or roles_b <= roles_a):
                reason = f"title: {fa.detail[0]} {fa.text} vs {fb.detail[0]} {fb.text}"
                yield Difference(0.5, reason, _span(fa), _span(fb))


def _first_name(item: Fact) -> str:
    """The given name beside the surname ("Libertarian Gary Johnson" -> "gary")."""
    given = item.detail[1].split()
    return given[-1] if given else ""


def _variants(one: str, other: str) -> bool:
    """Two spellings of one first name (Steve/Steven, Mohammad/Mohammed), not two people."""
    return one.startswith(other) or other.startswith(one) or ratio(one, other) >= 75


def _roles(title: str) -> frozenset[str]:
    return frozenset(
        word.replace("adviser", "advisor")
        for word in title.split()
        if word in TITLE_WORDS and word not in _GENERIC_TITLE_WORDS
    )


def _listed(text: str, found: tuple[Fact, ...]) -> dict[str, Fact]:
    """People the sentence lists as actors: "attended by A, B and C" (keyed by surname).

    Only an enumeration counts (names joined by a comma or "and", a title or
    two between them), and a possessive name ("Trump’s envoy") is a modifier.
    """
    people = [item for item in found if not item.detail[3]]
    best: list[Fact] = []
    chain: list[Fact] = []
    for item in people:
        if chain and _joins_a_list(text[chain[-1].end : item.start]):
            chain.append(item)
        else:
            chain = [item]
        if len(chain) > len(best):
            best = list(chain)
    return {item.key: item for item in best} if len(best) >= 2 else {}


def _joins_a_list(between: str) -> bool:
    joined = "," in between or " and " in f" {between} "
    return joined and len(between.split()) <= 7


def _attendees(a: View, b: View) -> Iterator[Difference]:
    people_a, people_b = a.listed, b.listed
    if not set(people_a) & set(people_b):
        return
    only_a = [people_a[key] for key in people_a if key not in people_b]
    only_b = [people_b[key] for key in people_b if key not in people_a]
    if not only_a and not only_b:
        return
    parts = []
    if only_a:
        parts.append(", ".join(item.text for item in only_a) + " only in a")
    if only_b:
        parts.append(", ".join(item.text for item in only_b) + " only in b")
    weight = 0.5 if only_a and only_b else 0.35
    yield Difference(
        weight,
        "people: " + "; ".join(parts),
        tuple((item.start, item.end) for item in only_a),
        tuple((item.start, item.end) for item in only_b),
    )


# -- negation, antonyms ------------------------------------------------------------------


def _negations(a: View, b: View) -> Iterator[Difference]:
    """ "did not agree" against "agreed": a verb negated on one side only, in the same slot."""
    for negated, plain, negated_is_a in ((a, b, True), (b, a, False)):
        for item in negated.sentence.of_kind("negation"):
            if "verbal" not in item.detail or item.key in plain.negated:
                continue
            if not item.key or item.key not in plain.lemmas:
                continue
            word_span = plain.lemmas[item.key]
            phrase_span = (item.start, negated.lemmas[item.key][1])
            word = plain.text[word_span[0] : word_span[1]]
            phrase = negated.text[phrase_span[0] : phrase_span[1]]
            if negated_is_a:
                context = context_match(a, phrase_span, b, word_span)
                reason = f"negation: {phrase} vs {word}"
                spans = ((phrase_span,), (word_span,))
            else:
                context = context_match(a, word_span, b, phrase_span)
                reason = f"negation: {word} vs {phrase}"
                spans = ((word_span,), (phrase_span,))
            yield Difference(_in_context(0.7, context), reason, *spans)


@lru_cache(maxsize=1)
def _antonym_table() -> tuple[dict[str, str], frozenset[tuple[str, str]]]:
    bases = {word for pair in ANTONYMS for word in pair}
    pairs = frozenset({*ANTONYMS, *((y, x) for x, y in ANTONYMS)})
    return lemma_table(bases), pairs


def _antonyms(a: View, b: View) -> Iterator[Difference]:
    _table, pairs = _antonym_table()
    bases_a, bases_b = a.bases, b.bases
    for base_a, span_a in bases_a.items():
        for base_b, span_b in bases_b.items():
            if (base_a, base_b) not in pairs or base_b in bases_a or base_a in bases_b:
                continue
            word_a = a.text[span_a[0] : span_a[1]]
            word_b = b.text[span_b[0] : span_b[1]]
            weight = _in_context(0.7, context_match(a, span_a, b, span_b))
            yield Difference(weight, f"antonym: {word_a} vs {word_b}", (span_a,), (span_b,))


# -- quotes and speakers ------------------------------------------------------------------


def _speakers(a: View, b: View) -> Iterator[Difference]:
    if a.speaker is None or b.speaker is None or a.speaker.key == b.speaker.key:
        return
    for qa in a.quotes:
        for qb in b.quotes:
            if ratio(qa.key, qb.key) >= 85:
                reason = f"speaker: {a.speaker.text} vs {b.speaker.text} for “{_short(qa.text)}”"
                yield Difference(0.85, reason, _span(a.speaker), _span(b.speaker))
                return


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- when the next step happens ----------------------------------------------------------


def _scheduled(sentence: AnalysedSentence, lowered: set[str]) -> list[Fact]:
    """Times that place an event ahead: "next Saturday", or a date beside "will"."""
    future = [x for x in sentence.of_kind("weekday", "relative") if x.key == "future"]
    if future:
        return future
    if lowered & FUTURE_CUES:
        return sentence.of_kind("date", "weekday")
    return []


def _schedules(a: View, b: View) -> Iterator[Difference]:
    for fixed, open_, fixed_is_a in ((a, b, True), (b, a, False)):
        times = fixed.scheduled
        pending = open_.sentence.of_kind("undecided")
        if not times or not pending or open_.scheduled:
            continue
        when = times[0]
        phrase = " … ".join(item.text for item in pending[:3])
        open_spans = tuple((item.start, item.end) for item in pending[:3])
        if fixed_is_a:
            reason = f"timing: {when.text} vs {phrase}"
            yield Difference(0.7, reason, _span(when), open_spans)
        else:
            reason = f"timing: {phrase} vs {when.text}"
            yield Difference(0.7, reason, open_spans, _span(when))
