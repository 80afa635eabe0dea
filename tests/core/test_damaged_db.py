"""A damaged database, a ``-wal`` from another database, and names that are no database:
one line naming the file and what to do, exit 2, no traceback, nothing changed.

The damage is real: garbage written over one page in the middle of a database
file, and a write-ahead log copied from another database while that one was open.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path

import pytest

from tests.helpers.cli_run import one_line_error, run
from tui.core.articles import parse_article
from tui.core.errors import DamagedError
from tui.core.export import export_annotations
from tui.core.formats.output import atomic_output
from tui.core.store import Store

PAGE = 4096
STAMP = "2025-01-01T00:00:00.000Z"


def build(path: Path, *, words: str, annotations: int, seed: int = 1) -> str:
    """A database of one article and ``annotations`` notes (bulk set-up, the store's schema)."""
    rng = random.Random(seed)
    with Store(path) as store:
        text = f"A Test Article Of {words}\n\n" + " ".join(words for _ in range(2000)) + "\n"
        article = parse_article(text, f"{path.stem}.txt")
        store.import_article(article)
        if annotations:
            rows = []
            for number in range(annotations):
                start = rng.randrange(0, len(article.text) - 100)
                end = start + rng.randint(5, 60)
                rows.append((
                    str(uuid.uuid4()), article.id, start, end, "claim", article.text[start:end],
                    f"{path.stem} note {number} " + "x" * 150, "analyst", STAMP, STAMP,
                ))
            store.conn.execute("BEGIN IMMEDIATE")
            store.conn.executemany(
                'INSERT INTO annotations (id, article_id, start, "end", label, text, note,'
                " annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            store.conn.execute("COMMIT")
    return article.id


def annotation_page(path: Path) -> int:
    """A page in the middle of the annotations table."""
    with closing(sqlite3.connect(path)) as conn:
        pages = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'annotations' AND pagetype = 'leaf'"
                " ORDER BY pageno"
            )
        ]
    assert len(pages) > 10
    return pages[len(pages) // 2]


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "damaged.db"
    build(path, words="alpha", annotations=1500)
    page = annotation_page(path)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE)
        handle.write(random.Random(page).randbytes(PAGE))
    return path


def _names_the_file_and_the_cure(line: str, path: Path) -> None:
    assert line.startswith(f"newsmark: {path}: database is damaged"), line
    assert f'sqlite3 {path} ".recover"' in line


@pytest.mark.parametrize(
    "command",
    [["stats"], ["export"], ["export", "--raw"], ["import", "article.txt"], ["read"]],
    ids=["stats", "export", "export --raw", "import", "read"],
)
def test_a_corrupt_page_gives_one_line_for_every_command(
    damaged: Path, tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "article.txt").write_text("A Fine Article\n\nWith a sentence in it.\n")
    before = damaged.read_bytes()
    result = run(*command, "--db", damaged, cwd=tmp_path)
    _names_the_file_and_the_cure(one_line_error(result), damaged)
    assert damaged.read_bytes() == before  # nothing was written into it


