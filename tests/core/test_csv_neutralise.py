"""Spreadsheet safety: in the default export EVERY cell a spreadsheet would run as a
formula gets a leading ``'``, in every column (ids, ``links``, ``link_id``, ``kind``
and number columns that hold text in a hostile database included).

The database is one shared by someone else, written without newsmark: any column
may start with a formula character, after any run of Unicode spaces, zero-width
characters and BOMs, or with a fullwidth ``＝ ＋ － ＠``.
"""

from __future__ import annotations

import csv
import io
import itertools
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.articles import parse_article
from tui.core.export import (
    COLUMNS,
    LINK_COLUMNS,
    export_annotations,
    export_links,
    needs_neutralising,
)
from tui.core.store import Store

# The oracle, written from the README's list rather than from tui.core.export.
FORMULA_FIRST = ["=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]
SPACES = [chr(code) for code in range(0x110000) if unicodedata.category(chr(code)) == "Zs"]
LEADS = ["", *SPACES, *ZERO_WIDTH, " \u00a0\u200b\ufeff\u3000", "\u2060\u2060 "]
STAMP = "2025-01-01T00:00:00.000Z"


def formula(cell: str) -> bool:
    rest = cell.lstrip("".join(SPACES + ZERO_WIDTH + ["\u180e"]))
    return rest[:1] in FORMULA_FIRST and rest != ""


def expected(cell: str) -> str:
    return "'" + cell if formula(cell) else cell


CASES = [
    lead + first + "cmd|' /C calc'!A0" for lead, first in itertools.product(LEADS, FORMULA_FIRST)
]
HARMLESS = [lead + "x=1" for lead in LEADS] + ["\n=1", "'=1", "a-b", "", "  ", "\u00a0"]


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """Rows whose every column starts like a formula (or harmlessly), written with SQL."""
    path = tmp_path / "shared.db"
    Store(path).close()  # the schema, empty
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA foreign_keys = ON")
        previous = None
        for number, cell in enumerate(CASES + HARMLESS):
            key = f"{cell}#{number}"  # unique, and starts like the case
            conn.execute(
                "INSERT INTO articles (id, title, path, published, text, sha256, imported_at,"
                " updated_at) VALUES (?, ?, ?, ?, 'text of the article', ?, ?, ?)",
                (key, cell, cell, cell, f"sha{number}", STAMP, STAMP),
            )
            conn.execute(
                "INSERT INTO labels (name, key, position) VALUES (?, '', ?)", (key, 9 + number)
            )
            conn.execute(
                'INSERT INTO annotations (id, article_id, start, "end", label, text, prefix,'
                " suffix, note, annotator, created_at, updated_at, origin, original_text)"
                " VALUES (?, ?, 0, 4, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, key, key, cell, cell, cell, cell, cell, cell, cell, cell, cell),
            )
            if previous is not None:
                conn.execute(
                    "INSERT INTO links (id, from_annotation, to_annotation, kind, note, created_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (f"{cell}~{number}", key, previous, cell, cell, cell),
                )
            previous = key
        # numbers that are not numbers: a column of INTEGER affinity keeps such text
        conn.execute(
            'UPDATE annotations SET start = \'=2+5\', "end" = \'=3+5\' WHERE id = ?',
            (f"{CASES[0]}#0",),
        )
    return path


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _export(path: Path, raw: bool) -> tuple[str, str]:
    annotations, links = io.StringIO(newline=""), io.StringIO(newline="")
    with Store(path, readonly=True, verify=True) as store:
        export_annotations(store, annotations, raw=raw)
        export_links(store, links, raw=raw)
    return annotations.getvalue(), links.getvalue()


def test_every_cell_of_every_column_is_neutralised(hostile_db: Path) -> None:
    raw_annotations, raw_links = _export(hostile_db, raw=True)
    safe_annotations, safe_links = _export(hostile_db, raw=False)
    for raw_text, safe_text, header in (
        (raw_annotations, safe_annotations, COLUMNS),
        (raw_links, safe_links, LINK_COLUMNS),
    ):
        raw_rows, safe_rows = _rows(raw_text), _rows(safe_text)
        assert raw_rows[0] == safe_rows[0] == list(header)
        assert len(raw_rows) == len(safe_rows) > len(CASES)
        neutralised_columns = set()
        for raw_row, safe_row in zip(raw_rows[1:], safe_rows[1:], strict=True):
            for column, raw_cell, safe_cell in zip(header, raw_row, safe_row, strict=True):
                assert safe_cell == expected(raw_cell), (column, raw_cell, safe_cell)
                assert not formula(safe_cell)
                if safe_cell != raw_cell:
                    neutralised_columns.add(column)
        # every column took part: ids, links, link_id and kind included (status is
        # held to three words by the schema, numbers below)
        text_columns = set(header) - {"status", "start", "end", "from_start", "from_end",
                                      "to_start", "to_end"}
        assert neutralised_columns >= text_columns, text_columns - neutralised_columns


def test_a_number_column_holding_text_is_quoted_and_neutralised(hostile_db: Path) -> None:
    safe_annotations, _ = _export(hostile_db, raw=False)
    frame = pd.read_csv(io.StringIO(safe_annotations), dtype=str, keep_default_na=False)
    row = frame[frame["id"] == "'" + f"{CASES[0]}#0"].iloc[0]
    assert (row["start"], row["end"]) == ("'=2+5", "'=3+5")
    assert '"\'=2+5"' in safe_annotations  # quoted text, not a bare formula
    others = frame[frame["id"] != "'" + f"{CASES[0]}#0"]
    assert set(others["start"]) == {"0"} and set(others["end"]) == {"4"}


def test_pandas_reads_the_neutralised_export(hostile_db: Path) -> None:
    safe_annotations, safe_links = _export(hostile_db, raw=False)
    raw_annotations, raw_links = _export(hostile_db, raw=True)
    safe = pd.read_csv(io.StringIO(safe_annotations), dtype=str, keep_default_na=False)
    raw = pd.read_csv(io.StringIO(raw_annotations), dtype=str, keep_default_na=False)
    assert tuple(safe.columns) == COLUMNS and len(safe) == len(CASES) + len(HARMLESS)
    for column in ("id", "article_id", "article_title", "label", "text", "note", "links"):
        assert list(safe[column]) == [expected(cell) for cell in raw[column]], column
    links = pd.read_csv(io.StringIO(safe_links), dtype=str, keep_default_na=False)
    raw_link_rows = pd.read_csv(io.StringIO(raw_links), dtype=str, keep_default_na=False)
    assert tuple(links.columns) == LINK_COLUMNS
    for column in ("link_id", "kind", "note", "from_id", "to_article_title", "created_at"):
        assert list(links[column]) == [expected(cell) for cell in raw_link_rows[column]], column


@pytest.mark.parametrize("cell", CASES)
def test_each_formula_start_is_caught(cell: str) -> None:
    assert needs_neutralising(cell)


@pytest.mark.parametrize("cell", HARMLESS)
def test_harmless_cells_are_left_alone(cell: str) -> None:
    assert not needs_neutralising(cell)


@pytest.fixture(scope="module")
def one_note(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("note") / "note.db") as store:
        article = parse_article("Title Line\n\nSome text.\n", "a.txt")
        article_id = store.import_article(article).article_id
        store.add_annotation(article_id, 0, 5, "claim")
        yield store


@settings(deadline=None, max_examples=300)
@given(
    cell=st.lists(
        st.one_of(
            st.sampled_from(FORMULA_FIRST + SPACES[:8] + ZERO_WIDTH + ["x", "\n", "'"]),
            st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                    max_size=3),
        ),
        max_size=8,
    ).map("".join)
)
def test_python_and_sql_agree_with_the_oracle(one_note: Store, cell: str) -> None:
    """The fast path (GLOB and ltrim in SQLite) and the Python rule, on any cell."""
    assert needs_neutralising(cell) == formula(cell)
    with one_note.transaction():
        one_note.conn.execute("UPDATE annotations SET note = ?", (cell,))
    out = io.StringIO(newline="")
    export_annotations(one_note, out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert row["note"] == expected(cell), ascii(cell)
