"""A bad import file: one line naming it and the problem, exit 2, nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tui.cli import cli
from tui.core.formats import reading

from .conftest import Newsroom, rows

HEADER = '{"type":"header","format":"newsmark","version":1}\n'


def _state(db: Path) -> list[object]:
    return [rows(db, table) for table in ("articles", "annotations", "links", "labels")]


def _import(db: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(cli, ["import-annotations", *map(str, args), "--db", str(db)])


def assert_refused(result: Result, path: Path, problem: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"newsmark: {path}: ")
    assert problem in lines[0]
    assert "Traceback" not in result.stderr


def _jsonl(room: Newsroom, tmp_path: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", str(room.db)])
    return result.stdout.splitlines(keepends=True)


@pytest.fixture
def exported(newsroom: Newsroom, tmp_path: Path) -> list[str]:
    return _jsonl(newsroom, tmp_path)


def test_invalid_json_names_its_line(
    newsroom: Newsroom, exported: list[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(exported[:6]) + '{"type": "annotation", \n' + "".join(exported[6:]))
    before = _state(newsroom.db)
    assert_refused(_import(newsroom.db, bad), bad, "line 7: invalid JSON")
    assert _state(newsroom.db) == before


def test_no_file_is_written_when_a_later_one_is_bad(exported: list[str], tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text("".join(exported))
    bad = tmp_path / "bad.json"
    bad.write_text('{"type": "Annotation",\n\n "target": }')
    db = tmp_path / "fresh.db"
    assert_refused(_import(db, good, bad), bad, "line 3: invalid JSON")
    assert rows(db, "annotations") == [] and rows(db, "articles") == []


def test_offsets_outside_the_text(exported: list[str], tmp_path: Path) -> None:
    lines = list(exported)
    index = next(i for i, line in enumerate(lines) if '"type":"annotation"' in line)
    record = json.loads(lines[index])
    record["start"], record["end"] = 10_000, 10_020
    lines[index] = json.dumps(record, ensure_ascii=False) + "\n"
    bad = tmp_path / "offsets.jsonl"
    bad.write_text("".join(lines))
    db = tmp_path / "fresh.db"
    assert_refused(_import(db, bad), bad, f"line {index + 1}: offsets 10000:10020 outside the text")
    assert rows(db, "articles") == []


def test_brat_offsets_outside_the_text(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Short text here.\n")
    ann = tmp_path / "doc.ann"
    ann.write_text("T1\tclaim 0 5\tShort\nT2\tclaim 6 400\ttext\n")
    db = tmp_path / "fresh.db"
    assert_refused(_import(db, ann), ann, "line 2: offsets 6 400 outside the text (0:17)")
    assert rows(db, "articles") == []


def test_unknown_label_without_a_map(newsroom: Newsroom, tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Short text here.\n")
    ann = tmp_path / "doc.ann"
    ann.write_text("T1\tclaim 0 5\tShort\nT2\tContent 6 10\ttext\n")
    before = _state(newsroom.db)
    assert_refused(_import(newsroom.db, ann), ann, "line 2: unknown label 'Content'")
    assert (
        "--map Content=LABEL"
        in CliRunner()
        .invoke(cli, ["import-annotations", str(ann), "--db", str(newsroom.db)])
        .stderr
    )
    assert _state(newsroom.db) == before


def test_map_to_a_label_that_does_not_exist(newsroom: Newsroom, tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("Short text here.\n")
    ann = tmp_path / "doc.ann"
    ann.write_text("T1\tSource 0 5\tShort\n")
    result = _import(newsroom.db, ann, "--map", "Source=sourse")
    assert result.exit_code == 2
    assert "unknown label(s) sourse" in result.stderr and "--add-labels" in result.stderr


def test_a_two_gigabyte_file_is_not_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: costs no disk
    assert_refused(_import(tmp_path / "fresh.db", huge), huge, "larger than 256 MB")


class _SizeUnknown:
    """``os`` as ``reading`` sees it, except that ``fstat`` reports no size (a file that
    grows while read, or one in /proc)."""

    def __getattr__(self, name: str) -> object:
        return getattr(os, name)

    @staticmethod
    def fstat(descriptor: int) -> os.stat_result:
        real = os.fstat(descriptor)
        return os.stat_result((real.st_mode, real.st_ino, real.st_dev, real.st_nlink,
                               real.st_uid, real.st_gid, 0, 0, 0, 0))  # fmt: skip


def test_the_size_cap_holds_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose size ``stat`` does not tell is still cut off at the cap."""
    monkeypatch.setattr(reading, "MAX_IMPORT_BYTES", 4 * 1024 * 1024)
    monkeypatch.setattr(reading, "os", _SizeUnknown())
    endless = tmp_path / "endless.jsonl"
    endless.write_bytes(b" " * (5 * 1024 * 1024))
    assert_refused(_import(tmp_path / "fresh.db", endless), endless, "larger than 4 MB")


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_nesting(tmp_path: Path, depth: int) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * depth + "]" * depth)
    assert_refused(_import(tmp_path / "fresh.db", deep), deep, "nested deeper than 64 levels")
    line = tmp_path / "deep.jsonl"
    line.write_text(HEADER + '{"type":"label","x":' + "[" * depth + "]" * depth + "}\n")
    assert_refused(_import(tmp_path / "fresh.db", line), line, "line 2: JSON nested deeper")


