"""CSV export, streamed from SQLite so that memory does not grow with the row count.

Formula neutralisation (OWASP CSV injection) happens inside the query, in C,
so the Python side only hands rows from the cursor to ``csv.writer``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from .store import Store, _filters

COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "label",
    "start",
    "end",
    "text",
    "prefix",
    "suffix",
    "note",
    "annotator",
    "created_at",
    "updated_at",
    "links",
    "status",
)
LINK_COLUMNS = (
    "link_id",
    "kind",
    "note",
    "from_id",
    "from_article_id",
    "from_article_title",
    "from_label",
    "from_start",
    "from_end",
    "from_text",
    "to_id",
    "to_article_id",
    "to_article_title",
    "to_label",
    "to_start",
    "to_end",
    "to_text",
    "created_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 2000


def neutralise(cell: str) -> str:
    """Prefix ``'`` where a spreadsheet would read the cell as a formula (also after spaces)."""
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell


def _safe(expression: str, raw: bool) -> str:
    """SQL twin of ``neutralise`` so that the check runs in SQLite, not per cell in Python."""
    if raw:
        return expression
    first = f"substr(ltrim({expression}, ' '), 1, 1)"
    return (
        f"CASE WHEN {first} IN ('=', '+', '-', '@', char(9), char(13))"
        f" THEN '''' || {expression} ELSE {expression} END"
    )


def _write(out: TextIO, header: Iterable[str], rows: Iterable[object]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    count = 0
    cursor = iter(rows)
    while True:
        batch = [row for _, row in zip(range(BATCH), cursor, strict=False)]
        if not batch:
            return count
        writer.writerows(batch)  # type: ignore[arg-type]
        count += len(batch)


def export_annotations(
    store: Store,
    out: TextIO,
    *,
    labels: Iterable[str] = (),
    article_ids: Iterable[str] = (),
    raw: bool = False,
) -> int:
    """Write one CSV row per annotation; returns the number of rows."""
    where, params = _filters(list(labels), list(article_ids), "a.")
    links = (
        "(SELECT group_concat(other, ';') FROM ("
        " SELECT to_annotation AS other FROM links WHERE from_annotation = a.id"
        " UNION ALL SELECT from_annotation FROM links WHERE to_annotation = a.id))"
    )
    columns = ", ".join(
        [
            "a.id",
            "a.article_id",
            _safe("t.title", raw),
            _safe("a.label", raw),
            "a.start",
            'a."end"',
            _safe("a.text", raw),
            _safe("a.prefix", raw),
            _safe("a.suffix", raw),
            _safe("a.note", raw),
            _safe("a.annotator", raw),
            "a.created_at",
            "a.updated_at",
            f"coalesce({links}, '')",
            "CASE WHEN a.orphaned THEN 'orphaned' ELSE 'anchored' END",
        ]
    )
    cursor = store.conn.execute(
        f"SELECT {columns} FROM annotations a JOIN articles t ON t.id = a.article_id"
        f" {where} ORDER BY a.article_id, a.start, a.\"end\"",
        params,
    )
    cursor.row_factory = None  # plain tuples: the csv writer needs nothing more
    return _write(out, COLUMNS, cursor)


def export_links(store: Store, out: TextIO, *, raw: bool = False) -> int:
    """One row per link with both quotes and titles: a contradiction reads as one row."""
    side = []
    for alias, article in (("f", "fa"), ("o", "ta")):
        side += [
            f"{alias}.id",
            f"{alias}.article_id",
            _safe(f"{article}.title", raw),
            _safe(f"{alias}.label", raw),
            f"{alias}.start",
            f'{alias}."end"',
            _safe(f"{alias}.text", raw),
        ]
    columns = ", ".join(["l.id", "l.kind", _safe("l.note", raw), *side, "l.created_at"])
    cursor = store.conn.execute(
        f"SELECT {columns} FROM links l"
        " JOIN annotations f ON f.id = l.from_annotation"
        " JOIN annotations o ON o.id = l.to_annotation"
        " JOIN articles fa ON fa.id = f.article_id"
        " JOIN articles ta ON ta.id = o.article_id"
        " ORDER BY l.created_at, l.id"
    )
    cursor.row_factory = None
    return _write(out, LINK_COLUMNS, cursor)
