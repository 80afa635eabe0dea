"""Put a parsed file into the store: one transaction per file, all of it or nothing.

Each annotation is placed by ``anchoring.place``: at its offsets when the text
there says its quote, else where its quote and context are found, else kept as
an orphan. Links are written when both their annotations are in the database.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..articles import Article
from ..errors import InputError, StoreError
from ..models import Annotation, Link, now
from ..store import Store, StoredArticle, context
from .anchoring import place
from .brat_import import read_brat, read_side_links
from .incoming import ArticleBySource, Batch, IncomingAnnotation, IncomingLink, ReadOptions
from .jsonl import read_jsonl
from .w3c import read_w3c


@dataclass
class ImportSummary:
    path: Path
    format: str
    articles_added: int = 0
    annotations: int = 0
    placed: Counter[str] = field(default_factory=Counter)  # "offsets", "searched", "not found"
    changed: int = 0
    orphaned: int = 0
    links: int = 0
    dismissals: int = 0
    labels_added: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    remarks: list[str] = field(default_factory=list)


def _resolve_article(store: Store, origin: object, summary: ImportSummary) -> str | None:
    if isinstance(origin, StoredArticle):
        found = store.article_by_sha256(origin.article.sha256)
        if found is not None:
            return found
        if store.has_article(origin.article.id):
            return origin.article.id  # another version of it: quotes are searched
        store.insert_article(origin)
        summary.articles_added += 1
        return origin.article.id
    if isinstance(origin, Article):
        result = store.import_article(origin)
        if result.status == "new":
            summary.articles_added += 1
        return result.article_id
    if isinstance(origin, ArticleBySource):
        if origin.uri.startswith("urn:sha256:"):
            return store.article_by_sha256(origin.uri[len("urn:sha256:") :].lower())
        return store.article_by_uri(origin.uri)
    return None


def _row(
    item: IncomingAnnotation,
    article_id: str,
    text: str,
    origin: str,
    annotator: str,
    summary: ImportSummary,
) -> Annotation:
    """The row to insert: the file's own row when it still holds, else a placed one."""
    if item.row is not None:
        row = replace(item.row, article_id=article_id, deleted_at=None, deleted_by="")
        holds = row.status == "orphaned" or (
            row.end <= len(text) and text[row.start : row.end] == row.text
        )
        if holds:
            summary.placed["offsets"] += 1
            summary.orphaned += row.status == "orphaned"
            summary.changed += row.status == "changed"
            return row
    placement = place(text, item.quote, item.prefix, item.suffix, item.start, item.end)
    summary.placed[placement.how] += 1
    stamp = now()
    if placement.status == "orphaned":
        summary.orphaned += 1
        quote, prefix, suffix = item.quote, item.prefix, item.suffix
    else:
        prefix, quote, suffix = context(text, placement.start, placement.end)
    summary.changed += placement.status == "changed"
    base = item.row
    return Annotation(
        id=item.id,
        article_id=article_id,
        start=placement.start,
        end=placement.end,
        label=item.label,
        text=quote,
        prefix=prefix,
        suffix=suffix,
        note=item.note,
        annotator=item.annotator or annotator,
        created_at=item.created_at or stamp,
        updated_at=item.updated_at or item.created_at or stamp,
        status=placement.status,
        original_text=item.quote if placement.status == "changed" else "",
        origin=base.origin if base else origin,
        updated_by=(base.updated_by if base else "") or item.annotator or annotator,
    )


def _link(item: IncomingLink, by: str) -> Link:
    if item.row is not None:
        return replace(item.row, deleted_at=None, deleted_by="")
    stamp = item.created_at or now()
    return Link(
        id=item.id,
        from_annotation=item.from_annotation,
        to_annotation=item.to_annotation,
        kind=item.kind,
        note=item.note,
        created_at=stamp,
        updated_at=stamp,
        updated_by=item.by or by,
    )


