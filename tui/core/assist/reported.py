"""Reported speech: a cue verb and the clause it introduces, before or after it.

Works on one sentence at a time, on tokens. The frames:
- "Poll: CONTENT" opening a paragraph (headlines, transcripts);
- "CONTENT, X said [adjuncts]." / "CONTENT, said X." / "A, X said, B." (content
  first; this closing attribution wins over cues inside its content);
- "According to X, CONTENT." / "CONTENT, according to X.";
- "X [aux] said [adjuncts] [that] CONTENT." (content after the cue, hearer skipped
  for "told", object kept for "called", "denied", ..., an infinitive for "plans to");
  a cue in a fronted clause ("Although X admitted CONTENT, ...") ends at its comma;
- "X's claim that CONTENT", "her decision to CONTENT", "X is afraid that CONTENT"
  (nouns and adjectives: nominal.py);
- "CONTENT was criticised by X" (the passive with its agent).
Direct quotations are atomic here: cues and commas inside them are ignored.
"""

from __future__ import annotations

from tui.core.assist.clauses import (
    DASHES,
    STOPS,
    SUBORDINATORS,
    WHERE_WHEN,
    adjunct_like,
    content_end,
    fronted_end,
    object_end,
    particle_or_place,
    predicate_end,
    skip_to_content,
    word_count,
)
from tui.core.assist.cues import INVERTING, POSTPOSED, Cue
from tui.core.assist.frames import Attribution
from tui.core.assist.nominal import noun_attribution
from tui.core.assist.speakers import (
    inverted_speaker,
    skip_back_modifiers,
    speaker_after,
    speaker_before,
)
from tui.core.assist.subjects import (
    free_relative,
    participle_subject,
    sentence_subject,
    subject_before_aside,
)
from tui.core.assist.tokens import Token
from tui.core.assist.verbs import ANSWERS, Sentence, cue_at, find_cue, infinitive
from tui.core.assist.words import (
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    IRREGULAR_PAST,
    PREPOSITIONS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    word_set,
)

_BE_PASSIVE = word_set("is was were are be been being")
_CLAUSE = word_set("that which who whom whose where when if because")
_CLAUSE_OPENERS = word_set("that whether how why what when where who if")
_OF_LINKS = word_set("of for from at on in")
_CLOSING_REACH = 30
_PRONOUN_OBJECTS = word_set("this it")
# Labels before a colon, never a speaker: editors' notes and section titles ("The Latest:").
_NOT_SPEAKERS = word_set(
    "the correction corrections clarification update updated editor note related watch"
)
_PERCEIVING = word_set("know find learn understand realize realise recognize recognise see")
_SEEM = word_set("seem seems seemed")
_RAISED_LINKS = word_set("of for with")  # "accused of", "blamed for", "charged with"
_RAISED_FRAMES = ("object",)  # tokens from the sentence end to a closing cue, at most


