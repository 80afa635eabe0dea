"""Who is speaking: the noun phrase next to a cue, and the name a pronoun points back to."""

from __future__ import annotations

from bisect import bisect_left

from tui.core.assist.cues import WORDS
from tui.core.assist.tokens import Token
from tui.core.assist.words import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    NAME_LINKS,
    NEGATIONS,
    PREPOSITIONS,
    RELATIVES,
    SUBJECT_PRONOUNS,
    TITLES,
    word_set,
)

_MAX_NP = 12
_NAME_SUFFIXES = word_set("jr sr")
_ONE_LEADS = word_set("no every any some")
_MAX_ASIDE = 40  # tokens of an appositive or a relative clause on a speaker
_APPOSITIVE_OPENERS = DETERMINERS | TITLES | word_set("a an who whose")
_NP_OPENERS = DETERMINERS - word_set("that which what whatever")  # "that Ruiz" is no NP
_TIMES = word_set(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    week month year morning afternoon evening night weekend"""
)
_TIME_LEADS = word_set("on last this next early late earlier later")
_CATENATIVES = word_set(  # verbs taking "to" and another verb; not "plan", "hope" (nouns too)
    """continue continues continued want wants wanted appear appears appeared seem seems
    seemed try tries tried decide decides decided refuse refuses refused begin begins began
    needs needed has have had going used ought likes liked hopes hoped plans planned intend
    intends intended expect expects expected declined able unable trying attempt attempts
    attempted attempting"""
)
_QUOTE_OPENERS = frozenset(["“", "\"", "‘", "«", "„", "``", "''"])  # what a speaker never holds
_JOINERS = frozenset([".", "-", "’s", "'s", "&"])  # inside a name: Mr. X, Smith-Jones
_STOP = PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | NEGATIONS | RELATIVES
# Quantifiers that stand for people on their own, as a subject: "Some believe", "all agreed".
QUANTIFIERS = word_set("some many most all both others few several")
_CLAUSE_LEADS = CONJUNCTIONS | word_set(
    "although though as because if since after before once unless until whereas"
)


def _ends_phrase(tokens: list[Token], k: int) -> bool:
    """Punctuation closing an appositive: a comma, a colon, a stop that is no abbreviation."""
    text = tokens[k].text
    if text in (",", ";", ":", "!", "?", "(", ")"):
        return True
    if text == ".":
        before = tokens[k - 1]
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        shortened = before.low in TITLES and len(before.text) <= 5  # "Gen.", "Sen."
        initial = len(before.text) == 1 and before.is_capitalised  # "John F. Doe"
        return not ((shortened or initial) and after is not None and after.is_capitalised)
    return False


def is_adverb(token: Token) -> bool:
    return token.low in ADVERBS or (token.low.endswith("ly") and len(token.low) > 4
                                   and token.text.islower())


def skip_back_modifiers(tokens: list[Token], i: int, floor: int) -> int:
    """Index just after the word before ``i`` once auxiliaries, adverbs and times are skipped
    ("has also said", "on Tuesday said", "this month warned")."""
    while i > floor:
        token = tokens[i - 1]
        if token.low in AUXILIARIES or token.low in NEGATIONS or is_adverb(token):
            i -= 1
        elif token.low in _TIMES or (len(token.text) == 4 and token.text.isdigit()):
            i -= 1
            if i > floor and (tokens[i - 1].low in _TIME_LEADS or (
                tokens[i - 1].low == "in" and token.text.isdigit()
            )):
                i -= 1  # "on Tuesday", "in 2001"
        elif token.low == "to" and i - 1 > floor and tokens[i - 2].low in _CATENATIVES:
            i -= 2  # "continues to insist", "appeared to suggest", "wants to say"
        else:
            break
    return i


def _name_start(tokens: list[Token], j: int, floor: int) -> int:
    """Start of the capitalised name ending at token ``j`` (titles and 'of the' links kept)."""
    start = j
    k = j - 1
    while k >= floor:
        token = tokens[k]
        if token.is_word and (token.is_capitalised or token.text[0].isdigit()):
            start = k
        elif token.text == "." and k > floor and (
            tokens[k - 1].low in TITLES or (len(tokens[k - 1].text) == 1
                                            and tokens[k - 1].is_capitalised)
        ):
            start = k - 1
            k -= 1
        elif token.text in _JOINERS - {"."} or (
            token.low in NAME_LINKS and k > floor and tokens[k - 1].is_capitalised
        ):
            pass
        else:
            break
        k -= 1
    return start


def _common_np_start(tokens: list[Token], j: int, floor: int) -> int:
    """Start of a common noun phrase ending at ``j``: back to its determiner, four words at most."""
    k = j
    while k - 1 >= floor and j - (k - 1) < 5:
        token = tokens[k - 1]
        if token.low in _NP_OPENERS:
            return k - 1
        if _plural_possessive(tokens, k - 1, floor):
            k -= 1  # "the tenants' union": the mark belongs to the word before
            continue
        if not token.is_word or token.low in _STOP or token.low in SUBJECT_PRONOUNS:
            break
        k -= 1
    return k


def _plural_possessive(tokens: list[Token], k: int, floor: int) -> bool:
    """The apostrophe of "tenants'" (a token of its own, glued to a word ending in s)."""
    mark = tokens[k]
    if mark.text not in ("'", "’") or k <= floor:
        return False
    word = tokens[k - 1]
    return word.end == mark.start and word.low.endswith("s") and word.is_word


def speaker_before(
    tokens: list[Token], i: int, floor: int, appositive: bool = True
) -> tuple[int, int] | None:
    """Token range of the subject ending just before ``i`` (auxiliaries and adverbs skipped)."""
    j = skip_back_modifiers(tokens, i, floor) - 1
    if j < floor:
        return None
    token = tokens[j]
    if token.text == "." and j > floor and tokens[j - 1].low in _NAME_SUFFIXES and (
        tokens[j - 1].end == token.start
    ):
        name = speaker_before(tokens, j, floor, appositive)
        return (name[0], j + 1) if name is not None else None  # "John Doe Jr. said"
    if token.text == ")":
        k = j - 1
        while k > floor and j - k < 10 and tokens[k].text != "(":
            k -= 1
        if k <= floor or tokens[k].text != "(":
            return None
        inner = speaker_before(tokens, k, floor, appositive=False)
        return (inner[0], j + 1) if inner else None
    if token.text == "," and appositive:
        k = j - 1
        while k > floor and j - k < 16 and tokens[k].text not in (",", ";", ":"):
            k -= 1
        if k <= floor or tokens[k].text != ",":
            return None
        between = tokens[k + 1:j]
        if between and between[0].is_word and all(
            t.is_capitalised or t.text == "." for t in between
        ):
            return k + 1, j  # "the firm's chief, Ana Ruiz, said"
        name = speaker_before(tokens, k, floor, appositive=False)
        if name is None or not any(t.is_capitalised for t in tokens[name[0]:name[1]]):
            return None
        if all(is_adverb(t) or t.low in CONJUNCTIONS for t in between):
            return name  # "Some residents, however, said"
        return name[0], j
    if token.low in ("which", "that") and j > floor and (
        tokens[j - 1].text in (",", "—", "--", "–")
        or (tokens[j - 1].is_word and tokens[j - 1].low not in _STOP)
    ):
        return j, j + 1  # "the ministry, which denied", "a group that intends": relatives
    if not token.is_word or token.low in _STOP - SUBJECT_PRONOUNS:
        return None
    if token.low in SUBJECT_PRONOUNS:
        return j, j + 1
    if token.low in QUANTIFIERS and (j == floor or not tokens[j - 1].is_word
                                      or tokens[j - 1].low in _CLAUSE_LEADS):
        return j, j + 1  # "Some believe ...", "To varying degrees, all agreed ..."
    if token.low in QUANTIFIERS and tokens[j - 1].is_word:
        group = speaker_before(tokens, j, floor, appositive=False)
        if group is not None and tokens[group[0]].low not in QUANTIFIERS:
            return group[0], j + 1  # "Sens. Ruiz and Berg all suggested ..."
    if token.low == "one" and j > floor and tokens[j - 1].low in _ONE_LEADS:
        return j - 1, j + 1  # "No one expected", "every one of them"
    if token.low in DETERMINERS:
        return None
    if token.is_capitalised or token.text[0].isdigit():
        start = _name_start(tokens, j, floor)
        while start < j and (tokens[start].low in _CLAUSE_LEADS or is_adverb(tokens[start])):
            start += 1  # "When Ruiz said", "But Ruiz said", "Later Ruiz said"
        if start > floor and tokens[start - 1].low in _NP_OPENERS:
            start -= 1
        elif start > floor and tokens[start - 1].is_word and tokens[start - 1].text.islower():
            start = _common_np_start(tokens, start, floor)
        return start, j + 1
    return _common_np_start(tokens, j, floor), j + 1


def speaker_after(tokens: list[Token], i: int, ceiling: int) -> tuple[int, int] | None:
    """Token range of a noun phrase starting at ``i`` ("said Mr. Smith, the mayor")."""
    if i >= ceiling:
        return None
    token = tokens[i]
    if token.low in SUBJECT_PRONOUNS and token.low != "who":
        return i, i + 1
    if not token.is_word or token.low in _STOP:
        return None
    k = i
    while k < ceiling and k - i < _MAX_NP:
        current = tokens[k]
        if current.low in WORDS and not current.is_capitalised and k > i:
            break  # "Mayor Ana Ruiz said": the name ends at the cue
        if (current.is_word and current.low not in _STOP - NAME_LINKS) or (
            current.text in _JOINERS and k > i
        ) or (_plural_possessive(tokens, k, i) and k + 1 < ceiling and tokens[k + 1].is_word):
            k += 1
        else:
            break
    while k > i and (tokens[k - 1].low in NAME_LINKS or tokens[k - 1].text in (".", "-")):
        if tokens[k - 1].text == "." and k - 2 >= i and tokens[k - 2].low in TITLES:
            break
        k -= 1
    if k == i:
        return None
    if k < ceiling and tokens[k].text == ",":  # "said Jane Doe, the mayor of X,"
        return i, appositive_end(tokens, k, ceiling)
    return i, k


def appositive_end(tokens: list[Token], comma: int, ceiling: int) -> int:
    """After a name, the end of its appositive or relative clause opening at ``comma``
    ("Jane Doe, the mayor of X", "Jane Doe, who ran the clinic"), else ``comma``."""
    if comma + 1 >= ceiling or tokens[comma].text != ",":
        return comma
    opener = tokens[comma + 1]
    if not (opener.low in _APPOSITIVE_OPENERS or opener.text.isdigit()):
        return comma
    end = comma + 1
    while end < ceiling and end - comma < _MAX_ASIDE and not _ends_phrase(tokens, end) and (
        tokens[end].text not in _QUOTE_OPENERS
    ):
        end += 1
    return end if end - comma > 1 else comma


def inverted_speaker(tokens: list[Token], i: int, ceiling: int) -> tuple[int, int] | None:
    """The speaker after the cue in '"...," said Jane Doe, the mayor.': a name or a short
    role phrase (never a pronoun), with its appositive."""
    if i >= ceiling:
        return None
    token = tokens[i]
    end = i + 1
    if token.low in SUBJECT_PRONOUNS or not token.is_word:
        return None
    if token.low in DETERMINERS:
        while (end < ceiling and end - i <= 6 and tokens[end].is_word
               and tokens[end].low not in _STOP and not tokens[end].low.endswith("ed")):
            end += 1
        if end == i + 1:
            return None
    elif token.is_capitalised:
        while end < ceiling and end - i < _MAX_NP:
            current = tokens[end]
            if (
                current.is_capitalised or current.low in ("'s", "-")
                or (current.text == "." and (tokens[end - 1].low in TITLES or (
                    len(tokens[end - 1].text) == 1 and tokens[end - 1].is_capitalised)))
                or (current.low in NAME_LINKS and end + 1 < ceiling
                    and tokens[end + 1].is_capitalised)
            ):
                end += 1
            else:
                break
    else:
        return None
    return i, appositive_end(tokens, end, ceiling)


def person_names(tokens: list[Token], quoted: list[bool]) -> list[tuple[int, int]]:
    """Token ranges that look like a person's name: a title and a name ("Mr. Berg",
    "Sen. Ruiz") or two or three capitalised words ("Jane Doe") not opening a sentence."""
    found: list[tuple[int, int]] = []
    k = 0
    count = len(tokens)
    while k < count:
        token = tokens[k]
        if quoted[k] or not (token.is_word and token.is_capitalised):
            k += 1
            continue
        end = k + 1
        while end < count and not quoted[end] and (
            tokens[end].is_capitalised or (tokens[end].text == "." and (
                tokens[end - 1].low in TITLES or len(tokens[end - 1].text) == 1))
        ):
            end += 1
        titled = token.low in TITLES and end - k >= 2
        opening = k == 0 or tokens[k - 1].text in (".", "!", "?", "\"", "“", ":")
        words = sum(1 for t in tokens[k:end] if t.is_word)
        if titled or (2 <= words <= 3 and not opening and token.low not in DETERMINERS):
            found.append((k, end))
        k = end
    return found


class NameIndex:
    """Names seen so far, so that "he said" can point at the person last named."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        """Record a name (in any order; a name already recorded at ``start`` is kept)."""
        k = bisect_left(self._starts, start)
        if k < len(self._starts) and self._starts[k] == start:
            return
        self._starts.insert(k, start)
        self._spans.insert(k, (start, end))

    def before(self, offset: int) -> tuple[int, int] | None:
        """The nearest name that ends before ``offset``."""
        k = bisect_left(self._starts, offset) - 1
        while k >= 0:
            if self._spans[k][1] <= offset:
                return self._spans[k]
            k -= 1
        return None
