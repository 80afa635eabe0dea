"""Curation: settle what several annotators said into one answer, one article at a time.

What all chosen annotators agree on is accepted when an article opens; each
disagreement is shown with who said what, side by side, and one key decides it
(a side, several, all, or neither). Every decision is one transaction and one
undo step, written as the curator (``curated`` unless named).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ..core.errors import NewsmarkError
from ..core.models import Annotation
from ..core.store import Store
from ..core.team.curate import (
    CURATOR,
    Curation,
    Disagreement,
    accept_agreed,
    curation,
    decide,
)
from ..core.text import printable
from ..core.workspace import Change, Workspace
from .article_view import ArticleView
from .footer import NewsmarkFooter
from .palette import Inked
from .status import shorten

QUOTE_CHARS = 160


def _candidate_rows(item: Disagreement, article_id: str) -> list[Annotation]:
    """The disagreement's spans as annotations, so the reader draws them in label colours."""
    return [
        Annotation(f"candidate-{index}", article_id, span.start, span.end, span.label,
                   span.text, "", "", span.note, ", ".join(span.annotators), "", "")
        for index, span in enumerate(item.candidates)
    ]  # fmt: skip


def describe(item: Disagreement, number: int, total: int) -> Content:
    """Who said what, one side a paragraph; a plain text, never markup."""
    lines = [f"Disagreement {number} of {total}: {item.kind}"
             + ("  (settled)" if item.settled else "")]  # fmt: skip
    for index, side in enumerate(item.sides, start=1):
        who = ", ".join(printable(name) for name in side.annotators)
        lines.append("")
        accepted = all(span.key in item.accepted for span in side.spans)
        mark = "[x]" if accepted and item.settled else "[ ]"
        lines.append(f"{mark} {index}  {who} said:")
        for span in side.spans:
            lines.append(
                f"      {span.label} «{shorten(printable(span.text), QUOTE_CHARS)}»"
                f" ({span.start}-{span.end})"
            )
    if item.silent:
        lines.append("")
        lines.append("said nothing here: " + ", ".join(printable(name) for name in item.silent))
    lines.append("")
    lines.append("1-9 accept that side · b both (all) · 0 neither · n / N next / previous")
    return Content("\n".join(lines))