def _closing_comma(s: Sentence, i: int, floor: int) -> int | None:
    """Index after the content that a comma at ``i`` ends, or None.

    '"...is a costly mistake,'' said Ms. X': the comma sits inside the
    quotation, which then belongs to the content.
    """
    tokens = s.tokens
    if i < floor:
        return None
    if tokens[i].text in (",", *DASHES) and not s.quoted[i]:
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
        if speaker is None or cue[0].lemma not in INVERTING or _subject_only(s, floor, close):
            return []
        rest = speaker[1]
    else:
        speaker = speaker_before(tokens, j, floor, appositive=False)
        if speaker is None or speaker[1] - speaker[0] > 8:
            return []
        close = _closing_comma(s, speaker[0] - 1, floor)
        speaker = _of_phrase(s, speaker, floor) if close is None else speaker
        close = _closing_comma(s, speaker[0] - 1, floor)
        if close is None and speaker[0] - 2 >= floor and tokens[speaker[0] - 1].low == "as":
            close = _closing_comma(s, speaker[0] - 2, floor)  # "..., as police have said."
        if close is None:
            return []
        rest = after
    if not adjunct_like(s, rest, s.last):
        return []
    if cue[0].lemma not in INVERTING and any(t.is_word for t in tokens[rest:s.last]):
        return []  # "..., studies have shown." but not "solvents found in glue"
    before_end = close if tokens[close - 1].text not in (",", *DASHES) else close - 1
    # "A, X said, B.": the content resumes after the attribution.
    resumed: list[Attribution] = []
    comma = next((i for i in range(rest, s.last) if tokens[i].text == "," and not s.quoted[i]),
                 None)
    if comma is not None and comma - rest <= 8:
        end = content_end(s, comma + 1)
        if word_count(s, comma + 1, end) >= 3 and (
            _has_verb(s, comma + 1, end) or any(s.quoted[comma + 1:end])
        ):  # not "..., says Jane Doe, founder of the club."
            resumed.append(Attribution((comma + 1, end), (k, after), speaker, cue[0].weight,
                                       ("content around the cue",)))
    if word_count(s, floor, before_end) < (1 if resumed else 3) and not s.quoted[floor]:
        return []
    if resumed and all(t.low in CONJUNCTIONS or t.low == "as" or not t.is_word
                       for t in tokens[floor:before_end]):
        return resumed  # "Yet, as X observed, B.": B alone
    return [Attribution((floor, before_end), (k, after), speaker, cue[0].weight,
                        ("content before the cue",)), *resumed]


def _of_phrase(s: Sentence, speaker: tuple[int, int], floor: int) -> tuple[int, int]:
    """A speaker with its head further back: "..., an analysis of the filings shows.",
    "..., a spokesman for the city said." (two prepositional links at most)."""
    tokens = s.tokens
    start = speaker[0]
    for _ in range(2):
        if start - 1 <= floor or tokens[start - 1].low not in _OF_LINKS or s.quoted[start - 1]:
            break
        head = speaker_before(tokens, start - 1, floor, appositive=False)
        if head is None or tokens[head[0]].low in SUBJECT_PRONOUNS or head[1] != start - 1:
            break
        start = head[0]
    return (start, speaker[1]) if speaker[1] - start <= 16 else speaker


def _subject_only(s: Sentence, start: int, end: int) -> bool:
    """"Jane Doe, the mayor's deputy, noted the rule": before the comma is a name and its
    appositive, the subject of the cue, not a content put before it (no verb, no quote)."""
    tokens = s.tokens
    if not tokens[start].is_capitalised or any(s.quoted[start:end]):
        return False
    aside = next((i for i in range(start + 1, end) if tokens[i].low in ("who", "which")
                  and tokens[i - 1].text == ","), end)  # "Jane Doe, 59, who watched it,"
    return not _has_verb(s, start, aside) and any(t.text == "," for t in tokens[start:end])


def _has_verb(s: Sentence, start: int, end: int) -> bool:
    """A word that heads a clause, roughly: an auxiliary, a past or third-person verb, a
    subject pronoun."""
    return any(
        t.low in AUXILIARIES or t.low in IRREGULAR_PAST or t.low in SUBJECT_PRONOUNS
        or (t.text.islower() and t.low.endswith(("ed", "s"))
            and not t.low.endswith(("ss", "'s", "’s")))
        for t in s.tokens[start:end]
    )


def _closing(s: Sentence, floor: int) -> tuple[int, list[Attribution]] | None:
    """The attribution that closes the sentence ("..., she said.", "..., according to
    X."), rightmost cue first."""
    tokens = s.tokens
    for k in range(s.last - 1, max(floor, s.last - _CLOSING_REACH), -1):
        if tokens[k].text == ",":
            continue
        hit = find_cue(s, k, floor)
        if hit is not None and hit[0].frame == "according" and k > floor and (
            tokens[k - 1].text in (",", *DASHES, "(")
        ):
            found = _according(s, k, hit[1], floor)  # "..., according to the police."
            if found and found[-1].content[1] <= k and found[-1].speaker is not None and (
                found[-1].speaker[1] >= s.last - 1
            ):
                return k, found
            continue
        if hit is None or hit[0].lemma not in POSTPOSED:
            continue
        found = _postposed(s, k, hit[1], floor)
        if found:
            return k, found
    return None


