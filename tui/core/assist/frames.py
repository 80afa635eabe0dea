"""One reported-speech attribution found in a sentence, as token ranges of its paragraph."""

from __future__ import annotations

from typing import NamedTuple


class Attribution(NamedTuple):
    """One content with its cue and speaker, as token index ranges of a paragraph."""

    content: tuple[int, int]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    weight: float
    reasons: tuple[str, ...]
