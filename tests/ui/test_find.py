"""Finding: Enter says when nothing matched, `*` finds across every shown article,
and F3 goes on in each pane from where that pane is."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory
from tests.ui.terminal import terminal_key
from tui.ui.find_bar import find


def messages(app) -> list[str]:
    return [str(note.message) for note in app._notifications]


def starts(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at >= 0:
        found.append(at)
        at = text.find(word, at + 1)
    return found


async def test_the_find_bar_is_made_on_first_use_in_the_status_line_place(
    make_app: AppFactory,
):
    """The first screen has no find bar (start-up time, issue 10): `/` mounts it where the
    status line was, focused at once; Esc gives the row back, and `/` reuses the bar."""
    from textual.widgets import Input

    from tui.ui.find_bar import FindBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.query(FindBar)
        status = app.query_one("#status")
        row = status.region.y
        await pilot.press("slash", *"Muscat")
        await pilot.pause()
        bar = app.query_one(FindBar)
        assert bar.display and not status.display
        assert bar.region.y == row
        assert app.focused is bar.query_one(Input)
        assert bar.query_one(Input).value == "Muscat"
        await pilot.press("escape")
        await pilot.pause()
        assert not bar.display and status.display and status.region.y == row
        await pilot.press("slash")
        await pilot.pause()
        assert list(app.query(FindBar)) == [bar] and bar.display


async def test_enter_on_a_find_with_no_match_says_not_found(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        reader = app.views[0]
        before = reader.cursor
        await pilot.press("slash", *"zqxj", "enter")
        await pilot.pause()
        assert any(message == "Not found: zqxj" for message in messages(app)), messages(app)
        assert reader.cursor == before
        assert app.focused is reader


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_star_finds_the_selection_in_every_article_and_f3_goes_on_per_pane(
    make_app: AppFactory, size: tuple[int, int]
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        left, right = app.views
        left_text, right_text = left.document.text, right.document.text
        second = starts(left_text, "Muscat")[1]
        left.select_range(second, second + len("Muscat"))
        await pilot.press(terminal_key("asterisk"))
        await pilot.pause()
        first_right = starts(right_text, "Muscat")[0]
        assert right.find_match == (first_right, first_right + 6)
        assert right.cursor == first_right  # on its first match
        assert left.find_match == (second, second + 6)  # the asking pane keeps its place
        assert any("found in 2 of 2 articles" in message for message in messages(app))
        await pilot.press("tab", "f3")  # the right pane goes on from its own match
        await pilot.pause()
        assert right.cursor == starts(right_text, "Muscat")[1]
        assert left.cursor == second  # the left one stayed where it was
        await pilot.press("shift+tab", "f3")
        await pilot.pause()
        assert left.cursor == starts(left_text, "Muscat")[2]
        await pilot.press("escape")  # highlights go
        assert left.find_match is None and right.find_match is None


async def test_star_without_a_selection_finds_the_word_at_the_cursor(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        left, right = app.views
        left.set_cursor(left.document.text.index("Witkoff") + 2)
        await pilot.press("asterisk")
        await pilot.pause()
        at = right.document.text.index("Witkoff")
        assert right.find_match == (at, at + len("Witkoff"))


async def test_star_says_which_articles_lack_it(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        left, right = app.views
        word = "Baghaei"
        assert word not in right.document.text
        start = left.document.text.index(word)
        left.select_range(start, start + len(word))
        await pilot.press("asterisk")
        await pilot.pause()
        assert right.find_match is None
        assert any(
            "found in 1 of 2 articles; not in " + right.article.title[:20] in message
            for message in messages(app)
        ), messages(app)


def test_a_space_in_the_query_matches_a_line_break() -> None:
    assert find("talks in\nMuscat", "in Muscat", 0) == (6, 15)
    assert find("a   b", "   ", 0) == (1, 4)  # only spaces: found as typed
