"""What the CLI prints: every line through the sanitiser, data exact unless on a terminal."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, TextIO, cast

from .core.text import printable, safe


def say(line: str, *, err: bool = False) -> None:
    """Print one line of output that may quote a path, a title or a label."""
    import click  # loaded when something is said: the reader starts without it

    click.echo(printable(line), err=err)


def emit(record: str) -> None:
    """Print one line of data (JSON Lines): exact for a program, harmless on a terminal."""
    import click

    click.echo(printable(record) if sys.stdout.isatty() else record)


@contextmanager
def utf8_stdout() -> Iterator[TextIO]:
    """Standard output as UTF-8 with no newline translation, whatever the locale says.

    On a terminal an export is for reading, not for a program: it is shown
    through ``safe`` (a note holding ESC must not set the window title);
    redirected to a file or a pipe, it is written exactly.
    """
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # already a text-only stream (some embedders): use it as it is
        yield sys.stdout
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield cast(TextIO, _Shown(stream)) if sys.stdout.isatty() else stream
    finally:
        stream.flush()
        stream.detach()


class _Shown(io.TextIOBase):
    """A text stream that writes only what a terminal shows and never acts on."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(safe(text.replace("\r\n", "\n"), newlines=True))
        return len(text)