def _preposed(
    s: Sentence, k: int, after: int, floor: int, inherited: tuple[int, int] | None,
    cue: Cue,
) -> Attribution | None:
    """"X said [that] CONTENT." with the speaker before the cue.

    A cue coordinated with an earlier one ("..., and added that ...") shares its speaker.
    """
    tokens = s.tokens
    j = skip_back_modifiers(tokens, k, floor)
    participle = tokens[k].low.endswith("ing") and j > s.first and tokens[j - 1].text == ","
    speaker = None if participle else speaker_before(tokens, k, floor)
    if speaker is None and not participle:
        speaker = subject_before_aside(tokens, s.first, k)
    if speaker is None and inherited is not None and j > 0 and tokens[j - 1].low in (
        "and", "but", ",", "yet", "or"
    ):
        speaker = inherited
    if speaker is None and tokens[k].low.endswith("ing"):
        speaker = participle_subject(tokens, s.quoted, s.first, k)  # "..., she said, adding"
    elif speaker is None and j > s.first and tokens[j - 1].low in ("and", "but", "yet", "or"):
        speaker = sentence_subject(tokens, s.first, k)
    if speaker is None and j == s.first and tokens[k].low.endswith(("ed", "ing")):
        speaker = _main_subject(s, k)  # "Worried about the cost, the council ..."
    if speaker is None and k > s.first and tokens[k - 1].low == "to" and j == k and (
        cue.frame in ("say", "tell", "object") and cue.lemma not in _PERCEIVING
    ) and (cue.frame != "object" or not _noun_infinitive(s, k - 1)):
        speaker = sentence_subject(tokens, s.first, k)  # "X took the stage to explain ..."
        if speaker is not None and not _named(tokens, speaker):
            speaker = None  # "The high stakes ... to confirm", "Batting first, ... to post"
    if speaker is None and not tokens[k].low.endswith("ing") and not (
        k > s.first and tokens[k - 1].low == "to" and after < s.last
        and tokens[after].low == "that"
    ):
        return None  # but "... lined the road to demand that ...": a that-clause
    if speaker is not None and cue.frame in ("say", "tell") and free_relative(
        tokens, speaker, floor
    ):
        return None  # "what the mayor said was ...": the content is elsewhere
    if after + 1 < s.last and tokens[after].low in _PRONOUN_OBJECTS and (
        tokens[after + 1].low in SUBORDINATORS and tokens[after + 1].low != "as"
    ):
        return None  # "I write this because ...": a pronoun object, then the reason
    start = _past_times(s, after) if cue.frame == "intend" else skip_to_content(s, cue, after)
    if _by_doing(s, cue, after):
        start = after
    if cue.frame == "intend" and not infinitive(s, start) and (
        start >= s.last or tokens[start].low != "against"
    ):
        return None  # "plans to build", "voted against the bill"; not "the plans for"
    if start >= s.last or (tokens[start].low in WHERE_WHEN and cue.frame != "object"):
        return None  # "said in an interview": no content here
    if cue.frame == "say" and start + 1 < s.last and tokens[start].low in ("about", "of") and (
        not s.quoted[start]
    ):
        start += 1  # "worried about the cost", "learned of the deal": the topic
    if cue.frame != "object" and tokens[start].low == "as" and not s.quoted[start] and (
        start + 1 >= s.last or tokens[start + 1].low not in AUXILIARIES
    ):
        if speaker is not None and start == after and start + 1 < s.last and (
            tokens[start + 1].low == "much"
        ):  # "the mayor said as much": what was said is what came before, in two words
            return Attribution((start, start + 2), (k, after), speaker, cue.weight - 0.1,
                               ("content after the cue",))
        return None  # "is known as": no clause follows ("warned, as did ...")
    if _by_doing(s, cue, start):
        pass  # "responded by pointing to the flood": how the answer went is what was said
    elif particle_or_place(s, start) or tokens[start].text in DASHES:
        return None  # "the one I know of -- ...": the cue ends a relative clause
  # "called in to a show", "learned from it", "reporting by ...": no content
    end = predicate_end(s, start, fronted_end(s, k, start, content_end(s, start)))
    if speaker is not None and speaker[1] - speaker[0] == 1 and tokens[speaker[0]].low in (
        "who", "which"
    ) and speaker[0] > s.first and tokens[speaker[0] - 1].text == ",":
        end = next((i for i in range(start + 1, end) if tokens[i].text == "," and not (
            s.quoted[i])), end)  # "Ruiz, who believed the pier was safe, left": the aside
    if speaker is not None and speaker[0] > s.first and tokens[speaker[0] - 1].text in DASHES:
        end = next((i for i in range(start, end) if tokens[i].text in DASHES
                    and not s.quoted[i]), end)  # "the study -- which notes that ... --"
    if cue.frame == "object" and tokens[start].low not in _CLAUSE_OPENERS:
        end = object_end(s, start, end)  # an object, not a clause ("demanded that ...")
    size = word_count(s, start, end)
    if size < 2 and not any(s.quoted[start:end]) and not (
        cue.frame == "object" and tokens[start].is_capitalised and end - start == 1
    ):
        return None  # too short to be what was said, but for a name ("endorsed Ruiz")
    reasons = ["content after the cue"]
    weight = cue.weight
    if tokens[start].low == "that":
        reasons.append("that-clause")
        weight = min(1.0, weight + 0.05)
    return Attribution((start, end), (k, after), speaker, weight, tuple(reasons))


