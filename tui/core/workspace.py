"""The one change path: every edit an analyst makes goes through a ``Workspace``.

Each user action is one transaction and one undo step, and returns a
``Change``: the rows it touched as they are now, which is all a screen needs
to show it. Several actions inside ``batch()`` become one transaction and one
step (an editor save, accepting many suggestions, a merge decision).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from .errors import StaleError
from .history import Edit, History, Row, Step, created
from .models import Annotation, Dismissal, Link
from .store import Store


@dataclass(frozen=True)
class Change:
    """What one action did, for the screen: each touched row as it is now.

    A deleted row comes back with ``deleted_at`` set; ``articles`` names the
    articles whose text must be re-read.
    """

    description: str
    annotations: tuple[Annotation, ...] = ()
    links: tuple[Link, ...] = ()
    articles: tuple[str, ...] = ()
    message: str = ""
    dismissals: tuple[Dismissal, ...] = ()

    @classmethod
    def of(cls, description: str, rows: Sequence[Row], message: str = "") -> Change:
        latest: dict[str, Row] = {}
        for row in rows:
            latest[row.id] = row
        return cls(
            description,
            tuple(row for row in latest.values() if isinstance(row, Annotation)),
            tuple(row for row in latest.values() if isinstance(row, Link)),
            message=message,
            dismissals=tuple(row for row in latest.values() if isinstance(row, Dismissal)),
        )

    @classmethod
    def refused(cls, error: StaleError) -> Change:
        """What the screen shows after a refused write: the row as it is now."""
        current = error.current
        rows: list[Row] = [current] if isinstance(current, Annotation | Link | Dismissal) else []
        return cls.of("reload", rows, message=str(error))

    @property
    def first(self) -> Annotation | None:
        return self.annotations[0] if self.annotations else None


@dataclass(frozen=True)
class LinkEnd:
    """One end of a link being made: an annotation, or a span the user saw (tagged
    only when the link is made, so that cancelling leaves nothing behind)."""

    article_id: str
    start: int
    end: int
    quote: str
    sha256: str
    annotation: Annotation | None = None

    @classmethod
    def of(cls, annotation: Annotation, sha256: str) -> LinkEnd:
        return cls(
            annotation.article_id, annotation.start, annotation.end, annotation.text, sha256,
            annotation,
        )  # fmt: skip

    def same_place(self, other: LinkEnd) -> bool:
        return (self.article_id, self.start, self.end) == (other.article_id, other.start, other.end)


@dataclass
class _Recording:
    description: str
    edits: list[Edit] = field(default_factory=list)


class Workspace:
    """The store, the session's history and who is annotating."""

    def __init__(self, store: Store, annotator: str = "") -> None:
        self.store = store
        self.annotator = annotator
        self.history = History(store, annotator)
        self._recording: _Recording | None = None

    # -- steps -----------------------------------------------------------------

    @contextmanager
    def batch(self, description: str) -> Iterator[_Recording]:
        """One transaction and one undo step for everything done inside; nestable."""
        if self._recording is not None:
            yield self._recording
            return
        recording = _Recording(description)
        self._recording = recording
        try:
            with self.store.transaction():
                yield recording
        finally:
            self._recording = None
        self.history.record(Step(description, tuple(recording.edits)))

    def combine(self, description: str, *actions: Callable[[], object]) -> Change:
        """Several workspace actions as one transaction and one undo step."""
        with self.batch(description) as recording:
            for action in actions:
                action()
        return self._change(recording)

    def _record(self, before: Row, after: Row) -> None:
        self._record_edit(Edit(before, after))

    def _record_edit(self, edit: Edit) -> None:
        assert self._recording is not None, "writes are recorded inside batch()"
        self._recording.edits.append(edit)

    def _change(self, recording: _Recording, message: str = "") -> Change:
        return Change.of(recording.description, [edit.after for edit in recording.edits], message)

    # -- annotations -------------------------------------------------------------

    def tag(
        self,
        article_id: str,
        start: int,
        end: int,
        label: str,
        *,
        quote: str,
        sha256: str,
        note: str = "",
        origin: str = "manual",
    ) -> Change:
        """Tag a span the user saw: ``quote`` and ``sha256`` say what text that was."""
        with self.batch(f"tag {label}") as recording:
            self.add(article_id, start, end, label, quote=quote, sha256=sha256, note=note,
                     origin=origin)  # fmt: skip
        return self._change(recording)

    def add(
        self,
        article_id: str,
        start: int,
        end: int,
        label: str,
        *,
        quote: str,
        sha256: str,
        note: str = "",
        origin: str = "manual",
    ) -> Annotation:
        """Tag inside a batch: returns the new annotation."""
        with self.batch(f"tag {label}"):
            annotation = self.store.add_annotation(
                article_id, start, end, label, note=note, annotator=self.annotator,
                quote=quote, sha256=sha256, origin=origin,
            )  # fmt: skip
            self._record_edit(created(annotation))
        return annotation

    def _update(self, seen: Annotation, description: str, **fields: object) -> Change:
        with self.batch(description) as recording:
            after = self.store.update_annotation(seen, by=self.annotator, **fields)  # type: ignore[arg-type]
            if after != seen:
                self._record(seen, after)
        return self._change(recording)

    def relabel(self, seen: Annotation, label: str) -> Change:
        return self._update(seen, f"relabel {label}", label=label)

    def set_note(self, seen: Annotation, note: str) -> Change:
        return self._update(seen, "note", note=note)

    def resize(self, seen: Annotation, start: int, end: int, *, quote: str, sha256: str) -> Change:
        return self._update(seen, "resize", start=start, end=end, quote=quote, sha256=sha256)

    def settle(self, seen: Annotation) -> Change:
        """Accept where re-anchoring put a changed annotation."""
        return self._update(seen, "accept new placement", settle=True)

    def place(self, seen: Annotation, start: int, end: int, *, quote: str, sha256: str) -> Change:
        """Put a changed or orphaned annotation on the text the analyst selected."""
        return self._update(seen, "re-select", start=start, end=end, quote=quote, sha256=sha256)

    def delete(self, seen: Annotation) -> Change:
        with self.batch("delete") as recording:
            self._delete(seen)
        return self._change(recording)

    def _delete(self, seen: Annotation) -> None:
        before_links = {link.id: link for link in self.store.links_of(seen.id)}
        removed = self.store.delete_annotation(seen, by=self.annotator)
        self._record(seen, removed.annotation)
        for link in removed.links:
            self._record(before_links[link.id], link)

    def edit(
        self,
        seen: Annotation,
        *,
        label: str | None = None,
        note: str | None = None,
        link_notes: Sequence[tuple[Link, str]] = (),
        unlink: Sequence[Link] = (),
        delete: bool = False,
    ) -> Change:
        """An editor save: only the fields the user changed, all in one step."""
        with self.batch("delete" if delete else "edit") as recording:
            if delete:
                self._delete(seen)
            else:
                for link, link_note in link_notes:
                    self._set_link_note(link, link_note)
                for link in unlink:
                    self._record(link, self.store.delete_link(link, by=self.annotator))
                if label is not None or note is not None:
                    after = self.store.update_annotation(
                        seen, label=label, note=note, by=self.annotator
                    )
                    if after != seen:
                        self._record(seen, after)
        return self._change(recording)

    # -- links -------------------------------------------------------------------

    def link(self, source: Annotation, target: Annotation, note: str = "") -> Change:
        with self.batch("link") as recording:
            link = self.store.add_link(source.id, target.id, note=note, by=self.annotator)
            self._record_edit(created(link))
        return self._change(recording)

    def link_ends(
        self,
        source: LinkEnd,
        target: LinkEnd,
        label: str = "inconsistency",
        *,
        note: str = "",
        origin: str = "manual",
    ) -> Change:
        """Tag whichever end is a bare span, then link them: one step."""
        with self.batch("link") as recording:
            first, second = (
                end.annotation
                or self.add(end.article_id, end.start, end.end, label, quote=end.quote,
                            sha256=end.sha256, origin=origin)
                for end in (source, target)
            )  # fmt: skip
            self.link(first, second, note)
        return self._change(recording)

    def tag_many(
        self, spans: Sequence[tuple[LinkEnd, str]], *, origin: str, description: str
    ) -> Change:
        """Tag several ``(span, label)`` as one step: accepting suggestions."""
        with self.batch(description) as recording:
            for span, label in spans:
                self.add(span.article_id, span.start, span.end, label, quote=span.quote,
                         sha256=span.sha256, origin=origin)  # fmt: skip
        return self._change(recording)

    def unlink(self, seen: Link) -> Change:
        with self.batch("unlink") as recording:
            self._record(seen, self.store.delete_link(seen, by=self.annotator))
        return self._change(recording)

    def set_link_note(self, seen: Link, note: str) -> Change:
        with self.batch("link note") as recording:
            self._set_link_note(seen, note)
        return self._change(recording)

    def _set_link_note(self, seen: Link, note: str) -> None:
        after = self.store.update_link(seen, note=note, by=self.annotator)
        if after != seen:
            self._record(seen, after)

    # -- suggestions ---------------------------------------------------------------

    def dismiss(self, dismissal: Dismissal, description: str = "dismiss") -> Change:
        """Remember that a suggestion is not worth tagging; one undo step."""
        with self.batch(description) as recording:
            before = self.store.find_dismissal(dismissal.id)
            after = self.store.dismiss(dismissal, by=self.annotator)
            if before is None:
                self._record_edit(created(after))
            elif before != after:
                self._record(before, after)
        return self._change(recording)

    # -- history -----------------------------------------------------------------

    def retitle(self, article_id: str, title: str, *, seen: str) -> Change:
        """Not an undo step (undo is for annotations and links): the message names the
        old title, and retitling again restores it."""
        stored = self.store.retitle(article_id, title, seen=seen, by=self.annotator)
        return Change("retitle", articles=(article_id,), message=f"Title: {stored} (was: {seen})")

    def undo(self) -> Change | None:
        step = self.history.undo()
        if step is None:
            return None
        return Change.of(step.description, [edit.before for edit in step.edits])

    def redo(self) -> Change | None:
        step = self.history.redo()
        if step is None:
            return None
        return Change.of(step.description, [edit.after for edit in step.edits])
