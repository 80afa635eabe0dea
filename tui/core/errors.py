"""Errors that reach the user as one line: what went wrong, and with which file."""

from __future__ import annotations

from pathlib import Path

from .text import printable


class NewsmarkError(Exception):
    """Anything the CLI reports as one line and exit code 2, without a traceback.

    Messages name files and quote text that may hold ESC, C1, bidi controls or
    newlines: they are made harmless here, once, for every place that shows one.
    """

    def __init__(self, message: str = "") -> None:
        super().__init__(printable(message))


class InputError(NewsmarkError):
    """A file the user named cannot be used as an article."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class StoreError(NewsmarkError):
    """The database refused a change or cannot be opened; nothing was written."""


class DamagedError(StoreError):
    """The database file is damaged, or its ``-wal`` belongs to another database:
    nothing may be read from it as if it were sound, nor written into it."""


class AnnotationError(StoreError):
    """An annotation that would break the offset contract (bad span, label or quote)."""


class StaleError(StoreError):
    """The row changed since the user saw it (another window, analyst or re-import).

    Nothing was written; ``current`` is the row as it is now (``None`` if it is
    gone) so that the screen can show it.
    """

    def __init__(self, message: str, current: object | None) -> None:
        super().__init__(message)
        self.current = current


class TextChangedError(StoreError):
    """The article's text changed under an open reader: a span the user chose is not
    the span the database would store. Nothing was written; reload the article."""

    def __init__(self, message: str, article_id: str) -> None:
        super().__init__(message)
        self.article_id = article_id
