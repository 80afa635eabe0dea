"""Suggestions in the reader: shown as their own layer, accepted, dismissed (remembered),
accepted all at once as one step; the compare view tags and links a contradiction."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from textual.widgets import OptionList

from tests.ui.conftest import AppFactory, links, rows, settle
from tui.core.assist.apart import ChildFailed
from tui.core.store import Store
from tui.ui import suggesting
from tui.ui.article_view import ArticleView
from tui.ui.compare_screen import CompareScreen

SIZE = (160, 40)


async def _suggested(pilot, view: ArticleView) -> None:
    await settle(pilot, lambda: len(view.suggestions) > 0, seconds=20)
    assert len(view.suggestions) > 0


async def test_suggestions_show_and_a_accepts_one_as_one_step(make_app: AppFactory, db_path: Path):
    app = make_app(suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        await _suggested(pilot, view)
        view.set_cursor(0)
        await pilot.press("j")
        item = view.suggestion_at_cursor()
        assert item is not None and view.cursor == item.start
        assert f"suggested {item.label}" in str(app.query_one("#status").render())
        row = view.wrap.row_index_of(item.start) - int(view.scroll_y)
        assert item.label[0] in view.render_line(row).text[:3]  # a lower-case gutter letter
        await pilot.press("a")
        await pilot.pause()
        [saved] = rows(db_path)
        assert (saved["start"], saved["end"], saved["text"]) == (item.start, item.end, item.text)
        assert (saved["label"], saved["origin"]) == (item.label, f"suggested:{item.kind}")
        assert item.id not in {each.id for each in view.suggestions.items}  # tagged: not shown
        await pilot.press("u")
        await pilot.pause()
        assert rows(db_path) == []
        assert item.id in {each.id for each in view.suggestions.items}


async def test_a_label_key_on_a_suggestion_accepts_it_with_that_label(
    make_app: AppFactory, db_path: Path
):
    app = make_app(suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        await _suggested(pilot, view)
        view.set_cursor(0)
        await pilot.press("j", "i")
        await pilot.pause()
        [saved] = rows(db_path)
        assert saved["label"] == "inconsistency" and saved["origin"].startswith("suggested:")


async def test_a_dismissed_suggestion_is_remembered_and_undo_brings_it_back(
    make_app: AppFactory, db_path: Path
):
    app = make_app(suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        await _suggested(pilot, view)
        view.set_cursor(0)
        await pilot.press("j")
        item = view.suggestion_at_cursor()
        assert item is not None
        await pilot.press("d")
        await pilot.pause()
        assert item.id not in {each.id for each in view.suggestions.items}
        assert len(rows(db_path, "SELECT * FROM dismissed WHERE deleted_at IS NULL")) == 1
        await pilot.press("u")
        await pilot.pause()
        assert item.id in {each.id for each in view.suggestions.items}
        await pilot.press("ctrl+y")
        await pilot.pause()
    assert rows(db_path) == []  # dismissing tags nothing
    again = make_app(suggestions=True)
    async with again.run_test(size=SIZE) as pilot:
        view = again.views[0]
        await _suggested(pilot, view)
        assert item.id not in {each.id for each in view.suggestions.items}  # not suggested again


async def test_accept_all_of_a_kind_is_one_step(make_app: AppFactory, db_path: Path):
    app = make_app(suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        await _suggested(pilot, view)
        view.set_cursor(0)
        await pilot.press("j")
        item = view.suggestion_at_cursor()
        assert item is not None
        expected = len([each for each in view.suggestions.items if each.kind == item.kind])
        assert expected > 1
        await pilot.press("A")
        await pilot.pause()
        saved = rows(db_path)
        assert len(saved) == expected
        assert {row["origin"] for row in saved} == {f"suggested:{item.kind}"}
        assert all(
            view.document.text[row["start"] : row["end"]] == row["text"] for row in saved
        )
        await pilot.press("u")
        await pilot.pause()
        assert rows(db_path) == []


async def test_s_toggles_the_layer_and_remembers_it(make_app: AppFactory, db_path: Path):
    app = make_app(suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        await _suggested(pilot, view)
        await pilot.press("S")
        await pilot.pause()
        assert len(view.suggestions) == 0
    with Store(db_path) as store:
        assert store.preference("tester", "suggestions") == "off"


async def test_compare_view_accept_tags_both_sides_and_links_them_in_one_step(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await settle(pilot, lambda: len(screen.candidates) > 0, seconds=20)
        first = screen.candidates[0]
        assert first.reasons
        await pilot.press("a")
        await pilot.pause()
        saved = rows(db_path)
        assert sorted(row["text"] for row in saved) == sorted([first.a.text, first.b.text])
        assert {row["label"] for row in saved} == {"inconsistency"}
        assert {row["origin"] for row in saved} == {"suggested:compare"}
        [link] = links(db_path)
        assert link["note"] == "; ".join(first.reasons)
        assert first not in screen.candidates
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert rows(db_path) == [] and links(db_path) == []


async def test_compare_view_enter_shows_the_pair_side_by_side(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await settle(pilot, lambda: len(screen.candidates) > 1, seconds=20)
        screen.query_one(OptionList).highlighted = 1
        item = screen.candidates[1]
        await pilot.press("enter")
        await pilot.pause()
        left = app.view_for(item.a.article_id)
        right = app.view_for(item.b.article_id)
        assert left is not None and right is not None
        assert left.cursor == item.a.start and right.cursor == item.b.start
        assert app.focused is left


async def test_compare_dismiss_is_remembered(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await settle(pilot, lambda: len(screen.candidates) > 0, seconds=20)
        first = screen.candidates[0]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("C")
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        await settle(pilot, lambda: len(screen.candidates) > 0, seconds=20)
        assert (first.a.text, first.b.text) not in {
            (each.a.text, each.b.text) for each in screen.candidates
        }


async def test_with_no_child_process_suggestions_are_computed_in_the_reader(
    make_app: AppFactory, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    app = make_app(suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await _suggested(pilot, app.views[0])


async def test_quitting_stops_the_child_that_computes_suggestions(
    make_app: AppFactory, monkeypatch
):
    children: list[subprocess.Popen[bytes]] = []

    def slow(article, started):
        """A child that would take a minute: quitting must not wait for it."""
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        children.append(child)
        started(child)
        child.wait()
        raise ChildFailed(f"exit code {child.returncode}")

    monkeypatch.setattr(suggesting, "compute", slow)
    app = make_app(suggestions=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: bool(children))
        assert children
        await pilot.press("ctrl+q")
    assert children[0].wait(timeout=20) != 0  # stopped, not a minute later


async def test_four_panes_compute_one_child_per_free_core_each_article_once(
    make_app: AppFactory, tmp_path: Path, monkeypatch
):
    """Four articles on a small machine: the children wait for a core rather than all
    start at once, and an article asked for again while computing is not computed twice."""
    paths = []
    for number in range(4):
        path = tmp_path / f"article{number}.md"
        path.write_text(f"# Report {number}\n\nThe minister said the talks would resume.\n")
        paths.append(path)
    running: list[str] = []
    most = 0
    computed: list[str] = []

    def slow(article, started):
        nonlocal most
        running.append(article.id)
        most = max(most, len(running))
        threading.Event().wait(0.3)
        running.remove(article.id)
        computed.append(article.id)
        return []

    monkeypatch.setattr(suggesting, "compute", slow)
    monkeypatch.setattr(suggesting, "CHILDREN", 1)
    app = make_app(paths=paths, suggestions=True)
    async with app.run_test(size=(200, 40)) as pilot:
        assert len(app.views) == 4
        await settle(pilot, lambda: bool(computed))
        app._suggest_in_background()  # e.g. an article changed meanwhile
        await settle(pilot, lambda: len(computed) == 4, seconds=10)
        assert sorted(computed) == sorted(view.article.id for view in app.views)
        assert most == 1
