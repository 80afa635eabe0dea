"""A list of annotation rows that draws only what is visible (Line API), like the reader.

DataTable measures every cell of every row when rows are added; with 10,000
annotations that alone took over a second per filter keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.models import AnnotationRow
from .status import shorten

LABEL_WIDTH = 13
ARTICLE_WIDTH = 12
LINKS_WIDTH = 3


NARROW = 60  # below this the label shows as its key letter (as in the reader's gutter)


def row_text(row: AnnotationRow, title: str, width: int, key: str = "") -> str:
    """One line: label, article, quote and note, each cut to fit."""
    links = f"↔{row.links}" if row.links else ""
    label_width = 1 if width < NARROW and key else LABEL_WIDTH
    rest = max(width - label_width - ARTICLE_WIDTH - LINKS_WIDTH - 3, 8)
    if row.orphaned:
        quote = f"ORPHANED {row.text}"
    elif row.status == "changed":
        quote = f"CHANGED {row.original} → {row.text}"
    else:
        quote = row.text
    quote = shorten(quote, max(rest * 2 // 3, 4) if row.note else rest)
    note = shorten(row.note, max(rest - len(quote) - 1, 1)) if row.note else ""
    parts = [
        key.upper() if label_width == 1 else row.label[:LABEL_WIDTH].ljust(LABEL_WIDTH),
        shorten(title, ARTICLE_WIDTH).ljust(ARTICLE_WIDTH),
        links.ljust(LINKS_WIDTH),
        quote if not note else f"{quote} {note}",
    ]
    return " ".join(parts)


class AnnotationTable(ScrollView, can_focus=True):
    """Rows of annotations; up/down/page keys move, Enter (or a click) chooses."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"annotation-table--cursor", "annotation-table--orphaned"}
    DEFAULT_CSS = """
    AnnotationTable > .annotation-table--cursor {
        background: $accent;
        color: $ink-on-accent;
    }
    AnnotationTable:focus > .annotation-table--cursor {
        text-style: bold;
    }
    AnnotationTable > .annotation-table--orphaned {
        text-style: italic;
        color: $text-error;
    }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("home", "move(-1000000000)", "First", show=False),
        Binding("end", "move(1000000000)", "Last", show=False),
        Binding("enter", "choose", "Jump to it"),
    ]

    class Chosen(Message):
        def __init__(self, annotation_id: str) -> None:
            super().__init__()
            self.annotation_id = annotation_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[AnnotationRow] = []
        self.titles: dict[str, str] = {}
        self.label_keys: dict[str, str] = {}
        self.cursor = 0

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(
        self,
        rows: Sequence[AnnotationRow],
        titles: dict[str, str],
        label_keys: dict[str, str] | None = None,
    ) -> None:
        """Show ``rows``, keeping the cursor on the same annotation when it is still there."""
        current = self.rows[self.cursor].id if self.rows else None
        self.rows = list(rows)
        self.titles = titles
        self.label_keys = label_keys or {}
        ids = [row.id for row in self.rows]
        self.cursor = ids.index(current) if current in ids else 0
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        row = self.rows[index]
        style: Style = base
        if row.orphaned:
            style += self.get_component_rich_style("annotation-table--orphaned", partial=True)
        if index == self.cursor:
            style += self.get_component_rich_style("annotation-table--cursor", partial=True)
        key = self.label_keys.get(row.label, "")
        text = row_text(row, self.titles.get(row.article_id, ""), width, key)
        return Strip([Segment(text, style)]).crop_extend(0, width, style)

    def action_move(self, step: int) -> None:
        if not self.rows:
            return
        before = self.cursor
        self.cursor = max(0, min(self.cursor + step, len(self.rows) - 1))
        self.refresh_line(before)
        self.refresh_line(self.cursor)
        height = self.scrollable_content_region.height
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= self.scroll_y + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)

    def action_choose(self) -> None:
        if self.rows:
            self.post_message(self.Chosen(self.rows[self.cursor].id))

    def on_click(self, event: events.Click) -> None:
        position = event.get_content_offset(self)
        if position is None:
            return
        index = int(self.scroll_y) + position.y
        if index < len(self.rows):
            self.action_move(index - self.cursor)
            self.action_choose()
