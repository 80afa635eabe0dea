"""Attributions carried by a noun of saying or deciding, or an adjective of attitude.

- "the claim that ...", "his warning that ...": what was said is the that-clause;
- "her decision to ...", "the council's plan to ...": what was decided is the infinitive;
- "his remarks about ...", "the mayor's call for ...": what was said is the object.
- "Residents are afraid that ...", "it is unclear whether ...": an adjective of attitude
  with its clause, the subject before it the speaker ("it" is none).
The speaker of a noun is the possessor before it ("the mayor's", "her"), which the last two
require: without it, a plan or a call is seldom anyone's words.
"""

from __future__ import annotations

from tui.core.assist.clauses import content_end, object_end, opens_clause, word_count
from tui.core.assist.cues import NOUN_CUES
from tui.core.assist.frames import Attribution
from tui.core.assist.speakers import speaker_before
from tui.core.assist.verbs import Sentence, infinitive
from tui.core.assist.words import (
    AUXILIARIES,
    DETERMINERS,
    IRREGULAR_PAST,
    POSSESSIVE_END,
    PREPOSITIONS,
    RELATIVES,
    SUBJECT_PRONOUNS,
    word_set,
)

_THAT_NOUNS = NOUN_CUES | word_set(
    """acknowledgment acknowledgement bet worry worries doubt recognition suspicion suspicions
    pronouncement pronouncements emphasis perception impression consensus theory
    realization realisation thought thoughts feeling rumor rumors rumour rumours"""
)
# Nouns whose content follows "is that": "her view is that", "the implication is clear:".
_COPULA_NOUNS = word_set(
    """view views argument belief claim hope fear concern worry message implication point
    assumption suggestion criticism complaint position contention bet feeling sense
    conclusion finding theory question answer response reply explanation"""
)
_ATTITUDES = word_set(
    """afraid frustrated incensed convinced sure confident worried concerned certain aware
    clear obvious hopeful optimistic pessimistic skeptical sceptical adamant angry
    upset furious pleased glad disappointed surprised insistent doubtful"""
)
_CLAUSE_SUBJECTS = SUBJECT_PRONOUNS | word_set("this these those there")
_COPULAS = word_set("is was are were 's 're am")
_MAKE = word_set("make makes made making")  # "make sure that": no attitude of anyone
_TO_NOUNS = word_set(
    """decision decisions plan plans promise promises pledge pledges threat threats vow vows
    determination refusal call calls effort efforts attempt bid commitment proposal
    proposals intention eagerness willingness reluctance offer order request demand
    demands"""
)
_OBJECT_NOUNS = word_set(
    """claim claims comment comments remark remarks statement statements criticism views
    view theory ideas rhetoric warning warnings questions concerns doubts attack attacks
    complaint complaints accusations allegations praise support opposition call calls
    message focus emphasis commitment commitments endorsement obsession adulation"""
)
# Nouns and adjectives whose topic is what someone said or thinks, owner or not:
# "questions about the deal", "skeptical about the plan".
_OPEN_NOUNS = word_set(
    """questions concerns comments remarks speculation skepticism scepticism reservations
    debate discussion doubts complaints skeptical sceptical worried concerned"""
)
# Who stands for or against something: "a staunch opponent of the death penalty".
_PARTISANS = word_set(
    "supporter supporters opponent opponents defender defenders advocate critical supportive"
)
_OBJECT_PREPOSITIONS = word_set("about on of for against over regarding")
_POSSESSIVE_PRONOUNS = word_set("his her its their my our your")
_CLAUSE_OPENERS = RELATIVES | SUBJECT_PRONOUNS | word_set(
    "while because if as after before until unless although since so whether how why"
)
_PHRASE_ENDS = frozenset([",", ";", ":", "(", "—", "―", "--", "–"])


def _possessor(s: Sentence, k: int) -> tuple[int, int] | None:
    """"the mayor's", "her" before the noun at ``k``, one or two modifiers between
    ("his latest remarks", "the agency's new plan")."""
    tokens = s.tokens
    j = k
    while j > s.first and k - j < 2:
        word = tokens[j - 1]
        if not (word.is_word and word.text.islower()) or word.low in DETERMINERS or (
            word.low in PREPOSITIONS or word.low.endswith(POSSESSIVE_END)
            or word.low in _POSSESSIVE_PRONOUNS
        ):
            break
        j -= 1
    if j <= s.first or s.quoted[j - 1]:
        return None
    owner = tokens[j - 1]
    if owner.low in _POSSESSIVE_PRONOUNS:
        return j - 1, j
    if owner.low.endswith(POSSESSIVE_END):
        return speaker_before(s.tokens, j, s.first, appositive=False)
    return None