def write_batch(
    store: Store, batch: Batch, *, annotator: str = "", add_labels: tuple[str, ...] = ()
) -> ImportSummary:
    """Everything in ``batch`` in one transaction; an error leaves the database as it was."""
    summary = ImportSummary(
        batch.path, batch.format, skipped=Counter(batch.skipped), remarks=list(batch.remarks)
    )
    origin = f"import:{batch.format}"
    try:
        with store.transaction():
            for name in add_labels:
                if store.ensure_label(name) is not None:
                    summary.labels_added.append(name)
            for label in batch.labels:
                if store.ensure_label(label.name, label.key, label.position) is not None:
                    summary.labels_added.append(label.name)
            articles = {
                key: _resolve_article(store, value, summary)
                for key, value in batch.articles.items()
            }
            written: set[str] = set()
            for item in batch.annotations:
                article_id = articles.get(item.article)
                if article_id is None:
                    summary.skipped["article not in the database (import it first)"] += 1
                    continue
                if store.annotation_state(item.id) is not None:
                    summary.skipped["already in the database"] += 1
                    continue
                text = store.article_text(article_id)
                store.insert_annotation(_row(item, article_id, text, origin, annotator, summary))
                written.add(item.id)
                summary.annotations += 1
            for link_item in batch.links:
                ends = (link_item.from_annotation, link_item.to_annotation)
                if link_item.from_annotation == link_item.to_annotation or any(
                    end not in written and store.annotation_state(end) != "live" for end in ends
                ):
                    summary.skipped["link whose two ends are not both imported"] += 1
                    continue
                if store.has_link(link_item.id):
                    summary.skipped["link already in the database"] += 1
                    continue
                store.insert_link(_link(link_item, annotator))
                summary.links += 1
            for dismissal in batch.dismissals:
                own = articles.get(dismissal.article_id)
                other = articles.get(dismissal.other_article_id, "")
                if own is None or other is None or store.has_dismissal(dismissal.id):
                    summary.skipped["dismissed suggestion already known or of no article"] += 1
                    continue
                store.insert_dismissal(replace(dismissal, article_id=own, other_article_id=other))
                summary.dismissals += 1
    except StoreError as error:  # a row the database refuses: the file is bad
        raise InputError(batch.path, str(error)) from None
    return summary


# -- which reader reads which file ----------------------------------------------


_PAGE = re.compile(r"page-(\d+)\.json")


def _pages(folder: Path) -> list[Path]:
    """The ``page-N.json`` files of a W3C export written to a folder, in page order."""
    numbered = [
        (int(match.group(1)), path)
        for path in folder.iterdir()
        if (match := _PAGE.fullmatch(path.name))
    ]
    return [path for _, path in sorted(numbered)]


def expand(paths: list[Path]) -> list[Path]:
    """Files to read: a folder stands for its ``.ann`` files (a brat export), then its
    side file of links across documents when there is one; or, written by ``export
    --format w3c -o DIR/``, its ``page-N.json`` files in order."""
    from .brat import SIDE_FILE

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.ann"))
            if not found:
                pages = _pages(path)
                if not pages:
                    raise InputError(path, "folder without .ann files or W3C page-N.json files")
                files += pages
                continue
            files += found
            if (path / SIDE_FILE).is_file():
                files.append(path / SIDE_FILE)
        else:
            files.append(path)
    return files


def read_any(path: Path, options: ReadOptions, *, limit: int | None = None) -> Batch:
    from .brat import SIDE_FILE

    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path, options.policy, limit=limit)
    if suffix in (".json", ".jsonld"):
        return read_w3c(path, options.policy, limit=limit)
    if suffix == ".ann":
        return read_brat(path, options, limit=limit)
    if path.name == SIDE_FILE:
        return read_side_links(path, options, limit=limit)
    raise InputError(
        path, "unknown kind of file (.jsonl: newsmark, .json/.jsonld: W3C, .ann: brat)"
    )
