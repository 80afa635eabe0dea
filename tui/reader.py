"""Opening the reader from the command line, without click.

``newsmark`` with no arguments (the usual start) comes straight here from
``tui.cli.main``; ``newsmark read ...`` comes through click (``tui.commands``).
"""

from __future__ import annotations

import gc
import sqlite3
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from .cli_output import say
from .core.errors import NewsmarkError
from .core.session import articles_to_open, default_annotator, load_all
from .core.store import Store
from .core.store.connection import explain
from .seeds import seed_paths

F = TypeVar("F", bound=Callable[..., Any])


def one_line_errors(function: F) -> F:
    """Report our errors (and SQLite's, naming the database) as one line and exit 2."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except NewsmarkError as error:
            say(f"newsmark: {error}", err=True)
        except sqlite3.Error as error:
            say(f"newsmark: {explain(Path(kwargs.get('db_path', '?')), error)}", err=True)
        sys.exit(2)

    return wrapper  # type: ignore[return-value]


def open_reader(
    paths: Sequence[Path], db_path: Path, annotator: str | None, title: str | None
) -> int:
    """Open ``paths`` (or the database's articles, or the seeds) side by side; the app's
    return code once it quits."""
    gc.disable()  # until the first frame is on screen: see _collect_after_start
    try:
        articles = load_all(paths, title)
        with Store(db_path, verify=True) as store:
            article_ids, messages = articles_to_open(store, articles, seed_paths())
        from .ui.app import NewsmarkApp  # textual is imported only when the reader runs
        from .ui.tolerant_input import tolerate_bad_input_bytes

        tolerate_bad_input_bytes()
        app = NewsmarkApp(
            db_path=db_path,
            article_ids=article_ids,
            annotator=annotator or default_annotator(),
            messages=messages,
            after_first_frame=_collect_after_start,
        )
        app.run()
    finally:
        gc.enable()
    return app.return_code or 0


def _collect_after_start() -> None:
    """Start-up made some 70,000 objects (Textual's modules, styles, widgets) that live as
    long as the reader: collecting while they were made cost a full collection (~60 ms)
    and many small ones before the first frame. They are set aside for good (never
    scanned again) and collection resumes for what the reader makes from here on."""
    gc.freeze()
    gc.enable()
