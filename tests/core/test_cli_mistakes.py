"""What a new analyst mistypes at the command line gets one line saying what was meant."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.core.test_cli import newsmark
from tui.core.articles import load_article
from tui.core.store import Store
from tui.seeds import seed_paths


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "a.db"
    with Store(path) as store:
        for seed in seed_paths():
            store.import_article(load_article(seed))
        article = store.articles()[0]
        store.add_annotation(article.id, 0, 8, "claim", annotator="ann", note="“curly” café")
    return path


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--label", "rumour", "no label 'rumour' (there are: claim, quote, inconsistency)"),
        ("--article", "nosuchid", "no article 'nosuchid' (there are: "),
        ("--annotator", "bob", "no annotator 'bob' (there are: ann)"),
    ],
)
def test_export_filters_that_name_nothing_are_an_error(
    db: Path, tmp_path: Path, option: str, value: str, said: str
) -> None:
    done = newsmark("export", "--db", db, option, value, cwd=tmp_path)
    assert done.returncode == 2
    assert said in done.stderr and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("where", ["-", "same.csv"])
def test_annotations_and_links_to_one_place_are_refused(
    db: Path, tmp_path: Path, where: str
) -> None:
    done = newsmark("export", "--db", db, "-o", where, "--links", where, cwd=tmp_path)
    assert done.returncode == 2 and "name the same place" in done.stderr
    assert not (tmp_path / "same.csv").exists()


def test_excel_export_starts_with_a_byte_order_mark(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "for-excel.csv"
    done = newsmark("export", "--db", db, "--excel", "-o", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    [row] = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert row["note"] == "“curly” café"
    assert row["article_source"].endswith(".txt")


def test_a_mistyped_command_is_named(tmp_path: Path) -> None:
    done = newsmark("exprot", "--db", tmp_path / "a.db", cwd=tmp_path)
    assert done.returncode == 2
    assert "did you mean `newsmark export`" in done.stderr
    assert not (tmp_path / "a.db").exists()


def test_a_reading_command_upgrades_an_older_database(db: Path, tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as conn:  # as a newsmark before migration 4 left it
        conn.execute("DROP TABLE conflicts")
        conn.execute("DROP TABLE article_history")  # migration 5
        conn.execute("ALTER TABLE articles DROP COLUMN title_by")  # migration 6
        conn.execute("PRAGMA user_version = 3")
    done = newsmark("export", "--db", db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "claim" in done.stdout
