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

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..articles import Article, Span
from ..errors import StoreError
from ..models import now
from ..reanchor import reanchor
from ..schema import SCHEMA_VERSION
from .articles import ArticleStore
from .connection import check_file, explain
from .sql import context

SOURCE = "merge_source"  # the schema name the other file is attached as
_OWN_TABLES = frozenset({"articles", "article_versions", "labels", "annotations", "links"})
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


def _quoted(names: list[str] | tuple[str, ...], alias: str = "") -> str:
    return ", ".join(f'{alias}"{name}"' for name in names)


def _json_of(columns: list[str], alias: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns) + ")"


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
                return _Merge(self, name).run()
        finally:
            self.conn.execute(f"DETACH DATABASE {SOURCE}")

    def adopt_text(self, article_id: str, article: Article) -> None:
        """A newer text of an article, from another database: stored as a re-import
        would (the old text kept as a version, annotations here re-anchored)."""
        self._replace_text(article_id, article)

    def table_columns(self, table: str, schema: str = "main") -> list[str]:
        return [row["name"] for row in self.conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


class _Merge:
    """One source file into the store, inside the store's open transaction."""

    def __init__(self, store: MergeStore, name: str) -> None:
        self.store = store
        self.conn = store.conn
        self.name = name
        self.stamp = now()
        self.counts: dict[str, int] = {}

    def run(self) -> MergeCounts:
        self.counts["labels_new"] = self._labels()
        self._map_articles()
        for table in ("annotations", "links"):
            self._rows(table)
        self.counts["other_rows"] = sum(self._other(table) for table in self._other_tables())
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

    def _map_articles(self) -> None:
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
            f"INSERT INTO main.articles ({_quoted(self._columns('articles'))})"
            f" SELECT {_quoted(self._columns('articles'), 's.')} FROM {SOURCE}.articles s"
            " JOIN temp.merge_article_map m ON m.source_id = s.id WHERE m.is_new"
        )
        conn.execute(
            "INSERT OR IGNORE INTO main.article_versions (article_id, sha256, text, replaced_at)"
            f" SELECT m.target_id, v.sha256, v.text, v.replaced_at FROM {SOURCE}.article_versions v"
            " JOIN temp.merge_article_map m ON m.source_id = v.article_id"
            " WHERE v.sha256 <> (SELECT sha256 FROM main.articles WHERE id = m.target_id)"
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
            self.store.adopt_text(target_id, _article(there))
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

    def _columns(self, table: str) -> list[str]:
        """Columns both sides have, in this database's order."""
        there = set(self.store.table_columns(table, SOURCE))
        return [name for name in self.store.table_columns(table) if name in there]

    # -- annotations and links -------------------------------------------------

    def _rows(self, table: str) -> None:
        columns = self._columns(table)
        before = self._count(table)
        if table == "links":
            relations = [f"SELECT {_quoted(columns)} FROM {SOURCE}.links"]
        else:
            picked = ", ".join(
                "m.target_id AS article_id" if c == "article_id" else f's."{c}"' for c in columns
            )
            relations = [
                f"SELECT {picked} FROM {SOURCE}.annotations s"
                " JOIN temp.merge_article_map m ON m.source_id = s.article_id"
                " WHERE NOT m.reanchor"
            ]
            if self._reanchor(columns):
                relations.append(f"SELECT {_quoted(columns)} FROM temp.merge_reanchored")
        conflicts = written = 0
        for relation in relations:
            conflicts += self._conflicts(table, columns, relation)
            written += self._upsert(table, columns, relation)
        new = self._count(table) - before
        self.counts[f"{table}_new"] = new
        self.counts[f"{table}_updated"] = written - new
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
            f"INSERT INTO main.{table} ({_quoted(columns)})"
            f" SELECT {_quoted(columns)} FROM ({relation}) WHERE true"
            f" ON CONFLICT (id) DO UPDATE SET {updates}"
            f" WHERE {_newness(table, 'excluded')} > {_newness(table, table)}"
        ).rowcount

    def _reanchor(self, columns: list[str]) -> bool:
        """Place incoming annotations of an older text on the text kept here, in
        ``temp.merge_reanchored``. Deterministic, so a second merge finds the same rows."""
        picked = ", ".join(
            "m.target_id AS article_id" if c == "article_id" else f's."{c}"' for c in columns
        )
        rows = self.conn.execute(
            f"SELECT {picked} FROM {SOURCE}.annotations s"
            " JOIN temp.merge_article_map m ON m.source_id = s.article_id WHERE m.reanchor"
        ).fetchall()
        if not rows:
            return False
        self.conn.execute(
            f"CREATE TEMP TABLE merge_reanchored AS SELECT {_quoted(columns)}"
            " FROM main.annotations WHERE 0"
        )
        placed = orphaned = 0
        for row in rows:
            values = dict(row)
            text = self.store.article_text(values["article_id"])
            place = reanchor(
                text, values["text"], values["prefix"], values["suffix"], values["start"]
            )
            if place is None:
                orphaned += 1
                values["status"] = "orphaned"
            else:
                placed += 1
                prefix, quote, suffix = context(text, *place)
                if quote != values["text"]:
                    values["status"] = "changed"
                    values["original_text"] = values["original_text"] or values["text"]
                values.update(
                    start=place[0], end=place[1], text=quote, prefix=prefix, suffix=suffix
                )
            self.conn.execute(
                f"INSERT INTO temp.merge_reanchored ({_quoted(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})",
                [values[c] for c in columns],
            )
        self.counts.update(reanchored=placed, orphaned=orphaned)
        return True

    # -- every other table -----------------------------------------------------

    def _other_tables(self) -> list[str]:
        rows = self.conn.execute(
            f"SELECT name, sql FROM {SOURCE}.sqlite_master WHERE type = 'table'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        virtual = [row["name"] for row in rows if row["sql"].upper().startswith("CREATE VIRTUAL")]
        here = {
            row[0]
            for row in self.conn.execute("SELECT name FROM main.sqlite_master WHERE type='table'")
        }
        return [
            row["name"]
            for row in rows
            if row["name"] not in _OWN_TABLES
            and row["name"] in here
            and row["name"] not in virtual
            and not any(row["name"].startswith(f"{name}_") for name in virtual)  # FTS shadows
        ]

    def _other(self, table: str) -> int:
        """Union by the table's keys; rows referring to articles follow their new ids."""
        info = self.conn.execute(f'PRAGMA main.table_info("{table}")').fetchall()
        keys = [row for row in info if row["pk"]]
        rowid_alias = (
            len(keys) == 1 and keys[0]["type"].upper() == "INTEGER" and self._has_rowid(table)
        )
        columns = [c for c in self._columns(table) if not (rowid_alias and c == keys[0]["name"])]
        to_articles = {
            row["from"]
            for row in self.conn.execute(f'PRAGMA main.foreign_key_list("{table}")')
            if row["table"] == "articles"
        }
        picked = ", ".join(
            f'coalesce((SELECT target_id FROM temp.merge_article_map WHERE source_id = s."{c}"),'
            f' s."{c}")'
            if c in to_articles
            else f's."{c}"'
            for c in columns
        )
        return self.conn.execute(
            f'INSERT OR IGNORE INTO main."{table}" ({_quoted(columns)})'
            f' SELECT {picked} FROM {SOURCE}."{table}" s'
            f' EXCEPT SELECT {_quoted(columns)} FROM main."{table}"'
        ).rowcount

    def _has_rowid(self, table: str) -> bool:
        sql = self.conn.execute(
            "SELECT sql FROM main.sqlite_master WHERE name = ?", (table,)
        ).fetchone()[0]
        return "WITHOUT ROWID" not in str(sql).upper()


def check_source(path: Path) -> int:
    """The schema version of a database to merge; ``StoreError`` (one line, naming the
    file) when it is not a newsmark database, is damaged, or is newer than this newsmark."""
    check_file(path)
    if not path.exists():
        raise StoreError(f"{path}: no such database")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise explain(path, error) from None
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{path}: made by a newer newsmark (schema version {version}, this one"
                f" knows {SCHEMA_VERSION}); upgrade newsmark to merge it; nothing was merged"
            )
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise StoreError(f"{path}: damaged ({'; '.join(problems)}); nothing was merged")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        missing = sorted(_OWN_TABLES - tables)
        if version < 1 or missing:
            raise StoreError(
                f"{path}: not a newsmark database (no {', '.join(missing) or 'schema'})"
            )
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: damaged ({error}); nothing was merged") from None
    finally:
        conn.close()
    return version
