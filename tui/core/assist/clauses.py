"""Where a reported content starts and ends, around its cue.

After the cue: past the hearer ("told reporters") and where/when adjuncts ("said in
a statement on Monday"), up to the end of the sentence or the next frame (a new
cue after "and", "; ", ", according to"). Before a closing cue: only where/when
adjuncts may follow it.
"""

from __future__ import annotations

from tui.core.assist.cues import Cue, is_finite
from tui.core.assist.speakers import speaker_after
from tui.core.assist.verbs import Sentence, cue_at
from tui.core.assist.words import (
    ADJUNCT_STARTS,
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    IRREGULAR_PAST,
    OBJECT_PRONOUNS,
    PREPOSITIONS,
    RELATIVES,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    word_set,
)

STOPS = frozenset(".!?…")
# Verbs whose content may be an infinitive after an adjunct: "agreed on Friday to ...".
_TO_VERBS = frozenset(["decide", "agree", "promise", "pledge", "vow", "threaten", "refuse",
                       "decline", "vote", "plan", "intend"])
DASHES = frozenset(["—", "―", "--", "–"])
_STOP = PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | RELATIVES
# A say-verb followed by one of these has its content elsewhere ("said in a statement").
WHERE_WHEN = word_set("in on at during after before while since last this earlier via through")
_NOT_CONTENT = word_set(
    "from in into by during up out off back at onto via through over since and or nor but"
)
_FRONTED_REACH = 40  # tokens from the sentence start to a cue in a fronted clause, at most
SUBORDINATORS = word_set(
    "although though when while as because if since after before once unless until whereas"
)
_MODALS = word_set("could would can will might may should must did didn't couldn't wouldn't")
_OBJECT_STOPS = word_set(
    """during after before since while when because until last earlier via monday tuesday
    wednesday thursday friday saturday sunday yesterday today"""
)


def content_end(s: Sentence, start: int) -> int:
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
        if text in DASHES and k + 1 < s.last and cue_at(tokens, k + 1) is not None:
            end = k
            break
        if text == "," and k + 1 < s.last and tokens[k + 1].low == "but" and k > start + 2 and (
            not _shares_subject(s, start, k + 2)
        ):
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
        tokens[end - 1].text in STOPS or tokens[end - 1].text in (",", ":", ";")
        or tokens[end - 1].text in DASHES
    ):
        end -= 1
    return end


def _shares_subject(s: Sentence, start: int, k: int) -> bool:
    """"..., but could not say why" inside a content that is a clause of its own ("they had
    doubts, but could not ..."): a modal with no subject of its own goes on with that
    clause's subject. After an object ("defended the plan, but ..."), it is the speaker's."""
    tokens = s.tokens
    while k < s.last and tokens[k].low in ADVERBS:
        k += 1
    if k >= s.last or tokens[k].low not in _MODALS:
        return False
    return any(tokens[i].low in SUBJECT_PRONOUNS and tokens[i].low != "who"
               and not s.quoted[i] for i in range(start, min(start + 2, k)))


def object_end(s: Sentence, start: int, end: int) -> int:
    """An object ends before a where/when adjunct ("defended the remark on Tuesday") or
    a dash: what was said about, not when."""
    tokens = s.tokens
    for k in range(start + 1, end):
        if s.quoted[k]:
            continue
        word = tokens[k].low
        if word in _OBJECT_STOPS or word in DASHES or (tokens[k].text == "-" and (
            tokens[k - 1].end < tokens[k].start
        )):
            return k
    return end


def particle_or_place(s: Sentence, start: int) -> bool:
    """A content that opens with a particle or a preposition of place, time or source
    ("called into the show", "learned from it", "reporting by ...") is none: the cue is
    a phrasal verb, or an adjunct follows it."""
    return not s.quoted[start] and s.tokens[start].low in _NOT_CONTENT


def fronted_end(s: Sentence, k: int, start: int, end: int) -> int:
    """A cue in a clause put before the main one ("Although the mayor admitted the costs,
    she ...", "Asked about the delay, the minister ...") has its content end at the comma
    that closes the clause."""
    tokens = s.tokens
    first = s.first
    while first < k and tokens[first].text in ("\"", "“", "(", "‘"):
        first += 1
    if k - first > _FRONTED_REACH or not (first == k or tokens[first].low in SUBORDINATORS) or (
        tokens[start - 1].text == ","
    ):
        return end  # "As the mayor said, the bridge is old": the main clause is the content
    if any(tokens[i].text == "," and not s.quoted[i] for i in range(first, k)):
        return end  # "Although he left, Ruiz says ...": the cue is in the main clause
    comma = next((i for i in range(start + 1, end) if tokens[i].text == "," and not s.quoted[i]),
                 None)
    return end if comma is None else comma


def _finite(word: str) -> bool:
    return word in AUXILIARIES or word in IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


