"""Write an export to a temporary name and rename it on success: a failed or
interrupted export never leaves a half-written file where the last good one was."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..errors import NewsmarkError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _refuse(path: Path, error: OSError) -> NewsmarkError:
    return NewsmarkError(f"{path}: cannot write ({error.strerror or error})")


@contextmanager
def atomic_output(path: str | Path) -> Iterator[IO[str]]:
    """A UTF-8 text file (no newline translation) that appears at ``path`` only when
    the block finishes without an exception.

    A symlink's target is what gets replaced, with the permissions it had. What is
    not a regular file (``/dev/null``, a FIFO) is written directly: there is no
    file to replace there, and renaming over a device would destroy it.
    """
    named = Path(path)
    if named.is_dir():
        raise NewsmarkError(f"{named}: is a directory (give a file name)")
    target = Path(os.path.realpath(named))
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise _refuse(named, error) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        yield from _direct(named, target)
        return
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
    except OSError as error:
        raise _refuse(named, error) from None
    mode = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~_umask()
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)  # mkstemp makes it private; a file is not
        os.replace(temporary, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise _refuse(named, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _direct(named: Path, target: Path) -> Iterator[IO[str]]:
    try:
        with target.open("w", encoding="utf-8", newline="") as handle:
            yield handle
    except OSError as error:
        raise _refuse(named, error) from None


@contextmanager
def atomic_directory(path: str | Path) -> Iterator[Path]:
    """A folder filled under a temporary name, renamed to ``path`` on success.

    ``path`` must not exist or be empty: an export never mixes its files with
    others' (a stale ``.ann`` beside new ones would be read as ours).
    """
    target = Path(path)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NewsmarkError(f"{target}: exists and is not an empty folder")
    parent = target.parent if str(target.parent) else Path(".")
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as error:
        raise _refuse(target, error) from None
    try:
        yield temporary
        if target.exists():
            target.rmdir()
        os.replace(temporary, target)
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise _refuse(target, error) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
