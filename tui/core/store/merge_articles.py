"""Which incoming article is which article here, and placing annotations made on a text
that is not the one kept.

Same text (sha256): the same article. Same id (its first text) or a text one side
keeps as a version: the same article at another text; the text imported later is
current, the other becomes a version, and annotations on it are re-anchored by
their quote (anchored, changed or orphaned, never misplaced).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from ..articles import Article, Span
from .merge_source import SOURCE, common_columns, quoted
from .sql import context


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        title=row["title"],
        source=row["source"],
        path=row["path"],
        text=row["text"],
        sha256=row["sha256"],
        blocks=tuple(Span(*item) for item in json.loads(row["blocks"])),
        styles=tuple(Span(*item) for item in json.loads(row["styles"])),
    )


class ArticleMatcher:
    """Fills ``temp.merge_article_map`` (incoming id -> id here, is it new, must its
    annotations be re-anchored) and ``temp.merge_reanchored``."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        counts: dict[str, int],
        adopt: Callable[[str, Article], None],
        text_of: Callable[[str], str],
    ) -> None:
        self.conn = conn
        self.counts = counts
        self.adopt = adopt  # store a newer text here, re-anchoring this side's annotations
        self.text_of = text_of

    def map_articles(self) -> None:
        """``temp.merge_article_map``: each incoming article's id here, and whether its
        annotations must be re-anchored (their text is older than the one kept)."""
        conn = self.conn
        conn.execute(
            "CREATE TEMP TABLE merge_article_map (source_id TEXT PRIMARY KEY,"
            " target_id TEXT NOT NULL, is_new INTEGER NOT NULL, reanchor INTEGER NOT NULL)"
        )
        here_versions = dict(
            conn.execute("SELECT sha256, article_id FROM main.article_versions").fetchall()
        )
        there_versions: dict[str, set[str]] = {}
        for row in conn.execute(f"SELECT article_id, sha256 FROM {SOURCE}.article_versions"):
            there_versions.setdefault(row[0], set()).add(row[1])
        same = new = other = 0
        incoming = conn.execute(f"SELECT id, sha256, updated_at FROM {SOURCE}.articles").fetchall()
        for row in incoming:
            found = conn.execute(
                "SELECT id FROM main.articles WHERE sha256 = ?", (row["sha256"],)
            ).fetchone()
            if found:
                same += 1
                self._map(row["id"], found["id"], is_new=False, reanchor=False)
                continue
            target = self._same_article(row, here_versions, there_versions.get(row["id"], set()))
            if target is None:
                new += 1
                self._map(row["id"], row["id"], is_new=True, reanchor=False)
                continue
            other += 1
            self._other_text(row["id"], target, row["updated_at"])
        conn.execute(
            f"INSERT INTO main.articles ({quoted(common_columns(conn, 'articles'))})"
            f" SELECT {quoted(common_columns(conn, 'articles'), 's.')} FROM {SOURCE}.articles s"
            " JOIN temp.merge_article_map m ON m.source_id = s.id WHERE m.is_new"
        )
        conn.execute(
            "INSERT OR IGNORE INTO main.article_versions (article_id, sha256, text, replaced_at)"
            f" SELECT m.target_id, v.sha256, v.text, v.replaced_at FROM {SOURCE}.article_versions v"
            " JOIN temp.merge_article_map m ON m.source_id = v.article_id"
            " WHERE v.sha256 <> (SELECT sha256 FROM main.articles WHERE id = m.target_id)"
        )
        conn.execute(  # a new article brings the times its texts became current
            "INSERT INTO main.article_history (article_id, sha256, current_from, path)"
            f" SELECT m.target_id, h.sha256, h.current_from, h.path FROM {SOURCE}.article_history h"
            " JOIN temp.merge_article_map m ON m.source_id = h.article_id WHERE m.is_new"
        )
        self.counts.update(articles_new=new, articles_same=same, articles_other_text=other)

    def _same_article(
        self, row: sqlite3.Row, here_versions: dict[str, str], there_versions: set[str]
    ) -> str | None:
        """The id here of the same article at another text, if there is one."""
        found = self.conn.execute("SELECT id FROM main.articles WHERE id = ?", (row["id"],))
        if hit := found.fetchone():
            return str(hit["id"])
        if row["sha256"] in here_versions:
            return here_versions[row["sha256"]]
        for digest in sorted(there_versions):
            found = self.conn.execute("SELECT id FROM main.articles WHERE sha256 = ?", (digest,))
            if hit := found.fetchone():
                return str(hit["id"])
        return None

    def _other_text(self, source_id: str, target_id: str, source_updated: str) -> None:
        """The same article with another text on each side: the later import's is current."""
        here = self.conn.execute(
            "SELECT updated_at FROM main.articles WHERE id = ?", (target_id,)
        ).fetchone()
        there = self.conn.execute(
            f"SELECT * FROM {SOURCE}.articles WHERE id = ?", (source_id,)
        ).fetchone()
        if source_updated > here["updated_at"]:
            # like a re-import here: this side's annotations are re-anchored on it
            self.adopt(target_id, _article(there))
            self._map(source_id, target_id, is_new=False, reanchor=False)
            return
        self.conn.execute(
            "INSERT OR IGNORE INTO main.article_versions (article_id, sha256, text, replaced_at)"
            " VALUES (?, ?, ?, ?)",
            (target_id, there["sha256"], there["text"], there["updated_at"]),
        )
        self._map(source_id, target_id, is_new=False, reanchor=True)

    def _map(self, source_id: str, target_id: str, *, is_new: bool, reanchor: bool) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO temp.merge_article_map VALUES (?, ?, ?, ?)",
            (source_id, target_id, is_new, reanchor),
        )

    def reanchored(self, columns: list[str]) -> bool:
        """Place incoming annotations of an older text on the text kept here, in
        ``temp.merge_reanchored``. Deterministic, so a second merge finds the same rows."""
        picked = ", ".join(
            "m.target_id AS article_id" if c == "article_id" else f's."{c}"' for c in columns
        )
        if not self.conn.execute("SELECT 1 FROM temp.merge_article_map WHERE reanchor").fetchone():
            return False
        rows = self.conn.execute(
            f"SELECT {picked} FROM {SOURCE}.annotations s"
            " JOIN temp.merge_article_map m ON m.source_id = s.article_id WHERE m.reanchor"
        ).fetchall()
        if not rows:
            return False
        self.conn.execute(
            f"CREATE TEMP TABLE merge_reanchored AS SELECT {quoted(columns)}"
            " FROM main.annotations WHERE 0"
        )
        from ..reanchor import reanchor  # rapidfuzz: loaded when a merge needs it

        placed = orphaned = 0
        for row in rows:
            values = dict(row)
            text = self.text_of(values["article_id"])
            place = reanchor(
                text, values["text"], values["prefix"], values["suffix"], values["start"]
            )
            if not place.placed:
                orphaned += 1
                values["status"] = "orphaned"
            else:
                placed += 1
                prefix, quote, suffix = context(text, place.start, place.end)
                if quote != values["text"]:
                    values["status"] = "changed"
                    values["original_text"] = values["original_text"] or values["text"]
                values.update(
                    start=place.start, end=place.end, text=quote, prefix=prefix, suffix=suffix
                )
            self.conn.execute(
                f"INSERT INTO temp.merge_reanchored ({quoted(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})",
                [values[c] for c in columns],
            )
        self.counts.update(reanchored=placed, orphaned=orphaned)
        return True
