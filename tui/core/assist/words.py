"""Closed word classes the attribution rules look at (English news prose)."""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """The words of ``text``, whitespace-separated: lists stay readable as prose."""
    return frozenset(text.split())


AUXILIARIES = word_set(
    """has have had is was were are am be been being 's 'd would will could can may might
    should must shall did does do 've 'll 're didn't doesn't don't hasn't haven't hadn't isn't
    wasn't weren't aren't won't wouldn't couldn't can't shouldn't"""
)
NEGATIONS = word_set("not n't never no longer")
ADVERBS = word_set(
    """also later then previously once again even still already recently often long first
    repeatedly just now too further earlier since ever always frequently similarly likewise
    subsequently initially openly privately publicly separately reportedly flatly
    quickly simply famously memorably bluntly angrily calmly firmly quietly loudly
    explicitly implicitly specifically generally correctly incorrectly falsely rightly
    wrongly essentially effectively basically partly largely mostly only finally
    eventually immediately sharply strongly clearly directly indirectly"""
)
DETERMINERS = word_set(
    """the a an this that these those his her their its our my your some many most several
    both all each every any no another other such few more less much whose which what
    whatever either neither one two three four five six seven eight nine ten dozens
    hundreds thousands millions"""
)
SUBJECT_PRONOUNS = word_set("he she they we i you it who")
PERSONAL_PRONOUNS = word_set("he she")
OBJECT_PRONOUNS = word_set("him her them us me you it")
PREPOSITIONS = word_set(
    """in on at during to from after before with for by of about over under into through
    via while when since amid among between across against despite toward towards upon
    within without behind beside near outside inside throughout per like than as"""
)
CONJUNCTIONS = word_set(
    """and but or nor so yet because although though if unless whether while when where
    whereas however therefore meanwhile moreover furthermore instead also"""
)
RELATIVES = word_set("who which that whom whose where when")
TIME_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    tomorrow morning afternoon evening night week weekend month year day hours last this
    next earlier later recently previously ago early late january february march april may
    june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec then again once twice"""
)
# Words that start a "where/when/how" adjunct after a cue: "said in a statement".
ADJUNCT_STARTS = PREPOSITIONS | TIME_WORDS | word_set("repeatedly flatly simply")
POSSESSIVE_END = ("’s", "'s", "s’", "s'")
TITLES = word_set(
    """mr mrs ms dr prof sen rep gov gen lt col capt sgt adm maj president senator
    governor judge justice secretary speaker chairman chairwoman rev pope king queen
    prince mayor minister sheriff chief"""
)
NAME_LINKS = word_set("of the for de del da van von der le la bin al el and")
ROLE_NOUNS = word_set(
    """spokesman spokeswoman spokesperson official officials aide aides spokesmen
    spokeswomen representative representatives"""
)
# Irregular past tenses: a verb heading a clause, where "-ed" does not show it.
IRREGULAR_PAST = word_set(
    """was were had did said made went took came saw gave got found told thought knew left
    felt kept brought began ran held stood sent spent lost paid met led won drew grew threw
    wrote spoke broke chose rose fell became sought bought caught taught fought meant built
    sold struck shook drove rode sank sang swore tore wore woke"""
)
