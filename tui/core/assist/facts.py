"""What a sentence asserts that can be checked or compared, found by rules.

A ``Fact`` is a span of the text with a kind and a normalised value, so that
"eight months" and "8 months" compare equal and "eight months" and "years" do
not. Numbers and times live in ``quantities``, names in ``names``; this module
holds the small word-level cues: speech verbs, negations, hedges, quotations,
comparatives and words that leave an outcome open.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import (
    COMPARATIVE_PHRASES,
    HEDGES,
    NEGATIONS,
    NOUN_CUES,
    SPEECH_CUES,
    SPEECH_PHRASES,
    STOPWORDS,
    SUPERLATIVE_EXCEPTIONS,
    UNDECIDED,
    VERBAL_NEGATIONS,
    lemma_table,
)
from .sentences import words


@dataclass(frozen=True, slots=True)
class Fact:
    """One checkable element of a sentence.

    ``key`` says what two facts must share to be about the same thing (the
    counted noun of a quantity, the surname of a person); ``low``/``high`` hold
    a numeric value or range (durations in days); ``detail`` holds the parts
    that are compared (a date's year, month and day; a name's given name).
    """

    kind: str
    start: int
    end: int
    text: str
    key: str = ""
    low: float = 0.0
    high: float = 0.0
    detail: tuple[str, ...] = ()


def fact(
    text: str,
    kind: str,
    start: int,
    end: int,
    key: str = "",
    low: float = 0.0,
    high: float = 0.0,
    detail: tuple[str, ...] = (),
) -> Fact:
    """A fact quoting ``text[start:end]``: the quote is taken, never typed."""
    return Fact(kind, start, end, text[start:end], key, low, high, detail)


@lru_cache(maxsize=1)
def _cue_lemmas() -> dict[str, str]:
    table = lemma_table(SPEECH_CUES)
    for noun in NOUN_CUES:
        table.pop(noun, None)
        table.pop(noun + "s", None)
    return table


@lru_cache(maxsize=65_536)
def lemma(word: str) -> str:
    """A crude stem shared by the forms of a word: approve, approved, approves -> approv."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("eed"):
        word = word[:-1]  # agreed -> agree
    elif len(word) > 4 and word.endswith(("ed", "es")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz" and word[-1].isalpha():
        word = word[:-1]  # stopped -> stop, planned -> plan
    return word


Spans = list[tuple[int, int]]  # the words of one sentence, from ``sentences.words``


def speech_cues(text: str, spans: Spans) -> list[Fact]:
    found: list[Fact] = []
    table = _cue_lemmas()
    start = spans[0][0] if spans else 0
    for begin, finish in spans:
        word = text[begin:finish]
        base = table.get(word.lower())
        if base is not None and (word.islower() or begin == start):
            found.append(fact(text, "cue", begin, finish, key=base))
    if spans:
        for match in _SPEECH_PHRASE.finditer(text, start, spans[-1][1]):
            found.append(fact(text, "cue", match.start(), match.end(), match.group().lower()))
    return found


def negations(text: str, spans: Spans) -> list[Fact]:
    """Each negation with the content word it governs (the next one within three words).

    Verbal negations ("not", "never", "didn't") carry ``detail == ("verbal",)``:
    only they turn a statement into its opposite; "no" and "without" qualify a noun.
    """
    found: list[Fact] = []
    for index, (begin, finish) in enumerate(spans):
        token = text[begin:finish].lower().replace("’", "'")
        if token not in NEGATIONS and not token.endswith("n't"):
            continue
        governed = ""
        for next_begin, next_finish in spans[index + 1 : index + 4]:
            candidate = text[next_begin:next_finish].lower()
            if candidate not in STOPWORDS and candidate not in {"be", "been"}:
                governed = lemma(candidate)
                break
        verbal = token in VERBAL_NEGATIONS or token.endswith("n't")
        found.append(fact(text, "negation", begin, finish, governed, detail=_VERBAL * verbal))
    return found


_VERBAL = ("verbal",)


def hedges(text: str, spans: Spans) -> list[Fact]:
    return [
        fact(text, "hedge", begin, finish, key=text[begin:finish])
        for begin, finish in spans
        if text[begin:finish] in HEDGES  # lower-case only: "May" is a month
    ]


def undecided(text: str, start: int, end: int) -> list[Fact]:
    """Words saying an outcome is still open ("will decide after consulting")."""
    if not _UNDECIDED_GATE.search(text[start:end].lower()):
        return []
    return [
        fact(text, "undecided", match.start(), match.end(), match.group(1).lower())
        for match in _UNDECIDED.finditer(text, start, end)
    ]


_COMPARATIVE = re.compile(
    r"\b(?:" + "|".join(re.escape(phrase) for phrase in COMPARATIVE_PHRASES) + r")\b"
    r"|\b\w+er than\b"
    r"|\b(?:the|its|their|his|her|our)\s+(?:most|least)\s+\w+"
    r"|\b(?:the|its|their|his|her|our)\s+\w{2,}est\b",
    re.IGNORECASE,
)


_COMPARATIVE_GATE = re.compile(
    "than|most|least|est|"
    + "|".join(re.escape(phrase.split()[-1]) for phrase in COMPARATIVE_PHRASES)
)


def comparatives(text: str, start: int, end: int) -> list[Fact]:
    found: list[Fact] = []
    if not _COMPARATIVE_GATE.search(text[start:end].lower()):
        return found
    for match in _COMPARATIVE.finditer(text, start, end):
        last = match.group().split()[-1].lower()
        if last in SUPERLATIVE_EXCEPTIONS:
            continue
        found.append(fact(text, "comparative", match.start(), match.end(), key=last))
    return found


_SPEECH_PHRASE = re.compile(
    r"\b(?:" + "|".join(re.escape(phrase) for phrase in SPEECH_PHRASES) + r")\b", re.IGNORECASE
)
_UNDECIDED_GATE = re.compile("|".join(re.escape(phrase[:5]) for phrase in UNDECIDED))
_UNDECIDED = re.compile(
    r"\b(" + "|".join(re.escape(phrase) for phrase in UNDECIDED) + r")\w*", re.IGNORECASE
)

# Opening mark -> closing marks. A straight quote closes itself; ’ is also an apostrophe,
# so single quotes only count when the opening one follows a space.
_QUOTE_GATE = re.compile('[“«„"‘‹「]')
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"', "‘": "’", "‹": "›", "「": "」"}


def quotations(text: str, start: int, end: int) -> list[Fact]:
    """Quoted passages inside ``text[start:end]``: the words between the marks."""
    found: list[Fact] = []
    unclosed: set[str] = set()  # marks with no closer left: later openers need not look again
    resume = start
    for opening in _QUOTE_GATE.finditer(text, start, end):
        position = opening.start()
        if position < resume:
            continue  # inside (or closing) the quotation just read
        char = text[position]
        closers = _QUOTE_PAIRS[char]
        if closers in unclosed or (char == "‘" and position > 0 and text[position - 1].isalnum()):
            continue
        close = _find_close(text, position + 1, end, closers)
        if close is None:
            unclosed.add(closers)
            continue
        resume = close + 1
        inner = words(text, position + 1, close)
        if inner:
            content_start, content_end = inner[0][0], inner[-1][1]
            key = " ".join(text[b:e].lower() for b, e in inner)
            found.append(fact(text, "quote", content_start, content_end, key=key))
    return found


@lru_cache(maxsize=16)
def _closer_pattern(closers: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(closers)}]")


def _find_close(text: str, start: int, end: int, closers: str) -> int | None:
    for match in _closer_pattern(closers).finditer(text, start, end):
        position = match.start()
        if text[position] == "’" and position + 1 < len(text) and text[position + 1].isalnum():
            continue  # an apostrophe: Iran’s
        return position
    return None
