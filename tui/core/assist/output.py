"""Suggestions and contradictions as the CLI prints them: JSON Lines or a table."""

from __future__ import annotations

import json
from typing import Any

from ..text import printable
from .compare import Contradiction, Side
from .models import Piece
from .suggestions import Suggestion

QUOTE_CHARS = 100


def _piece(piece: Piece | None) -> dict[str, Any] | None:
    return None if piece is None else {"start": piece.start, "end": piece.end, "text": piece.text}


def suggestion_record(item: Suggestion) -> dict[str, Any]:
    record: dict[str, Any] = {
        "article_id": item.article_id,
        "start": item.start,
        "end": item.end,
        "label": item.label,
        "text": item.text,
        "score": round(item.score, 4),
        "reasons": list(item.reasons),
    }
    if item.kind == "quote":
        record.update(kind=item.form, speaker=_piece(item.speaker), cue=_piece(item.cue))
    return record


def _side(side: Side) -> dict[str, Any]:
    return {"article_id": side.article_id, "start": side.start, "end": side.end,
            "text": side.text}  # fmt: skip


def contradiction_record(item: Contradiction) -> dict[str, Any]:
    return {"score": round(item.score, 4), "reasons": list(item.reasons),
            "a": _side(item.a), "b": _side(item.b)}  # fmt: skip


def jsonl(record: dict[str, Any]) -> str:
    """One line; ``ensure_ascii`` keeps every control character escaped."""
    return json.dumps(record, ensure_ascii=True)


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(printable(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def suggestion_row(item: Suggestion) -> str:
    who = f"  — {_short(item.speaker.text, 40)}" if item.speaker else ""
    form = f" {item.form}" if item.form else ""
    return (
        f"{item.score:4.2f}  {item.article_id}  {item.start:>6}-{item.end:<6} {item.label}{form}"
        f"  «{_short(item.text)}»{who}  ({_short('; '.join(item.reasons), 80)})"
    )


def contradiction_rows(rank: int, item: Contradiction) -> list[str]:
    return [
        f"{rank:>3}. {item.score:4.2f}  {_short('; '.join(item.reasons), 120)}",
        f"     {item.a.article_id} {item.a.start}-{item.a.end}  «{_short(item.a.text, 110)}»",
        f"     {item.b.article_id} {item.b.start}-{item.b.end}  «{_short(item.b.text, 110)}»",
    ]