def _by_doing(s: Sentence, cue: Cue, start: int) -> bool:
    """"by" and a gerund after a verb of answering ("responded by citing the law")."""
    tokens = s.tokens
    return cue.lemma in ANSWERS and start + 1 < s.last and tokens[start].low == "by" and (
        tokens[start + 1].low.endswith("ing") and tokens[start + 1].text.islower())


def _noun_infinitive(s: Sentence, to: int) -> bool:
    """"three ways to seek", "a force to defend": the infinitive belongs to a noun, not to
    the subject of the sentence."""
    tokens = s.tokens
    if to - 2 < s.first:
        return False
    noun, before = tokens[to - 1], tokens[to - 2]
    return noun.is_word and noun.text.islower() and (
        before.low in DETERMINERS or before.text[0].isdigit() or before.low in (
            "three", "two", "four", "several", "many", "few"))


def _as_clause(s: Sentence, k: int, after: int, floor: int) -> Attribution | None:
    """"As the mayor noted in May, the bridge is old." (and "Yet, as X observed, ..."): the
    cue's clause opens the sentence and what was said is the main clause after its comma."""
    tokens = s.tokens
    hit = cue_at(tokens, k)
    if hit is None or hit[0].frame not in ("say", "tell"):
        return None
    speaker = speaker_before(tokens, k, floor, appositive=False)
    if speaker is None or speaker[0] - 1 < floor or tokens[speaker[0] - 1].low != "as":
        return None
    lead = speaker[0] - 1
    opening = lead == s.first or all(
        t.text in (",", "\"", "“") or t.low in CONJUNCTIONS for t in tokens[s.first:lead])
    if not opening:
        return None
    comma = next((i for i in range(after, min(s.last, after + 12))
                  if tokens[i].text == "," and not s.quoted[i]), None)
    if comma is None or any(s.quoted[after:comma]):
        return None
    end = content_end(s, comma + 1)
    if word_count(s, comma + 1, end) < 3:
        return None
    return Attribution((comma + 1, end), (k, after), speaker, hit[0].weight,
                       ("content after an as-clause",))


