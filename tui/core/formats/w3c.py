"""W3C Web Annotation (JSON-LD): out as an ``AnnotationCollection``, in from ours or
any tool's annotations that carry a ``TextQuoteSelector``.

Each annotation targets its article (the article's URL when known, else
``urn:sha256:<hex>`` of its canonical text) with a ``TextQuoteSelector`` and a
``TextPositionSelector`` (code points, as the model says); its label is a
``TextualBody`` with purpose ``tagging`` and its note one with purpose
``commenting``. A link is an annotation of its own with motivation
``linking``: target the one annotation, body the other, its kind a body with
purpose ``classifying`` and its note one with purpose ``commenting``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ..errors import InputError
from ..models import Annotation, Link
from ..store import Store
from ..text import canonicalise
from .incoming import (
    FOREIGN_IDS,
    ArticleBySource,
    Batch,
    IncomingAnnotation,
    IncomingLink,
    LabelPolicy,
    id_from_iri,
    iri_from_id,
)
from .reading import parse_json, read_text

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PAGE_SIZE = 1000


def article_uri(url: str, sha256: str) -> str:
    return url or f"urn:sha256:{sha256}"


def _creator(name: str) -> dict[str, str] | None:
    return {"type": "Person", "name": name} if name else None


def source_json(uri: str, title: str, published: str) -> dict[str, Any]:
    """The article as the target's source: its URI, its title, and the date it was
    published when the page said (as the resource's ``created``)."""
    source: dict[str, Any] = {"id": uri, "type": "Text", "format": "text/plain"}
    if title:
        source["title"] = title  # not in the anno.jsonld context: plain JSON readers see it
    if len(published) == 10:  # YYYY-MM-DD from the page's metadata
        source["created"] = f"{published}T00:00:00Z"
    return source


def annotation_json(annotation: Annotation, source: str | dict[str, Any]) -> dict[str, Any]:
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": annotation.text,
            "prefix": annotation.prefix,
            "suffix": annotation.suffix,
        },
    ]
    if annotation.status != "orphaned":  # an orphan's offsets point at nothing it says
        selectors.append(
            {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end}
        )
    body: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": annotation.label}
    ]
    if annotation.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": annotation.note,
                "format": "text/plain",
            }
        )
    result: dict[str, Any] = {
        "id": iri_from_id(annotation.id),
        "type": "Annotation",
        "motivation": "tagging",
        "created": annotation.created_at,
        "modified": annotation.updated_at,
        "body": body,
        "target": {"source": source, "selector": selectors},
    }
    creator = _creator(annotation.annotator)
    if creator:
        result["creator"] = creator
    return result


def link_json(link: Link) -> dict[str, Any]:
    body: list[Any] = [
        iri_from_id(link.to_annotation),
        {"type": "TextualBody", "purpose": "classifying", "value": link.kind},
    ]
    if link.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": link.note,
                "format": "text/plain",
            }
        )
    result: dict[str, Any] = {
        "id": iri_from_id(link.id),
        "type": "Annotation",
        "motivation": "linking",
        "created": link.created_at,
        "modified": link.updated_at or link.created_at,
        "body": body,
        "target": iri_from_id(link.from_annotation),
    }
    creator = _creator(link.updated_by) if link.revision == 1 else None
    if creator:
        result["creator"] = creator  # never edited: who last wrote it is who made it
    return result


def collection_items(
    store: Store, *, labels: Iterable[str] = (), article_ids: Iterable[str] = ()
) -> Iterator[dict[str, Any]]:
    ids = list(article_ids) or None
    wanted = set(labels)
    sources = {
        stored.article.id: source_json(
            article_uri(stored.article.url, stored.article.sha256),
            stored.article.title,
            stored.article.published,
        )
        for stored in store.stored_articles(ids)
    }
    exported: set[str] = set()
    for annotation in store.live_annotations(ids):
        if wanted and annotation.label not in wanted:
            continue
        exported.add(annotation.id)
        yield annotation_json(annotation, sources[annotation.article_id])
    for link in store.live_links():
        if link.from_annotation in exported and link.to_annotation in exported:
            yield link_json(link)


