"""Command line: the reader by default; import, export and stats as subcommands.

Every ``NewsmarkError`` becomes one line on stderr and exit code 2. Everything
printed passes ``printable`` (paths, titles, labels, errors, click's own
messages): no text from a file name or a database drives the terminal.
``tui.cli.main`` comes here for anything but a bare ``newsmark``.
"""

from __future__ import annotations

import io
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import TextIO, cast

import click
from click_default_group import DefaultGroup

from .cli_output import emit, say, utf8_stdout
from .core.errors import NewsmarkError
from .core.session import (
    articles_to_open,
    default_annotator,
    flagged_lines,
    load_all,
    outcome_counts,
)
from .core.store import Store
from .core.text import printable
from .reader import one_line_errors, open_reader
from .seeds import seed_paths

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
    _not_a_mistyped_command(paths)
    code = open_reader(paths, db_path, annotator, title)
    if code:
        sys.exit(code)


def _not_a_mistyped_command(paths: tuple[Path, ...]) -> None:
    """`newsmark exprot` reads as a file to open: say which command was meant."""
    import difflib

    for path in paths:
        if path.exists() or len(path.parts) != 1:
            continue
        close = difflib.get_close_matches(path.name, list(cli.commands), n=1, cutoff=0.7)
        if close:
            raise NewsmarkError(
                f"{path}: no such file or command; did you mean `newsmark {close[0]}`?"
                " (`newsmark --help` lists the commands)"
            )


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--title", default=None, help="Title to use instead of the guessed one (one PATH).")
@one_line_errors
def import_(paths: tuple[Path, ...], db_path: Path, title: str | None) -> None:
    """Add article files (.txt, .md, .html) to the database.

    Each line names the article's id and its title (guessed from the file unless
    --title gives one); `newsmark retitle ID TITLE` changes it later.
    """
    articles = load_all(paths, title)
    with Store(db_path, verify=True) as store:
        results = [store.import_article(article) for article in articles]
        for path, result in zip(paths, results, strict=True):
            article = store.get_article(result.article_id)
            if title is not None and article.title != title:
                article = replace(
                    article,
                    title=store.retitle(
                        article.id, title, seen=article.title, by=default_annotator()
                    ),
                )
            line = f"{result.status:9} {result.article_id}  {article.title}  ({path})"
            if result.status == "updated":
                again = ", an earlier version again" if result.earlier_version else ""
                line += f"{again}: {outcome_counts(result)}"
            say(line)
            for flagged in flagged_lines(result):
                say(f"  {flagged}")


@cli.command()
@click.argument("article")
@click.argument("title")
@db_option
@one_line_errors
def retitle(article: str, title: str, db_path: Path) -> None:
    """Give ARTICLE (id, id prefix or path) the title TITLE; a re-import keeps it."""
    with Store(db_path, verify=True) as store:
        article_id = _article_id(store, article, db_path)
        old = store.get_article(article_id).title
        new = store.retitle(article_id, title, seen=old, by=default_annotator())
        say(f"{article_id}  {new}  (was: {old})")


@cli.command()
@click.argument("article")
@db_option
@one_line_errors
def history(article: str, db_path: Path) -> None:
    """List ARTICLE's versions (id, id prefix or path) and the words each one changed."""
    with Store(db_path, readonly=True, verify=True) as store:
        article_id = _article_id(store, article, db_path)
        say(f"{article_id}  {store.get_article(article_id).title}")
        from .core.versions import history_lines

        for line in history_lines(store.article_history(article_id)):
            say(line)


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
@click.option("--annotator", "annotators", multiple=True,
              help="Only this annotator, e.g. curated (repeatable; CSV).")  # fmt: skip
