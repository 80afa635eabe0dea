"""Retitling from the article chooser: the title is stored at once, the pane shows it, Esc
keeps the old one, and a title changed in another window is neither overwritten nor hidden."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.conftest import AppFactory, settle
from tui.core.store import Store
from tui.ui.app import NewsmarkApp
from tui.ui.choices import ChoiceList
from tui.ui.safe_fields import SafeInput

SMALL = (80, 24)


def titles(db_path: Path) -> list[str]:
    with Store(db_path) as store:
        return [summary.title for summary in store.articles()]


def pane_titles(app: NewsmarkApp) -> list[str]:
    return [str(title.render()) for title in app.query(".pane-title").results(Static)]


async def open_title_field(app: NewsmarkApp, pilot: Pilot[None]) -> SafeInput:
    await pilot.press("o")
    await settle(pilot, lambda: bool(app.screen.query(ChoiceList)))
    await pilot.press("t")
    await settle(pilot, lambda: bool(app.screen.query("#retitle")))
    return app.screen.query_one("#retitle", SafeInput)


async def test_t_in_the_chooser_retitles_the_highlighted_article(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        old = titles(db_path)[0]
        field = await open_title_field(app, pilot)
        assert field.value == old
        field.value = ""
        await pilot.press(*"Muscat [b]talks[/b]")
        await pilot.press("enter")
        await settle(pilot, lambda: titles(db_path)[0] != old)
        assert titles(db_path)[0] == "Muscat [b]talks[/b]"
        choices = app.screen.query_one(ChoiceList)
        assert "Muscat [b]talks[/b]" in str(choices.get_option_at_index(0).prompt)
        assert not app.screen.query("#retitle")  # the field closed; Enter now shows
        await pilot.press("escape")
        await settle(pilot, lambda: "Muscat [b]talks[/b]" in pane_titles(app))
        assert "Muscat [b]talks[/b]" in pane_titles(app)  # literally, never markup
        assert app.active_view is not None


async def test_escape_keeps_the_old_title(make_app: AppFactory, db_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        before = titles(db_path)
        field = await open_title_field(app, pilot)
        await pilot.press("x", "y", "escape")
        await pilot.pause()
        assert not app.screen.query("#retitle")
        assert isinstance(app.screen.query_one(ChoiceList), ChoiceList)  # still choosing
        assert field.value.endswith("xy")
        assert titles(db_path) == before


async def test_a_title_changed_in_another_window_is_not_overwritten(
    make_app: AppFactory, db_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        old = titles(db_path)[0]
        field = await open_title_field(app, pilot)
        with Store(db_path) as other:
            article_id = other.articles()[0].id
            other.retitle(article_id, "Ben's title", seen=old, by="ben")
        field.value = "Ana's title"
        await pilot.press("enter")
        await pilot.pause()
        assert titles(db_path)[0] == "Ben's title"
        assert app.screen.query("#retitle")  # the field stays for another try
        await pilot.press("escape", "escape")
        app.action_refresh_from_db()
        await settle(pilot, lambda: "Ben's title" in pane_titles(app))
        assert "Ben's title" in pane_titles(app)


async def test_a_burst_of_keys_ending_in_enter_keeps_every_character(
    make_app: AppFactory, db_path: Path
) -> None:
    """Over SSH a typed title and its Enter arrive in one read: none of it is lost."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await open_title_field(app, pilot)
        for character in "Muscat talks, day 2":  # the old title is selected: typing replaces it
            app.post_message(events.Key("space" if character == " " else character, character))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot, lambda: titles(db_path)[0] == "Muscat talks, day 2")
        assert titles(db_path)[0] == "Muscat talks, day 2"
