"""Suggestions in the reader: a layer of their own, computed in a worker thread, accepted
or dismissed from the keyboard; accepting many is one step."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding

from ..core.articles import Article, heading_spans
from ..core.models import Label
from ..core.store import Store
from .article_view import ArticleView

if TYPE_CHECKING:
    from ..core.assist.suggestions import Suggestion
    from ..core.workspace import Change, Workspace

SUGGESTION_BINDINGS = [
    Binding("S", "toggle_suggestions", "Suggestions", show=False,
            tooltip="show or hide suggested quotes and claims (lower-case gutter letters)"),
    Binding("j", "next_suggestion", "Next suggestion", show=False,
            tooltip="the next suggestion"),
    Binding("J", "previous_suggestion", "Previous suggestion", show=False,
            tooltip="the previous suggestion"),
    Binding("a", "accept_suggestion", "Accept suggestion", show=False,
            tooltip="tag the suggestion at the cursor as suggested (a label key: as that)"),
    Binding("A", "accept_all_suggestions", "Accept all of this kind", show=False,
            tooltip="tag every shown suggestion of this kind in this article: one undo step"),
    Binding("d", "dismiss_suggestion", "Dismiss suggestion", show=False,
            tooltip="dismiss the suggestion at the cursor: it is not suggested again"),
    Binding("C", "compare", "Compare articles", show=False,
            tooltip="candidate contradictions between the articles shown, best first"),
]  # fmt: skip
SHOW_KEY = "suggestions"  # preference: "on" or "off"
# The rules start this long after the panes show: the first frame should not share the
# CPU with starting them.
SUGGEST_AFTER = 0.5
Child = subprocess.Popen[bytes]
# Children computing at once: each takes a core for seconds, and with four panes on a
# small machine (often a shared SSH host) the reader itself must keep one.
CHILDREN = max(1, (os.cpu_count() or 2) // 2)


def compute(article: Article, started: Callable[[Child], None] | None = None) -> list[Suggestion]:
    """Runs in a worker thread, which waits for a child process running the rules: they
    hold the GIL for seconds on a long article, and keys must not wait for it (issue 11,
    bench/typing_bench.py). Raises ``ChildFailed`` if the child did not answer."""
    from ..core.assist.apart import suggest_apart

    return suggest_apart(article.id, article.text, heading_spans(article), started)


def compute_here(article: Article) -> list[Suggestion]:
    """The rules in this thread: when no child process can run. They load here, not at
    start-up."""
    from ..core.assist.suggestions import suggest

    return suggest(article.id, article.text, headings=heading_spans(article))


class Suggesting:
    """Mixed into the app: suggestion state and the actions on it."""

    store: Store
    annotator: str
    label_rows: list[Label]
    view_for: Callable[[str], ArticleView | None]
    notify: Callable[..., None]
    _save: Callable[[Callable[[], Change | None]], Change | None]

    @property
    def views(self) -> list[ArticleView]:
        raise NotImplementedError  # the app's panes

    @property
    def workspace(self) -> Workspace:
        raise NotImplementedError  # the app's, made on first use

    @property
    def active_view(self) -> ArticleView | None:
        raise NotImplementedError

    def _init_suggestions(self) -> None:
        self.show_suggestions = (
            self.store.preference(self.annotator, SHOW_KEY, "on") == "on"
        )
        self._raw_suggestions: dict[str, list[Suggestion]] = {}  # by article sha256
        self._dismissed = self.store.dismissed_ids()
        self._children: set[Child] = set()  # computing suggestions now
        self._computing: set[str] = set()  # article sha256s with a worker on them
        self._child_slots = threading.BoundedSemaphore(CHILDREN)
        self._stopping = False

    def _stop_suggesting(self) -> None:
        """On quitting: stop the children, else quitting waits for their worker threads."""
        self._stopping = True
        for child in list(self._children):
            if child.poll() is None:
                child.kill()

    def _suggest_soon(self) -> None:
        self.set_timer(SUGGEST_AFTER, self._suggest_in_background)  # type: ignore[attr-defined]

    def _suggest_in_background(self) -> None:
        """Compute what is missing for the shown articles, one worker each."""
        if not self.show_suggestions:
            return
        for view in self.views:
            article = view.article
            if article.sha256 in self._raw_suggestions:
                self._refresh_suggestions(view)
                continue
            if article.sha256 in self._computing:  # its worker will show it
                continue
            self._computing.add(article.sha256)
            self.run_worker(  # type: ignore[attr-defined]
                partial(self._compute_and_show, article),
                thread=True,
                group="suggest",
            )

    def _compute_and_show(self, article: Article) -> None:
        from ..core.assist.apart import ChildFailed

        mine: list[Child] = []

        def started(child: Child) -> None:
            mine.append(child)
            self._children.add(child)
            if self._stopping:  # quitting began while it started
                child.kill()

        with self._child_slots:  # wait for a free core
            if self._stopping:
                return
            try:
                found = compute(article, started)
            except ChildFailed:
                if self._stopping:
                    return
                found = compute_here(article)
            finally:
                self._children.difference_update(mine)
        if not self._stopping:
            self.call_from_thread(self._computed, article.sha256, found)  # type: ignore[attr-defined]

    def _computed(self, sha256: str, found: list[Suggestion]) -> None:
        self._computing.discard(sha256)
        self._raw_suggestions[sha256] = found
        for view in self.views:
            if view.article.sha256 == sha256:
                self._refresh_suggestions(view)

    def _refresh_suggestions(self, view: ArticleView) -> None:
        """What is still open for this view: not dismissed, not tagged yet."""
        if not self.show_suggestions:
            view.set_suggestions(())
            return
        from ..core.assist.suggestions import open_suggestions

        raw = self._raw_suggestions.get(view.article.sha256, [])
        labels = {label.name for label in self.label_rows}
        view.set_suggestions(
            open_suggestions(raw, view.annotations.items, self._dismissed, labels)
        )

    def _suggestions_changed(self, change: Change) -> None:
        """After any change: dismissals and new annotations hide suggestions."""
        for dismissal in change.dismissals:
            if dismissal.deleted:
                self._dismissed.discard(dismissal.id)
            else:
                self._dismissed.add(dismissal.id)
        touched = {row.article_id for row in change.annotations}
        touched.update(row.article_id for row in change.dismissals)
        touched.update(change.articles)
        for article_id in touched:
            view = self.view_for(article_id)
            if view is not None:
                self._refresh_suggestions(view)
        if change.articles:
            self._suggest_in_background()

    # -- actions -------------------------------------------------------------------

    def action_toggle_suggestions(self) -> None:
        self.show_suggestions = not self.show_suggestions
        state = "on" if self.show_suggestions else "off"
        self.store.set_preference(self.annotator, SHOW_KEY, state)
        if self.show_suggestions:
            self._suggest_in_background()
        else:
            for view in self.views:
                view.set_suggestions(())
        self.notify(f"Suggestions {state}", markup=False, timeout=2)

    def _step(self, backwards: bool) -> None:
        view = self.active_view
        if view is None:
            return
        if not self.show_suggestions:
            self.notify("Suggestions are off: S shows them", markup=False)
        elif view.next_suggestion(backwards) is None:
            where = "above" if backwards else "below"
            self.notify(f"No more suggestions {where}", markup=False, timeout=2)

    def action_next_suggestion(self) -> None:
        self._step(backwards=False)

    def action_previous_suggestion(self) -> None:
        self._step(backwards=True)

    def _suggestion_here(self) -> tuple[ArticleView, Suggestion] | None:
        view = self.active_view
        item = view.suggestion_at_cursor() if view else None
        if view is None or item is None:
            self.notify("No suggestion at the cursor: j and J move to one", markup=False)
            return None
        return view, item

    def accept_suggestion(self, label: str | None = None) -> bool:
        """Tag the suggestion at the cursor (as ``label``, else its own); False if none."""
        from ..core.workspace import LinkEnd

        view = self.active_view
        item = view.suggestion_at_cursor() if view else None
        if view is None or item is None:
            return False
        span = LinkEnd(item.article_id, item.start, item.end, item.text, view.article.sha256)
        self._save(
            partial(self.workspace.tag_many, [(span, label or item.label)], origin=item.origin,
                    description=f"accept {label or item.label}")
        )  # fmt: skip
        return True

    def action_accept_suggestion(self) -> None:
        if self._suggestion_here() is not None:
            self.accept_suggestion()

    def action_accept_all_suggestions(self) -> None:
        from ..core.workspace import LinkEnd

        found = self._suggestion_here()
        if found is None:
            return
        view, item = found
        same = [each for each in view.suggestions.items if each.kind == item.kind]
        spans = [
            (LinkEnd(each.article_id, each.start, each.end, each.text, view.article.sha256),
             each.label)
            for each in same
        ]  # fmt: skip
        change = self._save(
            partial(self.workspace.tag_many, spans, origin=item.origin,
                    description=f"accept {len(spans)} suggested {item.kind}s")
        )  # fmt: skip
        if change is not None:
            self.notify(f"Accepted {len(spans)} suggested {item.kind}(s): u undoes them all",
                        markup=False)  # fmt: skip

    def action_dismiss_suggestion(self) -> None:
        from ..core.assist.suggestions import suggestion_dismissal

        found = self._suggestion_here()
        if found is not None:
            self._save(partial(self.workspace.dismiss, suggestion_dismissal(found[1])))
