"""The other database of a merge: checked before anything is written, then attached."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..errors import StoreError
from ..schema import SCHEMA_VERSION
from ..text import printable
from .connection import check_file, explain

SOURCE = "merge_source"  # the schema name the other file is attached as
OWN_TABLES = frozenset({"articles", "article_versions", "labels", "annotations", "links"})
# merged with the articles they describe (older files may not have them yet)
ARTICLE_TABLES = frozenset({"article_history"})


def quoted(names: list[str] | tuple[str, ...], alias: str = "") -> str:
    return ", ".join(f'{alias}"{name}"' for name in names)


def table_columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[str]:
    return [row["name"] for row in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def common_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """Columns both files have, in this database's order."""
    there = set(table_columns(conn, table, SOURCE))
    return [name for name in table_columns(conn, table) if name in there]


def check_source(path: Path) -> int:
    """The schema version of a database to merge; ``StoreError`` (one line, naming the
    file) when it is not a newsmark database, is damaged, or is newer than this newsmark."""
    check_file(path)
    shown = printable(str(path))  # a file name may hold ESC or newlines
    if not path.exists():
        raise StoreError(f"{shown}: no such database")
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise explain(path, error) from None
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{shown}: made by a newer newsmark (schema version {version}, this one"
                f" knows {SCHEMA_VERSION}); upgrade newsmark to merge it; nothing was merged"
            )
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise StoreError(f"{shown}: damaged ({'; '.join(problems)}); nothing was merged")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        missing = sorted(OWN_TABLES - tables)
        if version < 1 or missing:
            raise StoreError(
                f"{shown}: not a newsmark database (no {', '.join(missing) or 'schema'})"
            )
        # links to annotations that are not there (cheap: few links); a broken reference
        # elsewhere fails the merge itself, which then writes nothing either
        broken = conn.execute("PRAGMA foreign_key_check(links)").fetchone()
        if broken:
            raise StoreError(
                f"{shown}: damaged (a row of {broken[0]} refers to a missing row of"
                f" {broken[2]}); nothing was merged"
            )
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{shown}: damaged ({error}); nothing was merged") from None
    finally:
        conn.close()
    return version