def test_a_failed_export_leaves_an_existing_output_byte_identical(
    damaged: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    out.write_bytes(b"id,note\r\n\"kept\",\"from last week\"\r\n")
    links = tmp_path / "links.csv"
    links.write_bytes(b"link_id\r\n")
    before = {path: path.read_bytes() for path in (out, links)}
    result = run("export", "--db", damaged, "-o", out, "--links", links, cwd=tmp_path)
    _names_the_file_and_the_cure(one_line_error(result), damaged)
    assert {path: path.read_bytes() for path in (out, links)} == before
    assert _left_over(tmp_path) == []


def test_damage_found_in_the_middle_of_an_export_changes_no_file(
    damaged: Path, tmp_path: Path
) -> None:
    """Without the check on open (a page damaged during a session), the store's reads
    still turn SQLite's error into one ``DamagedError``, and the exporter's output is
    replaced only on success."""
    out = tmp_path / "out.csv"
    out.write_bytes(b"old export\r\n")
    with Store(damaged, readonly=True) as store:
        with pytest.raises(DamagedError) as raised, atomic_output(out) as handle:
            export_annotations(store, handle)
        assert str(raised.value).startswith(f"{damaged}: database is damaged")
        with pytest.raises(DamagedError):
            list(store.annotations())
    assert out.read_bytes() == b"old export\r\n"
    assert _left_over(tmp_path) == []


def _left_over(folder: Path) -> list[str]:
    """Files an export left behind (its temporary files); SQLite's own aside."""
    return [
        path.name
        for path in folder.iterdir()
        if not path.name.startswith("damaged.db") and path.suffix != ".csv"
    ]


def test_verify_on_open_names_the_damage(damaged: Path) -> None:
    with pytest.raises(DamagedError) as raised:
        Store(damaged, verify=True)
    message = str(raised.value)
    assert "\n" not in message and "recover" in message


# -- a write-ahead log from another database -------------------------------------------


def _copy_wal_of_open_database(source: Path, target: Path, *, writes: int) -> None:
    """Make ``writes`` annotations in ``source`` and copy its ``-wal`` beside ``target``
    while ``source`` is still open (so its log holds them), as a careless copy would."""
    with Store(source) as store:
        article_id = store.articles()[0].id
        for number in range(writes):
            store.add_annotation(article_id, number, number + 5, "quote", note=f"late {number}")
        shutil.copyfile(f"{source}-wal", f"{target}-wal")


@pytest.mark.parametrize(
    ("fresh_source", "source_size", "target_size"),
    [(True, 0, 300), (False, 50, 50), (False, 1500, 300), (False, 300, 1500)],
    ids=["whole-database-log", "small-into-small", "large-into-small", "small-into-large"],
)
def test_a_foreign_wal_is_refused_and_the_database_kept(
    tmp_path: Path, fresh_source: bool, source_size: int, target_size: int
) -> None:
    target = tmp_path / "mine.db"
    source = tmp_path / "theirs.db"
    build(target, words="bravo", annotations=target_size, seed=2)
    mine = _notes(target)
    if fresh_source:  # its log holds the whole database: it would replace every page of mine
        with Store(source) as store:
            store.import_article(parse_article("Their Article\n\nTheir text.\n", "t.txt"))
            article_id = store.articles()[0].id
            store.add_annotation(article_id, 0, 5, "claim", note="theirs")
            shutil.copyfile(f"{source}-wal", f"{target}-wal")
    else:
        build(source, words="alpha", annotations=source_size, seed=1)
        _copy_wal_of_open_database(source, target, writes=1)
    saved = target.read_bytes()
    for command in (["stats"], ["export"], ["read"]):
        line = one_line_error(run(*command, "--db", target, cwd=tmp_path))
        assert line.startswith(f"newsmark: {target}: "), line
        assert "mine.db-wal" in line, line
    assert target.read_bytes() == saved  # no check wrote the foreign pages into it
    Path(f"{target}-wal").rename(tmp_path / "foreign-wal")  # what the message says to do
    assert _notes(target) == mine


def test_a_foreign_wal_is_refused_before_any_annotation_exists(tmp_path: Path) -> None:
    """Two fresh databases of one article each: their logs hold pages of the same shape,
    so the articles table (not its index) is what betrays the other database's log."""
    target = tmp_path / "mine.db"
    source = tmp_path / "theirs.db"
    build(target, words="bravo", annotations=0)
    build(source, words="alpha", annotations=0)
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with Store(source) as store:
        store.conn.execute("PRAGMA wal_autocheckpoint = 0")
        store.conn.execute("UPDATE articles SET title = 'Their title'")
        store.conn.commit()
        shutil.copyfile(f"{source}-wal", f"{target}-wal")
    saved = target.read_bytes()
    for command in (["stats"], ["export"]):
        line = one_line_error(run(*command, "--db", target, cwd=tmp_path))
        assert "mine.db-wal" in line, line
    assert target.read_bytes() == saved


def _notes(path: Path) -> list[str]:
    with Store(path, readonly=True, verify=True) as store:
        return sorted(annotation.note for annotation in store.annotations())


def test_a_wal_being_written_by_another_newsmark_is_not_foreign(tmp_path: Path) -> None:
    """The database's own log, full of changes not yet checkpointed, passes the checks."""
    path = tmp_path / "mine.db"
    build(path, words="bravo", annotations=300)
    with Store(path) as writer:
        article_id = writer.articles()[0].id
        for number in range(20):
            writer.add_annotation(article_id, number, number + 4, "claim", note=f"new {number}")
        assert Path(f"{path}-wal").stat().st_size > 0
        with Store(path, readonly=True, verify=True) as reader:
            assert len(list(reader.annotations())) == 320
        result = run("stats", "--db", path, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert b"320 annotation(s)" in result.stdout


# -- names that are not a database file ------------------------------------------------


@pytest.mark.parametrize("name", [":memory:", "file:notes.db?mode=memory", "file:notes.db"])
def test_in_memory_and_uri_names_are_refused(tmp_path: Path, name: str) -> None:
    for command in (["stats"], ["export"], ["import", "a.txt"], ["read"]):
        (tmp_path / "a.txt").write_text("A Fine Article\n\nWith a sentence in it.\n")
        line = one_line_error(run(*command, "--db", name, cwd=tmp_path))
        assert line.startswith(f"newsmark: {name}: in-memory databases and file: URIs"), line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_fifo_as_database_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.db"
    import os

    os.mkfifo(fifo)
    line = one_line_error(run("stats", "--db", fifo, cwd=tmp_path, timeout=20))
    assert line == f"newsmark: {fifo}: not a regular file, so not a database"
