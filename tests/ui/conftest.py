"""Fixtures that open the real app on a fresh database with the seed articles."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.core.session import articles_to_open
from tui.core.store import Store
from tui.seeds import seed_paths
from tui.ui.app import NewsmarkApp

AppFactory = Callable[..., NewsmarkApp]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "annotations.db"


@pytest.fixture
def make_app(db_path: Path) -> AppFactory:
    def make(
        paths: list[Path] | None = None, annotator: str = "tester", suggestions: bool = False
    ) -> NewsmarkApp:
        """The app as the CLI makes it; suggestions off unless a test is about them."""
        with Store(db_path) as store:
            ids, messages = articles_to_open(store, paths or [], seed_paths())
            store.set_preference(annotator, "suggestions", "on" if suggestions else "off")
        return NewsmarkApp(db_path, ids, annotator=annotator, messages=messages)

    return make


VOLATILE = ("revision", "updated_at", "updated_by")  # bumped by every write, undo and redo


def rows(
    db_path: Path,
    sql: str = "SELECT * FROM annotations WHERE deleted_at IS NULL ORDER BY created_at",
) -> list[dict]:
    """Rows as the user would check them: live ones by default, write bookkeeping left out."""
    with Store(db_path) as store:
        return [
            {key: value for key, value in dict(row).items() if key not in VOLATILE}
            for row in store.conn.execute(sql)
        ]


def links(db_path: Path) -> list[dict]:
    return rows(db_path, "SELECT * FROM links WHERE deleted_at IS NULL ORDER BY created_at")


async def settle(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 5.0) -> None:
    """Pause until ``done()`` holds (debounced work, workers) or ``seconds`` have passed."""
    loop_end = asyncio.get_running_loop().time() + seconds
    while not done() and asyncio.get_running_loop().time() < loop_end:
        await pilot.pause(0.05)
