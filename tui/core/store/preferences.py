"""Per-annotator settings kept across restarts (theme, where each article was left)."""

from __future__ import annotations

from .connection import Connection


class PreferenceStore(Connection):
    def preference(self, annotator: str, key: str, default: str = "") -> str:
        row = self.conn.execute(
            "SELECT value FROM preferences WHERE annotator = ? AND key = ?", (annotator, key)
        ).fetchone()
        return default if row is None else str(row["value"])

    def set_preference(self, annotator: str, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO preferences (annotator, key, value) VALUES (?, ?, ?)"
                " ON CONFLICT (annotator, key) DO UPDATE SET value = excluded.value",
                (annotator, key, value),
            )
