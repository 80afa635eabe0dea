"""Opening a database file: pragmas, migrations and the one transaction every write uses."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError
from ..schema import MIGRATIONS, SCHEMA_VERSION
from .integrity import damaged, is_damage, uri, verify

SQLITE_MAGIC = b"SQLite format 3\x00"
T = TypeVar("T")
BUSY_TIMEOUT_MS = 10_000


class _GuardedCursor(sqlite3.Cursor):
    """A cursor whose reads turn "database disk image is malformed" into ``DamagedError``.

    Iterating fetches every row at once (``fetchall``), so that a loop over a
    cursor is guarded too without a Python call per row.
    """

    def _guard(self, call: Callable[..., T], *args: Any) -> T:
        try:
            return call(*args)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            raise damaged(getattr(self.connection, "path", Path("?")), str(error)) from None

    def execute(self, sql: str, parameters: Any = (), /) -> _GuardedCursor:
        self._guard(super().execute, sql, parameters)
        return self

    def executemany(self, sql: str, parameters: Any, /) -> _GuardedCursor:
        self._guard(super().executemany, sql, parameters)
        return self

    def fetchone(self) -> Any:
        return self._guard(super().fetchone)

    def fetchmany(self, size: int | None = 1) -> list[Any]:
        return self._guard(super().fetchmany, self.arraysize if size is None else size)

    def fetchall(self) -> list[Any]:
        return self._guard(super().fetchall)

    def __iter__(self) -> Iterator[Any]:  # type: ignore[override]  # a list iterator
        return iter(self.fetchall())


class _GuardedConnection(sqlite3.Connection):
    """Every statement runs on a ``_GuardedCursor``: a page found damaged in the middle
    of a session becomes one ``DamagedError`` naming the file, wherever the store reads."""

    path = Path("?")

    def execute(self, sql: str, parameters: Any = (), /) -> _GuardedCursor:
        return self.cursor(_GuardedCursor).execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> _GuardedCursor:
        return self.cursor(_GuardedCursor).executemany(sql, parameters)


def _check_name(path: Path) -> None:
    name = str(path)
    if name == ":memory:" or name.startswith("file:"):
        raise StoreError(
            f"{name}: in-memory databases and file: URIs are not accepted; name a database"
            f" file (./{name} for a file of that name)"
        )


def check_file(path: Path) -> None:
    if path.is_dir():
        raise StoreError(f"{path}: is a directory, not a database")
    if path.exists() and not path.is_file():
        raise StoreError(f"{path}: not a regular file, so not a database")
    if path.exists():
        try:
            with path.open("rb") as handle:
                head = handle.read(16)
        except OSError as error:
            raise StoreError(f"{path}: cannot be read ({error.strerror})") from None
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"{path}: not a SQLite database")


def _verify(path: Path) -> None:
    try:
        verify(path)
    except sqlite3.Error as error:  # cannot even be opened read-only
        raise explain(path, error) from None


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


def explain(path: Path, error: sqlite3.Error) -> StoreError:
    """One line for what SQLite said (``NewsmarkError`` makes the path harmless to print)."""
    message = str(error)
    if is_damage(error):
        return damaged(path, message)
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


class Connection:
    """One connection to one database file, and its transactions."""

    def __init__(self, path: str | Path, *, readonly: bool = False, verify: bool = False) -> None:
        """``verify``: the path came from a user; refuse what is not a database file
        (``:memory:``, a ``file:`` URI), a damaged database or a foreign ``-wal``
        (``integrity.verify`` reads the whole file once)."""
        self.path = Path(path)
        self._depth = 0  # open transaction() blocks: the outermost commits
        if verify:
            _check_name(self.path)
        check_file(self.path)
        if readonly and not self.path.exists():
            raise StoreError(f"{self.path}: no such database")
        if verify:
            _verify(self.path)
        try:
            conn = sqlite3.connect(
                uri(self.path, "mode=ro") if readonly else str(self.path),
                uri=readonly,
                check_same_thread=False,
                factory=_GuardedConnection,
            )
        except sqlite3.DatabaseError as error:
            raise explain(self.path, error) from None
        conn.path = self.path
        conn.row_factory = sqlite3.Row
        self.conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not readonly:
                _use_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._migrate(readonly)
        except BaseException as error:
            conn.close()
            if isinstance(error, sqlite3.DatabaseError):
                raise explain(self.path, error) from None
            raise

    def close(self) -> None:
        self.conn.close()

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
            self._upgrade_then_read(version)
            return
        with self.transaction():
            # another newsmark may have migrated while this one waited for the lock
            version = int(self.conn.execute("PRAGMA user_version").fetchone()[0])
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self.conn.execute(statement)
            if version < SCHEMA_VERSION:
                self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _upgrade_then_read(self, version: int) -> None:
        """A reading command on a database an older newsmark made: upgrade it once with a
        writable connection (the schema changes, never a row's meaning), then read."""
        try:
            Connection(self.path).close()
        except StoreError as error:
            raise StoreError(
                f"{self.path}: needs an upgrade from schema version {version} to"
                f" {SCHEMA_VERSION}, which cannot be written here ({error})"
            ) from None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One durable transaction; a second process waits (busy timeout) instead of failing.

        Nestable: an inner block is a savepoint of the outer one, so that several
        writes (a batch, an editor save) commit together or not at all.
        """
        if self._depth:
            yield from self._savepoint()
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise explain(self.path, error) from None
        self._depth = 1
        try:
            yield
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise explain(self.path, error) from None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _savepoint(self) -> Iterator[None]:
        name = f"nested_{self._depth}"
        self.conn.execute(f"SAVEPOINT {name}")
        self._depth += 1
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:  # SQLite may have rolled everything back already
                self.conn.execute(f"ROLLBACK TO {name}")
                self.conn.execute(f"RELEASE {name}")
            raise
        else:
            self.conn.execute(f"RELEASE {name}")
        finally:
            self._depth -= 1

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def data_version(self) -> int:
        """Changes when another connection commits (never for this one's own commits):
        cheap polling for refresh."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])
