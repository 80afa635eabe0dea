"""Output files that are replaced only when everything was written: a failed export
(damaged database, full disk) leaves an existing file exactly as it was."""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import TextIO

from .errors import NewsmarkError


class _Output:
    """One target: written through a temporary file beside it, or directly when the
    target is not a regular file (``/dev/null``, a FIFO: nothing to replace there)."""

    def __init__(self, target: str | Path) -> None:
        self.name = str(target)
        self.target = Path(os.path.realpath(target))  # replace what a symlink points to
        self.temporary: Path | None = None
        try:
            existing = self.target.stat()
        except FileNotFoundError:
            existing = None
        except OSError as error:
            raise _cannot_write([self.name], error) from None
        direct = existing is not None and not stat.S_ISREG(existing.st_mode)
        try:
            if direct:
                self.handle: TextIO = open(self.target, "w", encoding="utf-8", newline="")  # noqa: SIM115
                return
            descriptor, self.temporary = _create_beside(self.target)
            if existing is not None:  # keep the file's permissions, as an editor would
                os.fchmod(descriptor, stat.S_IMODE(existing.st_mode))
            self.handle = open(descriptor, "w", encoding="utf-8", newline="")  # noqa: SIM115
        except OSError as error:
            raise _cannot_write([self.name], error) from None

    def finish(self) -> None:
        self.handle.flush()
        if self.temporary is not None:
            os.fsync(self.handle.fileno())
        self.handle.close()

    def commit(self) -> None:
        if self.temporary is not None:
            os.replace(self.temporary, self.target)
            self.temporary = None

    def discard(self) -> None:
        if not self.handle.closed:
            with suppress(OSError):  # a full disk fails the flush too: the file goes anyway
                self.handle.close()
        if self.temporary is not None:
            self.temporary.unlink(missing_ok=True)


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new file in ``target``'s folder (so that the rename cannot cross file systems),
    with the permissions a new file gets there (umask applied)."""
    while True:
        candidate = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return os.open(candidate, flags, 0o666), candidate
        except FileExistsError:
            continue


def _cannot_write(names: Sequence[str], error: OSError) -> NewsmarkError:
    reason = error.strerror or str(error)
    return NewsmarkError(
        f"{', '.join(names)}: cannot write ({reason}); an existing file was left as it was"
    )


@contextmanager
def replaced_on_success(*targets: str | Path) -> Iterator[list[TextIO]]:
    """Text handles (UTF-8, no newline translation) for ``targets``; every target is
    replaced at the end of the block, and none of them if the block fails."""
    outputs: list[_Output] = []
    with ExitStack() as cleanup:
        for target in targets:
            output = _Output(target)
            cleanup.callback(output.discard)
            outputs.append(output)
        try:
            yield [output.handle for output in outputs]
            for output in outputs:
                output.finish()
            for output in outputs:
                output.commit()
        except OSError as error:
            raise _cannot_write([output.name for output in outputs], error) from None
