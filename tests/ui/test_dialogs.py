"""Dialogs and small terminals: everything fits at 80x24, state reads without colour,
and the footer says only what works where the user is."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widget import Widget
from textual.widgets import Button, Input, Static
from textual.widgets._footer import FooterKey

from tests.ui.conftest import AppFactory, links, settle
from tui.core.store import Store
from tui.core.workspace import Workspace
from tui.ui.app import NewsmarkApp
from tui.ui.choices import ChoiceList, Tick
from tui.ui.editor import EditorScreen
from tui.ui.help import HelpScreen, group_of, help_lines, key_text

SMALL = (80, 24)
SOURCE = "agreed to decide on the next round of talks after consulting with their capitals"


def on_screen(app: App[None], widget: Widget) -> bool:
    """The widget is what the user sees at its place: inside the terminal, not covered."""
    region = widget.region
    if region.width == 0 or region.height == 0:
        return False
    if region.right > app.size.width or region.bottom > app.size.height:
        return False
    for x, y in ((region.x, region.y), (region.right - 1, region.bottom - 1)):
        found, _ = app.screen.get_widget_at(x, y)
        if found is not widget and widget not in found.ancestors:
            return False
    return True


def footer_keys(app: App[None]) -> dict[str, FooterKey]:
    """Footer keys the user can see on the top screen, by description."""
    return {
        key.description: key for key in app.screen.query(FooterKey) if on_screen(app, key)
    }


def _link_three_long_passages(db_path: Path, make_app: AppFactory) -> NewsmarkApp:
    """One inconsistency linked to three whole paragraphs of the other article."""
    app = make_app()  # imports the seeds
    with Store(db_path) as store:
        workspace = Workspace(store, "tester")
        left, right = (store.get_article(article_id) for article_id in app.article_ids[:2])
        start = left.text.index(SOURCE)
        source = workspace.tag(
            left.id, start, start + len(SOURCE), "inconsistency", quote=SOURCE,
            sha256=left.sha256,
        ).first  # fmt: skip
        assert source is not None
        paragraphs = [line for line in right.text.split("\n") if len(line) > 150][:3]
        for paragraph in paragraphs:
            at = right.text.index(paragraph)
            other = workspace.tag(
                right.id, at, at + len(paragraph), "inconsistency", quote=paragraph,
                sha256=right.sha256,
            ).first  # fmt: skip
            assert other is not None
            workspace.link(source, other)
    return make_app()


async def _open_editor_on_source(app: NewsmarkApp, pilot) -> EditorScreen:
    view = app.views[0]
    view.set_cursor(view.document.text.index(SOURCE))
    await pilot.press("enter")
    await settle(pilot, lambda: isinstance(app.screen, EditorScreen))
    assert isinstance(app.screen, EditorScreen)
    return app.screen


@pytest.mark.parametrize("size", [SMALL, (100, 30), (200, 50)])
async def test_the_editor_fits_and_every_link_note_can_be_seen_and_typed(
    make_app: AppFactory, db_path: Path, size: tuple[int, int]
):
    app = _link_three_long_passages(db_path, make_app)
    async with app.run_test(size=size) as pilot:
        editor = await _open_editor_on_source(app, pilot)
        await pilot.pause()
        for button in editor.query(Button):
            assert on_screen(app, button), button.id
        notes = list(editor.query(".link-note").results(Input))
        assert len(notes) == 3
        for number, field in enumerate(notes, start=1):
            while app.focused is not field:  # Tab, as a user gets there
                await pilot.press("tab")
            await pilot.pause()
            assert on_screen(app, field), number
            assert field.region.width >= 20  # a long quote never squeezes the note field
            await pilot.press(*f"note {number}")
            await pilot.pause()
            assert on_screen(app, field)  # typing keeps it in view
        for button in editor.query(Button):
            assert on_screen(app, button), button.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = str(app.query_one("#status", Static).render())
        assert ("↔3" if size[0] < 120 else "3 links") in status, status  # still three
    assert sorted(link["note"] for link in links(db_path)) == ["note 1", "note 2", "note 3"]


async def test_the_editor_reads_without_colour_and_starts_on_the_current_label(
    make_app: AppFactory, db_path: Path
):
    app = _link_three_long_passages(db_path, make_app)
    async with app.run_test(size=SMALL) as pilot:
        editor = await _open_editor_on_source(app, pilot)
        choices = editor.query_one(ChoiceList)
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert prompts == ["○ claim", "○ quote", "● inconsistency"]
        assert choices.highlighted == 2  # on the current label, not the first
        await pilot.press("shift+tab")  # into the label list
        assert app.focused is choices
        await pilot.press("up", "space")
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert prompts == ["○ claim", "● quote", "○ inconsistency"]
        ticks = list(editor.query(Tick))
        assert [str(tick.render()) for tick in ticks] == ["[ ] unlink"] * 3
        ticks[1].focus()
        await pilot.press("space")
        assert [str(tick.render()) for tick in ticks] == ["[ ] unlink", "[x] unlink", "[ ] unlink"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert len(links(db_path)) == 2


async def test_a_dialog_footer_shows_only_keys_that_work_there(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s", "c")
        await pilot.pause()
        reader_keys = footer_keys(app)
        assert {"Link", "Help", "Quit"} <= set(reader_keys)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, EditorScreen))
        await pilot.pause()
        shown = footer_keys(app)
        assert {"Save", "Cancel", "Quit"} <= set(shown)
        assert not {"Link", "Undo", "Find", "Export", "List", "Help"} & set(shown), shown
        await pilot.press("escape")
        await pilot.press("o")
        await pilot.pause()
        shown = footer_keys(app)
        assert {"Show chosen", "Cancel", "Quit"} <= set(shown)
        assert not {"Link", "Undo", "Find", "Export", "List"} & set(shown), shown


@pytest.mark.parametrize("size", [SMALL, (100, 30), (200, 50), (60, 20)])
async def test_the_footer_keeps_help_and_quit_at_any_width(
    make_app: AppFactory, size: tuple[int, int]
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = footer_keys(app)
        assert {"Help", "Quit"} <= set(shown), shown
        assert shown["Help"].key_display == "?"
        assert shown["Quit"].key_display == "^q"
        if size[0] >= 80:  # the label keys come first: tagging is what the reader is for
            assert {"Claim", "Quote", "Inconsistency"} <= set(shown), shown


async def test_no_footer_key_is_built_before_the_bindings_are_known(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
):
    """Keys built before the screen's bindings are known were thrown away by the recompose
    that follows at once (start-up time, issue 10): the first frame's footer is empty, as
    Textual's own is, and then shows every key."""
    from tui.ui.footer import NewsmarkFooter

    ready_when_built: list[bool] = []
    original = FooterKey.__init__

    def recording(self: FooterKey, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        ready_when_built.append(app.screen.query_one(NewsmarkFooter)._bindings_ready)

    monkeypatch.setattr(FooterKey, "__init__", recording)
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        await pilot.pause()
        shown = footer_keys(app)
        assert {"Help", "Quit", "Claim"} <= set(shown)
        assert ready_when_built and all(ready_when_built)


async def test_the_article_chooser_fits_scrolls_and_reads_without_colour(
    make_app: AppFactory, tmp_path: Path
):
    paths = []
    for number in range(24):
        path = tmp_path / f"outlet-{number}.txt"
        path.write_text(f"Outlet {number} reports the talks in Muscat\n\nBody {number}.\n")
        paths.append(path)
    app = make_app(paths)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("o")
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        prompts = [str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count)]
        assert sum(prompt.startswith("[x] ") for prompt in prompts) == 4  # the panes shown
        assert sum(prompt.startswith("[ ] ") for prompt in prompts) == 20
        assert choices.region.bottom <= SMALL[1] - 1  # above the footer
        for key in ("home", "space", "end", "space"):  # untick the first, tick the last
            await pilot.press(key)
            await pilot.pause()
        await settle(pilot, lambda: choices.scroll_y > 0)  # scrolling animates
        assert choices.scroll_y > 0
        last = str(choices.get_option_at_index(23).prompt)
        assert last.startswith("[x] ")
        last = last[4:].removesuffix(" (0 annotations)")
        first = str(choices.get_option_at_index(0).prompt)[4:].removesuffix(" (0 annotations)")
        await pilot.press("enter")
        await settle(pilot, lambda: last in [v.article.title for v in app.views])
        assert last in [v.article.title for v in app.views]  # the last one, ticked
        assert first not in [v.article.title for v in app.views]  # the first, unticked


