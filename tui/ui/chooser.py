"""Choose which articles are shown side by side (three or more in the database)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ..core.models import ArticleSummary
from .choices import ChoiceList
from .footer import NewsmarkFooter


class ArticleChooser(ModalScreen[list[str] | None]):
    """Space toggles an article (``[x]`` / ``[ ]``), Enter shows the chosen ones."""

    BINDINGS = [
        Binding("escape", "dismiss_chooser", "Cancel", tooltip="keep the articles shown now"),
        Binding(
            "enter",
            "choose",
            "Show chosen",
            priority=True,  # not the list's toggle
            tooltip="show the ticked articles side by side",
        ),
    ]

    DEFAULT_CSS = """
    ArticleChooser {
        align: center middle;
    }
    #chooser {
        width: 100%;
        max-width: 90;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #chooser ChoiceList {
        height: auto;
        max-height: 1fr;
    }
    """

    def __init__(
        self, articles: Sequence[ArticleSummary], shown: Sequence[str], limit: int
    ) -> None:
        super().__init__()
        self.articles = list(articles)
        self.shown = set(shown)
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser"):
            yield Label(f"Articles to show side by side (at most {self.limit}); space, then Enter")
            yield ChoiceList(
                [
                    (f"{summary.title} ({summary.annotations} annotations)", summary.id)
                    for summary in self.articles
                ],
                self.shown,
                multiple=True,
            )
        yield NewsmarkFooter()

    def action_choose(self) -> None:
        chosen = self.query_one(ChoiceList).chosen
        order = [summary.id for summary in self.articles if summary.id in chosen]
        self.dismiss(order[: self.limit] or None)

    def action_dismiss_chooser(self) -> None:
        self.dismiss(None)
