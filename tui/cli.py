"""Command line: the reader by default; import, export and stats as subcommands.

Every ``NewsmarkError`` becomes one line on stderr and exit code 2.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from click_default_group import DefaultGroup

from .core.errors import NewsmarkError
from .core.export import export_annotations, export_links
from .core.session import (
    articles_to_open,
    default_annotator,
    flagged_lines,
    load_all,
    outcome_counts,
)
from .core.store import Store
from .core.text import printable
from .core.versions import history_lines
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


def one_line_errors(function: F) -> F:
    """Report our errors as one line and exit 2: no traceback for bad input."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except NewsmarkError as error:
            click.echo(f"newsmark: {error}", err=True)
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
    with Store(db_path) as store:
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
    """Add article files (.txt, .md, .html) to the database."""
    articles = load_all(paths, title)
    with Store(db_path) as store:
        results = [store.import_article(article) for article in articles]
        for path, result in zip(paths, results, strict=True):
            article = store.get_article(result.article_id)
            shown = printable(str(path))  # a file name may hold ESC or newlines
            line = f"{result.status:9} {result.article_id}  {printable(article.title)}  ({shown})"
            if result.status == "updated":
                again = ", an earlier version again" if result.earlier_version else ""
                line += f"{again}: {outcome_counts(result)}"
            click.echo(line)
            for flagged in flagged_lines(result):
                click.echo(f"  {flagged}")


@cli.command()
@click.argument("article")
@db_option
@one_line_errors
def history(article: str, db_path: Path) -> None:
    """List ARTICLE's versions (id, id prefix or path) and the words each one changed."""
    with Store(db_path, readonly=True) as store:
        article_id = store.find_article(article) or store.find_article(_resolved(article))
        if article_id is None:
            raise NewsmarkError(
                f"{printable(str(db_path))}: no article {printable(article)}"
                " (an id, an id prefix or an imported path; see `newsmark stats`)"
            )
        click.echo(f"{article_id}  {printable(store.get_article(article_id).title)}")
        for line in history_lines(store.article_history(article_id)):
            click.echo(line)


@cli.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "w3c", "brat"]),
    default="csv",
    show_default=True,
    help="csv; jsonl (newsmark's own, lossless); w3c (Web Annotation JSON-LD); brat (a folder).",
)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="File to write, or - for standard output (brat, and w3c in pages: a folder).",
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
    """Export annotations as CSV (one row per annotation), JSON Lines, W3C or brat."""
    if fmt != "csv":
        from .cli_formats import export_format

        if raw or links_output:
            raise NewsmarkError("--raw and --links are options of the CSV export")
        return export_format(db_path, fmt, output, labels, article_ids)
    with Store(db_path, readonly=True) as store:
        with _open_output(output) as out:
            count = export_annotations(store, out, labels=labels, article_ids=article_ids, raw=raw)
        if links_output:
            with _open_output(links_output) as out:
                export_links(store, out, raw=raw)
    if output != "-":
        click.echo(f"{count} annotation(s) written to {output}", err=True)


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return path


