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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from sqlite3 import Connection
from typing import TextIO, cast

from .store import Store, filters

COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_source",
    "article_published",
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
# A spreadsheet runs a cell as a formula when it starts with one of these (OWASP's
# list, plus the fullwidth forms that East Asian input methods type and that
# spreadsheets read as their ASCII twins) ...
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# ... also after a run of these: Unicode spaces (Zs), zero-width characters and the BOM.
BLANKS = (
    " \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\u180e\u200b\u200c\u200d\u2060\ufeff"
)
BATCH = 2000
NEWLINE = "\r\n"
_FORMULA = re.compile(f"[{re.escape(BLANKS)}]*[{re.escape(''.join(FORMULA_STARTS))}]")
# The same test in SQL. ``unicode()`` (the first code point) against a constant
# list turns almost every cell away at once, cheaper than a GLOB character class;
# ltrim runs only for a cell that starts with a blank or a formula character.
# ``-`` comes first in a GLOB class: a literal, not a range.
_STARTS = "-" + "".join(FORMULA_STARTS).replace("-", "")
_FIRST_CODES = ", ".join(str(code) for code in sorted(map(ord, _STARTS + BLANKS)))
_SQL_NEUTRALISED = (
    "CASE WHEN unicode({value}) IN (" + _FIRST_CODES + ")"
    " AND ltrim({value}, '" + BLANKS + "') GLOB '[" + _STARTS + "]*'"
    " THEN '''' ELSE '' END"
)


def needs_neutralising(cell: str) -> bool:
    """True where a spreadsheet would read ``cell`` as a formula."""
    return _FORMULA.match(cell) is not None


def neutralise(cell: str) -> str:
    """Prefix ``'`` where a spreadsheet would read the cell as a formula (OWASP)."""
    return "'" + cell if needs_neutralising(cell) else cell


@dataclass(frozen=True)
class _Cell:
    """One output column: an SQL expression and how to write it."""

    expression: str
    number: bool = False  # written bare; a stored value that is not an integer is text
    # The expression neutralises its own value (so that a subquery runs once a row).
    neutralised: bool = False
    # Text cells that may hold NUL, which printf would cut short (user-typed text
    # such as notes); canonical article text never does.
    may_hold_nul: bool = True


def _format(cells: list[_Cell], raw: bool) -> tuple[str, str]:
    """The ``printf`` that writes a whole line, and the test for rows it cannot write:
    a NUL in a text cell, or a number column holding text (a hostile database)."""
    pieces: list[str] = []
    arguments: list[str] = []
    odd: list[str] = []
    for cell in cells:
        value = f"coalesce({cell.expression}, '')"
        if cell.number:
            pieces.append("%s")
            arguments.append(value)
            odd.append(f"typeof({cell.expression}) <> 'integer'")
            continue
        if cell.may_hold_nul:
            odd.append(f"instr({cell.expression}, char(0))")
        if raw or cell.neutralised:
            pieces.append('"%w"')
        else:
            pieces.append('"%s%w"')
            arguments.append(_SQL_NEUTRALISED.format(value=value))
        arguments.append(value)
    return f"printf('{','.join(pieces)}', {', '.join(arguments)})", " OR ".join(odd)


def _slow_line(values: Iterable[object], cells: list[_Cell], raw: bool) -> str:
    """The same line through ``csv.writer``, for the rare row printf cannot write."""
    fields: list[object] = []
    for value, cell in zip(values, cells, strict=True):
        if cell.number and type(value) is int:
            fields.append(value)
            continue
        text = "" if value is None else str(value)
        fields.append(text if raw else neutralise(text))
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
    raw: bool,
    where: str = "",
    order: str = "",
    params: Iterable[str] = (),
) -> int:
    """Header, then each batch of finished lines in one ``write``; returns the row count."""
    line, odd_row = _format(cells, raw)
    cursor = conn.execute(
        f"SELECT {line}, CASE WHEN {odd_row} THEN {key} END {tables} {where} {order}",
        list(params),
    )
    cursor.row_factory = None  # plain tuples: a finished line, and a key when it is not
    one_row = f"SELECT {', '.join(cell.expression for cell in cells)} {tables} WHERE {key} = ?"
    out.write(",".join(header) + NEWLINE)
    count = 0
    while batch := cursor.fetchmany(BATCH):
        lines = [
            text
            if odd is None
            else _slow_line(conn.execute(one_row, (odd,)).fetchone(), cells, raw)
            for text, odd in batch
        ]
        out.write(NEWLINE.join(lines) + NEWLINE)
        count += len(batch)
    return count


