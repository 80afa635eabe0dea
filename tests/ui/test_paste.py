"""A paste lands once, sanitised: in the find bar, the list filter and the editor's note.

A terminal pastes in bracketed mode: Textual turns it into one ``Paste`` event for the
app, which forwards it to the focused field and hands it to every class of the field in
turn; a field that called its base's handler
as well inserted the text twice ("MuscatMuscat", and the find then failed)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from tests.ui.conftest import AppFactory


async def test_a_paste_into_the_find_bar_lands_once(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        field = app.screen.query_one("#find-input", Input)
        app.post_message(events.Paste("Muscat\x1b]0;x\x07"))
        await pilot.pause()
        assert field.value == "Muscat␛]0;x␇"


async def test_a_paste_into_the_editors_note_lands_once(make_app: AppFactory):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.views[0]
        start = view.document.text.index("Esmaeil")
        view.select_range(start, start + 7)
        await pilot.press("c", "enter")
        await pilot.pause()
        note = app.screen.query_one(TextArea)
        app.post_message(events.Paste("who is he?\u202e"))
        await pilot.pause()
        assert note.text == "who is he?\ufffd"
