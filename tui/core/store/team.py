"""Reads for the team features that the reader never needs (tombstones included)."""

from __future__ import annotations

from ..models import Annotation
from .connection import Connection
from .sql import ANNOTATION_COLUMNS


class TeamStore(Connection):
    def annotations_by(self, article_id: str, annotator: str) -> list[Annotation]:
        """Every row of one annotator on one article, tombstones included, oldest first."""
        cursor = self.conn.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE article_id = ? AND annotator = ?"
            " ORDER BY created_at, id",
            (article_id, annotator),
        )
        cursor.row_factory = None
        return [Annotation.from_values(row) for row in cursor]

    def table_names(self) -> list[str]:
        return [
            row[0]
            for row in self.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
