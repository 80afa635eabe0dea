"""The status line: the annotation under the cursor, the link in progress, counts."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content

from .article_view import ArticleView
from .link_index import LinkIndex

QUOTE_CHARS = 40


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def status_line(
    view: ArticleView,
    counts: Mapping[str, int],
    links: LinkIndex,
    pending: str | None,
    tag_keys: str = "",
) -> Content:
    """Plain text (``Content``), so quotes and notes are never read as markup."""
    parts: list[str] = []
    if pending is not None:
        parts.append(
            f"LINKING from «{shorten(pending, 30)}»: move to the "
            "counterpart, select it or put the cursor on it, press l (Esc cancels)"
        )
    annotation = view.annotation_at_cursor()
    if annotation is not None:
        detail = f"{annotation.label} «{shorten(annotation.text, 30)}»"
        if annotation.note:
            detail += f" note: {shorten(annotation.note, 30)}"
        count = len(links.of(annotation.id))
        detail += f" · {count} link{'s' if count != 1 else ''}"
        others = len(view.annotations_at_cursor()) - 1
        if others:
            detail += f" (+{others} overlapping)"
        parts.append(detail)
    elif (suggested := view.suggestion_at_cursor()) is not None:
        why = "; ".join(suggested.reasons[:3])
        parts.append(
            f"suggested {suggested.label} ({suggested.score:.2f}: {shorten(why, 60)}):"
            " a accept, d dismiss, A accept all like it"
        )
    selection = view.selection
    if selection is not None:
        parts.append(f"selected {selection[1] - selection[0]} chars: {tag_keys} to tag")
    elif view.selecting:
        parts.append("selecting: move to extend, v to stop")
    parts.append(" · ".join(f"{label} {count}" for label, count in counts.items()))
    return Content("  |  ".join(parts))
