"""Start-up: collection is paused until the reader's first frame, and always resumed."""

from __future__ import annotations

import gc
import subprocess
import sys
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


def test_the_reader_starts_without_the_change_path():
    """The workspace (undo history, change records) loads on the first edit, and the
    store's records of imports, merges and transfers when one is made, not before the
    first frame (start-up time, issue 10)."""
    check = (
        "import sys, tui.reader, tui.ui.app; "
        "print(sorted(m for m in sys.modules if m in ('tui.core.workspace', 'tui.core.history',"
        " 'tui.core.store.records')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"


async def test_the_first_edit_makes_the_workspace(db_path: Path):
    with Store(db_path) as store:
        ids, _ = articles_to_open(store, [], seed_paths())
    app = NewsmarkApp(db_path, ids, annotator="tester")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "workspace" not in vars(app)
        view = app.views[0]
        view.select_range(0, 4)
        await pilot.press("c")
        await pilot.pause()
        assert app.workspace.annotator == "tester"
        assert app.workspace.history.can_undo


def test_the_reader_makes_only_the_records_it_shows_before_its_first_frame():
    """Making a dataclass costs ~2 ms at start-up (its methods are compiled from source):
    the reader's modules make only those of what it shows (articles, annotations, links,
    labels); the rest are made on first use or are NamedTuples (start-up time, issue 10)."""
    check = (
        "import dataclasses, sys\n"
        "made = []\n"
        "original = dataclasses._process_class\n"
        "def counting(cls, *args, **kwargs):\n"
        "    made.append(cls.__module__ + '.' + cls.__qualname__)\n"
        "    return original(cls, *args, **kwargs)\n"
        "dataclasses._process_class = counting\n"
        "import tui.cli, tui.reader, tui.ui.app\n"
        "print(' '.join(sorted(name for name in made if name.startswith('tui.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == [
        "tui.core.articles.Article",
        "tui.core.models.Annotation",
        "tui.core.models.ArticleSummary",
        "tui.core.models.Dismissal",
        "tui.core.models.Label",
        "tui.core.models.Link",
        "tui.core.models.Removed",
    ]
