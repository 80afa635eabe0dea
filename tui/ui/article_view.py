"""The reader widget: a Line API view of one article with cursor, selection and highlights.

Only visible rows are rendered (``render_line``), each cached under a key of
what can change it, so a keypress costs the rows it touches whatever the size
of the article or the number of annotations.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.css.styles import RenderStyles
from textual.dom import DOMNode
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..core.articles import Article, Span
from ..core.models import Annotation, Label
from ..core.text import (
    next_grapheme,
    previous_grapheme,
    sentence_at,
    snap_to_grapheme,
    word_left,
    word_right,
)
from .document import Document, Row, WrapMap
from .keys import hand_back, run_binding_now
from .spans import SpanIndex, innermost

if TYPE_CHECKING:  # the rules load lazily, in a worker: start-up does not pay for them
    from ..core.assist.suggestions import Suggestion

GUTTER = 4  # three cells of label letters (the row's labels by position), a link marker
LABEL_SLOTS = 8  # colour slots for labels, by position: a new label gets one of its own
WRAP_BATCH = 2000  # at most this many lines wrapped per tick in the background...
WRAP_CHUNK = 50  # ...this many at a time...
WRAP_SECONDS = 0.01  # ...until this long has passed: a keypress never waits longer


def _bounds(annotation: Annotation) -> tuple[int, int]:
    return annotation.start, annotation.end


def _suggestion_bounds(suggestion: Suggestion) -> tuple[int, int]:
    return suggestion.start, suggestion.end


# In C (no Python call a span): the reader indexes every block and style before its first frame.
_span_bounds: Callable[[Span], tuple[int, int]] = attrgetter("start", "end")


def _clip(span: tuple[int, int] | None, row: Row) -> tuple[int, int] | None:
    """The part of ``span`` on ``row``; None when they share no character."""
    if span is None or span[1] <= row.start or span[0] >= row.end:
        return None
    return max(span[0], row.start), min(span[1], row.end)


class Layer(NamedTuple):
    """A styled range of the text drawn on top of what is below it (a NamedTuple: a few
    for every row drawn, and cheaper to make than a frozen dataclass)."""

    start: int
    end: int
    component: str


def with_shift(key: str) -> str:
    """``key`` with shift held, spelt as Textual's input parser spells it: a terminal
    sends ESC [1;6C for ctrl+shift+right, which arrives as ``ctrl+shift+right`` and
    never as ``shift+ctrl+right``."""
    if key.startswith("ctrl+"):
        return "ctrl+shift+" + key.removeprefix("ctrl+")
    return f"shift+{key}"


def _move(key: str, action: str, description: str) -> list[Binding]:
    return [
        Binding(
            key,
            f"move('{action}', False)",
            description,
            show=False,
            tooltip=f"move the cursor {description}",
        ),
        Binding(
            with_shift(key),
            f"move('{action}', True)",
            f"Select {description}",
            show=False,
            tooltip=f"extend the selection {description}",
        ),
    ]


class ArticleView(ScrollView, can_focus=True):
    """Word-wrapped article text; offsets are code points into the canonical text."""

    ALLOW_SELECT = False  # we select spans ourselves, in code points

    COMPONENT_CLASSES = {
        "article-view--cursor",
        "article-view--selection",
        *(f"article-view--label-{slot}" for slot in range(LABEL_SLOTS)),
        "article-view--linked",
        "article-view--link-source",
        "article-view--find",
        "article-view--heading",
        "article-view--list_item",
        "article-view--quote-block",
        "article-view--code",
        "article-view--emphasis",
        "article-view--strong",
        "article-view--link",
        "article-view--gutter",
        "article-view--suggestion",
    }

    DEFAULT_CSS = """
    ArticleView {
        height: 1fr;
        scrollbar-size-vertical: 1;
    }
    ArticleView:focus {
        background-tint: $foreground 3%;
    }
    ArticleView > .article-view--gutter {
        color: $text-secondary;
        text-style: bold;
    }
    ArticleView > .article-view--cursor {
        text-style: reverse;
    }
    /* Highlights: a solid theme colour with the ink that reads on it (palette.py);
       every text style here is checked for 4.5:1 contrast in every shipped theme. */
    ArticleView > .article-view--selection {
        background: $accent;
        color: $ink-on-accent;
    }
    /* labels by position in the label table: claim, quote, inconsistency, then added ones;
       each also has a text style, so labels read without colour */
    ArticleView > .article-view--label-0 {
        background: $primary-muted;
        color: $foreground;
        text-style: underline;
    }
    ArticleView > .article-view--label-1 {
        background: $success-muted;
        color: $foreground;
        text-style: italic;
    }
    ArticleView > .article-view--label-2 {
        background: $error-muted;
        color: $foreground;
        text-style: bold;
    }
    ArticleView > .article-view--label-3 {
        background: $secondary-muted;
        color: $foreground;
        text-style: underline;
    }
    ArticleView > .article-view--label-4 {
        background: $accent-muted;
        color: $foreground;
        text-style: italic;
    }
    ArticleView > .article-view--label-5 {
        background: $panel;
        color: $foreground;
        text-style: bold underline;
    }
    ArticleView > .article-view--label-6 {
        background: $success-muted;
        color: $foreground;
        text-style: bold underline;
    }
    ArticleView > .article-view--label-7 {
        background: $error-muted;
        color: $foreground;
        text-style: underline;
    }
    ArticleView > .article-view--linked {
        background: $warning-muted;
        color: $foreground;
        text-style: bold;
    }
    ArticleView > .article-view--link-source {
        background: $warning;
        color: $ink-on-warning;
        text-style: bold underline;
    }
    ArticleView > .article-view--find {
        background: $success;
        color: $ink-on-success;
        text-style: bold;
    }
    ArticleView > .article-view--heading {
        text-style: bold;
        color: $text-primary;
    }
    ArticleView > .article-view--list_item {
        color: $foreground;
    }
    ArticleView > .article-view--quote-block {
        color: $text-secondary;
        text-style: italic;
    }
    ArticleView > .article-view--code {
        background: $panel;
        color: $foreground;
    }
    ArticleView > .article-view--emphasis {
        text-style: italic;
    }
    ArticleView > .article-view--strong {
        text-style: bold;
    }
    ArticleView > .article-view--link {
        text-style: underline;
    }
    /* a suggestion: not a label colour, and a lower-case letter in the gutter */
    ArticleView > .article-view--suggestion {
        text-style: underline;
        color: $text-secondary;
    }
    """

    BINDINGS = [
        *_move("left", "left", "one character left"),
        *_move("right", "right", "one character right"),
        *_move("up", "up", "one row up"),
        *_move("down", "down", "one row down"),
        *_move("home", "home", "to the row's start"),
        *_move("end", "end", "to the row's end"),
        *_move("pageup", "pageup", "a page up"),
        *_move("pagedown", "pagedown", "a page down"),
        *_move("ctrl+left", "word_left", "one word left"),
        *_move("ctrl+right", "word_right", "one word right"),
        *_move("ctrl+home", "top", "to the article's start"),
        *_move("ctrl+end", "bottom", "to the article's end"),
        Binding(
            "v",
            "toggle_selecting",
            "Select mode",
            tooltip="start or end a selection at the cursor (then move with any key)",
        ),
        Binding("s", "select_sentence", "Sentence", tooltip="select the sentence at the cursor"),
        Binding(
            "ctrl+c",
            "copy",
            "Copy",
            show=False,
            tooltip="copy the selection to the clipboard (OSC 52); ctrl+q quits",
        ),
    ]

    class CursorMoved(Message):
        """The cursor or the selection changed: the status line and links follow."""

        def __init__(self, view: ArticleView) -> None:
            super().__init__()
            self.view = view

    def __init__(
        self,
        article: Article,
        annotations: Iterable[Annotation] = (),
        *,
        labels: Iterable[Label] = (),
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.article = article
        self.document = Document(article.text, sanitise=True)  # one for one: same offsets
        self.labels = list(labels)
        # label name -> (colour component, gutter letter, order in the gutter)
        self._label_looks = {
            label.name: (f"label-{index % LABEL_SLOTS}", label.key.upper(), index)
            for index, label in enumerate(self.labels)
        }
        self.cursor = 0
        self.selection_anchor: int | None = None
        self.selecting = False  # `v` pressed: moves extend the selection
        self.find_match: tuple[int, int] | None = None
        self.emphasised: set[str] = set()
        self.link_source: tuple[int, int] | None = None  # the first end of a link being made
        self._goal_column: int | None = None
        self._drag_origin: tuple[int, int] | None = None
        self._wrap: WrapMap | None = None
        self._wrap_next_line = 0
        self._blocks = SpanIndex(article.blocks, _span_bounds)
        self._styles = SpanIndex(article.styles, _span_bounds)
        self.suggestions: SpanIndex[Suggestion] = SpanIndex((), _suggestion_bounds)
        self._version = 0  # bumps when annotations, suggestions or emphasis change
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(2048)
        self._paint_style: Style | None = None  # rich_style, read once per render_lines
        self._paint_width = 0  # and the width and wrap, which walk the DOM to be found
        self._paint_wrap: WrapMap | None = None
        self.set_annotations(annotations)

    # -- data ---------------------------------------------------------------

    def set_annotations(self, annotations: Iterable[Annotation]) -> None:
        annotations = list(annotations)
        anchored = [item for item in annotations if not item.orphaned]
        self.annotations = SpanIndex(anchored, _bounds)
        self.by_id = {item.id: item for item in anchored}
        # kept up to date by put and drop, never recounted: the status line reads them
        self.label_counts = Counter(item.label for item in anchored)
        self._statuses = {item.id: item.status for item in annotations}  # orphans too
        self.status_counts = Counter(self._statuses.values())
        self.linked_ids: set[str] = set()
        self._version += 1
        self.refresh()

    def put(self, annotation: Annotation) -> None:
        """Show a new or changed annotation without re-reading the others."""
        self.drop(annotation.id)
        if annotation.article_id != self.article.id:
            return
        self._statuses[annotation.id] = annotation.status
        self.status_counts[annotation.status] += 1
        if not annotation.orphaned:
            self.annotations.add(annotation)
            self.by_id[annotation.id] = annotation
            self.label_counts[annotation.label] += 1
            self.refresh_offsets((annotation.start, annotation.end))
        self._version += 1

    def drop(self, annotation_id: str) -> None:
        status = self._statuses.pop(annotation_id, None)
        if status is not None:
            self.status_counts[status] -= 1
        old = self.by_id.pop(annotation_id, None)
        if old is not None:
            self.annotations.remove(old)
            self.label_counts[old.label] -= 1
            self.refresh_offsets((old.start, old.end))
        self._version += 1

    def link_target_at_cursor(self) -> str | None:
        """The URL of the Markdown link under the cursor, if any."""
        for span in self._styles.at(self.cursor):
            if span.kind == "link" and span.target:
                return span.target
        return None

    def set_linked(self, annotation_ids: set[str]) -> None:
        """Ids of annotations with at least one link: they get the link marker."""
        if annotation_ids != self.linked_ids:
            self.linked_ids = annotation_ids
            self._version += 1
            self.refresh()

    def set_article(self, article: Article, annotations: Iterable[Annotation]) -> None:
        """A new text for this article (it changed in the database): rewrap and redraw."""
        self.article = article
        self.document = Document(article.text, sanitise=True)  # one for one: same offsets
        self._blocks = SpanIndex(article.blocks, _span_bounds)
        self._styles = SpanIndex(article.styles, _span_bounds)
        self._wrap = None
        self._strips.clear()
        self.selection_anchor = None
        self.selecting = False
        self.find_match = None
        self.cursor = min(self.cursor, len(article.text))
        self.set_annotations(annotations)
        self.cursor = self._snap(self.cursor)
        self.post_message(self.CursorMoved(self))

    def set_emphasis(
        self, annotation_ids: set[str], link_source: tuple[int, int] | None = None
    ) -> None:
        if annotation_ids != self.emphasised or link_source != self.link_source:
            self.emphasised = annotation_ids
            self.link_source = link_source
            self._version += 1
            self.refresh()

    @property
    def selection(self) -> tuple[int, int] | None:
        if self.selection_anchor is None or self.selection_anchor == self.cursor:
            return None
        return min(self.selection_anchor, self.cursor), max(self.selection_anchor, self.cursor)

    def annotations_at_cursor(self) -> list[Annotation]:
        return self.annotations.at(self.cursor)

    def set_suggestions(self, suggestions: Iterable[Suggestion]) -> None:
        self.suggestions = SpanIndex(suggestions, _suggestion_bounds)
        self._version += 1
        self.refresh()

    def suggestion_at_cursor(self) -> Suggestion | None:
        return innermost(self.suggestions.at(self.cursor), _suggestion_bounds)

    def next_suggestion(self, backwards: bool = False) -> Suggestion | None:
        found = (
            self.suggestions.previous_start(self.cursor)
            if backwards
            else self.suggestions.next_start(self.cursor)
        )
        if found is not None:
            self.set_cursor(found.start)
        return found

    def annotation_at_cursor(self) -> Annotation | None:
        return innermost(self.annotations_at_cursor(), _bounds)

    # -- wrapping -------------------------------------------------------------

    @property
    def wrap(self) -> WrapMap:
        width = max(self.scrollable_content_region.width - GUTTER, 1)
        if self._wrap is None or self._wrap.width != width:
            self._wrap = WrapMap(self.document, width)
            self._wrap_next_line = 0
            self._strips.clear()
            self.virtual_size = Size(width + GUTTER, self._wrap.total_rows)
        return self._wrap

    def on_mount(self) -> None:
        self.set_interval(0.05, self._wrap_in_background)

    def on_resize(self, event: events.Resize) -> None:
        self.wrap  # noqa: B018 - rewraps at the new width
        self.scroll_to_cursor(center=True)

    def _wrap_in_background(self) -> None:
        """Wrap a huge article's remaining lines a batch at a time, keeping the view still."""
        wrap = self._wrap
        if wrap is None or self._wrap_next_line >= self.document.line_count:
            return
        top = wrap.row(int(self.scroll_y))
        before = wrap.total_rows
        deadline = time.perf_counter() + WRAP_SECONDS
        for _ in range(WRAP_BATCH // WRAP_CHUNK):
            self._wrap_next_line = wrap.wrap_pending(self._wrap_next_line, WRAP_CHUNK)
            if self._wrap_next_line >= self.document.line_count:
                break
            if time.perf_counter() >= deadline:
                break
        if wrap.total_rows != before:
            self.virtual_size = Size(self.virtual_size.width, wrap.total_rows)
            if top is not None:
                self.scroll_to(y=wrap.row_index_of(top.start), animate=False, immediate=True)
            # Cached strips stay valid: they are keyed by the row's offsets, not its index.
            self.refresh()

    # -- rendering ------------------------------------------------------------

    # Component styles on demand. Textual resolves every class in COMPONENT_CLASSES (22
    # here) each time it styles the widget: at mount, on focus (the pane's :focus-within
    # too) and again when the screen resumes, four times for the focused reader before
    # its first frame, and most classes are not drawn on most screens. Here a class is
    # resolved, the same way (a virtual node under this one, styled by the app's
    # stylesheet), when a row is first drawn with it, and forgotten when the widget's
    # styles change (theme, focus), to be resolved again when next drawn.

    @classmethod
    def _get_component_classes(cls) -> frozenset[str]:  # type: ignore[override]  # lru_cache
        return frozenset()  # none for Textual to resolve: see get_component_styles

    def get_component_styles(self, *names: str) -> RenderStyles:
        for name in names:
            if name not in self._component_styles:
                if name not in self.COMPONENT_CLASSES:
                    raise KeyError(f"No {name!r} key in COMPONENT_CLASSES")
                virtual = DOMNode(classes=name)
                virtual._attach(self)
                self.app.stylesheet.apply(virtual, animate=False)
                self._component_styles[name] = virtual.styles
        return super().get_component_styles(*names)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._component_styles.clear()
        self._strips.clear()
        self.refresh()  # Textual refreshed when a component's styles changed: they may have

    def _style(self, component: str) -> Style:
        return self.get_component_rich_style(component, partial=True)  # cached by Textual

    def render_lines(self, crop: Region) -> list[Strip]:
        # rich_style walks every ancestor's styles, and the width (which the wrap needs)
        # the DOM up to the screen: once per paint, not once per row.
        self._paint_style = self.rich_style
        self._paint_wrap = self.wrap
        self._paint_width = self.scrollable_content_region.width
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None
            self._paint_wrap = None

    def render_line(self, y: int) -> Strip:
        if self._paint_wrap is not None and self._paint_style is not None:
            wrap, width, base = self._paint_wrap, self._paint_width, self._paint_style
        else:
            wrap, width, base = self.wrap, self.scrollable_content_region.width, self.rich_style
        index = int(self.scroll_y) + y
        row = wrap.row(index)
        if row is None:
            return Strip.blank(width, base)
        cursor = self.cursor if row.start <= self.cursor <= row.end else None
        if cursor == row.end and not row.last:
            cursor = None
        # Clipped to the row (which draws the same): rows inside a growing selection stay cached.
        selection = _clip(self.selection, row)
        find = _clip(self.find_match, row)
        # base is part of the key: a theme change restyles every row
        key = (row, width, self._version, cursor, selection, find, self.has_focus, base)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, width, base, cursor, selection, find)
            self._strips[key] = strip
        return strip.apply_offsets(0, index)

    def _layers(
        self,
        row: Row,
        selection: tuple[int, int] | None,
        find: tuple[int, int] | None,
        annotations: list[Annotation],
    ) -> list[Layer]:
        layers: list[Layer] = [
            Layer(item.start, item.end, "suggestion")
            for item in self.suggestions.overlapping(row.start, row.end)
        ]
        for span in [
            *self._blocks.overlapping(row.start, row.end),
            *self._styles.overlapping(row.start, row.end),
        ]:
            name = "quote-block" if span.kind == "quote" else span.kind
            if f"article-view--{name}" in self.COMPONENT_CLASSES:
                layers.append(Layer(span.start, span.end, name))
        for annotation in sorted(annotations, key=lambda item: item.start - item.end):
            look = self._label_looks.get(annotation.label)
            name = look[0] if look else f"label-{LABEL_SLOTS - 1}"
            layers.append(Layer(annotation.start, annotation.end, name))
            if annotation.id in self.emphasised:
                layers.append(Layer(annotation.start, annotation.end, "linked"))
        if self.link_source is not None:
            layers.append(Layer(*self.link_source, "link-source"))
        if find:
            layers.append(Layer(*find, "find"))
        if selection:
            layers.append(Layer(*selection, "selection"))
        return layers

    def _gutter(self, annotations: list[Annotation], row: Row, base: Style) -> list[Segment]:
        """The row's labels as their key letters, in label order (a fourth one shows as
        ``+``), then suggested labels in lower case, and ``↔`` when one of the row's
        annotations is linked: labels and suggestions read without colour."""
        if not annotations and not self.suggestions:  # most rows: a blank gutter
            return [Segment(" " * GUTTER, base + self._style("article-view--gutter"))]
        looks = sorted(
            {self._label_looks.get(item.label, ("", "?", 99)) for item in annotations},
            key=lambda look: look[2],
        )
        letters = "".join(look[1] for look in looks)
        if self.suggestions:
            suggested = {
                self._label_looks.get(item.label, ("", "?", 99))[1].lower()
                for item in self.suggestions.overlapping(row.start, row.end)
            }
            letters += "".join(sorted(suggested - {letter.lower() for letter in letters}))
        if len(letters) > GUTTER - 1:
            letters = letters[: GUTTER - 2] + "+"
        linked = any(annotation.id in self.linked_ids for annotation in annotations)
        marker = letters.ljust(GUTTER - 1) + ("↔" if linked else " ")
        return [Segment(marker, base + self._style("article-view--gutter"))]

    def _render_row(
        self,
        row: Row,
        width: int,
        base: Style,
        cursor: int | None,
        selection: tuple[int, int] | None,
        find: tuple[int, int] | None,
    ) -> Strip:
        text = self.document.slice(row.start, row.end)
        annotations = (
            self.annotations.overlapping(row.start, row.end) if row.end > row.start else []
        )
        layers = self._layers(row, selection, find, annotations)
        cursor_end = None
        if cursor is not None and cursor < row.end:
            cursor_end = next_grapheme(text, cursor - row.start) + row.start
        cuts = {row.start, row.end}
        for layer in layers:
            cuts.update(min(max(edge, row.start), row.end) for edge in (layer.start, layer.end))
        if cursor_end is not None and cursor is not None:
            cuts.update((cursor, cursor_end))
        edges = sorted(cuts)
        segments = self._gutter(annotations, row, base)
        for begin, end in itertools.pairwise(edges):
            style = base
            for layer in layers:
                if layer.start <= begin and end <= layer.end:
                    style += self._style(f"article-view--{layer.component}")
            if cursor is not None and cursor_end is not None and cursor <= begin < cursor_end:
                style += self._cursor_style()
            segments.append(Segment(text[begin - row.start : end - row.start], style))
        if cursor is not None and cursor == row.end:
            segments.append(Segment(" ", base + self._cursor_style()))
        return Strip(segments).crop_extend(0, width, base)

    def _cursor_style(self) -> Style:
        if self.has_focus:
            return self._style("article-view--cursor")
        return Style(underline=True)

    def refresh_offsets(self, *ranges: tuple[int, int]) -> None:
        """Repaint the rows that show any of ``ranges`` (offsets), and nothing else."""
        wrap = self.wrap
        for start, end in ranges:
            first = wrap.row_index_of(start)
            last = wrap.row_index_of(max(start, end))
            self.refresh_lines(first, last - first + 1)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- cursor and selection --------------------------------------------------

    def _affected(self) -> tuple[int, int]:
        selection = self.selection or (self.cursor, self.cursor)
        return min(selection[0], self.cursor), max(selection[1], self.cursor)

    def set_cursor(self, offset: int, *, select: bool = False, keep_goal: bool = False) -> None:
        """Move the cursor (snapped to a grapheme) and extend or drop the selection."""
        offset = self._snap(offset)
        before = self._affected()
        if select or self.selecting:
            if self.selection_anchor is None:
                self.selection_anchor = self.cursor
        else:
            self.selection_anchor = None
        self.cursor = offset
        if not keep_goal:
            self._goal_column = None
        self.refresh_offsets(before, self._affected())
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved(self))

    def select_range(self, start: int, end: int, *, cursor_at_start: bool = False) -> None:
        before = self._affected()
        self.selection_anchor, self.cursor = (end, start) if cursor_at_start else (start, end)
        self.selecting = False
        self.refresh_offsets(before, self._affected())
        self.scroll_to_cursor()
        self.post_message(self.CursorMoved(self))

    def clear_selection(self) -> None:
        before = self._affected()
        self.selection_anchor = None
        self.selecting = False
        self.refresh_offsets(before)
        self.post_message(self.CursorMoved(self))

    def _snap(self, offset: int) -> int:
        offset = max(0, min(offset, self.document.length))
        line = self.document.line_of(offset)
        base = self.document.line_starts[line]
        return base + snap_to_grapheme(self.document.line(line), offset - base)

    def scroll_to_cursor(self, center: bool = False) -> None:
        if not self.is_mounted or self.scrollable_content_region.height == 0:
            return
        row = self.wrap.row_index_of(self.cursor)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if center and not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 2), animate=False, immediate=True)
        elif row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    def _line_context(self, offset: int) -> tuple[str, int]:
        line = self.document.line_of(offset)
        return self.document.line(line), self.document.line_starts[line]

    def _vertical(self, rows: int) -> int:
        wrap = self.wrap
        if self._goal_column is None:
            self._goal_column = wrap.column_of(self.cursor)
        index = wrap.row_index_of(self.cursor) + rows
        index = max(0, min(index, wrap.total_rows - 1))
        target = wrap.row(index)
        if target is None:
            return self.cursor
        return wrap.offset_at(target, self._goal_column)

    def action_move(self, where: str, select: bool) -> None:
        offset = self.cursor
        line, base = self._line_context(offset)
        relative = offset - base
        keep_goal = False
        if where == "left":
            offset = base + previous_grapheme(line, relative) if relative else offset - 1
        elif where == "right":
            offset = base + next_grapheme(line, relative) if relative < len(line) else offset + 1
        elif where in ("up", "down", "pageup", "pagedown"):
            page = max(self.scrollable_content_region.height - 1, 1)
            rows = {"up": -1, "down": 1, "pageup": -page, "pagedown": page}[where]
            offset = self._vertical(rows)
            keep_goal = True
            if where.startswith("page"):
                self.scroll_to(y=self.scroll_y + rows, animate=False, immediate=True)
        elif where == "home":
            offset = self.wrap.row_of(offset).start
        elif where == "end":
            row = self.wrap.row_of(offset)
            offset = row.end if row.last else max(row.start, row.end - 1)
        elif where == "word_left":
            offset = base + word_left(line, relative) if relative else offset - 1
        elif where == "word_right":
            offset = base + word_right(line, relative) if relative < len(line) else offset + 1
        elif where == "top":
            offset = 0
        elif where == "bottom":
            offset = self.document.length
        self.set_cursor(offset, select=select, keep_goal=keep_goal)

    def action_toggle_selecting(self) -> None:
        if self.selecting:
            self.selecting = False
        else:
            self.selecting = True
            self.selection_anchor = self.cursor
        self.post_message(self.CursorMoved(self))

    def action_copy(self) -> None:
        """ctrl+c: copy the selection; with none, say how to quit (what ctrl+c meant)."""
        selection = self.selection
        if selection is None:
            self.notify(
                "Nothing selected to copy. To quit press ctrl+q", title="ctrl+c", markup=False
            )
            return
        text = self.document.slice(*selection)
        self.app.copy_to_clipboard(text)
        self.notify(
            f"Copied {len(text)} characters to the clipboard (through the terminal: OSC 52)",
            markup=False,
            timeout=3,
        )

    def action_select_sentence(self) -> None:
        line, base = self._line_context(self.cursor)
        bounds = sentence_at(line, self.cursor - base)
        if bounds is None:
            self.app.bell()
            return
        self.select_range(base + bounds[0], base + bounds[1])

    def word_at_cursor(self) -> tuple[int, int] | None:
        line, base = self._line_context(self.cursor)
        relative = self.cursor - base
        end = word_right(line, relative)
        start = word_left(line, end)
        if end <= start or not line[start:end].strip():
            return None
        return base + start, base + len(line[:end].rstrip())

    def select_word_at_cursor(self) -> None:
        word = self.word_at_cursor()
        if word is not None:
            self.select_range(*word)

    def show_match(self, match: tuple[int, int] | None, *, move: bool = True) -> None:
        """Highlight a find match (None: none) and, with ``move``, put the cursor on it."""
        before = self.find_match
        self.find_match = match
        for span in (before, match):
            if span is not None:
                self.refresh_offsets(span)
        if match is not None and move:
            self.show_span(*match)

    async def on_key(self, event: events.Key) -> None:
        """Run this key's binding now, so that the next queued key sees what it did.

        Textual runs a binding only once the key has bubbled up to the app; by
        then this view may have read the keys queued after it, and after `/`,
        `tab` or Enter those belong elsewhere (`u` in "Saturday" would undo).
        """
        if not hand_back(self, event):
            await run_binding_now(self, event)

    # -- mouse ---------------------------------------------------------------

    def offset_at_pointer(self, event: events.MouseEvent) -> int | None:
        position = event.get_content_offset(self)
        if position is None:
            return None
        row = self.wrap.row(int(self.scroll_y) + position.y)
        if row is None:
            return self.document.length
        return self.wrap.offset_at(row, max(0, position.x - GUTTER))

    def _grapheme_end(self, offset: int) -> int:
        line, base = self._line_context(offset)
        if offset - base >= len(line):
            return offset
        return base + next_grapheme(line, offset - base)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.button != 1:
            return
        offset = self.offset_at_pointer(event)
        if offset is None:
            return
        self.focus()
        self.selecting = False
        self.set_cursor(offset)
        self._drag_origin = (offset, self._grapheme_end(offset))
        self.capture_mouse()
        event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_origin is None:
            return
        offset = self.offset_at_pointer(event)
        if offset is None:
            return
        origin_start, origin_end = self._drag_origin
        if offset >= origin_start:  # forward: include the grapheme under the pointer
            start, end = origin_start, self._grapheme_end(offset)
            cursor_at_start = False
        else:  # backward: include the grapheme where the drag began
            start, end = offset, origin_end
            cursor_at_start = True
        moved = end > start and (start, end) != (origin_start, origin_end)
        if moved or self.selection_anchor is not None:
            self.select_range(start, end, cursor_at_start=cursor_at_start)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_origin is not None:
            self._drag_origin = None
            self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        # A Click follows every MouseUp, drags included: it must not drop the selection.
        if event.chain == 2:
            self.select_word_at_cursor()
        elif event.chain >= 3:
            self.action_select_sentence()

    # -- jumps ---------------------------------------------------------------

    def next_annotation(self, backwards: bool = False) -> Annotation | None:
        found = (
            self.annotations.previous_start(self.cursor)
            if backwards
            else self.annotations.next_start(self.cursor)
        )
        if found is not None:
            self.set_cursor(found.start)
        return found

    def show_nearby(self, offset: int) -> None:
        """Scroll ``offset`` into view without moving this pane's cursor."""
        row = self.wrap.row_index_of(offset)
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if not top <= row < top + height:
            self.scroll_to(y=max(0, row - height // 3), animate=False, immediate=True)

    def moved_edge(
        self, annotation: Annotation, edge: str, step: int, by_word: bool
    ) -> tuple[int, int]:
        """The span with one end moved a grapheme or a word, kept inside its line."""
        offset = annotation.start if edge == "start" else annotation.end
        line, base = self._line_context(offset if edge == "start" else max(offset - 1, 0))
        relative = offset - base
        if by_word:
            moved = word_right(line, relative) if step > 0 else word_left(line, relative)
            if edge == "start" and step > 0:  # shrink: skip to the next word's start
                following = word_right(line, moved)
                moved = word_left(line, following) if following > moved else moved
            elif edge == "end" and step < 0:  # shrink: back to the previous word's end,
                preceding = word_left(line, moved)  # not the dropped word's start (a space)
                moved = word_right(line, preceding) if preceding < moved else moved
        elif step > 0:
            moved = next_grapheme(line, relative) if relative < len(line) else relative
        else:
            moved = previous_grapheme(line, relative)
        moved += base
        return (moved, annotation.end) if edge == "start" else (annotation.start, moved)

    def show_span(self, start: int, end: int) -> None:
        """Put the cursor on a span and make sure it is on screen."""
        self.selection_anchor = None
        self.set_cursor(start)
        self.scroll_to_cursor(center=True)
