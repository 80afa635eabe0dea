"""The records the store returns to commands (imports, merges, conflicts, transfers and
an article's versions): apart from the store's parts so that the reader, which needs
none of them to show its first frame, does not pay for making their classes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..articles import Article

if TYPE_CHECKING:
    from ..reanchor import Outcome


@dataclass(frozen=True)
class Reanchored:
    """An annotation that a new text changed or orphaned, for the import summary."""

    annotation_id: str
    outcome: Outcome
    old_quote: str
    new_quote: str  # "" when orphaned
    as_tagged: bool = False  # changed back to the words the analyst tagged: anchored again


@dataclass(frozen=True)
class ImportResult:
    article_id: str
    status: str  # "new", "unchanged" or "updated"
    unchanged: int = 0
    moved: int = 0
    changed: int = 0
    orphaned: int = 0  # orphans of earlier versions whose quote is still gone included
    flagged: tuple[Reanchored, ...] = ()  # every changed and orphaned annotation
    earlier_version: bool = False  # the text was an earlier version of the article


@dataclass(frozen=True)
class ArticleVersion:
    """One stretch of time during which a text was the article's current text."""

    sha256: str
    current_from: str
    path: str
    text: str


@dataclass(frozen=True)
class Conflict:
    """The losing copy of one row (``data``: every column) and what won over it."""

    id: str
    kind: str  # "annotation" or "link"
    row_id: str
    revision: int
    updated_at: str
    updated_by: str
    deleted: bool
    data: dict[str, Any]
    source: str  # the database the losing copy was in
    winner_revision: int
    winner_updated_at: str
    detected_at: str
    resolved_at: str | None


@dataclass(frozen=True)
class MergeCounts:
    """What merging one file did, for the one-line report."""

    source: str
    articles_new: int = 0
    articles_same: int = 0
    articles_other_text: int = 0  # same article, another text: one became a version
    annotations_new: int = 0
    annotations_updated: int = 0
    reanchored: int = 0  # annotations placed on this database's newer text
    orphaned: int = 0
    links_new: int = 0
    links_updated: int = 0
    labels_new: int = 0
    other_rows: int = 0  # rows of other tables (preferences, dismissed suggestions, ...)
    conflicts: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.articles_new,
                self.articles_other_text,
                self.annotations_new,
                self.annotations_updated,
                self.links_new,
                self.links_updated,
                self.labels_new,
                self.other_rows,
                self.conflicts,
            )
        )


@dataclass(frozen=True)
class StoredArticle:
    """An article with the times the database keeps beside it."""

    article: Article
    imported_at: str
    updated_at: str
    title_by: str = ""  # who chose the title; empty when it was guessed