@click.option(
    "--raw",
    is_flag=True,
    help="Write cells exactly as stored, without neutralising spreadsheet formulas.",
)
@click.option(
    "--excel",
    is_flag=True,
    help="For Excel: a UTF-8 byte order mark first, so that curly quotes and accents survive.",
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
    annotators: tuple[str, ...],
    raw: bool,
    excel: bool,
    links_output: str | None,
) -> None:
    """Export annotations as CSV (one row per annotation), JSON Lines, W3C or brat.

    Files are written beside their target and replace it only when the export
    succeeded: a failed export leaves an existing file as it was.
    """
    if fmt != "csv":
        from .cli_formats import export_format

        if raw or links_output or excel or annotators:
            raise NewsmarkError("--raw, --excel, --annotator and --links are CSV options")
        with Store(db_path, readonly=True, verify=True) as store:
            store.check_filters(labels, article_ids)
        return export_format(db_path, fmt, output, labels, article_ids)
    from .core.export import export_annotations, export_links
    from .core.formats.output import atomic_output

    if links_output is not None and links_output == output:
        where = "standard output" if output == "-" else output
        raise NewsmarkError(f"{where}: -o and --links name the same place; give each its own")
    if excel and raw:
        raise NewsmarkError("--excel writes neutralised cells for a spreadsheet: drop --raw")
    with ExitStack() as stack:
        store = stack.enter_context(Store(db_path, readonly=True, verify=True))
        store.check_filters(labels, article_ids, annotators)
        handles: dict[str, TextIO] = {}
        for name in dict.fromkeys((output, links_output or output)):
            opened = utf8_stdout() if name == "-" else atomic_output(name)
            handles[name] = cast(TextIO, stack.enter_context(opened))
            if excel:
                handles[name].write("\ufeff")
        count = export_annotations(
            store,
            handles[output],
            labels=labels,
            article_ids=article_ids,
            annotators=annotators,
            raw=raw,
        )
        if links_output:
            export_links(store, handles[links_output], raw=raw)
    if output != "-":
        say(f"{count} annotation(s) written to {output}", err=True)


def _article_id(store: Store, key: str, db_path: Path) -> str:
    """The article a user named by id, id prefix or path (as typed, or resolved)."""
    article_id = (
        store.find_article(key) or store.find_article(_resolved(key)) or _by_content(store, key)
    )
    if article_id is None:
        raise NewsmarkError(
            f"{printable(str(db_path))}: no article {printable(key)}"
            " (an id, an id prefix or an imported path; see `newsmark stats`)"
        )
    return article_id


def _by_content(store: Store, path: str) -> str | None:
    """The article a file's text is (imported from another path, or an earlier text)."""
    from .core.articles import load_article

    try:
        if not Path(path).is_file():
            return None
        return store.article_by_sha256(load_article(path).sha256)
    except (NewsmarkError, OSError):  # unreadable: the caller says there is no such article
        return None


def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return path


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
    with Store(db_path, verify=True) as store:
        for label in store.label_rows():
            live, _deleted = store.label_usage(label.name)
            say(f"{label.key}  {printable(label.name):20} {live} annotation(s)")


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
    with Store(_labels_db(context, db_path), verify=True) as store:
        label = store.add_label(name, key)
    say(f"added {label.name} (key {label.key})")


@labels.command(name="rename")
@click.argument("old")
@click.argument("new")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=None, hidden=True)
@click.pass_context
@one_line_errors
def labels_rename(context: click.Context, old: str, new: str, db_path: Path | None) -> None:
    """Rename label OLD to NEW; its annotations follow."""
    with Store(_labels_db(context, db_path), verify=True) as store:
        store.rename_label(old, new)
    say(f"renamed {old} to {new}")


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
    with Store(_labels_db(context, db_path), verify=True) as store:
        moved = store.remove_label(name, reassign)
    suffix = f"; {moved} annotation(s) now {printable(reassign)}" if reassign else ""
    say(f"removed {name}{suffix}")


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
    from .core.articles import heading_spans
    from .core.assist.output import jsonl, suggestion_record, suggestion_row
    from .core.assist.suggestions import KINDS
    from .core.assist.suggestions import suggest as find

    with Store(db_path, verify=True) as store:
        ids = _articles_for(store, paths, article_ids)
        dismissed = store.dismissed_ids(ids)
        for article_id in ids:
            article = store.get_article(article_id)
            headings = heading_spans(article)
            for item in find(article_id, article.text, kinds or KINDS, headings):
                if item.id in dismissed:
                    continue
                if fmt == "jsonl":
                    emit(jsonl(suggestion_record(item)))
                else:
                    say(suggestion_row(item))


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

    with Store(db_path, verify=True) as store:
        ids = _articles_for(store, paths, article_ids)
        if len(ids) < 2:
            raise NewsmarkError("compare needs at least two articles")
        texts = [(article_id, store.get_article(article_id).text) for article_id in ids]
        found = contradictions(texts, store.dismissed_ids(ids), top)
        for rank, item in enumerate(found, start=1):
            if fmt == "jsonl":
                emit(jsonl(contradiction_record(item)))
            else:
                for row in contradiction_rows(rank, item):
                    say(row)


# -- annotations in and out: import-annotations and report (tui/cli_formats.py) --
from .cli_formats import register_format_commands  # noqa: E402

register_format_commands(cli)


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
from . import cli_team  # noqa: E402, F401  (merge, conflicts, agree, serve)
