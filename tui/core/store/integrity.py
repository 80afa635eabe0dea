"""Telling a damaged database, or one with another database's ``-wal`` beside it, from a
healthy one before anything reads or writes it.

Every check runs on read-only connections: closing one never checkpoints, so a
foreign write-ahead log is not copied into the database by the check itself
(a writable connection would do so on close, destroying the database's own pages).

Cost: ``PRAGMA quick_check`` and ``foreign_key_check`` read the whole file, about
0.1 s for 100,000 annotations (53 MB, warm cache); the CLI pays it once per command.
"""

from __future__ import annotations

import shlex
import sqlite3
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

from ..errors import DamagedError
from ..text import printable

MAX_DETAIL = 80
# SQLite's result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB.
DAMAGE_CODES = (11, 26)


def is_damage(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in DAMAGE_CODES


def uri(path: Path, mode: str) -> str:
    """A ``file:`` URI for ``path``: ``?``, ``#`` and ``%`` in a name are not URI syntax."""
    return f"file:{quote(str(path.resolve()))}?{mode}"


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def recover_hint(path: Path) -> str:
    shown = shlex.quote(printable(str(path)))
    return f'save what is readable with: sqlite3 {shown} ".recover" | sqlite3 recovered.db'


def damaged(path: Path, detail: str) -> DamagedError:
    detail = printable(detail)
    if len(detail) > MAX_DETAIL:
        detail = detail[: MAX_DETAIL - 1] + "…"
    return DamagedError(
        f"{path}: database is damaged ({detail}); nothing was changed; {recover_hint(path)}"
    )


def foreign_wal(path: Path) -> DamagedError:
    wal = wal_path(path)
    return DamagedError(
        f"{path}: its write-ahead log {wal.name} does not belong to it (copied from another"
        f" database?); nothing was changed; move {wal.name} away to open the database as it"
        f" was last saved, or {recover_hint(path)}"
    )


def verify(path: Path) -> None:
    """Raise ``DamagedError`` unless ``path`` (and its ``-wal``) is a healthy database."""
    if not path.exists():
        return
    has_wal = _has_wal(path)
    if has_wal and _wal_drops_rows(path):
        raise foreign_wal(path)
    problem = _problem(uri(path, "mode=ro"))
    if problem is None:
        return
    if has_wal and _file_alone_is_sound(path):
        raise foreign_wal(path)  # its log is what does not fit
    raise damaged(path, problem)


def _has_wal(path: Path) -> bool:
    try:
        return wal_path(path).stat().st_size > 0
    except OSError:
        return False


def _file_alone_is_sound(path: Path) -> bool:
    try:
        return _problem(uri(path, "immutable=1")) is None
    except sqlite3.Error:
        return False


def _problem(database: str) -> str | None:
    """The first thing ``quick_check`` or ``foreign_key_check`` finds wrong, or ``None``.

    Errors other than damage (cannot open, locked) are raised for the caller to explain.
    """
    try:
        with closing(sqlite3.connect(database, uri=True)) as conn:
            result = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])
            if result != "ok":  # "*** in database main ***" then what is wrong
                return next((line for line in result.splitlines() if line[:3] != "***"), result)
            broken = conn.execute("PRAGMA foreign_key_check").fetchone()
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        return str(error)
    if broken is None:
        return None
    table, rowid, parent, _ = broken
    return f"a row of {table} (rowid {rowid}) refers to a missing row of {parent}"


# Tables whose rows are never removed nor moved (deletes leave tombstones; articles are
# only updated in place): a log written for this database keeps each of their rows.
_KEPT_TABLES = ("annotations", "articles")


def _first_saved_row(path: Path, table: str) -> tuple[int, str] | None:
    """The first rowid and id of ``table`` in the database file itself, ignoring its ``-wal``."""
    try:
        with closing(sqlite3.connect(uri(path, "immutable=1"), uri=True)) as conn:
            row = conn.execute(f"SELECT rowid, id FROM {table} ORDER BY rowid LIMIT 1").fetchone()
    except sqlite3.Error:
        return None  # no table yet, or a page torn by a checkpoint running right now
    return None if row is None else (int(row[0]), str(row[1]))


def _wal_drops_rows(path: Path) -> bool:
    """True when the database as its ``-wal`` shows it lacks an annotation or an article
    its file holds.

    Neither is ever removed, so a log written for this database keeps every one the
    file has, at the same rowid (rows are updated in place, never moved): a log that
    loses one was written for another database. Both the id's index and the table
    itself are asked, as a foreign log may hold the table's pages and not the index's;
    articles are asked too, as a database may have no annotations yet. A log whose
    pages leave the structure broken is caught by ``quick_check`` instead.
    """
    return any(_wal_drops(path, table) for table in _KEPT_TABLES)


def _wal_drops(path: Path, table: str) -> bool:
    for _ in range(2):  # read the file twice: a concurrent checkpoint may tear a page
        first = _first_saved_row(path, table)
        if first is None:
            return False
        rowid, row_id = first
        try:
            with closing(sqlite3.connect(uri(path, "mode=ro"), uri=True)) as conn:
                indexed = conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,))
                found = indexed.fetchone() is not None
                at_rowid = conn.execute(f"SELECT id FROM {table} WHERE rowid = ?", (rowid,))
                same = at_rowid.fetchone()
        except sqlite3.Error:
            return False  # quick_check will say what is wrong
        if found and same is not None and str(same[0]) == row_id:
            return False
    return True
