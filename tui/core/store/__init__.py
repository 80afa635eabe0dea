"""The SQLite store: every change is one durable ``BEGIN IMMEDIATE`` transaction.

The UI and the CLI never write SQL; they call this API. Each write either
commits completely (WAL, ``synchronous=FULL``) or raises ``StoreError`` and
leaves the database as it was. Updates and deletes are conditional on the
revision the caller saw (``StaleError`` otherwise); deletes leave tombstones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .annotations import AnnotationStore, describe_stale
from .articles import REIMPORT
from .conflicts import ConflictStore
from .connection import BUSY_TIMEOUT_MS, SQLITE_MAGIC
from .dismissals import DismissalStore
from .labels import RESERVED_KEYS
from .merge import MergeStore
from .merge_source import check_source
from .preferences import PreferenceStore
from .sql import context, filters
from .team import TeamStore
from .transfer import TransferStore

if TYPE_CHECKING:
    from .records import (
        ArticleVersion,
        Conflict,
        ImportResult,
        MergeCounts,
        Reanchored,
        StoredArticle,
    )

_RECORDS = ("ArticleVersion", "Conflict", "ImportResult", "MergeCounts", "Reanchored",
            "StoredArticle")  # fmt: skip


def __getattr__(name: str) -> Any:
    """The records (``tui.core.store.records``) load when first asked for: the reader
    shows its first frame without making their classes."""
    if name in _RECORDS:
        from . import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "BUSY_TIMEOUT_MS",
    "REIMPORT",
    "RESERVED_KEYS",
    "SQLITE_MAGIC",
    "ArticleVersion",
    "Conflict",
    "ImportResult",
    "MergeCounts",
    "Reanchored",
    "Store",
    "StoredArticle",
    "check_source",
    "context",
    "describe_stale",
    "filters",
]


class Store(
    AnnotationStore,
    DismissalStore,
    TransferStore,
    MergeStore,
    ConflictStore,
    TeamStore,
    PreferenceStore,
):
    """One connection to one database file."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