class CurateApp(Inked, App[None]):
    """Step through the disagreements of each article; decide each with one key."""

    CSS = """
    #curate-main { height: 1fr; }
    #curate-view { width: 2fr; }
    #curate-sides { width: 1fr; border-left: vkey $panel; padding: 0 1; }
    #curate-title { height: 1; background: $panel; padding: 0 1; text-style: bold; }
    #curate-status { height: 1; background: $panel; padding: 0 1; }
    """
    BINDINGS = [
        Binding("n", "step(1)", "Next"),
        Binding("N", "step(-1)", "Previous", show=False),
        *(Binding(str(n), f"decide({n})", f"Side {n}", show=False) for n in range(1, 10)),
        Binding("b", "decide_all", "Both"),
        Binding("0", "decide_none", "Neither"),
        Binding("right_square_bracket", "article(1)", "Next article", key_display="]"),
        Binding("left_square_bracket", "article(-1)", "Previous article", key_display="["),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
    ]

    def __init__(
        self,
        db_path: str | Path,
        article_ids: Sequence[str],
        annotators: Sequence[str],
        *,
        curator: str = CURATOR,
    ) -> None:
        super().__init__()
        self.store = Store(db_path)
        self.workspace = Workspace(self.store, curator)
        self.article_ids = list(article_ids)
        self.annotators = list(annotators)
        self.curator = curator
        self.article_index = 0
        self.index = 0
        self.current: Curation | None = None
        self.labels = self.store.label_rows()

    def compose(self) -> ComposeResult:
        yield Static(id="curate-title", markup=False)
        with Horizontal(id="curate-main"):
            yield Static(id="curate-placeholder")
            with VerticalScroll(id="curate-sides"):
                yield Static(id="curate-detail", markup=False)
        yield Static(id="curate-status", markup=False)
        yield NewsmarkFooter()  # quit stays in sight at any width

    async def on_mount(self) -> None:
        await self._open_article()

    # -- reading ---------------------------------------------------------------

    @property
    def article_id(self) -> str:
        return self.article_ids[self.article_index]

    async def _open_article(self) -> None:
        """Show the article, and accept at once what every annotator agrees on."""
        article = self.store.get_article(self.article_id)
        old = self.query(ArticleView)
        if old:
            await old.first().remove()
        view = ArticleView(article, (), labels=self.labels, id="curate-view")
        await self.query_one("#curate-main").mount(view, before=0)
        placeholder = self.query("#curate-placeholder")
        if placeholder:
            await placeholder.first().remove()
        self.query_one("#curate-title", Static).update(
            Content(f"Curating {article.title}  ·  as {self.curator}")
        )
        self.index = 0
        self._reread()
        if self.current is not None and not self.current.agreed_done:
            self._write(lambda current: accept_agreed(self.workspace, current))
        self._show()

    def _reread(self) -> None:
        self.current = curation(self.store, self.article_id, self.annotators,
                                curator=self.curator)  # fmt: skip

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def disagreement(self) -> Disagreement | None:
        current = self.current
        if current is None or not current.disagreements:
            return None
        self.index = max(0, min(self.index, len(current.disagreements) - 1))
        return current.disagreements[self.index]

    def _show(self) -> None:
        """The one place the screen follows the data: view, side panel, status."""
        current = self.current
        item = self.disagreement
        detail = self.query_one("#curate-detail", Static)
        if current is None:
            return
        answer = [row for row in self.store.annotations_by(self.article_id, self.curator)
                  if not row.deleted]  # fmt: skip
        if item is None:
            self.view.set_annotations(answer)
            detail.update(Content("No disagreements in this article: ] goes to the next"))
        else:
            candidates = _candidate_rows(item, self.article_id)
            self.view.set_annotations([*answer, *candidates])
            self.view.set_emphasis({row.id for row in candidates})
            detail.update(describe(item, self.index + 1, len(current.disagreements)))
            self.view.show_span(item.start, item.end)
        self.query_one("#curate-status", Static).update(
            Content(
                f"article {self.article_index + 1} of {len(self.article_ids)}"
                f"  ·  {current.progress}  ·  {len(current.agreed)} agreed span(s) accepted"
                f"  ·  annotators: {', '.join(printable(a) for a in current.annotators)}"
            )
        )

    # -- writing ---------------------------------------------------------------

    def _write(self, action: Callable[[Curation], Change | None]) -> None:
        current = self.current
        if current is None:
            return
        try:
            change = action(current)
        except NewsmarkError as error:
            self.bell()
            self.notify(printable(str(error)), title="Not saved", severity="error",
                        markup=False)  # fmt: skip
            return
        self._reread()
        if change is not None and change.description:
            self.notify(printable(change.description), markup=False, timeout=2)

    def _decide(self, sides: Sequence[int]) -> None:
        item = self.disagreement
        if item is None:
            self.notify("No disagreement here", markup=False)
            return
        if any(side >= len(item.sides) for side in sides):
            self.notify(f"There are {len(item.sides)} side(s) here", markup=False)
            return
        self._write(lambda current: decide(self.workspace, current, item, sides))
        self._next_open()
        self._show()

    def _next_open(self) -> None:
        """After a decision: the next disagreement not settled yet, if any."""
        current = self.current
        if current is None:
            return
        total = len(current.disagreements)
        for offset in range(1, total + 1):
            candidate = (self.index + offset) % total
            if not current.disagreements[candidate].settled:
                self.index = candidate
                return

    def action_decide(self, side: int) -> None:
        self._decide([side - 1])

    def action_decide_all(self) -> None:
        item = self.disagreement
        if item is not None:
            self._decide(list(range(len(item.sides))))

    def action_decide_none(self) -> None:
        self._decide([])

    def action_step(self, step: int) -> None:
        self.index += step
        self._show()

    async def action_article(self, step: int) -> None:
        target = self.article_index + step
        if not 0 <= target < len(self.article_ids):
            self.notify("No more articles that way", markup=False, timeout=2)
            return
        self.article_index = target
        await self._open_article()

    def _history(self, undo: bool) -> None:
        action = self.workspace.undo if undo else self.workspace.redo
        try:
            change = action()
        except NewsmarkError as error:
            self.notify(printable(str(error)), title="Not done", severity="error", markup=False)
            return
        if change is None:
            self.notify(f"Nothing to {'undo' if undo else 'redo'}", markup=False, timeout=2)
            return
        self._reread()
        self._show()
        verb = "Undone" if undo else "Redone"
        self.notify(f"{verb}: {printable(change.description)}", markup=False, timeout=2)

    def action_undo(self) -> None:
        self._history(undo=True)

    def action_redo(self) -> None:
        self._history(undo=False)

    def on_unmount(self) -> None:
        self.store.close()


def curate_ids(store: Store, annotators: Sequence[str], article_ids: Sequence[str]) -> list[str]:
    """The articles to curate: those given, else every article two chosen annotators
    both annotated."""
    if article_ids:
        return list(article_ids)
    chosen = set(annotators)
    found = []
    for summary in store.articles():
        names = {row.annotator for row in store.annotations_for(summary.id)} & chosen
        if len(names) >= 2:
            found.append(summary.id)
    return found


def annotators_of(store: Store) -> list[str]:
    """Everyone with a live annotation, the curator aside."""
    names = {row.annotator for row in store.annotations()}
    return sorted(name for name in names if name and name != CURATOR)

