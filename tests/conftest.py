"""Fixtures shared by the core tests: a store on disk and a way to put text in it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tui.core.articles import Article, parse_article
from tui.core.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "annotations.db") as opened:
        yield opened


@pytest.fixture
def add_article(store: Store) -> Callable[..., Article]:
    """Import ``raw`` (canonicalised like a file's contents) and return the stored article."""

    def add(raw: str, name: str | None = None, title: str | None = None) -> Article:
        # A new path each time: a known path with new text would be a new version instead.
        name = name or f"article-{len(store.articles())}.txt"
        article = parse_article(raw, name, title=title)
        result = store.import_article(article)
        return store.get_article(result.article_id)

    return add
