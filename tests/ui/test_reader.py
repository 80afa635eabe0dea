"""The reader driven as a user drives it: keys and mouse in, database rows out."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.ui.conftest import AppFactory, rows, settle
from tui.core.store import Store
from tui.ui.app import NewsmarkApp
from tui.ui.article_view import GUTTER, ArticleView

SIZE = (160, 40)
FIRST_SENTENCE = (
    "Iran’s Foreign Ministry spokesperson said talks between Iran and the United States"
    " in Muscat on Friday concluded with a mutual understanding to continue the dialogue."
)


def view(app: NewsmarkApp, index: int = 0) -> ArticleView:
    return app.views[index]


async def test_sentence_then_tag_key_saves_offsets_and_quote(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = view(app).document.text
        start = text.index(FIRST_SENTENCE)
        view(app).set_cursor(start + 10)
        await pilot.press("s", "c")
        await pilot.pause()
    [row] = rows(db_path)
    assert (row["start"], row["end"], row["label"]) == (start, start + len(FIRST_SENTENCE), "claim")
    assert row["text"] == FIRST_SENTENCE == text[row["start"] : row["end"]]
    assert row["annotator"] == "tester"


async def test_shift_arrows_select_exactly_what_the_cursor_passed(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = view(app).document.text
        start = text.index("Muscat on Friday")
        view(app).set_cursor(start)
        await pilot.press(*["shift+right"] * 6, "q")
        await pilot.pause()
    [row] = rows(db_path)
    assert (row["text"], row["label"]) == ("Muscat", "quote")


async def test_v_starts_a_selection_that_word_moves_extend(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        text = view(app).document.text
        view(app).set_cursor(text.index("Esmaeil"))
        await pilot.press("v", "ctrl+right", "ctrl+right", "v", "3")
        await pilot.pause()
    [row] = rows(db_path)
    assert (row["text"], row["label"]) == ("Esmaeil Baghaei", "inconsistency")


async def test_mouse_drag_across_a_wrap_tags_the_dragged_text(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()  # the first layout settles the width the text wraps at
        reader = view(app)
        wrap = reader.wrap
        text = reader.document.text
        first = wrap.row_index_of(text.index("Iran’s Foreign"))
        top, below = wrap.row(first), wrap.row(first + 1)
        assert top is not None and below is not None and not top.last  # the drag crosses a wrap
        await pilot.mouse_down(reader, offset=(GUTTER + 40, first))
        await pilot.hover(reader, offset=(GUTTER + 10, first + 1))
        await pilot.mouse_up(reader, offset=(GUTTER + 10, first + 1))
        await pilot.pause()  # the Click that follows the drag must keep the selection
        await pilot.press("c")
        await pilot.pause()
    [row] = rows(db_path)
    assert row["start"] == top.start + 40
    assert row["end"] == below.start + 11  # the grapheme under the pointer is included
    assert row["text"] == text[top.start + 40 : below.start + 11]


async def test_a_click_places_the_cursor_and_drops_the_selection(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        reader = view(app)
        await pilot.press("s")
        assert reader.selection is not None
        await pilot.click(reader, offset=(GUTTER + 3, 0))
        await pilot.pause()
        assert reader.selection is None
        assert reader.cursor == 3


async def test_tag_undo_redo_restores_the_same_row(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        reader.set_cursor(reader.document.text.index(FIRST_SENTENCE))
        await pilot.press("s", "i")
        await pilot.pause()
        [tagged] = rows(db_path)
        await pilot.press("u")
        await pilot.pause()
        assert rows(db_path) == []
        assert len(reader.annotations) == 0
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert rows(db_path) == [tagged]
        assert [item.id for item in reader.annotations.items] == [tagged["id"]]


async def test_n_visits_annotations_in_order(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        text = reader.document.text
        words = ["Muscat", "Esmaeil", "Araghchi", "Cooper"]
        for word in reversed(words):  # tag in reverse so creation order differs from text order
            reader.select_range(text.index(word), text.index(word) + len(word))
            await pilot.press("c")
        reader.set_cursor(0)
        seen = []
        for _ in words:
            await pilot.press("n")
            seen.append(text[reader.cursor : reader.cursor + 8])
        await pilot.press("N")
        back = text[reader.cursor : reader.cursor + 8]
    assert [item[:6] for item in seen] == [word[:6] for word in words]
    assert back.startswith("Araghchi")


async def test_find_moves_as_you_type_enter_keeps_and_escape_restores(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        text = reader.document.text
        await pilot.press("slash", *"Baghaei", "enter")
        await pilot.pause()
        assert reader.cursor == text.index("Baghaei")
        assert app.focused is reader
        await pilot.press("slash", *"mistrust")
        await pilot.pause()
        assert reader.cursor == text.index("mistrust")
        await pilot.press("escape")
        await pilot.pause()
        assert reader.cursor == text.index("Baghaei")
        await pilot.press("slash", *"talks", "enter", "f3")
        await pilot.pause()
        first = text.index("talks", text.index("Baghaei"))
        assert reader.cursor == text.index("talks", first + 1)


async def test_resize_rewraps_and_keeps_the_cursor_on_its_character(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        target = reader.document.text.index("Jared Kushner")
        reader.set_cursor(target)
        wide_rows = reader.wrap.total_rows
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert reader.wrap.total_rows > wide_rows
        assert reader.cursor == target
        row = reader.wrap.row_index_of(target)
        top = int(reader.scroll_y)
        assert top <= row < top + reader.scrollable_content_region.height


async def test_reopening_shows_every_annotation_where_it_was(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        reader.set_cursor(reader.document.text.index(FIRST_SENTENCE))
        await pilot.press("s", "c", "tab")
        other = view(app, 1)
        assert app.focused is other
        other.set_cursor(other.document.text.index("The two parties"))
        await pilot.press("s", "q")
        await pilot.pause()
    saved = {(row["article_id"], row["start"], row["end"]) for row in rows(db_path)}
    assert len(saved) == 2
    again = NewsmarkApp(db_path, app.article_ids)
    async with again.run_test(size=SIZE) as pilot:
        shown = {
            (item.article_id, item.start, item.end)
            for reader in again.views
            for item in reader.annotations.items
        }
    assert shown == saved


async def test_e_exports_csv_next_to_the_database(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        reader.set_cursor(reader.document.text.index(FIRST_SENTENCE))
        await pilot.press("s", "c", "e")
        await pilot.pause()
        [said] = [str(note.message) for note in app._notifications if "to /" in str(note.message)]
    exported = db_path.with_name("annotations.csv")
    assert f"1 annotation(s) to {exported.resolve()}" in said  # both files, full paths
    assert f"0 link(s) to {db_path.with_name('annotations-links.csv').resolve()}" in said
    with exported.open(newline="", encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["text"] == FIRST_SENTENCE
    assert row["label"] == "claim"
    assert db_path.with_name("annotations-links.csv").exists()


async def test_tagging_without_a_selection_saves_nothing_and_says_why(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert any("Select a span" in str(note.message) for note in app._notifications)
    assert rows(db_path) == []


async def test_delete_key_removes_the_annotation_under_the_cursor(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        start = reader.document.text.index(FIRST_SENTENCE)
        reader.set_cursor(start)
        await pilot.press("s", "c")
        reader.set_cursor(start + 5)
        await pilot.press("x")
        await pilot.pause()
        assert rows(db_path) == []
        await pilot.press("u")
        await pilot.pause()
        assert len(rows(db_path)) == 1


async def test_status_line_names_the_annotation_under_the_cursor(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        start = reader.document.text.index(FIRST_SENTENCE)
        reader.set_cursor(start)
        await pilot.press("s", "q")
        reader.set_cursor(start + 3)
        await pilot.pause()
        status = str(app.query_one("#status").render())
    assert "quote «Iran’s Foreign" in status
    assert "0 links" in status
    assert "quote 1" in status


async def test_help_opens_and_the_same_key_closes_it(make_app: AppFactory):
    from tui.ui.help import HelpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_another_process_annotations_appear_on_refresh(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        start = reader.document.text.index("Esmaeil")
        with Store(db_path) as other:
            other.add_annotation(reader.article.id, start, start + 7, "claim")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert [item.text for item in reader.annotations.items] == ["Esmaeil"]


async def test_adjusting_boundaries_keeps_the_annotation(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        text = reader.document.text
        start = text.index("Baghaei said")
        reader.select_range(start, start + len("Baghaei"))
        await pilot.press("c")
        reader.set_cursor(start)
        await pilot.press(">", "(")  # end one word right, start one word left
        await pilot.pause()
        [row] = rows(db_path)
        assert row["text"] == "Esmaeil Baghaei said"
        await pilot.press("]", "}")  # start one character right, end one character right
        await pilot.pause()
        [row] = rows(db_path)
        assert row["text"] == "smaeil Baghaei said "
        await pilot.press("u", "u")
        await pilot.pause()
        [row] = rows(db_path)
        assert row["text"] == "Esmaeil Baghaei said"


async def test_the_end_one_word_left_ends_on_a_word_not_a_space(
    make_app: AppFactory, db_path: Path
):
    """`<` drops the last word and ends where the word before it ends, as `)` starts
    where the next word starts: no edge is left on a space."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        text = reader.document.text
        start = text.index("Esmaeil Baghaei said")
        reader.select_range(start, start + len("Esmaeil Baghaei said"))
        await pilot.press("c")
        reader.set_cursor(start)
        await pilot.press("<")
        await pilot.pause()
        [row] = rows(db_path)
        assert row["text"] == "Esmaeil Baghaei"
        await pilot.press(")")
        await pilot.pause()
        [row] = rows(db_path)
        assert row["text"] == "Baghaei"
        await pilot.press("<")  # the last word: nothing would be left
        await pilot.pause()
        [row] = rows(db_path)
        assert row["text"] == "Baghaei"