def _past_times(s: Sentence, k: int) -> int:
    """Past a day or time after the cue: "voted Thursday to ...", "decided on Monday to ..."."""
    j = k
    if j < s.last and s.tokens[j].low == "on":
        j += 1
    while j < s.last and not s.quoted[j] and s.tokens[j].low in TIME_WORDS:
        j += 1
    return j if j > k and infinitive(s, j) else k


def _named(tokens: list[Token], speaker: tuple[int, int]) -> bool:
    """A person or a body by name or pronoun ("Trump", "she", "Obama and Clinton's")."""
    first = tokens[speaker[0]]
    if first.low in SUBJECT_PRONOUNS:
        return first.low not in ("it", "who")
    return first.is_capitalised and first.low not in DETERMINERS and not (
        first.low.endswith("ing") or first.low in ("there", "here", "this", "that"))


def _main_subject(s: Sentence, k: int) -> tuple[int, int] | None:
    """The subject of the main clause after a participle clause opening the sentence."""
    comma = next((i for i in range(k + 1, s.last) if s.tokens[i].text == ","
                  and not s.quoted[i]), None)
    return None if comma is None else sentence_subject(s.tokens, comma + 1, s.last)


def _according(s: Sentence, k: int, after: int, floor: int) -> list[Attribution]:
    tokens = s.tokens
    comma = next((j for j in range(after, s.last) if tokens[j].text == "," and not s.quoted[j]),
                 s.last)
    source_end = comma
    while source_end > after and tokens[source_end - 1].text in STOPS:
        source_end -= 1
    source = (after, source_end) if source_end > after else None
    opening = all(t.low in CONJUNCTIONS or t.text == "," for t in tokens[floor:k])
    found: list[Attribution] = []
    if opening:
        end = content_end(s, comma + 1) if comma < s.last else comma
        if comma < s.last and word_count(s, comma + 1, end) >= 3:
            found.append(Attribution((comma + 1, end), (k, after), source, 0.9,
                                     ("according to",)))
        return found
    before = k - 1 if tokens[k - 1].text in (",", *DASHES, "(") else k
    if word_count(s, floor, before) >= 3:
        found.append(Attribution((floor, before), (k, after), source, 0.9, ("according to",)))
    return found


def _passive(s: Sentence, k: int, floor: int) -> Attribution | None:
    """"The plan was criticised by the union": the subject is what the agent said or did
    (a cue in the passive, with "by" and the agent after it)."""
    tokens = s.tokens
    hit = cue_at(tokens, k)
    if hit is None or hit[0].frame not in ("say", "tell", "object") or s.quoted[k] or (
        k + 2 >= s.last or tokens[k + 1].low != "by" or not tokens[k].text.islower()
    ):
        return None
    j = skip_back_modifiers(tokens, k, floor)
    be = next((i for i in range(k - 1, j - 1, -1) if tokens[i].low in _BE_PASSIVE), None)
    if be is None:
        return None
    subject = _clause_subject(s, be, floor) or speaker_before(tokens, j, floor)
    agent = speaker_after(tokens, k + 2, s.last)
    if subject is None or agent is None or tokens[subject[0]].low in SUBJECT_PRONOUNS:
        return None
    return Attribution(subject, (k, k + 2), agent, hit[0].weight - 0.1,
                       ("passive: what the agent said or did",))


