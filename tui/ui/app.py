"""The newsmark reader: articles side by side, tagged from the keyboard or the mouse.

A thin layer over the core: every change goes through ``History`` (and so
the store) first; the screen shows it only once it is saved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..core.errors import NewsmarkError
from ..core.export import export_annotations, export_links
from ..core.history import Change, History, annotations_of
from ..core.models import Annotation, Link
from ..core.schema import DEFAULT_LABELS
from ..core.store import Store
from .annotation_list import AnnotationList
from .annotation_table import AnnotationTable
from .article_view import ArticleView
from .chooser import ArticleChooser
from .editor import EditorResult, EditorScreen
from .find_bar import FindBar
from .link_index import LinkIndex
from .panes import ArticlePane
from .status import status_line

T = TypeVar("T")
MAX_PANES = 4
REFRESH_SECONDS = 2.0


def _label_bindings() -> list[Binding]:
    """Tag keys from the label table's defaults: a letter each, and 1, 2, 3."""
    bindings = []
    for position, (label, key) in enumerate(DEFAULT_LABELS, start=1):
        bindings.append(Binding(key, f"tag('{label}')", label.title()))
        bindings.append(Binding(str(position), f"tag('{label}')", label.title(), show=False))
    return bindings


class NewsmarkApp(App[None]):
    """Open ``article_ids`` from the database at ``db_path`` side by side."""

    CSS_PATH = "newsmark.tcss"
    TITLE = "newsmark"

    BINDINGS = [
        *_label_bindings(),
        Binding("l", "link", "Link"),
        Binding("g", "goto_linked", "Go to link", show=False),
        Binding("n", "next_annotation", "Next", show=False),
        Binding("N", "previous_annotation", "Previous", show=False),
        Binding("enter", "edit", "Edit", show=False),
        Binding("x,delete", "delete", "Delete", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo", show=False),
        Binding("slash", "find", "Find", key_display="/"),
        Binding("f3", "find_again", "Find again", show=False),
        Binding("e", "export", "Export"),
        Binding("L", "toggle_list", "List"),
        Binding("o", "choose_articles", "Articles", show=False),
        Binding("ctrl+r", "refresh_from_db", "Refresh", show=False),
        Binding("[", "adjust('start', -1, False)", "Start ←", show=False),
        Binding("]", "adjust('start', 1, False)", "Start →", show=False),
        Binding("{", "adjust('end', -1, False)", "End ←", show=False),
        Binding("}", "adjust('end', 1, False)", "End →", show=False),
        Binding("(", "adjust('start', -1, True)", "Start word ←", show=False),
        Binding(")", "adjust('start', 1, True)", "Start word →", show=False),
        Binding("<", "adjust('end', -1, True)", "End word ←", show=False),
        Binding(">", "adjust('end', 1, True)", "End word →", show=False),
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    def __init__(
        self,
        db_path: str | Path,
        article_ids: Sequence[str],
        *,
        annotator: str = "",
        messages: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.store = Store(self.db_path)
        self.history = History(self.store, annotator)
        self.article_ids = list(article_ids)
        self.shown_ids = self.article_ids[:MAX_PANES]
        self.labels = self.store.labels()
        self.startup_messages = list(messages)
        self.links = LinkIndex(self.store.links())
        self.pending_link: tuple[str, str] | None = None  # (annotation id, article id)
        self._active: ArticleView | None = None
        self._data_version = self.store.data_version()

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield Horizontal(id="panes")
        yield FindBar(id="find-bar")
        yield Static(id="status", markup=False)
        yield Footer()

    async def on_mount(self) -> None:
        self.query_one(FindBar).display = False
        await self._mount_panes()
        for message in self.startup_messages:
            self.notify(message, title="Article changed", markup=False, timeout=10)
        self.set_interval(REFRESH_SECONDS, self._poll_database)

    async def _mount_panes(self) -> None:
        container = self.query_one("#panes", Horizontal)
        await container.remove_children()
        panes = [
            ArticlePane(
                self.store.get_article(article_id),
                self.store.annotations_for(article_id),
                self.labels,
            )
            for article_id in self.shown_ids
        ]
        await container.mount_all(panes)
        for pane in panes:
            pane.view.set_linked(self._linked_ids(pane.article.id))
        if panes:
            panes[0].view.focus()
            self._active = panes[0].view
        self._update_status()
        self._list_changed(reshow=True)

    @property
    def views(self) -> list[ArticleView]:
        return list(self.query(ArticleView))

    def view_for(self, article_id: str) -> ArticleView | None:
        for view in self.views:
            if view.article.id == article_id:
                return view
        return None

    @property
    def active_view(self) -> ArticleView | None:
        focused = self.focused
        if isinstance(focused, ArticleView):
            self._active = focused
        if self._active is not None and not self._active.is_attached:
            self._active = None
        return self._active or next(iter(self.views), None)

    # -- status ------------------------------------------------------------------

    def _update_status(self) -> None:
        view = self.active_view
        status = self.query_one("#status", Static)
        if view is None:
            status.update(Content("No article open: press o to choose articles"))
            return
        counts: dict[str, int] = {label: 0 for label in self.labels}
        for each in self.views:
            for label, count in each.label_counts.items():
                counts[label] = counts.get(label, 0) + count
        pending = self.pending_link and self.store.get_annotation(self.pending_link[0])
        line = status_line(view, counts, self.links, pending)
        status.update(line, layout=False)  # one fixed row: no layout pass per keypress

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        if not self.screen_stack:  # a message that arrives while the app shuts down
            return
        self._active = event.view
        self._emphasise_links()
        self._update_status()

    def on_descendant_focus(self) -> None:
        if self.screen_stack and isinstance(self.focused, ArticleView):
            self._active = self.focused
            self._emphasise_links()
            self._update_status()

    # -- links -------------------------------------------------------------------

    def _linked_ids(self, article_id: str) -> set[str]:
        view = self.view_for(article_id)
        return self.links.linked(view.by_id) if view else set()

    def _refresh_link_markers(self) -> None:
        for view in self.views:
            view.set_linked(self._linked_ids(view.article.id))
        self._emphasise_links()

    def _emphasise_links(self) -> None:
        """Counterparts of the annotation under the cursor light up in their panes."""
        view = self.active_view
        current = view.annotation_at_cursor() if view else None
        others = set(self.links.counterparts(current.id)) if current else set()
        source = self.pending_link[0] if self.pending_link else None
        for each in self.views:
            mine = {key for key in others if key in each.by_id}
            each.set_emphasis(mine, source if source in each.by_id else None)
            if mine and each is not view:
                first = min((each.by_id[key] for key in mine), key=lambda item: item.start)
                each.show_nearby(first.start)

    # -- writing ---------------------------------------------------------------

    def _save(self, write: Callable[[], T]) -> T | None:
        """Run one store write; on failure say so and show nothing as saved."""
        try:
            result = write()
        except NewsmarkError as error:
            self.bell()
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return None
        self._data_version = self.store.data_version()
        return result

    def _show(self, annotation: Annotation, removed: bool = False) -> None:
        view = self.view_for(annotation.article_id)
        if view is None:
            return
        if removed:
            view.drop(annotation.id)
        else:
            view.put(annotation)
        self._list_changed()

    def action_tag(self, label: str) -> None:
        view = self.active_view
        if view is None:
            return
        selection = view.selection
        if selection is None:
            self.notify("Select a span first: shift+arrows, v, s (sentence) or drag", markup=False)
            return
        annotation = self._save(lambda: self.history.tag(view.article.id, *selection, label))
        if annotation is None:
            return
        view.clear_selection()
        self._show(annotation)
        view.set_cursor(annotation.start)  # on what was just tagged: Enter edits, l links
        self._update_status()

    def _annotation_under_cursor(self) -> tuple[ArticleView, Annotation] | None:
        view = self.active_view
        annotation = view.annotation_at_cursor() if view else None
        if view is None or annotation is None:
            self.notify("No annotation at the cursor", markup=False)
            return None
        return view, annotation

    def action_delete(self) -> None:
        found = self._annotation_under_cursor()
        if found is None:
            return
        removed = self._save(lambda: self.history.delete(found[1].id))
        if removed is None:
            return
        self._show(removed.annotation, removed=True)
        for link in removed.links:
            self.links.remove(link)
        self._refresh_link_markers()
        self._update_status()

    def _after_history(self, verb: str, change: Change) -> None:
        """Re-read what an undo or redo touched: annotations, and links (cheap, all)."""
        for annotation in annotations_of(change):
            try:
                current = self.store.get_annotation(annotation.id)
            except NewsmarkError:
                self._show(annotation, removed=True)
            else:
                self._show(current)
        self.links.load(self.store.links())
        self._refresh_link_markers()
        self._list_changed()
        self._update_status()
        self.notify(f"{verb}: {change.description}", markup=False, timeout=2)

    def action_undo(self) -> None:
        change = self._save(self.history.undo)
        if change is None:
            if not self.history.can_undo:
                self.notify("Nothing to undo", markup=False, timeout=2)
            return
        self._after_history("Undone", change)

    def action_redo(self) -> None:
        change = self._save(self.history.redo)
        if change is None:
            if not self.history.can_redo:
                self.notify("Nothing to redo", markup=False, timeout=2)
            return
        self._after_history("Redone", change)

    def action_adjust(self, edge: str, step: int, by_word: bool) -> None:
        """Move one end of the annotation at the cursor by a character or a word."""
        found = self._annotation_under_cursor()
        if found is None:
            return
        view, annotation = found
        start, end = view.moved_edge(annotation, edge, step, by_word)
        if (start, end) == (annotation.start, annotation.end) or end <= start:
            self.bell()
            return
        updated = self._save(lambda: self.history.update(annotation.id, start=start, end=end))
        if updated is not None:
            self._show(updated)
            if not start <= view.cursor < end:
                view.set_cursor(start if edge == "start" else max(start, end - 1))
            self._update_status()

    # -- linking -------------------------------------------------------------------

    def _annotation_for_link(self, view: ArticleView) -> Annotation | None:
        """The selection, tagged inconsistency now, or else the annotation at the cursor."""
        selection = view.selection
        if selection is not None:
            annotation = self._save(
                lambda: self.history.tag(view.article.id, *selection, "inconsistency")
            )
            if annotation is not None:
                view.clear_selection()
                self._show(annotation)
                view.set_cursor(annotation.start)
            return annotation
        return view.annotation_at_cursor()

    def action_link(self) -> None:
        view = self.active_view
        if view is None:
            return
        annotation = self._annotation_for_link(view)
        if annotation is None:
            self.notify("Put the cursor on an annotation or select a span to link", markup=False)
            return
        if self.pending_link is None:
            self.pending_link = (annotation.id, annotation.article_id)
            self._emphasise_links()
            self._update_status()
            return
        source_id = self.pending_link[0]
        if source_id == annotation.id:
            self.notify("Move to the counterpart first (Esc cancels)", markup=False)
            return
        link = self._save(lambda: self.history.link(source_id, annotation.id))
        self.pending_link = None
        if link is not None:
            self.links.add(link)
            self.notify("Linked: contradicts", markup=False, timeout=3)
        self._refresh_link_markers()
        self._list_changed()
        self._update_status()

    def action_cancel(self) -> None:
        if self.pending_link is not None:
            self.pending_link = None
            self._emphasise_links()
            self._update_status()
            self.notify("Link cancelled", markup=False, timeout=2)
            return
        view = self.active_view
        if view is not None:
            view.clear_selection()

    def action_goto_linked(self) -> None:
        """Jump to the (next) counterpart; pressed there, it comes back."""
        found = self._annotation_under_cursor()
        if found is None:
            return
        _, annotation = found
        others = self.links.counterparts(annotation.id)
        if not others:
            self.notify("This annotation has no links", markup=False)
            return
        target = self.store.get_annotation(others[0])
        self.jump_to(target)

    def jump_to(self, annotation: Annotation) -> None:
        """Focus the annotation's pane and put the cursor on the span; a hidden article
        first takes the last pane's place."""
        if annotation.article_id in self.shown_ids:
            self._show_annotation(annotation)
            return
        self.shown_ids = [*self.shown_ids[: MAX_PANES - 1], annotation.article_id]
        # A worker, not an await: this may run inside a key handler of a pane that the
        # remount removes, and removing a widget waits for its handlers to finish.
        self.run_worker(self._remount_then_show(annotation), exclusive=True)

    async def _remount_then_show(self, annotation: Annotation) -> None:
        await self._mount_panes()
        self._show_annotation(annotation)

    def _show_annotation(self, annotation: Annotation) -> None:
        view = self.view_for(annotation.article_id)
        if view is None:
            return
        view.focus()
        if annotation.orphaned:
            self.notify("Orphaned: its quote is no longer in the article", markup=False)
            return
        view.show_span(annotation.start, annotation.end)

    # -- moving ------------------------------------------------------------------

    def action_next_annotation(self) -> None:
        view = self.active_view
        if view is not None and view.next_annotation() is None:
            self.notify("No more annotations below", markup=False, timeout=2)

    def action_previous_annotation(self) -> None:
        view = self.active_view
        if view is not None and view.next_annotation(backwards=True) is None:
            self.notify("No more annotations above", markup=False, timeout=2)

    # -- find --------------------------------------------------------------------

    def action_find(self) -> None:
        view = self.active_view
        if view is None:
            return
        self.query_one("#status").display = False  # the bar takes its row: no relayout
        self.query_one(FindBar).open(view)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.query_one("#status").display = True

    def action_find_again(self) -> None:
        view = self.active_view
        bar = self.query_one(FindBar)
        if view is None or not bar.last_query:
            self.notify("Nothing to find again: press / first", markup=False)
        elif bar.find_again(view) is None:
            self.notify(f"Not found: {bar.last_query}", markup=False)

    # -- editing -----------------------------------------------------------------

    def action_edit(self) -> None:
        found = self._annotation_under_cursor()
        if found is None:
            return
        _, annotation = found
        self.push_screen(
            EditorScreen(annotation, self.labels, self._link_rows(annotation)),
            self._edited,
        )

    def _link_rows(self, annotation: Annotation) -> list[tuple[Link, Annotation]]:
        rows = []
        for link in self.links.of(annotation.id):
            try:
                rows.append((link, self.store.get_annotation(link.other(annotation.id))))
            except NewsmarkError:
                continue
        return rows

    def _edited(self, result: EditorResult | None) -> None:
        if result is None:
            return
        if result.delete:
            removed = self._save(lambda: self.history.delete(result.annotation_id))
            if removed is not None:
                self._show(removed.annotation, removed=True)
                for link in removed.links:
                    self.links.remove(link)
        else:
            for link_id, note in result.link_notes:
                if link_id not in result.unlink:
                    self._save(partial(self.history.set_link_note, link_id, note))
            for link_id in result.unlink:
                unlinked = self._save(partial(self.history.unlink, link_id))
                if unlinked is not None:
                    self.links.remove(unlinked)
            self.links.load(self.store.links())
            updated = self._save(
                lambda: self.history.update(
                    result.annotation_id, label=result.label, note=result.note
                )
            )
            if updated is not None:
                self._show(updated)
        self._refresh_link_markers()
        self._list_changed()
        self._update_status()

    # -- panels, export, refresh -------------------------------------------------

    def _list_changed(self, reshow: bool = False) -> None:
        """Tell the annotation list (if it was ever opened) that annotations changed."""
        for panel in self.query(AnnotationList):
            if reshow:
                panel.show(self.store, self.shown_ids)
            else:
                panel.changed()

    async def action_toggle_list(self) -> None:
        panels = self.query(AnnotationList)
        if not panels:  # mounted on first use: its widgets cost start-up time otherwise
            panel = AnnotationList(id="annotation-list")
            await self.query_one("#main").mount(panel)
        else:
            panel = panels.first()
            panel.display = not panel.display
        if panel.display:
            panel.show(self.store, self.shown_ids)
            panel.focus_table()
        elif self.active_view is not None:
            self.active_view.focus()

    @on(AnnotationTable.Chosen)
    def _chosen(self, event: AnnotationTable.Chosen) -> None:
        self.jump_to(self.store.get_annotation(event.annotation_id))

    def action_choose_articles(self) -> None:
        self.push_screen(
            ArticleChooser(self.store.articles(), self.shown_ids, MAX_PANES), self._articles_chosen
        )

    def _articles_chosen(self, chosen: list[str] | None) -> None:
        if chosen:
            self.shown_ids = chosen[:MAX_PANES]
            self.run_worker(self._mount_panes(), exclusive=True)

    def action_export(self) -> None:
        target = self.db_path.with_name(f"{self.db_path.stem}-annotations.csv")
        links_target = self.db_path.with_name(f"{self.db_path.stem}-links.csv")
        try:
            with target.open("w", encoding="utf-8", newline="") as out:
                count = export_annotations(self.store, out)
            with links_target.open("w", encoding="utf-8", newline="") as out:
                links = export_links(self.store, out)
        except OSError as error:
            self.notify(
                f"{target}: {error.strerror}", title="Export failed", severity="error", markup=False
            )
            return
        self.notify(
            f"{count} annotation(s) to {target}\n{links} link(s) to {links_target}",
            title="Exported",
            markup=False,
        )

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def _poll_database(self) -> None:
        """Another newsmark on this database committed: show its annotations."""
        if self.store.data_version() != self._data_version:
            self.action_refresh_from_db()

    def action_refresh_from_db(self) -> None:
        self._data_version = self.store.data_version()
        self.links.load(self.store.links())
        for view in self.views:
            view.set_annotations(self.store.annotations_for(view.article.id))
        self._refresh_link_markers()
        self._list_changed()
        self._update_status()

    def on_app_focus(self) -> None:
        self._poll_database()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for binding in self.BINDINGS:
            if isinstance(binding, Binding) and binding.description and not binding.key.isdigit():
                action = binding.action
                yield SystemCommand(
                    binding.description,
                    f"{binding.description} (key: {binding.key_display or binding.key})",
                    partial(self.run_action, action),
                )

    def on_unmount(self) -> None:
        self.store.close()