async def test_command_palette_offers_the_actions(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export", "enter")
        exported = db_path.with_name("annotations.csv")
        await settle(pilot, exported.exists)
    assert exported.exists()


async def test_three_articles_share_the_width_and_o_chooses_which(
    make_app: AppFactory, tmp_path: Path
):
    third = tmp_path / "third.md"
    third.write_text("# Third outlet reports the talks\n\nTalks were held in *Muscat*.\n")
    from tui.seeds import seed_paths

    app = make_app([*seed_paths(), third])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [view.article.title for view in app.views][-1] == "Third outlet reports the talks"
        widths = {view.outer_size.width for view in app.views}
        assert max(widths) - min(widths) <= 1
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("space")  # untick the first article
        await pilot.press("enter")
        await settle(pilot, lambda: len(app.views) == 2)
        assert len(app.views) == 2
        assert "Third outlet reports the talks" in [view.article.title for view in app.views]


async def test_a_burst_of_keys_runs_in_order_like_slow_typing(make_app: AppFactory, db_path: Path):
    """All keys arrive at once (a paste, tmux send-keys): each acts where the one before left."""
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = [("tab", "\t"), ("slash", "/"), *[(c, c) for c in "Saturday"], ("enter", "\r")]
        keys += [("s", "s"), ("q", "q"), ("slash", "/"), *[(c, c) for c in "undo"]]
        for key, character in keys:
            app.post_message(events.Key(key, character))
        await settle(pilot, lambda: bool(rows(db_path)) and app.focused is not app.views[1])
        await pilot.pause(0.2)
    [row] = rows(db_path)  # the `u` of "undo" went into the find bar, not to undo
    assert row["label"] == "quote"
    assert row["text"].startswith("The two parties agreed to reconvene next Saturday")


async def test_the_command_palette_writes_the_report(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = view(app)
        reader.set_cursor(reader.document.text.index(FIRST_SENTENCE))
        await pilot.press("s", "c")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Write report", "enter")
        report = db_path.with_name("annotations-report.html")
        await settle(pilot, report.exists)
    html = report.read_text(encoding="utf-8")
    assert "<script" not in html and FIRST_SENTENCE[:40] in html
