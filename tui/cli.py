"""Command line: the reader by default; import, export and stats as subcommands.

Every ``NewsmarkError`` becomes one line on stderr and exit code 2. Everything
printed passes ``printable`` (paths, titles, labels, errors, click's own
messages): no text from a file name or a database drives the terminal.
"""

from __future__ import annotations

import io
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from functools import wraps
from pathlib import Path
from typing import IO, Any, TextIO, TypeVar, cast

import click
from click_default_group import DefaultGroup

from .core.atomic import replaced_on_success
from .core.errors import NewsmarkError
from .core.export import export_annotations, export_links
from .core.session import articles_to_open, default_annotator, load_all
from .core.store import Store
from .core.store.connection import explain
from .core.text import printable, safe
from .seeds import seed_paths

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=True, path_type=Path),
    default="annotations.db",
    show_default=True,
    envvar="NEWSMARK_DB",
    show_envvar=True,
    help="SQLite database to read and write.",
)


def say(line: str, *, err: bool = False) -> None:
    """Print one line of output that may quote a path, a title or a label."""
    click.echo(printable(line), err=err)


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


@click.group(cls=DefaultGroup, default="read", default_if_no_args=True)
@click.version_option(package_name="newsmark")
def cli() -> None:
    """Read news articles side by side and tag claims, quotes and inconsistencies.

    With no command, opens the reader (see `newsmark read --help`).
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--annotator",
    envvar="NEWSMARK_ANNOTATOR",
    default=None,
    help="Name recorded on each annotation [default: your login name].",
)
@click.option("--title", default=None, help="Title to use instead of the guessed one (one PATH).")
@one_line_errors
def read(
    paths: tuple[Path, ...], db_path: Path, annotator: str | None, title: str | None
) -> None:
    """Open PATHS (or the database's articles, or the seeds) side by side."""
    articles = load_all(paths, title)
    with Store(db_path, verify=True) as store:
        article_ids, messages = articles_to_open(store, articles, seed_paths())
    from .ui.app import NewsmarkApp  # textual is imported only when the reader runs

    app = NewsmarkApp(
        db_path=db_path,
        article_ids=article_ids,
        annotator=annotator or default_annotator(),
        messages=messages,
    )
    app.run()
    if app.return_code:
        sys.exit(app.return_code)


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--title", default=None, help="Title to use instead of the guessed one (one PATH).")
@one_line_errors
def import_(paths: tuple[Path, ...], db_path: Path, title: str | None) -> None:
    """Add article files (.txt, .md) to the database."""
    articles = load_all(paths, title)
    with Store(db_path, verify=True) as store:
        results = [store.import_article(article) for article in articles]
        for path, result in zip(paths, results, strict=True):
            article = store.get_article(result.article_id)
            line = f"{result.status:9} {result.article_id}  {article.title}  ({path})"
            if result.status == "updated":
                line += f": {result.moved} moved, {result.orphaned} orphaned"
            say(line)


@cli.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="File to write, or - for standard output.",
)
@click.option("--label", "labels", multiple=True, help="Only this label (repeatable).")
@click.option("--article", "article_ids", multiple=True, help="Only this article id (repeatable).")
@click.option(
    "--raw",
    is_flag=True,
    help="Write cells exactly as stored, without neutralising spreadsheet formulas.",
)
@click.option(
    "--links",
    "links_output",
    default=None,
    help="Also write one row per link (both quotes) to this file, or - for stdout.",
)
@one_line_errors
def export(
    db_path: Path,
    fmt: str,
    output: str,
    labels: tuple[str, ...],
    article_ids: tuple[str, ...],
    raw: bool,
    links_output: str | None,
) -> None:
    """Export annotations as CSV (one row per annotation).

    Files are written beside their target and replace it only when the export
    succeeded: a failed export leaves an existing file as it was.
    """
    if links_output not in (None, "-") and links_output == output:
        raise NewsmarkError(f"{output}: -o and --links name the same file")
    files = [name for name in (output, links_output) if name not in (None, "-")]
    with ExitStack() as stack:
        store = stack.enter_context(Store(db_path, readonly=True, verify=True))
        handles = dict(zip(files, stack.enter_context(replaced_on_success(*files)), strict=True))
        if "-" in (output, links_output):
            handles["-"] = stack.enter_context(_stdout_for_csv())
        count = export_annotations(
            store, handles[output], labels=labels, article_ids=article_ids, raw=raw
        )
        if links_output:
            export_links(store, handles[links_output], raw=raw)
    if output != "-":
        say(f"{count} annotation(s) written to {output}", err=True)


@contextmanager
def _stdout_for_csv() -> Iterator[TextIO]:
    """Standard output as UTF-8 with no newline translation, whatever the locale says.

    On a terminal the CSV is for reading, not for a program: it is shown through
    ``safe`` (a note holding ESC must not set the window title); redirected, it
    is written exactly.
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


@cli.command()
@db_option
@one_line_errors
def stats(db_path: Path) -> None:
    """Articles and annotation counts by label."""
    with Store(db_path, readonly=True, verify=True) as store:
        summaries = store.articles()
        labels = store.labels()
        say(f"{len(summaries)} article(s) in {db_path}")
        for summary in summaries:
            counts = store.counts_by_label([summary.id])
            detail = ", ".join(f"{label} {counts[label]}" for label in labels)
            say(f"  {summary.id}  {summary.title}  ({summary.length} chars): {detail}")
        totals = store.counts_by_label()
        say(
            f"{sum(totals.values())} annotation(s): "
            + ", ".join(f"{label} {totals[label]}" for label in labels)
        )


def main() -> None:
    """Run the CLI; click's own messages (a bad option, an extra argument) quote what the
    user typed, so they are printed through ``printable`` too."""
    try:
        code = cli.main(prog_name="newsmark", standalone_mode=False)
    except (KeyboardInterrupt, click.Abort):
        sys.exit(130)
    except click.ClickException as error:
        message = io.StringIO()
        error.show(file=message)
        for line in message.getvalue().splitlines():
            say(line, err=True)
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
