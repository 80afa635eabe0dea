"""CSV export, streamed from SQLite so that memory does not grow with the row count.

SQLite formats each row as one finished CSV line with a single ``printf``:
every text cell in double quotes (inner ``"`` doubled, as RFC 4180 says),
numbers bare, and formula neutralisation per OWASP, so Python only moves one
string per row from the cursor to the file, in batches. The result is what
``csv.writer(quoting=csv.QUOTE_NONNUMERIC, lineterminator="\\r\\n")`` would
write, within a small factor of the ``sqlite3 -csv`` CLI's time
(``bench/export_bench.py``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from sqlite3 import Connection
from typing import TextIO

from .store import Store, filters

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
    "original_text",
    "origin",
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
    "from_note",
    "to_id",
    "to_article_id",
    "to_article_title",
    "to_label",
    "to_start",
    "to_end",
    "to_text",
    "to_note",
    "created_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BATCH = 2000
NEWLINE = "\r\n"
# One character of FORMULA_STARTS, then anything (``-`` first: a literal, not a range).
_FORMULA_GLOB = "'[-=+@\t\r]*'"


def neutralise(cell: str) -> str:
    """Prefix ``'`` where a spreadsheet would read the cell as a formula (also after spaces)."""
    return "'" + cell if cell.lstrip(" ").startswith(FORMULA_STARTS) else cell


@dataclass(frozen=True)
class _Cell:
    """One output column: an SQL expression and how to write it."""

    expression: str
    kind: str = "text"  # "text": quoted; "safe": quoted and neutralised; "number": bare
    # Text cells that may hold NUL, which printf would cut short (user-typed text
    # such as notes); canonical article text never does.
    may_hold_nul: bool = True


def _format(cells: list[_Cell]) -> tuple[str, str]:
    """The ``printf`` that writes a whole line, and the test for rows it cannot write."""
    pieces: list[str] = []
    arguments: list[str] = []
    for cell in cells:
        value = f"coalesce({cell.expression}, '')"
        if cell.kind == "number":
            pieces.append("%s")
            arguments.append(value)
            continue
        if cell.kind == "safe":
            pieces.append('"%s%w"')
            arguments.append(
                f"CASE WHEN {value} GLOB {_FORMULA_GLOB} OR ({value} GLOB ' *'"
                f" AND ltrim({value}, ' ') GLOB {_FORMULA_GLOB}) THEN '''' ELSE '' END"
            )
        else:
            pieces.append('"%w"')
        arguments.append(value)
    nul = " OR ".join(
        f"instr({cell.expression}, char(0))"
        for cell in cells
        if cell.kind != "number" and cell.may_hold_nul
    )
    return f"printf('{','.join(pieces)}', {', '.join(arguments)})", nul


def _slow_line(values: Iterable[object], cells: list[_Cell]) -> str:
    """The same line through ``csv.writer``, for the rare row printf cannot write."""
    fields: list[object] = []
    for value, cell in zip(values, cells, strict=True):
        if cell.kind == "number":
            fields.append(value)
            continue
        text = "" if value is None else str(value)
        fields.append(neutralise(text) if cell.kind == "safe" else text)
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="").writerow(fields)
    return buffer.getvalue()


def _export(
    conn: Connection,
    out: TextIO,
    header: Iterable[str],
    cells: list[_Cell],
    tables: str,
    key: str,
    *,
    where: str = "",
    order: str = "",
    params: Iterable[str] = (),
) -> int:
    """Header, then each batch of finished lines in one ``write``; returns the row count."""
    line, nul = _format(cells)
    cursor = conn.execute(
        f"SELECT {line}, CASE WHEN {nul} THEN {key} END {tables} {where} {order}", list(params)
    )
    cursor.row_factory = None  # plain tuples: a finished line, and a key when it is not
    one_row = f"SELECT {', '.join(cell.expression for cell in cells)} {tables} WHERE {key} = ?"
    out.write(",".join(header) + NEWLINE)
    count = 0
    while batch := cursor.fetchmany(BATCH):
        lines = [
            text if odd is None else _slow_line(conn.execute(one_row, (odd,)).fetchone(), cells)
            for text, odd in batch
        ]
        out.write(NEWLINE.join(lines) + NEWLINE)
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
    where, params = filters(list(labels), list(article_ids), "a.")
    safe = "text" if raw else "safe"
    # The linked ids, computed once per row; ids are never neutralised (they are ours).
    links = (
        "(SELECT group_concat(other, ';') FROM ("
        " SELECT to_annotation AS other FROM links"
        " WHERE from_annotation = a.id AND deleted_at IS NULL"
        " UNION ALL SELECT from_annotation FROM links"
        " WHERE to_annotation = a.id AND deleted_at IS NULL)"
        " JOIN annotations o ON o.id = other AND o.deleted_at IS NULL)"
    )
    cells = [
        _Cell("a.id"),
        _Cell("a.article_id"),
        _Cell("t.title", safe),
        _Cell("a.label", safe),
        _Cell("a.start", "number"),
        _Cell('a."end"', "number"),
        _Cell("a.text", safe, may_hold_nul=False),
        _Cell("a.prefix", safe, may_hold_nul=False),
        _Cell("a.suffix", safe, may_hold_nul=False),
        _Cell("a.note", safe),
        _Cell("a.annotator", safe),
        _Cell("a.created_at"),
        _Cell("a.updated_at"),
        _Cell(links, may_hold_nul=False),
        _Cell("a.status", may_hold_nul=False),
        _Cell("a.original_text", safe, may_hold_nul=False),  # article text, as ``text``
        _Cell("a.origin", may_hold_nul=False),
    ]
    return _export(
        store.conn,
        out,
        COLUMNS,
        cells,
        "FROM annotations a JOIN articles t ON t.id = a.article_id",
        "a.id",
        where=where,
        order='ORDER BY a.article_id, a.start, a."end"',
        params=params,
    )


def export_links(store: Store, out: TextIO, *, raw: bool = False) -> int:
    """One row per link with both quotes and titles: a contradiction reads as one row."""
    safe = "text" if raw else "safe"
    side: list[_Cell] = []
    for alias, article in (("f", "fa"), ("o", "ta")):
        side += [
            _Cell(f"{alias}.id"),
            _Cell(f"{alias}.article_id"),
            _Cell(f"{article}.title", safe),
            _Cell(f"{alias}.label", safe),
            _Cell(f"{alias}.start", "number"),
            _Cell(f'{alias}."end"', "number"),
            _Cell(f"{alias}.text", safe, may_hold_nul=False),
            _Cell(f"{alias}.note", safe),
        ]
    cells = [_Cell("l.id"), _Cell("l.kind"), _Cell("l.note", safe), *side, _Cell("l.created_at")]
    tables = (
        "FROM links l"
        " JOIN annotations f ON f.id = l.from_annotation"
        " JOIN annotations o ON o.id = l.to_annotation"
        " JOIN articles fa ON fa.id = f.article_id"
        " JOIN articles ta ON ta.id = o.article_id"
    )
    where = "WHERE l.deleted_at IS NULL AND f.deleted_at IS NULL AND o.deleted_at IS NULL"
    return _export(
        store.conn,
        out,
        LINK_COLUMNS,
        cells,
        tables,
        "l.id",
        where=where,
        order="ORDER BY l.created_at, l.id",
    )
