"""Curation: settle what several annotators said about one article into one answer.

``curation()`` reads one article's annotations by the chosen annotators and
returns, as data for a screen to show:

- ``agreed``: spans (start, end, label) every chosen annotator has: accepted at
  once by ``accept_agreed``;
- ``disagreements``: the other spans, grouped where they overlap. Each has a
  ``kind`` ("only": some annotators have a span the others do not; "boundaries":
  same label, other start or end; "label": same place, other label;
  "boundaries and label") and ``sides``: who said what (annotators with the same
  spans there are one side; ``silent`` ones said nothing there).

``decide`` applies one decision (accept one side, several or all, or none)
through a ``Workspace`` as the curator (``curated`` unless named): one batch,
so one undo step. The curator's answer is stored as ordinary annotations: a
candidate span accepted is a live annotation, one rejected is a tombstone of
one. That is what makes "neither" visible later, so that progress ("3 of 7
settled") survives a restart and a merge, and deciding again replaces the
earlier decision.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import NewsmarkError
from ..history import Edit, created
from ..models import Annotation, now
from ..store import Store
from ..workspace import Change, Workspace

CURATOR = "curated"
ORIGIN = "curated"  # a span the curator accepted
REJECTED = "curated:rejected"  # a tombstone saying the curator rejected this span


@dataclass(frozen=True, order=True)
class Candidate:
    """One span said by one or more annotators."""

    start: int
    end: int
    label: str
    text: str
    annotators: tuple[str, ...]
    note: str = ""  # the first non-empty note of the annotations it stands for

    @property
    def key(self) -> tuple[int, int, str]:
        return self.start, self.end, self.label


@dataclass(frozen=True)
class Side:
    """What some annotators said inside one disagreement: the same spans each."""

    annotators: tuple[str, ...]
    spans: tuple[Candidate, ...]


@dataclass(frozen=True)
class Disagreement:
    start: int  # the range the spans cover together
    end: int
    kind: str  # "only", "boundaries", "label", "boundaries and label"
    sides: tuple[Side, ...]
    silent: tuple[str, ...]  # annotators with no span here
    accepted: frozenset[tuple[int, int, str]]  # the curator's live spans among the candidates
    settled: bool  # every candidate has a decision (accepted or rejected)

    @property
    def candidates(self) -> tuple[Candidate, ...]:
        seen: dict[tuple[int, int, str], Candidate] = {}
        for side in self.sides:
            for span in side.spans:
                seen.setdefault(span.key, span)
        return tuple(sorted(seen.values()))


@dataclass(frozen=True)
class Curation:
    article_id: str
    sha256: str
    annotators: tuple[str, ...]
    curator: str
    agreed: tuple[Candidate, ...]
    agreed_done: bool  # every agreed span is in the curator's answer
    disagreements: tuple[Disagreement, ...]

    @property
    def settled(self) -> int:
        return sum(1 for item in self.disagreements if item.settled)

    @property
    def progress(self) -> str:
        return f"{self.settled} of {len(self.disagreements)} disagreements settled"


def _candidates(annotations: Sequence[Annotation]) -> list[Candidate]:
    grouped: dict[tuple[int, int, str], list[Annotation]] = defaultdict(list)
    for annotation in annotations:
        grouped[(annotation.start, annotation.end, annotation.label)].append(annotation)
    return sorted(
        Candidate(
            start,
            end,
            label,
            rows[0].text,
            tuple(sorted({row.annotator for row in rows})),
            next((row.note for row in rows if row.note), ""),
        )
        for (start, end, label), rows in grouped.items()
    )


def _clusters(candidates: Sequence[Candidate]) -> list[list[Candidate]]:
    """Candidates grouped where they overlap (sorted by start: one sweep)."""
    groups: list[list[Candidate]] = []
    reach = -1
    for candidate in sorted(candidates):
        if groups and candidate.start < reach:
            groups[-1].append(candidate)
            reach = max(reach, candidate.end)
        else:
            groups.append([candidate])
            reach = candidate.end
    return groups


def _kind(group: Sequence[Candidate], sides: Sequence[Side], silent: Sequence[str]) -> str:
    if len(sides) == 1 and silent:
        return "only"
    places = {(c.start, c.end) for c in group}
    labels = {c.label for c in group}
    if len(places) == 1:
        return "label"
    if len(labels) == 1:
        return "boundaries"
    return "boundaries and label"


def _disagreement(
    group: Sequence[Candidate],
    annotators: Sequence[str],
    decided: dict[tuple[int, int, str], bool],
) -> Disagreement:
    said: dict[str, list[Candidate]] = {name: [] for name in annotators}
    for candidate in group:
        for name in candidate.annotators:
            said[name].append(candidate)
    by_spans: dict[tuple[Candidate, ...], list[str]] = defaultdict(list)
    for name in annotators:
        if said[name]:
            by_spans[tuple(said[name])].append(name)
    sides = tuple(Side(tuple(names), spans) for spans, names in by_spans.items())
    silent = tuple(name for name in annotators if not said[name])
    keys = [candidate.key for candidate in group]
    return Disagreement(
        start=min(c.start for c in group),
        end=max(c.end for c in group),
        kind=_kind(group, sides, silent),
        sides=sides,
        silent=silent,
        accepted=frozenset(key for key in keys if decided.get(key)),
        settled=all(key in decided for key in keys),
    )


def _decisions(store: Store, article_id: str, curator: str) -> dict[tuple[int, int, str], bool]:
    """The curator's decision on each span: accepted (a live row), rejected (a rejection
    marker), or absent. A tombstone whose ``deleted_at`` is its ``created_at`` is an
    undone creation, not a decision."""
    live: dict[tuple[int, int, str], Annotation] = {}
    rejected: set[tuple[int, int, str]] = set()
    for row in store.annotations_by(article_id, curator):
        key = (row.start, row.end, row.label)
        if not row.deleted and row.origin == ORIGIN:
            live[key] = row
        elif row.origin == REJECTED and row.deleted and row.deleted_at != row.created_at:
            rejected.add(key)
    return {**{key: False for key in rejected}, **{key: True for key in live}}


def curation(
    store: Store, article_id: str, annotators: Sequence[str], *, curator: str = CURATOR
) -> Curation:
    chosen = tuple(sorted(set(annotators)))
    if len(chosen) < 2:
        raise NewsmarkError("curation needs two annotators or more")
    if curator in chosen:
        raise NewsmarkError(f"{curator!r} is the curator: it cannot be one of the annotators")
    rows = [
        row
        for row in store.annotations_for(article_id)
        if row.annotator in chosen and not row.orphaned
    ]
    decided = _decisions(store, article_id, curator)
    candidates = _candidates(rows)
    agreed = tuple(c for c in candidates if len(c.annotators) == len(chosen))
    rest = [c for c in candidates if len(c.annotators) < len(chosen)]
    return Curation(
        article_id=article_id,
        sha256=store.article_sha256(article_id),
        annotators=chosen,
        curator=curator,
        agreed=agreed,
        agreed_done=all(decided.get(c.key) for c in agreed),
        disagreements=tuple(_disagreement(g, chosen, decided) for g in _clusters(rest)),
    )


def _add(
    workspace: Workspace, current: Curation, candidate: Candidate, origin: str = ORIGIN
) -> Annotation:
    text = workspace.store.article_text(current.article_id)
    return workspace.add(
        current.article_id,
        candidate.start,
        candidate.end,
        candidate.label,
        quote=text[candidate.start : candidate.end],
        sha256=current.sha256,
        note=candidate.note,
        origin=origin,
    )


def _reject(workspace: Workspace, current: Curation, candidate: Candidate) -> None:
    """A rejection marker: the span added and deleted at once, recorded as one edit of the
    batch (a step that wrote one row twice could not be undone). It is deleted in a later
    millisecond than it was created: an undone creation has ``deleted_at == created_at``."""
    store = workspace.store
    text = store.article_text(current.article_id)
    with workspace.batch(f"curate: reject {candidate.label}") as recording:
        marker = store.add_annotation(
            current.article_id,
            candidate.start,
            candidate.end,
            candidate.label,
            annotator=current.curator,
            quote=text[candidate.start : candidate.end],
            sha256=current.sha256,
            note=candidate.note,
            origin=REJECTED,
        )
        while now() <= marker.created_at:
            time.sleep(0.0005)
        removed = store.delete_annotation(marker, by=current.curator)
        recording.edits.append(Edit(created(marker).before, removed.annotation))


def _live(store: Store, current: Curation) -> dict[tuple[int, int, str], Annotation]:
    return {
        (row.start, row.end, row.label): row
        for row in store.annotations_by(current.article_id, current.curator)
        if not row.deleted and row.origin == ORIGIN
    }


def accept_agreed(workspace: Workspace, current: Curation) -> Change:
    """Everything all annotators agree on, in the curator's answer: one step."""
    _check(workspace, current)
    live = _live(workspace.store, current)
    with workspace.batch("accept agreed spans") as recording:
        for candidate in current.agreed:
            if candidate.key not in live:
                _add(workspace, current, candidate)
    return Change.of(recording.description, [edit.after for edit in recording.edits])


