"""Dismissed suggestions: remembered in the database, undone through a tombstone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..errors import StaleError
from ..models import Dismissal, now
from .connection import Connection
from .sql import LIVE, assignments, insert

_FIELDS = tuple(Dismissal.__dataclass_fields__)
_COLUMNS = ", ".join(f'"{name}"' for name in _FIELDS)


class DismissalStore(Connection):
    def find_dismissal(self, dismissal_id: str) -> Dismissal | None:
        cursor = self.conn.execute(
            f"SELECT {_COLUMNS} FROM dismissed WHERE id = ?", (dismissal_id,)
        )
        cursor.row_factory = None
        row = cursor.fetchone()
        return None if row is None else Dismissal(*row)

    def dismiss(self, dismissal: Dismissal, *, by: str = "") -> Dismissal:
        """Remember a dismissal; dismissing what was dismissed and undone revives it."""
        stamp = now()
        with self.transaction():
            current = self.find_dismissal(dismissal.id)
            if current is None:
                stored = replace(dismissal, created_at=stamp, updated_at=stamp, updated_by=by)
                row = stored.__dict__
                self.conn.execute(insert("dismissed", row), tuple(row.values()))
                return stored
            if not current.deleted:
                return current
            return self.write_dismissal(replace(current, deleted_at=None, deleted_by=""),
                                        seen=current, by=by)  # fmt: skip

    def write_dismissal(self, state: Dismissal, *, seen: Dismissal, by: str = "") -> Dismissal:
        changes = {"deleted_at": state.deleted_at, "deleted_by": state.deleted_by,
                   "updated_at": now(), "updated_by": by}  # fmt: skip
        with self.transaction():
            cursor = self.conn.execute(
                f"UPDATE dismissed SET {assignments(changes)}, revision = revision + 1"
                " WHERE id = ? AND revision = ?",
                (*changes.values(), seen.id, seen.revision),
            )
            current = self.find_dismissal(seen.id)
            if cursor.rowcount == 0 or current is None:
                raise StaleError("dismissal changed in another window: not undone", current)
            return current

    def dismissed_ids(self, article_ids: Iterable[str] = ()) -> set[str]:
        ids = list(article_ids)
        where = f"WHERE {LIVE}"
        if ids:
            where += f" AND article_id IN ({', '.join('?' for _ in ids)})"
        return {row[0] for row in self.conn.execute(f"SELECT id FROM dismissed {where}", ids)}
