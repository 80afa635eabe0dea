"""brat standoff in: an ``.ann`` file read against the ``.txt`` it annotates.

brat counts offsets in code points of the ``.txt`` as it is on disk; newsmark
counts them in the canonical text. Where the two agree the offsets are used as
they are, else each quote is searched near its old place (``anchoring``).

- ``T`` lines become annotations when their type is one of our labels or is
  mapped to one (``--map``); others are skipped and counted.
- A span written in fragments (``s e;s e``) whose gaps are only white space
  (brat's way to save a span across a line break) becomes one span. A truly
  discontinuous span is split into one annotation per fragment, or skipped.
- ``#`` ``AnnotatorNotes`` lines are notes (several on one target are joined by
  line breaks). ``R`` lines become links of their type, ``E`` lines links from
  the first imported participant to each other one (kind: the event type),
  where both ends were imported. ``A``/``M``, ``N`` and ``*`` lines have no
  counterpart here and are counted as skipped.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from ..articles import MAX_BYTES, Article, decode, parse_article
from ..errors import InputError
from ..text import canonicalise
from .incoming import FOREIGN_IDS, Batch, IncomingAnnotation, IncomingLink, ReadOptions
from .reading import read_limited, read_text

_T = re.compile(r"(T\S*)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t(.*))?")
_NOTE = re.compile(r"#\S*\t(\S+) (\S+)(?:\t(.*))?")
_R = re.compile(r"(R\S*)\t(\S+) (\S+):(\S+) (\S+):(\S+)\s*")
_E = re.compile(r"(E\S*)\t(\S+):(\S+)((?: \S+:\S+)*)\s*")
_CONTEXT = 32


def document_and_annotator(ann: Path, options: ReadOptions) -> tuple[str, str]:
    """The text's stem and the annotator: the pattern's match is cut out of the file name.

    The pattern is tried on the name without ``.ann``, then on the whole name: a
    user who writes ``_(?P<annotator>....)\\.ann$`` means the same file name."""
    stem = ann.stem
    if options.annotator_pattern is None:
        return stem, options.annotator
    whole = False
    name = stem
    match = options.annotator_pattern.search(stem)
    if match is None:
        whole, name = True, ann.name
        match = options.annotator_pattern.search(name)
    if match is None:
        raise InputError(ann, "file name does not match --annotator-from-filename")
    groups = match.groupdict()
    who = groups.get("annotator") or (match.group(1) if match.re.groups else match.group())
    document = name[: match.start()] + name[match.end() :]
    if whole:
        document = document.removesuffix(ann.suffix)
    return document, who or options.annotator


def text_file(ann: Path, document: str, options: ReadOptions) -> Path:
    folders = [ann.parent] + ([options.text_dir] if options.text_dir else [])
    for folder in folders:
        candidate = folder / f"{document}.txt"
        if candidate.is_file():
            return candidate
    raise InputError(
        ann,
        f"no text for it: {document}.txt is not beside it"
        + (" nor in --text-dir" if options.text_dir else " (use --text-dir)"),
    )


def brat_id(ann: Path, digest: str, item: str, part: int = 0) -> str:
    """Stable: the same file read again gives the same ids (nothing is added twice)."""
    return str(uuid.uuid5(FOREIGN_IDS, f"brat {ann.name} {digest} {item} {part}"))


@dataclass
class _Reader:
    ann: Path
    raw: str
    article: Article
    options: ReadOptions
    batch: Batch
    annotator: str

    def fail(self, line: int, problem: str) -> InputError:
        return InputError(self.ann, f"line {line}: {problem}")

    def spans(self, number: int, field: str) -> list[tuple[int, int]]:
        runs = [tuple(int(value) for value in part.split()) for part in field.split(";")]
        for start, end in runs:
            if not 0 <= start <= end <= len(self.raw):
                raise self.fail(
                    number, f"offsets {start} {end} outside the text (0:{len(self.raw)})"
                )
        return [(start, end) for start, end in runs]

    def incoming(
        self, key: str, part: int, start: int, end: int, quote: str, label: str, note: str
    ) -> IncomingAnnotation:
        return IncomingAnnotation(
            id=brat_id(self.ann, self.article.sha256, key, part),
            article="text",
            start=start,
            end=end,
            quote=canonicalise(quote),
            prefix=canonicalise(self.raw[max(0, start - _CONTEXT) : start]),
            suffix=canonicalise(self.raw[end : end + _CONTEXT]),
            label=label,
            note=note,
            annotator=self.annotator,
        )


def read_brat(ann: Path, options: ReadOptions, *, limit: int | None = None) -> Batch:
    document, annotator = document_and_annotator(ann, options)
    txt = text_file(ann, document, options)
    raw = decode(read_limited(txt, MAX_BYTES), txt)
    article = parse_article(raw, txt)
    batch = Batch(ann, "brat", articles={"text": article})
    reader = _Reader(ann, raw, article, options, batch, annotator)
    lines = read_text(ann, limit).split("\n")
    spans: dict[str, tuple[int, str, list[tuple[int, int]], str | None]] = {}
    notes: dict[str, list[str]] = {}
    relations: list[tuple[int, str]] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        kind = line[0]
        if kind == "T":
            match = _T.fullmatch(line)
            if match is None:
                raise reader.fail(number, "not a brat text-bound (T) line")
            tid, name, field, shown = match.groups()
            spans[tid] = (number, name, reader.spans(number, field), shown)
        elif kind == "#":
            match = _NOTE.fullmatch(line)
            if match is None or match.group(1) != "AnnotatorNotes":
                batch.skipped["comment (#) lines other than AnnotatorNotes"] += 1
                continue
            notes.setdefault(match.group(2), []).append(match.group(3) or "")
        elif kind in "RE":
            relations.append((number, line))
        elif kind in "AM":
            batch.skipped["attribute (A) lines: no counterpart here"] += 1
        elif kind in "N*":
            batch.skipped["normalization (N) and equivalence (*) lines"] += 1
        else:
            raise reader.fail(number, "not a brat standoff line")
    imported = _spans(reader, spans, notes)
    _relations(reader, relations, imported, notes)
    return batch


def _spans(
    reader: _Reader,
    spans: dict[str, tuple[int, str, list[tuple[int, int]], str | None]],
    notes: dict[str, list[str]],
) -> dict[str, str]:
    """Annotations for the T lines; returns T id -> id of its (first) annotation."""
    batch, raw = reader.batch, reader.raw
    imported: dict[str, str] = {}
    joined = split = split_parts = skipped = 0
    for tid, (number, name, runs, _shown) in spans.items():
        label = reader.options.policy.resolve([name], reader.ann, f"line {number}")
        if label is None:
            batch.skipped[f"type {name!r} not mapped"] += 1
            continue
        note = "\n".join(notes.get(tid, []))
        runs = [run for run in runs if run[1] > run[0]]
        if not runs:
            batch.skipped["empty span"] += 1
            continue
        gaps = [raw[a[1] : b[0]] for a, b in itertools.pairwise(runs)]
        if len(runs) == 1 or all(
            not gap.strip() and b[0] >= a[1]
            for gap, a, b in zip(gaps, runs, runs[1:], strict=False)
        ):
            start, end = runs[0][0], runs[-1][1]
            joined += len(runs) > 1
            item = reader.incoming(tid, 0, start, end, raw[start:end], label, note)
            batch.annotations.append(item)
            imported[tid] = item.id
        elif reader.options.discontinuous == "skip":
            skipped += 1
        else:
            split += 1
            for part, (start, end) in enumerate(runs):
                item = reader.incoming(tid, part, start, end, raw[start:end], label, note)
                batch.annotations.append(item)
                imported.setdefault(tid, item.id)
                split_parts += 1
    if joined:
        batch.remarks.append(f"{joined} span(s) written in fragments across line breaks joined")
    if split:
        batch.remarks.append(f"{split} discontinuous span(s) split into {split_parts} annotations")
    if skipped:
        batch.skipped["discontinuous span (--discontinuous skip)"] += skipped
    return imported


def _relations(
    reader: _Reader,
    relations: list[tuple[int, str]],
    imported: dict[str, str],
    notes: dict[str, list[str]],
) -> None:
    batch = reader.batch
    for number, line in relations:
        if line[0] == "R":
            match = _R.fullmatch(line)
            if match is None:
                raise reader.fail(number, "not a brat relation (R) line")
            rid, kind, _, first, _, second = match.groups()
            pairs = [(first, second)]
        else:
            match = _E.fullmatch(line)
            if match is None:
                raise reader.fail(number, "not a brat event (E) line")
            rid, kind, trigger, rest = match.groups()
            arguments = sorted((part.split(":", 1) for part in rest.split()), key=lambda a: a[0])
            present = [tid for tid in [trigger, *(tid for _, tid in arguments)] if tid in imported]
            pairs = [(present[0], other) for other in present[1:]]
        wanted = [(a, b) for a, b in pairs if a in imported and b in imported and a != b]
        if not wanted:
            what = "relation (R)" if line[0] == "R" else "event (E)"
            batch.skipped[f"{what} without two imported spans"] += 1
            continue
        for part, (first, second) in enumerate(wanted):
            batch.links.append(
                IncomingLink(
                    id=brat_id(reader.ann, reader.article.sha256, rid, part),
                    from_annotation=imported[first],
                    to_annotation=imported[second],
                    kind=kind,
                    note="\n".join(notes.get(rid, [])),
                    by=reader.annotator,
                )
            )


def read_side_links(path: Path, options: ReadOptions, *, limit: int | None = None) -> Batch:
    """``cross-document-links.tsv`` of a newsmark brat export: links between documents."""
    from .brat import SIDE_COLUMNS

    batch = Batch(path, "brat")
    rows = list(csv.reader(io.StringIO(read_text(path, limit)), delimiter="\t"))
    if not rows or tuple(rows[0]) != SIDE_COLUMNS:
        raise InputError(path, f"not a newsmark side file (columns: {', '.join(SIDE_COLUMNS)})")
    digests: dict[str, str] = {}

    def annotation_id(document: str, tid: str) -> str:
        ann = path.parent / f"{document}.ann"
        if document not in digests:
            txt = text_file(ann, document, options)
            digests[document] = parse_article(decode(read_limited(txt, MAX_BYTES), txt), txt).sha256
        return brat_id(ann, digests[document], tid)

    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(SIDE_COLUMNS):
            raise InputError(path, f"line {number}: {len(row)} columns, not {len(SIDE_COLUMNS)}")
        values = dict(zip(SIDE_COLUMNS, row, strict=True))
        batch.links.append(
            IncomingLink(
                id=values["link_id"],
                from_annotation=annotation_id(values["from_document"], values["from_annotation"]),
                to_annotation=annotation_id(values["to_document"], values["to_annotation"]),
                kind=values["kind"],
                note=values["note"],
                by=options.annotator,
            )
        )
    return batch
