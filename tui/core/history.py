"""Undo and redo: each step is one transaction, and never writes back a stale copy.

A step is the list of rows it wrote, each as ``(before, after)``: undo makes
every row look like ``before`` again, but only if the row is still exactly as
the step left it (same revision); redo the same the other way. A row someone
else changed meanwhile refuses the whole step (``StaleError``), which then
stays where it was in the history.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import StaleError
from .models import Annotation, Dismissal, Link
from .store import Store

Row = Annotation | Link | Dismissal


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


def _content(row: Row) -> Row:
    """A row without its write bookkeeping: what the user sees of it."""
    return replace(row, revision=0, updated_at="", updated_by="")


def _write(store: Store, state: Row, seen: Row, by: str) -> Row:
    if isinstance(state, Annotation):
        assert isinstance(seen, Annotation)
        return store.write_annotation(state, seen=seen, by=by)
    if isinstance(state, Dismissal):
        assert isinstance(seen, Dismissal)
        return store.write_dismissal(state, seen=seen, by=by)
    assert isinstance(seen, Link)
    return store.write_link(state, seen=seen, by=by)


def _find(store: Store, row: Row) -> Row | None:
    if isinstance(row, Annotation):
        return store.find_annotation(row.id)
    if isinstance(row, Dismissal):
        return store.find_dismissal(row.id)
    return store.find_link(row.id)


class History:
    """The session's steps; undo and redo go through the store like any other write."""

    def __init__(self, store: Store, annotator: str = "") -> None:
        self.store = store
        self.annotator = annotator
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._known: dict[str, Row] = {}  # each row as this session last wrote it

    def record(self, step: Step) -> None:
        if step.edits:
            self._undo.append(step)
            self._redo.clear()
            for edit in step.edits:
                self._known[edit.after.id] = edit.after

    def _put(self, state: Row, expected: Row) -> Row:
        """Write ``state`` where the row should still be as ``expected`` left it.

        The row must hold ``expected``'s content as this session last wrote it (a
        later step undone in between may have written it again, with a new
        revision), and nobody else may have written it since (the store checks the
        revision).
        """
        known = self._known.get(expected.id, expected)
        if _content(known) != _content(expected):
            current = _find(self.store, known)
            raise StaleError("changed since: this step cannot be put back", current)
        written = _write(self.store, state, known, self.annotator)
        self._known[written.id] = written
        return written

    def undo(self) -> Step | None:
        """Put back the last step; returns it with the rows as they are now."""
        if not self._undo:
            return None
        step = self._undo[-1]
        with self.store.transaction():
            edits = [Edit(self._put(edit.before, edit.after), edit.after)
                     for edit in reversed(step.edits)]  # fmt: skip
        self._undo.pop()
        done = Step(step.description, tuple(reversed(edits)))
        self._redo.append(done)
        return done

    def redo(self) -> Step | None:
        if not self._redo:
            return None
        step = self._redo[-1]
        with self.store.transaction():
            edits = [Edit(edit.before, self._put(edit.after, edit.before)) for edit in step.edits]
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
