"""Articles in the database: import (idempotent by sha256), new versions, re-anchoring."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..articles import Article, Span
from ..errors import AnnotationError, StoreError
from ..models import ArticleSummary, now
from ..reanchor import reanchor
from .connection import Connection
from .sql import LIVE, context

REIMPORT = "re-import"  # ``updated_by`` of rows that re-anchoring moved


@dataclass(frozen=True)
class ImportResult:
    article_id: str
    status: str  # "new", "unchanged" or "updated"
    moved: int = 0
    orphaned: int = 0


def _spans(spans: tuple[Span, ...]) -> str:
    return json.dumps([span.as_list() for span in spans])


class ArticleStore(Connection):
    def __init__(self, *args: object, **kwargs: object) -> None:
        self._texts: dict[str, tuple[str, str]] = {}
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def import_article(self, article: Article) -> ImportResult:
        """Idempotent by sha256; a changed file at a known path becomes a new version.

        The look-ups run inside the write transaction: two newsmarks opening the
        same new file at once must not both insert it.
        """
        with self.transaction():
            existing = self.conn.execute(
                "SELECT id FROM articles WHERE sha256 = ?", (article.sha256,)
            ).fetchone()
            if existing:
                return ImportResult(existing["id"], "unchanged")
            previous = self.conn.execute(
                "SELECT id FROM articles WHERE path = ? AND path <> '' ORDER BY updated_at DESC",
                (article.path,),
            ).fetchone()
            if previous:
                return self._replace_text(previous["id"], article)
            stamp = now()
            self.db.table("articles").insert(
                {
                    "id": article.id,
                    "title": article.title,
                    "source": article.source,
                    "path": article.path,
                    "text": article.text,
                    "sha256": article.sha256,
                    "blocks": _spans(article.blocks),
                    "styles": _spans(article.styles),
                    "imported_at": stamp,
                    "updated_at": stamp,
                    "url": article.url,
                    "site": article.site,
                    "author": article.author,
                    "published": article.published,
                }
            )
        return ImportResult(article.id, "new")

    def _replace_text(self, article_id: str, article: Article) -> ImportResult:
        """Store the new text as current and re-anchor every live annotation by its quote.

        Runs inside ``import_article``'s transaction. Every row it moves gets a new
        revision, so that an open reader's write based on the old place is refused.
        """
        moved = orphaned = 0
        stamp = now()
        old = self.conn.execute(
            "SELECT text, sha256 FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        self.conn.execute(
            "INSERT OR IGNORE INTO article_versions VALUES (?, ?, ?, ?)",
            (article_id, old["sha256"], old["text"], stamp),
        )
        self.conn.execute(
            "UPDATE articles SET title = ?, text = ?, sha256 = ?, blocks = ?, styles = ?,"
            " updated_at = ? WHERE id = ?",
            (
                article.title,
                article.text,
                article.sha256,
                _spans(article.blocks),
                _spans(article.styles),
                stamp,
                article_id,
            ),
        )
        rows = self.conn.execute(
            'SELECT id, start, "end", text, prefix, suffix, status FROM annotations'
            f" WHERE article_id = ? AND {LIVE}",
            (article_id,),
        ).fetchall()  # orphans too: a later version may bring their quote back
        for row in rows:
            place = reanchor(
                article.text, row["text"], row["prefix"], row["suffix"], row["start"]
            )
            if place is None:
                orphaned += 1
                if row["status"] == "orphaned":
                    continue
                self.conn.execute(
                    "UPDATE annotations SET status = 'orphaned', updated_at = ?,"
                    " updated_by = ?, revision = revision + 1 WHERE id = ?",
                    (stamp, REIMPORT, row["id"]),
                )
                continue
            start, end = place
            if row["status"] == "anchored" and (start, end) == (row["start"], row["end"]) and (
                article.text[start:end] == row["text"]
            ):
                continue
            moved += 1
            prefix, quote, suffix = context(article.text, start, end)
            self.conn.execute(
                'UPDATE annotations SET start = ?, "end" = ?, text = ?, prefix = ?,'
                " suffix = ?, status = 'anchored', updated_at = ?, updated_by = ?,"
                " revision = revision + 1 WHERE id = ?",
                (start, end, quote, prefix, suffix, stamp, REIMPORT, row["id"]),
            )
        self._texts.pop(article_id, None)
        return ImportResult(article_id, "updated", moved, orphaned)

    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no article with id {article_id!r}")
        return Article(
            id=row["id"],
            title=row["title"],
            source=row["source"],
            path=row["path"],
            text=row["text"],
            sha256=row["sha256"],
            blocks=tuple(Span(*item) for item in json.loads(row["blocks"])),
            styles=tuple(Span(*item) for item in json.loads(row["styles"])),
            url=row["url"],
            site=row["site"],
            author=row["author"],
            published=row["published"],
        )

    def articles(self) -> list[ArticleSummary]:
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.source, a.path, length(a.text) AS length,"
            f" (SELECT count(*) FROM annotations WHERE article_id = a.id AND {LIVE})"
            " AS annotations FROM articles a ORDER BY a.imported_at, a.id"
        )
        return [ArticleSummary(**dict(row)) for row in rows]

    def article_sha256(self, article_id: str) -> str:
        row = self.conn.execute(
            "SELECT sha256 FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise AnnotationError(f"no article with id {article_id!r}")
        return str(row["sha256"])

    def article_text(self, article_id: str) -> str:
        """The article's current text, cached while its sha256 is unchanged."""
        digest = self.article_sha256(article_id)
        cached = self._texts.get(article_id)
        if cached and cached[0] == digest:
            return cached[1]
        text = str(
            self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[
                0
            ]
        )
        self._texts[article_id] = (digest, text)
        return text
