"""Numbers, money, percentages, durations, dates and weekdays, with values that compare.

"eight months", "8-month" and "eight turbulent months" all become a duration
of about 243 days; "for years" becomes two to twelve years. Two articles then
disagree when the ranges do not meet, however each one writes them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from .facts import Fact, fact, lemma
from .lexicon import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FUTURE_MARKERS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    PAST_MARKERS,
    RELATIVE_DAYS,
    SCALES,
    STOPWORDS,
    TIME_UNITS,
    VAGUE_COUNTS,
    VAGUE_OPEN_ENDED,
    WEEKDAYS,
)

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_ATOM = rf"(?:{_DIGITS}|(?:{_NUMBER_WORD})\b)"
_NUMBER = re.compile(
    rf"(?<![\w.,\-−$€£¥₹])(?<!\w-){_ATOM}(?:(?:\s+and\s+|-|\s+)(?:{_NUMBER_WORD})\b)*(?![\w])",
    re.IGNORECASE,
)
_AFTER = re.compile(r"(?:-|\s+)?(%|[^\W\d_]+)(?:\s+([^\W\d_]+))?(?:\s+([^\W\d_]+))?")
_MONEY = re.compile(
    rf"([$€£¥₹])\s?({_DIGITS})(?:\s?(million|billion|trillion|bn|m|k)\b)?", re.IGNORECASE
)
_TIME_WORD = "|".join(
    sorted({*(unit + "s" for unit in TIME_UNITS), "centuries"} - {"centurys"}, key=len)
)
_VAGUE = re.compile(
    rf"\b(?:(a few|few|several|many|recent|past)\s+)?({_TIME_WORD})\b", re.IGNORECASE
)
_VAGUE_BEFORE = {"for", "in", "after", "over", "within", "throughout", "during", "took", "spanning"}
_VAGUE_AFTER = {"of", "ago", "later", "earlier", "long"}
_ONE_UNIT = re.compile(
    r"\b(?:for|in|after|over|within|nearly|almost|about|than)\s+(?:a|an)\s+("
    + "|".join(TIME_UNITS)
    + r")\b",
    re.IGNORECASE,
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?((?:{_MONTH_NAMES})\b\.?)"
    rf"(?:\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:,?\s+(\d{{4}})\b)?",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY = re.compile(
    r"\b(?:(next|last|this|previous|coming|following|upcoming|on)\s+)?("
    + "|".join(day.capitalize() for day in WEEKDAYS)
    + r")(?:['’]s)?\b(?!s)"
)
_RELATIVE = re.compile(
    r"\b(?:(today|yesterday|tomorrow|tonight)"
    r"|(last|next|this|coming|previous)\s+(week|weekend|month|year))\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(
    r"\b(" + "|".join(ORDINALS) + r"|\d+(?:st|nd|rd|th))\s+([^\W\d_]+)", re.IGNORECASE
)
# "May" is a month only with a date beside it or a preposition before it.
_MONTH_CONTEXT = frozenset(
    """in on since until by early late mid of last next this from through between during
    before after""".split()  # noqa: SIM905
)


# Cheap tests that let a sentence skip a costly pattern it cannot match.
_NUMBER_GATE = re.compile(r"\d|\b(?:" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")")
_MONTH_GATE = re.compile("|".join(sorted({name[:3] for name in MONTHS})))
_TIME_GATE = re.compile("|".join(unit[:5] for unit in TIME_UNITS))
_RELATIVE_GATE = re.compile(r"today|yesterday|tomorrow|tonight|last|next|this|coming|previous")
_ORDINAL_GATE = re.compile("|".join(ORDINALS) + r"|\d(?:st|nd|rd|th)")


def _lowered(text: str, start: int, end: int) -> str:
    return text[start:end].lower()


def parse_number(phrase: str) -> float:
    """The value of "twenty-five", "2,000", "1.5 million" or "two hundred and ten"."""
    total = 0.0
    current = 0.0
    for part in re.split(r"[\s-]+", phrase.lower()):
        if not part or part == "and":
            continue
        if part[0].isdigit():
            current += float(part.replace(",", ""))
        elif part in SCALES:
            scale = SCALES[part]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            current += NUMBER_WORDS.get(part, 0)
    return total + current


def singular(word: str) -> str:
    lowered = word.lower()
    if lowered in ("centuries",):
        return "century"
    if lowered.endswith("ies") and len(lowered) > 4:
        return lowered[:-3] + "y"
    if lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")) and len(lowered) > 3:
        return lowered[:-1]
    return lowered


def _is_time_unit(word: str) -> bool:
    return singular(word) in TIME_UNITS


def numbers(text: str, start: int, end: int) -> list[Fact]:
    """Every number with what it counts: a duration, money, a percentage, a year or a quantity."""
    found: list[Fact] = []
    if not _NUMBER_GATE.search(_lowered(text, start, end)):
        return found
    for match in _MONEY.finditer(text, start, end):
        value = float(match.group(2).replace(",", "")) * _scale(match.group(3))
        currency = CURRENCY_SYMBOLS[match.group(1)]
        found.append(fact(text, "money", match.start(), match.end(), currency, value, value))
    taken = Taken([(item.start, item.end) for item in found])
    for match in _NUMBER.finditer(text, start, end):
        if taken.overlaps(match.start(), match.end()):
            continue
        phrase = match.group()
        if phrase.lower() == "and":
            continue
        found.extend(_number_fact(text, match.start(), match.end(), end, parse_number(phrase)))
    return found


def _scale(word: str | None) -> float:
    if word is None:
        return 1.0
    lowered = word.lower()
    return float({"m": 1e6, "k": 1e3}.get(lowered, SCALES.get(lowered, 1)))


class Taken:
    """Spans already claimed by a fact, asked "does this one overlap?" in logarithmic time.

    A sentence of a hostile file may hold thousands of numbers; comparing each
    with every other would make its cost grow with the square of its length.
    """

    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        self._spans = sorted(spans or [])
        self._reach: list[int] = []  # the furthest end among the spans up to each one
        for _start, end in self._spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self._spans, (end, end))  # the spans that start before ``end``
        return index > 0 and self._reach[index - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none already taken (so the reach stays sorted)."""
        index = bisect_left(self._spans, (start, end))
        self._spans.insert(index, (start, end))
        self._reach.insert(index, end)


