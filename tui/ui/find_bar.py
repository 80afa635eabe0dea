"""The find bar: the cursor follows the first match as you type."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


def find(text: str, query: str, start: int) -> tuple[int, int] | None:
    """First case-insensitive match at or after ``start``, wrapping around to the top.

    ``re.IGNORECASE`` compares per character, so offsets are those of ``text``
    itself (lower-casing a copy would shift them for characters such as 'İ').
    """
    if not query:
        return None
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    match = pattern.search(text, start) or pattern.search(text, 0)
    return (match.start(), match.end()) if match else None


class FindBar(Horizontal):
    """Hidden until `/`; Enter keeps the match, Esc goes back to where the cursor was."""

    BINDINGS = [Binding("escape", "cancel", "Cancel find")]

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Closed(Message):
        def __init__(self, accepted: bool) -> None:
            super().__init__()
            self.accepted = accepted

    def compose(self) -> ComposeResult:
        yield Label("Find:")
        yield Input(placeholder="text in this article", id="find-input")

    def open(self) -> None:
        self.display = True
        find_input = self.query_one(Input)
        find_input.value = ""
        # Focus now, not after a refresh: keys typed right after `/` belong to the bar.
        self.screen.set_focus(find_input)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.display = False
        self.post_message(self.Closed(accepted=True))

    def action_cancel(self) -> None:
        self.display = False
        self.post_message(self.Closed(accepted=False))
