"""What the reader opens: articles named on the command line, else the database's, else seeds."""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .articles import Article, load_article
from .errors import NewsmarkError
from .store import Store
from .text import printable

if TYPE_CHECKING:
    from .store import ImportResult


def default_annotator() -> str:
    try:
        return os.environ.get("NEWSMARK_ANNOTATOR") or getpass.getuser()
    except (KeyError, OSError):
        return ""


def load_all(paths: Sequence[str | Path], title: str | None = None) -> list[Article]:
    """Load every file before the database is even opened: one bad file changes nothing."""
    if title is not None and len(paths) != 1:
        raise NewsmarkError("--title needs exactly one PATH")
    return [load_article(path, title=title) for path in paths]


def import_paths(store: Store, paths: Sequence[str | Path]) -> list[ImportResult]:
    articles = load_all(paths)
    return [store.import_article(article) for article in articles]


MAX_QUOTE = 80  # characters of a quote shown in a summary line
MAX_LISTED = 20  # annotations listed in the reader's start-up message


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1] + "…"
    return printable(f"“{text}”")


def outcome_counts(result: ImportResult) -> str:
    return (
        f"{result.unchanged} unchanged, {result.moved} moved, "
        f"{result.changed} changed, {result.orphaned} orphaned"
    )


def flagged_lines(result: ImportResult) -> list[str]:
    """One safe line per changed or orphaned annotation: old quote -> new quote."""
    lines: list[str] = []
    for item in result.flagged:
        if item.outcome == "changed":
            what = f"{_quoted(item.old_quote)} -> {_quoted(item.new_quote)}"
            if item.as_tagged:
                what += " (as tagged again: anchored)"
        else:
            what = f"{_quoted(item.old_quote)} (passage gone; kept with its quote)"
        lines.append(f"{item.outcome:8} {printable(item.annotation_id[:8])}  {what}")
    return lines


def describe(result: ImportResult, title: str) -> str | None:
    """The reader's start-up message for an article whose text changed."""
    if result.status != "updated":
        return None
    again = " (an earlier version again)" if result.earlier_version else ""
    lines = flagged_lines(result)
    if len(lines) > MAX_LISTED:
        lines = [*lines[:MAX_LISTED], f"… and {len(lines) - MAX_LISTED} more in the list (L)"]
    head = f"{printable(title)}: the text changed{again}; annotations: {outcome_counts(result)}"
    return "\n".join([head, *lines])


def articles_to_open(
    store: Store, paths: Sequence[str | Path | Article], seeds: Sequence[Path]
) -> tuple[list[str], list[str]]:
    """Article ids to show and messages about re-anchored annotations."""
    if paths:
        articles = [item if isinstance(item, Article) else load_article(item) for item in paths]
        results = [store.import_article(article) for article in articles]
    else:
        existing = [summary.id for summary in store.articles()]
        if existing:
            return existing, []
        results = import_paths(store, seeds)
    ids: list[str] = []
    messages: list[str] = []
    for result in results:
        if result.article_id not in ids:
            ids.append(result.article_id)
        message = describe(result, store.get_article(result.article_id).title)
        if message:
            messages.append(message)
    return ids, messages
