"""What the reader and the CLI suggest: quotes and claims as one kind of record,
contradictions across articles, minus what was dismissed or already tagged."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..models import Annotation, Dismissal, fingerprint
from .claims import suggest_claims
from .compare import Contradiction, compare
from .models import Piece
from .quotes import suggest_quotes

KINDS = ("quote", "claim")


@dataclass(frozen=True)
class Suggestion:
    """A span worth tagging, with why; ``kind`` is what found it, ``label`` what it
    would be tagged as."""

    kind: str
    label: str
    article_id: str
    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...]
    form: str = ""  # for quotes: "direct" or "reported"
    speaker: Piece | None = None
    cue: Piece | None = None

    @property
    def id(self) -> str:
        return fingerprint(self.kind, self.article_id, self.text)

    @property
    def origin(self) -> str:
        return f"suggested:{self.kind}"


def suggest(
    article_id: str,
    text: str,
    kinds: Collection[str] = KINDS,
    headings: Sequence[tuple[int, int]] = (),
) -> list[Suggestion]:
    """Every suggestion for one article's canonical text, in reading order; none inside
    ``headings`` (a headline such as "Iran, US Agree to ..." quotes nobody)."""
    found: list[Suggestion] = []
    if "quote" in kinds:
        found += [
            Suggestion("quote", item.label, article_id, item.start, item.end, item.text,
                       item.score, item.reasons, item.kind, item.speaker, item.cue)
            for item in suggest_quotes(text)
        ]  # fmt: skip
    if "claim" in kinds:
        found += [
            Suggestion("claim", item.label, article_id, item.start, item.end, item.text,
                       item.score, item.reasons)
            for item in suggest_claims(text)
        ]  # fmt: skip
    found = [
        item
        for item in found
        if not any(start <= item.start and item.end <= end for start, end in headings)
    ]
    return sorted(found, key=lambda item: (item.start, item.end, item.kind))


def _covered(suggestion: Suggestion, annotations: Sequence[Annotation]) -> bool:
    """Already tagged with its label: an annotation of that label covers most of it."""
    for annotation in annotations:
        if annotation.label != suggestion.label or annotation.orphaned:
            continue
        overlap = min(annotation.end, suggestion.end) - max(annotation.start, suggestion.start)
        if overlap * 2 >= suggestion.end - suggestion.start:
            return True
    return False


def open_suggestions(
    suggestions: Iterable[Suggestion],
    annotations: Sequence[Annotation],
    dismissed: Collection[str],
    labels: Collection[str],
) -> list[Suggestion]:
    """What is still worth showing: not dismissed, not tagged yet, with a known label."""
    return [
        item
        for item in suggestions
        if item.label in labels and item.id not in dismissed and not _covered(item, annotations)
    ]


def contradiction_id(item: Contradiction) -> str:
    return fingerprint("compare", item.a.article_id, item.a.text, item.b.article_id, item.b.text)


def contradictions(
    articles: Sequence[tuple[str, str]], dismissed: Collection[str], top: int | None = None
) -> list[Contradiction]:
    """Candidate contradictions across ``(article_id, text)`` pairs, best first, minus
    the dismissed ones."""
    ranked = [item for item in compare(articles) if contradiction_id(item) not in dismissed]
    return ranked if top is None else ranked[:top]


def suggestion_dismissal(item: Suggestion) -> Dismissal:
    return Dismissal(item.id, item.kind, item.article_id, item.start, item.end, item.text,
                     "", 0, 0, "", created_at="")  # fmt: skip


def contradiction_dismissal(item: Contradiction) -> Dismissal:
    a, b = item.a, item.b
    return Dismissal(contradiction_id(item), "compare", a.article_id, a.start, a.end, a.text,
                     b.article_id, b.start, b.end, b.text, created_at="")  # fmt: skip
