"""The status line: the annotation under the cursor, the link in progress, counts."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content

from ..core.text import printable
from .article_view import ArticleView
from .link_index import LinkIndex

QUOTE_CHARS = 40


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    """One harmless line of at most ``limit`` characters: quotes, notes, titles and names
    come from files and other analysts, so they pass the sanitiser first."""
    flat = " ".join(printable(text).replace("\u2424", " ").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def status_line(
    view: ArticleView,
    counts: Mapping[str, int],
    links: LinkIndex,
    pending: str | None,
    tag_keys: str = "",
    statuses: Mapping[str, int] | None = None,
    width: int = 200,
    label_keys: Mapping[str, str] | None = None,
) -> Content:
    """Plain text (``Content``), so titles, quotes, notes and URLs are never read as markup.

    The article comes first (which pane the keys act on); counts come last and say
    how many annotations are changed or orphaned rather than leave them out. On a
    narrow terminal labels are counted by their gutter letter (``C 2 · Q 0``).
    """
    narrow = width < 120
    quote_chars = 18 if narrow else 30
    parts: list[str] = [shorten(view.article.title, 16 if narrow else 40)]
    if pending is not None:
        parts.append(
            f"LINKING from «{shorten(pending, quote_chars)}»: move to the "
            "counterpart, select it or put the cursor on it, press l (Esc cancels)"
        )
    annotation = view.annotation_at_cursor()
    if annotation is not None:
        detail = f"{annotation.label} «{shorten(annotation.text, quote_chars)}»"
        if annotation.status == "changed":
            detail += " (changed: the article's wording moved)"
        if annotation.note:
            detail += f" note: {shorten(annotation.note, quote_chars)}"
        count = len(links.of(annotation.id))
        detail += f" ↔{count}" if narrow else f" · {count} link{'s' if count != 1 else ''}"
        others = len(view.annotations_at_cursor()) - 1
        if others:
            detail += f" +{others}" if narrow else f" (+{others} overlapping)"
        parts.append(detail)
    elif (suggested := view.suggestion_at_cursor()) is not None:
        why = "; ".join(suggested.reasons[:3])
        parts.append(
            f"suggested {suggested.label} ({suggested.score:.2f}: {shorten(why, 60)}):"
            " a accept, d dismiss, A accept all like it"
        )
    target = view.link_target_at_cursor()
    if target is not None:
        parts.append(f"link to {shorten(target, 60)}")
    selection = view.selection
    if selection is not None:
        parts.append(f"selected {selection[1] - selection[0]} chars: {tag_keys} to tag")
    elif view.selecting:
        parts.append("selecting: move to extend, v to stop")
    keys = label_keys if narrow and label_keys is not None else {}
    tally = [f"{keys.get(label, label).upper() if keys else label} {count}"
             for label, count in counts.items()]  # fmt: skip
    statuses = statuses or {}
    if statuses.get("changed"):
        tally.append(f"{statuses['changed']} changed")
    if statuses.get("orphaned"):
        orphans = f"{statuses['orphaned']} orphaned"
        tally.append(orphans if narrow else f"{orphans} (not in the text: L lists them)")
    parts.append(" · ".join(tally))
    return Content(printable((" | " if narrow else "  |  ").join(parts)))
