"""Choose which articles are shown side by side (three or more in the database)."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList
from textual.widgets.selection_list import Selection

from ..core.models import ArticleSummary


class ArticleChooser(ModalScreen[list[str] | None]):
    """Space toggles an article, Enter shows the chosen ones."""

    BINDINGS = [
        Binding("escape", "dismiss_chooser", "Cancel"),
        Binding("enter", "choose", "Show chosen", priority=True),  # not the list's toggle
    ]

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
            yield SelectionList[str](
                *(
                    Selection(
                        Content(f"{summary.title} ({summary.annotations} annotations)"),
                        summary.id,
                        summary.id in self.shown,
                    )
                    for summary in self.articles
                )
            )

    def action_choose(self) -> None:
        chosen = self.query_one(SelectionList).selected
        order = [summary.id for summary in self.articles if summary.id in chosen]
        self.dismiss(order[: self.limit] or None)

    def action_dismiss_chooser(self) -> None:
        self.dismiss(None)
