"""The annotation panel: every annotation of the shown articles, filtered, Enter jumps."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Select

from ..core.models import AnnotationRow
from ..core.store import Store
from .annotation_table import AnnotationTable
from .safe_fields import SafeInput

ALL = "all"
CHANGED = "changed"
ORPHANED = "orphaned"
STATUSES = (CHANGED, ORPHANED)
RELOAD_DELAY = 0.15  # coalesce bursts of changes into one reload from the store


def matches(row: AnnotationRow, label: str, words: Sequence[str]) -> bool:
    if label in STATUSES:
        if row.status != label:
            return False
    elif label != ALL and row.label != label:
        return False
    haystack = f"{row.text}\n{row.note}".casefold()
    return all(word in haystack for word in words)


class AnnotationList(Vertical):
    """Follows changes as they happen (debounced), and only while it is shown.

    Rows are read from the store once per change; a filter keystroke only
    filters them in memory.
    """

    BINDINGS = [
        Binding("escape", "app.toggle_list", "Close list", tooltip="close the list (L again too)")
    ]

    def __init__(
        self,
        labels: Sequence[str],
        *,
        label_keys: dict[str, str] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.labels = list(labels)
        self.label_keys = label_keys or {}
        self._store: Store | None = None
        self._article_ids: list[str] = []
        self._titles: dict[str, str] = {}
        self._rows: list[AnnotationRow] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Select(
            [(name, name) for name in (ALL, *self.labels, CHANGED, ORPHANED)],
            value=ALL,
            allow_blank=False,
            id="list-label",
        )
        yield SafeInput(placeholder="filter by text or note", id="list-filter")
        yield AnnotationTable(id="list-table")

    def show(self, store: Store, article_ids: Sequence[str]) -> None:
        self._store = store
        self._article_ids = list(article_ids)
        self._titles = {summary.id: summary.title for summary in store.articles()}
        self.changed()

    def changed(self) -> None:
        if not self.display or self._store is None:
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(RELOAD_DELAY, self.reload)

    def focus_table(self) -> None:
        self.query_one(AnnotationTable).focus()

    def reload(self) -> None:
        if self._store is None:
            return
        self._rows = self._store.annotation_rows(self._article_ids)
        self.apply_filter()

    def apply_filter(self) -> None:
        label = str(self.query_one(Select).value)
        words = self.query_one(Input).value.casefold().split()
        shown = [row for row in self._rows if matches(row, label, words)]
        self.query_one(AnnotationTable).set_rows(shown, self._titles, self.label_keys)

    @on(Select.Changed)
    @on(Input.Changed)
    def _filter_changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        self.apply_filter()

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_table()