def _raised(s: Sentence, k: int, floor: int) -> Attribution | None:
    """"The plan was criticised as too costly", "The mayor seems to favour the tram": what
    is said or thought of the subject, by nobody named. The content is the subject and what
    follows the cue (the cue between them is a few characters of it)."""
    tokens = s.tokens
    word = tokens[k]
    if k + 2 >= s.last or not (word.low in _SEEM or (
        word.low.endswith("ed") and tokens[k + 1].low in _RAISED_LINKS
    )) or s.quoted[k] or not word.text.islower() or s.quoted[k + 1]:
        return None
    j = skip_back_modifiers(tokens, k, floor)
    if word.low in _SEEM:
        if not infinitive(s, k + 1) and not _complement(s, k + 1):
            return None
        verb = j
    else:
        hit = cue_at(tokens, k)
        if hit is None or hit[0].frame not in _RAISED_FRAMES or not word.low.endswith("ed") or (
            tokens[k + 1].low not in _RAISED_LINKS
        ):
            return None
        verb = next((i for i in range(k - 1, j - 1, -1) if tokens[i].low in _BE_PASSIVE), -1)
        if verb < 0:
            return None
    subject = _clause_subject(s, verb, floor)
    if subject is None or tokens[subject[0]].low in ("it", "there", "this", "that", "which"):
        return None
    end = content_end(s, k + 1)
    end = next((i for i in range(k + 1, end) if not s.quoted[i] and (
        tokens[i].text in (",", ";", ":", "(", *DASHES))), end)  # the complement only
    if word_count(s, k + 1, end) < 1 or tokens[subject[0]].low in _CLAUSE_OPENERS:
        return None
    return Attribution((subject[0], end), (k, k + 1), None, 0.5,
                       ("said or thought of the subject",))


_DEGREE = word_set("too so very more less quite rather increasingly likely unlikely like")


def _complement(s: Sentence, k: int) -> bool:
    """"seems too risky", "seemed confident", "seems like a gamble": an adjective or "like"
    after a verb of seeming (a view of the subject, whose holder is unnamed)."""
    token = s.tokens[k]
    if s.quoted[k] or not token.text.islower() or not token.is_word:
        return False
    return token.low in _DEGREE or (token.low not in DETERMINERS and token.low not in (
        PREPOSITIONS) and token.low not in AUXILIARIES and token.low.endswith(
        ("ous", "ful", "ive", "able", "ible", "al", "ic", "ent", "ant", "ed", "y", "less")))


def _clause_subject(s: Sentence, verb: int, floor: int) -> tuple[int, int] | None:
    """The whole subject before the (auxiliary) verb at ``verb``: back to the clause start,
    when no comma or clause word comes between ("The talks about the new budget")."""
    tokens = s.tokens
    j = skip_back_modifiers(tokens, verb, floor)
    start = j
    while start > floor and j - start < 15:
        token = tokens[start - 1]
        if not s.quoted[start - 1] and (token.text in (",", ";", ":", "(", ")", *DASHES)
                                        or token.low in CONJUNCTIONS or token.low in _CLAUSE):
            break
        start -= 1
        if token.low in AUXILIARIES and j - start <= 4:
            j = skip_back_modifiers(tokens, start, floor)  # "is likely to be": one verb
            start = j
    if start == j or (start > floor and j - start >= 15) or not tokens[start].is_word:
        return None
    return start, j


def _headline(s: Sentence) -> Attribution | None:
    """"Poll: voters split on the tram", "Mayor: ...": a paragraph opening with a short
    name and a colon (headlines, transcripts) gives the name's words after the colon."""
    tokens = s.tokens
    if s.first != 0:
        return None
    colon = next((k for k in range(s.first, min(s.last, s.first + 5)) if tokens[k].text == ":"),
                 None)
    if colon is None or colon == s.first or any(
        not (t.is_capitalised or t.text == ".") for t in tokens[s.first:colon]
    ) or tokens[s.first].low in _NOT_SPEAKERS:
        return None  # "Correction: ...", "The Latest: ...": a label, nobody speaking
    end = content_end(s, colon + 1)
    if word_count(s, colon + 1, end) < 3:
        return None
    return Attribution((colon + 1, end), (colon, colon + 1), (s.first, colon), 0.7,
                       ("name and colon",))