def _help_rows(app: App[None]) -> list[tuple[str, str]]:
    """(keys, explanation) of every line of the help screen, top to bottom."""
    return [
        (str(line.query_one(".help-keys", Static).render()),
         str(line.query_one(".help-text", Static).render()))
        for line in app.screen.query(".help-line")
    ]  # fmt: skip


async def test_help_groups_the_apps_keys_with_plain_explanations(
    make_app: AppFactory, db_path: Path
):
    make_app()  # imports the seeds
    with Store(db_path) as store:
        store.add_label("number", "m")
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("question_mark")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        groups = [str(group.render()) for group in app.screen.query(".help-group")]
        assert groups == [
            "Select", "Tag", "Link", "Suggest", "Navigate", "Edit", "Export", "View"
        ]
        shown = dict(_help_rows(app))
        assert shown["["] == "move the annotation's start one character left"
        assert shown["m / 4"].startswith("tag the selection number")  # from the label table
        assert shown["c / 1"].startswith("tag the selection claim")
        assert "ctrl+shift+→" in shown["shift + a move"]
        assert shown["l"].startswith("link")
        # the app's keys come first: tagging is on the first page at 80x24, not plain moves
        first_page = [
            keys for keys, _ in _help_rows(app)
            if on_screen(app, app.screen.query(".help-line")[list(shown).index(keys)])
        ]  # fmt: skip
        assert "c / 1" in first_page and "←" not in first_page
        await pilot.press("end")  # it scrolls: the last group is reachable
        await pilot.pause()
        last = app.screen.query(".help-line").last()
        assert on_screen(app, last)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_every_key_has_a_group_and_a_sentence_in_help(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=SMALL):
        for binding in app.help_bindings():
            assert group_of(binding) is not None, binding
            assert binding.tooltip, binding
        lines = [line for _, group in help_lines(app.help_bindings()) for line in group]
        everything = " ".join(f"{line.keys} {line.text}" for line in lines)
        for binding in app.help_bindings():
            assert key_text(binding) in everything, binding


async def test_quitting_from_the_editor_keeps_the_note_typed_there(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s", "c", "enter")  # tag the sentence, open its editor
        await settle(pilot, lambda: isinstance(app.screen, EditorScreen))
        await pilot.press(*"check the date", "ctrl+q")
        await settle(pilot, lambda: not app.is_running)
    with Store(db_path) as store:
        notes = [row["note"] for row in store.conn.execute("SELECT note FROM annotations")]
    assert notes == ["check the date"]


async def test_quitting_from_an_untouched_editor_writes_nothing(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("s", "c", "enter")
        await settle(pilot, lambda: isinstance(app.screen, EditorScreen))
        with Store(db_path) as store:
            before = [dict(row) for row in store.conn.execute("SELECT * FROM annotations")]
        await pilot.press("ctrl+q")
        await settle(pilot, lambda: not app.is_running)
    with Store(db_path) as store:
        assert [dict(row) for row in store.conn.execute("SELECT * FROM annotations")] == before
