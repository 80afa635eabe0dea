"""Word lists the rules read: numbers, time words, units, titles, cues, negations, antonyms.

Kept as data, apart from the rules, so that extending English coverage (or
adding a language) touches no logic.
"""

from __future__ import annotations

from collections.abc import Iterable

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "dozen": 12,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "bn": 1_000_000_000,
}  # fmt: skip
NUMBER_WORDS = {**UNITS, **TENS, **SCALES}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip

# Length of one unit in days: durations compare by what they mean, not how they are written.
TIME_UNITS = {
    "second": 1 / 86_400, "minute": 1 / 1_440, "hour": 1 / 24, "day": 1.0, "night": 1.0,
    "week": 7.0, "fortnight": 14.0, "month": 30.4, "year": 365.0, "decade": 3_650.0,
    "century": 36_500.0,
}  # fmt: skip
# What a plural time word without a number means: "for years" is at least two years.
VAGUE_COUNTS = {
    "": (2.0, 12.0), "a few": (2.0, 5.0), "few": (2.0, 5.0), "several": (3.0, 10.0),
    "many": (4.0, 40.0), "recent": (1.0, 10.0), "past": (1.0, 10.0), "two": (2.0, 2.0),
}  # fmt: skip
VAGUE_OPEN_ENDED = {"year", "decade", "century"}  # "for years" may mean twenty

PERCENT_WORDS = {"percent", "per cent", "%", "percentage point", "percentage points"}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "yuan": "CNY", "rupee": "INR",
    "rial": "IRR", "ruble": "RUB", "rouble": "RUB", "franc": "CHF",
}  # fmt: skip

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
FUTURE_MARKERS = {"next", "coming", "following", "upcoming"}
PAST_MARKERS = {"last", "previous", "past"}

# Verbs that report speech; ``lemma_table`` adds every form (said, says, telling).
SPEECH_CUES = (
    "say", "tell", "add", "stress", "warn", "insist", "deny", "claim", "announce", "write",
    "tweet", "confirm", "state", "note", "explain", "argue", "report", "declare", "reveal",
    "acknowledge", "admit", "assert", "emphasise", "emphasize", "quote",
    "suggest", "promise", "pledge", "vow", "indicate",
)  # fmt: skip
SPEECH_PHRASES = ("according to", "as per", "quoted as saying")
# Cues that are nouns too ("state media", "reports indicated"): only their verb forms count.
NOUN_CUES = ("report", "state", "quote", "note", "claim", "promise", "pledge", "vow", "tweet")

NEGATIONS = {
    "not", "no", "never", "none", "neither", "nor", "without", "cannot", "nothing", "nobody",
    "n't", "didn't", "don't", "doesn't", "won't", "wouldn't", "isn't", "wasn't", "weren't",
    "aren't", "hasn't", "haven't", "hadn't", "couldn't", "shouldn't", "can't",
}  # fmt: skip
VERBAL_NEGATIONS = {"not", "never", "cannot"}  # and every "-n't"
HEDGES = {
    "may", "might", "could", "would", "should", "must", "perhaps", "possibly", "probably",
    "likely", "unlikely", "appear", "appears", "seem", "seems", "hope", "hopes", "believe",
    "believes", "potential", "possible", "reportedly", "allegedly", "hinting", "signaling",
    "signalling", "suggesting", "willing", "watching", "can",
}  # fmt: skip
# Evaluative words: a sentence built on them states an opinion, not a checkable fact.
OPINION_WORDS = frozenset(
    """very positive negative good bad great excellent terrible complicated difficult easy
    important crucial critical serious major significant huge tremendous remarkable rare
    hopeful tense mistrust trust obstacle challenge atmosphere desire sincerity goodwill
    beneficial unfortunate fortunate welcome disappointing encouraging worrying dangerous
    deeply strongly clearly obviously undoubtedly shameful historic unprecedented""".split()  # noqa: SIM905
)
# Words that place an event ahead: with a time beside them, a schedule.
FUTURE_CUES = frozenset(
    ["will", "shall", "scheduled", "planned", "due", "set", "expected", "next", "reconvene"]
)
# Words that say an outcome is still open: "the date will be decided later".
UNDECIDED = (
    "decide", "determine", "undecided", "undetermined", "unclear", "unknown", "pending",
    "yet to", "not yet", "later", "consult", "depend", "depends", "no date",
)  # fmt: skip

