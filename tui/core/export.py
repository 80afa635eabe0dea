"""CSV export, streamed from SQLite so that memory does not grow with the row count.

SQLite formats each row as one finished CSV line (RFC 4180 quoting exactly as
``csv.writer`` with the excel dialect would do it, and formula neutralisation
per OWASP), so Python only moves one string per row from the cursor to the
file, in batches. That keeps the export within a small factor of the
``sqlite3 -csv`` CLI (see ``bench/export_bench.py``).
"""

from __future__ import annotations

from collections.abc import Iterable
from sqlite3 import Cursor
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
NEWLINE = "\r\n"


def neutralise(cell: str) -> str:
    """Prefix ``'`` where a spreadsheet would read the cell as a formula (also after spaces)."""
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell


def _text_cell(expression: str, *, safe: bool) -> str:
    """SQL for one text cell written as ``csv.writer`` would write it.

    Quoted (with ``"`` doubled) when it holds ``"``, ``,``, CR or LF; with
    ``safe``, prefixed by ``'`` exactly where ``neutralise`` would prefix it.
    ``expression`` should be a plain column: it is evaluated more than once.
    """
    value = f"coalesce({expression}, '')"
    prefix = ""
    if safe:
        first = f"substr(ltrim({value}, ' '), 1, 1)"
        prefix = (
            f"CASE WHEN {first} IN ('=', '+', '-', '@', char(9), char(13))"
            " THEN '''' ELSE '' END || "
        )
    return (
        f"CASE WHEN instr({value}, '\"') THEN '\"' || {prefix}replace({value}, '\"', '\"\"')"
        " || '\"'"
        f" WHEN instr({value}, ',') OR instr({value}, char(10)) OR instr({value}, char(13))"
        f" THEN '\"' || {prefix}{value} || '\"'"
        f" ELSE {prefix}{value} END"
    )


def _line(cells: list[str]) -> str:
    return " || ',' || ".join(f"({cell})" for cell in cells)


def _write(out: TextIO, header: Iterable[str], cursor: Cursor) -> int:
    """Header, then each batch of finished lines in one ``write``; returns the row count."""
    out.write(",".join(header) + NEWLINE)
    count = 0
    while batch := cursor.fetchmany(BATCH):
        out.write(NEWLINE.join([row[0] for row in batch]) + NEWLINE)
        count += len(batch)
    return count


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
    # The linked ids, computed once per row; ids are never neutralised (they are ours).
    linked = _text_cell("group_concat(other, ';')", safe=False)
    links = (
        f"(SELECT {linked} FROM ("
        " SELECT to_annotation AS other FROM links WHERE from_annotation = a.id"
        " UNION ALL SELECT from_annotation FROM links WHERE to_annotation = a.id))"
    )
    safe = not raw
    line = _line(
        [
            _text_cell("a.id", safe=False),
            _text_cell("a.article_id", safe=False),
            _text_cell("t.title", safe=safe),
            _text_cell("a.label", safe=safe),
            "a.start",
            'a."end"',
            _text_cell("a.text", safe=safe),
            _text_cell("a.prefix", safe=safe),
            _text_cell("a.suffix", safe=safe),
            _text_cell("a.note", safe=safe),
            _text_cell("a.annotator", safe=safe),
            _text_cell("a.created_at", safe=False),
            _text_cell("a.updated_at", safe=False),
            links,
            "CASE WHEN a.orphaned THEN 'orphaned' ELSE 'anchored' END",
        ]
    )
    cursor = store.conn.execute(
        f"SELECT {line} FROM annotations a JOIN articles t ON t.id = a.article_id"
        f" {where} ORDER BY a.article_id, a.start, a.\"end\"",
        params,
    )
    cursor.row_factory = None  # plain tuples: one finished line each
    return _write(out, COLUMNS, cursor)


def export_links(store: Store, out: TextIO, *, raw: bool = False) -> int:
    """One row per link with both quotes and titles: a contradiction reads as one row."""
    safe = not raw
    side = []
    for alias, article in (("f", "fa"), ("o", "ta")):
        side += [
            _text_cell(f"{alias}.id", safe=False),
            _text_cell(f"{alias}.article_id", safe=False),
            _text_cell(f"{article}.title", safe=safe),
            _text_cell(f"{alias}.label", safe=safe),
            f"{alias}.start",
            f'{alias}."end"',
            _text_cell(f"{alias}.text", safe=safe),
        ]
    line = _line(
        [
            _text_cell("l.id", safe=False),
            _text_cell("l.kind", safe=False),
            _text_cell("l.note", safe=safe),
            *side,
            _text_cell("l.created_at", safe=False),
        ]
    )
    cursor = store.conn.execute(
        f"SELECT {line} FROM links l"
        " JOIN annotations f ON f.id = l.from_annotation"
        " JOIN annotations o ON o.id = l.to_annotation"
        " JOIN articles fa ON fa.id = f.article_id"
        " JOIN articles ta ON ta.id = o.article_id"
        " ORDER BY l.created_at, l.id"
    )
    cursor.row_factory = None
    return _write(out, LINK_COLUMNS, cursor)
