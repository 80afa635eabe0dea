"""Undo and redo for every change of a session; each step is its own durable write.

A change records what it did well enough to replay both ways with the same
ids, so that redo brings back exactly the rows undo took away.
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Annotation, Link, Removed
from .store import Store


@dataclass(frozen=True)
class Added:
    annotation: Annotation
    description: str = "tag"


@dataclass(frozen=True)
class Deleted:
    removed: Removed
    description: str = "delete"


@dataclass(frozen=True)
class Updated:
    before: Annotation
    after: Annotation
    description: str = "edit"


@dataclass(frozen=True)
class Linked:
    link: Link
    description: str = "link"


@dataclass(frozen=True)
class Unlinked:
    link: Link
    description: str = "unlink"


@dataclass(frozen=True)
class LinkNoted:
    before: Link
    after: Link
    description: str = "link note"


Change = Added | Deleted | Updated | Linked | Unlinked | LinkNoted


class History:
    """The session's changes, applied through the store; the UI re-reads what they touched."""

    def __init__(self, store: Store, annotator: str = "") -> None:
        self.store = store
        self.annotator = annotator
        self._undo: list[Change] = []
        self._redo: list[Change] = []

    def _done(self, change: Change) -> Change:
        self._undo.append(change)
        self._redo.clear()
        return change

    # -- changes -------------------------------------------------------------

    def tag(self, article_id: str, start: int, end: int, label: str) -> Annotation:
        annotation = self.store.add_annotation(
            article_id, start, end, label, annotator=self.annotator
        )
        self._done(Added(annotation, f"tag {label}"))
        return annotation

    def delete(self, annotation_id: str) -> Removed:
        removed = self.store.delete_annotation(annotation_id)
        self._done(Deleted(removed))
        return removed

    def update(
        self,
        annotation_id: str,
        *,
        label: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Annotation:
        before = self.store.get_annotation(annotation_id)
        after = self.store.update_annotation(
            annotation_id, label=label, note=note, start=start, end=end
        )
        if after != before:
            what = "relabel" if label and label != before.label else "edit"
            if (after.start, after.end) != (before.start, before.end):
                what = "resize"
            elif note is not None and note != before.note:
                what = "note"
            self._done(Updated(before, after, what))
        return after

    def link(self, from_id: str, to_id: str, note: str = "") -> Link:
        link = self.store.add_link(from_id, to_id, note=note)
        self._done(Linked(link))
        return link

    def unlink(self, link_id: str) -> Link:
        link = self.store.delete_link(link_id)
        self._done(Unlinked(link))
        return link

    def set_link_note(self, link_id: str, note: str) -> Link:
        before = self.store.get_link(link_id)
        after = self.store.update_link(link_id, note=note)
        if after != before:
            self._done(LinkNoted(before, after))
        return after

    # -- undo / redo ---------------------------------------------------------

    def _apply(self, change: Change, forward: bool) -> None:
        store = self.store
        match change:
            case Added(annotation) if forward:
                store.restore(Removed(annotation, ()))
            case Added(annotation):
                store.delete_annotation(annotation.id)
            case Deleted(removed) if forward:
                store.delete_annotation(removed.annotation.id)
            case Deleted(removed):
                store.restore(removed)
            case Updated(before, after):
                store.restore_annotation(after if forward else before)
            case Linked(link) if forward:
                store.restore_link(link)
            case Linked(link):
                store.delete_link(link.id)
            case Unlinked(link) if forward:
                store.delete_link(link.id)
            case Unlinked(link):
                store.restore_link(link)
            case LinkNoted(before, after):
                store.update_link(before.id, note=(after if forward else before).note)

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        change = self._undo[-1]
        self._apply(change, forward=False)  # raises StoreError: the step stays undoable
        self._redo.append(self._undo.pop())
        return change

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        change = self._redo[-1]
        self._apply(change, forward=True)
        self._undo.append(self._redo.pop())
        return change

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)


def annotations_of(change: Change) -> tuple[Annotation, ...]:
    """Annotations a change touched, so the UI knows which articles to re-read."""
    match change:
        case Added(annotation):
            return (annotation,)
        case Deleted(removed):
            return (removed.annotation,)
        case Updated(before, after):
            return (before, after)
    return ()
