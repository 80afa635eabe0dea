"""Linking contradictions across articles, and managing annotations (issue 4)."""

from __future__ import annotations

import csv
from pathlib import Path

from textual.widgets import Input, TextArea

from tests.ui.conftest import AppFactory, links, rows, settle
from tui.ui.annotation_table import AnnotationTable
from tui.ui.app import NewsmarkApp
from tui.ui.article_view import ArticleView

SIZE = (160, 40)
RESUME_1 = "agreed to decide on the next round of talks after consulting with their capitals"
RESUME_2 = "The two parties agreed to reconvene next Saturday"


async def _link_the_two_accounts(app: NewsmarkApp, pilot) -> tuple[ArticleView, ArticleView]:
    left, right = app.views
    start = left.document.text.index(RESUME_1)
    left.focus()
    left.select_range(start, start + len(RESUME_1))
    await pilot.press("l")  # the link starts at a fresh selection (tagged when it is made)
    await pilot.press("tab")
    start = right.document.text.index(RESUME_2)
    right.select_range(start, start + len(RESUME_2))
    await pilot.press("l")
    await pilot.pause()
    return left, right


async def test_link_across_articles_is_saved_shown_exported_and_undoable(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        left, right = await _link_the_two_accounts(app, pilot)
        annotations = rows(db_path)
        assert sorted(row["text"] for row in annotations) == sorted([RESUME_1, RESUME_2])
        assert {row["label"] for row in annotations} == {"inconsistency"}
        [link] = links(db_path)
        assert link["kind"] == "contradicts"
        ids = {row["id"] for row in annotations}
        assert {link["from_annotation"], link["to_annotation"]} == ids

        # seen from either side: the counterpart is emphasised, the span has a marker
        right.set_cursor(right.document.text.index(RESUME_2) + 3)
        await pilot.pause()
        assert left.emphasised == {link["from_annotation"]}
        assert left.linked_ids == {link["from_annotation"]}
        status = str(app.query_one("#status").render())
        assert "1 link" in status

        # g jumps to the counterpart and back
        await pilot.press("g")
        await pilot.pause()
        assert app.focused is left
        assert left.cursor == left.document.text.index(RESUME_1)
        await pilot.press("g")
        await pilot.pause()
        assert app.focused is right

        await pilot.press("e")
        await pilot.pause()
        with db_path.with_name("annotations-links.csv").open(newline="", encoding="utf-8") as f:
            [exported] = list(csv.DictReader(f))
        assert {exported["from_text"], exported["to_text"]} == {RESUME_1, RESUME_2}
        assert exported["from_article_title"] != exported["to_article_title"]

        await pilot.press("u")  # one action, one step: the link and the spans it tagged
        await pilot.pause()
        assert links(db_path) == []
        assert rows(db_path) == []
        assert left.linked_ids == set() and not left.by_id
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert rows(db_path) == annotations
        assert links(db_path) == [link]
        assert left.linked_ids == {link["from_annotation"]}


async def test_escape_cancels_a_link_in_progress(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        left = app.views[0]
        start = left.document.text.index(RESUME_1)
        left.select_range(start, start + len(RESUME_1))
        await pilot.press("l")
        assert "LINKING" in str(app.query_one("#status").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.pending_link is None
        assert "LINKING" not in str(app.query_one("#status").render())
    assert links(db_path) == []
    assert rows(db_path, "SELECT * FROM annotations") == []  # cancelling leaves nothing behind


async def test_deleting_a_linked_annotation_removes_its_links_and_undo_restores_them(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        left, right = await _link_the_two_accounts(app, pilot)
        [link] = links(db_path)
        right.set_cursor(right.document.text.index(RESUME_2))
        await pilot.press("x")
        await pilot.pause()
        assert links(db_path) == []
        assert len(rows(db_path)) == 1
        await pilot.press("u")
        await pilot.pause()
        assert links(db_path) == [link]
        assert left.linked_ids == {link["from_annotation"]}


async def test_editor_changes_label_and_note_and_unlinks(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        left, _ = await _link_the_two_accounts(app, pilot)
        left.focus()
        left.set_cursor(left.document.text.index(RESUME_1))
        await pilot.press("enter")
        await pilot.pause()
        note = app.screen.query_one(TextArea)
        note.text = "Muscat: no date.\nSeed 2: next Saturday."
        await pilot.press("shift+tab", "home", "enter")  # the label list: claim
        await pilot.press("tab", "tab", "tab", "space")  # past the note and link note: unlink
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen.focused, ArticleView) or app.focused is not None
    [row] = [row for row in rows(db_path) if row["text"] == RESUME_1]
    assert row["label"] == "claim"
    assert row["note"] == "Muscat: no date.\nSeed 2: next Saturday."
    assert links(db_path) == []


async def test_annotation_list_filters_and_jumps(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        left, right = app.views
        for reader, word, key in ((left, "Esmaeil", "c"), (right, "Witkoff", "q")):
            reader.focus()
            start = reader.document.text.index(word)
            reader.select_range(start, start + len(word))
            await pilot.press(key)
        await pilot.press("L")
        table = app.query_one("#list-table", AnnotationTable)
        await settle(pilot, lambda: table.row_count == 2)
        assert table.row_count == 2
        app.query_one("#list-filter", Input).value = "witk"
        await settle(pilot, lambda: table.row_count == 1)
        assert table.row_count == 1
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is right
        assert right.cursor == right.document.text.index("Witkoff")
        # it follows changes as they happen
        app.query_one("#list-filter", Input).value = ""
        right.focus()
        start = right.document.text.index("Muscat")
        right.select_range(start, start + 6)
        await pilot.press("i")
        await settle(pilot, lambda: table.row_count == 3)
        assert table.row_count == 3


async def test_a_link_note_written_in_the_editor_is_exported_and_undoable(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        left, _ = await _link_the_two_accounts(app, pilot)
        left.focus()
        left.set_cursor(left.document.text.index(RESUME_1))
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(".link-note", Input).value = "dates disagree: unknown vs Saturday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        [link] = links(db_path)
        assert link["note"] == "dates disagree: unknown vs Saturday"
        await pilot.press("e")
        await pilot.pause()
        with db_path.with_name("annotations-links.csv").open(newline="", encoding="utf-8") as f:
            [exported] = list(csv.DictReader(f))
        assert exported["note"] == "dates disagree: unknown vs Saturday"
        assert exported["from_note"] == "" and exported["to_note"] == ""
        await pilot.press("u")
        await pilot.pause()
        [link] = links(db_path)
        assert link["note"] == ""


async def test_g_shows_a_counterpart_whose_article_is_not_on_screen(
    make_app: AppFactory, tmp_path: Path
):
    from tui.seeds import seed_paths

    extra = []
    for number in range(3):
        path = tmp_path / f"outlet{number}.txt"
        path.write_text(f"Outlet {number} reports on the talks\n\nTalks resume on day {number}.\n")
        extra.append(path)
    app = make_app([*seed_paths(), *extra])  # five articles, four panes
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hidden = app.article_ids[4]
        assert hidden not in app.shown_ids
        text = app.store.get_article(hidden).text
        start = text.index("Talks resume")
        far = app.store.add_annotation(hidden, start, start + 12, "inconsistency")
        left = app.views[0]
        start = left.document.text.index(RESUME_1)
        near = app.store.add_annotation(left.article.id, start, start + len(RESUME_1), "claim")
        app.store.add_link(near.id, far.id)
        await pilot.press("ctrl+r")
        left.focus()
        left.set_cursor(near.start)
        await pilot.press("g")
        await settle(
            pilot, lambda: isinstance(app.focused, ArticleView) and app.focused.article.id == hidden
        )
        assert hidden in app.shown_ids
        focused = app.focused
        assert isinstance(focused, ArticleView) and focused.article.id == hidden
        assert focused.cursor == far.start
