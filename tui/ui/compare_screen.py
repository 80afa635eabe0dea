"""Candidate contradictions between the shown articles, ranked, each with both sentences
and the differing words marked. Enter shows a pair in the panes; a accepts; d dismisses."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.style import Style
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..core.text import printable
from .footer import NewsmarkFooter

if TYPE_CHECKING:
    from ..core.assist.compare import Contradiction, Side


@dataclass(frozen=True)
class Shown:
    """Enter: show this pair side by side."""

    item: Contradiction


def _flat(text: str) -> str:
    return " ".join(printable(text).split())


class CompareScreen(ModalScreen[Shown | None]):
    """Computes its candidates in a worker when it opens; the app writes what it decides."""

    COMPONENT_CLASSES = {"compare-screen--difference"}
    DEFAULT_CSS = """
    CompareScreen {
        align: center middle;
    }
    CompareScreen > #compare {
        width: 90%;
        height: 1fr;
        max-height: 90%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    CompareScreen #compare-heading {
        height: auto;
    }
    CompareScreen #compare-list {
        height: 1fr;
        min-height: 4;
    }
    CompareScreen #compare-detail {
        height: auto;
        max-height: 50%;
        overflow-y: auto;
    }
    CompareScreen > .compare-screen--difference {
        text-style: bold reverse;
    }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("enter", "show", "Show side by side", priority=True),
        Binding("a", "accept", "Accept: tag both, link"),
        Binding("d", "dismiss_candidate", "Dismiss"),
    ]

    class Accept(Message):
        def __init__(self, item: Contradiction) -> None:
            super().__init__()
            self.item = item

    class Dismiss(Message):
        def __init__(self, item: Contradiction) -> None:
            super().__init__()
            self.item = item

    def __init__(
        self,
        texts: Sequence[tuple[str, str]],
        titles: Mapping[str, str],
        dismissed: Collection[str],
        top: int = 50,
    ) -> None:
        super().__init__()
        self.texts = list(texts)
        self.titles = dict(titles)
        self.dismissed = set(dismissed)
        self.top = top
        self.candidates: list[Contradiction] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="compare"):
            yield Static(Content("Finding candidate contradictions…"), id="compare-heading")
            yield OptionList(id="compare-list")
            yield Static(id="compare-detail")
        yield NewsmarkFooter()  # this dialog's keys, not the reader's

    def on_mount(self) -> None:
        self._find()

    @work(thread=True, exclusive=True)
    def _find(self) -> None:
        from ..core.assist.suggestions import contradictions

        found = contradictions(self.texts, self.dismissed, self.top)
        self.app.call_from_thread(self._found, found)

    def _found(self, found: list[Contradiction]) -> None:
        self.candidates = found
        heading = (
            f"{len(found)} candidate contradiction(s), best first: Enter shows a pair side by"
            " side, a tags both inconsistency and links them, d dismisses, Esc closes"
            if found
            else "No candidate contradictions between the shown articles"
        )
        self.query_one("#compare-heading", Static).update(Content(heading))
        self._fill()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(
            Option(Content(f"{rank:>2}. {item.score:.2f}  {_flat('; '.join(item.reasons))}"))
            for rank, item in enumerate(self.candidates, start=1)
        )
        if self.candidates:
            options.highlighted = min(highlighted, len(self.candidates) - 1)
            options.focus()
        self._detail()

    def _side(self, side: Side, words: Sequence[tuple[int, int]]) -> Content:
        style = Style.from_rich_style(
            self.get_component_rich_style("compare-screen--difference", partial=True)
        )
        title = _flat(self.titles.get(side.article_id, side.article_id))
        body = Content(printable(side.text))
        for start, end in words:
            if side.start <= start < end <= side.end:
                body = body.stylize(style, start - side.start, end - side.start)
        return Content(f"{title}\n").append(body)

    def _detail(self) -> None:
        item = self.current
        detail = self.query_one("#compare-detail", Static)
        if item is None:
            detail.update("")
            return
        detail.update(
            Content("\n").join(
                [self._side(item.a, item.a_words), Content(""), self._side(item.b, item.b_words)]
            )
        )

    @property
    def current(self) -> Contradiction | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not 0 <= index < len(self.candidates):
            return None
        return self.candidates[index]

    @on(OptionList.OptionHighlighted)
    def _highlighted(self) -> None:
        self._detail()

    def _done_with(self, item: Contradiction) -> None:
        """Accepted or dismissed: off the list."""
        self.candidates = [each for each in self.candidates if each is not item]
        self._fill()

    def action_show(self) -> None:
        item = self.current
        if item is not None:
            self.dismiss(Shown(item))

    def action_accept(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.Accept(item))
            self._done_with(item)

    def action_dismiss_candidate(self) -> None:
        item = self.current
        if item is not None:
            self.post_message(self.Dismiss(item))
            self._done_with(item)

    def action_close(self) -> None:
        self.dismiss(None)
