"""Commands for annotations in and out: ``export --format jsonl|w3c|brat``,
``import-annotations`` and ``report``.

Kept apart from ``cli.py`` so that its changes stay one small block; the
formats themselves are imported when a command runs, not when the CLI starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .core.errors import NewsmarkError
from .core.text import printable

FORMATS = ("jsonl", "w3c", "brat")


def _say(text: str) -> None:
    click.echo(printable(text), err=True)


def export_format(
    db_path: Path, fmt: str, output: str, labels: tuple[str, ...], article_ids: tuple[str, ...]
) -> None:
    """``newsmark export --format jsonl|w3c|brat``: what goes where, and how much."""
    from .core.formats.output import atomic_directory, atomic_output
    from .core.store import Store

    with Store(db_path, readonly=True, verify=True) as store:
        if fmt == "brat":
            from .core.formats.brat import SIDE_FILE, export_brat

            if output == "-":
                raise NewsmarkError("brat writes a folder: give -o DIR")
            with atomic_directory(output) as folder:
                result = export_brat(store, folder, labels=labels, article_ids=article_ids)
            _say(
                f"{result.annotations} annotation(s) in {result.documents} document(s),"
                f" {result.links} link(s) within documents written to {output}"
            )
            if result.cross_document_links:
                _say(
                    f"{result.cross_document_links} link(s) across documents written to"
                    f" {Path(output) / SIDE_FILE} (brat cannot show links across documents)"
                )
            if result.orphans_left_out:
                _say(
                    f"{result.orphans_left_out} orphaned annotation(s) left out: their quote is"
                    " no longer in the text (export JSON Lines or W3C to keep them)"
                )
            return
        if fmt == "w3c" and (output.endswith(("/", "\\")) or Path(output).is_dir()):
            from .core.formats.w3c import export_w3c_pages

            with atomic_directory(output) as folder:
                count = export_w3c_pages(store, folder, labels=labels, article_ids=article_ids)
            _say(f"{count} W3C annotation(s) written to {output} (collection.json, page-N.json)")
            return
        writer = _writer(fmt)
        if output == "-":
            from .cli_output import utf8_stdout

            with utf8_stdout() as out:
                writer(store, out, labels=labels, article_ids=article_ids)
            return
        with atomic_output(output) as out:
            written = writer(store, out, labels=labels, article_ids=article_ids)
        if isinstance(written, dict):
            detail = ", ".join(f"{count} {kind}(s)" for kind, count in written.items())
        else:
            detail = f"{written} W3C annotation(s) (links included)"
        _say(f"{detail} written to {output}")


def _writer(fmt: str) -> Callable[..., Any]:
    if fmt == "jsonl":
        from .core.formats.jsonl import export_jsonl

        return export_jsonl
    from .core.formats.w3c import export_w3c

    return export_w3c


def _mapping(values: tuple[str, ...]) -> dict[str, str]:
    mapping: dict[str, str] = {}
    for value in values:
        for pair in value.split(","):
            if not pair.strip():
                continue
            theirs, sep, ours = pair.partition("=")
            if not sep or not theirs.strip() or not ours.strip():
                raise NewsmarkError(f"--map {pair!r}: write THEIRS=OURS, e.g. Content=quote")
            mapping[theirs.strip()] = ours.strip()
    return mapping


def _pattern(value: str | None) -> re.Pattern[str] | None:
    if value is None:
        return None
    try:
        return re.compile(value)
    except re.error as error:
        raise NewsmarkError(
            f"--annotator-from-filename: not a regular expression ({error})"
        ) from None


def _describe(summary: Any) -> list[str]:
    placed = summary.placed
    parts = [f"{summary.annotations} annotation(s)"]
    detail = []
    if placed["offsets"]:
        detail.append(f"{placed['offsets']} at their offsets")
    if placed["searched"]:
        detail.append(f"{placed['searched']} found by their quote")
    if summary.changed:
        detail.append(f"{summary.changed} on changed wording (flagged)")
    if summary.orphaned:
        detail.append(f"{summary.orphaned} orphaned (quote not found, kept)")
    if detail:
        parts[0] += f" ({', '.join(detail)})"
    parts.append(f"{summary.links} link(s)")
    if summary.dismissals:
        parts.append(f"{summary.dismissals} dismissed suggestion(s)")
    if summary.articles_added:
        parts.append(f"{summary.articles_added} article(s) added")
    lines = [f"{summary.path}: {', '.join(parts)}"]
    if summary.labels_added:
        lines.append(f"  labels added: {', '.join(summary.labels_added)}")
    lines += [f"  {remark}" for remark in summary.remarks]
    lines += [f"  skipped {count}: {reason}" for reason, count in sorted(summary.skipped.items())]
    return lines


def register_format_commands(group: click.Group) -> None:
    """Add ``import-annotations`` and ``report`` to the CLI group."""
    from .commands import db_option
    from .reader import one_line_errors

    @group.command(name="import-annotations")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @db_option
    @click.option(
        "--map",
        "maps",
        multiple=True,
        metavar="THEIRS=OURS,...",
        help="Their label (brat type, W3C tag) to ours; unmapped ones are then skipped.",
    )
    @click.option("--add-labels", is_flag=True, help="Create labels the map names but lacks.")
    @click.option("--default-label", default=None, help="Label for annotations that carry none.")
    @click.option(
        "--annotator", default="", help="Annotator for annotations whose file names none (brat)."
    )
    @click.option(
        "--annotator-from-filename",
        "annotator_pattern",
        default=None,
        metavar="REGEX",
        help="Take the annotator from the .ann file name (group 'annotator'), e.g."
        " '_(?P<annotator>[0-9a-f]{4})$', with or without .ann; the rest of the name is"
        " the text's name.",
    )
    @click.option(
        "--text-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where the .txt files of brat .ann files are, when not beside them.",
    )
    @click.option(
        "--discontinuous",
        type=click.Choice(["split", "skip"]),
        default="split",
        show_default=True,
        help="brat spans in several pieces: one annotation per piece, or none.",
    )
    @one_line_errors
    def import_annotations(
        paths: tuple[Path, ...],
        db_path: Path,
        maps: tuple[str, ...],
        add_labels: bool,
        default_label: str | None,
        annotator: str,
        annotator_pattern: str | None,
        text_dir: Path | None,
        discontinuous: str,
    ) -> None:
        """Import annotations: newsmark JSON Lines, W3C Web Annotation (JSON-LD), brat .ann.

        Each file is read whole, then written in one transaction; a bad file
        changes nothing. A folder stands for its .ann files.
        """
        try:
            _import(
                paths,
                db_path,
                maps,
                add_labels,
                default_label,
                annotator,
                annotator_pattern,
                text_dir,
                discontinuous,
            )
        except NewsmarkError as error:  # its text may quote the file: keep it harmless
            raise NewsmarkError(printable(str(error))) from None

    def _import(
        paths: tuple[Path, ...],
        db_path: Path,
        maps: tuple[str, ...],
        add_labels: bool,
        default_label: str | None,
        annotator: str,
        annotator_pattern: str | None,
        text_dir: Path | None,
        discontinuous: str,
    ) -> None:
        from .core.formats.importing import expand, read_any, write_batch
        from .core.formats.incoming import LabelPolicy, ReadOptions
        from .core.store import Store

        mapping = _mapping(maps)
        pattern = _pattern(annotator_pattern)
        files = expand(list(paths))
        with Store(db_path, verify=True) as store:
            known = set(store.labels())
            wanted = sorted({*mapping.values(), *([default_label] if default_label else [])})
            missing = [name for name in wanted if name not in known]
            if missing and not add_labels:
                raise NewsmarkError(
                    f"unknown label(s) {', '.join(missing)} (known: {', '.join(sorted(known))});"
                    " add --add-labels to create them"
                )
            policy = LabelPolicy(frozenset(known | set(missing)), mapping, default_label)
            options = ReadOptions(policy, discontinuous, annotator, pattern, text_dir)
            batches = [read_any(path, options) for path in files]  # every file read first
            total = links = 0
            for batch in batches:
                summary = write_batch(store, batch, annotator=annotator, add_labels=tuple(missing))
                total += summary.annotations
                links += summary.links
                for line in _describe(summary):
                    click.echo(printable(line))
        click.echo(f"{total} annotation(s) and {links} link(s) imported from {len(files)} file(s)")

    @group.command()
    @db_option
    @click.option(
        "-o",
        "--output",
        default="report.html",
        show_default=True,
        help="report.html (one self-contained page), report.md (Markdown), or - (stdout).",
    )
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["html", "md"]),
        default=None,
        help="Format [default: from the file name; html for -].",
    )
    @one_line_errors
    def report(db_path: Path, output: str, fmt: str | None) -> None:
        """A report for an editor: each linked inconsistency side by side, then each
        article's claims and quotes with their notes."""
        from .core.formats.report import render_report, write_report
        from .core.store import Store

        with Store(db_path, readonly=True, verify=True) as store:
            if output == "-":
                from .cli_output import utf8_stdout

                with utf8_stdout() as out:
                    out.write(render_report(store, fmt or "html"))
                return
            write_report(store, output, fmt=fmt)
        _say(f"report written to {output}")
