"""Commands for several analysts: merge, conflicts, agree, serve.

Registered on the main group by one import at the end of ``cli.py``; the team
modules they need are imported when a command runs, not at start-up.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .cli_output import say
from .commands import cli, db_option
from .core.store import Store
from .core.text import printable
from .reader import one_line_errors


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--into",
    "target",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Database to merge into (created when missing).",
)
@one_line_errors
def merge(sources: tuple[Path, ...], target: Path) -> None:
    """Merge analysts' databases (SOURCES) into one: articles, annotations, links, labels.

    The newer copy of a row edited in two places wins (higher revision, then later
    update); the other is kept and listed by `newsmark conflicts`. Merging the same
    file again changes nothing.
    """
    from .core.team.merge import describe, merge_databases

    results = merge_databases(target, sources)
    for source, result in zip(sources, results, strict=True):
        click.echo(f"{printable(str(source))}: {describe(result)}")
    total = sum(result.conflicts for result in results)
    if total:
        plural = "conflict" if total == 1 else "conflicts"
        click.echo(f"{total} {plural}: see `newsmark conflicts --db {printable(str(target))}`")


@cli.command()
@db_option
@click.option("--all", "include_resolved", is_flag=True, help="Resolved ones too.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@one_line_errors
def conflicts(db_path: Path, include_resolved: bool, fmt: str) -> None:
    """Rows edited in two databases: the copy a merge kept and the one it did not."""
    from .core.team.conflicts import conflict_views, describe_conflict

    with Store(db_path, readonly=True, verify=True) as store:
        views = conflict_views(store, include_resolved=include_resolved)
    if fmt == "json":
        click.echo(json.dumps([view.as_json() for view in views], ensure_ascii=True, indent=1))
        return
    for view in views:
        for line in describe_conflict(view):
            say(line)  # quotes notes and names from other analysts' databases
    click.echo(f"{len(views)} conflict(s)")


@cli.command()
@db_option
@click.option(
    "--annotator",
    "annotators",
    multiple=True,
    help="Only this annotator (repeatable) [default: all].",
)
@click.option("--article", "article_ids", multiple=True, help="Only this article id (repeatable).")
@click.option(
    "--label",
    "labels",
    multiple=True,
    help="Only this label (repeatable) [default: every label in use].",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@one_line_errors
def agree(
    db_path: Path,
    annotators: tuple[str, ...],
    article_ids: tuple[str, ...],
    labels: tuple[str, ...],
    fmt: str,
) -> None:
    """Agreement between annotators, pair by pair: span P/R/F1 (exact and overlap) and
    Cohen's kappa over characters, per label and overall, with means over pairs."""
    from .core.errors import NewsmarkError
    from .core.team.agree import agreement
    from .core.team.agree_table import table

    with Store(db_path, readonly=True, verify=True) as store:
        for label in labels:
            store.check_label(label)
        known = {summary.id for summary in store.articles()}
        for article_id in article_ids:
            if article_id not in known:
                raise NewsmarkError(f"{db_path}: no article with id {printable(article_id)!r}")
        store.check_filters((), (), annotators)  # a misspelt name is a mistake, not 0 spans
        report = agreement(store, annotators=annotators, article_ids=article_ids, labels=labels)
    if len(report.annotators) < 2:
        raise NewsmarkError(
            f"{db_path}: agreement needs two annotators or more (found {len(report.annotators)})"
        )
    if fmt == "json":
        click.echo(json.dumps(report.as_json(), ensure_ascii=True, indent=1))
        return
    for line in table(report):
        say(line)  # annotator names come from other analysts' databases


@cli.command()
@db_option
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on: 0.0.0.0 for every interface (anyone who can reach"
    " this machine can then read the database).",
)
@one_line_errors
def serve(db_path: Path, port: int, host: str) -> None:
    """Publish the database read-only with Datasette (pip install 'newsmark[team]'):
    tables described, and canned queries for inconsistencies, claims and agreement."""
    import sys

    from .core.team.serve import serve as run

    click.echo(f"serving {printable(str(db_path))} read-only on http://{host}:{port}/", err=True)
    sys.exit(run(db_path, host, port))


@cli.command()
@db_option
@click.option(
    "--annotator",
    "annotators",
    multiple=True,
    help="An annotator to curate (repeatable) [default: everyone who annotated].",
)
@click.option("--article", "article_ids", multiple=True, help="Only this article id (repeatable).")
@click.option("--as", "curator", default="curated", show_default=True,
              help="The annotator the curated answer is written as.")  # fmt: skip
@one_line_errors
def curate(
    db_path: Path, annotators: tuple[str, ...], article_ids: tuple[str, ...], curator: str
) -> None:
    """Settle the chosen annotators' disagreements into one answer, article by article.

    What all of them agree on is accepted at once; each disagreement is shown with who
    said what, and 1-9 (a side), b (both), 0 (neither) decide it, one undo step each.
    The answer is written as CURATOR: `newsmark export --annotator curated` exports it.
    """
    from .core.errors import NewsmarkError
    from .ui.curate_app import CurateApp, annotators_of, curate_ids

    with Store(db_path, verify=True) as store:
        store.check_filters((), (), annotators)  # a misspelt name is a mistake
        chosen = list(annotators) or [name for name in annotators_of(store) if name != curator]
        if len(chosen) < 2:
            raise NewsmarkError(
                f"{printable(str(db_path))}: curation needs two annotators or more"
                f" (found: {', '.join(printable(name) for name in chosen) or 'none'})"
            )
        ids = curate_ids(store, chosen, article_ids)
        if not ids:
            raise NewsmarkError("no article was annotated by two of the chosen annotators")
    from .ui.tolerant_input import tolerate_bad_input_bytes

    tolerate_bad_input_bytes()
    CurateApp(db_path, ids, chosen, curator=curator).run()
