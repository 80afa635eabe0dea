"""The cue lexicon: verbs (and a few phrases) that introduce what someone said or thinks.

Each lemma has a frame, which decides where its content lies:
- ``say``: a clause after the cue ("said that ..."), or before it ("..., she said");
- ``tell``: like ``say`` with a hearer first ("told reporters that ...");
- ``object``: what follows the cue, object included ("called the plan a disaster",
  "denied the report");
- ``intend``: an infinitive after the cue ("plans to sue", "declined to comment").
and a weight (how sure a sentence with this cue is an attribution).
"""

from __future__ import annotations

from typing import NamedTuple

from tui.core.assist.words import word_set


class Cue(NamedTuple):
    lemma: str
    frame: str  # "say" | "tell" | "object" | "intend"
    weight: float


_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "find": ("finds", "found", "finding"),
    "know": ("knows", "knew", "known", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "show": ("shows", "showed", "shown", "showing"),
    "see": ("sees", "saw", "seen", "seeing"),
    "hold": ("holds", "held", "holding"),
    "foresee": ("foresees", "foresaw", "foreseen", "foreseeing"),
    "read": ("reads", "reading"),
    "put": ("puts", "putting"),
    "understand": ("understands", "understood", "understanding"),
    "hear": ("hears", "heard", "hearing"),
}
_DOUBLED = word_set("admit regret refer omit submit commit slam quip rebut blog plan")


def inflect(base: str) -> tuple[str, ...]:
    """The forms of a verb: base, third person, past, participles (regular spelling rules)."""
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    if base in _DOUBLED:
        stem = base + base[-1]
        return base, base + "s", stem + "ed", stem + "ing"
    if base.endswith("e"):
        return base, base + "s", base + "d", base[:-1] + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base, base + "es", base + "ed", base + "ing"
    return base, base + "s", base + "ed", base + "ing"


# Verbs of saying: content after or before, strong evidence.
_SAY_STRONG = word_set("""say add write tweet claim state declare explain argue contend assert
insist note remark reply respond acknowledge admit concede confirm reveal warn complain allege
stress emphasize emphasise recall testify boast brag joke quip post counter retort
announce deny proclaim reiterate exclaim scoff muse predict caution observe
shout yell scream chant whisper mutter plead""")
# Saying, thinking or finding: likely attribution when a clause follows.
_SAY_WEAK = word_set("""report suggest believe think feel fear worry hope expect know understand
doubt suspect indicate signal hint imply speculate estimate conclude find show determine
agree disagree mention comment complain wonder question ask promise pledge vow threaten
guarantee predict rule decide learn recognize recognise realize realise worry discover
notice sense fathom envision envisage foresee""")
# A hearer before the content.
_TELL = word_set("""tell inform assure remind advise notify urge convince persuade reassure""")
# The content is the object (and what is said of it).
_OBJECT = word_set("""call describe label dub brand characterize characterise cite criticize
criticise praise reject support endorse oppose attack blast slam condemn denounce defend
propose demand unveil tout dismiss accuse blame applaud welcome decry lament recommend
request seek applaud hail liken compare mock ridicule rip chide fault question laud
echo dispute discuss detail reference express publish embrace favor prefer back promote
champion advocate lambaste highlight ignore downplay admire despise bemoan
implore chronicle portray examine document outline recite retweet chastise compliment
grill""")
# Wanting and intending: the content is what is wanted ("wants to ...", "refused to ...").
_INTEND = word_set("""want refuse consider view aim""")
# Deciding and planning: what follows counts only as "to" and a verb ("plans to sue").
_INFINITIVE = word_set("""plan intend decline vote vie""")

# Nouns of saying and thinking, followed by what was said: "the claim that ..."
NOUN_CUES = word_set(
    """claim claims belief beliefs assertion assertions argument arguments suggestion
    suggestions warning warnings allegation allegations statement statements promise
    promises pledge pledges view notion idea fear fears concern concerns hope hopes
    speculation assurance assurances insistence admission announcement report reports
    evidence message conclusion finding findings contention charge charges accusation
    accusations prediction predictions expectation expectations assumption sense"""
)

PHRASES: dict[tuple[str, ...], Cue] = {
    ("according", "to"): Cue("according to", "according", 0.9),
    ("pointed", "out"): Cue("point out", "say", 0.85),
    ("points", "out"): Cue("point out", "say", 0.85),
    ("point", "out"): Cue("point out", "say", 0.85),
    ("pointing", "out"): Cue("point out", "say", 0.85),
    ("called", "for"): Cue("call for", "object", 0.7),
    ("calls", "for"): Cue("call for", "object", 0.7),
    ("calling", "for"): Cue("call for", "object", 0.7),
    ("call", "for"): Cue("call for", "object", 0.7),
    ("called", "on"): Cue("call on", "object", 0.7),
    ("calls", "on"): Cue("call on", "object", 0.7),
    ("calling", "on"): Cue("call on", "object", 0.7),
    ("made", "clear"): Cue("make clear", "say", 0.7),
    ("makes", "clear"): Cue("make clear", "say", 0.7),
}
for _verb, _particle in (("speak", "of"), ("speak", "about"), ("talk", "about"),
                         ("point", "to"), ("refer", "to"), ("rail", "against"),
                         ("lash", "out"), ("comment", "on")):
    for _form in inflect(_verb):
        PHRASES[(_form, _particle)] = Cue(f"{_verb} {_particle}", "object", 0.6)


# Forms that are far more often an adverb or a noun: "back" (went back), "advocates".
_NOT_VERBS = word_set("back backs advocate advocates")


def _build() -> dict[str, Cue]:
    table: dict[str, Cue] = {}
    groups = (
        (_INFINITIVE, "intend", 0.55),
        (_INTEND, "object", 0.55),
        (_OBJECT, "object", 0.6),
        (_SAY_WEAK, "say", 0.6),
        (_TELL, "tell", 0.85),
        (_SAY_STRONG, "say", 0.85),
    )
    for lemmas, frame, weight in groups:  # later groups win
        for lemma in lemmas:
            for form in inflect(lemma):
                table[form] = Cue(lemma, frame, weight)
    for form in inflect("say") + inflect("tell"):
        table[form] = table[form]._replace(weight=0.95)
    for form in _NOT_VERBS:
        del table[form]
    return table


WORDS: dict[str, Cue] = _build()
_PAST = frozenset(form for forms in _IRREGULAR.values() for form in forms[1:-1])


def is_finite(form: str) -> bool:
    """A past or third-person form ("said", "adds"): a verb heading its own clause."""
    return form.endswith(("ed", "s")) or form in _PAST
# Verbs whose content may come first: "..., she said." (not "..., she found.")
POSTPOSED = _SAY_STRONG | _TELL | word_set(
    "ask suggest report believe think predict wonder question promise vow show find estimate learn"
)
# Verbs that may come before their subject after the content: "..., said the mayor."
INVERTING = _SAY_STRONG | word_set("ask wonder")
