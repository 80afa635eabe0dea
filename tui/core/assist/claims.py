"""Suggested claims: sentences that state something a fact-checker could check.

Each kind of evidence (a number, a date, a named actor doing something, an
attribution) adds weight; hedges ("could", "appear") and questions take it
away. Only sentences past a threshold are suggested, so the list stays short
enough to read: an analyst who sees noise stops reading suggestions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .analysis import AnalysedSentence, analyse
from .facts import Fact
from .lexicon import OPINION_WORDS, STOPWORDS

THRESHOLD = 0.6
SOFT = 0.9  # what names, attributions and quotes alone can bring to a sentence's score
MAX_REASONS = 6  # numbers and times listed per sentence: enough to say why

# How much one fact of a kind says that a sentence is checkable (0..1).
_WEIGHTS = {
    "money": 0.95, "percent": 0.95, "number": 0.85, "duration": 0.8, "date": 0.8,
    "weekday": 0.6, "relative": 0.3, "ordinal": 0.25, "comparative": 0.35,
}  # fmt: skip
_REASON_NAMES = {"relative": "time", "cue": "attribution", "entity": "name", "person": "person"}
_ACTION_VERBS = frozenset(
    """is are was were has have had met sat took made gave held went came led ran won
    lost left hit struck killed fled began fell rose sent saw set put paid cut spent kept""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class ClaimSuggestion:
    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...]  # e.g. "number: 12-day", "date: June"
    label: str = "claim"


def suggest_claims(text: str) -> list[ClaimSuggestion]:
    """The sentences of ``text`` worth checking, in reading order."""
    return [item for item in score_sentences(text) if item.score >= THRESHOLD]


def score_sentences(text: str) -> list[ClaimSuggestion]:
    """Every prose sentence with its claim score, suggested or not (for ranking and tests)."""
    return [_score(text, item) for item in analyse(text) if not item.heading]


def _score(text: str, analysed: AnalysedSentence) -> ClaimSuggestion:
    sentence = analysed.sentence
    hard: list[tuple[float, str]] = []  # numbers and times: checkable however they are worded
    soft: list[tuple[float, str]] = []  # names, attributions, quotes: weaker when hedged
    reach = -1  # facts come in reading order: one overlaps a kept one if it starts before this
    for item in analysed.facts:
        if item.kind in _WEIGHTS and item.start >= reach and len(hard) < MAX_REASONS:
            reach = item.end
            weight = 0.1 if "definite" in item.detail else _WEIGHTS[item.kind]  # "the two sides"
            hard.append((weight, _reason(item)))
    named = analysed.of_kind("person", "entity")
    if named:
        acting = _has_action(text, analysed)
        people = [item for item in named if item.kind == "person"]
        titled = any(item.detail[0] for item in people)
        weight = (0.55 if titled else 0.5 if people else 0.3) if acting else 0.15
        entities = [item for item in named if item.kind == "entity"]
        for item in (*people, *entities)[:2]:
            soft.append((weight, _reason(item)))
            weight *= 0.6  # a second name adds less than the first
    cues = analysed.of_kind("cue")
    if cues:
        soft.append((0.3, _reason(cues[0])))
    quotes = analysed.of_kind("quote")
    if quotes:
        soft.append((0.2, f"quote: {_short(quotes[0].text)}"))
    penalties: list[str] = []
    hedging = 1.0
    for word in sorted({item.text.lower() for item in analysed.of_kind("hedge")})[:2]:
        hedging *= 0.75
        penalties.append(f"hedge: {word}")
    spans = analysed.words
    opinion = sorted({text[b:e].lower() for b, e in spans} & OPINION_WORDS)
    for word in opinion[:2]:
        hedging *= 0.8
        penalties.append(f"opinion: {word}")
    quoted = sum(item.end - item.start for item in quotes)
    if quoted > 0.5 * (sentence.end - sentence.start):
        hedging *= 0.7  # mostly someone's words: a quote to tag, a claim only with facts inside
        penalties.append("mostly quoted")
    # Who said or did something is checkable, but less plainly than a number or a date.
    score = 1.0 - _remaining(hard) * (1.0 - (1.0 - _remaining(soft)) * hedging * SOFT)
    if sentence.text.rstrip("\"'”’»)] ").endswith("?"):
        score = 0.0
        penalties.append("question")
    if len(spans) < 6:
        score *= 0.6
        penalties.append("short")
    found = tuple(reason for _weight, reason in (*hard, *soft))
    reasons = tuple(dict.fromkeys(found)) + tuple(penalties)
    return ClaimSuggestion(sentence.start, sentence.end, sentence.text, round(score, 3), reasons)


def _remaining(evidence: list[tuple[float, str]]) -> float:
    """The chance that none of the evidence makes the sentence checkable."""
    remaining = 1.0
    for weight, _reason_text in evidence:
        remaining *= 1.0 - weight
    return remaining


def _reason(item: Fact) -> str:
    return f"{_REASON_NAMES.get(item.kind, item.kind)}: {_short(item.text)}"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _has_action(text: str, analysed: AnalysedSentence) -> bool:
    """A verb beside the names: a speech cue, a past tense, or a frequent irregular verb."""
    if analysed.of_kind("cue"):
        return True
    for begin, finish in analysed.words:
        word = text[begin:finish]
        if not word.islower() or (word in STOPWORDS and word not in _ACTION_VERBS):
            continue
        if word in _ACTION_VERBS or re.fullmatch(r"\w{3,}ed", word):
            return True
    return False
