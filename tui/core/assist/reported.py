"""Reported speech: a cue verb and the clause it introduces, before or after it.

Works on one sentence at a time, on tokens. The frames, in the order tried:
- "According to X, CONTENT." / "CONTENT, according to X."
- "CONTENT, X said [adjuncts]." / "CONTENT, said X." (content first)
- "X [aux] said [adjuncts] [that] CONTENT." (content after the cue, hearer skipped
  for "told", object kept for "called", "denied", ...)
Direct quotations are atomic here: cues and commas inside them are ignored.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.core.assist.cues import PHRASES, POSTPOSED, WORDS, Cue
from tui.core.assist.speakers import skip_back_modifiers, speaker_after, speaker_before
from tui.core.assist.tokens import Token
from tui.core.assist.words import (
    ADJUNCT_STARTS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
)

_STOPS = frozenset(".!?…")
_DASHES = frozenset(["—", "―", "--", "–"])
_NOUN_VERB = frozenset(
    """report reports claim claims call calls show shows plan plans support supports question
    questions comment comments estimate estimates promise promises demand demands fear fears
    hope hopes worry doubt doubts attack attacks blast blasts request requests praise
    ruling rule rules finding findings find post posts note notes signal signals pledge
    pledges vow vows warning warnings charge charges counter record hint hints""".split()
)
_POSSESSIVE_END = ("’s", "'s", "s’", "s'")


class Attribution(NamedTuple):
    """One content with its cue and speaker, as token index ranges of a paragraph."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    weight: float
    reasons: tuple[str, ...]


class Sentence(NamedTuple):
    tokens: list[Token]
    first: int
    last: int  # exclusive
    quoted: list[bool]  # per token of the paragraph: inside a direct quotation


def cue_at(tokens: list[Token], k: int) -> tuple[Cue, int] | None:
    """The cue starting at token ``k`` and the index after it."""
    if k + 1 < len(tokens):
        phrase = PHRASES.get((tokens[k].low, tokens[k + 1].low))
        if phrase is not None:
            return phrase, k + 2
    cue = WORDS.get(tokens[k].low)
    return (cue, k + 1) if cue is not None else None


def _is_verb_use(s: Sentence, k: int, cue: Cue, floor: int) -> bool:
    """Reject nouns and modifiers spelled like cues: "the report", "his claims", "so-called"."""
    tokens = s.tokens
    word = tokens[k]
    if cue.lemma == "according to":
        return True
    if k > 0 and tokens[k - 1].end == word.start and tokens[k - 1].text == "-":
        return False  # so-called, well-known
    if k + 1 < s.last and tokens[k + 1].low == "by" and word.low.endswith(("ed", "n", "t")):
        return False  # "the plan proposed by": a passive modifier
    if k == floor:
        return word.low.endswith("ing") or not word.is_capitalised
    before = tokens[k - 1]
    if before.low in DETERMINERS or before.low.endswith(_POSSESSIVE_END):
        return False
    if before.low in PREPOSITIONS and not word.low.endswith("ing") and before.low != "to":
        return False
    if word.low in _NOUN_VERB:
        j = skip_back_modifiers(tokens, k, floor)
        if j == k:  # no auxiliary or adverb: a verb only after a plain subject
            prev = tokens[k - 1]
            return prev.low in SUBJECT_PRONOUNS or (prev.is_capitalised and k - 1 > floor)
    if before.low in ("is", "was", "were", "are", "be", "been", "being") and cue.frame != "say":
        return False  # passive: "was criticized"
    return True


def _content_end(s: Sentence, start: int) -> int:
    """Token index where a content starting at ``start`` ends (sentence end, or a new frame)."""
    tokens = s.tokens
    end = s.last
    k = start
    while k < s.last:
        if s.quoted[k]:
            k += 1
            continue
        text = tokens[k].text
        if text == ";":
            end = k
            break
        if text == "," and k + 1 < s.last:
            nxt = cue_at(tokens, k + 1)
            if nxt is not None and (nxt[0].lemma == "according to"
                                    or tokens[k + 1].low.endswith("ing")):
                end = k
                break
        if text in _DASHES and k + 1 < s.last and cue_at(tokens, k + 1) is not None:
            end = k
            break
        k += 1
    while end > start and not s.quoted[end - 1] and (
        tokens[end - 1].text in _STOPS or tokens[end - 1].text in (",", ":", ";")
        or tokens[end - 1].text in _DASHES
    ):
        end -= 1
    return end


def _words(s: Sentence, start: int, end: int) -> int:
    return sum(1 for t in s.tokens[start:end] if t.is_word)


def _adjunct_like(s: Sentence, start: int, end: int) -> bool:
    """What may follow a postposed cue: nothing, a time or place, a "where" phrase."""
    tokens = s.tokens
    while end > start and tokens[end - 1].text in _STOPS:
        end -= 1
    if start >= end:
        return True
    first = tokens[start]
    if any(t.low == "that" for t in tokens[start:end]) or any(
        t.text == ":" for t in tokens[start:end]
    ):
        return False
    return first.low in ADJUNCT_STARTS or first.text in (",", "(") or (
        first.low.endswith("ly") and first.text.islower()
    )