@contextmanager
def _utf8_stdout() -> Iterator[IO[str]]:
    """Standard output as UTF-8 with no newline translation, whatever the locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # already a text-only stream (some embedders): use it as it is
        yield sys.stdout
        return
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield stream
    finally:
        stream.flush()
        stream.detach()


def _open_output(output: str) -> Any:
    if output == "-":
        return _utf8_stdout()
    try:
        handle: IO[str] = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    except OSError as error:
        raise NewsmarkError(f"{output}: cannot write ({error.strerror})") from None
    return handle


@cli.command()
@db_option
@one_line_errors
def stats(db_path: Path) -> None:
    """Articles and annotation counts by label."""
    with Store(db_path, readonly=True) as store:
        summaries = store.articles()
        labels = store.labels()
        click.echo(f"{len(summaries)} article(s) in {db_path}")
        for summary in summaries:
            counts = store.counts_by_label([summary.id])
            detail = ", ".join(f"{label} {counts[label]}" for label in labels)
            click.echo(f"  {summary.id}  {summary.title}  ({summary.length} chars): {detail}")
        totals = store.counts_by_label()
        click.echo(
            f"{sum(totals.values())} annotation(s): "
            + ", ".join(f"{label} {totals[label]}" for label in labels)
        )


@cli.group(invoke_without_command=True)
@db_option
@click.pass_context
@one_line_errors
def labels(context: click.Context, db_path: Path) -> None:
    """List the labels (name, key, annotations); add, rename or remove one.

    A label added here works everywhere at once: its key tags in the reader, and it
    has a colour, a gutter letter, a count and a filter of its own.
    """
    context.obj = db_path
    if context.invoked_subcommand is not None:
        return
    with Store(db_path) as store:
        for label in store.label_rows():
            live, _deleted = store.label_usage(label.name)
            click.echo(f"{label.key}  {printable(label.name):20} {live} annotation(s)")


def _labels_db(context: click.Context, db_path: Path | None) -> Path:
    return db_path or context.obj or Path("annotations.db")


@labels.command(name="add")
@click.argument("name")
@click.option("--key", required=True, help="The one key that tags with this label.")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None, hidden=True)
@click.pass_context
@one_line_errors
def labels_add(context: click.Context, name: str, key: str, db_path: Path | None) -> None:
    """Add label NAME, tagged with KEY in the reader."""
    with Store(_labels_db(context, db_path)) as store:
        label = store.add_label(name, key)
    click.echo(f"added {printable(label.name)} (key {printable(label.key)})")


@labels.command(name="rename")
@click.argument("old")
@click.argument("new")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None, hidden=True)
@click.pass_context
@one_line_errors
def labels_rename(context: click.Context, old: str, new: str, db_path: Path | None) -> None:
    """Rename label OLD to NEW; its annotations follow."""
    with Store(_labels_db(context, db_path)) as store:
        store.rename_label(old, new)
    click.echo(f"renamed {printable(old)} to {printable(new)}")


@labels.command(name="remove")
@click.argument("name")
@click.option("--reassign", default=None, help="Move the label's annotations to this label.")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None, hidden=True)
@click.pass_context
@one_line_errors
def labels_remove(
    context: click.Context, name: str, reassign: str | None, db_path: Path | None
) -> None:
    """Remove label NAME (refused while annotations carry it, unless --reassign OTHER)."""
    with Store(_labels_db(context, db_path)) as store:
        moved = store.remove_label(name, reassign)
    suffix = f"; {moved} annotation(s) now {printable(reassign)}" if reassign else ""
    click.echo(f"removed {printable(name)}{suffix}")


def _articles_for(
    store: Store, paths: tuple[Path, ...], article_ids: tuple[str, ...]
) -> list[str]:
    """PATHs imported as the reader does, then ``--article`` ids; else every article."""
    ids = articles_to_open(store, load_all(paths), seed_paths())[0] if paths else []
    known = {summary.id for summary in store.articles()}
    for article_id in article_ids:
        if article_id not in known:
            raise NewsmarkError(
                f"no article {printable(article_id)} in {printable(str(store.path))}"
                f" (known: {', '.join(sorted(known)) or 'none'})"
            )
        ids.append(article_id)
    if not paths and not article_ids:
        ids = articles_to_open(store, [], seed_paths())[0]
    return list(dict.fromkeys(ids))


format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True
)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--article", "article_ids", multiple=True, help="An article id (repeatable).")
@click.option("--kind", "kinds", type=click.Choice(["quote", "claim"]), multiple=True,
              help="Only quotes or only claims [default: both].")  # fmt: skip
@format_option
@db_option
@one_line_errors
def suggest(
    paths: tuple[Path, ...],
    article_ids: tuple[str, ...],
    kinds: tuple[str, ...],
    fmt: str,
    db_path: Path,
) -> None:
    """Print suggested quotes (attributions) and claims; stores nothing.

    Dismissed suggestions (in the reader) are left out. Offsets are code points into
    each article's canonical text.
    """
    from .core.assist.output import jsonl, suggestion_record, suggestion_row
    from .core.assist.suggestions import KINDS
    from .core.assist.suggestions import suggest as find

    with Store(db_path) as store:
        ids = _articles_for(store, paths, article_ids)
        dismissed = store.dismissed_ids(ids)
        for article_id in ids:
            article = store.get_article(article_id)
            for item in find(article_id, article.text, kinds or KINDS):
                if item.id in dismissed:
                    continue
                line = jsonl(suggestion_record(item)) if fmt == "jsonl" else suggestion_row(item)
                click.echo(line)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--article", "article_ids", multiple=True, help="An article id (repeatable).")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@format_option
@db_option
@one_line_errors
def compare(
    paths: tuple[Path, ...], article_ids: tuple[str, ...], top: int, fmt: str, db_path: Path
) -> None:
    """Print candidate contradictions between articles, best first; stores nothing."""
    from .core.assist.output import contradiction_record, contradiction_rows, jsonl
    from .core.assist.suggestions import contradictions

    with Store(db_path) as store:
        ids = _articles_for(store, paths, article_ids)
        if len(ids) < 2:
            raise NewsmarkError("compare needs at least two articles")
        texts = [(article_id, store.get_article(article_id).text) for article_id in ids]
        found = contradictions(texts, store.dismissed_ids(ids), top)
        for rank, item in enumerate(found, start=1):
            if fmt == "jsonl":
                click.echo(jsonl(contradiction_record(item)))
            else:
                click.echo("\n".join(contradiction_rows(rank, item)))


# -- annotations in and out: import-annotations and report (tui/cli_formats.py) --
utf8_stdout = _utf8_stdout
from .cli_formats import register_format_commands  # noqa: E402

register_format_commands(cli)


def main() -> None:
    try:
        cli(prog_name="newsmark")
    except KeyboardInterrupt:
        sys.exit(130)
from . import cli_team  # noqa: E402, F401  (merge, conflicts, agree, serve)
