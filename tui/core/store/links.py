"""Links between two annotations; conditional writes and tombstones as for annotations."""

from __future__ import annotations

import uuid
from typing import Any

from ..errors import AnnotationError, StaleError
from ..models import Link, now
from .connection import Connection
from .sql import LINK_COLUMNS, LIVE, assignments, insert


def _describe(seen: Link, current: Link | None, me: str) -> str:
    if current is None:
        return "link is gone: your edit was not applied"
    who = current.deleted_by if current.deleted else current.updated_by
    where = "in another window" if not who or who == me else f"by {who}"
    if current.deleted:
        return f"link deleted {where}: your edit was not applied"
    what = "link note" if current.note != seen.note else "link"
    return f"{what} changed {where}: reloaded, your edit was not applied"


class LinkStore(Connection):
    def _live_annotation(self, annotation_id: str) -> None:
        row = self.conn.execute(
            f"SELECT 1 FROM annotations WHERE id = ? AND {LIVE}", (annotation_id,)
        ).fetchone()
        if row is None:
            raise AnnotationError(f"no annotation with id {annotation_id!r}")

    def add_link(
        self,
        from_annotation: str,
        to_annotation: str,
        *,
        kind: str = "contradicts",
        note: str = "",
        link_id: str | None = None,
        by: str = "",
    ) -> Link:
        if from_annotation == to_annotation:
            raise AnnotationError("an annotation cannot be linked to itself")
        stamp = now()
        link = Link(
            id=link_id or str(uuid.uuid4()),
            from_annotation=from_annotation,
            to_annotation=to_annotation,
            kind=kind,
            note=note,
            created_at=stamp,
            updated_at=stamp,
            updated_by=by,
        )
        with self.transaction():
            self._live_annotation(from_annotation)
            self._live_annotation(to_annotation)
            row = link.as_row()
            self.conn.execute(insert("links", row), tuple(row.values()))
        return link

    def find_link(self, link_id: str) -> Link | None:
        row = self.conn.execute(
            f"SELECT {LINK_COLUMNS} FROM links WHERE id = ?", (link_id,)
        ).fetchone()
        return None if row is None else Link.from_row(row)

    def get_link(self, link_id: str) -> Link:
        found = self.find_link(link_id)
        if found is None or found.deleted:
            raise AnnotationError(f"no link with id {link_id!r}")
        return found

    def _update_link_row(self, seen: Link, changes: dict[str, Any], by: str, stamp: str) -> Link:
        changes = {**changes, "updated_at": stamp, "updated_by": by}
        cursor = self.conn.execute(
            f"UPDATE links SET {assignments(changes)}, revision = revision + 1"
            " WHERE id = ? AND revision = ?",
            (*changes.values(), seen.id, seen.revision),
        )
        current = self.find_link(seen.id)
        if cursor.rowcount == 0 or current is None:
            raise StaleError(_describe(seen, current, by), current)
        return current

    def update_link(self, seen: Link, *, note: str, by: str = "") -> Link:
        if note == seen.note:
            return seen
        with self.transaction():
            if seen.deleted:
                raise AnnotationError(f"no link with id {seen.id!r}")
            return self._update_link_row(seen, {"note": note}, by, now())

    def delete_link(self, seen: Link, *, by: str = "", stamp: str | None = None) -> Link:
        """Tombstone a link."""
        stamp = stamp or now()
        with self.transaction():
            return self._update_link_row(seen, {"deleted_at": stamp, "deleted_by": by}, by, stamp)

    def write_link(self, state: Link, *, seen: Link, by: str = "") -> Link:
        """Make the link look like ``state`` (undo, redo), if it is still as ``seen``."""
        with self.transaction():
            changes = {
                "note": state.note,
                "deleted_at": state.deleted_at,
                "deleted_by": state.deleted_by,
            }
            return self._update_link_row(seen, changes, by, now())

    def links_of(self, annotation_id: str) -> list[Link]:
        rows = self.conn.execute(
            f"SELECT {LINK_COLUMNS} FROM links WHERE (from_annotation = ? OR to_annotation = ?)"
            f" AND {LIVE} ORDER BY created_at",
            (annotation_id, annotation_id),
        )
        return [Link.from_row(row) for row in rows]

    def links(self) -> list[Link]:
        """Live links whose annotations are both live."""
        rows = self.conn.execute(
            f"SELECT {LINK_COLUMNS} FROM links l WHERE {LIVE}"
            " AND EXISTS (SELECT 1 FROM annotations a WHERE a.id = l.from_annotation"
            " AND a.deleted_at IS NULL)"
            " AND EXISTS (SELECT 1 FROM annotations a WHERE a.id = l.to_annotation"
            " AND a.deleted_at IS NULL)"
            " ORDER BY created_at"
        )
        return [Link.from_row(row) for row in rows]
