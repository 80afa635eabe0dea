"""What is kept across restarts: the theme, and where each article was left."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, settle
from tui.core.store import Store
from tui.ui.app import CURSOR_SAVE_SECONDS


async def test_theme_and_cursors_come_back_after_a_restart(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        left, right = app.views
        left_at = left.document.text.index("consulting with their capitals")
        right_at = right.document.text.index("Witkoff")
        left.set_cursor(left_at)
        await pilot.press("tab")
        right.set_cursor(right_at)
        app.theme = "textual-light"  # as ctrl+p, "theme" would
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        left, right = again.views
        assert again.theme == "textual-light"
        assert (left.cursor, right.cursor) == (left_at, right_at)
        for view in (left, right):  # and on screen, not only set
            row = view.wrap.row_index_of(view.cursor)
            assert view.scroll_y <= row < view.scroll_y + view.scrollable_content_region.height


async def test_cursors_are_written_on_a_timer_not_per_keypress(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
):
    writes: list[tuple[str, str]] = []
    original = Store.set_preference

    def counting(self: Store, annotator: str, key: str, value: str) -> None:
        if key.startswith("cursor:"):  # not the test's own set-up (suggestions off)
            writes.append((key, value))
        original(self, annotator, key, value)

    monkeypatch.setattr(Store, "set_preference", counting)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        began = time.monotonic()
        await pilot.press(*["right"] * 30)
        ticks = (time.monotonic() - began) // CURSOR_SAVE_SECONDS + 1
        assert len(writes) <= ticks < 30  # one write per tick of the save timer, not per key
        await settle(pilot, lambda: bool(writes), seconds=5)
        assert [key for key, _ in writes][-1].startswith("cursor:")
        count = len(writes)
    assert len(writes) <= count + 2  # quitting writes what moved since, once


async def test_a_cursor_saved_on_other_text_is_not_restored(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=(100, 30)):
        article = app.views[0].article
    with Store(db_path) as store:
        store.set_preference("tester", f"cursor:{article.id}", "40:" + "0" * 64)
    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert again.views[0].cursor == 0
