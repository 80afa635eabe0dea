"""The ``newsmark`` command: a bare ``newsmark`` opens the reader without loading click.

Everything else (subcommands, options, ``--help``) is parsed by click in
``tui.commands``, which this module also stands for: ``from tui.cli import cli``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

DEFAULT_DB = "annotations.db"  # as --db's default in tui.commands


def main() -> None:
    """Run the reader at once when nothing was given to parse; else the click CLI."""
    if len(sys.argv) <= 1:
        db_path = Path(os.environ.get("NEWSMARK_DB") or DEFAULT_DB)
        if _click_would_accept(db_path):
            _read_defaults(db_path)
    from .commands import main as parse_and_run

    parse_and_run()


def _click_would_accept(db_path: Path) -> bool:
    """What click's Path type checks of --db (readable, if it exists); else click runs,
    to refuse it in its own words."""
    try:
        os.stat(db_path)
    except OSError:
        return True
    return os.access(db_path, os.R_OK)


def _read_defaults(db_path: Path) -> None:
    """`newsmark read` with every option at its default (or its environment variable)."""
    from .reader import one_line_errors, open_reader

    try:
        code = one_line_errors(open_reader)(
            (), db_path=db_path, annotator=os.environ.get("NEWSMARK_ANNOTATOR") or None, title=None
        )
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code)


def __getattr__(name: str) -> Any:
    """``cli``, ``main``'s click half and the rest of the commands, loaded on first use.

    Dunder names are not commands: ``from tui.cli import main`` asks for ``__path__``
    (``hasattr``), which must not load click and every command before the reader starts."""
    if name.startswith("__"):
        raise AttributeError(name)
    from . import commands

    return getattr(commands, name)
