"""Names of people, organisations and places: runs of capitalised words, titles split off.

"US Special Presidential Envoy Steven Witkoff" is the person "Steven Witkoff"
with the title "US Special Presidential Envoy". Without a tagger, a
capitalised word at the start of a sentence counts only when the article uses
it capitalised elsewhere too (or another capitalised word follows it), so
"However" and "Describing" are never names.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .facts import Fact, fact
from .lexicon import MONTHS, OPENERS, ORG_WORDS, STOPWORDS, TITLE_WORDS, WEEKDAYS

_CONNECTORS = {"of", "al", "bin", "bint", "ibn", "de", "la", "van", "von", "der", "du", "da", "el"}
_CALENDAR = frozenset((*WEEKDAYS, *MONTHS))
_OPENING_MARKS = "“\"‘'«„(•-–—:"


@dataclass(frozen=True)
class NameContext:
    """What the whole article says about capitalised words: sentence starts are ambiguous."""

    capitalised: frozenset[str]  # lower-cased words seen capitalised inside a sentence
    lowercase: frozenset[str]  # words seen lower-case anywhere


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isdigit()


def _is_sentence_start(text: str, sentence_start: int, position: int) -> bool:
    while position > sentence_start and text[position - 1].isspace():
        position -= 1
    return position == sentence_start or text[position - 1] in _OPENING_MARKS


def name_context(text: str, sentences: Iterable[tuple[int, list[tuple[int, int]]]]) -> NameContext:
    """From ``(sentence start, its words)`` of every prose sentence of an article."""
    capitalised: set[str] = set()
    lowercase: set[str] = set()
    for start, spans in sentences:
        for begin, finish in spans:
            word = _strip_possessive(text[begin:finish])
            if not _capitalised(word):
                lowercase.add(word)
            elif not _is_sentence_start(text, start, begin):
                capitalised.add(word.lower())
    return NameContext(frozenset(capitalised), frozenset(lowercase))


def with_known_surnames(facts: list[tuple[Fact, ...]]) -> list[tuple[Fact, ...]]:
    """A lone capitalised word is a person when the article gave it a first name or a title.

    "Araghchi told IRNA" is about the person the article introduced as
    "Foreign Minister Abbas Araghchi" a paragraph before.
    """
    surnames = {
        item.key
        for sentence in facts
        for item in sentence
        if item.kind == "person" and (item.detail[0] or item.detail[1])
    }
    return [tuple(_promoted(item, surnames) for item in sentence) for sentence in facts]


def _promoted(item: Fact, surnames: set[str]) -> Fact:
    if item.kind != "entity" or item.key not in surnames:
        return item
    possessive = item.detail[0] if item.detail else ""
    detail = ("", "", item.key, possessive)
    return Fact("person", item.start, item.end, item.text, item.key, 0.0, 0.0, detail)


def _runs(
    text: str, start: int, spans: list[tuple[int, int]], context: NameContext
) -> list[list[tuple[int, int]]]:
    """Runs of capitalised words joined by single spaces (a comma or "and" ends a run)."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for index, (begin, finish) in enumerate(spans):
        word = text[begin:finish]
        joined = bool(current) and text[current[-1][1] : begin] in (" ", "-")
        if _capitalised(word) and _counts_as_name(text, start, begin, word, spans, index, context):
            if current and not joined:
                runs.append(current)
                current = []
            current.append((begin, finish))
            if word != _strip_possessive(word):
                runs.append(current)  # "Oman’s Foreign Minister": the possessor ends a run
                current = []
            continue
        connector = word.lower() in _CONNECTORS and joined
        following = spans[index + 1] if index + 1 < len(spans) else None
        if connector and following and _capitalised(text[following[0] : following[1]]):
            current.append((begin, finish))
            continue
        if current:
            runs.append(_trim_connectors(text, current))
            current = []
    if current:
        runs.append(_trim_connectors(text, current))
    return [run for run in runs if run]


def _trim_connectors(text: str, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while run and text[run[-1][0] : run[-1][1]].lower() in _CONNECTORS:
        run = run[:-1]
    return run


def _counts_as_name(
    text: str,
    sentence_start: int,
    begin: int,
    word: str,
    spans: list[tuple[int, int]],
    index: int,
    context: NameContext,
) -> bool:
    bare = _strip_possessive(word)
    lowered = bare.lower()
    if len(bare) == 1 and not bare.isalpha():
        return False
    if bare == "I" or lowered in _CALENDAR:
        return False
    if not _is_sentence_start(text, sentence_start, begin):
        return lowered not in STOPWORDS or bare.isupper()
    if lowered in OPENERS or lowered in STOPWORDS:
        return False
    if lowered in context.capitalised and bare not in context.lowercase:
        return True
    following = spans[index + 1] if index + 1 < len(spans) else None
    if following is None or text[spans[index][1] : following[0]] != " ":
        return False
    next_word = _strip_possessive(text[following[0] : following[1]])
    return _capitalised(next_word) and next_word.lower() not in STOPWORDS


def _title_before(text: str, sentence_start: int, position: int) -> str:
    """A lower-case role just before a name: "police spokesperson Tom Reyes"."""
    before = text[max(sentence_start, position - 30) : position]
    if not before.endswith(" "):
        return ""
    previous = before.split()[-1:] if before.strip() else []
    return previous[0].lower() if previous and previous[0] in TITLE_WORDS else ""


def names(text: str, start: int, spans: list[tuple[int, int]], context: NameContext) -> list[Fact]:
    """Each run as a ``person`` or an ``entity`` (key: its words), or a bare ``role``.

    A person's detail is ``(title, given names, surname, "’s" when possessive)``.
    """
    found: list[Fact] = []
    for run in _runs(text, start, spans, context):
        tokens = [_strip_possessive(text[b:e]) for b, e in run]
        lowered = [token.lower() for token in tokens]
        last_title = max((i for i, word in enumerate(lowered) if word in TITLE_WORDS), default=-1)
        name_part = run[last_title + 1 :]
        title = " ".join(tokens[: last_title + 1]).lower() or _title_before(text, start, run[0][0])
        run_end = run[-1][0] + len(tokens[-1])
        possessive = "’s" if text[run[-1][0] : run[-1][1]] != tokens[-1] else ""
        if not name_part:
            found.append(fact(text, "role", run[0][0], run_end, title))
            continue
        name_tokens = lowered[last_title + 1 :]
        before = text[max(start, run[0][0] - 4) : run[0][0]].lower()
        is_org = any(word in ORG_WORDS for word in lowered) or before.endswith("the ")
        all_caps = all(token.isupper() for token in tokens[last_title + 1 :])
        name_start = name_part[0][0]
        surname = name_tokens[-1]
        person = not is_org and not all_caps and (last_title >= 0 or len(name_tokens) >= 2)
        if person:
            given = " ".join(name_tokens[:-1])
            found.append(
                fact(
                    text,
                    "person",
                    name_start,
                    run_end,
                    surname,
                    0.0,
                    0.0,
                    (title, given, surname, possessive),
                )
            )
        else:
            found.append(
                fact(text, "entity", run[0][0], run_end, " ".join(lowered), 0.0, 0.0, (possessive,))
            )
    return found
