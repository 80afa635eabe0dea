"""What each table and column means, and ready-made queries: for readers of the raw
database (Datasette's metadata, ``newsmark serve``). Kept beside the schema it describes."""

from __future__ import annotations

from typing import Any

_LIVE = "deleted_at IS NULL"

TABLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "articles": (
        "Articles",
        "One row per article: its canonical text (offsets count code points of it).",
        {
            "id": "First 10 hex digits of the sha256 of the text first imported",
            "title": "Title (first headline-like line unless given)",
            "source": "File name or outlet it came from",
            "path": "Path it was imported from",
            "text": "Canonical text: UTF-8, LF line ends, NFC, controls made visible",
            "sha256": "sha256 of the current text",
            "blocks": "JSON [kind, start, end] ranges: headings, paragraphs, list items, quotes",
            "styles": "JSON [kind, start, end] ranges of inline emphasis",
            "imported_at": "When it was first imported (ISO 8601 UTC)",
            "updated_at": "When its text last changed",
            "url": "Canonical URL (web pages)",
            "site": "Site name (web pages)",
            "author": "Byline (web pages)",
            "published": "Publication date (web pages)",
            "title_by": "Who chose the title (empty: guessed at import, re-guessed on re-import)",
        },
    ),
    "article_versions": (
        "Earlier texts",
        "Texts an article had before a re-import (or a merge) brought a newer one.",
        {
            "article_id": "The article",
            "sha256": "sha256 of this earlier text",
            "text": "The earlier canonical text",
            "replaced_at": "When a newer text replaced it",
        },
    ),
    "labels": (
        "Labels",
        "The label set (data, not code): claim, quote, inconsistency and any added.",
        {
            "name": "Label name",
            "key": "Key that tags with it in the reader",
            "position": "Order in menus and legends",
        },
    ),
    "annotations": (
        "Annotations",
        "Tagged spans. Rows with deleted_at set are deletions kept for undo and merges.",
        {
            "id": "uuid4",
            "article_id": "The article",
            "start": "First code point of the span in the article's text",
            "end": "Code point after the span (end exclusive)",
            "label": "Label",
            "text": "The quote: the article's text from start to end",
            "prefix": "Up to 32 code points before the quote",
            "suffix": "Up to 32 code points after the quote",
            "note": "The analyst's note",
            "annotator": "Who tagged it",
            "created_at": "When it was tagged (ISO 8601 UTC)",
            "updated_at": "When it last changed",
            "status": "anchored; changed (the wording changed, original_text keeps the old"
            " quote); orphaned (the passage is gone from a newer text)",
            "original_text": "The quote before the article's text changed",
            "origin": "manual, suggested:..., import:..., curated",
            "revision": "Bumped by every change: writes are conditional on it",
            "updated_by": "Who changed it last",
            "deleted_at": "When it was deleted (empty: live)",
            "deleted_by": "Who deleted it",
        },
    ),
    "links": (
        "Links",
        "An annotation linked to another, e.g. an inconsistency to the span it contradicts.",
        {
            "id": "uuid4",
            "from_annotation": "Annotation the link starts from",
            "to_annotation": "Annotation it points to",
            "kind": "contradicts",
            "note": "The analyst's note on the link",
            "created_at": "When it was made",
            "updated_at": "When it last changed",
            "updated_by": "Who changed it last",
            "revision": "Bumped by every change",
            "deleted_at": "When it was deleted (empty: live)",
            "deleted_by": "Who deleted it",
        },
    ),
    "preferences": (
        "Preferences",
        "Per-annotator settings of the reader.",
        {"annotator": "Who", "key": "Setting", "value": "Value"},
    ),
    "conflicts": (
        "Merge conflicts",
        "Copies of rows edited in two databases that a merge did not keep.",
        {
            "id": "Conflict id",
            "kind": "annotation or link",
            "row_id": "Id of the annotation or link",
            "revision": "Revision of the copy not kept",
            "updated_at": "When the copy not kept was last changed",
            "updated_by": "Who changed the copy not kept",
            "deleted": "1 when the copy not kept was a deletion",
            "data": "The copy not kept, every column, as JSON",
            "source": "Database the copy not kept was in",
            "winner_revision": "Revision of the copy kept",
            "winner_updated_at": "When the copy kept was last changed",
            "detected_at": "When the merge found it",
            "resolved_at": "When someone marked it as looked at",
            "resolved_by": "Who did",
        },
    ),
}

QUERIES: dict[str, dict[str, str]] = {
    "inconsistencies_with_both_quotes": {
        "title": "Inconsistencies with both quotes",
        "description": "Each live link with the quote, label, article and annotator at both ends.",
        "sql": f"""SELECT l.id AS link_id, l.kind, l.note AS link_note,
  f.label AS from_label, fa.title AS from_article, f.text AS from_quote,
  f.annotator AS from_annotator,
  t.label AS to_label, ta.title AS to_article, t.text AS to_quote,
  t.annotator AS to_annotator, l.created_at
FROM links l
JOIN annotations f ON f.id = l.from_annotation
JOIN annotations t ON t.id = l.to_annotation
JOIN articles fa ON fa.id = f.article_id
JOIN articles ta ON ta.id = t.article_id
WHERE l.{_LIVE} AND f.{_LIVE} AND t.{_LIVE}
ORDER BY l.created_at""",
    },
    "claims_by_article": {
        "title": "Claims by article",
        "description": "Live claims, article by article in text order"
        " (leave annotator empty for everyone's).",
        "sql": f"""SELECT ar.title AS article, a.article_id, a.start, a."end", a.text AS claim,
  a.note, a.annotator, a.status
FROM annotations a JOIN articles ar ON ar.id = a.article_id
WHERE a.{_LIVE} AND a.label = 'claim' AND (:annotator = '' OR a.annotator = :annotator)
ORDER BY ar.title, a.article_id, a.start, a."end\"""",
    },
    "agreement_inputs": {
        "title": "Agreement inputs",
        "description": "The spans `newsmark agree` compares: live, placed annotations with the"
        " article's length, by article and annotator.",
        "sql": f"""SELECT a.article_id, ar.title AS article, length(ar.text) AS article_length,
  a.annotator, a.label, a.start, a."end", a.text
FROM annotations a JOIN articles ar ON ar.id = a.article_id
WHERE a.{_LIVE} AND a.status <> 'orphaned'
ORDER BY a.article_id, a.annotator, a.start, a."end\"""",
    },
}


def table_metadata(tables: list[str]) -> dict[str, Any]:
    """Datasette's per-table metadata for the tables present (unknown ones are left out)."""
    result: dict[str, Any] = {}
    for name in tables:
        if name in TABLES:
            title, description, columns = TABLES[name]
            result[name] = {"title": title, "description": description, "columns": columns}
    return result
