"""Tables newsmark has no rule for (preferences, conflicts, tables other branches add):
a union of rows by the table's own keys. An integer row id is local to each file
and left out; rows equal in every other column are one. Columns referring to
articles follow the incoming article to its id here."""

from __future__ import annotations

import sqlite3

from .merge_source import ARTICLE_TABLES, OWN_TABLES, SOURCE, common_columns, quoted


def other_tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        f"SELECT name, sql FROM {SOURCE}.sqlite_master WHERE type = 'table'"
        " AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    virtual = [row["name"] for row in rows if row["sql"].upper().startswith("CREATE VIRTUAL")]
    here = {
        row[0] for row in conn.execute("SELECT name FROM main.sqlite_master WHERE type='table'")
    }
    return [
        row["name"]
        for row in rows
        if row["name"] not in OWN_TABLES | ARTICLE_TABLES
        and row["name"] in here
        and row["name"] not in virtual
        and not any(row["name"].startswith(f"{name}_") for name in virtual)  # FTS shadows
    ]


def merge_table(conn: sqlite3.Connection, table: str) -> int:
    """Union by the table's keys; rows referring to articles follow their new ids."""
    info = conn.execute(f'PRAGMA main.table_info("{table}")').fetchall()
    keys = [row for row in info if row["pk"]]
    rowid_alias = (
        len(keys) == 1 and keys[0]["type"].upper() == "INTEGER" and _has_rowid(conn, table)
    )
    columns = [c for c in common_columns(conn, table) if not (rowid_alias and c == keys[0]["name"])]
    to_articles = {
        row["from"]
        for row in conn.execute(f'PRAGMA main.foreign_key_list("{table}")')
        if row["table"] == "articles"
    }
    picked = ", ".join(
        f'coalesce((SELECT target_id FROM temp.merge_article_map WHERE source_id = s."{c}"),'
        f' s."{c}")'
        if c in to_articles
        else f's."{c}"'
        for c in columns
    )
    return conn.execute(
        f'INSERT OR IGNORE INTO main."{table}" ({quoted(columns)})'
        f' SELECT {picked} FROM {SOURCE}."{table}" s'
        f' EXCEPT SELECT {quoted(columns)} FROM main."{table}"'
    ).rowcount


def _has_rowid(conn: sqlite3.Connection, table: str) -> bool:
    sql = conn.execute("SELECT sql FROM main.sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    return "WITHOUT ROWID" not in str(sql).upper()
