"""newsmark's own JSON Lines: everything an analyst made, one record a line, lossless.

The first line is a header naming the format and its version; then labels,
articles (metadata and canonical text), annotations and links, each in a total
order, so that the same database always gives the same bytes and an export
imported into an empty database exports again byte for byte. Deleted rows
(tombstones) are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ..articles import Article, Span
from ..errors import InputError
from ..models import STATUSES, Annotation, Dismissal, Label, Link
from ..store import Store, StoredArticle
from ..text import canonicalise, sha256
from .incoming import Batch, IncomingAnnotation, IncomingLink, LabelPolicy
from .reading import parse_json, read_text

FORMAT = "newsmark"
VERSION = 1
ARTICLE_FIELDS = (
    "id",
    "title",
    "source",
    "path",
    "url",
    "site",
    "author",
    "published",
    "imported_at",
    "updated_at",
    "sha256",
    "blocks",
    "styles",
    "text",
)
ANNOTATION_FIELDS = tuple(
    name for name in Annotation.__dataclass_fields__ if name not in ("deleted_at", "deleted_by")
)
LINK_FIELDS = tuple(
    name for name in Link.__dataclass_fields__ if name not in ("deleted_at", "deleted_by")
)
DISMISSAL_FIELDS = tuple(
    name for name in Dismissal.__dataclass_fields__ if name not in ("deleted_at", "deleted_by")
)


def _line(record: dict[str, Any]) -> str:
    # U+2028/2029 are valid in JSON strings but end a line for some readers: escape them.
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n"


def _article_record(stored: StoredArticle) -> dict[str, Any]:
    article = stored.article
    values: dict[str, Any] = {
        **{name: getattr(article, name) for name in ARTICLE_FIELDS if hasattr(article, name)},
        "imported_at": stored.imported_at,
        "updated_at": stored.updated_at,
        "blocks": [span.as_list() for span in article.blocks],
        "styles": [span.as_list() for span in article.styles],
    }
    record = {"type": "article", **{name: values[name] for name in ARTICLE_FIELDS}}
    if stored.title_by:  # a title a person chose (absent: guessed at import)
        record["title_by"] = stored.title_by
    return record


def export_jsonl(
    store: Store,
    out: TextIO,
    *,
    labels: Iterable[str] = (),
    article_ids: Iterable[str] = (),
) -> dict[str, int]:
    """Write the database (or the chosen articles and labels); returns counts by record type."""
    wanted_labels = set(labels)
    ids = list(article_ids) or None
    counts = {"article": 0, "annotation": 0, "link": 0, "dismissed suggestion": 0}
    out.write(_line({"type": "header", "format": FORMAT, "version": VERSION}))
    for label in store.label_rows():
        out.write(
            _line(
                {"type": "label", "name": label.name, "key": label.key, "position": label.position}
            )
        )
    articles: set[str] = set()
    for stored in store.stored_articles(ids):
        out.write(_line(_article_record(stored)))
        articles.add(stored.article.id)
        counts["article"] += 1
    exported: set[str] = set()
    for annotation in store.live_annotations(ids):
        if wanted_labels and annotation.label not in wanted_labels:
            continue
        exported.add(annotation.id)
        out.write(
            _line(
                {
                    "type": "annotation",
                    **{name: getattr(annotation, name) for name in ANNOTATION_FIELDS},
                }
            )
        )
        counts["annotation"] += 1
    for link in store.live_links():
        if link.from_annotation in exported and link.to_annotation in exported:
            out.write(
                _line({"type": "link", **{name: getattr(link, name) for name in LINK_FIELDS}})
            )
            counts["link"] += 1
    for dismissal in store.live_dismissals(ids):
        if dismissal.other_article_id and dismissal.other_article_id not in articles:
            continue
        fields = {name: getattr(dismissal, name) for name in DISMISSAL_FIELDS}
        out.write(_line({"type": "dismissed", **fields}))
        counts["dismissed suggestion"] += 1
    return counts


# -- reading -------------------------------------------------------------------


def _fields(
    record: dict[str, Any], names: tuple[str, ...], types: dict[str, type], path: Path, line: int
) -> dict[str, Any]:
    missing = [name for name in names if name not in record]
    if missing:
        raise InputError(
            path, f"line {line}: {record.get('type')} record lacks {', '.join(missing)}"
        )
    for name in names:
        expected = types.get(name, str)
        value = record[name]
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is int):
            raise InputError(
                path, f"line {line}: {record['type']} field {name!r} is not {expected.__name__}"
            )
    return {name: record[name] for name in names}


def _spans(value: list[Any], path: Path, line: int) -> tuple[Span, ...]:
    try:
        return tuple(Span(str(kind), int(start), int(end)) for kind, start, end in value)
    except (TypeError, ValueError):
        raise InputError(path, f"line {line}: blocks/styles are not [kind, start, end]") from None


def _article(record: dict[str, Any], path: Path, line: int) -> StoredArticle:
    types: dict[str, type] = {"blocks": list, "styles": list}
    values = _fields(record, ARTICLE_FIELDS, types, path, line)
    text = values["text"]
    if canonicalise(text) != text or sha256(text) != values["sha256"]:
        raise InputError(
            path,
            f"line {line}: article {values['id']!r}: text is not canonical or its sha256"
            " does not match",
        )
    return StoredArticle(
        Article(
            id=values["id"],
            title=values["title"],
            source=values["source"],
            path=values["path"],
            text=text,
            sha256=values["sha256"],
            blocks=_spans(values["blocks"], path, line),
            styles=_spans(values["styles"], path, line),
            url=values["url"],
            site=values["site"],
            author=values["author"],
            published=values["published"],
        ),
        imported_at=values["imported_at"],
        updated_at=values["updated_at"],
        title_by=_optional_text(record, "title_by", path, line),
    )


def _optional_text(record: dict[str, Any], name: str, path: Path, line: int) -> str:
    value = record.get(name, "")
    if not isinstance(value, str):
        raise InputError(path, f"line {line}: {record['type']} field {name!r} is not str")
    return value


_INTS: dict[str, type] = {"start": int, "end": int, "revision": int}


def read_jsonl(path: Path, policy: LabelPolicy, *, limit: int | None = None) -> Batch:
    """Parse a whole file before anything is written; a bad line makes the file bad."""
    text = read_text(path, limit)
    batch = Batch(path, "jsonl")
    file_labels: set[str] = set()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        record = parse_json(raw, path, number)
        if number == 1 and (not isinstance(record, dict) or record.get("type") != "header"):
            raise InputError(path, "not a newsmark JSON Lines file (no header on line 1)")
        if not isinstance(record, dict) or not isinstance(record.get("type"), str):
            raise InputError(path, f'line {number}: not a record with a "type"')
        kind = record["type"]
        if number == 1 or kind == "header":
            if number != 1 or kind != "header" or record.get("format") != FORMAT:
                raise InputError(path, "not a newsmark JSON Lines file (no header on line 1)")
            if record.get("version") != VERSION:
                raise InputError(
                    path,
                    f"JSON Lines version {record.get('version')!r}; this newsmark reads"
                    f" version {VERSION}",
                )
            continue
        if kind == "label":
            values = _fields(record, ("name", "key", "position"), {"position": int}, path, number)
            batch.labels.append(Label(values["name"], values["key"], values["position"]))
            file_labels.add(values["name"])
        elif kind == "article":
            stored = _article(record, path, number)
            batch.articles[stored.article.id] = stored
        elif kind == "annotation":
            incoming = _annotation(record, batch, policy, file_labels, number)
            if incoming is not None:
                batch.annotations.append(incoming)
        elif kind == "link":
            values = _fields(record, LINK_FIELDS, {"revision": int}, path, number)
            link = Link(**values)
            batch.links.append(
                IncomingLink(
                    link.id,
                    link.from_annotation,
                    link.to_annotation,
                    link.kind,
                    link.note,
                    link.created_at,
                    link.updated_by,
                    row=link,
                )
            )
        elif kind == "dismissed":
            types: dict[str, type] = {
                "start": int,
                "end": int,
                "other_start": int,
                "other_end": int,
                "revision": int,
            }
            values = _fields(record, DISMISSAL_FIELDS, types, path, number)
            batch.dismissals.append(Dismissal(**values))
        else:
            batch.skipped[f"record of unknown type {kind!r}"] += 1
    if not lines:
        raise InputError(path, "file is empty")
    return batch


def _annotation(
    record: dict[str, Any], batch: Batch, policy: LabelPolicy, file_labels: set[str], line: int
) -> IncomingAnnotation | None:
    values = _fields(record, ANNOTATION_FIELDS, _INTS, batch.path, line)
    row = Annotation(**values)
    if row.status not in STATUSES or not 0 <= row.start < row.end:
        raise InputError(
            batch.path, f"line {line}: status {row.status!r} or span {row.start}:{row.end} invalid"
        )
    if row.article_id not in batch.articles:
        raise InputError(batch.path, f"line {line}: annotation of an article not in the file")
    label = (
        row.label
        if row.label in file_labels
        else policy.resolve([row.label], batch.path, f"line {line}")
    )
    if label is None:
        batch.skipped[f"label {row.label!r} not mapped"] += 1
        return None
    article = batch.articles[row.article_id]
    assert isinstance(article, StoredArticle)
    if row.status != "orphaned" and not (0 <= row.start < row.end <= len(article.article.text)):
        raise InputError(
            batch.path,
            f"line {line}: offsets {row.start}:{row.end} outside the text"
            f" (0:{len(article.article.text)})",
        )
    return IncomingAnnotation(
        id=row.id,
        article=row.article_id,
        start=row.start,
        end=row.end,
        quote=row.text,
        prefix=row.prefix,
        suffix=row.suffix,
        label=label,
        note=row.note,
        annotator=row.annotator,
        created_at=row.created_at,
        updated_at=row.updated_at,
        row=row if label == row.label else None,
    )
