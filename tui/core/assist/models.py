"""Records the assistants hand to the CLI and the reader: plain, frozen, offset-based."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    """A span of the article's canonical text (code points, end exclusive)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QuoteSuggestion:
    """One attribution found in an article: what was said, and by whom when known.

    ``start``/``end``/``text`` cover the content only: the cue and the speaker
    are separate pieces so that accepting a suggestion tags the words quoted.
    """

    start: int
    end: int
    text: str
    kind: str  # "direct" | "reported"
    score: float  # 0..1
    reasons: tuple[str, ...]
    speaker: Piece | None
    cue: Piece | None
    label: str = "quote"