def test_not_utf8_and_not_ours(tmp_path: Path) -> None:
    latin = tmp_path / "latin.jsonl"
    before = HEADER.encode() + b'{"type":"label","name":"caf'
    latin.write_bytes(before + b'\xe9"}\n')
    at = f"not valid UTF-8 at byte {len(before)}"
    assert_refused(_import(tmp_path / "fresh.db", latin), latin, at)
    other = tmp_path / "other.jsonl"
    other.write_text('{"hello": 1}\n')
    assert_refused(_import(tmp_path / "fresh.db", other), other, "not a newsmark JSON Lines")
    future = tmp_path / "future.jsonl"
    future.write_text('{"type":"header","format":"newsmark","version":9}\n')
    assert_refused(_import(tmp_path / "fresh.db", future), future, "version 9")
    unknown = tmp_path / "notes.txt"
    unknown.write_text("hello")
    assert_refused(_import(tmp_path / "fresh.db", unknown), unknown, "unknown kind of file")


def test_a_hostile_file_name_is_shown_harmlessly(tmp_path: Path) -> None:
    bad = tmp_path / "evil\x1b[31m\u202e.jsonl"
    bad.write_text("{")
    result = _import(tmp_path / "fresh.db", bad)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_hostile_content_in_an_error_is_shown_harmlessly(tmp_path: Path) -> None:
    bad = tmp_path / "types.jsonl"
    label = r'{"type":"label","name":"\u001b[2J\u202eowned","key":"z","position":5}'
    bad.write_text(HEADER + label + "\n")
    result = _import(tmp_path / "fresh.db", bad)
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert f"newsmark: {bad}: label name" in result.stderr  # the store refused it: the file is bad


def _run_import(path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """In a process of its own: a read that blocks fails the test instead of hanging it."""
    return subprocess.run(
        [sys.executable, "-m", "tui", "import-annotations", str(path), "--db", str(db)],
        cwd=db.parent,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("name", ["theirs.jsonl", "theirs.json", "theirs.ann"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, name: str) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    if name.endswith(".ann"):
        (tmp_path / "theirs.txt").write_text("Some text here.\n", encoding="utf-8")
    result = _run_import(fifo, tmp_path / "db.sqlite")
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"newsmark: {fifo}: is a named pipe (FIFO), not a regular file\n"


def test_a_device_is_refused_at_once(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    link = tmp_path / "zero.jsonl"
    link.symlink_to("/dev/zero")
    result = _run_import(link, tmp_path / "db.sqlite")
    assert result.returncode == 2, result.stderr
    assert result.stderr == f"newsmark: {link}: is a device, not a regular file\n"
