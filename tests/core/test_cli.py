"""The command line as a user runs it: import, stats, export, and one clear line for bad input."""

from __future__ import annotations

import csv
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from tui.cli import cli
from tui.core.articles import load_article
from tui.core.export import COLUMNS, LINK_COLUMNS
from tui.core.schema import SCHEMA_VERSION
from tui.core.store import Store
from tui.seeds import seed_paths

SEEDS = seed_paths()
TITLES = [load_article(path).title for path in SEEDS]


def newsmark(*args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``python -m tui ARGS`` in a real process, with UTF-8 output and no inherited NEWSMARK_*."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("NEWSMARK_")
    }
    environment.update(PYTHONIOENCODING="utf-8", **env)
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def snapshot(db: Path) -> dict[str, Any]:
    """Everything a database holds, read without newsmark."""
    with closing(sqlite3.connect(db)) as conn:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master ORDER BY name")]
        return {
            "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
            **{
                table: sorted(map(repr, conn.execute(f'SELECT * FROM "{table}"')))
                for table in tables
                if not table.startswith("sqlite_")
                and conn.execute("SELECT type FROM sqlite_master WHERE name = ?", (table,))
                .fetchone()[0] == "table"
            },
        }


def assert_one_line_error(result: subprocess.CompletedProcess[str], *names: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    for name in names:
        assert name in lines[0], (name, lines[0])
    return lines[0]


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    """A database with both seeds and a few annotations (one with a formula-like note)."""
    db = tmp_path / "seeded.db"
    with Store(db) as store:
        ids = [store.import_article(load_article(path)).article_id for path in SEEDS]
        first = store.get_article(ids[0])
        start = first.text.index("Iran’s Foreign Ministry")
        claim = store.add_annotation(ids[0], start, start + 23, "claim", note="=2+2, \"q\"\nx")
        quote = store.add_annotation(ids[1], 0, 6, "quote", annotator="@ana")
        store.add_annotation(ids[1], 10, 20, "inconsistency")
        store.add_link(claim.id, quote.id, note="-differs")
    return db


# -- help and the happy path ----------------------------------------------------------------


def test_help_lists_the_commands(tmp_path: Path) -> None:
    result = newsmark("--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Usage: newsmark" in result.stdout
    commands = result.stdout.split("Commands:")[1]
    for command in ("read", "import", "export", "stats"):
        assert f"  {command}" in commands


@pytest.mark.skipif(shutil.which("newsmark") is None, reason="console script not on PATH")
def test_console_script(tmp_path: Path) -> None:
    result = subprocess.run(
        ["newsmark", "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0 and "export" in result.stdout


def test_import_stats_export_on_the_seeds(tmp_path: Path) -> None:
    first = newsmark("import", *SEEDS, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    assert len(lines) == 2
    for line, title in zip(lines, TITLES, strict=True):
        assert line.startswith("new") and title in line
    db = tmp_path / "annotations.db"  # the default, in the current directory
    assert db.exists()
    before = snapshot(db)

    again = newsmark("import", *SEEDS, cwd=tmp_path)
    assert again.returncode == 0
    assert [line.split()[0] for line in again.stdout.splitlines()] == ["unchanged"] * 2
    assert snapshot(db) == before

    stats = newsmark("stats", cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    assert "2 article(s)" in stats.stdout
    for title in TITLES:
        assert title in stats.stdout
    assert "0 annotation(s)" in stats.stdout

    export = newsmark("export", cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    assert export.stdout.strip() == ",".join(COLUMNS)


def test_stats_counts_by_label(seeded: Path, tmp_path: Path) -> None:
    result = newsmark("stats", "--db", seeded, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "3 annotation(s): claim 1, quote 1, inconsistency 1" in result.stdout
    assert "claim 1, quote 0, inconsistency 0" in result.stdout  # the first seed's line


def test_export_to_stdout_and_file(seeded: Path, tmp_path: Path) -> None:
    stdout = newsmark("export", "--db", seeded, cwd=tmp_path)
    assert stdout.returncode == 0, stdout.stderr
    assert stdout.stderr == ""
    rows = list(csv.DictReader(io.StringIO(stdout.stdout, newline="")))
    assert len(rows) == 3
    claim = next(row for row in rows if row["label"] == "claim")
    assert claim["text"] == "Iran’s Foreign Ministry"
    assert claim["note"] == "'=2+2, \"q\"\nx"
    assert claim["article_title"] == TITLES[0]
    quote = next(row for row in rows if row["label"] == "quote")
    assert quote["annotator"] == "'@ana"
    assert claim["links"] == quote["id"] and quote["links"] == claim["id"]

    out = tmp_path / "out.csv"
    to_file = newsmark("export", "--db", seeded, "-o", out, cwd=tmp_path)
    assert to_file.returncode == 0 and to_file.stdout == ""
    assert "3 annotation(s) written" in to_file.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        assert list(csv.DictReader(handle)) == rows
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert frame.to_dict("records") == rows


def test_stdout_export_is_utf8_whatever_the_locale(seeded: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui", "export", "--db", str(seeded)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONIOENCODING": "latin-1"},
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = result.stdout.decode("utf-8")
    assert "Iran’s Foreign Ministry" in text
    assert b"\r\n" in result.stdout  # CSV row ends untouched


def test_export_options(seeded: Path, tmp_path: Path) -> None:
    with Store(seeded, readonly=True) as store:
        second = store.articles()[1].id
    raw = newsmark("export", "--db", seeded, "--raw", "--label", "claim", cwd=tmp_path)
    (row,) = csv.DictReader(io.StringIO(raw.stdout, newline=""))
    assert row["note"] == "=2+2, \"q\"\nx"

    labels = newsmark(
        "export", "--db", seeded, "--label", "quote", "--label", "inconsistency", cwd=tmp_path
    )
    assert sorted(r["label"] for r in csv.DictReader(io.StringIO(labels.stdout))) == [
        "inconsistency", "quote"
    ]
    article = newsmark("export", "--db", seeded, "--article", second, cwd=tmp_path)
    assert {r["article_id"] for r in csv.DictReader(io.StringIO(article.stdout))} == {second}

    links = tmp_path / "links.csv"
    both = newsmark("export", "--db", seeded, "-o", tmp_path / "a.csv", "--links", links,
                    cwd=tmp_path)
    assert both.returncode == 0, both.stderr
    (link,) = csv.DictReader(links.open(encoding="utf-8", newline=""))
    assert list(link) == list(LINK_COLUMNS)
    assert (link["from_text"], link["to_label"], link["note"]) == (
        "Iran’s Foreign Ministry", "quote", "'-differs"
    )


def test_newsmark_db_variable(seeded: Path, tmp_path: Path) -> None:
    result = newsmark("stats", cwd=tmp_path, NEWSMARK_DB=str(seeded))
    assert result.returncode == 0 and "3 annotation(s)" in result.stdout
    assert not (tmp_path / "annotations.db").exists()


# -- bad input: one line, exit 2, no traceback, nothing written ---------------------------------

BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "missing.txt": (None, "no such file"),
    "folder.txt": (None, "is a directory"),
    "latin1.txt": ("Café au lait, s’il vous plaît".encode("cp1252"), "not valid UTF-8 at byte 3"),
    "picture.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "UTF-8"),
    "controls.txt": (bytes(range(1, 32)) * 64, "binary"),
    "empty.txt": (b"", "empty"),
    "blank.md": (b"\r\n   \n\t\n", "empty"),
}


def _make_bad(folder: Path, name: str) -> Path:
    path = folder / name
    data, _ = BAD_FILES[name]
    if name == "folder.txt":
        path.mkdir()
    elif data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_article_file(seeded: Path, tmp_path: Path, name: str) -> None:
    bad = _make_bad(tmp_path, name)
    before = snapshot(seeded)
    good = tmp_path / "good.txt"
    good.write_text("A Perfectly Good Headline\n\nWith a body.\n", encoding="utf-8")
    result = newsmark("import", "--db", seeded, good, bad, cwd=tmp_path)
    line = assert_one_line_error(result, name, BAD_FILES[name][1])
    assert line.startswith("newsmark: ")
    assert result.stdout == ""
    assert snapshot(seeded) == before  # the good file was not imported either


def test_bad_file_does_not_leave_a_new_database_half_written(tmp_path: Path) -> None:
    bad = _make_bad(tmp_path, "latin1.txt")
    result = newsmark("import", SEEDS[0], bad, cwd=tmp_path)
    assert_one_line_error(result, "latin1.txt")
    db = tmp_path / "annotations.db"
    if db.exists():  # created empty at most: no article from the good file
        assert snapshot(db)["articles"] == []


@pytest.mark.parametrize("command", ["import", "stats", "export"])
def test_database_that_is_not_sqlite(tmp_path: Path, command: str) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my notes, not a database\n" * 20)
    args = ["import", SEEDS[0]] if command == "import" else [command]
    result = newsmark(*args, "--db", db, cwd=tmp_path)
    assert_one_line_error(result, "notes.db", "not a SQLite database")
    assert db.read_text() == "my notes, not a database\n" * 20
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.db"]


@pytest.mark.parametrize("command", ["import", "stats", "export"])
def test_database_of_a_newer_newsmark(seeded: Path, tmp_path: Path, command: str) -> None:
    with closing(sqlite3.connect(seeded)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = snapshot(seeded)
    args = ["import", SEEDS[0]] if command == "import" else [command]
    result = newsmark(*args, "--db", seeded, cwd=tmp_path)
    assert_one_line_error(result, "seeded.db", "newer")
    assert result.stdout == ""
    assert snapshot(seeded) == before


@pytest.mark.parametrize("command", ["import", "stats", "export"])
def test_database_that_is_a_directory(tmp_path: Path, command: str) -> None:
    (tmp_path / "db").mkdir()
    args = ["import", SEEDS[0]] if command == "import" else [command]
    result = newsmark(*args, "--db", tmp_path / "db", cwd=tmp_path)
    assert_one_line_error(result, "db", "directory")
    assert list((tmp_path / "db").iterdir()) == []


@pytest.mark.parametrize("command", ["stats", "export"])
def test_reading_a_missing_database_creates_nothing(tmp_path: Path, command: str) -> None:
    result = newsmark(command, "--db", tmp_path / "nope.db", cwd=tmp_path)
    assert_one_line_error(result, "nope.db", "no such database")
    assert list(tmp_path.iterdir()) == []


def test_export_to_an_unwritable_place(seeded: Path, tmp_path: Path) -> None:
    result = newsmark("export", "--db", seeded, "-o", tmp_path / "no" / "out.csv", cwd=tmp_path)
    assert_one_line_error(result, "out.csv", "cannot write")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
@pytest.mark.parametrize("command", ["import", "stats", "export"])
def test_unreadable_database(seeded: Path, tmp_path: Path, command: str) -> None:
    before = snapshot(seeded)
    seeded.chmod(0)
    try:
        args = ["import", SEEDS[0]] if command == "import" else [command]
        result = newsmark(*args, "--db", seeded, cwd=tmp_path)
        assert_one_line_error(result, "seeded.db")
    finally:
        seeded.chmod(0o644)
    assert snapshot(seeded) == before


@pytest.mark.parametrize("command", ["import", "stats", "export"])
def test_unreadable_database_in_process(
    seeded: Path, tmp_path: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal where the test runs as root: reading the header is denied."""
    before = snapshot(seeded)
    real_open = Path.open

    def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == seeded.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    args = ["import", str(SEEDS[0])] if command == "import" else [command]
    result = CliRunner().invoke(cli, [*args, "--db", str(seeded)])
    monkeypatch.undo()
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "seeded.db" in lines[0] and "Permission denied" in lines[0]
    assert result.stdout == ""
    assert snapshot(seeded) == before


@pytest.mark.parametrize("where", ["default", "variable", "empty variable"])
def test_a_bare_newsmark_refuses_a_database_as_newsmark_read_does(
    tmp_path: Path, where: str
) -> None:
    """A bare `newsmark` opens the reader without click: the same refusals as `read`'s."""
    name = "notes.db" if where == "variable" else "annotations.db"
    (tmp_path / name).write_text("my notes, not a database\n" * 20)
    env = {"NEWSMARK_DB": {"variable": name, "empty variable": ""}.get(where)}
    env = {key: value for key, value in env.items() if value is not None}
    bare = newsmark(cwd=tmp_path, **env)
    read = newsmark("read", cwd=tmp_path, **env)
    assert_one_line_error(bare, name, "not a SQLite database")
    assert (bare.returncode, bare.stdout, bare.stderr) == (
        read.returncode,
        read.stdout,
        read.stderr,
    )


@pytest.mark.parametrize(
    "entry", ["import tui.cli", "from tui.cli import main", "from tui.cli import DEFAULT_DB"]
)
def test_a_bare_newsmark_does_not_load_click(entry: str) -> None:
    """click (and every command) takes ~40 ms to import: the reader's usual start does
    without it, entered as ``python -m tui`` and the console script do (``from ... import``)."""
    check = (
        f"import sys; {entry}; import tui.reader; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'click'"
        " or m == 'tui.commands'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