# Pairs of verbs/adjectives whose meanings exclude each other (base forms).
ANTONYMS = (
    ("agree", "refuse"), ("agree", "disagree"), ("agree", "reject"), ("accept", "reject"),
    ("accept", "refuse"), ("confirm", "deny"), ("approve", "reject"), ("approve", "veto"),
    ("win", "lose"), ("rise", "fall"), ("increase", "decrease"), ("raise", "lower"),
    ("resume", "halt"), ("resume", "suspend"), ("allow", "ban"), ("allow", "forbid"),
    ("support", "oppose"), ("succeed", "fail"), ("positive", "negative"),
    ("include", "exclude"), ("continue", "halt"), ("strengthen", "weaken"), ("gain", "lose"),
    ("attend", "skip"), ("attend", "boycott"), ("present", "absent"), ("release", "detain"),
    ("legal", "illegal"), ("success", "failure"), ("guilty", "innocent"), ("alive", "dead"),
    ("direct", "indirect"), ("increase", "cut"), ("open", "closed"),
)  # fmt: skip
IRREGULAR = {
    "said": "say", "told": "tell", "wrote": "write", "written": "write", "won": "win",
    "lost": "lose", "losing": "lose", "rose": "rise", "risen": "rise", "fell": "fall",
    "fallen": "fall", "began": "begin", "begun": "begin", "left": "leave", "cut": "cut",
    "denied": "deny", "denies": "deny", "ended": "end", "forbade": "forbid",
    "forbidden": "forbid", "stopped": "stop", "banned": "ban", "vetoed": "veto",
}  # fmt: skip

# Words that make a capitalised run a role, not a name: "Foreign Minister Abbas Araghchi".
TITLE_WORDS = {
    "president", "presidential", "vice", "prime", "minister", "ministers", "secretary",
    "envoy", "special", "senior", "advisor", "adviser", "spokesperson", "spokesman",
    "spokeswoman", "ambassador", "chief", "general", "gen", "commander", "director", "chair",
    "chairman", "chairwoman", "ceo", "head", "leader", "supreme", "foreign", "defence",
    "defense", "interior", "finance", "deputy", "state", "king", "queen", "prince",
    "princess", "sheikh", "mr", "mrs", "ms", "dr", "prof", "professor", "sen", "senator",
    "gov", "governor", "rep", "representative", "judge", "justice", "mayor", "ayatollah",
    "pope", "sir", "lord", "lady", "colonel", "col", "captain", "lt", "lieutenant", "officer",
    "official", "attorney", "chancellor", "premier", "sultan", "emir", "crown", "first",
    "admiral", "sergeant", "major", "executive", "national", "security", "staff",
}  # fmt: skip
# Words that make a capitalised run an organisation or place, never a person.
ORG_WORDS = {
    "ministry", "department", "council", "house", "office", "command", "agency", "bank",
    "company", "corporation", "inc", "ltd", "party", "union", "nations", "states", "kingdom",
    "republic", "university", "court", "parliament", "congress", "senate", "assembly",
    "committee", "commission", "forces", "army", "navy", "police", "news", "times", "post",
    "media", "organisation", "organization", "federation", "street", "city", "province",
    "county", "island", "islands", "sea", "gulf", "ocean", "river", "airport", "hospital",
}  # fmt: skip

# Function words and frequent sentence openers: never a name on their own, never a content word.
STOPWORDS = frozenset(
    """a about above after again against all also although am amid among an and another any
    are around as at be because been before being below between both but by can could did
    do does during each either even ever every few for from further had has have having he
    her here hers herself him himself his how however i if in into is it its itself just
    last later least less like many may me meanwhile might more most much must my myself
    near neither new next no nor not now of off often on once one only or other others our
    ours ourselves out over own per perhaps same she should since so some still such than
    that the their theirs them themselves then there these they this those though through
    thus to too toward towards under until up upon us very via was we were what when where
    whether which while who whom whose why will with within without would yet you your
    yours yourself yourselves s t don’t didn’t it’s that’s what’s also according per""".split()  # noqa: SIM905
)
OPENERS = frozenset(
    """according after although and as at but by despite during even following for from
    furthermore given here however if in indeed instead it meanwhile moreover nevertheless
    nonetheless now on once reports separately since so still that the then there these
    they this those though thus today tomorrow under unlike until what when where whether
    while why with within yesterday yet advertisement scroll home""".split()  # noqa: SIM905
)

COMPARATIVE_PHRASES = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "nearly", "almost",
    "as many as", "as much as", "record", "for the first time", "the first", "the last",
)  # fmt: skip
SUPERLATIVE_EXCEPTIONS = frozenset(
    """interest protest west east request test suggest honest modest rest best guest nest
    forest manifest contest arrest invest digest harvest quest chest pest vest latest
    greatest""".split()  # noqa: SIM905
)


def verb_forms(base: str) -> set[str]:
    """Regular inflections of ``base``: agree -> agrees, agreed, agreeing."""
    forms = {base, base + "s"}
    if base.endswith("e"):
        forms |= {base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "ed", base + "ing"}
        if len(base) <= 4 and base[-1] in "tnpgbm" and base[-2] in "aeiou":
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}  # ban -> banned
    if base.endswith(("s", "sh", "ch", "x")):
        forms.add(base + "es")
    return forms


def lemma_table(bases: Iterable[str]) -> dict[str, str]:
    """Every form of every base (regular and irregular) mapped to its base."""
    table: dict[str, str] = {}
    wanted = set(bases)
    for base in wanted:
        for form in verb_forms(base):
            table.setdefault(form, base)
    for form, base in IRREGULAR.items():
        if base in wanted:
            table[form] = base
    return table
