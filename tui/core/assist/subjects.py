"""Whose clause is it: the subject a cue leans on when no speaker stands next to it.

- the first noun phrase of the sentence, after an opening adverbial ("In May, the mayor ...");
- the subject an aside parts from its verb ("Jane Doe, who ran the clinic, said ...");
- for a participle ("..., she said, adding that ..."), the speaker of the cue before it;
- "what the mayor said": a free relative, whose content is the phrase itself.
"""

from __future__ import annotations

from tui.core.assist.cues import WORDS
from tui.core.assist.speakers import is_adverb, skip_back_modifiers, speaker_after, speaker_before
from tui.core.assist.tokens import Token
from tui.core.assist.words import (
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    NAME_LINKS,
    NEGATIONS,
    PREPOSITIONS,
    RELATIVES,
    SUBJECT_PRONOUNS,
    word_set,
)

_MAX_NP = 12
_FREE_RELATIVES = word_set("what whatever everything anything nothing something all")
_ASIDE_STARTS = frozenset([",", "—", "―", "--", "–", "("])
_ASIDE_ENDS = frozenset([",", "—", "―", "--", "–", ")"])
_LEADING = frozenset(["\"", "“", "”", "'", "‘", "’", "''", "``", ",", "(", "—", "―", "--", "–"])
_STOP = PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | NEGATIONS | RELATIVES


def sentence_subject(tokens: list[Token], first: int, last: int) -> tuple[int, int] | None:
    """The subject a participle leans on ("X has tried ..., accusing her of ..."): the first
    noun phrase of the sentence, after an opening adverbial ("In August, ...")."""
    k = first
    if k < last and (tokens[k].low in PREPOSITIONS or tokens[k].low in CONJUNCTIONS
                     or is_adverb(tokens[k])):
        comma = next((j for j in range(k, min(last, k + 12)) if tokens[j].text == ","), None)
        if comma is None:
            return None
        k = comma + 1
    if k >= last:
        return None
    if tokens[k].low in SUBJECT_PRONOUNS and tokens[k].low != "who":
        return k, k + 1
    if tokens[k].is_capitalised and tokens[k].low not in DETERMINERS:
        end = k + 1
        while end < last and end - k < _MAX_NP and (
            tokens[end].is_capitalised or tokens[end].text in (".", "’s", "'s")
            or (tokens[end].low in NAME_LINKS and end + 1 < last
                and tokens[end + 1].is_capitalised)
        ):
            end += 1
        return k, end
    if tokens[k].low in DETERMINERS:
        end = k + 1
        while (end < last and end - k <= 4 and tokens[end].is_word
               and tokens[end].low not in _STOP and not tokens[end].low.endswith("ed")):
            end += 1
        return (k, end) if end > k + 1 else None
    return None


def subject_before_aside(tokens: list[Token], first: int, k: int) -> tuple[int, int] | None:
    """The subject of a cue at ``k`` that an aside separates from it: "Jane Doe, who ran
    the clinic for ten years, said ...", "The report -- drafted in May -- found ..."."""
    j = skip_back_modifiers(tokens, k, first)
    if j <= first or tokens[j - 1].text not in _ASIDE_ENDS:
        return None
    subject = sentence_subject(tokens, first, k)
    if subject is None or subject[1] >= j - 1 or tokens[subject[1]].text not in _ASIDE_STARTS:
        return None
    return subject


def free_relative(tokens: list[Token], speaker: tuple[int, int], floor: int) -> bool:
    """"what the mayor said", "everything she says": the speaker's cue is inside a noun
    phrase, and what it said is that phrase, not what follows."""
    first = tokens[speaker[0]]
    if first.low == "all" and speaker[1] - speaker[0] == 1:
        return False  # "all agreed that ...": "all" is the speaker, not "all she said"
    if first.low in _FREE_RELATIVES:
        return True
    return speaker[0] > floor and tokens[speaker[0] - 1].low in _FREE_RELATIVES


def participle_subject(
    tokens: list[Token], quoted: list[bool], first: int, k: int
) -> tuple[int, int] | None:
    """Who utters a participle cue at ``k`` ("..., adding that", "..., saying"): the speaker
    of the verb of saying just before it ('"...," she said, adding ...', 'said Ruiz,
    adding'), else the subject of the sentence, after a quotation that opens it."""
    for i in range(k - 1, max(first, k - 12) - 1, -1):
        if quoted[i]:
            break
        cue = WORDS.get(tokens[i].low)
        if cue is None or cue.frame not in ("say", "tell") or tokens[i].low.endswith("ing"):
            continue
        speaker = speaker_before(tokens, i, first) or speaker_after(tokens, i + 1, k)
        if speaker is not None and speaker[1] <= k:
            return speaker
        break
    start = first
    while start < k and (quoted[start] or tokens[start].text in _LEADING):
        start += 1
    return sentence_subject(tokens, start, k)
