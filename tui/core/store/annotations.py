"""Annotations: every write is conditional on the revision the user saw.

A delete is a tombstone (``deleted_at``): undo brings the same row back, and a
merge of two databases can tell "deleted" from "never there".
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from ..errors import AnnotationError, StaleError, StoreError, TextChangedError
from ..models import Annotation, AnnotationRow, Removed, now
from .articles import REIMPORT, ArticleStore
from .labels import LabelStore
from .links import LinkStore
from .sql import ANNOTATION_COLUMNS, LIVE, assignments, context, filters, insert

_WHAT = (
    ("label", "label"),
    ("note", "note"),
    ("start", "span"),
    ("end", "span"),
    ("status", "place"),
)


def describe_stale(seen: Annotation, current: Annotation | None, me: str) -> str:
    """Who changed what, in words: "note changed in another window"."""
    if current is None:
        return "annotation is gone: your edit was not applied"
    if current.deleted:
        who = current.deleted_by
        return f"annotation deleted {_who(who, me)}: your edit was not applied"
    changed = sorted(
        {word for name, word in _WHAT if getattr(seen, name) != getattr(current, name)}
    )
    what = " and ".join(changed) or "annotation"
    return f"{what} changed {_who(current.updated_by, me)}: reloaded, your edit was not applied"


def _who(name: str, me: str) -> str:
    if name == REIMPORT:
        return "by a re-import of the article"
    if not name or name == me:
        return "in another window"
    return f"by {name}"


class AnnotationStore(LinkStore, LabelStore, ArticleStore):
    # -- reading -------------------------------------------------------------

    def find_annotation(self, annotation_id: str) -> Annotation | None:
        """The row, tombstoned or not; ``None`` when there never was one."""
        cursor = self.conn.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE id = ?", (annotation_id,)
        )
        cursor.row_factory = None
        row = cursor.fetchone()
        return None if row is None else Annotation.from_values(row)

    def get_annotation(self, annotation_id: str) -> Annotation:
        """A live annotation."""
        found = self.find_annotation(annotation_id)
        if found is None or found.deleted:
            raise AnnotationError(f"no annotation with id {annotation_id!r}")
        return found

    def annotations_for(self, article_id: str) -> list[Annotation]:
        cursor = self.conn.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations WHERE article_id = ? AND {LIVE}"
            ' ORDER BY status = \'orphaned\', start, "end"',
            (article_id,),
        )
        cursor.row_factory = None  # plain tuples in field order: 10,000 rows in half the time
        return [Annotation.from_values(row) for row in cursor]

    def annotations(
        self, *, labels: Iterable[str] = (), article_ids: Iterable[str] = ()
    ) -> Iterator[Annotation]:
        where, params = filters(list(labels), list(article_ids))
        cursor = self.conn.execute(
            f"SELECT {ANNOTATION_COLUMNS} FROM annotations {where} ORDER BY article_id, start",
            params,
        )
        cursor.row_factory = None
        for row in cursor:
            yield Annotation.from_values(row)

    def counts_by_label(self, article_ids: Iterable[str] = ()) -> dict[str, int]:
        where, params = filters([], list(article_ids))
        counts = {label: 0 for label in self.labels()}
        for row in self.conn.execute(
            f"SELECT label, count(*) FROM annotations {where} GROUP BY label", params
        ):
            counts[row[0]] = row[1]
        return counts

    def annotators(self) -> list[str]:
        """Everyone with a live annotation."""
        rows = self.conn.execute(
            f"SELECT DISTINCT annotator FROM annotations WHERE {LIVE} ORDER BY annotator"
        )
        return [row[0] for row in rows]

    def check_filters(
        self, labels: Iterable[str], article_ids: Iterable[str], annotators: Iterable[str] = ()
    ) -> None:
        """Filters that name nothing in this database are a mistake, not an empty export."""
        known = {
            "label": (set(labels), self.labels()),
            "article": (set(article_ids), [summary.id for summary in self.articles()]),
            "annotator": (set(annotators), self.annotators()),
        }
        for kind, (asked, there) in known.items():
            unknown = sorted(asked - set(there))
            if unknown:
                raise StoreError(
                    f"{self.path}: no {kind} {', '.join(map(repr, unknown))}"
                    f" (there are: {', '.join(there) or 'none'})"
                )

    def counts_by_status(self, article_ids: Iterable[str] = ()) -> dict[str, int]:
        where, params = filters([], list(article_ids))
        counts = {"anchored": 0, "changed": 0, "orphaned": 0}
        for row in self.conn.execute(
            f"SELECT status, count(*) FROM annotations {where} GROUP BY status", params
        ):
            counts[row[0]] = row[1]
        return counts

    def annotation_rows(self, article_ids: Iterable[str] = ()) -> list[AnnotationRow]:
        """Short rows for the annotation list, link counts included, in one query."""
        where, params = filters([], list(article_ids), "a.")
        rows = self.conn.execute(
            "SELECT a.id, a.article_id, a.label, substr(a.text, 1, 200), substr(a.note, 1, 200),"
            f" a.status, (SELECT count(*) FROM links l WHERE l.{LIVE} AND"
            " (l.from_annotation = a.id OR l.to_annotation = a.id)),"
            " substr(a.original_text, 1, 200)"
            f" FROM annotations a {where}"
            " ORDER BY a.article_id, a.status = 'orphaned', a.start",
            params,
        )
        return [AnnotationRow(*row) for row in rows]

    # -- checks --------------------------------------------------------------

    def _checked_span(
        self,
        article_id: str,
        start: int,
        end: int,
        quote: str | None,
        sha256: str | None = None,
    ) -> str:
        """The article's text, after checking the span is in it and says ``quote``.

        ``sha256`` is the text the user was looking at: if the stored text changed
        since, the offsets point at other words and nothing may be written.
        """
        text = self.article_text(article_id)
        if sha256 is not None and sha256 != self.article_sha256(article_id):
            raise TextChangedError(
                f"the text of article {article_id} changed since it was opened:"
                " reloaded, nothing was tagged",
                article_id,
            )
        if not 0 <= start < end <= len(text):
            if start == end:
                raise AnnotationError(f"empty span {start}:{end}")
            raise AnnotationError(
                f"span {start}:{end} is outside the text (0:{len(text)}) of {article_id}"
            )
        if quote is not None and quote != text[start:end]:
            raise AnnotationError(
                f"quote does not match the text at {start}:{end} of {article_id}"
            )
        return text

    # -- writing -------------------------------------------------------------

    def add_annotation(
        self,
        article_id: str,
        start: int,
        end: int,
        label: str,
        *,
        note: str = "",
        annotator: str = "",
        quote: str | None = None,
        sha256: str | None = None,
        annotation_id: str | None = None,
        origin: str = "manual",
    ) -> Annotation:
        with self.transaction():
            self.check_label(label)
            text = self._checked_span(article_id, start, end, quote, sha256)
            prefix, quote_text, suffix = context(text, start, end)
            stamp = now()
            annotation = Annotation(
                id=annotation_id or str(uuid.uuid4()),
                article_id=article_id,
                start=start,
                end=end,
                label=label,
                text=quote_text,
                prefix=prefix,
                suffix=suffix,
                note=note,
                annotator=annotator,
                created_at=stamp,
                updated_at=stamp,
                origin=origin,
                updated_by=annotator,
            )
            row = annotation.as_row()
            self.conn.execute(insert("annotations", row), tuple(row.values()))
        return annotation

    def _update_annotation_row(
        self, seen: Annotation, changes: dict[str, Any], by: str, *, live_only: bool = True
    ) -> Annotation:
        """Write ``changes`` only if the row is still at the revision ``seen`` has."""
        changes = {**changes, "updated_at": now(), "updated_by": by}
        guard = f" AND {LIVE}" if live_only else ""
        cursor = self.conn.execute(
            f"UPDATE annotations SET {assignments(changes)}, revision = revision + 1"
            f" WHERE id = ? AND revision = ?{guard}",
            (*changes.values(), seen.id, seen.revision),
        )
        if cursor.rowcount == 0:
            current = self.find_annotation(seen.id)
            raise StaleError(describe_stale(seen, current, by), current)
        return self.get_annotation(seen.id) if live_only else self._found(seen.id)

    def _found(self, annotation_id: str) -> Annotation:
        found = self.find_annotation(annotation_id)
        if found is None:
            raise AnnotationError(f"no annotation with id {annotation_id!r}")
        return found

    def update_annotation(
        self,
        seen: Annotation,
        *,
        label: str | None = None,
        note: str | None = None,
        start: int | None = None,
        end: int | None = None,
        quote: str | None = None,
        sha256: str | None = None,
        by: str = "",
        settle: bool = False,
    ) -> Annotation:
        """Change what differs from ``seen`` (the row the user saw), if nobody else has.

        ``settle`` accepts the new placement of a ``changed`` annotation (its quote
        changed with the article): it is anchored again and forgets the old quote.
        """
        with self.transaction():
            changes: dict[str, Any] = {}
            if settle:
                if seen.status == "orphaned":
                    raise AnnotationError("an orphan has no placement to accept: select its text")
                if seen.status == "changed":
                    changes.update(status="anchored", original_text="")
            if label is not None and label != seen.label:
                self.check_label(label)
                changes["label"] = label
            if note is not None and note != seen.note:
                changes["note"] = note
            new_start = seen.start if start is None else start
            new_end = seen.end if end is None else end
            if (new_start, new_end) != (seen.start, seen.end) or (
                seen.status != "anchored" and (start is not None or end is not None)
            ):
                text = self._checked_span(seen.article_id, new_start, new_end, quote, sha256)
                prefix, new_quote, suffix = context(text, new_start, new_end)
                changes.update(
                    start=new_start, end=new_end, text=new_quote, prefix=prefix, suffix=suffix,
                    status="anchored", original_text="",
                )  # fmt: skip
            if not changes:
                return seen
            return self._update_annotation_row(seen, changes, by)

    def delete_annotation(self, seen: Annotation, *, by: str = "") -> Removed:
        """Tombstone the annotation and its live links, in one transaction."""
        with self.transaction():
            stamp = now()
            links = tuple(
                self.delete_link(link, by=by, stamp=stamp) for link in self.links_of(seen.id)
            )
            deleted = self._update_annotation_row(
                seen, {"deleted_at": stamp, "deleted_by": by}, by, live_only=False
            )
        return Removed(deleted, links)

    def write_annotation(self, state: Annotation, *, seen: Annotation, by: str = "") -> Annotation:
        """Make the row look like ``state`` (undo, redo), if it is still as ``seen``.

        A state to put back must still hold: known label, and for a live anchored
        annotation its quote still at its offsets.
        """
        with self.transaction():
            self.check_label(state.label)
            if not state.deleted and state.status != "orphaned":
                try:
                    self._checked_span(state.article_id, state.start, state.end, state.text)
                except AnnotationError:
                    raise AnnotationError(
                        "the article's text changed since: this step cannot be put back"
                    ) from None
            row = state.as_row()
            for name in ("id", "revision", "updated_at", "updated_by", "created_at"):
                row.pop(name)
            return self._update_annotation_row(seen, row, by, live_only=False)

    def revive(self, removed: Removed, *, by: str = "") -> Annotation:
        """Undo a delete with the same ids: the annotation and the links it took."""
        with self.transaction():
            annotation = self.write_annotation(
                replace(removed.annotation, deleted_at=None, deleted_by=""),
                seen=removed.annotation,
                by=by,
            )
            for link in removed.links:
                self.write_link(replace(link, deleted_at=None, deleted_by=""), seen=link, by=by)
        return annotation