def _name(items: list[dict[str, Any]]) -> str:
    """The same annotations give the same collection IRI: two exports of one state diff clean."""
    return f"urn:uuid:{uuid.uuid5(FOREIGN_IDS, 'collection ' + ' '.join(i['id'] for i in items))}"


def _collection(name: str, items: list[dict[str, Any]], pages: int) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "id": f"{name}",
        "type": "AnnotationCollection",
        "label": "newsmark annotations",
        "total": len(items),
        "first": f"{name}/page/1",
        "last": f"{name}/page/{max(pages, 1)}",
    }


def _page(
    name: str, number: int, pages: int, items: list[dict[str, Any]], start: int
) -> dict[str, Any]:
    page: dict[str, Any] = {
        "id": f"{name}/page/{number}",
        "type": "AnnotationPage",
        "partOf": name,
        "startIndex": start,
    }
    if number > 1:
        page["prev"] = f"{name}/page/{number - 1}"
    if number < pages:
        page["next"] = f"{name}/page/{number + 1}"
    page["items"] = items
    return page


def export_w3c(
    store: Store, out: TextIO, *, labels: Iterable[str] = (), article_ids: Iterable[str] = ()
) -> int:
    """One document: the collection with its one page embedded as ``first``."""
    items = list(collection_items(store, labels=labels, article_ids=article_ids))
    name = _name(items)
    collection = _collection(name, items, 1)
    collection["first"] = _page(name, 1, 1, items, 0)
    json.dump(collection, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)


