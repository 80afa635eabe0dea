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


STATUSES = ("anchored", "changed", "orphaned")


@dataclass(frozen=True, slots=True)
class Annotation:
    """One row of ``annotations``; field order is the order ``Store`` selects columns in."""

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
    # anchored; changed (the article's wording changed: placed on the new passage,
    # ``original_text`` keeps the quote it had); orphaned (the passage is gone)
    status: str = "anchored"
    original_text: str = ""
    origin: str = "manual"  # manual, suggested:quote, suggested:claim, suggested:compare, ...
    revision: int = 1  # every write checks and bumps it: no lost updates
    updated_by: str = ""
    deleted_at: str | None = None  # a tombstone: kept so undo and merges know it was deleted
    deleted_by: str = ""

    @classmethod
    def from_values(cls, v: Sequence[Any]) -> Annotation:
        """From the columns in field order (``Store`` selects them by name in that order)."""
        return cls(*v)

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def as_row(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Link:
    id: str
    from_annotation: str
    to_annotation: str
    kind: str
    note: str
    created_at: str
    updated_at: str = ""
    updated_by: str = ""
    revision: int = 1
    deleted_at: str | None = None
    deleted_by: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any] | sqlite3.Row) -> Link:
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def as_row(self) -> dict[str, Any]:
        return dict(self.__dict__)

    def other(self, annotation_id: str) -> str:
        return self.to_annotation if self.from_annotation == annotation_id else self.from_annotation


@dataclass(frozen=True)
class Dismissal:
    """A suggestion the analyst dismissed: never suggested again (a tombstone undoes it).

    ``id`` is a fingerprint of what the suggestion says (kind, article, quote and,
    for a contradiction, the other side), so a re-anchored article keeps it.
    """

    id: str
    kind: str  # "quote", "claim" or "compare"
    article_id: str
    start: int
    end: int
    text: str
    other_article_id: str
    other_start: int
    other_end: int
    other_text: str
    created_at: str
    updated_at: str = ""
    updated_by: str = ""
    revision: int = 1
    deleted_at: str | None = None
    deleted_by: str = ""

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


def fingerprint(kind: str, article_id: str, text: str, other_id: str = "", other: str = "") -> str:
    """What a suggestion says, as a key: the same words are the same suggestion."""
    import hashlib

    joined = "\x1f".join((kind, article_id, " ".join(text.split()), other_id,
                          " ".join(other.split())))  # fmt: skip
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class Label:
    """A row of ``labels``: what the reader binds to a key and draws in a colour slot."""

    name: str
    key: str
    position: int


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
    status: str
    links: int
    original: str = ""  # a changed annotation's quote before the article changed

    @property
    def orphaned(self) -> bool:
        return self.status == "orphaned"
