"""Two windows on one database, as users meet them: stale editor, stale text,
other windows' tags, relabel in place, and a label added with no code change."""

from __future__ import annotations

import csv
from pathlib import Path

from textual.widgets import Select, TextArea

from tests.ui.conftest import AppFactory, rows, settle
from tui.core.articles import load_article
from tui.core.store import Store
from tui.ui.annotation_list import AnnotationList
from tui.ui.annotation_table import AnnotationTable
from tui.ui.article_view import ArticleView

SIZE = (160, 40)
LEAD = "The two parties agreed to reconvene next Saturday, the minister said."
STORY = f"Talks resume in Muscat\n\n{LEAD} Both sides called the talks useful.\n"


def messages(app) -> list[str]:
    return [str(note.message) for note in app._notifications]


async def test_a_stale_editor_save_is_refused_and_shows_the_current_note(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view: ArticleView = app.views[0]
        start = view.document.text.index("Esmaeil")
        view.select_range(start, start + 7)
        await pilot.press("c")
        await pilot.press("enter")  # A opens the editor on it
        await pilot.pause()
        [shown] = view.annotations.items
        with Store(db_path) as other:  # B, another window, writes a note meanwhile
            other.update_annotation(other.get_annotation(shown.id), note="B's note", by="tester")
        app.screen.query_one(TextArea).text = "A's note"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(
            "note changed in another window: reloaded, your edit was not applied" in message
            for message in messages(app)
        ), messages(app)
        assert view.by_id[shown.id].note == "B's note"  # the view shows the current row
        assert "B's note" in str(app.query_one("#status").render())
    [row] = rows(db_path)
    assert row["note"] == "B's note"


async def test_saving_the_editor_unchanged_writes_nothing(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        start = view.document.text.index("Esmaeil")
        view.select_range(start, start + 7)
        await pilot.press("c", "enter")
        await pilot.pause()
        [shown] = view.annotations.items
        with Store(db_path) as other:
            other.update_annotation(other.get_annotation(shown.id), note="B's note", by="tester")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [row] = rows(db_path)
    assert row["note"] == "B's note"


async def test_an_editor_save_of_label_and_note_is_one_undo_step(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        start = view.document.text.index("Esmaeil")
        view.select_range(start, start + 7)
        await pilot.press("c", "enter")
        await pilot.pause()
        app.screen.query_one(TextArea).text = "who is he?"
        await pilot.press("shift+tab", "down", "space")  # from claim to quote
        await pilot.press("ctrl+s")
        await pilot.pause()
        [row] = rows(db_path)
        assert (row["label"], row["note"]) == ("quote", "who is he?")
        await pilot.press("u")
        await pilot.pause()
        [row] = rows(db_path)
        assert (row["label"], row["note"]) == ("claim", "")


async def test_a_tag_on_text_that_changed_underneath_reloads_the_article(
    make_app: AppFactory, db_path: Path, tmp_path: Path
):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    app = make_app([story])
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        opened = view.article.sha256
        story.write_text("A paragraph added on top.\n\n" + STORY, encoding="utf-8")
        with Store(db_path) as shell:  # newsmark import story.txt, in another terminal
            assert shell.import_article(load_article(story)).status == "updated"
        view.set_cursor(view.document.text.index(LEAD) + 3)
        await pilot.press("s", "c")
        await pilot.pause()
        assert rows(db_path) == []  # nothing stored on text nobody saw
        assert view.article.sha256 != opened  # the reader shows the new text
        assert view.document.text.startswith("A paragraph added on top.")
        assert any("changed" in message for message in messages(app)), messages(app)
        view.set_cursor(view.document.text.index(LEAD) + 3)
        await pilot.press("s", "c")
        await pilot.pause()
    [row] = rows(db_path)
    assert row["text"] == LEAD


async def test_another_windows_tag_shows_even_when_mine_came_right_after(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        text = view.document.text
        with Store(db_path) as other:  # B commits ...
            start = text.index("Witkoff") if "Witkoff" in text else text.index("Muscat")
            other.add_annotation(view.article.id, start, start + 6, "quote")
        start = text.index("Esmaeil")  # ... and A tags right after
        view.select_range(start, start + 7)
        await pilot.press("c")
        await settle(pilot, lambda: len(view.annotations) == 2)
        assert len(view.annotations) == 2


async def test_a_label_key_on_an_annotation_relabels_it_in_one_step(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        start = view.document.text.index("Esmaeil")
        view.select_range(start, start + 7)
        await pilot.press("c")
        view.set_cursor(start + 2)
        await pilot.press("q")
        await pilot.pause()
        [row] = rows(db_path)
        assert row["label"] == "quote"
        assert view.by_id[row["id"]].label == "quote"
        await pilot.press("u")
        await pilot.pause()
        [row] = rows(db_path)
        assert row["label"] == "claim"


async def test_a_fourth_label_works_everywhere_with_no_code_change(
    make_app: AppFactory, db_path: Path
):
    with Store(db_path) as store:  # newsmark labels add number --key m
        store.add_label("number", "m")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        text = view.document.text
        start = text.index("Esmaeil")
        view.select_range(start, start + 7)
        await pilot.press("m")
        await pilot.pause()
        [row] = rows(db_path)
        assert row["label"] == "number"
        row_index = view.wrap.row_index_of(start)
        gutter = view.render_line(row_index - int(view.scroll_y)).text[:4]
        assert "M" in gutter
        shown = [item.binding.description for item in app.screen.active_bindings.values()
                 if item.binding.show]  # fmt: skip
        assert "Number" in shown  # footer and help
        assert "number 1" in str(app.query_one("#status").render())
        styled = view.get_component_rich_style("article-view--label-3", partial=True)
        assert styled.bgcolor is not None  # a colour of its own
        other = text.index("Muscat")
        view.select_range(other, other + 6)
        await pilot.press("c")
        await pilot.press("L")
        panel = app.query_one(AnnotationList)
        table = panel.query_one(AnnotationTable)
        await settle(pilot, lambda: table.row_count == 2)
        panel.query_one(Select).value = "number"  # the list filters by the new label
        await settle(pilot, lambda: table.row_count == 1)
        assert table.row_count == 1
        await pilot.press("escape")
        app.views[0].focus()
        await pilot.press("e")
        await pilot.pause()
    with db_path.with_name("annotations.csv").open(encoding="utf-8") as handle:
            exported = list(csv.DictReader(handle))
    assert sorted(item["label"] for item in exported) == ["claim", "number"]
