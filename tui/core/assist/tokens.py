"""Words, punctuation and sentences of one paragraph, with offsets into the article.

The quote finder works on tokens rather than characters so that every span it
proposes starts and ends on a token, hence on a word boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from tui.core.assist.words import word_set

_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TOKEN = re.compile(
    rf"(?:[A-Za-z]\.){{2,}}"  # U.S., D.C.
    r"|\d+(?:[.,:]\d+)+"  # 14.5, 275,000, 10:30
    r"|(?i:[’'](?:d|ll|re|ve|m)\b)"  # he'd, we're: the pronoun stands alone
    rf"|(?:[\w{_MARKS}])+(?:(?:[’'](?!(?i:d|ll|re|ve|m)\b)|-)(?:[\w{_MARKS}])+)*"
    r"|''|``|--"
    r"|\S"
)

SENTENCE_END = frozenset(".!?…")
# Verbs that attribute a quotation right after it, in the forms news prose uses.
_SAYING = word_set(
    """said says asked asks added adds wrote writes told tells replied replies recalled
    recalls explained explains continued continues insisted insists noted notes warned
    warns tweeted tweets shouted shouts yelled yells exclaimed screamed chanted whispered
    muttered pleaded"""
)
CLOSERS = frozenset("\"'”’»›)]")
OPENERS = frozenset("\"“„«‹‘(['`")
_ABBREVIATIONS = word_set(
    """mr mrs ms dr prof sr jr st vs etc no gen gov sen rep lt col capt sgt adm maj cmdr inc
    ltd co corp rev pres supt det insp jan feb mar apr jun jul aug sep sept oct nov dec ft mt
    ave blvd al fig approx dept univ"""
)


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower case, curly apostrophe made straight: the form the word lists use

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()


_PRONOUN_IS = re.compile(r"(?i)(?:he|she|it|that|there|what|who|here|where)[’']s")


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text`` ("he's" is two)."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        if len(word) <= 7 and word[-1] in "sS" and _PRONOUN_IS.fullmatch(word):
            cut = m.end() - 2
            tokens.append(Token(m.start(), cut, word[:-2], word[:-2].lower()))
            tokens.append(Token(cut, m.end(), word[-2:], "'s"))
        else:
            tokens.append(Token(m.start(), m.end(), word, word.lower().replace("’", "'")))
    return tokens


def _is_abbreviation(tokens: list[Token], dot: int) -> bool:
    if dot == 0 or tokens[dot].text != "." or tokens[dot - 1].end != tokens[dot].start:
        return False
    word = tokens[dot - 1]
    return word.low in _ABBREVIATIONS or (len(word.text) == 1 and word.text.isalpha())


def _attribution_follows(tokens: list[Token], j: int) -> bool:
    """A verb of saying among the next few words ("Ruiz said", "said the mayor", "she
    asked"), before any stop: they attribute the quotation that just closed."""
    for k in range(j, min(j + 5, len(tokens))):
        token = tokens[k]
        if token.text[0] in SENTENCE_END or token.text in ("“", "\"", ":"):
            return False
        if token.low in _SAYING and token.text.islower():
            return _ends_soon(tokens, k + 1)
    return False


def _ends_soon(tokens: list[Token], k: int) -> bool:
    """Only a few words, no clause and no quotation, before the next stop: the words after
    a verb of saying are its speaker or a where/when ("said Ruiz, the mayor", "he said
    on Monday"), not a content of its own ("she says the plan failed")."""
    for i in range(k, min(k + 10, len(tokens))):
        token = tokens[i]
        if token.text[0] in SENTENCE_END and not _is_abbreviation(tokens, i):
            return True
        if token.low == "that" or token.text in ("“", "\"", ":") or (token.text == "," and i == k):
            return False
    return False


def sentences(tokens: list[Token], protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences as ``(first, last + 1)`` token indices, never split inside a protected span.

    A stop ends a sentence only before a capital, a digit or an opening mark, so
    that ``"Why?" he asked`` stays one sentence with its attribution.
    """
    starts = [s for s, _e in protected]
    bounds: list[tuple[int, int]] = []
    first = 0
    count = len(tokens)
    for i, token in enumerate(tokens):
        if token.text[0] not in SENTENCE_END or _is_abbreviation(tokens, i):
            continue
        j = i + 1
        while j < count and tokens[j].text[0] in CLOSERS and tokens[j].start == tokens[j - 1].end:
            j += 1
        if j < count:
            if tokens[j].start == tokens[j - 1].end:
                continue  # no space: "$14.5", "U.S.-led"
            following = tokens[j].text[0]
            if not (following.isupper() or following.isdigit() or following in OPENERS):
                continue
        boundary = tokens[j - 1].end
        k = bisect_right(starts, boundary - 1) - 1
        if k >= 0 and protected[k][0] < boundary < protected[k][1]:
            continue
        if k >= 0 and protected[k][1] == boundary and _attribution_follows(tokens, j):
            continue  # '"Why wait?" Ruiz said.': the quotation and its attribution
        if j > first:
            bounds.append((first, j))
        first = j
    if first < count:
        bounds.append((first, count))
    return bounds
