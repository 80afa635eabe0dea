"""Is this cue word a verb here? Telling "the mayor claims" from "his claims", "so-called".

News prose spells many verbs of saying like nouns (report, claim, call, show);
a few cues from the words around them decide, without a part-of-speech model.
"""

from __future__ import annotations

from typing import NamedTuple

from tui.core.assist.cues import PHRASES, WORDS, Cue, inflect, is_finite
from tui.core.assist.speakers import QUANTIFIERS, skip_back_modifiers
from tui.core.assist.tokens import SENTENCE_END, Token
from tui.core.assist.words import (
    AUXILIARIES,
    DETERMINERS,
    IRREGULAR_PAST,
    OBJECT_PRONOUNS,
    POSSESSIVE_END,
    PREPOSITIONS,
    RELATIVES,
    SUBJECT_PRONOUNS,
    word_set,
)

# Verbs of answering: "responded by citing ..." gives the answer, no agent.
ANSWERS = word_set("respond reply react answer counter retort")
# A subject opening a clause right after the cue: "documents show he paid", "polls show they".
_CLAUSE_SUBJECTS = word_set("he she they we i")
_ADJECTIVE_ENDS = ("al", "ful", "ous", "ive", "ic", "ble", "less")  # financial, basic
_BE = word_set("is was were are be been being")
_GERUND_LEADS = word_set("worth without from having keeps keep kept")
_PLURAL_SUBJECTS = word_set("i we you they people police who that which to")  # and "to demand"
# A verb heading a clause of its own, never the first word after a verb of saying.
_FINITE = word_set(
    """is was were are has have had will would could can may might should must shall does
    did do isn't wasn't weren't aren't hasn't haven't hadn't won't wouldn't couldn't can't"""
)
_NOUN_VERB = word_set(
    """state states remark remarks report reports claim claims call calls show shows plan plans
    support supports question questions comment comments estimate estimates promise promises
    demand demands fear fears
    hope hopes worry doubt doubts attack attacks blast blasts request requests praise
    ruling rule rules finding findings find post posts note notes signal signals pledge
    pledges vow vows warning warnings charge charges counter record hint hints stress outline
    outlines document documents"""
)


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


def title_case(s: Sentence) -> bool:
    words = [t for t in s.tokens[s.first:s.last] if t.is_word and len(t.text) > 3]
    return bool(words) and sum(t.is_capitalised for t in words) * 10 >= len(words) * 7