# Writings and findings that speak for someone: "In a new poll, ...", "In his memo, ...".
_SOURCE_NOUNS = word_set(
    """poll polls survey surveys study studies report analysis memo book column letter
    tweet statement speech interview editorial filing ruling paper op-ed essay"""
)
_IN_REACH = 16


def _in_source(s: Sentence) -> Attribution | None:
    """"In the latest poll, the mayor leads by six points.": a writing or a finding named
    in an opening phrase speaks the main clause (when no cue in the sentence does)."""
    tokens = s.tokens
    first = s.first
    if first + 3 >= s.last or tokens[first].low != "in" or s.quoted[first]:
        return None
    comma = next((i for i in range(first + 1, min(s.last, first + _IN_REACH))
                  if tokens[i].text == "," and not s.quoted[i]), None)
    if comma is None or (tokens[first + 1].low not in DETERMINERS and not (
        tokens[first + 1].is_capitalised
    )):
        return None
    head = next((i for i in range(first + 1, comma) if tokens[i].low in _SOURCE_NOUNS), None)
    if head is None:
        return None
    start = comma + 1
    if start < s.last and tokens[start].text.islower() and tokens[start].low.endswith(
        ("ed", "ing")
    ):  # "In the last poll, conducted in May, ...": past the participle's phrase
        start = next((i + 1 for i in range(start, min(s.last, start + _IN_REACH))
                      if tokens[i].text == "," and not s.quoted[i]), s.last)
    end = content_end(s, start)
    if word_count(s, start, end) < 4 or not _has_verb(s, start, end) or any(
        s.quoted[i] or i in s.used or find_cue(s, i, start) is not None
        for i in range(start, end)
    ):
        return None  # a cue of its own, or a quotation's: "In a speech, Ruiz said ..."
    return Attribution((start, end), (first, first + 1), (first + 1, comma), 0.55,
                       ("source in an opening phrase",))


_POLLS = word_set("poll polls survey surveys")
_VIEW_NOUNS = word_set("view opinion eyes mind estimation judgment judgement words")
_POSSESSIVES = word_set("his her their its my our your")
_CLOSING_VIEWS = word_set("view opinion eyes estimation")  # "... in his eyes."


def _in_view(s: Sentence) -> Attribution | None:
    """"In her view, the pier is lost." / "The pier is lost in his eyes.": whose view a
    clause is, given by a possessive and a noun of opinion."""
    tokens = s.tokens
    for k in range(s.first, s.last - 2):
        if tokens[k].low != "in" or s.quoted[k]:
            continue
        owner = k + 1
        noun = k + 2
        if tokens[owner].low in _POSSESSIVES and tokens[noun].low in _VIEW_NOUNS:
            speaker = (owner, owner + 1)
        elif tokens[owner].low == "the" and tokens[noun].low in _VIEW_NOUNS and (
            noun + 2 < s.last and tokens[noun + 1].low == "of"
        ):
            who = speaker_after(tokens, noun + 2, s.last)
            if who is None:
                continue
            speaker, noun = (noun + 2, who[1]), who[1] - 1
        else:
            continue
        if k == s.first and noun + 1 < s.last and tokens[noun + 1].text == ",":
            start, end = noun + 2, content_end(s, noun + 2)
        elif (noun + 1 >= s.last or tokens[noun + 1].text in (".", "!", "?")) and (
            tokens[noun].low in _CLOSING_VIEWS
        ):
            start = s.first
            while start < k and (tokens[start].low in CONJUNCTIONS or not tokens[start].is_word):
                start += 1
            end = k
        else:
            continue
        if word_count(s, start, end) < 2 or not _has_verb(s, start, end):
            return None
        return Attribution((start, end), (k, speaker[0]), speaker, 0.55, ("whose view",))
    return None


