"""Export targets are replaced only when the whole export succeeded (``atomic_output``)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from tests.helpers.cli_run import one_line_error, run
from tui.core.errors import NewsmarkError
from tui.core.formats.output import atomic_output


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


def test_success_replaces_the_target_at_the_end(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old a")
    with atomic_output(target) as out:
        out.write("new a\r\n")
        out.flush()
        assert target.read_text() == "old a"  # nothing yet
    assert target.read_bytes() == b"new a\r\n"
    assert _leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_bytes(b"old a")
    with pytest.raises(NewsmarkError) as raised, atomic_output(target) as out:
        out.write("half of it")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert str(raised.value) == f"{target}: cannot write (No space left on device)"
    assert target.read_bytes() == b"old a"
    assert _leftovers(tmp_path) == []


def test_any_failure_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    with pytest.raises(KeyError), atomic_output(target) as out:
        out.write("new")
        raise KeyError("the export failed")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_permissions_and_symlinks_are_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    real.chmod(0o600)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    with atomic_output(link) as out:
        out.write("new")
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_device_is_written_directly() -> None:
    """``-o /dev/null`` must not replace /dev/null with a file (as root it could)."""
    with atomic_output("/dev/null") as out:
        out.write("discarded")
    assert Path("/dev/null").is_char_device()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_the_cli_reports_a_full_device_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    article = tmp_path / "a.txt"
    article.write_text("A Headline\n\n" + "Words in a sentence. " * 2000)
    assert run("import", article, "--db", db, cwd=tmp_path).returncode == 0
    line = one_line_error(run("export", "--db", db, "-o", "/dev/full", cwd=tmp_path))
    assert line == "newsmark: /dev/full: cannot write (No space left on device)"


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(NewsmarkError) as raised, atomic_output(tmp_path / "no" / "x.csv"):
        pass
    assert str(raised.value).startswith(f"{tmp_path / 'no' / 'x.csv'}: cannot write (")
