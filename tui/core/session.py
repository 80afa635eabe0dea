"""What the reader opens: articles named on the command line, else the database's, else seeds."""

from __future__ import annotations

import getpass
import os
from collections.abc import Sequence
from pathlib import Path

from .articles import Article, load_article
from .errors import NewsmarkError
from .store import ImportResult, Store


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


def describe(result: ImportResult, title: str) -> str | None:
    if result.status != "updated":
        return None
    return (
        f"{title}: the file changed; {result.moved} annotation(s) moved, "
        f"{result.orphaned} orphaned (kept, listed with their quote)"
    )


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