def _is_verb_use(s: Sentence, k: int, cue: Cue, floor: int) -> bool:
    """Reject nouns and modifiers spelled like cues: "the report", "his claims", "so-called"."""
    tokens = s.tokens
    word = tokens[k]
    if cue.lemma == "according to":
        return True
    if word.is_capitalised and k > s.first and not title_case(s):
        return False  # "United States", "Rules" in a headline
    if k > 0 and tokens[k - 1].end == word.start and tokens[k - 1].text == "-":
        return False  # so-called, well-known
    if k + 1 < s.last and tokens[k + 1].low == "by" and word.low.endswith(("ed", "n", "t")) and (
        cue.lemma not in ANSWERS or k + 2 >= s.last or not tokens[k + 2].low.endswith("ing")
    ):
        return False  # "the plan proposed by": a passive modifier ("responded by citing": no)
    if k + 1 < s.last and tokens[k + 1].low in PREPOSITIONS - {"to"} and " " not in cue.lemma and (
        word.low.endswith("ing") and (k == s.first or tokens[k - 1].text in (".", ",", "(", ";"))
    ):
        return False  # "Reporting by", "Additional reporting from" (not "promising to")
    if k + 1 < s.last and tokens[k + 1].low in _FINITE and tokens[k + 1].start > word.end:
        return False  # "Money worries have grown", "his claims were false": a subject
    if k == floor:
        return word.low.endswith("ing") or not word.is_capitalised or k == s.first
    before = tokens[k - 1]
    if before.low in ("that", "which") and k - 2 >= floor and is_finite(word.low) and (
        tokens[k - 2].is_word or tokens[k - 2].text in (",", "—", "--", "–")
    ):
        return True  # "a group that intends to", "the ministry, which denied": relatives
    if before.low in QUANTIFIERS and word.low not in _NOUN_VERB and not word.low.endswith("ing"):
        return True  # "all agreed", "some believe": the quantifier is the subject
    if before.low == "one" and k - 2 >= floor and tokens[k - 2].low in ("no", "every", "any"):
        return True  # "No one expected": a pronoun, the subject
    if before.low in DETERMINERS or (before.low.endswith(POSSESSIVE_END) and before.low != "'s"):
        return False  # "his claims", "the mayor's plan" (a lone "'s" is "she's said": has)
    if before.low in PREPOSITIONS and not word.low.endswith("ing") and before.low != "to":
        return False
    if word.low.endswith("ing") and k - 2 >= floor and tokens[k - 2].low in DETERMINERS and (
        before.text.islower() and before.low.endswith(_ADJECTIVE_ENDS)
    ):
        return False  # "the financial backing of", "a basic understanding": a noun
    if word.low in ("point", "points") and (before.low == "percentage" or before.text[0].isdigit()):
        return False  # "by 0.1 percentage points to 4.2 percent"
    if before.low in _GERUND_LEADS and word.low.endswith("ing"):
        return False  # "worth noting", "without knowing", "by asking": a gerund, no speaker
    if (word.low in _NOUN_VERB and before.is_word and before.text.islower()
            and before.low.endswith(("ed", "ing")) and before.low not in AUXILIARIES):
        return False  # "faced attacks", "issuing warnings": a verb before makes the cue a noun
    clause_next = k + 1 < s.last and tokens[k + 1].low in _CLAUSE_SUBJECTS
    if word.low in _NOUN_VERB and skip_back_modifiers(tokens, k, floor) == k and (
        not _agrees(before, word) and not clause_next
    ):
        return False  # "a clear signal", "a weekly show": no subject for a plain verb
    if word.low in _NOUN_VERB and k + 1 < len(tokens) and tokens[k + 1].low != "that":
        j = skip_back_modifiers(tokens, k, floor)
        if j == k:  # no auxiliary or adverb: a verb only after a plain subject
            prev = tokens[k - 1]
            nxt = tokens[k + 1] if k + 1 < s.last else None
            if prev.low in SUBJECT_PRONOUNS or prev.low in RELATIVES:
                return True
            if prev.is_word and prev.is_capitalised and k - 1 > s.first and word.low.endswith(
                "s"
            ) and not title_case(s) and nxt is not None and nxt.is_word:
                return True  # "the mayor says", "Ruiz demands accountability": a name, a verb
            if nxt is not None and (nxt.low in DETERMINERS or nxt.low in OBJECT_PRONOUNS
                                    or nxt.low in SUBJECT_PRONOUNS or nxt.low == "against"
                                    or nxt.text == ":" or infinitive(s, k + 1)
                                    or title_case(s)):
                return True  # "the mayor claims the ...": an object or a clause follows
            if (nxt is None or nxt.text in SENTENCE_END) and word.low.endswith("s") and any(
                t.text == "," and not s.quoted[i]
                for i, t in enumerate(tokens[max(floor, k - 12):k], max(floor, k - 12))
            ):
                return True  # "..., the Journal reports.": a closing attribution
            if nxt is None or not (nxt.is_capitalised or nxt.text[0].isdigit()
                                   or (cue.frame == "object" and nxt.low in ("for", "on"))):
                return False
            two_back = tokens[k - 2] if k - 2 >= floor else None
            return two_back is None or word.low.endswith("s") or not (
                two_back.low in DETERMINERS or two_back.low.endswith(POSSESSIVE_END)
                or two_back.low in PREPOSITIONS)  # "the state Senate"; "the poll shows X"
    # passive ("was criticized", "is observed as") but for the progressive ("is demanding")
    # and verbs of saying raising their subject ("is said to", "is expected to")
    return before.low not in _BE or word.low.endswith("ing") or (
        cue.frame == "say" and k + 1 < s.last and tokens[k + 1].low == "to")


def _agrees(subject: Token, verb: Token) -> bool:
    """Can ``verb`` in its plain form (no -s, -ed, -ing) follow ``subject`` as its verb?
    Only after a plural ("officials warn"), "I", "we", "you", "they" or a relative."""
    if verb.low.endswith(("s", "ed", "ing")) or not verb.text.islower():
        return True
    word = subject.low
    return (word in _PLURAL_SUBJECTS or word in RELATIVES or not subject.is_word
            or subject.is_capitalised  # "Spain and Chile support", "the Census data show"
            or (word.endswith("s") and not word.endswith(("ss", "us", "is"))))


def infinitive(s: Sentence, k: int) -> bool:
    """"to" and a verb at ``k`` ("plans to build"), not "to" and a noun phrase."""
    if k + 1 >= s.last or s.tokens[k].low != "to":
        return False
    verb = s.tokens[k + 1]
    return verb.is_word and verb.text.islower() and verb.low not in DETERMINERS and (
        verb.low not in OBJECT_PRONOUNS)


def find_cue(s: Sentence, k: int, floor: int) -> tuple[Cue, int] | None:
    """The cue used as a verb at token ``k`` (not inside a quotation, not already taken)."""
    if s.quoted[k] or k in s.used:
        return None
    hit = cue_at(s.tokens, k)
    if hit is None:
        hit = _that_verb(s, k, floor)
        if hit is not None:
            return hit
        hit = _regard_verb(s, k) or _speak_about(s, k)
    if hit is None or not _is_verb_use(s, k, hit[0], floor):
        return None
    return hit



