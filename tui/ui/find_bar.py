"""The find bar: the cursor follows the first match as you type."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label

from .article_view import ArticleView
from .find_text import find, find_everywhere
from .keys import hand_back, run_binding_now
from .safe_fields import SafeInput

__all__ = ["FindBar", "FindInput", "find", "find_everywhere"]


class FindInput(SafeInput):
    """The query field: Enter and Esc act before the next queued key is typed, and keys
    typed after the bar closed go back to the reader."""

    async def action_submit(self) -> None:
        # Close the bar now rather than post Submitted: the keys queued after Enter
        # must find the reader focused again.
        bar = self.parent
        if isinstance(bar, FindBar):
            bar.accept(self.value)

    async def _on_key(self, event: events.Key) -> None:
        if hand_back(self, event) or await run_binding_now(self, event, text_input=True):
            return
        await super()._on_key(event)


class FindBar(Horizontal):
    """Hidden until `/`; the view's cursor follows the first match as you type.

    Enter keeps the match (and remembers the query for F3), Esc puts the cursor
    back where it was. ``Closed`` tells the app to give the row back.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel find")]

    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: ArticleView | None = None
        self.origin = 0
        self.last_query = ""

    def compose(self) -> ComposeResult:
        yield Label("Find:")
        yield FindInput(placeholder="text in this article", id="find-input")

    def open(self, view: ArticleView) -> Input:
        """Show the bar for ``view``; returns the input, which has the focus already."""
        self.view, self.origin = view, view.cursor
        self.display = True
        find_input = self.query_one(Input)
        find_input.value = ""
        # Focus now, not after a refresh: keys typed right after `/` belong to the bar.
        self.screen.set_focus(find_input)
        return find_input

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self._follow(event.value)

    def _follow(self, query: str) -> None:
        """Put the view's cursor on the first match of ``query`` (back at the origin if none)."""
        view = self.view
        if view is None:
            return
        match = find(view.document.text, query, self.origin)
        view.show_match(match, move=False)
        view.set_cursor(match[0] if match else self.origin)

    def accept(self, query: str) -> None:
        """Enter: the cursor stays on the match of the whole query, found now (the
        ``Changed`` messages of the last keys may still be on their way); no match is
        said, not left for the user to notice."""
        view = self.view
        self._follow(query)
        if query:
            self.last_query = query
            if view is not None and view.find_match is None:
                self.notify(f"Not found: {query}", markup=False, timeout=3)
        self._close(keep=True)

    def action_cancel(self) -> None:
        self._close(keep=False)

    def _close(self, *, keep: bool) -> None:
        self.display = False
        view, self.view = self.view, None
        if view is not None:
            if not keep:
                view.set_cursor(self.origin)
            view.show_match(None)
            self.screen.set_focus(view)
        self.post_message(self.Closed())

    def find_again(self, view: ArticleView) -> tuple[int, int] | None:
        """F3: the next match of the last query after this pane's cursor (each pane
        goes on from where it is)."""
        match = find(view.document.text, self.last_query, view.cursor + 1)
        if match is not None:
            view.show_match(match)
        return match
