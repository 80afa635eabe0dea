"""The annotation panel: every annotation of the shown articles, filtered, Enter jumps."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Input, Select

from ..core.models import Annotation
from ..core.store import Store
from .status import shorten

ALL = "all"
ORPHANED = "orphaned"
REBUILD_DELAY = 0.15  # coalesce bursts of changes into one rebuild


def matches(annotation: Annotation, label: str, words: Sequence[str]) -> bool:
    if label == ORPHANED and not annotation.orphaned:
        return False
    if label not in (ALL, ORPHANED) and annotation.label != label:
        return False
    haystack = f"{annotation.text}\n{annotation.note}".casefold()
    return all(word in haystack for word in words)


class AnnotationList(Vertical):
    """Follows changes as they happen (debounced), and only while it is shown."""

    BINDINGS = [Binding("escape", "close", "Close list")]

    class Chosen(Message):
        def __init__(self, annotation_id: str) -> None:
            super().__init__()
            self.annotation_id = annotation_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._store: Store | None = None
        self._article_ids: list[str] = []
        self._titles: dict[str, str] = {}
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Select(
            [
                (ALL, ALL),
                ("claim", "claim"),
                ("quote", "quote"),
                ("inconsistency", "inconsistency"),
                (ORPHANED, ORPHANED),
            ],
            value=ALL,
            allow_blank=False,
            id="list-label",
        )
        yield Input(placeholder="filter by text or note", id="list-filter")
        table: DataTable[Text] = DataTable(id="list-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("label", "article", "quote", "note", "links")

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
        self._timer = self.set_timer(REBUILD_DELAY, self.rebuild)

    def focus_table(self) -> None:
        self.query_one(DataTable).focus()

    def rebuild(self) -> None:
        if self._store is None:
            return
        label = str(self.query_one(Select).value)
        words = self.query_one(Input).value.casefold().split()
        table = self.query_one(DataTable)
        row_key = None
        if table.row_count:
            row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear()
        link_counts = self._store.link_counts()
        rows = []
        for annotation in self._store.annotations(article_ids=self._article_ids):
            if not matches(annotation, label, words):
                continue
            label_text = annotation.label + (" (orphaned)" if annotation.orphaned else "")
            rows.append(
                (
                    [
                        Text(label_text),
                        Text(shorten(self._titles.get(annotation.article_id, ""), 18)),
                        Text(shorten(annotation.text, 50)),
                        Text(shorten(annotation.note, 30)),
                        Text(str(link_counts.get(annotation.id, ""))),
                    ],
                    annotation.id,
                )
            )
        for cells, key in rows:
            table.add_row(*cells, key=key)
        if row_key is not None and row_key in table.rows:
            table.move_cursor(row=table.get_row_index(row_key))

    @on(Select.Changed)
    @on(Input.Changed)
    def _filter_changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        self.changed()

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_table()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Chosen(event.row_key.value))

    def action_close(self) -> None:
        self.display = False
        self.app.set_focus(None)
        self.app.action_focus_next()
