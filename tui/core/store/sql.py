"""Small query helpers shared by the store's parts and the exports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import CONTEXT_CHARS, Annotation, Link

ANNOTATION_FIELDS = tuple(Annotation.__dataclass_fields__)
LINK_FIELDS = tuple(Link.__dataclass_fields__)
# Column lists in field order: rows are read by name, whatever order ALTER TABLE left.
ANNOTATION_COLUMNS = ", ".join(f'"{name}"' for name in ANNOTATION_FIELDS)
LINK_COLUMNS = ", ".join(f'"{name}"' for name in LINK_FIELDS)
LIVE = "deleted_at IS NULL"


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """Prefix, quote and suffix: what re-anchoring and other tools find a span by."""
    return (
        text[max(0, start - CONTEXT_CHARS) : start],
        text[start:end],
        text[end : end + CONTEXT_CHARS],
    )


def filters(
    labels: Sequence[str],
    article_ids: Sequence[str],
    alias: str = "",
    annotators: Sequence[str] = (),
) -> tuple[str, list[str]]:
    """``WHERE`` for live annotations of these labels, articles and annotators (any of
    a kind when its list is empty)."""
    clauses = [f"{alias}{LIVE}"]
    params: list[str] = []
    for column, values in (("label", labels), ("article_id", article_ids),
                           ("annotator", annotators)):  # fmt: skip
        if values:
            clauses.append(f"{alias}{column} IN ({', '.join('?' for _ in values)})")
            params += values
    return "WHERE " + " AND ".join(clauses), params


def assignments(changes: Mapping[str, object]) -> str:
    return ", ".join(f'"{name}" = ?' for name in changes)


def insert(table: str, row: Mapping[str, object]) -> str:
    columns = ", ".join(f'"{name}"' for name in row)
    return f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' for _ in row)})"
