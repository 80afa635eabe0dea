"""Reading everything out in a stable order, and writing many imported rows as they were.

Exports need a total order (the same database always gives the same bytes) and
every field of a row; imports need to insert rows with their own ids and times,
checked against the offset contract, inside one transaction the caller holds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..articles import Article, Span
from ..errors import AnnotationError, StoreError
from ..models import Annotation, Dismissal, Label, Link
from .connection import Connection
from .labels import RESERVED_KEYS, LabelStore
from .sql import ANNOTATION_COLUMNS, LINK_COLUMNS, LIVE, insert

if TYPE_CHECKING:
    from .records import StoredArticle


def _article(row: dict[str, object]) -> StoredArticle:
    from .records import StoredArticle
    return StoredArticle(
        Article(
            id=str(row["id"]),
            title=str(row["title"]),
            source=str(row["source"]),
            path=str(row["path"]),
            text=str(row["text"]),
            sha256=str(row["sha256"]),
            blocks=tuple(Span(*item) for item in json.loads(str(row["blocks"]))),
            styles=tuple(Span(*item) for item in json.loads(str(row["styles"]))),
            url=str(row["url"]),
            site=str(row["site"]),
            author=str(row["author"]),
            published=str(row["published"]),
        ),
        imported_at=str(row["imported_at"]),
        updated_at=str(row["updated_at"]),
        title_by=str(row.get("title_by") or ""),
    )


class TransferStore(LabelStore, Connection):
    # -- reading, in a total order -------------------------------------------

    def stored_articles(self, article_ids: list[str] | None = None) -> Iterator[StoredArticle]:
        """Every article with its metadata and text, in import order."""
        where, params = "", []
        if article_ids:
            where = f"WHERE id IN ({', '.join('?' for _ in article_ids)})"
            params = list(article_ids)
        for row in self.conn.execute(
            f"SELECT * FROM articles {where} ORDER BY imported_at, id", params
        ):
            yield _article(dict(row))

    def live_annotations(self, article_ids: list[str] | None = None) -> Iterator[Annotation]:
        """Live annotations by article, place and id: the same order on every run."""
        where, params = f"WHERE {LIVE}", []
        if article_ids:
            where += f" AND article_id IN ({', '.join('?' for _ in article_ids)})"
            params = list(article_ids)
        cursor = self.conn.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations {where}"
            ' ORDER BY article_id, start, "end", id',
            params,
        )
        cursor.row_factory = None
        for row in cursor:
            yield Annotation.from_values(row)

    def live_links(self) -> list[Link]:
        """Live links whose two annotations are live, by creation time and id."""
        rows = self.conn.execute(
            f"SELECT {LINK_COLUMNS} FROM links l WHERE {LIVE}"
            " AND EXISTS (SELECT 1 FROM annotations a WHERE a.id = l.from_annotation"
            " AND a.deleted_at IS NULL)"
            " AND EXISTS (SELECT 1 FROM annotations a WHERE a.id = l.to_annotation"
            " AND a.deleted_at IS NULL)"
            " ORDER BY created_at, id"
        )
        return [Link.from_row(row) for row in rows]

    def live_dismissals(self, article_ids: list[str] | None = None) -> list[Dismissal]:
        """Suggestions dismissed and not undone, by id."""
        names = tuple(Dismissal.__dataclass_fields__)
        where, params = f"WHERE {LIVE}", []
        if article_ids:
            where += f" AND article_id IN ({', '.join('?' for _ in article_ids)})"
            params = list(article_ids)
        columns = ", ".join(f'"{name}"' for name in names)
        cursor = self.conn.execute(f"SELECT {columns} FROM dismissed {where} ORDER BY id", params)
        cursor.row_factory = None
        return [Dismissal(*row) for row in cursor]

    def has_dismissal(self, dismissal_id: str) -> bool:
        found = self.conn.execute("SELECT 1 FROM dismissed WHERE id = ?", (dismissal_id,))
        return bool(found.fetchone())

    def insert_dismissal(self, dismissal: Dismissal) -> None:
        with self.transaction():
            values = dict(dismissal.__dict__)
            self.conn.execute(insert("dismissed", values), tuple(values.values()))

    # -- finding what an imported row refers to --------------------------------

    def article_by_sha256(self, digest: str) -> str | None:
        """The article whose text is (or once was) the text with this sha256."""
        row = self.conn.execute("SELECT id FROM articles WHERE sha256 = ?", (digest,)).fetchone()
        if row is None:
            row = self.conn.execute(
                "SELECT article_id AS id FROM article_versions WHERE sha256 = ?", (digest,)
            ).fetchone()
        return None if row is None else str(row["id"])

    def article_by_uri(self, uri: str) -> str | None:
        """The article a web URL names (its canonical URL, else its source)."""
        for column in ("url", "source"):
            row = self.conn.execute(
                f"SELECT id FROM articles WHERE {column} = ? AND {column} <> ''"
                " ORDER BY imported_at, id",
                (uri,),
            ).fetchone()
            if row is not None:
                return str(row["id"])
        return None

    def has_article(self, article_id: str) -> bool:
        return bool(
            self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
        )

    def annotation_state(self, annotation_id: str) -> str | None:
        """``"live"``, ``"deleted"`` or ``None`` (never here)."""
        row = self.conn.execute(
            "SELECT deleted_at FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            return None
        return "live" if row["deleted_at"] is None else "deleted"

    def has_link(self, link_id: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM links WHERE id = ?", (link_id,)).fetchone())

    # -- writing rows as they were --------------------------------------------

    def insert_article(self, stored: StoredArticle) -> None:
        """Insert an article with its own id and times (an import of our own export)."""
        article = stored.article
        row: dict[str, object] = {
            "id": article.id,
            "title": article.title,
            "source": article.source,
            "path": article.path,
            "text": article.text,
            "sha256": article.sha256,
            "blocks": json.dumps([span.as_list() for span in article.blocks]),
            "styles": json.dumps([span.as_list() for span in article.styles]),
            "imported_at": stored.imported_at,
            "updated_at": stored.updated_at,
            "url": article.url,
            "site": article.site,
            "author": article.author,
            "published": article.published,
            "title_by": stored.title_by,
        }
        with self.transaction():
            self.conn.execute(insert("articles", row), tuple(row.values()))

    def insert_annotation(self, annotation: Annotation) -> None:
        """Insert a row as it is, after the checks every annotation must pass."""
        with self.transaction():
            self.check_label(annotation.label)
            row = self.conn.execute(
                "SELECT text FROM articles WHERE id = ?", (annotation.article_id,)
            ).fetchone()
            if row is None:
                raise AnnotationError(f"no article with id {annotation.article_id!r}")
            text = str(row["text"])
            if not 0 <= annotation.start < annotation.end:
                raise AnnotationError(f"empty or negative span {annotation.start}:{annotation.end}")
            if annotation.status != "orphaned" and (
                annotation.end > len(text)
                or text[annotation.start : annotation.end] != annotation.text
            ):
                raise AnnotationError(
                    f"quote does not match the text at {annotation.start}:{annotation.end}"
                    f" of {annotation.article_id}"
                )
            values = annotation.as_row()
            self.conn.execute(insert("annotations", values), tuple(values.values()))

    def insert_link(self, link: Link) -> None:
        if link.from_annotation == link.to_annotation:
            raise AnnotationError("an annotation cannot be linked to itself")
        with self.transaction():
            values = link.as_row()
            self.conn.execute(insert("links", values), tuple(values.values()))

    def ensure_label(self, name: str, key: str = "", position: int | None = None) -> Label | None:
        """Add a label an import brings, keeping its key when free; ``None`` if it exists."""
        if name in self.labels():
            return None
        taken = {label.key for label in self.label_rows()}
        free = [
            char
            for char in (key, *name, *"abcdefhijkmrtwy")
            if len(char) == 1 and char not in RESERVED_KEYS and char not in taken
        ]
        if not free:
            raise StoreError(f"label {name!r}: no free key is left to bind it to")
        with self.transaction():
            label = self.add_label(name, free[0])
            if (
                position is not None
                and not self.conn.execute(
                    "SELECT 1 FROM labels WHERE position = ? AND name <> ?", (position, name)
                ).fetchone()
            ):
                self.conn.execute("UPDATE labels SET position = ? WHERE name = ?", (position, name))
                label = Label(label.name, label.key, position)
        return label
