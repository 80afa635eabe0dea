"""The newsmark reader: articles side by side, tagged from the keyboard or the mouse.

A thin layer over the core: every edit is a ``Workspace`` call that returns a
``Change``, and ``apply`` is the one method that shows a change on screen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Static

from ..core.errors import NewsmarkError, StaleError, TextChangedError
from ..core.models import Annotation, Link
from ..core.store import Store
from ..core.text import printable
from .article_view import ArticleView
from .find_text import find_everywhere
from .footer import NewsmarkFooter
from .kept import Kept
from .keymap import APP_KEYS, label_bindings
from .layout import list_layout
from .link_index import GotoCycle, LinkIndex
from .palette import Inked
from .panes import ArticlePane
from .reviewing import REVIEW_BINDINGS, Reviewing
from .status import shorten, status_line
from .suggesting import SUGGESTION_BINDINGS, Suggesting

if TYPE_CHECKING:  # dialogs, the list and the export load on first use, not at start-up
    from ..core.workspace import Change, LinkEnd, Workspace
    from .annotation_list import AnnotationList
    from .annotation_table import AnnotationTable
    from .compare_screen import CompareScreen, Shown
    from .editor import EditorResult
    from .find_bar import FindBar

MAX_PANES = 4
LIST = "#annotation-list"  # the annotation list, once it was opened
REFRESH_SECONDS = 2.0
CURSOR_SAVE_SECONDS = 2.0  # where each article was left: written at most this often, and on quit


class NewsmarkApp(Suggesting, Reviewing, Inked, App[None]):
    """Open ``article_ids`` from the database at ``db_path`` side by side."""

    CSS_PATH = "newsmark.tcss"
    TITLE = "newsmark"
    # The themes offered (ctrl+p): those whose highlights all read at WCAG AA, checked by
    # tests/ui/test_contrast.py. Textual's others fail it (ANSI ones cannot be checked).
    THEMES = (
        "textual-dark",
        "textual-light",
        "catppuccin-macchiato",
        "catppuccin-mocha",
        "dracula",
        "gruvbox",
        "monokai",
        "rose-pine",
        "rose-pine-moon",
    )

    BINDINGS = [*APP_KEYS, *SUGGESTION_BINDINGS, *REVIEW_BINDINGS]

    def __init__(
        self,
        db_path: str | Path,
        article_ids: Sequence[str],
        *,
        annotator: str = "",
        messages: Iterable[str] = (),
        after_first_frame: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self._after_first_frame = after_first_frame
        for theme in list(self.available_themes):
            if theme not in self.THEMES:
                self.unregister_theme(theme)
        self.db_path = Path(db_path)
        self.store = Store(self.db_path)
        self.annotator = annotator
        self.article_ids = list(article_ids)
        self.shown_ids = self.article_ids[:MAX_PANES]
        self.label_rows = self.store.label_rows()
        self.labels = [label.name for label in self.label_rows]
        self._bind_labels()
        self.startup_messages = list(messages)
        self.links = LinkIndex(self.store.links())
        self.goto_cycle = GotoCycle(self.links)
        self.pending_link: LinkEnd | None = None
        self._active: ArticleView | None = None
        self._data_version = self.store.data_version()
        self.kept = Kept(self.store, annotator)
        theme = self.kept.theme()
        if theme in self.THEMES:
            self.theme = theme
        self._init_suggestions()

    @cached_property
    def workspace(self) -> Workspace:
        """The one change path, made on first use: its history and records are not needed
        to show the articles (start-up time, issue 10)."""
        from ..core.workspace import Workspace

        return Workspace(self.store, self.annotator)

    def _bind_labels(self) -> None:
        """A key per label, from the label table: a new label needs no code."""
        self._label_bindings = label_bindings(self.label_rows)
        for binding in self._label_bindings:
            self.bind(
                binding.key,
                binding.action,
                description=binding.description,
                show=binding.show,
            )

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The first panes are composed with the screen, not mounted after it: mounting
        # them from on_mount laid out and painted a frame that was never shown.
        # One row: the panes, then the annotation list once it was opened (one container
        # fewer to style, lay out and draw at start-up than panes in a row of their own).
        yield Horizontal(*self._new_panes(), id="main")
        # no find bar: it is mounted on first use, in the status line's place
        yield Static(id="status", markup=False)
        yield NewsmarkFooter()

    def on_mount(self) -> None:
        self._panes_mounted(list(self.query(ArticlePane)))
        for message in self.startup_messages:
            self.notify(message, title="Article changed", markup=False, timeout=10)
        self.set_interval(REFRESH_SECONDS, self._poll_database)
        self.set_interval(CURSOR_SAVE_SECONDS, self.kept.flush)
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._after_first_frame is not None:
            self.call_after_refresh(self._after_first_frame)

    def _new_panes(self) -> list[ArticlePane]:
        return [
            ArticlePane(
                self.store.get_article(article_id),
                self.store.annotations_for(article_id),
                self.label_rows,
            )
            for article_id in self.shown_ids
        ]

    async def _mount_panes(self) -> None:
        container = self.query_one("#main", Horizontal)
        await container.remove_children(ArticlePane)
        panes = self._new_panes()
        panels = self.query(LIST)
        if panels:  # the panes go before the list, where they were
            await container.mount_all(panes, before=panels.first())
        else:
            await container.mount_all(panes)
        self._panes_mounted(panes)

    def _panes_mounted(self, panes: list[ArticlePane]) -> None:
        """What follows putting panes on screen: links, cursors, focus, layout, status."""
        for pane in panes:
            pane.view.set_linked(self._linked_ids(pane.article.id))
            self._restore_cursor(pane.view)
        if panes:
            panes[0].view.focus()
            self._active = panes[0].view
        self._arrange()
        self._update_status()
        self._list_changed(reshow=True)
        self._suggest_soon()

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

    # -- the one way a change reaches the screen ---------------------------------

    def apply(self, change: Change) -> None:
        """Show what a change did: its annotations, links, articles, list and status."""
        for article_id in change.articles:
            self._reload_article(article_id)
        for annotation in change.annotations:
            view = self.view_for(annotation.article_id)
            if view is None:
                continue
            if annotation.deleted:
                view.drop(annotation.id)
            else:
                view.put(annotation)
        for link in change.links:
            if link.deleted:
                self.links.remove(link)
            else:
                self.links.add(link)
        self._suggestions_changed(change)
        self._refresh_link_markers()
        self._list_changed()
        self._update_status()
        if change.message:
            self.notify(change.message, markup=False, timeout=6)

    def _save(self, write: Callable[[], Change | None]) -> Change | None:
        """Run one workspace write and show it; on refusal say why and show what is true."""
        from ..core.workspace import Change

        try:
            change = write()
        except StaleError as error:
            self.bell()
            self.apply(Change.refused(error))
            self.notify(str(error), title="Not saved", severity="warning", markup=False)
            return None
        except TextChangedError as error:
            self.bell()
            self.apply(Change("reload", articles=(error.article_id,)))
            self.notify(str(error), title="Not saved", severity="warning", markup=False)
            return None
        except NewsmarkError as error:
            self.bell()
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return None
        if change is not None:
            self.apply(change)
        return change

    def _reload_article(self, article_id: str) -> None:
        """The stored article changed (a re-import or a new title): show it as it is now."""
        view = self.view_for(article_id)
        if view is None:
            return
        article = self.store.get_article(article_id)
        text_changed = article.sha256 != view.article.sha256
        if text_changed or article.title != view.article.title:
            self.query_one(f"#pane-{article_id}", ArticlePane).show(
                article, self.store.annotations_for(article_id) if text_changed else ()
            )
        if text_changed:
            self.notify(
                f"{article.title}: the article's text changed; reloaded with its annotations"
                " re-anchored",
                title="Article changed",
                markup=False,
                timeout=8,
            )

    # -- status ------------------------------------------------------------------

    def _update_status(self) -> None:
        view = self.active_view
        status = self.query_one("#status", Static)
        if view is None:
            status.update(Content("No article open: press o to choose articles"))
            return
        counts: dict[str, int] = {label: 0 for label in self.labels}
        statuses: Counter[str] = Counter()
        for each in self.views:
            for label, count in each.label_counts.items():
                counts[label] = counts.get(label, 0) + count
            statuses.update(each.status_counts)
        pending = self.pending_link
        tag_keys = "/".join(label.key for label in self.label_rows)
        line = status_line(
            view,
            counts,
            self.links,
            pending.quote if pending else None,
            tag_keys,
            review=self.review_hint(),
            statuses=statuses,
            width=self.size.width,
            label_keys={label.name: label.key for label in self.label_rows},
        )
        status.update(line, layout=False)  # one fixed row: no layout pass per keypress

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        if not self.screen_stack:  # a message that arrives while the app shuts down
            return
        self.kept.moved(event.view.article, event.view.cursor)
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
        pending = self.pending_link
        for each in self.views:
            mine = {key for key in others if key in each.by_id}
            source = None
            if pending is not None and pending.article_id == each.article.id:
                source = (pending.start, pending.end)
            each.set_emphasis(mine, source)
            if mine and each is not view:
                first = min((each.by_id[key] for key in mine), key=lambda item: item.start)
                each.show_nearby(first.start)

    # -- tagging -----------------------------------------------------------------

    def action_tag(self, label: str) -> None:
        """Tag the selection; with no selection, relabel the annotation at the cursor."""
        view = self.active_view
        if view is None:
            return
        selection = view.selection
        if selection is None:
            current = view.annotation_at_cursor()
            if current is None and self.accept_suggestion(label):
                return
            if current is None:
                self.notify(
                    "Select a span first: shift+arrows, v, s (sentence) or drag; on an"
                    " annotation this key relabels it",
                    markup=False,
                )
            elif current.label == label:
                self.notify(f"Already {label}", markup=False, timeout=2)
            else:
                self._save(partial(self.workspace.relabel, current, label))
            return
        start, end = selection
        article = view.article
        change = self._save(
            lambda: self.workspace.tag(
                article.id, start, end, label, quote=article.text[start:end], sha256=article.sha256
            )
        )
        if change is not None and change.first is not None:
            view.clear_selection()
            view.set_cursor(change.first.start)  # on what was just tagged: Enter edits, l links

    def _annotation_under_cursor(self) -> tuple[ArticleView, Annotation] | None:
        view = self.active_view
        annotation = view.annotation_at_cursor() if view else None
        if view is None or annotation is None:
            self.notify("No annotation at the cursor", markup=False)
            return None
        return view, annotation

    def action_delete(self) -> None:
        view = self.active_view
        if view is not None and view.annotation_at_cursor() is None and self.reviewing:
            orphan, self.reviewing = self.reviewing, None  # an orphan has no place to be on
            self._save(partial(self.workspace.delete, orphan))
            return
        found = self._annotation_under_cursor()
        if found is not None:
            self._save(partial(self.workspace.delete, found[1]))

    def action_undo(self) -> None:
        if not self.workspace.history.can_undo:
            self.notify("Nothing to undo", markup=False, timeout=2)
            return
        change = self._save(self.workspace.undo)
        if change is not None:
            self.notify(f"Undone: {change.description}", markup=False, timeout=2)

    def action_redo(self) -> None:
        if not self.workspace.history.can_redo:
            self.notify("Nothing to redo", markup=False, timeout=2)
            return
        change = self._save(self.workspace.redo)
        if change is not None:
            self.notify(f"Redone: {change.description}", markup=False, timeout=2)

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
        text = view.article.text
        change = self._save(
            lambda: self.workspace.resize(
                annotation, start, end, quote=text[start:end], sha256=view.article.sha256
            )
        )
        if change is not None and not start <= view.cursor < end:
            view.set_cursor(start if edge == "start" else max(start, end - 1))

    # -- linking -------------------------------------------------------------------

    def _link_end(self, view: ArticleView) -> LinkEnd | None:
        """The selection (tagged inconsistency when the link is made), else the
        annotation at the cursor."""
        from ..core.workspace import LinkEnd

        article = view.article
        if view.selection is not None:
            start, end = view.selection
            return LinkEnd(article.id, start, end, article.text[start:end], article.sha256)
        annotation = view.annotation_at_cursor()
        return None if annotation is None else LinkEnd.of(annotation, article.sha256)

    def action_link(self) -> None:
        view = self.active_view
        if view is None:
            return
        end = self._link_end(view)
        if end is None:
            self.notify("Put the cursor on an annotation or select a span to link", markup=False)
            return
        source = self.pending_link
        if source is None:
            self.pending_link = end
            self._emphasise_links()
            self._update_status()
            return
        if source.same_place(end):
            self.notify("Move to the counterpart first (Esc cancels)", markup=False)
            return
        change = self._save(partial(self.workspace.link_ends, source, end))
        self.pending_link = None
        if change is not None:
            view.clear_selection()
            for each in self.views:
                if each.article.id == source.article_id:
                    each.clear_selection()
            self.notify("Linked: contradicts", markup=False, timeout=3)
        self._emphasise_links()
        self._update_status()

    def action_cancel(self) -> None:
        for each in self.views:
            each.show_match(None, move=False)
        if self.stop_review():
            self._update_status()
            return
        if self.pending_link is not None:
            self.pending_link = None
            self._emphasise_links()
            self._update_status()
            self.notify("Link cancelled: nothing was saved", markup=False, timeout=2)
            return
        view = self.active_view
        if view is not None:
            view.clear_selection()

    def action_goto_linked(self) -> None:
        """Visit every counterpart in turn, then come back (``GotoCycle``)."""
        found = self._annotation_under_cursor()
        if found is None:
            return
        step = self.goto_cycle.step(found[1].id)
        if step is None:
            self.notify("This annotation has no links", markup=False)
            return
        try:
            target = self.store.get_annotation(step.target)
        except NewsmarkError:
            self.notify("That annotation is gone (deleted in another window?)", markup=False)
            return
        if step.number == 0:
            where = f"Back to where g began ({step.total} link(s) visited)"
        else:
            then = "g goes on" if step.number < step.total else "g goes back"
            where = f"Link {step.number} of {step.total}: {then}"
        self.notify(where, markup=False, timeout=2)
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
        self._arrange(keep=annotation.article_id)  # its pane may have made room for the list
        view.focus()
        self.start_review(annotation)
        if not annotation.orphaned:
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

    def _mounted_find_bar(self) -> FindBar | None:
        """The find bar if it was mounted already (``/`` or ``*`` was used)."""
        from .find_bar import FindBar

        bars = self.query(FindBar)
        return bars.first() if bars else None

    async def _find_bar(self) -> FindBar:
        """The find bar, mounted (above the status line, hidden) the first time it is needed:
        the reader starts without it and its input field."""
        from .find_bar import FindBar

        mounted = self._mounted_find_bar()
        if mounted is not None:
            return mounted
        bar = FindBar(id="find-bar")
        bar.display = False
        await self.mount(bar, before="#status")
        return bar

    async def action_find(self) -> None:
        view = self.active_view
        if view is None:
            return
        # Awaited in the key's own handler: keys typed right after `/` wait for the bar.
        bar = await self._find_bar()
        self.query_one("#status").display = False  # the bar takes its row: no relayout
        bar.open(view)

    def on_find_bar_closed(self) -> None:
        self.query_one("#status").display = True

    async def action_find_everywhere(self) -> None:
        """`*`: what the analyst is looking at, found in every shown article at once."""
        view = self.active_view
        if view is None:
            return
        span = view.selection or view.word_at_cursor()
        if span is None:
            self.notify("Put the cursor on a word or select some text first", markup=False)
            return
        query = " ".join(view.document.text[span[0] : span[1]].split())
        (await self._find_bar()).last_query = query
        views = self.views
        missing = find_everywhere(views, view, query, span[0])
        found = len(views) - len(missing)
        message = f"“{shorten(query, 40)}” found in {found} of {len(views)} articles"
        if missing:
            message += "; not in " + ", ".join(shorten(v.article.title, 30) for v in missing)
        self.notify(message + ". F3: next match in a pane", markup=False, timeout=5)
        view.focus()

    def action_find_again(self) -> None:
        view = self.active_view
        bar = self._mounted_find_bar()
        if view is None or bar is None or not bar.last_query:
            self.notify("Nothing to find again: press / first", markup=False)
        elif bar.find_again(view) is None:
            self.notify(f"Not found: {bar.last_query}", markup=False)

    # -- editing -----------------------------------------------------------------

    def action_edit(self) -> None:
        found = self._annotation_under_cursor()
        if found is None:
            return
        _, annotation = found
        from .editor import EditorScreen

        self.push_screen(
            EditorScreen(annotation, self.labels, self._link_rows(annotation)),
            partial(self._edited, annotation),
        )

    def _link_rows(self, annotation: Annotation) -> list[tuple[Link, Annotation]]:
        rows = []
        for link in self.links.of(annotation.id):
            try:
                rows.append((link, self.store.get_annotation(link.other(annotation.id))))
            except NewsmarkError:
                continue
        return rows

    def _edited(self, seen: Annotation, result: EditorResult | None) -> None:
        """Write what the user changed in the editor, and only that, as one step."""
        if result is None or result.is_empty:
            return
        self._save(
            lambda: self.workspace.edit(
                seen,
                label=result.label,
                note=result.note,
                link_notes=result.link_notes,
                unlink=result.unlink,
                delete=result.delete,
            )
        )

    # -- candidate contradictions ---------------------------------------------------

    def action_compare(self) -> None:
        if len(self.views) < 2:
            self.notify("Compare needs two articles side by side: o chooses them", markup=False)
            return
        texts = [(view.article.id, view.article.text) for view in self.views]
        titles = {view.article.id: view.article.title for view in self.views}
        from .compare_screen import CompareScreen

        self.push_screen(CompareScreen(texts, titles, self._dismissed), self._compared)

    def _compared(self, shown: Shown | None) -> None:
        """Enter on a candidate: each pane on its sentence."""
        if shown is None:
            return
        for side in (shown.item.b, shown.item.a):  # the first side ends up focused
            view = self.view_for(side.article_id)
            if view is not None:
                view.focus()
                view.show_span(side.start, side.end)

    def on_compare_screen_accept(self, event: CompareScreen.Accept) -> None:
        """Tag both sentences inconsistency and link them, the reasons as the link's note;
        remembered as dismissed so that it is not suggested again. One step."""
        from ..core.assist.suggestions import contradiction_dismissal
        from ..core.workspace import LinkEnd

        item = event.item
        first, second = (
            LinkEnd(side.article_id, side.start, side.end, side.text,
                    self.store.article_sha256(side.article_id))
            for side in (item.a, item.b)
        )  # fmt: skip
        dismissal = contradiction_dismissal(item)
        note = "; ".join(item.reasons)
        change = self._save(
            lambda: self.workspace.combine(
                "accept contradiction",
                partial(self.workspace.link_ends, first, second, note=note,
                        origin="suggested:compare"),
                partial(self.workspace.dismiss, dismissal),
            )
        )  # fmt: skip
        if change is not None:
            self.notify("Tagged both inconsistency and linked them", markup=False, timeout=3)

    def on_compare_screen_dismiss(self, event: CompareScreen.Dismiss) -> None:
        from ..core.assist.suggestions import contradiction_dismissal

        dismissal = contradiction_dismissal(event.item)
        self._save(partial(self.workspace.dismiss, dismissal, "dismiss contradiction"))

    # -- panels, export, refresh -------------------------------------------------

    def _list_changed(self, reshow: bool = False) -> None:
        """Tell the annotation list (if it was ever opened) that annotations changed."""
        for widget in self.query(LIST):
            panel = cast("AnnotationList", widget)
            if reshow:
                panel.show(self.store, self.shown_ids)
            else:
                panel.changed()

    async def action_toggle_list(self) -> None:
        from .annotation_list import AnnotationList

        panels = self.query(AnnotationList)
        if not panels:  # mounted on first use: its widgets cost start-up time otherwise
            keys = {label.name: label.key for label in self.label_rows}
            panel = AnnotationList(self.labels, label_keys=keys, id="annotation-list")
            await self.query_one("#main").mount(panel)
        else:
            panel = panels.first()
            panel.display = not panel.display
        self._arrange()
        if panel.display:
            panel.show(self.store, self.shown_ids)
            panel.focus_table()
        elif self.active_view is not None:
            self.active_view.focus()

    def _arrange(self, keep: str | None = None) -> None:
        """Give the open list a pane's place rather than squeeze every article.

        ``keep`` (else the active article) stays on screen; the others follow in order.
        """
        panels = self.query(LIST)
        panel = panels.first() if panels else None
        list_open = panel is not None and panel.display
        panes = list(self.query(ArticlePane))
        shown, list_width = list_layout(self.size.width, len(panes), list_open)
        if panel is not None and list_open:
            panel.styles.width = list_width
        active = self.active_view
        keep = keep or (active.article.id if active else None)
        kept = sorted(panes, key=lambda pane: pane.article.id != keep)[:shown]
        for pane in panes:
            pane.display = pane in kept

    def on_resize(self) -> None:
        self._arrange()

    def on_annotation_table_chosen(self, event: AnnotationTable.Chosen) -> None:
        self.jump_to(self.store.get_annotation(event.annotation_id))

    def action_choose_articles(self) -> None:
        from .chooser import ArticleChooser

        self.push_screen(
            ArticleChooser(self.store.articles(), self.shown_ids, MAX_PANES, self.retitle),
            self._articles_chosen,
        )

    def retitle(self, article_id: str, title: str, seen: str) -> str | None:
        """The title stored, or None when the write was refused (and the user told why)."""
        change = self._save(lambda: self.workspace.retitle(article_id, title, seen=seen))
        return None if change is None else self.store.article_title(article_id)

    def _articles_chosen(self, chosen: list[str] | None) -> None:
        if chosen:
            self.shown_ids = chosen[:MAX_PANES]
            self.run_worker(self._mount_panes(), exclusive=True)

    def action_export(self) -> None:
        try:
            from ..core.export import write_both

            annotations, count, links, link_count = write_both(self.store, self.db_path)
        except (OSError, NewsmarkError) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            where = getattr(error, "filename", None) or self.db_path
            self.notify(
                printable(f"{where}: {reason}"),
                title="Export failed: nothing was replaced",
                severity="error",
                markup=False,
            )
            return
        self.notify(
            printable(f"{count} annotation(s) to {annotations}")
            + "\n"
            + printable(f"{link_count} link(s) to {links}"),
            title="Exported",
            markup=False,
        )

    def help_bindings(self) -> list[Binding]:
        """Every key of the reader: the app's, the labels' (from the label table), a pane's."""
        return list(
            Binding.make_bindings([*ArticleView.BINDINGS, *self._label_bindings, *self.BINDINGS])
        )

    def action_help(self) -> None:
        from .help import HelpScreen

        self.push_screen(HelpScreen(self.help_bindings()))

    def _poll_database(self) -> None:
        """Another newsmark on this database committed: show its annotations.

        ``data_version`` changes only for other connections' commits, so a write of
        our own never hides one of theirs that came just before it.
        """
        if self.store.data_version() != self._data_version:
            self.action_refresh_from_db()

    def action_refresh_from_db(self) -> None:
        self._data_version = self.store.data_version()
        self._dismissed = self.store.dismissed_ids()
        self.links.load(self.store.links())
        for view in self.views:
            text_changed = self.store.article_sha256(view.article.id) != view.article.sha256
            if text_changed or self.store.article_title(view.article.id) != view.article.title:
                self._reload_article(view.article.id)  # reads the whole article: only then
            if not text_changed:
                view.set_annotations(self.store.annotations_for(view.article.id))
            self._refresh_suggestions(view)
        self._refresh_link_markers()
        self._list_changed()
        self._update_status()

    def on_app_focus(self) -> None:
        self._poll_database()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from .help import key_text

        yield from super().get_system_commands(screen)
        keys: dict[str, list[Binding]] = {}  # one command per action, with all its keys
        for binding in Binding.make_bindings([*self._label_bindings, *self.BINDINGS]):
            if binding.description and binding.action not in ("quit", "command_palette"):
                keys.setdefault(binding.action, []).append(binding)
        for action, bindings in keys.items():
            first = bindings[0]
            shown = ", ".join(key_text(binding) for binding in bindings)
            yield SystemCommand(
                first.description,
                f"{first.tooltip or first.description} (key: {shown})",
                partial(self.run_action, action),
            )
        yield SystemCommand(
            "Write report",
            "an HTML report for an editor, beside the database: each linked inconsistency"
            " with both quotes, then each article's claims and quotes",
            self.write_report,
        )

    def write_report(self) -> None:
        from ..core.formats.report import write_report

        target = self.db_path.resolve().with_name(f"{self.db_path.stem}-report.html")
        try:
            written = write_report(self.store, target)
        except (OSError, NewsmarkError) as error:
            self.notify(str(error), title="Report not written", severity="error")
            return
        self.notify(f"Report written to {written}", title="Report")

    # -- what is kept across restarts ----------------------------------------------

    def _theme_changed(self, theme: Theme) -> None:
        self.kept.keep_theme(theme.name)

    def _restore_cursor(self, view: ArticleView) -> None:
        offset = self.kept.cursor(view.article)
        if offset is not None:
            view.show_span(offset, offset)
            self.call_after_refresh(view.scroll_to_cursor, center=True)

    async def action_quit(self) -> None:
        """ctrl+q in the editor saves what was typed there first: quitting loses nothing."""
        from .editor import EditorScreen

        screen = self.screen
        if isinstance(screen, EditorScreen) and screen.unsaved:
            screen.action_save()  # its result is written by the editor's callback, next
            self.call_next(self.exit)
            return
        self.exit()

    def on_unmount(self) -> None:
        self._stop_suggesting()
        self.kept.flush()
        self.store.close()