def predicate_end(s: Sentence, start: int, end: int) -> int:
    """A content with no verb of its own ends before a verb coordinated with the cue
    ("learned of the fault and quickly fixed it"): that verb is the speaker's next act."""
    tokens = s.tokens
    for k in range(start, end):
        token = tokens[k]
        if s.quoted[k] or not token.text.islower():
            continue
        if token.low in ("and", "but") and k > start:
            j = k + 1
            while j < end and (tokens[j].low in ADVERBS or (
                tokens[j].low.endswith("ly") and tokens[j].text.islower()
            )):
                j += 1
            if j < end and _finite(tokens[j].low) and tokens[j].text.islower():
                return k
        elif _finite(token.low) or token.low in RELATIVES or token.low in SUBJECT_PRONOUNS:
            return end  # a clause: "and" may join two of its verbs
    return end


def word_count(s: Sentence, start: int, end: int) -> int:
    return sum(1 for t in s.tokens[start:end] if t.is_word)


def adjunct_like(s: Sentence, start: int, end: int) -> bool:
    """What may follow a postposed cue: nothing, a time or place, a "where" phrase."""
    tokens = s.tokens
    while end > start and tokens[end - 1].text in STOPS:
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


def hearer_end(s: Sentence, k: int) -> int:
    """Index after the hearer of "told", "warned", "assured": him, reporters, the Times."""
    tokens = s.tokens
    token = tokens[k]
    if token.low in OBJECT_PRONOUNS:
        return k + 1
    if token.is_capitalised:
        span = speaker_after(tokens, k, s.last)
        return span[1] if span is not None and span[1] - span[0] <= 5 else k
    if token.low == "that":
        return k  # "convinced that ...", "assured that ...": the clause, no hearer
    if token.low in DETERMINERS:
        j = k + 1
        while (j < s.last and j - k <= 3 and tokens[j].is_word and tokens[j].low not in _STOP
               and tokens[j].low not in DETERMINERS):
            j += 1
        return j
    if token.is_word and token.low not in _STOP and token.low.endswith("s"):
        return k + 1  # reporters, lawmakers
    return k


def opens_clause(s: Sentence, that: int) -> bool:
    """"that" introducing what was said, not a relative clause ("a summit that was held")."""
    if that + 1 >= s.last:
        return False
    nxt = s.tokens[that + 1]
    return not (nxt.low in AUXILIARIES or (nxt.text.islower() and nxt.low.endswith("ed")))


def _determiner_free(s: Sentence, that: int) -> bool:
    """"that" opening a clause, not "that spot", "that day": a plural, a name, a pronoun or
    a determiner follows it, or a word ending like a verb does ("that rates rose")."""
    nxt = s.tokens[that + 1]
    return s.quoted[that + 1] or not nxt.is_word or nxt.is_capitalised or (
        nxt.text[0].isdigit() or nxt.low in SUBJECT_PRONOUNS or nxt.low == "there"
        or (nxt.low in DETERMINERS and nxt.low not in ("that", "this"))
        or nxt.low.endswith("s"))


def _to_verb(s: Sentence, j: int) -> bool:
    """"to" and a lower-case word at ``j``: an infinitive, roughly."""
    return j + 1 < s.last and s.tokens[j].low == "to" and s.tokens[j + 1].text.islower() and (
        s.tokens[j + 1].is_word and s.tokens[j + 1].low not in DETERMINERS)


def skip_to_content(s: Sentence, cue: Cue, after: int) -> int:
    """First token of the content after a cue: past the hearer and "where/when" adjuncts."""
    tokens = s.tokens
    k = after
    if cue.frame == "tell" and k < s.last:
        k = hearer_end(s, k)
    while k < s.last and not s.quoted[k] and (tokens[k].low in TIME_WORDS or (
        tokens[k].low == "on" and k + 1 < s.last and tokens[k + 1].low in TIME_WORDS
    )):
        k += 1  # said Friday, announced on Monday
    if k < s.last and tokens[k].low in ADJUNCT_STARTS and cue.frame != "object":
        # "said in a statement on Monday that ...", "said via email, ...",
        # "said after the meeting he would ..."
        for j in range(k, min(s.last, k + 12)):
            if s.quoted[j] or tokens[j].text in STOPS:
                break
            if tokens[j].low == "that" and opens_clause(s, j) and _determiner_free(s, j):
                return j
            if j > k + 1 and cue.lemma in _TO_VERBS and tokens[k].low in WHERE_WHEN and (
                _to_verb(s, j + 1 if tokens[j].low == "not" else j)
            ):
                return j  # "decided after a long review not to appeal"
            if tokens[j].text in (",", ":"):
                return j + 1 if tokens[k].low in WHERE_WHEN and j - k <= 7 else k
            if j > k + 1 and tokens[j].low in SUBJECT_PRONOUNS and tokens[j].low != "it" and (
                tokens[k].low in WHERE_WHEN
            ):
                return j
        return k
    while k < s.last and tokens[k].text in (",", ":"):
        k += 1
    return k