def decide(
    workspace: Workspace, current: Curation, disagreement: Disagreement, sides: Sequence[int]
) -> Change:
    """Accept the spans of ``sides`` (indices into ``disagreement.sides``: one side, several,
    all of them for "both", none for "neither") and reject the other candidates; replaces
    an earlier decision. One batch: one undo step."""
    _check(workspace, current)
    if any(not 0 <= index < len(disagreement.sides) for index in sides):
        raise NewsmarkError(f"no such side: {list(sides)} (there are {len(disagreement.sides)})")
    chosen = {span.key for index in sides for span in disagreement.sides[index].spans}
    live = _live(workspace.store, current)
    decided = _decisions(workspace.store, current.article_id, current.curator)
    words = "neither" if not sides else "+".join(str(index + 1) for index in sorted(set(sides)))
    with workspace.batch(f"curate: accept {words}") as recording:
        for candidate in disagreement.candidates:
            row = live.get(candidate.key)
            if candidate.key in chosen:
                if row is None:
                    _add(workspace, current, candidate)
                continue
            if row is not None:
                workspace.delete(row)
            if candidate.key not in decided or decided[candidate.key]:
                _reject(workspace, current, candidate)
    return Change.of(recording.description, [edit.after for edit in recording.edits])


def _check(workspace: Workspace, current: Curation) -> None:
    if workspace.annotator != current.curator:
        raise NewsmarkError(
            f"the workspace writes as {workspace.annotator!r}, the curation is"
            f" {current.curator!r}'s"
        )
    if workspace.store.article_sha256(current.article_id) != current.sha256:
        raise NewsmarkError(
            f"the text of article {current.article_id} changed since the curation was read:"
            " nothing written"
        )