def _phrase_end(s: Sentence, start: int, end: int) -> int:
    """Where the complement of a noun ends: at a comma or a dash, or before the verb of
    the clause the noun phrase is the subject of ("her decision to stay angered ...")."""
    tokens = s.tokens
    clause = False  # a clause of its own inside the phrase has verbs of its own
    for k in range(start + 1, end):
        if s.quoted[k]:
            continue
        token = tokens[k]
        if token.text in _PHRASE_ENDS:
            return k
        clause = clause or token.low in _CLAUSE_OPENERS
        if clause:
            continue
        before = tokens[k - 1]
        if token.low in AUXILIARIES or token.low in IRREGULAR_PAST or (
            token.text.islower() and token.low.endswith("ed") and before.low not in DETERMINERS
            and not before.low.endswith("ly")
        ):
            return k
    return end


def _noun_is_that(s: Sentence, k: int) -> Attribution | None:
    """"Her view is that ...", "The implication is clear: ...", "The question was whether
    ...": a noun of saying or thinking whose content follows the copula."""
    tokens = s.tokens
    j = k + 2
    if j < s.last and tokens[j].low in ("clear", "simple", "obvious"):
        j += 1
    if j >= s.last or s.quoted[j] or tokens[j].low not in ("that", "whether", ":"):
        return None
    start = j + 1 if tokens[j].text == ":" else j
    end = content_end(s, start)
    if word_count(s, start, end) < 4:
        return None
    return Attribution((start, end), (k, j), _possessor(s, k), 0.6, ("noun and copula",))


def _bare_clause(s: Sentence, k: int) -> bool:
    """"It was clear Clinton is ...", "we are convinced this is ...": an adjective of
    attitude after a copula, then a clause with no "that" (a subject and an auxiliary)."""
    tokens = s.tokens
    if k < s.first + 2 or tokens[k - 1].low not in _COPULAS:
        return False
    subject = tokens[k + 1]
    if not (subject.low in _CLAUSE_SUBJECTS or subject.is_capitalised) or subject.low == "who":
        return False
    return any(t.low in AUXILIARIES for t in tokens[k + 2:min(s.last, k + 6)])


_FRONTING = word_set("despite amid after before with given although though while since")


def _fronted_end(s: Sentence, k: int, end: int) -> int:
    """"Despite early claims that the pier was safe, it closed": in a phrase put before the
    main clause, the noun's clause ends at the comma that closes the phrase."""
    tokens = s.tokens
    if tokens[s.first].low not in _FRONTING or any(
        tokens[i].text == "," for i in range(s.first, k)
    ):
        return end
    return next((i for i in range(k + 2, end) if tokens[i].text == "," and not s.quoted[i]), end)


def noun_attribution(s: Sentence, k: int) -> Attribution | None:
    """The attribution a noun at ``k`` carries, or None."""
    tokens = s.tokens
    word = tokens[k]
    if s.quoted[k] or k + 2 >= s.last or s.quoted[k + 1] or not word.text.islower():
        return None
    link = tokens[k + 1].low
    if link in ("is", "was") and word.low in _COPULA_NOUNS:
        found = _noun_is_that(s, k)
        if found is not None:
            return found
    if word.low in _ATTITUDES and ((
        link not in ("that", "whether") and _bare_clause(s, k)  # "it was clear she ..."
    ) or (
        link in ("that", "whether") and opens_clause(s, k + 1)
    )) and (k == s.first or tokens[k - 1].low not in _MAKE):
        end = content_end(s, k + 1)
        if word_count(s, k + 1, end) < 3:
            return None
        who = speaker_before(tokens, k, s.first)
        if who is not None and tokens[who[0]].low in ("it", "there", "this"):
            who = None  # "it is clear that": nobody in particular
        return Attribution((k + 1, end), (k, k + 1), who, 0.55, ("attitude with a clause",))
    if link == "that" and word.low in _THAT_NOUNS and opens_clause(s, k + 1):
        end = _fronted_end(s, k, content_end(s, k + 1))
        if word_count(s, k + 1, end) < 4:
            return None
        return Attribution((k + 1, end), (k, k + 1), _possessor(s, k), 0.6,
                           ("noun with a that-clause",))
    owner = _possessor(s, k)
    if owner is None and ((link == "about" and word.low in _OPEN_NOUNS) or (
        link == "of" and word.low in _PARTISANS
    )):
        end = _phrase_end(s, k + 2, object_end(s, k + 2, content_end(s, k + 2)))
        if end <= k + 2 or not tokens[k + 2].is_word or word_count(s, k + 2, end) < 2:
            return None
        return Attribution((k + 2, end), (k, k + 2), None, 0.45, ("noun with its object",))
    if owner is None:
        return None
    if link == "to" and word.low in _TO_NOUNS and infinitive(s, k + 1):
        end = _phrase_end(s, k + 2, content_end(s, k + 1))
        return Attribution((k + 1, end), (k, k + 1), owner, 0.55, ("noun with an infinitive",))
    if link in _OBJECT_PREPOSITIONS and word.low in _OBJECT_NOUNS:
        end = _phrase_end(s, k + 2, object_end(s, k + 2, content_end(s, k + 2)))
        if end <= k + 2 or not tokens[k + 2].is_word:
            return None
        return Attribution((k + 2, end), (k, k + 2), owner, 0.5, ("noun with its object",))
    return None
