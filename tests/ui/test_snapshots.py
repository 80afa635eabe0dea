"""The look of the reader: seeds side by side with a few annotations, dark and light."""

from __future__ import annotations

import pytest

from tests.ui.conftest import AppFactory
from tui.ui.app import NewsmarkApp

SPANS = (
    (0, "Iran’s Foreign Ministry spokesperson said talks", "claim"),
    (0, "a mutual understanding to continue the dialogue", "quote"),
    (0, "understanding to continue", "inconsistency"),  # overlaps the quote
    (1, "The two parties agreed to reconvene next Saturday", "inconsistency"),
)


async def _annotate(app: NewsmarkApp, pilot) -> None:
    for index, quote, label in SPANS:
        view = app.views[index]
        view.focus()
        await pilot.pause()
        start = view.document.text.index(quote)
        view.select_range(start, start + len(quote))
        app.action_tag(label)
    view = app.views[0]
    view.focus()
    start = view.document.text.index("Esmaeil")
    view.select_range(start, start + len("Esmaeil Baghaei"))  # a selection, not yet tagged


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_seeds_side_by_side(snap_compare, make_app: AppFactory, theme: str) -> None:
    app = make_app()

    async def prepare(pilot) -> None:
        app.theme = theme
        await pilot.pause()
        await _annotate(app, pilot)
        await pilot.pause()

    assert snap_compare(app, terminal_size=(160, 40), run_before=prepare)


@pytest.mark.parametrize("dialog", ["reader", "editor", "help"])
def test_small_terminal(snap_compare, make_app: AppFactory, dialog: str) -> None:
    """80x24: the footer keeps help and quit, dialogs fit with their buttons."""
    app = make_app()

    async def prepare(pilot) -> None:
        await pilot.pause()
        await _annotate(app, pilot)
        view = app.views[0]
        view.set_cursor(view.document.text.index("understanding to continue"))
        await pilot.pause()
        if dialog == "editor":
            await pilot.press("enter")
        elif dialog == "help":
            await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=prepare)
