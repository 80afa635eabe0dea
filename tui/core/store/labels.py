"""The label set: data, not code. Adding a label needs no change anywhere else."""

from __future__ import annotations

import re

from ..errors import AnnotationError, StoreError
from ..models import Label
from .connection import Connection
from .sql import LIVE

# Keys the reader uses for its own commands: a label cannot take one of them.
RESERVED_KEYS = frozenset("lgnNxueLovsSpPaAdDfjJkKzZCR/?[]{}()<>*:!0123456789 ")
_NAME = re.compile(r"[a-z][a-z0-9_-]{0,31}")


class LabelStore(Connection):
    def labels(self) -> list[str]:
        return [row.name for row in self.label_rows()]

    def label_rows(self) -> list[Label]:
        rows = self.conn.execute("SELECT name, key, position FROM labels ORDER BY position, name")
        return [Label(row["name"], row["key"], row["position"]) for row in rows]

    def check_label(self, label: str) -> None:
        if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label,)).fetchone():
            raise AnnotationError(
                f"unknown label {label!r} (known: {', '.join(self.labels())})"
            )

    def _check_key(self, key: str, name: str) -> None:
        if len(key) != 1 or not key.isprintable() or key in RESERVED_KEYS:
            raise StoreError(
                f"key {key!r} cannot be used: one letter that the reader does not use"
                f" already (taken: {''.join(sorted(RESERVED_KEYS)).strip()})"
            )
        for owner in self.conn.execute(
            "SELECT name, key FROM labels WHERE name <> ? AND key <> ''", (name,)
        ):
            if owner["key"] == key:
                raise StoreError(f"key {key!r} is already the key of label {owner['name']!r}")
            if owner["key"].upper() == key.upper():  # the gutter and status show capitals
                raise StoreError(
                    f"key {key!r} would look like {owner['key']!r}, the key of label"
                    f" {owner['name']!r}: the gutter and the status line show keys in capitals"
                )

    def add_label(self, name: str, key: str) -> Label:
        if not _NAME.fullmatch(name):
            raise StoreError(
                f"label name {name!r}: use 1-32 lower-case letters, digits, - or _,"
                " starting with a letter"
            )
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (name,)).fetchone():
                raise StoreError(f"label {name!r} exists already")
            self._check_key(key, name)
            position = self.conn.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM labels"
            ).fetchone()[0]
            self.conn.execute(
                "INSERT INTO labels (name, key, position) VALUES (?, ?, ?)", (name, key, position)
            )
        return Label(name, key, int(position))

    def set_label_key(self, name: str, key: str) -> None:
        with self.transaction():
            self.check_label(name)
            self._check_key(key, name)
            self.conn.execute("UPDATE labels SET key = ? WHERE name = ?", (key, name))

    def label_usage(self, name: str) -> tuple[int, int]:
        """How many live and how many deleted annotations carry ``name``."""
        row = self.conn.execute(
            f"SELECT count(*) FILTER (WHERE {LIVE}), count(*) FILTER (WHERE NOT {LIVE})"
            " FROM annotations WHERE label = ?",
            (name,),
        ).fetchone()
        return int(row[0]), int(row[1])

    def rename_label(self, old: str, new: str) -> None:
        """Every annotation, deleted ones included, follows the new name."""
        if not _NAME.fullmatch(new):
            raise StoreError(f"label name {new!r}: use lower-case letters, digits, - or _")
        with self.transaction():
            self.check_label(old)
            if self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (new,)).fetchone():
                raise StoreError(f"label {new!r} exists already")
            self.conn.execute(
                "INSERT INTO labels (name, key, position) SELECT ?, key, position FROM labels"
                " WHERE name = ?",
                (new, old),
            )
            self.conn.execute(
                "UPDATE annotations SET label = ?, revision = revision + 1 WHERE label = ?",
                (new, old),
            )
            self.conn.execute("DELETE FROM labels WHERE name = ?", (old,))

    def remove_label(self, name: str, reassign: str | None = None) -> int:
        """Remove a label; refused while annotations carry it unless they move to
        ``reassign``. Returns how many annotations moved."""
        with self.transaction():
            self.check_label(name)
            live, deleted = self.label_usage(name)
            if live + deleted and reassign is None:
                raise StoreError(
                    f"label {name!r} is used by {live} annotation(s)"
                    + (f" and {deleted} deleted one(s)" if deleted else "")
                    + ": add --reassign OTHER to move them to another label"
                )
            if reassign is not None:
                if reassign == name:
                    raise StoreError("--reassign must name another label")
                self.check_label(reassign)
                self.conn.execute(
                    "UPDATE annotations SET label = ?, revision = revision + 1 WHERE label = ?",
                    (reassign, name),
                )
            self.conn.execute("DELETE FROM labels WHERE name = ?", (name,))
        return live + deleted