# Verbs that take a that-clause which is nobody's words or thoughts ("means that", "so that").
_NOT_THAT = word_set(
    """means meant mean ensure ensured ensures ensuring so such now given provided except
    indeed was were had did"""
)
# Before a plain verb form: a modal or a pronoun makes it a verb ("we might wish that").
_VERB_LEADS = word_set(
    """might could would can will should must may 'd do does did don't didn't doesn't can't
    couldn't wouldn't won't shouldn't i we they you"""
)
# What opens the subject of a clause after "that" (not "that kind of", "that situation").
_CLAUSE_STARTS = word_set(
    """he she they it we i you there the a an his her their its our my your some many most
    no every each all this these those one two three four five six seven eight nine ten"""
)


def _that_verb(s: Sentence, k: int, floor: int) -> tuple[Cue, int] | None:
    """A verb outside the lexicon with a that-clause: "investigators discovered that ...",
    "we might wish that ...", "an attorney stressed that ...". Speech, thought or finding,
    as a verb followed by "that" and a clause of its own almost always is; the verb must
    look finite (past, or after a modal or a pronoun) and a subject and a verb follow."""
    tokens = s.tokens
    if k == floor or k + 3 >= s.last or tokens[k + 1].low != "that" or s.quoted[k + 1]:
        return None
    word, before = tokens[k], tokens[k - 1]
    if not word.is_word or not word.text.islower() or word.low in _NOT_THAT or (
        word.low in AUXILIARIES or before.low in DETERMINERS
    ):
        return None
    if not (word.low.endswith("ed") or word.low in IRREGULAR_PAST or before.low in _VERB_LEADS):
        return None
    head = tokens[k + 2]
    if not (head.low in _CLAUSE_STARTS or head.is_capitalised or head.text[0].isdigit()):
        return None
    if not any(t.low in AUXILIARIES or t.low in IRREGULAR_PAST or t.low.endswith(("ed", "s"))
               for t in tokens[k + 3:min(s.last, k + 12)]):
        return None  # no verb: "that" is a determiner ("that the dam's gates")
    return Cue(word.low, "say", 0.5), k + 1


# Verbs that judge something "as" something: "saw the vote as a warning".
_REGARD = {form: lemma for lemma in ("see", "regard", "rate", "paint", "cast", "depict", "frame",
                                     "perceive", "deride", "treat", "peg")
           for form in inflect(lemma)}
_REGARD_REACH = 12
_NOT_AS = word_set("such so just well")
_AS_STOPS = frozenset([",", ";", ":", ".", "!", "?", "(", ")", "—", "―", "--", "–"])
_AS_DEGREE = word_set("much many well long soon far little few good")


def _regard_verb(s: Sentence, k: int) -> tuple[Cue, int] | None:
    """"Critics see the levy as a tax on fishing", "the board rated the plan as weak": a
    verb of judging with its object and an "as" complement is someone's view."""
    tokens = s.tokens
    lemma = _REGARD.get(tokens[k].low)
    if lemma is None or not tokens[k].text.islower() or k + 2 >= s.last:
        return None
    for j in range(k + 2, min(s.last, k + _REGARD_REACH)):
        token = tokens[j]
        if s.quoted[j] or token.low == "as":
            if token.low != "as" or tokens[j - 1].low in _NOT_AS or (
                j + 1 < s.last and tokens[j + 1].low in _AS_DEGREE
            ):
                return None  # "such as", "as much as": a comparison, no complement
            return Cue(lemma, "object", 0.6), k + 1
        if token.text in _AS_STOPS or token.low in AUXILIARIES or token.low in RELATIVES:
            return None
    return None


# Verbs of speaking whose topic follows "of" or "about" after an adverb or an adjunct:
# "spoke emotionally of", "talks to the crew about", "spoke out on Tuesday about".
_SPEAK = {form: lemma for lemma in ("speak", "talk") for form in inflect(lemma)}
_TOPIC_LINKS = word_set("of about against")
_SPEAK_REACH = 8


def _adverb(token: Token) -> bool:
    return token.low.endswith("ly") and token.text.islower() and len(token.low) > 4


def _speak_about(s: Sentence, k: int) -> tuple[Cue, int] | None:
    """"The mayor spoke at length of the flood": the topic after the adjunct is the content."""
    tokens = s.tokens
    lemma = _SPEAK.get(tokens[k].low)
    if lemma is None or not tokens[k].text.islower():
        return None
    for j in range(k + 1, min(s.last - 1, k + _SPEAK_REACH)):
        token = tokens[j]
        if s.quoted[j] or token.text in _AS_STOPS or token.low in AUXILIARIES or (
            token.low in RELATIVES or token.low in SUBJECT_PRONOUNS
        ):
            return None
        if token.low in _TOPIC_LINKS:
            between = tokens[k + 1:j]
            if not between or tokens[j - 1].low in PREPOSITIONS or (token.low == "of" and not all(
                t.low == "out" or _adverb(t) for t in between
            )):
                return None  # "spoke of" is in the lexicon; "a gathering of", "for about"
            return Cue(f"{lemma} {token.low}", "object", 0.6), j + 1
    return None