def _number_fact(text: str, start: int, end: int, limit: int, value: float) -> list[Fact]:
    phrase = text[start:end].lower()
    after = _AFTER.match(text, end, limit)
    first = after.group(1) if after else None
    second = after.group(2) if after else None
    if after is not None and first is not None:
        gap = text[end : after.start(1)]
        if gap not in ("", "-", " ") and not gap.isspace():
            first = second = None
    if first == "%" or (first and first.lower() in ("percent", "pct")):
        assert after is not None
        return [fact(text, "percent", start, after.end(1), "%", value, value)]
    if first and first.lower() == "percentage" and second and second.lower().startswith("point"):
        assert after is not None
        return [fact(text, "percent", start, after.end(2), "points", value, value)]
    if first and first.lower() == "per" and second and second.lower() == "cent":
        assert after is not None
        return [fact(text, "percent", start, after.end(2), "%", value, value)]
    if first and _is_time_unit(first):
        assert after is not None
        days = value * TIME_UNITS[singular(first)]
        return [fact(text, "duration", start, after.end(1), "time", days, days)]
    if (
        first
        and second
        and _is_time_unit(second)
        and first.islower()
        and first not in STOPWORDS
        and first.lower() not in NUMBER_WORDS
    ):
        assert after is not None
        days = value * TIME_UNITS[singular(second)]
        return [fact(text, "duration", start, after.end(2), "time", days, days)]
    if first and singular(first) in CURRENCY_WORDS:
        assert after is not None
        return [
            fact(text, "money", start, after.end(1), CURRENCY_WORDS[singular(first)], value, value)
        ]
    if phrase.isdigit() and len(phrase) == 4 and 1800 <= value <= 2100:
        return [fact(text, "date", start, end, "year", value, value, (phrase, "", ""))]
    if phrase == "one":
        return []  # "one of the", "no one": a pronoun far more often than a count
    if first and first.islower() and first not in STOPWORDS and first not in NUMBER_WORDS:
        assert after is not None
        definite = _definite(text, start, phrase)
        return [
            fact(
                text, "number", start, after.end(1), singular(first), value, value,
                ("definite",) if definite else (),
            )
        ]  # fmt: skip
    return [fact(text, "number", start, end, "", value, value)]


def _definite(text: str, start: int, phrase: str) -> bool:
    """ "the two sides", "both" + a small spelled number: a reference more than a count."""
    before = text[max(0, start - 5) : start].lower()
    return phrase in ("two", "three") and before.endswith(("the ", "all "))


def vague_durations(text: str, start: int, end: int, taken: Taken) -> list[Fact]:
    """Plural time words without a number: "for years", "after months of", "in recent weeks"."""
    found: list[Fact] = []
    if not _TIME_GATE.search(_lowered(text, start, end)):
        return found
    for match in _VAGUE.finditer(text, start, end):
        if taken.overlaps(match.start(), match.end()):
            continue
        quantifier = (match.group(1) or "").lower()
        before = re.findall(r"[\w’']+", text[max(start, match.start() - 24) : match.start()])
        after = re.match(r"[\s-]*([\w’']+)", text[match.end() : min(end, match.end() + 16)])
        previous = before[-1].lower() if before else ""
        following = after.group(1).lower() if after else ""
        if not (quantifier or previous in _VAGUE_BEFORE or following in _VAGUE_AFTER):
            continue
        if previous in ("the", "these", "those") and not quantifier:
            continue  # "the years of war": a reference, not a length
        unit = singular(match.group(2))
        low, high = VAGUE_COUNTS.get(quantifier, VAGUE_COUNTS[""])
        if not quantifier and unit in VAGUE_OPEN_ENDED:
            high = 40.0
        days = TIME_UNITS[unit]
        found.append(
            fact(
                text,
                "duration",
                match.start(),
                match.end(),
                "time",
                low * days,
                high * days,
                ("vague",),
            )
        )
    for match in _ONE_UNIT.finditer(text, start, end):
        span_start = match.start(1) - (2 if text[match.start(1) - 2] == "a" else 3)
        if taken.overlaps(span_start, match.end()):
            continue
        days = TIME_UNITS[match.group(1).lower()]
        found.append(fact(text, "duration", span_start, match.end(), "time", days, days))
    return found


