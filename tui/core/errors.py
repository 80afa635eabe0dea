"""Errors that reach the user as one line: what went wrong, and with which file."""

from __future__ import annotations

from pathlib import Path

from .text import printable


class NewsmarkError(Exception):
    """Anything the CLI reports as one line and exit code 2, without a traceback."""


class InputError(NewsmarkError):
    """A file the user named cannot be used as an article."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        # a file name may hold ESC, newlines or undecodable bytes: show it harmlessly
        super().__init__(f"{printable(self.path)}: {problem}")


class StoreError(NewsmarkError):
    """The database refused a change or cannot be opened; nothing was written."""


class AnnotationError(StoreError):
    """An annotation that would break the offset contract (bad span, label or quote)."""
