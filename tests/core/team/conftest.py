"""Analysts' databases made from text the tests write themselves."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tui.core.articles import parse_article
from tui.core.store import Store

BRIDGE = (
    "The minister said the bridge would open in May. Critics said it would not open before "
    "July, and the mayor called the plan “a fantasy”.\n\nEngineers declined to comment.\n"
)
FLOOD = (
    "Rain flooded the old town on Sunday. The river rose two metres overnight, officials "
    "said, and 300 people left their homes.\n\nThe army was sent in on Monday.\n"
)


def snapshot(db: Path) -> dict[str, Any]:
    """Every row of every table, read without newsmark."""
    with closing(sqlite3.connect(db)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"'))) for table in tables
        }


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def analyst(tmp_path: Path) -> Callable[..., Path]:
    """``analyst(name, {path: text})``: a database with those articles imported."""

    def make(name: str, articles: dict[str, str] | None = None) -> Path:
        path = tmp_path / f"{name}.db"
        with Store(path) as store:
            for file_name, text in (articles or {"bridge.txt": BRIDGE}).items():
                store.import_article(parse_article(text, tmp_path / file_name))
        return path

    return make


def tag(db: Path, text: str, words: str, label: str, annotator: str, note: str = "") -> str:
    """Tag ``words`` in the article whose text is ``text``; returns the annotation id."""
    with Store(db) as store:
        article_id = next(
            summary.id for summary in store.articles() if store.article_text(summary.id) == text
        )
        start, end = span(text, words)
        return store.add_annotation(
            article_id, start, end, label, annotator=annotator, note=note
        ).id
