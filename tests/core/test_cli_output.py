"""Every byte the CLI writes to a terminal is harmless, whatever the paths, titles, labels
and notes hold: ESC sequences, C1 controls (CSI as one byte), bidi overrides.

The hostile strings come the ways they come in practice: file and folder names
(``--db``, ``-o``, article paths), and a database shared by someone else, whose
rows were written without newsmark (titles, labels, notes).
"""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers.cli_run import on_a_terminal, one_line_error, run, terminal_actions
from tui.core.store import Store

OSC_TITLE = "\x1b]0;PWNED\x07"
HOSTILE = f"{OSC_TITLE}\x9b2J\u202eexe.txt\x7f"  # OSC, a C1 CSI, a bidi override, DEL


@pytest.fixture
def place(tmp_path: Path) -> dict[str, Path]:
    """A folder, a database, an article and an output path, all with hostile names;
    a title, a label and a note written raw into the database, as another tool might."""
    folder = tmp_path / f"dir {HOSTILE}"
    folder.mkdir()
    article = folder / f"story {HOSTILE}.txt"
    article.write_text("A Headline About Talks\n\nThe talks resumed on Friday in Muscat.\n")
    db = folder / f"notes {HOSTILE}.db"
    assert run("import", article, "--db", db, cwd=tmp_path).returncode == 0
    with Store(db) as store:
        article_id = store.articles()[0].id
        store.add_annotation(article_id, 0, 10, "claim", note=f"note {HOSTILE}\nline two")
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("UPDATE articles SET title = ?", (f"title {HOSTILE}",))
        conn.execute("INSERT INTO labels (name, key, position) VALUES (?, '', 9)", (HOSTILE,))
    return {"folder": folder, "db": db, "article": article, "out": folder / f"out {HOSTILE}.csv"}


def _clean(result: subprocess.CompletedProcess[bytes], *, stdout: bool = True) -> None:
    assert terminal_actions(result.stderr) == [], ascii(result.stderr)
    if stdout:
        assert terminal_actions(result.stdout) == [], ascii(result.stdout)


def test_import_and_stats_show_hostile_names_and_titles_harmlessly(
    place: dict[str, Path], tmp_path: Path
) -> None:
    again = run("import", place["article"], "--db", place["db"], cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    _clean(again)
    assert "story \u241b]0;PWNED\u2407\ufffd2J\ufffdexe.txt\u2421" in again.stdout.decode()
    stats = run("stats", "--db", place["db"], cwd=tmp_path)
    assert stats.returncode == 0, stats.stderr
    _clean(stats)
    text = stats.stdout.decode()
    assert "title \u241b]0;PWNED\u2407" in text and "notes \u241b]0;PWNED" in text


def test_export_messages_name_hostile_paths_harmlessly(
    place: dict[str, Path], tmp_path: Path
) -> None:
    result = run("export", "--db", place["db"], "-o", place["out"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _clean(result)
    assert result.stderr.decode().startswith("1 annotation(s) written to ")
    with place["out"].open(encoding="utf-8", newline="") as handle:
        (row,) = csv.DictReader(handle)
    assert row["note"] == f"note {HOSTILE}\nline two"  # the file holds the data exactly
    missing = place["folder"] / f"gone {HOSTILE}" / "out.csv"
    line = one_line_error(run("export", "--db", place["db"], "-o", missing, cwd=tmp_path))
    assert line.startswith("newsmark: ") and "cannot write" in line


def test_errors_and_click_usage_messages_are_harmless(
    place: dict[str, Path], tmp_path: Path
) -> None:
    missing_db = place["folder"] / f"missing {HOSTILE}.db"
    one_line_error(run("stats", "--db", missing_db, cwd=tmp_path))
    bad_article = place["folder"] / f"empty {HOSTILE}.txt"
    bad_article.write_bytes(b"")
    one_line_error(run("import", bad_article, "--db", place["db"], cwd=tmp_path))
    usage = run("export", "--db", place["db"], f"extra {HOSTILE}", cwd=tmp_path)
    assert usage.returncode == 2 and b"Traceback" not in usage.stderr
    _clean(usage)
    assert "extra \u241b]0;PWNED" in usage.stderr.decode()


def test_export_to_a_pipe_is_the_data_exactly(place: dict[str, Path], tmp_path: Path) -> None:
    """Redirected, the CSV is for programs: cells are written as stored."""
    result = run("export", "--raw", "--db", place["db"], cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == b""
    (row,) = csv.DictReader(io.StringIO(result.stdout.decode("utf-8"), newline=""))
    assert row["note"] == f"note {HOSTILE}\nline two"
    assert row["article_title"] == f"title {HOSTILE}"


# -- on a real terminal ---------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [["stats"], ["export"], ["export", "--raw", "--links", "-"], ["import", "ARTICLE"]],
    ids=["stats", "export", "export --raw --links -", "import"],
)
def test_every_byte_written_to_a_terminal_is_harmless(
    place: dict[str, Path], tmp_path: Path, command: list[str]
) -> None:
    command = [str(place["article"]) if part == "ARTICLE" else part for part in command]
    code, written = on_a_terminal(*command, "--db", place["db"], cwd=tmp_path)
    assert code == 0, written
    assert b"\x1b" not in written and b"\x07" not in written
    assert terminal_actions(written) == [], ascii(written)
    if command[0] == "export":  # shown, not hidden: the analyst sees what the note holds
        assert "note \u241b]0;PWNED\u2407\ufffd2J\ufffdexe.txt\u2421" in written.decode()


def test_an_error_on_a_terminal_is_harmless(place: dict[str, Path], tmp_path: Path) -> None:
    code, written = on_a_terminal(
        "export", "--db", place["folder"] / f"none {HOSTILE}.db", cwd=tmp_path
    )
    assert code == 2
    assert terminal_actions(written) == [] and b"\x1b" not in written, ascii(written)
