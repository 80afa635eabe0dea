"""Who said a direct quotation: the cue and speaker next to its marks.

- after it: '"...," she said', '"...," said Jane Doe, the mayor', '"..." he told reporters';
- before it: 'She said: "..."', 'He told the crowd, "..."', 'The minister on Twitter: "..."'.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.core.assist.clauses import hearer_end
from tui.core.assist.cues import POSTPOSED, WORDS
from tui.core.assist.speakers import (
    skip_back_modifiers,
    speaker_after,
    speaker_before,
)
from tui.core.assist.subjects import (
    participle_subject,
    sentence_subject,
    subject_before_aside,
)
from tui.core.assist.verbs import Sentence, cue_at, find_cue
from tui.core.assist.words import ADJUNCT_STARTS, ADVERBS, AUXILIARIES, NEGATIONS, TITLES, word_set

_REACH = 12
_TITLES_DOT = TITLES  # tokens between a quotation and its cue, at most
_LEAD_IN = frozenset([":", ","])
_OPENERS = word_set("and but so yet or still also")
_DASHES = frozenset(["—", "―", "--", "–"])


class QuoteSource(NamedTuple):
    cue: tuple[int, int] | None  # token ranges
    speaker: tuple[int, int] | None
    reason: str


def _is_cue(s: Sentence, k: int) -> tuple[int, int] | None:
    hit = find_cue(s, k, s.first)
    if hit is None or hit[0].frame == "according":
        return None
    return k, hit[1]


def _signed(s: Sentence, end: int) -> QuoteSource | None:
    """'"...." ― Jane Doe': a dash and a name closing the sentence sign the quotation
    (reader comments, epigraphs, collected reactions)."""
    tokens = s.tokens
    if end >= s.last or tokens[end].text not in _DASHES:
        return None
    speaker = speaker_after(tokens, end + 1, s.last)
    if speaker is None or not tokens[end + 1].is_capitalised:
        return None
    rest = speaker[1]
    while rest < s.last and tokens[rest].text in (".", ","):
        rest += 1
    if rest < s.last:
        return None
    return QuoteSource((end, end + 1), speaker, "signed with a dash and a name")


def _after(s: Sentence, end: int) -> QuoteSource | None:
    """Attribution following the closing mark."""
    tokens = s.tokens
    k = end
    if k < s.last and tokens[k].text in (",", "—", "―", "--"):
        k += 1
    if k >= s.last or s.quoted[k]:
        return None
    cue = _is_cue(s, k)
    if cue is not None and tokens[k].low in WORDS and WORDS[tokens[k].low].lemma in POSTPOSED:
        speaker = speaker_after(tokens, cue[1], s.last)
        if _ends_attribution(s, speaker[1] if speaker else cue[1]):
            return QuoteSource(cue, speaker, "cue after the quote")
    speaker = speaker_after(tokens, k, s.last)
    if speaker is None:
        return None
    m = speaker[1]
    # "..." Jane Doe, director of the X Center and a professor at Y, said of the plan.
    while m < s.last and m - k <= _REACH * 2 and not s.quoted[m]:
        token = tokens[m]
        if token.text in (".", "!", "?", ";", ":") and tokens[m - 1].low not in _TITLES_DOT:
            return None
        if token.low == "that":
            return None
        if token.is_word and (token.low in AUXILIARIES or token.low in NEGATIONS
                              or token.low in ADVERBS or token.text[0].isupper()
                              or token.low not in WORDS):
            m += 1
            continue
        if not token.is_word:
            m += 1
            continue
        break
    if m >= s.last or s.quoted[m]:
        return None
    cue = _is_cue(s, m)
    if cue is None or not _ends_attribution(s, cue[1], cue):
        return None
    return QuoteSource(cue, speaker, "cue after the quote")


def _ends_attribution(s: Sentence, after: int, cue: tuple[int, int] | None = None) -> bool:
    """After the cue (and speaker): the sentence ends, or a where/when phrase follows.

    A clause there ("... the mayor said her deputy ...") makes the cue
    reported speech of its own, and the quotation before it a title or a name.
    """
    if cue is not None and after < s.last:
        hit = cue_at(s.tokens, cue[0])
        if hit is not None and hit[0].frame == "tell":
            after = hearer_end(s, after)
    if after >= s.last or s.quoted[after]:
        return True
    token = s.tokens[after]
    return (not token.is_word or token.low in ADJUNCT_STARTS
            or (token.low.endswith("ly") and token.text.islower()))


def _subject_of(s: Sentence, k: int) -> tuple[int, int] | None:
    """Who utters the cue at ``k``: the phrase before it, or for a participle
    ("..., saying, "...") the subject of the sentence."""
    tokens = s.tokens
    j = skip_back_modifiers(tokens, k, s.first)
    participle = tokens[k].low.endswith("ing") and j > s.first and tokens[j - 1].text == ","
    speaker = None if participle else speaker_before(tokens, k, s.first)
    if speaker is None and not participle:
        speaker = subject_before_aside(tokens, s.first, k)
    if speaker is not None:
        return speaker
    if tokens[k].low.endswith("ing"):
        return participle_subject(tokens, s.quoted, s.first, k)  # "..., she said, adding"
    if j > s.first and tokens[j - 1].low in ("and", "but"):
        return sentence_subject(tokens, s.first, k)  # "I laughed and said"
    if j == s.first:
        return speaker_after(tokens, k + 1, s.last)  # Said Ellis: "..."
    return None


def lead_in(s: Sentence) -> QuoteSource | None:
    """Attribution of a paragraph ending with a colon ("The mayor continued:",
    "The agency writes:"): it introduces the quotation of the next paragraph."""
    colon = s.last - 1
    if colon < s.first or s.tokens[colon].text != ":":
        return None
    for k in range(colon - 1, max(s.first, colon - _REACH) - 1, -1):
        if s.quoted[k]:
            break
        cue = _is_cue(s, k)
        if cue is not None:
            return QuoteSource(cue, _subject_of(s, k), "introduced by the paragraph before")
    speaker = speaker_before(s.tokens, colon, s.first)
    if speaker is None:
        return None
    return QuoteSource((colon, colon + 1), speaker, "introduced by the paragraph before")


def transcript_speaker(s: Sentence, start: int, end: int) -> QuoteSource | None:
    """'"HOST: Welcome back ...' : the capitalised name before a colon opening a quotation."""
    k = start + 1
    while k < end and k - start <= 4 and s.tokens[k].is_word and s.tokens[k].text.isupper():
        k += 1
    if k == start + 1 or k >= end or s.tokens[k].text != ":":
        return None
    return QuoteSource((k, k + 1), (start + 1, k), "transcript speaker")


def _words_after(s: Sentence, end: int) -> int:
    return sum(1 for t in s.tokens[end:s.last] if t.is_word)


def _before(s: Sentence, start: int, end: int) -> QuoteSource | None:
    """Attribution leading into the opening mark."""
    tokens = s.tokens
    if start <= s.first:
        return None
    lead = tokens[start - 1]
    if lead.text not in _LEAD_IN:
        cue = _is_cue(s, start - 1)
        if cue is None or _words_after(s, end) > 0:
            return None  # 'called it a "sham" over ...': the quotation is part of more
        return QuoteSource(cue, _subject_of(s, start - 1), "cue before the quote")
    for k in range(start - 2, max(s.first, start - 2 - _REACH) - 1, -1):
        if s.quoted[k] or s.tokens[k].low == "that":
            break
        cue = _is_cue(s, k)
        if cue is not None:
            return QuoteSource(cue, _subject_of(s, k), "cue before the quote")
    if lead.text == ":":
        speaker = speaker_before(tokens, start - 1, s.first)
        if speaker is not None:
            return QuoteSource((start - 1, start), speaker, "colon before the quote")
    return None


def quote_source(s: Sentence, start: int, end: int) -> QuoteSource | None:
    """The cue and speaker of the quotation at tokens ``[start, end)`` of sentence ``s``.

    A quotation that ends a longer clause ('Closing the port "would be madness," she
    said') leaves the cue after it to reported speech, whose content it joins.
    """
    lead = sum(1 for t in s.tokens[s.first:start] if t.is_word and t.low not in _OPENERS)
    if lead < 2:
        found = _signed(s, end) or _after(s, end)
        if found is not None:
            return found
    return _before(s, start, end)
