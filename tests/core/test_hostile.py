"""Hostile files: each one loads safely or is refused with one line naming it.

The corpus lives in ``tests/data/hostile`` (small files committed, made by
``make_corpus.py``; the 1 MB line and the 10,000 lines are made at test time).
A loadable file gives a canonical text in which nothing can drive a terminal
(``is_safe``) and markup stays literal; its annotations export to CSV and come
back exactly. A refused file raises ``InputError`` with one line naming it, and
the CLI prints that line on stderr with exit code 2 and no traceback.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import os
import random
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from click.testing import CliRunner

from tui.cli import cli
from tui.core.articles import MAX_TITLE, Article, load_article
from tui.core.errors import InputError
from tui.core.export import COLUMNS, FORMULA_STARTS, export_annotations
from tui.core.store import Store
from tui.core.text import canonicalise, is_safe, printable

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
ESC = "\x1b"


def _make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", HOSTILE / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = _make_corpus()
LOADABLE = sorted(name for name, (fate, _) in corpus.CORPUS.items() if fate == corpus.LOAD)
REFUSED = sorted(name for name, (fate, _) in corpus.CORPUS.items() if fate == corpus.REFUSE)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed files as they are in git, plus the large ones made now."""
    directory = tmp_path_factory.mktemp("hostile")
    for name in corpus.small_files():
        (directory / name).write_bytes((HOSTILE / name).read_bytes())
    corpus.write_large(directory)
    return directory


