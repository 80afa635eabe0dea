"""Start-up: collection is paused until the reader's first frame, and always resumed."""

from __future__ import annotations

import gc
from pathlib import Path

from click.testing import CliRunner

from tui.cli import cli
from tui.core.session import articles_to_open
from tui.core.store import Store
from tui.reader import _collect_after_start
from tui.seeds import seed_paths
from tui.ui.app import NewsmarkApp


async def test_the_first_frame_hook_runs_once_with_the_articles_on_screen(db_path: Path):
    with Store(db_path) as store:
        ids, _ = articles_to_open(store, [], seed_paths())
    seen: list[list[str]] = []
    app = NewsmarkApp(
        db_path,
        ids,
        annotator="tester",
        after_first_frame=lambda: seen.append([view.article.id for view in app.views]),
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
    assert seen == [ids]


def test_collection_resumes_after_start_up():
    gc.disable()
    try:
        _collect_after_start()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # start-up's objects are set aside, not rescanned
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_reader_that_cannot_start_leaves_collection_on(tmp_path: Path):
    missing = tmp_path / "missing.txt"
    result = CliRunner().invoke(cli, ["read", str(missing), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr
    assert gc.isenabled()
