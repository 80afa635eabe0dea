"""Plain records passed between the store, the history and the UI."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

CONTEXT_CHARS = 32


def now() -> str:
    """ISO 8601 UTC with milliseconds: sortable as text and readable by pandas."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    article_id: str
    start: int
    end: int
    label: str
    text: str
    prefix: str
    suffix: str
    note: str
    annotator: str
    created_at: str
    updated_at: str
    orphaned: bool = False

    @classmethod
    def from_values(cls, v: Sequence[Any]) -> Annotation:
        """From the table's columns in field order (``SELECT *``, a tuple or a ``Row``)."""
        return cls(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                   v[12] == 1)  # fmt: skip

    def as_row(self) -> dict[str, Any]:
        row = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return {**row, "orphaned": int(self.orphaned)}


@dataclass(frozen=True)
class Link:
    id: str
    from_annotation: str
    to_annotation: str
    kind: str
    note: str
    created_at: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | sqlite3.Row) -> Link:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    def as_row(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def other(self, annotation_id: str) -> str:
        return self.to_annotation if self.from_annotation == annotation_id else self.from_annotation


@dataclass(frozen=True)
class Removed:
    """What a delete took away, so that undo can put back the same rows with the same ids."""

    annotation: Annotation
    links: tuple[Link, ...]


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    title: str
    source: str
    path: str
    length: int
    annotations: int


class AnnotationRow(NamedTuple):
    """What a list of many annotations shows: built by SQLite, cheap to hold 10,000 of."""

    id: str
    article_id: str
    label: str
    text: str  # the quote's first 200 characters
    note: str  # the note's first 200 characters
    orphaned: int
    links: int