def _postposed(s: Sentence, k: int, after: int, floor: int) -> Attribution | None:
    """"CONTENT, X said." or "CONTENT, said X." ending the sentence."""
    tokens = s.tokens
    cue = cue_at(tokens, k)
    assert cue is not None
    j = skip_back_modifiers(tokens, k, floor)
    speaker: tuple[int, int] | None
    if j - 1 >= floor and tokens[j - 1].text == "," and not s.quoted[j - 1]:
        comma = j - 1
        speaker = speaker_after(tokens, after, s.last)
        rest = speaker[1] if speaker else after
    else:
        speaker = speaker_before(tokens, j, floor, appositive=False)
        if speaker is None or speaker[1] - speaker[0] > 8:
            return None
        comma = speaker[0] - 1
        if comma < floor or tokens[comma].text not in (",", *_DASHES) or s.quoted[comma]:
            return None
        rest = after
    if not _adjunct_like(s, rest, s.last):
        return None
    if _words(s, floor, comma) < 3:
        return None
    content = (floor, comma)
    return Attribution(content, (k, after), speaker, cue[0].weight,
                       ("content before the cue",))


def _skip_to_content(s: Sentence, cue: Cue, after: int) -> int:
    """First token of the content after a cue: past the hearer and "where/when" adjuncts."""
    tokens = s.tokens
    limit = min(s.last, after + 10)
    for k in range(after, limit):
        if s.quoted[k]:
            break
        if tokens[k].low == "that" and (k == after or tokens[k - 1].low not in DETERMINERS):
            between = tokens[after:k]
            if all(t.is_word or t.text in (",", ".", "-") for t in between):
                return k
        if tokens[k].text in (":",):
            return k + 1
        if tokens[k].text in _STOPS:
            break
    k = after
    if cue.frame == "tell" and k < s.last:
        if tokens[k].low in OBJECT_PRONOUNS:
            k += 1
        else:
            span = speaker_after(tokens, k, s.last)
            if span is not None and span[1] - span[0] <= 5:
                k = span[1]
    while k < s.last and tokens[k].text in (",", ":"):
        k += 1
    if k < s.last and tokens[k].low in ADJUNCT_STARTS and cue.frame != "object":
        j = k
        while j < s.last and j - k < 8 and not s.quoted[j] and tokens[j].text not in (",", ":"):
            j += 1
        if j < s.last and tokens[j].text in (",", ":") and j - k < 8:
            k = j + 1
    return k


def _preposed(s: Sentence, k: int, after: int, floor: int) -> Attribution | None:
    """"X said [that] CONTENT." with the speaker before the cue."""
    tokens = s.tokens
    found = cue_at(tokens, k)
    assert found is not None
    cue = found[0]
    speaker = speaker_before(tokens, k, floor)
    if speaker is None and not tokens[k].low.endswith("ing"):
        return None
    start = _skip_to_content(s, cue, after)
    if start >= s.last:
        return None
    end = _content_end(s, start)
    size = _words(s, start, end)
    if size < (2 if cue.frame == "object" else 3) and not any(s.quoted[start:end]):
        return None
    reasons = ["content after the cue"]
    weight = cue.weight
    if tokens[start].low == "that":
        reasons.append("that-clause")
        weight = min(1.0, weight + 0.05)
    return Attribution((start, end), (k, after), speaker, weight, tuple(reasons))


def _according(s: Sentence, k: int, after: int, floor: int) -> list[Attribution]:
    tokens = s.tokens
    comma = next((j for j in range(after, s.last) if tokens[j].text == "," and not s.quoted[j]),
                 s.last)
    source = (after, comma) if comma > after else None
    opening = all(t.low in CONJUNCTIONS or t.text == "," for t in tokens[floor:k])
    found: list[Attribution] = []
    if opening:
        end = _content_end(s, comma + 1) if comma < s.last else comma
        if comma < s.last and _words(s, comma + 1, end) >= 3:
            found.append(Attribution((comma + 1, end), (k, after), source, 0.9,
                                     ("according to",)))
        return found
    before = k - 1 if tokens[k - 1].text in (",", *_DASHES, "(") else k
    if _words(s, floor, before) >= 3:
        found.append(Attribution((floor, before), (k, after), source, 0.9, ("according to",)))
    if comma < s.last and before < k:
        end = _content_end(s, comma + 1)
        if _words(s, comma + 1, end) >= 3:
            found.append(Attribution((comma + 1, end), (k, after), source, 0.85,
                                     ("according to",)))
    return found


def attributions(s: Sentence) -> list[Attribution]:
    """The reported-speech attributions of one sentence, left to right, not overlapping."""
    tokens = s.tokens
    found: list[Attribution] = []
    floor = s.first
    k = s.first
    while k < s.last:
        if s.quoted[k]:
            k += 1
            continue
        hit = cue_at(tokens, k)
        if hit is None or not _is_verb_use(s, k, hit[0], floor):
            k += 1
            continue
        cue, after = hit
        results: list[Attribution] = []
        if cue.frame == "according":
            results = _according(s, k, after, floor)
        else:
            post = _postposed(s, k, after, floor) if cue.lemma in POSTPOSED else None
            if post is not None:
                results = [post]
            else:
                pre = _preposed(s, k, after, floor)
                results = [pre] if pre is not None else []
        if not results:
            k = after
            continue
        found.extend(results)
        end = max(r.content[1] for r in results)
        end = max(end, after)
        # Skip past what was consumed: the content, or the cue when the content came first.
        k = end
        while k < s.last and (tokens[k].text in (",", ";") or tokens[k].low in AUXILIARIES):
            k += 1
        floor = k
    return found