def _run_cli(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _no_terminal_control(output: bytes) -> None:
    text = output.decode("utf-8")
    assert is_safe(text), ascii(text)


# -- the corpus itself -------------------------------------------------------------


def test_committed_corpus_is_what_the_generator_makes_and_small() -> None:
    small = corpus.small_files()
    for name, data in small.items():
        assert (HOSTILE / name).read_bytes() == data, f"{name}: run make_corpus.py again"
    committed = {path.name for path in HOSTILE.iterdir() if path.is_file()}
    assert committed - {"make_corpus.py"} == set(small)
    assert set(corpus.CORPUS) == set(small) | set(corpus.LARGE)
    assert sum(path.stat().st_size for path in HOSTILE.iterdir() if path.is_file()) < 200_000


def test_large_files_are_as_large_as_promised(files: Path) -> None:
    long_line = (files / "long_line.txt").read_bytes()
    assert len(long_line) >= 1024 * 1024 and b"\n" not in long_line
    assert (files / "many_lines.txt").read_bytes().count(b"\n") == 10_000


# -- loading -----------------------------------------------------------------------


def _check_safe(article: Article) -> None:
    assert is_safe(article.text)
    assert canonicalise(article.text) == article.text
    assert "\r" not in article.text and ESC not in article.text
    assert not any(0x80 <= ord(char) <= 0x9F for char in article.text)
    for field in (article.title, article.source):
        assert is_safe(field) and "\n" not in field
    assert 0 < len(article.title) <= MAX_TITLE
    for span in (*article.blocks, *article.styles):
        assert 0 <= span.start <= span.end <= len(article.text)


@pytest.mark.parametrize("name", LOADABLE)
def test_loadable_file_gives_a_text_that_cannot_drive_a_terminal(files: Path, name: str) -> None:
    article = load_article(files / name)
    _check_safe(article)
    assert article.text.startswith(("Officials met", "Heading", "Line 0", "said", "the"))


def test_controls_become_visible_not_dropped(files: Path) -> None:
    text = load_article(files / "esc_csi_osc.txt").text
    assert "\u241b]0;PWNED-TITLE\u2407" in text  # ␛ and ␇: the analyst sees what was there
    assert "\u241b]52;c;ZWNobyBQV05FRA==" in text
    c1 = load_article(files / "c1_controls.txt").text
    assert "\ufffd2J" in c1 and "\x9b" not in c1
    bidi = load_article(files / "bidi.txt").text
    assert "\ufffdevil.exe\ufffd" in bidi and "\u200eLRM" in bidi  # marks are harmless


def test_markup_stays_literal(files: Path) -> None:
    text = load_article(files / "markup.txt").text
    for literal in ("[@click=app.quit]Click to quit[/]", "[bold red]Rich markup[/bold red]",
                    "[link=https://evil.example]a link[/link]", "\\[escaped]", ":smiley:"):
        assert literal in text
    markdown = load_article(files / "markup.md")
    assert "[@click=app.quit] literal" in markdown.text
    assert markdown.title.startswith("Heading [@click=app.quit] with")


def test_a_markdown_heading_cannot_smuggle_a_control_into_the_title(files: Path) -> None:
    """Entities such as ``&#x202e;`` decode to controls after canonicalisation."""
    article = load_article(files / "markup.md")
    assert "\u202e" not in article.title and is_safe(article.title)


def test_a_one_megabyte_line_gets_a_short_title(files: Path) -> None:
    article = load_article(files / "long_line.txt")
    assert len(article.text) > 700_000 and len(article.title) <= MAX_TITLE
    assert article.title.endswith("…")


@pytest.mark.parametrize("name", REFUSED)
def test_refused_file_gets_one_line_naming_it(files: Path, name: str) -> None:
    path = files / name
    with pytest.raises(InputError) as raised:
        load_article(path)
    message = str(raised.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    assert len(message) < len(str(path)) + 120


def test_a_hostile_file_name_is_shown_harmlessly(tmp_path: Path) -> None:
    bad = tmp_path / f"{ESC}]0;PWNED\x07 name\n\u202e.txt"
    bad.write_bytes(b"")
    with pytest.raises(InputError) as raised:
        load_article(bad)
    assert "\n" not in str(raised.value) and is_safe(str(raised.value))
    assert str(raised.value).startswith(printable(str(bad)))
    bad.write_text("A story with a hostile file name, loaded all the same.")
    _check_safe(load_article(bad))


# -- the CLI -----------------------------------------------------------------------


def _check_refusal(code: int | None, stdout: bytes, stderr: bytes, path: Path) -> None:
    assert code == 2, stderr
    assert stdout == b""
    _no_terminal_control(stderr)
    line = stderr.decode("utf-8")
    assert line.count("\n") == 1 and "Traceback" not in line
    assert line.startswith(f"newsmark: {printable(str(path))}: ")


@pytest.mark.parametrize("name", REFUSED)
def test_cli_refuses_a_bad_file_with_one_line_and_exit_2(
    files: Path, tmp_path: Path, name: str
) -> None:
    db = tmp_path / "annotations.db"
    result = CliRunner().invoke(cli, ["import", str(files / name), "--db", str(db)])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    _check_refusal(result.exit_code, result.stdout_bytes, result.stderr_bytes, files / name)
    if db.exists():
        with Store(db, readonly=True) as store:
            assert store.articles() == []


def test_the_newsmark_process_refuses_a_bad_file_with_a_hostile_name(tmp_path: Path) -> None:
    """The real process, not click's runner: one line on stderr, exit 2, nothing written."""
    db = tmp_path / "annotations.db"
    good = tmp_path / "good.txt"
    good.write_text("A perfectly fine article that must not be imported alone.")
    bad = tmp_path / f"{ESC}]0;PWNED\x07\n\u202e.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    run = _run_cli("import", good, bad, "--db", db)
    stdout, stderr = run.communicate(timeout=120)
    _check_refusal(run.returncode, stdout, stderr, bad)
    if db.exists():
        with Store(db, readonly=True) as store:
            assert store.articles() == []  # one bad file: none of them is imported


def test_cli_imports_and_exports_every_loadable_file(files: Path, tmp_path: Path) -> None:
    db = tmp_path / "annotations.db"
    hostile_name = tmp_path / f"{ESC}]0;PWNED\x07 \u202e name\n.txt"
    hostile_name.write_text("A story with a hostile file name, loaded all the same.")
    paths = [files / name for name in LOADABLE] + [hostile_name]
    undecodable = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    try:  # Linux takes any bytes in a name; some file systems refuse them
        undecodable.write_text("A story whose file name is not UTF-8, loaded all the same.")
        paths.append(undecodable)
    except (OSError, UnicodeError):
        pass
    run = _run_cli("import", *paths, "--db", db)
    stdout, stderr = run.communicate(timeout=120)
    assert (run.returncode, stderr) == (0, b"")
    _no_terminal_control(stdout)
    assert stdout.decode("utf-8").count("\n") == len(paths)
    with Store(db) as store:
        annotated = {}
        for summary in store.articles():
            article = store.get_article(summary.id)
            annotated[summary.id] = [_annotate(store, article, seed=n) for n in range(3)]
    out = tmp_path / "out.csv"
    run = _run_cli("export", "--raw", "-o", out, "--db", db)
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 0, stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(ids) for ids in annotated.values())
    with Store(db, readonly=True) as store:
        texts = {summary.id: store.get_article(summary.id).text for summary in store.articles()}
    for row in rows:
        text = texts[row["article_id"]]
        assert row["text"] == text[int(row["start"]) : int(row["end"])]


# -- annotations export and come back ----------------------------------------------


def _annotate(store: Store, article: Article, seed: int = 0) -> str:
    rng = random.Random(f"{article.sha256}{seed}")
    start = rng.randrange(len(article.text) - 1)
    end = min(len(article.text), start + rng.randint(1, 60))
    note = rng.choice(["=cmd|' /C calc'!A0", "\tindented", " @SUM(1)", "plain", "ملاحظة 👍🏽"])
    return store.add_annotation(article.id, start, end, "claim", note=note, annotator="a").id


def _spans(article: Article) -> list[tuple[int, int]]:
    """A few random spans, and spans starting on every formula character and on the edges."""
    text = article.text
    rng = random.Random(article.sha256)
    spans = {(0, min(len(text), 12)), (max(0, len(text) - 12), len(text))}
    for _ in range(15):
        start = rng.randrange(len(text) - 1)
        spans.add((start, min(len(text), start + rng.randint(1, 80))))
    for index, char in enumerate(text[:5000]):
        if char in "=+-@" and len(spans) < 40:
            spans.add((index, min(len(text), index + 20)))
    return sorted(spans)


def _export(store: Store, *, raw: bool) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    export_annotations(store, out, raw=raw)
    return list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))


