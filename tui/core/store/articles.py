"""Articles in the database: import (idempotent by sha256), versions, re-anchoring.

An article is the same article across its versions: a text is found by its
sha256 among current texts, then among earlier versions (an older text comes
back as the current one), then by the path it was imported from.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import starmap
from typing import TYPE_CHECKING

from ..articles import Article, Span, clean_title
from ..errors import AnnotationError, StaleError, StoreError
from ..models import ArticleSummary, now
from .connection import Connection
from .sql import LIVE, context, insert

if TYPE_CHECKING:  # made when an import or a history needs them, not at start-up
    from .records import ArticleVersion, ImportResult, Reanchored

REIMPORT = "re-import"  # ``updated_by`` of rows that re-anchoring moved
_PLACE = ("start", "end", "text", "prefix", "suffix", "status", "original_text")


def _spans(spans: tuple[Span, ...]) -> str:
    return json.dumps([span.as_list() for span in spans])


class ArticleStore(Connection):
    def __init__(self, *args: object, **kwargs: object) -> None:
        self._texts: dict[str, tuple[str, str]] = {}
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def import_article(self, article: Article) -> ImportResult:
        """Idempotent by sha256; a changed file at a known path, or an earlier text of a
        known article, becomes that article's current version.

        The look-ups run inside the write transaction: two newsmarks opening the
        same new file at once must not both insert it.
        """
        from .records import ImportResult
        with self.transaction():
            existing = self.conn.execute(
                "SELECT id FROM articles WHERE sha256 = ?", (article.sha256,)
            ).fetchone()
            if existing:
                return ImportResult(existing["id"], "unchanged")
            earlier = self.conn.execute(
                "SELECT article_id FROM article_versions WHERE sha256 = ?"
                " ORDER BY replaced_at DESC LIMIT 1",
                (article.sha256,),
            ).fetchone()
            if earlier:
                return self._replace_text(earlier["article_id"], article, earlier_version=True)
            previous = self.conn.execute(
                "SELECT id FROM articles WHERE path = ? AND path <> '' ORDER BY updated_at DESC",
                (article.path,),
            ).fetchone()
            if previous:
                return self._replace_text(previous["id"], article)
            article_id = self._free_id(article)
            stamp = now()
            row = {
                "id": article_id,
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
            self.conn.execute(insert("articles", row), tuple(row.values()))
            self._log_version(article_id, article, stamp)
        return ImportResult(article_id, "new")

    def _free_id(self, article: Article) -> str:
        """The article's id, longer when another article's first text shares its prefix."""
        article_id = article.id
        while self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            if len(article_id) >= len(article.sha256):
                raise StoreError(f"{self.path}: article id {article_id!r} is taken")
            article_id = article.sha256[: len(article_id) + 6]
        return article_id

    def _log_version(self, article_id: str, article: Article, stamp: str) -> None:
        self.conn.execute(
            "INSERT INTO article_history (article_id, sha256, current_from, path)"
            " VALUES (?, ?, ?, ?)",
            (article_id, article.sha256, stamp, article.path),
        )

    def _replace_text(
        self, article_id: str, article: Article, *, earlier_version: bool = False
    ) -> ImportResult:
        """Store the new text as current and re-anchor every live annotation.

        Runs inside ``import_article``'s transaction. Every row it writes gets a new
        revision, so that an open reader's write based on the old place is refused.
        """
        from .records import ImportResult
        stamp = now()
        old = self.conn.execute(
            "SELECT text, sha256 FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        self.conn.execute(
            "INSERT OR IGNORE INTO article_versions VALUES (?, ?, ?, ?)",
            (article_id, old["sha256"], old["text"], stamp),
        )
        self.conn.execute(
            "UPDATE articles SET title = CASE title_by WHEN '' THEN ? ELSE title END,"
            " text = ?, sha256 = ?, blocks = ?, styles = ?, updated_at = ? WHERE id = ?",
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
        self._log_version(article_id, article, stamp)
        counts, flagged = self._reanchor_all(article_id, old["text"], article.text, stamp)
        self._texts.pop(article_id, None)
        return ImportResult(
            article_id,
            "updated",
            unchanged=counts["unchanged"],
            moved=counts["moved"],
            changed=counts["changed"],
            orphaned=counts["orphaned"],
            flagged=tuple(flagged),
            earlier_version=earlier_version,
        )

    def _reanchor_all(
        self, article_id: str, old_text: str, text: str, stamp: str
    ) -> tuple[Counter[str], list[Reanchored]]:
        """Apply each live annotation's outcome; orphans too: their quote may be back
        (their context is that of an earlier text, so ``old_text`` says nothing of them).

        ``status`` follows the quote the analyst tagged (``original_text`` once it
        changed): the same words again are ``anchored``, other words ``changed``.
        """
        from ..reanchor import reanchor
        from .records import Reanchored

        counts: Counter[str] = Counter()
        flagged: list[Reanchored] = []
        rows = self.conn.execute(
            'SELECT id, start, "end", text, prefix, suffix, status, original_text'
            f" FROM annotations WHERE article_id = ? AND {LIVE}",
            (article_id,),
        ).fetchall()
        for row in rows:
            was = None if row["status"] == "orphaned" else old_text
            placement = reanchor(
                text, row["text"], row["prefix"], row["suffix"], row["start"], old_text=was
            )
            counts[placement.outcome] += 1
            if not placement.placed:
                flagged.append(Reanchored(row["id"], "orphaned", row["text"], ""))
                if row["status"] != "orphaned":
                    self.conn.execute(
                        "UPDATE annotations SET status = 'orphaned', updated_at = ?,"
                        " updated_by = ?, revision = revision + 1 WHERE id = ?",
                        (stamp, REIMPORT, row["id"]),
                    )
                continue
            prefix, quote, suffix = context(text, placement.start, placement.end)
            tagged = row["original_text"] or row["text"]
            if placement.outcome == "changed":
                flagged.append(
                    Reanchored(row["id"], "changed", row["text"], quote, quote == tagged)
                )
            status, original = ("anchored", "") if quote == tagged else ("changed", tagged)
            new = (placement.start, placement.end, quote, prefix, suffix, status, original)
            if new == tuple(row[name] for name in _PLACE):
                continue
            self.conn.execute(
                'UPDATE annotations SET start = ?, "end" = ?, text = ?, prefix = ?,'
                " suffix = ?, status = ?, original_text = ?, updated_at = ?, updated_by = ?,"
                " revision = revision + 1 WHERE id = ?",
                (*new, stamp, REIMPORT, row["id"]),
            )
        return counts, flagged

    def article_history(self, article_id: str) -> list[ArticleVersion]:
        """Each text the article had, oldest first, with the time it became current.

        Ends with the current text even where no import logged it (an article
        inserted as it was, from newsmark's own JSON Lines).
        """
        from .records import ArticleVersion
        current = self.conn.execute(
            "SELECT sha256, path, text, imported_at, updated_at FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if current is None:
            raise AnnotationError(f"no article with id {article_id!r}")
        rows = self.conn.execute(
            "SELECT h.sha256, h.current_from, h.path, coalesce("
            " (SELECT text FROM articles a WHERE a.id = h.article_id AND a.sha256 = h.sha256),"
            " (SELECT text FROM article_versions v"
            "  WHERE v.article_id = h.article_id AND v.sha256 = h.sha256)) AS text"
            " FROM article_history h WHERE h.article_id = ? ORDER BY h.current_from, h.rowid",
            (article_id,),
        )
        versions = [ArticleVersion(**dict(row)) for row in rows if row["text"] is not None]
        if not versions or versions[-1].sha256 != current["sha256"]:
            since = current["updated_at"] if versions else current["imported_at"]
            versions.append(
                ArticleVersion(current["sha256"], since, current["path"], current["text"])
            )
        return versions

    def retitle(self, article_id: str, title: str, *, seen: str, by: str) -> str:
        """Give an article the title a person chose, which a re-import then keeps.

        Conditional on the title the user saw, as every write is: a title someone
        else chose meanwhile is not overwritten. Returns the title as stored.
        """
        title = clean_title(title)
        if not title:
            raise StoreError(f"{self.path}: a title cannot be empty; nothing was changed")
        with self.transaction():
            cursor = self.conn.execute(
                "UPDATE articles SET title = ?, title_by = ? WHERE id = ? AND title = ?",
                (title, by or "unknown", article_id, seen),
            )
            if cursor.rowcount == 0:
                row = self.conn.execute(
                    "SELECT title FROM articles WHERE id = ?", (article_id,)
                ).fetchone()
                if row is None:
                    raise StoreError(f"{self.path}: no article with id {article_id!r}")
                raise StaleError(
                    f"the title was changed meanwhile to \"{row['title']}\":"
                    " your title was not applied",
                    None,
                )
        return title

    def find_article(self, key: str) -> str | None:
        """The id of the article named by its id, a unique id prefix or its stored path."""
        if not key:
            return None
        for query, value in (
            ("SELECT id FROM articles WHERE id = ?", key),
            ("SELECT id FROM articles WHERE path = ? AND path <> ''", key),
            ("SELECT id FROM articles WHERE id LIKE ? || '%' ESCAPE '\\'", _like(key)),
        ):
            rows = self.conn.execute(query, (value,)).fetchall()
            if len(rows) == 1:
                return str(rows[0]["id"])
        return None

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
            blocks=tuple(starmap(Span, json.loads(row["blocks"]))),
            styles=tuple(starmap(Span, json.loads(row["styles"]))),
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

    def article_title(self, article_id: str) -> str:
        row = self.conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise AnnotationError(f"no article with id {article_id!r}")
        return str(row["title"])

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


def _like(text: str) -> str:
    """``text`` as a literal for ``LIKE ... ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
