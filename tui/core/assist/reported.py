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

from tui.core.assist.cues import PHRASES, POSTPOSED, WORDS, Cue, is_finite
from tui.core.assist.speakers import (
    inverted_speaker,
    sentence_subject,
    skip_back_modifiers,
    speaker_after,
    speaker_before,
)
from tui.core.assist.tokens import Token
from tui.core.assist.words import (
    ADJUNCT_STARTS,
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    RELATIVES,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    word_set,
)

_STOPS = frozenset(".!?…")
_CLOSING_REACH = 30  # tokens from the sentence end to a closing cue, at most
_STOP = PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | RELATIVES
_BE = word_set("is was were are be been being")
_DASHES = frozenset(["—", "―", "--", "–"])
_NOUN_VERB = word_set(
    """state states remark remarks report reports claim claims call calls show shows plan plans
    support supports question
    questions comment comments estimate estimates promise promises demand demands fear fears
    hope hopes worry doubt doubts attack attacks blast blasts request requests praise
    ruling rule rules finding findings find post posts note notes signal signals pledge
    pledges vow vows warning warnings charge charges counter record hint hints""")
# A say-verb followed by one of these has its content elsewhere ("said in a statement").
_WHERE_WHEN = word_set("in on at during after before while since last this earlier via through")
_OBJECT_STOPS = word_set(
    """during after before since while when because until last earlier via monday tuesday
    wednesday thursday friday saturday sunday yesterday today"""
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
    used: set[int]  # cue tokens already given to a direct quotation


def cue_at(tokens: list[Token], k: int) -> tuple[Cue, int] | None:
    """The cue starting at token ``k`` and the index after it."""
    if k + 1 < len(tokens):
        phrase = PHRASES.get((tokens[k].low, tokens[k + 1].low))
        if phrase is not None:
            return phrase, k + 2
    cue = WORDS.get(tokens[k].low)
    return (cue, k + 1) if cue is not None else None


def _title_case(s: Sentence) -> bool:
    words = [t for t in s.tokens[s.first:s.last] if t.is_word and len(t.text) > 3]
    return bool(words) and sum(t.is_capitalised for t in words) * 10 >= len(words) * 7


def _is_verb_use(s: Sentence, k: int, cue: Cue, floor: int) -> bool:
    """Reject nouns and modifiers spelled like cues: "the report", "his claims", "so-called"."""
    tokens = s.tokens
    word = tokens[k]
    if cue.lemma == "according to":
        return True
    if word.is_capitalised and k > s.first and not (_title_case(s)
                                                    and word.low not in _NOUN_VERB):
        return False  # "United States", "Rules" in a headline
    if k > 0 and tokens[k - 1].end == word.start and tokens[k - 1].text == "-":
        return False  # so-called, well-known
    if k + 1 < s.last and tokens[k + 1].low == "by" and word.low.endswith(("ed", "n", "t")):
        return False  # "the plan proposed by": a passive modifier
    if k + 1 < s.last and tokens[k + 1].low in PREPOSITIONS and word.low.endswith("ing") and (
        k == s.first or tokens[k - 1].text in (".", ",", "(", ";")
    ):
        return False  # "Reporting by", "Additional reporting from"
    if k == floor:
        return word.low.endswith("ing") or not word.is_capitalised or k == s.first
    before = tokens[k - 1]
    if before.low in DETERMINERS or before.low.endswith(_POSSESSIVE_END):
        return False
    if before.low in PREPOSITIONS and not word.low.endswith("ing") and before.low != "to":
        return False
    if (word.low in _NOUN_VERB and before.is_word and before.text.islower()
            and before.low.endswith("ed") and before.low not in AUXILIARIES):
        return False  # "faced ridicule": a verb before the cue makes the cue a noun
    if word.low in _NOUN_VERB and k + 1 < len(tokens) and tokens[k + 1].low != "that":
        j = skip_back_modifiers(tokens, k, floor)
        if j == k:  # no auxiliary or adverb: a verb only after a plain subject
            prev = tokens[k - 1]
            nxt = tokens[k + 1] if k + 1 < s.last else None
            if prev.low in SUBJECT_PRONOUNS or prev.low in RELATIVES:
                return True
            if nxt is None or not (nxt.is_capitalised or nxt.low in DETERMINERS
                                   or nxt.low in OBJECT_PRONOUNS or nxt.text[0].isdigit()
                                   or (cue.frame == "object" and nxt.low in ("for", "on"))):
                return False
            two_back = tokens[k - 2] if k - 2 >= floor else None
            return two_back is None or not (
                two_back.low in DETERMINERS or two_back.low.endswith(_POSSESSIVE_END)
                or two_back.low in PREPOSITIONS)
    # passive ("was criticized") but for verbs of saying ("is said to")
    return before.low not in _BE or cue.frame == "say"


def find_cue(s: Sentence, k: int, floor: int) -> tuple[Cue, int] | None:
    """The cue used as a verb at token ``k`` (not inside a quotation, not already taken)."""
    if s.quoted[k] or k in s.used:
        return None
    hit = cue_at(s.tokens, k)
    if hit is None or not _is_verb_use(s, k, hit[0], floor):
        return None
    return hit


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
        if text == "," and k + 1 < s.last and tokens[k + 1].low == "but" and k > start + 2:
            end = k
            break
        if tokens[k].low in ("and", "but") and k > start + 2:
            j = k + 1
            while j < s.last and tokens[j].low in ADVERBS:
                j += 1
            nxt = cue_at(tokens, j) if j < s.last else None
            if nxt is not None and nxt[0].frame != "according" and is_finite(tokens[j].low):
                end = k
                break
        k += 1
    while end > start and not s.quoted[end - 1] and (
        tokens[end - 1].text in _STOPS or tokens[end - 1].text in (",", ":", ";")
        or tokens[end - 1].text in _DASHES
    ):
        end -= 1
    return end


def _object_end(s: Sentence, start: int, end: int) -> int:
    """An object ends before a where/when adjunct or a comma ("defended the remark on
    Tuesday, saying ..."): what was said about, not when."""
    tokens = s.tokens
    for k in range(start + 1, end):
        if s.quoted[k]:
            continue
        if tokens[k].low in _OBJECT_STOPS:
            return k
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
    if first.text == ",":
        return True
    if any(t.low == "that" for t in tokens[start:end]) or any(
        t.text == ":" for t in tokens[start:end]
    ):
        return False
    return first.low in ADJUNCT_STARTS or first.text in (",", "(") or (
        first.low.endswith("ly") and first.text.islower()
    )


def _closing_comma(s: Sentence, i: int, floor: int) -> int | None:
    """Index after the content that a comma at ``i`` ends, or None.

    '"...is a misguided approach,'' said Mr. X': the comma sits inside the
    quotation, which then belongs to the content.
    """
    tokens = s.tokens
    if i < floor:
        return None
    if tokens[i].text in (",", *_DASHES) and not s.quoted[i]:
        return i
    if s.quoted[i] and i - 1 >= floor and tokens[i - 1].text in (",", "?", "!") and (
        i + 1 >= s.last or not s.quoted[i + 1]
    ):
        return i + 1
    return None


def _postposed(s: Sentence, k: int, after: int, floor: int) -> list[Attribution]:
    """"CONTENT, X said." or "CONTENT, said X." (and "A, X said, B.")."""
    tokens = s.tokens
    cue = cue_at(tokens, k)
    assert cue is not None
    if tokens[k].low.endswith("ing") or (k > floor and tokens[k - 1].low == "to"):
        return []  # a participle or an infinitive never closes a sentence's attribution
    j = skip_back_modifiers(tokens, k, floor)
    speaker: tuple[int, int] | None
    close = _closing_comma(s, j - 1, floor)
    if close is not None:
        speaker = inverted_speaker(tokens, after, s.last)
        if speaker is None:
            return []
        rest = speaker[1]
    else:
        speaker = speaker_before(tokens, j, floor, appositive=False)
        if speaker is None or speaker[1] - speaker[0] > 8:
            return []
        close = _closing_comma(s, speaker[0] - 1, floor)
        if close is None:
            return []
        rest = after
    if not _adjunct_like(s, rest, s.last):
        return []
    content_end = close if tokens[close - 1].text not in (",", *_DASHES) else close - 1
    if _words(s, floor, content_end) < 3 and not s.quoted[floor]:
        return []
    found = [Attribution((floor, content_end), (k, after), speaker, cue[0].weight,
                         ("content before the cue",))]
    # "A, X said, B.": the content resumes after the attribution.
    comma = next((i for i in range(rest, s.last) if tokens[i].text == "," and not s.quoted[i]),
                 None)
    if comma is not None and comma - rest <= 8:
        end = _content_end(s, comma + 1)
        if _words(s, comma + 1, end) >= 3:
            found.append(Attribution((comma + 1, end), (k, after), speaker, cue[0].weight,
                                     ("content around the cue",)))
    return found


def _closing(s: Sentence, floor: int) -> tuple[int, list[Attribution]] | None:
    """The attribution that closes the sentence ("..., she said."), rightmost cue first."""
    tokens = s.tokens
    for k in range(s.last - 1, max(floor, s.last - _CLOSING_REACH), -1):
        if tokens[k].text == ",":
            continue
        hit = find_cue(s, k, floor)
        if hit is None or hit[0].lemma not in POSTPOSED:
            continue
        found = _postposed(s, k, hit[1], floor)
        if found:
            return k, found
    return None


def hearer_end(s: Sentence, k: int) -> int:
    """Index after the hearer of "told", "warned", "assured": him, reporters, the Times."""
    tokens = s.tokens
    token = tokens[k]
    if token.low in OBJECT_PRONOUNS:
        return k + 1
    if token.is_capitalised:
        span = speaker_after(tokens, k, s.last)
        return span[1] if span is not None and span[1] - span[0] <= 5 else k
    if token.low in DETERMINERS:
        j = k + 1
        while (j < s.last and j - k <= 3 and tokens[j].is_word and tokens[j].low not in _STOP
               and tokens[j].low not in DETERMINERS):
            j += 1
        return j
    if token.is_word and token.low not in _STOP and token.low.endswith("s"):
        return k + 1  # reporters, lawmakers
    return k


def _skip_to_content(s: Sentence, cue: Cue, after: int) -> int:
    """First token of the content after a cue: past the hearer and "where/when" adjuncts."""
    tokens = s.tokens
    k = after
    if cue.frame == "tell" and k < s.last:
        k = hearer_end(s, k)
    while k < s.last and not s.quoted[k] and tokens[k].low in TIME_WORDS:
        k += 1  # said Friday
    if k < s.last and tokens[k].low in ADJUNCT_STARTS and cue.frame != "object":
        # "said in a statement on Monday that ...", "said via email, ...",
        # "said after the meeting he would ..."
        for j in range(k, min(s.last, k + 12)):
            if s.quoted[j] or tokens[j].text in _STOPS:
                break
            if tokens[j].low == "that" and (
                tokens[j - 1].low in TIME_WORDS or tokens[j - 1].is_capitalised
                or tokens[j - 1].text == "," or tokens[j - 1].low in OBJECT_PRONOUNS
            ):
                return j
            if tokens[j].text in (",", ":"):
                return j + 1 if tokens[k].low in _WHERE_WHEN and j - k <= 7 else k
            if j > k + 1 and tokens[j].low in SUBJECT_PRONOUNS and tokens[j].low != "it" and (
                tokens[k].low in _WHERE_WHEN
            ):
                return j
        return k
    while k < s.last and tokens[k].text in (",", ":"):
        k += 1
    return k


def _preposed(
    s: Sentence, k: int, after: int, floor: int, inherited: tuple[int, int] | None
) -> Attribution | None:
    """"X said [that] CONTENT." with the speaker before the cue.

    A cue coordinated with an earlier one ("..., and added that ...") shares its speaker.
    """
    tokens = s.tokens
    found = cue_at(tokens, k)
    assert found is not None
    cue = found[0]
    speaker = speaker_before(tokens, k, floor)
    j = skip_back_modifiers(tokens, k, floor)
    if speaker is None and inherited is not None and j > 0 and tokens[j - 1].low in (
        "and", "but", ","
    ):
        speaker = inherited
    if speaker is None and (tokens[k].low.endswith("ing") or (
        j > s.first and tokens[j - 1].low in ("and", "but")
    )):
        speaker = sentence_subject(tokens, s.first, k)
    if speaker is None and not tokens[k].low.endswith("ing"):
        return None
    start = _skip_to_content(s, cue, after)
    if start >= s.last or (tokens[start].low in _WHERE_WHEN and cue.frame != "object"):
        return None  # "said in an interview": no content here
    end = _content_end(s, start)
    if cue.frame == "object":
        end = _object_end(s, start, end)
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
    return found


def attributions(s: Sentence) -> list[Attribution]:
    """The reported-speech attributions of one sentence, left to right, not overlapping.

    A closing attribution ("..., X said.") wins over cues inside its content,
    which are reported speech nested in what X said.
    """
    tokens = s.tokens
    found: list[Attribution] = []
    floor = s.first
    closing = _closing(s, floor)
    k = s.first
    while k < s.last:
        if closing is not None and closing[0] >= k:
            results = closing[1]
            after = closing[0] + 1
            closing = None
        else:
            hit = find_cue(s, k, floor)
            if hit is None:
                k += 1
                continue
            cue, after = hit
            results = []
            if cue.frame == "according":
                results = _according(s, k, after, floor)
            else:
                pre = _preposed(s, k, after, floor, found[-1].speaker if found else None)
                results = [pre] if pre is not None else []
        if not results:
            k = after
            continue
        found.extend(results)
        # Skip past what was consumed: the content, or the cue when the content came first.
        k = max(max(r.content[1] for r in results), after)
        while k < s.last and (tokens[k].text in (",", ";") or tokens[k].low in AUXILIARIES):
            k += 1
        floor = k
        if closing is None:
            closing = _closing(s, floor)
    return found
