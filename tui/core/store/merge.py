"""Merging another newsmark database into this one, mostly in SQL (ATTACH + upserts).

What "the same" means, and who wins:

- **Articles**: the same text (sha256) is the same article, whatever its id. An
  article with the same id (its first text) but another current text is the same
  article at another version: the text imported later becomes current, the other
  goes to ``article_versions``, and annotations on the older text are re-anchored
  by their quote (anchored, changed or orphaned, never misplaced).
- **Annotations and links** (uuid ids): of two copies of one row the newer wins:
  higher ``revision``, then later ``updated_at``, then the tombstone (and between
  copies equal in all that, an arbitrary but fixed order of their content, so that
  the order of merges never matters). The losing
  copy goes to ``conflicts`` when both copies were edited: when it cannot be an
  earlier state of the winner (an earlier state has a lower revision and an
  earlier or equal ``updated_at``) and differs from it in what a reader sees
  (place, label, note, kind, deleted or not).
- **Labels**: union by name (a key another label has already is left empty).
- **Any other table**: union of rows by the table's own keys; an integer row id
  is local to each file and left out, rows equal in every other column are one.

Merging the same file again changes nothing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ..articles import Article
from ..errors import StoreError
from ..models import now
from ..text import printable
from .articles import ArticleStore
from .connection import explain
from .merge_articles import ArticleMatcher
from .merge_source import SOURCE, common_columns, quoted, table_columns
from .merge_tables import merge_table, other_tables

if TYPE_CHECKING:
    from .records import MergeCounts

# What a reader sees of a row: copies differing only elsewhere (times, re-anchoring
# status) are not a conflict. Deleted or not is compared besides these.
_CONTENT = {
    "annotations": ("article_id", "start", "end", "label", "note"),
    "links": ("from_annotation", "to_annotation", "kind", "note"),
}
_KIND = {"annotations": "annotation", "links": "link"}


def _newness(table: str, alias: str) -> str:
    """The order "newer" follows: revision, then updated_at, then the tombstone, then
    (only for copies equal in all that) the content, so that any order of merges
    picks the same copy."""
    content = ", ".join(f'{alias}."{c}"' for c in ("updated_by", *_CONTENT[table]))
    return f"({alias}.revision, {alias}.updated_at, {alias}.deleted_at IS NOT NULL, {content})"


def _incoming_wins(table: str, stored: str = "t") -> str:
    return f"{_newness(table, 's')} > {_newness(table, stored)}"


# one copy may be an earlier state of the other: not a conflict
_MAY_DESCEND = (
    "(s.revision < t.revision AND s.updated_at <= t.updated_at)"
    " OR (t.revision < s.revision AND t.updated_at <= s.updated_at)"
)


def _json_of(columns: list[str], alias: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns) + ")"


class MergeStore(ArticleStore):
    def merge_from(self, path: Path, *, name: str | None = None) -> MergeCounts:
        """Merge the database at ``path`` (checked, at this schema version) in one transaction.

        ``name`` is what ``conflicts`` records as where a losing copy came from.
        """
        name = name or str(path)
        try:
            self.conn.execute(f"ATTACH DATABASE ? AS {SOURCE}", (str(path),))
        except sqlite3.Error as error:
            raise explain(path, error) from None
        try:
            with self.transaction():
                try:
                    return _Merge(self, name).run()
                except sqlite3.IntegrityError as error:  # rolled back: nothing of it written
                    raise StoreError(
                        f"{printable(name)}: cannot be merged ({error}); nothing was merged"
                    ) from None
        finally:
            self.conn.execute(f"DETACH DATABASE {SOURCE}")

    def adopt_text(self, article_id: str, article: Article) -> None:
        """A newer text of an article, from another database: stored as a re-import
        would (the old text kept as a version, annotations here re-anchored)."""
        self._replace_text(article_id, article)

    def table_columns(self, table: str) -> list[str]:
        return table_columns(self.conn, table)


class _Merge:
    """One source file into the store, inside the store's open transaction."""

    def __init__(self, store: MergeStore, name: str) -> None:
        self.store = store
        self.conn = store.conn
        self.name = name
        self.stamp = now()
        self.counts: dict[str, int] = {}
        self.matcher = ArticleMatcher(self.conn, self.counts, store.adopt_text, store.article_text)

    def run(self) -> MergeCounts:
        from .records import MergeCounts
        self.counts["labels_new"] = self._labels()
        self.matcher.map_articles()
        for table in ("annotations", "links"):
            self._rows(table)
        self.counts["other_rows"] = sum(merge_table(self.conn, t) for t in other_tables(self.conn))
        self.conn.execute("DROP TABLE temp.merge_article_map")
        return MergeCounts(self.name, **self.counts)

    def _count(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0])

    # -- labels and articles ---------------------------------------------------

    def _labels(self) -> int:
        return self.conn.execute(
            "INSERT INTO main.labels (name, key, position)"
            " SELECT s.name, CASE WHEN EXISTS (SELECT 1 FROM main.labels l WHERE l.key = s.key)"
            " THEN '' ELSE s.key END,"
            " (SELECT coalesce(max(position), -1) + 1 FROM main.labels) + s.position"
            f" FROM {SOURCE}.labels s"
            " WHERE NOT EXISTS (SELECT 1 FROM main.labels l WHERE l.name = s.name)"
            " ORDER BY s.position"
        ).rowcount

    # -- annotations and links -------------------------------------------------

    def _rows(self, table: str) -> None:
        columns = common_columns(self.conn, table)
        before = self._count(table)
        if table == "links":
            relations = [f"SELECT {quoted(columns)} FROM {SOURCE}.links"]
        else:
            picked = ", ".join(
                "m.target_id AS article_id" if c == "article_id" else f's."{c}"' for c in columns
            )
            relations = [
                f"SELECT {picked} FROM {SOURCE}.annotations s"
                " JOIN temp.merge_article_map m ON m.source_id = s.article_id"
                " WHERE NOT m.reanchor"
            ]
            if self.matcher.reanchored(columns):
                relations.append(f"SELECT {quoted(columns)} FROM temp.merge_reanchored")
        conflicts = updated = 0
        for relation in relations:
            # rows on both sides whose copies differ: few, so the rules run on them only
            self.conn.execute(
                "CREATE TEMP TABLE merge_changed AS SELECT s.id"
                f" FROM ({relation}) s JOIN main.{table} t ON t.id = s.id"
                f" WHERE {_newness(table, 's')} <> {_newness(table, 't')}"
            )
            changed = f"SELECT * FROM ({relation}) WHERE id IN (SELECT id FROM temp.merge_changed)"
            conflicts += self._conflicts(table, columns, changed)
            updated += self._upsert(table, columns, changed)
            self.conn.execute("DROP TABLE temp.merge_changed")
            self.conn.execute(
                f"INSERT OR IGNORE INTO main.{table} ({quoted(columns)})"
                f" SELECT {quoted(columns)} FROM ({relation})"
            )
        self.counts[f"{table}_new"] = self._count(table) - before
        self.counts[f"{table}_updated"] = updated
        self.counts["conflicts"] = self.counts.get("conflicts", 0) + conflicts
        self.conn.execute("DROP TABLE IF EXISTS temp.merge_reanchored")

    def _conflicts(self, table: str, columns: list[str], relation: str) -> int:
        """Keep the losing copy of every row edited on both sides."""
        wins = _incoming_wins(table)

        def loser(column: str) -> str:
            return f'CASE WHEN {wins} THEN t."{column}" ELSE s."{column}" END'

        def winner(column: str) -> str:
            return f'CASE WHEN {wins} THEN s."{column}" ELSE t."{column}" END'

        differs = " OR ".join(f's."{c}" IS NOT t."{c}"' for c in _CONTENT[table])
        differs += " OR (s.deleted_at IS NULL) <> (t.deleted_at IS NULL)"
        return self.conn.execute(
            "INSERT OR IGNORE INTO main.conflicts (id, kind, row_id, revision, updated_at,"
            " updated_by, deleted, data, source, winner_revision, winner_updated_at, detected_at)"
            f" SELECT lower(hex(randomblob(16))), '{_KIND[table]}', s.id, {loser('revision')},"
            f" {loser('updated_at')}, {loser('updated_by')}, {loser('deleted_at')} IS NOT NULL,"
            f" CASE WHEN {wins} THEN {_json_of(columns, 't')}"
            f" ELSE {_json_of(columns, 's')} END,"
            f" CASE WHEN {wins} THEN :here ELSE :there END,"
            f" {winner('revision')}, {winner('updated_at')}, :stamp"
            f" FROM ({relation}) s JOIN main.{table} t ON t.id = s.id"
            f" WHERE ({differs}) AND NOT ({_MAY_DESCEND})",
            {"here": str(self.store.path), "there": self.name, "stamp": self.stamp},
        ).rowcount

    def _upsert(self, table: str, columns: list[str], relation: str) -> int:
        updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "id")
        return self.conn.execute(
            f"INSERT INTO main.{table} ({quoted(columns)})"
            f" SELECT {quoted(columns)} FROM ({relation}) WHERE true"
            f" ON CONFLICT (id) DO UPDATE SET {updates}"
            f" WHERE {_newness(table, 'excluded')} > {_newness(table, table)}"
        ).rowcount
