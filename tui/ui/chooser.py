"""Choose which articles are shown side by side, and give an article a better title."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from ..core.models import ArticleSummary
from .choices import ChoiceList
from .footer import NewsmarkFooter
from .safe_fields import SafeInput

Retitle = Callable[[str, str, str], "str | None"]
"""(article id, new title, title the user saw) -> the title stored, or None if refused."""

CHOOSING = "Articles to show side by side (at most {limit}); space, then Enter; t: retitle"
RETITLING = "New title for the highlighted article; Enter saves, Esc keeps the old one"


class ArticleChooser(ModalScreen[list[str] | None]):
    """Space toggles an article (``[x]`` / ``[ ]``), Enter shows the chosen ones; ``t``
    opens a field under the list to retitle the highlighted article."""

    BINDINGS = [
        Binding("escape", "dismiss_chooser", "Cancel", tooltip="keep the articles shown now"),
        Binding(
            "enter",
            "choose",
            "Show chosen",
            priority=True,  # not the list's toggle
            tooltip="show the ticked articles side by side",
        ),
        Binding("t", "retitle", "Retitle", tooltip="change the highlighted article's title"),
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
        self,
        articles: Sequence[ArticleSummary],
        shown: Sequence[str],
        limit: int,
        retitle: Retitle | None = None,
    ) -> None:
        super().__init__()
        self.articles = {summary.id: summary for summary in articles}
        self.shown = set(shown)
        self.limit = limit
        self.retitle = retitle

    def compose(self) -> ComposeResult:
        with Vertical(id="chooser"):
            yield Label(CHOOSING.format(limit=self.limit), id="chooser-hint")
            yield ChoiceList(
                [(self._text(summary), summary.id) for summary in self.articles.values()],
                self.shown,
                multiple=True,
            )
        yield NewsmarkFooter()

    @staticmethod
    def _text(summary: ArticleSummary) -> str:
        return f"{summary.title} ({summary.annotations} annotations)"

    def _title_field(self) -> SafeInput | None:
        fields = self.query("#retitle").results(SafeInput)
        return next(fields, None)

    def action_retitle(self) -> None:
        article_id = self.query_one(ChoiceList).highlighted_value
        if self.retitle is None or article_id is None or self._title_field() is not None:
            return
        field = SafeInput(self.articles[article_id].title, id="retitle", name=article_id)
        self.query_one("#chooser", Vertical).mount(field)
        self.query_one("#chooser-hint", Label).update(RETITLING)
        field.focus()

    def _close_title_field(self) -> None:
        field = self._title_field()
        if field is not None:
            field.remove()
        self.query_one("#chooser-hint", Label).update(CHOOSING.format(limit=self.limit))
        self.query_one(ChoiceList).focus()

    def _save_title(self, field: SafeInput) -> None:
        article_id = field.name or ""
        summary = self.articles[article_id]
        if field.value.strip() == summary.title or self.retitle is None:
            self._close_title_field()  # nothing changed: nothing to write
            return
        stored = self.retitle(article_id, field.value, summary.title)
        if stored is None:
            return  # refused: the app said why; the field stays for another try
        self.articles[article_id] = replace(summary, title=stored)
        self.query_one(ChoiceList).rename(article_id, self._text(self.articles[article_id]))
        self._close_title_field()

    def action_choose(self) -> None:
        if self._title_field() is not None:
            # Enter belongs to the title field: handled there, after the keys typed before
            # it (a priority binding runs ahead of them: a fast typist would lose the end)
            raise SkipAction()
        chosen = self.query_one(ChoiceList).chosen
        order = [article_id for article_id in self.articles if article_id in chosen]
        self.dismiss(order[: self.limit] or None)

    @on(SafeInput.Submitted, "#retitle")
    def _title_submitted(self, event: SafeInput.Submitted) -> None:
        event.stop()
        self._save_title(self.query_one("#retitle", SafeInput))

    def action_dismiss_chooser(self) -> None:
        if self._title_field() is not None:
            self._close_title_field()
            return
        self.dismiss(None)
