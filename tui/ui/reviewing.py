"""Reviewing what a changed article did to its annotations: accept a changed
annotation's new place, put it (or an orphan) on other text, or delete it."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding

from ..core.models import Annotation
from .article_view import ArticleView
from .status import shorten

if TYPE_CHECKING:
    from ..core.workspace import Change, Workspace

REVIEW_BINDINGS = [
    Binding("R", "review", "Review", show=False,
            tooltip="on a changed annotation: accept its new place; with a selection: put"
            " the changed or orphaned annotation being reviewed there"),
]  # fmt: skip


class Reviewing:
    """Mixed into the app: the annotation under review, and the key that settles it."""

    notify: Callable[..., None]
    _save: Callable[[Callable[[], Change | None]], Change | None]
    reviewing: Annotation | None = None

    @property
    def active_view(self) -> ArticleView | None:
        raise NotImplementedError

    @property
    def workspace(self) -> Workspace:
        raise NotImplementedError  # the app's, made on first use

    def review_hint(self) -> str | None:
        """What the status line says while an annotation is under review."""
        item = self.reviewing
        if item is None:
            return None
        quote = shorten(item.original_text or item.text, 30)
        what = "ORPHANED" if item.orphaned else "CHANGED"
        return (
            f"REVIEW {what} {item.label} «{quote}»: select its text now and press R"
            + ("" if item.orphaned else ", or R alone to accept where it is")
            + "; x deletes it, Esc stops"
        )

    def start_review(self, annotation: Annotation) -> None:
        """Chosen from the list (or reached with n): an orphan or a changed annotation."""
        if annotation.status == "anchored":
            return
        self.reviewing = annotation
        self.notify(self.review_hint() or "", markup=False, timeout=8)

    def stop_review(self) -> bool:
        if self.reviewing is None:
            return False
        self.reviewing = None
        return True

    def action_review(self) -> None:
        view = self.active_view
        if view is None:
            return
        target = self.reviewing
        here = view.annotation_at_cursor()
        if target is None and here is not None and here.status == "changed":
            target = here
        if target is None:
            self.notify(
                "Nothing to review here: L lists changed and orphaned annotations", markup=False
            )
            return
        selection = view.selection
        if selection is not None:
            start, end = selection
            article = view.article
            if article.id != target.article_id:
                self.notify("Select its text in its own article", markup=False)
                return
            change = self._save(
                partial(self.workspace.place, target, start, end,
                        quote=article.text[start:end], sha256=article.sha256)
            )  # fmt: skip
            if change is not None:
                view.clear_selection()
        elif target.orphaned:
            self.notify("Select where it belongs now, then press R", markup=False)
            return
        else:
            change = self._save(partial(self.workspace.settle, target))
        if change is not None:
            self.reviewing = None
            self.notify("Reviewed: anchored again (u undoes)", markup=False, timeout=3)
