"""Suggested quotes: direct quotations and reported speech, with cue and speaker.

Paragraph by paragraph: pair the quotation marks, cut sentences (never inside a
quotation), find reported-speech frames in each sentence and the attribution of
each quotation, then merge the two (a quotation inside reported speech is part
of it). A pronoun speaker ("he", "she", "who") stays the speaker, as the sentence
says it (annotators mark it so too); the name it stands for, the last given as a
speaker, is named in the reasons and inherited by quotations that have no cue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from tui.core.assist.cues import WORDS
from tui.core.assist.direct import QuoteSource, lead_in, quote_source, transcript_speaker
from tui.core.assist.marks import QuoteRegion, find_quotes
from tui.core.assist.models import Piece, QuoteSuggestion
from tui.core.assist.reported import attributions
from tui.core.assist.spans import tidy
from tui.core.assist.speakers import NameIndex, person_names, speaker_before
from tui.core.assist.tokens import Token, sentences, tokenize
from tui.core.assist.verbs import Sentence
from tui.core.assist.words import PERSONAL_PRONOUNS, SUBJECT_PRONOUNS, word_set

_WORD = re.compile(r"\w+")
_SENTENCE_CLOSE = re.compile(r"\w[.!?][\"”’']+$")  # a sentence ends inside the closing mark
_TITLE_LINKS = word_set("of the and for in on a an to with")  # "State of the Union."
_SHORT_QUOTE_WORDS = 4  # a cue-less quotation shorter than this is a title or scare quote


Span = tuple[int, int]


class _Who(NamedTuple):
    """A speaker as the text gives it, and the name a pronoun stands for."""

    span: Span
    named: Span | None = None

    @property
    def person(self) -> Span:
        return self.named or self.span


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str
    weight: float
    reasons: list[str]
    cue: tuple[int, int] | None  # character offsets
    speaker: _Who | None
    quoted: int = 0  # characters inside quotation marks
    region: QuoteRegion | None = None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if text[start:end].strip():
            spans.append((start, end))
        start = end + 1
    return spans


def _excerpt_parts(region: QuoteRegion, tokens: list[Token]) -> list[QuoteRegion]:
    """An unclosed quotation whose inner quotations have cues of their own ('"The hall was
    quiet. “Here we go,” she said.') is an excerpt of a story: its quotations count."""
    if region.closed or not region.inner:
        return [region]
    k = 0
    for inner in region.inner:
        while k < len(tokens) and tokens[k].start < inner.end:
            k += 1
        j = k + 1 if k < len(tokens) and tokens[k].text == "," else k
        for t in tokens[j:j + 4]:
            cue = WORDS.get(t.low)
            if cue is not None and cue.frame in ("say", "tell") and not t.is_capitalised:
                return list(region.inner)
    return [region]


def _nickname(tokens: list[Token], first: int, last: int) -> bool:
    """'Rosa "Ro" Lind': a short quotation between two parts of a name."""
    return (first > 0 and last < len(tokens) and last - first <= 5
            and tokens[first - 1].is_capitalised and tokens[last].is_capitalised
            and tokens[first - 1].is_word and tokens[last].is_word)


def _chars(tokens: list[Token], span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None or span[0] >= span[1]:
        return None
    return tokens[span[0]].start, tokens[span[1] - 1].end


class _Article:
    """State carried from paragraph to paragraph: names seen, the last quote's speaker."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.speakers = NameIndex()  # names given as speakers
        self.names = NameIndex()  # any person's name
        self.last_speaker: _Who | None = None  # of the last direct quotation
        # cue and speaker of a paragraph ending with a colon, for the next one's quotation
        self.lead_in: tuple[Span | None, _Who | None] | None = None
        self.out: list[QuoteSuggestion] = []
        self._paragraph_start = 0
        self.previous_speaker: _Who | None = None  # last speaker of the paragraph before
        self._speaker_here: _Who | None = None

    def paragraph(self, start: int, end: int, regions: list[QuoteRegion]) -> None:
        tokens = tokenize(self.text, start, end)
        if not tokens:
            return
        self._paragraph_start = start
        self.previous_speaker, self._speaker_here = self._speaker_here, None
        regions = [part for region in regions for part in _excerpt_parts(region, tokens)]
        quoted = [False] * len(tokens)
        region_tokens: list[tuple[QuoteRegion, int, int]] = []
        k = 0
        for region in regions:
            while k < len(tokens) and tokens[k].start < region.start:
                k += 1
            first = k
            while k < len(tokens) and tokens[k].end <= region.end:
                quoted[k] = True
                k += 1
            if k > first:
                region_tokens.append((region, first, k))
        for name in person_names(tokens, quoted):
            chars = _chars(tokens, name)
            if chars is not None:
                self.names.add(*chars)
        bounds = sentences(tokens, [(r.start, r.end) for r in regions])
        sentence_of = [0] * len(tokens)
        for index, (first, last) in enumerate(bounds):
            for t in range(first, last):
                sentence_of[t] = index
        used: set[int] = set()
        candidates: list[_Candidate] = []
        lead = self.lead_in
        self.lead_in = None
        for region, first, last in region_tokens:
            if _nickname(tokens, first, last):
                continue
            first_s, last_s = bounds[sentence_of[first]]
            sentence = Sentence(tokens, first_s, last_s, quoted, used)
            source: QuoteSource | None = transcript_speaker(sentence, first, last)
            source = source or quote_source(sentence, first, last)
            reasons = ["quotation marks"]
            if region.nested:
                reasons.append("nested quotation")
            if region.continued:
                reasons.append("quotation continues over paragraphs")
            elif not region.closed:
                reasons.append("quotation runs to the paragraph end")
            candidate = _Candidate(region.start, region.end, "direct", 0.9, reasons,
                                   None, None, region.end - region.start, region)
            if source is not None:
                if source.cue is not None:
                    used.update(range(*source.cue))
                    if source.cue[0] > first and source.cue[1] < last:
                        candidate.start = tokens[source.cue[1]].start  # '"HOST: Welcome
                candidate.cue = _chars(tokens, source.cue)
                candidate.speaker = self._speaker(tokens, source.speaker)
                candidate.reasons.append(source.reason)
            elif lead is not None and first == 0:
                candidate.cue, candidate.speaker = lead
                candidate.reasons.append("introduced by the paragraph before")
            candidates.append(candidate)
        block = self._block_quotation(tokens, lead, region_tokens)
        if block is not None:
            candidates.append(block)
        for first, last in bounds if block is None else ():
            for found in attributions(Sentence(tokens, first, last, quoted, used)):
                content = _chars(tokens, found.content)
                if content is None:
                    continue
                candidates.append(_Candidate(
                    content[0], content[1], "reported", found.weight, list(found.reasons),
                    _chars(tokens, found.cue), self._speaker(tokens, found.speaker),
                ))
        self._emit(self._merge(candidates))
        first_s, last_s = bounds[-1]
        intro = lead_in(Sentence(tokens, first_s, last_s, quoted, used))
        if intro is not None:
            self.lead_in = (_chars(tokens, intro.cue), self._speaker(tokens, intro.speaker))

    def _block_quotation(
        self, tokens: list[Token], lead: tuple[Span | None, _Who | None] | None,
        region_tokens: list[tuple[QuoteRegion, int, int]],
    ) -> _Candidate | None:
        """"The governor added:" and then a paragraph without quotation marks: the whole
        paragraph is what was added (a block quotation, as blogs and transcripts set it)."""
        if lead is None or (region_tokens and region_tokens[0][1] == 0):
            return None
        cue, speaker = lead
        if cue is None or self.text[cue[0]:cue[1]] == ":" or len(tokens) < _SHORT_QUOTE_WORDS:
            return None  # a colon alone ("The results:") introduces a list, not words
        return _Candidate(tokens[0].start, tokens[-1].end, "direct", 0.7,
                          ["block quotation", "introduced by the paragraph before"], cue, speaker)

    def _speaker(self, tokens: list[Token], span: tuple[int, int] | None) -> _Who | None:
        """Character span of a speaker; for "he", "she" or "who", the name it stands for."""
        if span is None:
            return None
        chars = _chars(tokens, span)
        if chars is None:
            return None
        word = tokens[span[0]]
        if span[1] - span[0] == 1 and word.low in ("who", "which", "that"):
            k = span[0]
            if k > 0 and tokens[k - 1].text == ",":
                k -= 1
            antecedent = speaker_before(tokens, k, 0, appositive=False)
            if antecedent is not None and tokens[antecedent[0]].low not in SUBJECT_PRONOUNS:
                return _Who(chars, _chars(tokens, antecedent))
            return _Who(chars)
        if span[1] - span[0] == 1 and word.low in PERSONAL_PRONOUNS:
            return _Who(chars, self.speakers.before(word.start) or self.names.before(word.start))
        if word.is_capitalised and word.low not in SUBJECT_PRONOUNS:
            self.speakers.add(*chars)
        return _Who(chars)

    def _merge(self, candidates: list[_Candidate]) -> list[_Candidate]:
        """A quotation inside reported speech is part of it, not a suggestion of its own."""
        reported = [c for c in candidates if c.kind == "reported"]
        kept: list[_Candidate] = list(reported)
        for c in candidates:
            if c.kind != "direct":
                continue
            host = next((r for r in reported if r.start <= c.start and c.end <= r.end), None)
            if host is None:
                kept.append(c)
                continue
            host.quoted += c.end - c.start
            if host.quoted * 10 >= (host.end - host.start) * 9:
                host.kind = "direct"  # the content is the quotation: direct speech
                host.reasons = [*c.reasons, *(r for r in host.reasons if r not in c.reasons)]
            elif "partial quotation" not in host.reasons:
                host.reasons.append("partial quotation")
            if host.speaker is None and c.speaker is not None:
                host.speaker = c.speaker
        kept.sort(key=lambda c: c.start)
        return kept

    def _emit(self, candidates: list[_Candidate]) -> None:
        text = self.text
        attributed = next((c for c in candidates if c.kind == "direct" and c.speaker), None)
        for c in candidates:
            if c.kind == "direct" and c.region is not None:
                if c.cue is None and c.speaker is None:
                    before = next((b for b in reversed(candidates)
                                   if b.speaker and b.end <= c.start
                                   and b.speaker.person[1] <= c.start), None)
                    if not self._standalone_quote(c, attributed or before):
                        continue
                else:
                    self.last_speaker = c.speaker or self.last_speaker
            edges = tidy(text, c.start, c.end)
            if edges is None:
                continue
            start, end = edges
            reasons = list(c.reasons)
            cue = self._piece(c.cue)
            if c.speaker is not None and c.speaker.span[0] < end and start < c.speaker.span[1]:
                c.speaker = None  # a speaker is never part of what was said
            speaker = self._piece(c.speaker.span if c.speaker else None)
            if cue is not None:
                reasons.append(f"cue: {cue.text}")
            if speaker is not None and c.speaker is not None:
                named = self._piece(c.speaker.named)
                who = f" ({named.text})" if named is not None else ""
                reasons.append(f"speaker: {speaker.text}{who}")
                score = c.weight
            else:
                score = c.weight - 0.1
            self._speaker_here = c.speaker or self._speaker_here
            self.out.append(QuoteSuggestion(
                start, end, text[start:end], c.kind, round(max(0.0, min(1.0, score)), 2),
                tuple(reasons), speaker, cue,
            ))

    def _standalone_quote(self, c: _Candidate, attributed: _Candidate | None) -> bool:
        """Keep a quotation with no cue of its own when it reads as someone's words.

        It inherits the speaker of a quotation in the same paragraph, or of the
        paragraph before when it continues it; short or title-case quotations with
        no speaker (titles, scare quotes) are dropped.
        """
        words = _WORD.findall(self.text, c.start, c.end)
        long_words = [w for w in words if len(w) > 3]
        capitalised = sum(1 for w in long_words if w[0].isupper())
        speaks_on = attributed is not None and _SENTENCE_CLOSE.search(
            self.text, c.start, c.end) is not None and not any(
            w in _TITLE_LINKS for w in words)  # '..." she said. "The Donald. Big Daddy."'
        if len(words) < 2 or (capitalised * 10 >= len(long_words) * 6 and not speaks_on):
            return False  # a title, a name, "(CROSSTALK.)"
        if attributed is not None and attributed is not c and attributed.speaker is not None:
            c.speaker = _Who(attributed.speaker.person)
            c.reasons.append("same speaker as the quotation beside it" if attributed.kind ==
                             "direct" else "speaker of the attribution before it")
            c.weight = 0.8
            return True
        if c.region is not None and c.region.continued and self.last_speaker is not None:
            c.speaker = _Who(self.last_speaker.person)
            c.reasons.append("speaker of the quotation before")
            c.weight = 0.8
            return True
        opens = self.text[self._paragraph_start:c.start].strip() == ""
        if opens and self.previous_speaker is not None and len(words) >= _SHORT_QUOTE_WORDS:
            c.speaker = _Who(self.previous_speaker.person)
            c.reasons.append("speaker named in the paragraph before")
            c.weight = 0.7
            return True
        if len(words) < _SHORT_QUOTE_WORDS:
            return False
        c.weight = 0.6
        return True

    def _piece(self, span: tuple[int, int] | None) -> Piece | None:
        if span is None:
            return None
        edges = tidy(self.text, *span, wordless=True)  # a cue may be a colon
        if edges is None:
            return None
        return Piece(edges[0], edges[1], self.text[edges[0]:edges[1]])


def suggest_quotes(text: str) -> list[QuoteSuggestion]:
    """Attributions in ``text`` (an article's canonical text), sorted by start."""
    paragraphs = _paragraphs(text)
    article = _Article(text)
    for (start, end), regions in zip(paragraphs, find_quotes(text, paragraphs), strict=True):
        article.paragraph(start, end, regions)
    article.out.sort(key=lambda s: (s.start, s.end))
    return article.out
