"""Undo and redo: each step is one transaction, and never writes back a stale copy.

A step is the list of rows it wrote, each as ``(before, after)``: undo makes
every row look like ``before`` again, but only if the row is still exactly as
the step left it (same revision); redo the same the other way. A row someone
else changed meanwhile refuses the whole step (``StaleError``), which then
stays where it was in the history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .models import Annotation, Link
from .store import Store

Row = Annotation | Link


@dataclass(frozen=True)
class Edit:
    """One row as a step found it and as the step left it."""

    before: Row
    after: Row


@dataclass(frozen=True)
class Step:
    description: str
    edits: tuple[Edit, ...]


def created(row: Row) -> Edit:
    """The edit of a row a step inserted: undone, it becomes a tombstone."""
    before: Row = replace(row, deleted_at=row.created_at, deleted_by=row.updated_by)
    return Edit(before, row)


def _write(store: Store, state: Row, seen: Row, by: str) -> Row:
    if isinstance(state, Annotation):
        assert isinstance(seen, Annotation)
        return store.write_annotation(state, seen=seen, by=by)
    assert isinstance(seen, Link)
    return store.write_link(state, seen=seen, by=by)


class History:
    """The session's steps; undo and redo go through the store like any other write."""

    def __init__(self, store: Store, annotator: str = "") -> None:
        self.store = store
        self.annotator = annotator
        self._undo: list[Step] = []
        self._redo: list[Step] = []

    def record(self, step: Step) -> None:
        if step.edits:
            self._undo.append(step)
            self._redo.clear()

    def undo(self) -> Step | None:
        """Put back the last step; returns it with the rows as they are now."""
        if not self._undo:
            return None
        step = self._undo[-1]
        with self.store.transaction():
            edits = [
                Edit(_write(self.store, edit.before, edit.after, self.annotator), edit.after)
                for edit in reversed(step.edits)
            ]
        self._undo.pop()
        done = Step(step.description, tuple(reversed(edits)))
        self._redo.append(done)
        return done

    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        with self.store.transaction():
            edits = [
                Edit(edit.before, _write(self.store, edit.after, edit.before, self.annotator))
                for edit in step.edits
            ]
        self._redo.pop()
        done = Step(step.description, tuple(edits))
        self._undo.append(done)
        return done

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
