"""One pass over an article: its sentences, each with the facts it states.

Claims and contradictions both read this, so an article is analysed the same
way whichever suggestion the analyst asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .facts import Fact, comparatives, hedges, negations, quotations, speech_cues, undecided
from .lexicon import STOPWORDS
from .names import NameContext, name_context, names, with_known_surnames
from .quantities import quantities
from .sentences import Sentence, split_sentences, words

_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")


Words = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class AnalysedSentence:
    sentence: Sentence
    words: Words  # from ``sentences.words``: found once, read by every rule
    facts: tuple[Fact, ...]
    heading: bool  # a headline, a section title or a navigation crumb: no prose
    kinds: dict[str, tuple[Fact, ...]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        kinds: dict[str, list[Fact]] = {}
        for item in self.facts:
            kinds.setdefault(item.kind, []).append(item)
        object.__setattr__(self, "kinds", {kind: tuple(found) for kind, found in kinds.items()})

    def of_kind(self, *kinds: str) -> list[Fact]:
        """Facts of these kinds in reading order (rules ask for them many times per sentence)."""
        if len(kinds) == 1:
            return list(self.kinds.get(kinds[0], ()))
        found = [item for kind in kinds for item in self.kinds.get(kind, ())]
        return sorted(found, key=lambda item: (item.start, item.end))


def is_heading(text: str, start: int, end: int, spans: Words) -> bool:
    """Prose ends with punctuation; a headline is short or Title Cased (a full stop or not)."""
    tokens = [text[b:e] for b, e in spans]
    content = [token for token in tokens if token.lower() not in STOPWORDS]
    capitalised = sum(1 for token in content if token[0].isupper()) / max(len(content), 1)
    if _ENDS_A_SENTENCE.search(text, start, end):
        small_words = [token for token in tokens if token.lower() in STOPWORDS]
        title_case = all(token[0].isupper() for token in small_words if len(token) > 3)
        return len(content) >= 4 and capitalised >= 0.9 and title_case
    if len(tokens) < 4 or not content:
        return True
    return capitalised >= 0.6


def sentence_facts(
    text: str, start: int, end: int, spans: list[tuple[int, int]], context: NameContext
) -> tuple[Fact, ...]:
    found = quantities(text, start, end)
    found += names(text, start, spans, context)
    found += speech_cues(text, spans)
    found += negations(text, spans)
    found += hedges(text, spans)
    found += quotations(text, start, end)
    found += comparatives(text, start, end)
    found += undecided(text, start, end)
    return tuple(sorted(found, key=lambda item: (item.start, item.end)))


def analyse(text: str) -> list[AnalysedSentence]:
    sentences = split_sentences(text)
    spans = [words(text, item.start, item.end) for item in sentences]
    headings = [
        is_heading(text, item.start, item.end, tuple(found))
        for item, found in zip(sentences, spans, strict=True)
    ]
    prose = [
        (item.start, found)
        for item, found, heading in zip(sentences, spans, headings, strict=True)
        if not heading
    ]
    context = name_context(text, prose)
    facts = with_known_surnames(
        [
            () if heading else sentence_facts(text, item.start, item.end, found, context)
            for item, found, heading in zip(sentences, spans, headings, strict=True)
        ]
    )
    return [
        AnalysedSentence(item, tuple(found), sentence_facts_, heading)
        for item, found, sentence_facts_, heading in zip(
            sentences, spans, facts, headings, strict=True
        )
    ]
