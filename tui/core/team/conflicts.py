"""``newsmark conflicts``: the copies a merge did not keep, beside the copy it kept."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store import Conflict, Store
from ..text import printable

_SHOWN = {
    "annotation": (
        ("label", "label"),
        ("start", "span"),
        ("end", "span"),
        ("note", "note"),
        ("article_id", "article"),
    ),
    "link": (
        ("from_annotation", "ends"),
        ("to_annotation", "ends"),
        ("kind", "kind"),
        ("note", "note"),
    ),
}


@dataclass(frozen=True)
class ConflictView:
    """One conflict in words: the kept copy, the other one, and what differs."""

    conflict: Conflict
    kept: dict[str, Any] | None  # the row as it is now (None: gone)
    differs: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.conflict.id,
            "kind": self.conflict.kind,
            "row_id": self.conflict.row_id,
            "differs": list(self.differs),
            "kept": self.kept,
            "other": self.conflict.data,
            "other_source": self.conflict.source,
            "detected_at": self.conflict.detected_at,
        }


def _differs(kind: str, kept: dict[str, Any] | None, other: dict[str, Any]) -> tuple[str, ...]:
    if kept is None:
        return ("gone",)
    words = {word for name, word in _SHOWN[kind] if kept.get(name) != other.get(name)}
    if (kept.get("deleted_at") is None) != (other.get("deleted_at") is None):
        words.add("deleted")
    return tuple(sorted(words))


def conflict_views(store: Store, *, include_resolved: bool = False) -> list[ConflictView]:
    views = []
    for conflict in store.conflicts(include_resolved=include_resolved):
        row: Any = (
            store.find_annotation(conflict.row_id)
            if conflict.kind == "annotation"
            else store.find_link(conflict.row_id)
        )
        kept = None if row is None else row.as_row()
        views.append(ConflictView(conflict, kept, _differs(conflict.kind, kept, conflict.data)))
    return views


def _short(text: str, width: int = 60) -> str:
    text = printable(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _copy(kind: str, row: dict[str, Any]) -> str:
    """One copy as a reader would describe it."""
    if kind == "annotation":
        words = f"{_short(row['label'], 32)} {row['start']}:{row['end']} “{_short(row['text'])}”"
    else:
        ends = f"{_short(row['from_annotation'], 8)} → {_short(row['to_annotation'], 8)}"
        words = f"{_short(row['kind'], 32)} {ends}"
    if row.get("note"):
        words += f" note “{_short(row['note'], 40)}”"
    if row.get("deleted_at"):
        words += f" DELETED by {printable(row.get('deleted_by') or '?')}"
    who = printable(row.get("updated_by") or "?")
    return f"rev {row['revision']} by {who} at {printable(str(row['updated_at']))}: {words}"


def describe_conflict(view: ConflictView) -> list[str]:
    """A few lines for the terminal; every untrusted string is made printable."""
    conflict = view.conflict
    where = conflict.data.get("article_id", "")
    lines = [
        f"{conflict.kind} {printable(conflict.row_id)}"
        + (f" in article {printable(str(where))}" if where else "")
        + f": differs in {', '.join(view.differs)}"
    ]
    lines.append("  kept:  " + ("(gone)" if view.kept is None else _copy(conflict.kind, view.kept)))
    lines.append(f"  other: {_copy(conflict.kind, conflict.data)}")
    lines.append(f"         (from {printable(conflict.source)})")
    return lines
