"""Copies a merge did not keep: an annotation or link edited in two databases."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .connection import Connection

if TYPE_CHECKING:
    from .records import Conflict


class ConflictStore(Connection):
    def conflicts(self, *, include_resolved: bool = False) -> list[Conflict]:
        from .records import Conflict
        where = "" if include_resolved else "WHERE resolved_at IS NULL"
        rows = self.conn.execute(
            "SELECT id, kind, row_id, revision, updated_at, updated_by, deleted, data, source,"
            " winner_revision, winner_updated_at, detected_at, resolved_at"
            f" FROM conflicts {where} ORDER BY detected_at, kind, row_id, revision"
        )
        return [
            Conflict(
                **{**dict(row), "deleted": bool(row["deleted"]), "data": json.loads(row["data"])}
            )
            for row in rows
        ]

    def resolve_conflict(self, conflict_id: str, *, by: str = "") -> None:
        """Mark a conflict as looked at: it is no longer listed."""
        with self.transaction():
            self.conn.execute(
                "UPDATE conflicts SET resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ'),"
                " resolved_by = ? WHERE id = ? AND resolved_at IS NULL",
                (by, conflict_id),
            )