def export_w3c_pages(
    store: Store,
    folder: Path,
    *,
    page_size: int = PAGE_SIZE,
    labels: Iterable[str] = (),
    article_ids: Iterable[str] = (),
) -> int:
    """``collection.json`` and ``page-N.json`` files of ``page_size`` annotations each."""
    items = list(collection_items(store, labels=labels, article_ids=article_ids))
    name = _name(items)
    pages = max(1, -(-len(items) // page_size))
    documents = {"collection.json": _collection(name, items, pages)}
    for number in range(1, pages + 1):
        start = (number - 1) * page_size
        page = _page(name, number, pages, items[start : start + page_size], start)
        documents[f"page-{number}.json"] = {"@context": CONTEXT, **page}
    for file_name, document in documents.items():
        with (folder / file_name).open("w", encoding="utf-8", newline="") as handle:
            json.dump(document, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    return len(items)


# -- reading -------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(node: Any) -> set[str]:
    return {str(kind) for kind in _as_list(node.get("type"))} if isinstance(node, dict) else set()


def _annotations(document: Any) -> Iterator[dict[str, Any]]:
    """Annotations in an annotation, a list, a page or a collection with embedded pages."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            types = _types(node)
            if types & {"Annotation", "oa:Annotation"} or (not types and "target" in node):
                yield node
            elif types & {"AnnotationPage", "AnnotationCollection"} or "items" in node:
                following = [node.get("first"), node.get("next")]
                stack.extend(item for item in reversed(following) if isinstance(item, dict))
                stack.extend(reversed(_as_list(node.get("items"))))


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((item for item in value if isinstance(item, str)), "")
    return value if isinstance(value, str) else ""


def _iri(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("id") or value.get("@id") or value.get("source")
    return _text(value)


def _quote_target(annotation: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]] | None:
    """The first target with a source and a TextQuoteSelector: (source, quote, position)."""
    for target in _as_list(annotation.get("target")):
        if not isinstance(target, dict):
            continue
        quote: dict[str, Any] = {}
        position: dict[str, Any] = {}
        for selector in _as_list(target.get("selector")):
            types = _types(selector)
            if "TextQuoteSelector" in types and not quote:
                quote = selector
            elif "TextPositionSelector" in types and not position:
                position = selector
        source = _iri(target.get("source"))
        if source and isinstance(quote.get("exact"), str) and quote["exact"]:
            return source, quote, position
    return None


def _bodies(annotation: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """(tags, comments, resource IRIs) of an annotation's bodies."""
    tags: list[str] = []
    comments: list[str] = []
    resources: list[str] = []
    if isinstance(annotation.get("bodyValue"), str):
        comments.append(annotation["bodyValue"])
    for body in _as_list(annotation.get("body")):
        if isinstance(body, str):
            resources.append(body)
            continue
        if not isinstance(body, dict):
            continue
        value = _text(body.get("value"))
        purposes = {str(item) for item in _as_list(body.get("purpose"))}
        if "TextualBody" not in _types(body) and "value" not in body:
            if _iri(body):
                resources.append(_iri(body))
        elif purposes & {"tagging", "classifying"}:
            tags.append(value)
        else:
            comments.append(value)
    return tags, comments, resources


def _creator_name(annotation: dict[str, Any]) -> str:
    for creator in _as_list(annotation.get("creator")):
        if isinstance(creator, str):
            return creator
        if isinstance(creator, dict):
            name = _text(creator.get("name")) or _text(creator.get("nickname")) or _iri(creator)
            if name:
                return name
    return ""


def _offset(selector: dict[str, Any], key: str) -> int:
    value = selector.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else -1


def read_w3c(path: Path, policy: LabelPolicy, *, limit: int | None = None) -> Batch:
    document = parse_json(read_text(path, limit), path)
    batch = Batch(path, "w3c")
    links: list[dict[str, Any]] = []
    count = 0
    for number, annotation in enumerate(_annotations(document), start=1):
        count += 1
        motivations = {str(item) for item in _as_list(annotation.get("motivation"))}
        if "linking" in motivations:
            links.append(annotation)
            continue
        found = _quote_target(annotation)
        if found is None:
            batch.skipped["annotation without a TextQuoteSelector on a source"] += 1
            continue
        source, quote, position = found
        tags, comments, _ = _bodies(annotation)
        label = policy.resolve(tags, path, f"annotation {number}")
        if label is None:
            batch.skipped[f"label {(tags or [''])[0]!r} not mapped"] += 1
            continue
        batch.articles.setdefault(source, ArticleBySource(source))
        iri = _iri(annotation)
        batch.annotations.append(
            IncomingAnnotation(
                id=id_from_iri(iri) if iri else str(uuid.uuid4()),
                article=source,
                start=_offset(position, "start"),
                end=_offset(position, "end"),
                quote=canonicalise(quote["exact"]),
                prefix=canonicalise(_text(quote.get("prefix"))),
                suffix=canonicalise(_text(quote.get("suffix"))),
                label=label,
                note="\n\n".join(comment for comment in comments if comment),
                annotator=_creator_name(annotation),
                created_at=_text(annotation.get("created")),
                updated_at=_text(annotation.get("modified")),
            )
        )
    if count == 0:
        if isinstance(document, dict) and isinstance(document.get("first"), str):
            raise InputError(
                path, "a collection whose pages are other files: import its folder, or its pages"
            )
        raise InputError(path, "no W3C Annotation in this JSON")
    for annotation in links:
        _, comments, resources = _bodies(annotation)
        tags = _bodies(annotation)[0]
        target = _iri(next(iter(_as_list(annotation.get("target"))), ""))
        if not target or not resources:
            batch.skipped["linking annotation without a target and a body annotation"] += 1
            continue
        iri = _iri(annotation)
        batch.links.append(
            IncomingLink(
                id=id_from_iri(iri) if iri else str(uuid.uuid4()),
                from_annotation=id_from_iri(target),
                to_annotation=id_from_iri(resources[0]),
                kind=tags[0] if tags and tags[0] else "contradicts",
                note="\n\n".join(comment for comment in comments if comment),
                created_at=_text(annotation.get("created")),
                by=_creator_name(annotation),
            )
        )
    return batch