@pytest.mark.parametrize("name", LOADABLE)
def test_annotations_export_and_reimport_exactly(files: Path, tmp_path: Path, name: str) -> None:
    path = files / name
    with Store(tmp_path / "first.db") as first:
        article = first.get_article(first.import_article(load_article(path)).article_id)
        notes = ["=1+1", "+cmd", "-2", "@A1", "\tx", "\rx", "  =x", "[@click=app.quit]", "ok"]
        for index, (start, end) in enumerate(_spans(article)):
            first.add_annotation(
                article.id, start, end, first.labels()[index % 3],
                note=notes[index % len(notes)], annotator="analyst ✍️",
            )
        raw_rows = _export(first, raw=True)
        safe_rows = _export(first, raw=False)
    assert raw_rows and list(raw_rows[0]) == list(COLUMNS)
    for row in raw_rows:
        start, end = int(row["start"]), int(row["end"])
        assert row["text"] == article.text[start:end]
        assert row["prefix"] == article.text[max(0, start - 32) : start]
        assert row["suffix"] == article.text[end : end + 32]
        assert row["status"] == "anchored"
    for raw, safe in zip(raw_rows, safe_rows, strict=True):
        for column in ("text", "prefix", "suffix", "note", "article_title"):
            if raw[column].lstrip(" ").startswith(FORMULA_STARTS):
                assert safe[column] == "'" + raw[column]
            else:
                assert safe[column] == raw[column]

    # re-import: the same file into a new database, the CSV rows as annotations
    with Store(tmp_path / "second.db") as second:
        again = second.get_article(second.import_article(load_article(path)).article_id)
        assert (again.id, again.text) == (article.id, article.text)
        for row in raw_rows:
            second.add_annotation(
                again.id, int(row["start"]), int(row["end"]), row["label"],
                note=row["note"], annotator=row["annotator"], quote=row["text"],
                annotation_id=row["id"],
            )
        round_trip = _export(second, raw=True)
    stamps = ("created_at", "updated_at")
    assert [{k: v for k, v in row.items() if k not in stamps} for row in round_trip] == [
        {k: v for k, v in row.items() if k not in stamps} for row in raw_rows
    ]
