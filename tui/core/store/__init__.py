"""The SQLite store: every change is one durable ``BEGIN IMMEDIATE`` transaction.

The UI and the CLI never write SQL; they call this API. Each write either
commits completely (WAL, ``synchronous=FULL``) or raises ``StoreError`` and
leaves the database as it was. Updates and deletes are conditional on the
revision the caller saw (``StaleError`` otherwise); deletes leave tombstones.
"""

from __future__ import annotations

from .annotations import AnnotationStore, describe_stale
from .articles import REIMPORT, ArticleVersion, ImportResult, Reanchored
from .conflicts import Conflict, ConflictStore
from .connection import BUSY_TIMEOUT_MS, SQLITE_MAGIC
from .dismissals import DismissalStore
from .labels import RESERVED_KEYS
from .merge import MergeCounts, MergeStore
from .merge_source import check_source
from .preferences import PreferenceStore
from .sql import context, filters
from .team import TeamStore
from .transfer import StoredArticle, TransferStore

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