def _ends_noun_phrase(s: Sentence, k: int) -> bool:
    """The word at ``k`` heads its phrase: what follows is no noun of the same phrase."""
    if k + 1 >= s.last:
        return True
    nxt = s.tokens[k + 1]
    return not nxt.is_word or nxt.low in PREPOSITIONS or nxt.low in _CLAUSE or (
        nxt.low in AUXILIARIES or nxt.low.endswith(("ed", "ing")) or nxt.low in CONJUNCTIONS)


def _in_polls(s: Sentence, floor: int) -> Attribution | None:
    """"The mayor gained ground in the latest polls.": what a poll shows is its finding,
    the clause before "in" (when no cue in the sentence says whose it is)."""
    tokens = s.tokens
    for k in range(floor + 3, s.last - 1):
        if tokens[k].low != "in" or s.quoted[k] or k in s.used:
            continue
        head = next((i for i in range(k + 1, min(s.last, k + 8))
                     if tokens[i].low in _POLLS or tokens[i].text in (",", ".")), None)
        if head is None or tokens[head].low not in _POLLS or not _ends_noun_phrase(s, head):
            continue  # "in the poll station": the poll is no head
        start = next((i + 1 for i in range(k - 1, floor - 1, -1)
                      if tokens[i].text in (",", ";", ":") and not s.quoted[i]), floor)
        while start < k and (tokens[start].low in CONJUNCTIONS or not tokens[start].is_word):
            start += 1
        if word_count(s, start, k) < 3 or not _has_verb(s, start, k) or any(
            s.quoted[start:k]
        ):
            return None
        return Attribution((start, k), (k, k + 1), (k + 1, head + 1), 0.5,
                           ("finding of a poll",))
    return None


def attributions(s: Sentence) -> list[Attribution]:
    """The reported-speech attributions of one sentence, left to right, not overlapping.

    A closing attribution ("..., X said.") wins over cues inside its content,
    which are reported speech nested in what X said.
    """
    tokens = s.tokens
    found: list[Attribution] = []
    floor = s.first
    headline = _headline(s)
    if headline is not None:
        found.append(headline)
        floor = headline.content[0]
    closing = _closing(s, floor)
    k = s.first
    while k < s.last:
        if closing is not None and closing[0] >= k:
            results = closing[1]
            after = closing[0] + 1
            closing = None
        else:
            hit = find_cue(s, k, floor)
            passive = _passive(s, k, floor) if hit is None else None
            if passive is not None:
                found.append(passive)
                k = floor = passive.speaker[1] if passive.speaker else k + 2
                continue
            low = tokens[k].low
            raised = _raised(s, k, floor) if hit is None and (
                low in _SEEM or low.endswith("ed")) else None
            if raised is not None:
                found.append(raised)
                k = floor = raised.content[1]
                continue
            if hit is None:
                noun = noun_attribution(s, k)
                if noun is not None:
                    found.append(noun)
                    k = noun.content[1]
                    floor = k
                    closing = _closing(s, floor) if closing is None else closing
                else:
                    k += 1
                continue
            cue, after = hit
            results = []
            if cue.frame == "according":
                results = _according(s, k, after, floor)
            else:
                pre = _as_clause(s, k, after, floor) or _preposed(
                    s, k, after, floor, found[-1].speaker if found else None, cue)
                results = [pre] if pre is not None else []
                if pre is None and cue.frame != "according":
                    noun = noun_attribution(s, k)  # "came away convinced that ..."
                    results = [noun] if noun is not None else []
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
    source = (_in_source(s) or _in_view(s) or _in_polls(s, s.first)) if not found else _in_polls(
        s, max(max(r.content[1], r.cue[1] if r.cue else 0, r.speaker[1] if r.speaker else 0)
               for r in found))
    if source is not None:
        found.append(source)
    return found
