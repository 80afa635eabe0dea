"""The SQLite store: every change is one durable ``BEGIN IMMEDIATE`` transaction.

The UI and the CLI never write SQL; they call this API. Each write either
commits completely (WAL, ``synchronous=FULL``) or raises ``StoreError`` and
leaves the database as it was.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import Article, Span
from .errors import AnnotationError, StoreError
from .models import (
    CONTEXT_CHARS,
    Annotation,
    AnnotationRow,
    ArticleSummary,
    Link,
    Removed,
    now,
)
from .reanchor import reanchor
from .schema import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
_ANNOTATION_COLUMNS = ", ".join(f'"{name}"' for name in Annotation.__dataclass_fields__)
BUSY_TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class ImportResult:
    article_id: str
    status: str  # "new", "unchanged" or "updated"
    moved: int = 0
    orphaned: int = 0


def _check_file(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(16)
        except OSError as error:
            raise StoreError(f"{path}: cannot be read ({error.strerror})") from None
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"{path}: not a SQLite database")


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL. On a new file another newsmark may be switching at the same moment,
    and SQLite then answers "locked" at once instead of waiting: retry for a while."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)


def _explain(path: Path, error: sqlite3.Error) -> StoreError:
    message = str(error)
    if "readonly" in message:
        message = (
            "database is read-only (check the permissions of the file and its folder);"
            " nothing was saved"
        )
    elif "unable to open" in message:
        message = "cannot open or create the database file (is its folder there and writable?)"
    elif "disk is full" in message or "disk I/O" in message:
        message = f"{message}; nothing was saved"
    elif "locked" in message or "busy" in message:
        message = "database is busy in another newsmark for too long; nothing was saved"
    return StoreError(f"{path}: {message}")


class Store:
    """One connection to one database file."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        _check_file(self.path)
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such database")
        try:
            if readonly:
                conn = sqlite3.connect(
                    f"file:{self.path.resolve()}?mode=ro", uri=True, check_same_thread=False
                )
            else:
                conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            self.conn = conn
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not readonly:
                _use_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(readonly)
        except sqlite3.DatabaseError as error:
            raise _explain(self.path, error) from None
        self._texts: dict[str, tuple[str, str]] = {}

    # -- lifecycle ---------------------------------------------------------

    @cached_property
    def db(self) -> Database:
        """sqlite-utils on our connection, imported on first use: with pandas installed,
        importing it costs ~0.8 s, which the reader's start-up should not pay."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _migrate(self, readonly: bool) -> None:
        version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer newsmark (schema version {version}, "
                f"this one knows {SCHEMA_VERSION}); upgrade newsmark to open it"
            )
        if version == SCHEMA_VERSION:
            return
        if readonly:
            raise StoreError(f"{self.path}: needs an upgrade but is opened read-only")
        with self._write():
            # another newsmark may have migrated while this one waited for the lock
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self.conn.execute(statement)
            if version < SCHEMA_VERSION:
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One durable transaction; a second process waits (busy timeout) instead of failing."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _explain(self.path, error) from None
        try:
            yield
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise _explain(self.path, error) from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def data_version(self) -> int:
        """Changes when another connection commits: cheap polling for refresh."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    # -- articles ----------------------------------------------------------

    def import_article(self, article: Article) -> ImportResult:
        """Idempotent by sha256; a changed file at a known path becomes a new version.

        The look-ups run inside the write transaction: two newsmarks opening the
        same new file at once must not both insert it.
        """
        with self._write():
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
                    "blocks": json.dumps([span.as_list() for span in article.blocks]),
                    "styles": json.dumps([span.as_list() for span in article.styles]),
                    "imported_at": stamp,
                    "updated_at": stamp,
                }
            )
        return ImportResult(article.id, "new")

    def _replace_text(self, article_id: str, article: Article) -> ImportResult:
        """Store the new text as current and re-anchor every annotation by its quote.

        Runs inside ``import_article``'s transaction.
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
                json.dumps([span.as_list() for span in article.blocks]),
                json.dumps([span.as_list() for span in article.styles]),
                stamp,
                article_id,
            ),
        )
        rows = self.conn.execute(
            "SELECT * FROM annotations WHERE article_id = ?", (article_id,)
        ).fetchall()  # orphans too: a later version may bring their quote back
        for row in rows:
            place = reanchor(
                article.text, row["text"], row["prefix"], row["suffix"], row["start"]
            )
            if place is None:
                orphaned += 1
                if row["orphaned"]:
                    continue
                self.conn.execute(
                    "UPDATE annotations SET orphaned = 1, updated_at = ? WHERE id = ?",
                    (stamp, row["id"]),
                )
                continue
            start, end = place
            if row["orphaned"] or (start, end) != (row["start"], row["end"]) or (
                article.text[start:end] != row["text"]
            ):
                moved += 1
            prefix, quote, suffix = _context(article.text, start, end)
            self.conn.execute(
                'UPDATE annotations SET start = ?, "end" = ?, text = ?, prefix = ?,'
                " suffix = ?, orphaned = 0, updated_at = ? WHERE id = ?",
                (start, end, quote, prefix, suffix, stamp, row["id"]),
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
        )

    def articles(self) -> list[ArticleSummary]:
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.source, a.path, length(a.text) AS length,"
            " (SELECT count(*) FROM annotations WHERE article_id = a.id) AS annotations"
            " FROM articles a ORDER BY a.imported_at, a.id"
        )
        return [ArticleSummary(**dict(row)) for row in rows]

    def _text(self, article_id: str) -> str:
        """The article's current text, cached while its sha256 is unchanged."""
        row = self.conn.execute(
            "SELECT sha256 FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise AnnotationError(f"no article with id {article_id!r}")
        cached = self._texts.get(article_id)
        if cached and cached[0] == row["sha256"]:
            return cached[1]
        text = str(
            self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[
                0
            ]
        )
        self._texts[article_id] = (row["sha256"], text)
        return text

    # -- labels ------------------------------------------------------------

    def labels(self) -> list[str]:
        return [row[0] for row in self.conn.execute("SELECT name FROM labels ORDER BY position")]

    def _check_label(self, label: str) -> None:
        if not self.conn.execute("SELECT 1 FROM labels WHERE name = ?", (label,)).fetchone():
            raise AnnotationError(
                f"unknown label {label!r} (known: {', '.join(self.labels())})"
            )

    # -- annotations -------------------------------------------------------

    def _checked_span(self, article_id: str, start: int, end: int, quote: str | None) -> str:
        text = self._text(article_id)
        if not 0 <= start < end <= len(text):
            if start == end:
                raise AnnotationError(f"empty span {start}:{end}")
            raise AnnotationError(
                f"span {start}:{end} is outside the text (0:{len(text)}) of {article_id}"
            )
        actual = text[start:end]
        if quote is not None and quote != actual:
            raise AnnotationError(
                f"quote does not match the text at {start}:{end} of {article_id}"
            )
        return text

    def add_annotation(
        self,
        article_id: str,
        start: int,
        end: int,
        label: str,
        *,
        note: str = "",
        annotator: str = "",
        quote: str | None = None,
        annotation_id: str | None = None,
    ) -> Annotation:
        with self._write():
            self._check_label(label)
            text = self._checked_span(article_id, start, end, quote)
            prefix, quote_text, suffix = _context(text, start, end)
            stamp = now()
            annotation = Annotation(
                id=annotation_id or str(uuid.uuid4()),
                article_id=article_id,
                start=start,
                end=end,
                label=label,
                text=quote_text,
                prefix=prefix,
                suffix=suffix,
                note=note,
                annotator=annotator,
                created_at=stamp,
                updated_at=stamp,
            )
            self._insert_annotation(annotation)
        return annotation

    def _insert_annotation(self, annotation: Annotation) -> None:
        row = annotation.as_row()
        columns = ", ".join(f'"{name}"' for name in row)
        marks = ", ".join("?" for _ in row)
        self.conn.execute(
            f"INSERT INTO annotations ({columns}) VALUES ({marks})", tuple(row.values())
        )

    def get_annotation(self, annotation_id: str) -> Annotation:
        row = self.conn.execute(
            "SELECT * FROM annotations WHERE id = ?", (annotation_id,)
        ).fetchone()
        if row is None:
            raise AnnotationError(f"no annotation with id {annotation_id!r}")
        return Annotation.from_values(row)

    def update_annotation(
        self,
        annotation_id: str,
        *,
        label: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Annotation:
        with self._write():
            current = self.get_annotation(annotation_id)
            changes: dict[str, Any] = {}
            if label is not None and label != current.label:
                self._check_label(label)
                changes["label"] = label
            if note is not None and note != current.note:
                changes["note"] = note
            new_start = current.start if start is None else start
            new_end = current.end if end is None else end
            if (new_start, new_end) != (current.start, current.end) or (
                current.orphaned and (start is not None or end is not None)
            ):
                text = self._checked_span(current.article_id, new_start, new_end, None)
                prefix, quote, suffix = _context(text, new_start, new_end)
                changes.update(
                    start=new_start, end=new_end, text=quote, prefix=prefix, suffix=suffix,
                    orphaned=0,
                )
            if not changes:
                return current
            changes["updated_at"] = now()
            assignments = ", ".join(f'"{name}" = ?' for name in changes)
            self.conn.execute(
                f"UPDATE annotations SET {assignments} WHERE id = ?",
                (*changes.values(), annotation_id),
            )
            return self.get_annotation(annotation_id)

    def _check_restorable(self, annotation: Annotation) -> None:
        """A state to put back must still hold: known label, quote still at its offsets."""
        self._check_label(annotation.label)
        if not annotation.orphaned:
            self._checked_span(
                annotation.article_id, annotation.start, annotation.end, annotation.text
            )

    def restore_annotation(self, annotation: Annotation) -> Annotation:
        """Put back an earlier state of an annotation (undo); an UPDATE, so its links stay."""
        with self._write():
            self._check_restorable(annotation)
            row = annotation.as_row()
            row.pop("id")
            assignments = ", ".join(f'"{name}" = ?' for name in row)
            cursor = self.conn.execute(
                f"UPDATE annotations SET {assignments} WHERE id = ?",
                (*row.values(), annotation.id),
            )
            if cursor.rowcount == 0:
                raise AnnotationError(f"no annotation with id {annotation.id!r}")
        return annotation

    def delete_annotation(self, annotation_id: str) -> Removed:
        """Delete an annotation and its links (ON DELETE CASCADE) in one transaction."""
        with self._write():
            annotation = self.get_annotation(annotation_id)
            links = tuple(self.links_of(annotation_id))
            self.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))
        return Removed(annotation, links)

    def restore(self, removed: Removed) -> None:
        """Undo a delete: the annotation and its links come back with the same ids."""
        with self._write():
            annotation = removed.annotation
            self._check_restorable(annotation)
            self._insert_annotation(annotation)
            for link in removed.links:
                self._insert_link(link)

    def annotations_for(self, article_id: str) -> list[Annotation]:
        cursor = self.conn.execute(
            f"SELECT {_ANNOTATION_COLUMNS} FROM annotations WHERE article_id = ?"
            ' ORDER BY orphaned, start, "end"',
            (article_id,),
        )
        cursor.row_factory = None  # plain tuples in field order: 10,000 rows in half the time
        return [Annotation.from_values(row) for row in cursor]

    def annotations(
        self, *, labels: Iterable[str] = (), article_ids: Iterable[str] = ()
    ) -> Iterator[Annotation]:
        where, params = _filters(list(labels), list(article_ids), "")
        rows = self.conn.execute(
            f"SELECT * FROM annotations {where} ORDER BY article_id, start", params
        )
        for row in rows:
            yield Annotation.from_values(row)

    def counts_by_label(self, article_ids: Iterable[str] = ()) -> dict[str, int]:
        where, params = _filters([], list(article_ids), "")
        counts = {label: 0 for label in self.labels()}
        for row in self.conn.execute(
            f"SELECT label, count(*) FROM annotations {where} GROUP BY label", params
        ):
            counts[row[0]] = row[1]
        return counts

    # -- links -------------------------------------------------------------

    def add_link(
        self,
        from_annotation: str,
        to_annotation: str,
        *,
        kind: str = "contradicts",
        note: str = "",
        link_id: str | None = None,
    ) -> Link:
        if from_annotation == to_annotation:
            raise AnnotationError("an annotation cannot be linked to itself")
        link = Link(
            id=link_id or str(uuid.uuid4()),
            from_annotation=from_annotation,
            to_annotation=to_annotation,
            kind=kind,
            note=note,
            created_at=now(),
        )
        with self._write():
            self.get_annotation(from_annotation)
            self.get_annotation(to_annotation)
            self._insert_link(link)
        return link

    def _insert_link(self, link: Link) -> None:
        self.conn.execute(
            "INSERT INTO links (id, from_annotation, to_annotation, kind, note, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            tuple(link.as_row().values()),
        )

    def restore_link(self, link: Link) -> Link:
        with self._write():
            self._insert_link(link)
        return link

    def update_link(self, link_id: str, *, note: str) -> Link:
        with self._write():
            self.conn.execute("UPDATE links SET note = ? WHERE id = ?", (note, link_id))
            return self.get_link(link_id)

    def get_link(self, link_id: str) -> Link:
        row = self.conn.execute("SELECT * FROM links WHERE id = ?", (link_id,)).fetchone()
        if row is None:
            raise AnnotationError(f"no link with id {link_id!r}")
        return Link.from_row(row)

    def delete_link(self, link_id: str) -> Link:
        with self._write():
            link = self.get_link(link_id)
            self.conn.execute("DELETE FROM links WHERE id = ?", (link_id,))
        return link

    def links_of(self, annotation_id: str) -> list[Link]:
        rows = self.conn.execute(
            "SELECT * FROM links WHERE from_annotation = ? OR to_annotation = ?"
            " ORDER BY created_at",
            (annotation_id, annotation_id),
        )
        return [Link.from_row(row) for row in rows]

    def annotation_rows(self, article_ids: Iterable[str] = ()) -> list[AnnotationRow]:
        """Short rows for the annotation list, link counts included, in one query."""
        where, params = _filters([], list(article_ids), "a.")
        rows = self.conn.execute(
            "SELECT a.id, a.article_id, a.label, substr(a.text, 1, 200), substr(a.note, 1, 200),"
            " a.orphaned, (SELECT count(*) FROM links WHERE from_annotation = a.id)"
            " + (SELECT count(*) FROM links WHERE to_annotation = a.id)"
            f" FROM annotations a {where} ORDER BY a.article_id, a.orphaned, a.start",
            params,
        )
        return [AnnotationRow(*row) for row in rows]

    def links(self) -> list[Link]:
        return [Link.from_row(row) for row in self.conn.execute("SELECT * FROM links")]


def _context(text: str, start: int, end: int) -> tuple[str, str, str]:
    return (
        text[max(0, start - CONTEXT_CHARS) : start],
        text[start:end],
        text[end : end + CONTEXT_CHARS],
    )


def _filters(labels: list[str], article_ids: list[str], alias: str) -> tuple[str, list[str]]:
    clauses: list[str] = []
    params: list[str] = []
    if labels:
        clauses.append(f"{alias}label IN ({', '.join('?' for _ in labels)})")
        params += labels
    if article_ids:
        clauses.append(f"{alias}article_id IN ({', '.join('?' for _ in article_ids)})")
        params += article_ids
    return ("WHERE " + " AND ".join(clauses) if clauses else "", params)