def dates(text: str, start: int, end: int) -> list[Fact]:
    found: list[Fact] = []
    if not _MONTH_GATE.search(_lowered(text, start, end)):
        return _iso_dates(text, start, end)
    for match in _DATE.finditer(text, start, end):
        day_before, month_word, day_after, year = match.groups()
        month_clean = month_word.rstrip(".")
        if not month_clean[0].isupper():
            continue
        abbreviated = len(month_clean) <= 4 and month_clean.lower() not in ("may", "june", "july")
        has_number = bool(day_before or day_after or year)
        if abbreviated and not (month_word.endswith(".") or has_number):
            continue
        if month_clean.lower() in ("may", "march") and not has_number:
            words_before = re.findall(r"\w+", text[max(start, match.start() - 12) : match.start()])
            if not words_before or words_before[-1].lower() not in _MONTH_CONTEXT:
                continue
        month = str(MONTHS[month_clean.lower()])
        span_end = match.end() if has_number else match.start(2) + len(month_clean)
        found.append(
            fact(
                text, "date", match.start(), span_end, "date", 0.0, 0.0,
                (year or "", month, day_before or day_after or ""),
            )
        )  # fmt: skip
    return found + _iso_dates(text, start, end)


def _iso_dates(text: str, start: int, end: int) -> list[Fact]:
    found: list[Fact] = []
    if "-" not in text[start:end]:
        return found
    for match in _ISO_DATE.finditer(text, start, end):
        year, month, day = match.groups()
        found.append(
            fact(text, "date", match.start(), match.end(), "date", 0.0, 0.0,
                 (year, str(int(month)), str(int(day))))
        )  # fmt: skip
    return found


def weekdays(text: str, start: int, end: int) -> list[Fact]:
    found: list[Fact] = []
    if "day" not in text[start:end]:
        return found
    for match in _WEEKDAY.finditer(text, start, end):
        modifier = (match.group(1) or "").lower()
        tense = (
            "future" if modifier in FUTURE_MARKERS else "past" if modifier in PAST_MARKERS else ""
        )
        span_start = match.start() if tense else match.start(2)
        found.append(
            fact(
                text, "weekday", span_start, match.end(), tense, 0.0, 0.0, (match.group(2).lower(),)
            )
        )
    return found


def relative_times(text: str, start: int, end: int) -> list[Fact]:
    found: list[Fact] = []
    if not _RELATIVE_GATE.search(_lowered(text, start, end)):
        return found
    for match in _RELATIVE.finditer(text, start, end):
        if match.group(1):
            offset = RELATIVE_DAYS[match.group(1).lower()]
            tense = "future" if offset > 0 else "past" if offset < 0 else "present"
            detail: tuple[str, ...] = (match.group(1).lower(),)
        else:
            modifier = match.group(2).lower()
            tense = (
                "future"
                if modifier in FUTURE_MARKERS
                else "past"
                if modifier in PAST_MARKERS
                else "present"
            )
            detail = (modifier, match.group(3).lower())
        found.append(fact(text, "relative", match.start(), match.end(), tense, 0.0, 0.0, detail))
    return found


def ordinals(text: str, start: int, end: int) -> list[Fact]:
    """ "second round", "12th day": the noun after the ordinal says what is counted."""
    found: list[Fact] = []
    for match in _ORDINAL.finditer(text, start, end):
        word = match.group(1).lower()
        value = float(ORDINALS.get(word, 0) or int(re.sub(r"\D", "", word) or 0))
        noun = singular(match.group(2))
        if noun in STOPWORDS:
            continue
        found.append(fact(text, "ordinal", match.start(), match.end(), lemma(noun), value, value))
    return found


@lru_cache(maxsize=1)
def _kinds_in_order() -> tuple[str, ...]:
    return ("money", "percent", "duration", "date", "number", "weekday", "relative", "ordinal")


def quantities(text: str, start: int, end: int) -> list[Fact]:
    """All the number-and-time facts of ``text[start:end]``, without overlaps."""
    found = numbers(text, start, end)
    found += dates(text, start, end)
    found += vague_durations(text, start, end, Taken([(item.start, item.end) for item in found]))
    found += weekdays(text, start, end)
    found += relative_times(text, start, end)
    found += ordinals(text, start, end)
    order = _kinds_in_order()
    found.sort(key=lambda item: (order.index(item.kind), -(item.end - item.start)))
    kept: list[Fact] = []
    taken = Taken()
    for item in found:
        if not taken.overlaps(item.start, item.end):
            kept.append(item)
            taken.add(item.start, item.end)
    return sorted(kept, key=lambda item: item.start)
