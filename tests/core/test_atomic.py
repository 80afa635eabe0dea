"""Export targets are replaced only when the whole export succeeded."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tests.helpers.cli_run import one_line_error, run
from tui.core.atomic import replaced_on_success
from tui.core.errors import NewsmarkError


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".part"))


def test_success_replaces_every_target_at_the_end(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("old a")
    with replaced_on_success(first, second) as [a, b]:
        a.write("new a\r\n")
        b.write("new b\n")
        assert first.read_text() == "old a" and not second.exists()  # nothing yet
    assert first.read_bytes() == b"new a\r\n" and second.read_bytes() == b"new b\n"
    assert _leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_old_files_and_no_temporary_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_bytes(b"old a")
    second.write_bytes(b"old b")
    with pytest.raises(NewsmarkError) as raised, replaced_on_success(first, second) as [a, _]:
        a.write("half of it")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert "cannot write (No space left on device)" in str(raised.value)
    assert (first.read_bytes(), second.read_bytes()) == (b"old a", b"old b")
    assert _leftovers(tmp_path) == []


def test_any_failure_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    with pytest.raises(KeyError), replaced_on_success(target) as [out]:
        out.write("new")
        raise KeyError("the export failed")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_permissions_and_symlinks_are_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with replaced_on_success(link) as [out]:
        out.write("new")
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_device_is_written_directly(tmp_path: Path) -> None:
    """``-o /dev/null`` must not replace /dev/null with a file."""
    with replaced_on_success("/dev/null") as [out]:
        out.write("discarded")
    assert Path("/dev/null").is_char_device()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_the_cli_reports_a_full_device_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    article = tmp_path / "a.txt"
    article.write_text("A Headline\n\n" + "Words in a sentence. " * 2000)
    assert run("import", article, "--db", db, cwd=tmp_path).returncode == 0
    line = one_line_error(run("export", "--db", db, "-o", "/dev/full", cwd=tmp_path))
    assert line == (
        "newsmark: /dev/full: cannot write (No space left on device);"
        " an existing file was left as it was"
    )


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(NewsmarkError) as raised, replaced_on_success(tmp_path / "no" / "x.csv"):
        pass
    assert str(raised.value).startswith(f"{tmp_path / 'no' / 'x.csv'}: cannot write (")