def export_paths(db_path: Path) -> tuple[Path, Path]:
    """Where the reader's `e` writes, beside the database: ``annotations.db`` gives
    ``annotations.csv`` and ``annotations-links.csv``, ``team.db`` gives
    ``team-annotations.csv`` and ``team-links.csv``."""
    folder, stem = db_path.resolve().parent, db_path.stem
    first = f"{stem}.csv" if stem == "annotations" else f"{stem}-annotations.csv"
    return folder / first, folder / f"{stem}-links.csv"


def write_both(store: Store, db_path: Path) -> tuple[Path, int, Path, int]:
    """Both CSV files, each replacing its old copy only if both were written."""
    from contextlib import ExitStack

    from .formats.output import atomic_output

    annotations, links = export_paths(db_path)
    with ExitStack() as stack:
        first = stack.enter_context(atomic_output(annotations))
        second = stack.enter_context(atomic_output(links))
        count = export_annotations(store, cast(TextIO, first))
        link_count = export_links(store, cast(TextIO, second))
    return annotations, count, links, link_count


def export_annotations(
    store: Store,
    out: TextIO,
    *,
    labels: Iterable[str] = (),
    article_ids: Iterable[str] = (),
    annotators: Iterable[str] = (),
    raw: bool = False,
) -> int:
    """Write one CSV row per annotation; returns the number of rows."""
    where, params = filters(list(labels), list(article_ids), "a.", list(annotators))
    # The linked ids, computed (and neutralised: SQLite computes one aggregate once)
    # inside one subquery per row.
    joined = "group_concat(other, ';')"
    shown = joined if raw else f"{_SQL_NEUTRALISED.format(value=joined)} || {joined}"
    links = (
        f"(SELECT {shown} FROM ("
        " SELECT to_annotation AS other FROM links"
        " WHERE from_annotation = a.id AND deleted_at IS NULL"
        " UNION ALL SELECT from_annotation FROM links"
        " WHERE to_annotation = a.id AND deleted_at IS NULL)"
        " JOIN annotations o ON o.id = other AND o.deleted_at IS NULL)"
    )
    cells = [
        _Cell("a.id"),
        _Cell("a.article_id"),
        _Cell("t.title"),
        _Cell("CASE WHEN t.url <> '' THEN t.url ELSE t.path END"),  # where it came from
        _Cell("t.published"),
        _Cell("a.label"),
        _Cell("a.start", number=True),
        _Cell('a."end"', number=True),
        _Cell("a.text", may_hold_nul=False),
        _Cell("a.prefix", may_hold_nul=False),
        _Cell("a.suffix", may_hold_nul=False),
        _Cell("a.note"),
        _Cell("a.annotator"),
        _Cell("a.created_at"),
        _Cell("a.updated_at"),
        _Cell(links, may_hold_nul=False, neutralised=True),
        _Cell("a.status", may_hold_nul=False),
        _Cell("a.original_text", may_hold_nul=False),  # article text, as ``text``
        _Cell("a.origin", may_hold_nul=False),
    ]
    return _export(
        store.conn,
        out,
        COLUMNS,
        cells,
        "FROM annotations a JOIN articles t ON t.id = a.article_id",
        "a.id",
        raw=raw,
        where=where,
        order='ORDER BY a.article_id, a.start, a."end"',
        params=params,
    )


def export_links(store: Store, out: TextIO, *, raw: bool = False) -> int:
    """One row per link with both quotes and titles: a contradiction reads as one row."""
    side: list[_Cell] = []
    for alias, article in (("f", "fa"), ("o", "ta")):
        side += [
            _Cell(f"{alias}.id"),
            _Cell(f"{alias}.article_id"),
            _Cell(f"{article}.title"),
            _Cell(f"{alias}.label"),
            _Cell(f"{alias}.start", number=True),
            _Cell(f'{alias}."end"', number=True),
            _Cell(f"{alias}.text", may_hold_nul=False),
            _Cell(f"{alias}.note"),
        ]
    cells = [_Cell("l.id"), _Cell("l.kind"), _Cell("l.note"), *side, _Cell("l.created_at")]
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
        raw=raw,
        where=where,
        order="ORDER BY l.created_at, l.id",
    )
