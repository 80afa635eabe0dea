"""brat standoff out: a folder with ``<article>.txt`` (the canonical text, so offsets are
exact) and ``<article>.ann`` per article, and an ``annotation.conf`` for the labels.

brat draws no span across a line break: a span that crosses one is written as
fragments (``s e;s e``) split at the line breaks, its text the fragments joined
by one space, as brat itself saves it. A note becomes ``AnnotatorNotes`` lines
(one per line of the note). Links within one article are ``R`` lines; brat
cannot link across documents, so those go to ``cross-document-links.tsv``.
Orphaned annotations (their quote is no longer in the text) are not written:
brat would draw them on other words.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..models import Annotation, Link
from ..store import Store

SIDE_FILE = "cross-document-links.tsv"
SIDE_COLUMNS = (
    "link_id",
    "kind",
    "note",
    "from_document",
    "from_annotation",
    "from_text",
    "to_document",
    "to_annotation",
    "to_text",
)


@dataclass(frozen=True)
class BratExport:
    documents: int
    annotations: int
    links: int  # R lines
    cross_document_links: int  # rows of the side file
    orphans_left_out: int


def fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as runs without line breaks (brat's own way to save such spans)."""
    runs: list[tuple[int, int]] = []
    begin = start
    for index in range(start, end + 1):
        if index == end or text[index] == "\n":
            if index > begin:
                runs.append((begin, index))
            begin = index + 1
    return runs


def brat_type(name: str) -> str:
    """A label or link kind as a brat type: no whitespace (brat splits fields on it)."""
    return re.sub(r"\s+", "_", name.strip()) or "link"


def _note_lines(target: str, note: str, counter: list[int]) -> list[str]:
    lines = []
    for line in note.split("\n") if note else []:
        counter[0] += 1
        lines.append(f"#{counter[0]}\tAnnotatorNotes {target}\t{line}")
    return lines


def _conf(labels: list[str], kinds: Iterable[str]) -> str:
    relations = sorted({"contradicts", *(brat_type(kind) for kind in kinds)})
    return "\n".join(
        [
            "# brat configuration written by newsmark: its labels and link kinds",
            "[entities]",
            *labels,
            "",
            "[relations]",
            *(f"{kind}\tArg1:<ENTITY>, Arg2:<ENTITY>" for kind in relations),
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
            "",
            "[events]",
            "",
            "[attributes]",
            "",
        ]
    )


def export_brat(
    store: Store,
    folder: Path,
    *,
    labels: Iterable[str] = (),
    article_ids: Iterable[str] = (),
) -> BratExport:
    """Fill ``folder`` (already created, empty)."""
    wanted = set(labels)
    ids = list(article_ids) or None
    by_article: dict[str, list[Annotation]] = defaultdict(list)
    orphans = 0
    for annotation in store.live_annotations(ids):
        if wanted and annotation.label not in wanted:
            continue
        if annotation.orphaned:
            orphans += 1
            continue
        by_article[annotation.article_id].append(annotation)
    tids: dict[str, tuple[str, str, str]] = {}  # annotation id -> (document, T id, quote)
    lines: dict[str, list[str]] = {}
    notes: dict[str, list[int]] = {}
    count = 0
    documents = 0
    for stored in store.stored_articles(ids):
        article = stored.article
        documents += 1
        (folder / f"{article.id}.txt").write_text(article.text, encoding="utf-8", newline="")
        lines[article.id] = []
        notes[article.id] = [0]
        number = 0
        for annotation in by_article.get(article.id, []):
            runs = fragments(article.text, annotation.start, annotation.end)
            if not runs:
                continue  # only line breaks: nothing brat can draw
            number += 1
            tid = f"T{number}"
            spans = ";".join(f"{begin} {finish}" for begin, finish in runs)
            shown = " ".join(article.text[begin:finish] for begin, finish in runs)
            lines[article.id].append(f"{tid}\t{brat_type(annotation.label)} {spans}\t{shown}")
            lines[article.id] += _note_lines(tid, annotation.note, notes[article.id])
            tids[annotation.id] = (article.id, tid, shown)
            count += 1
    within = 0
    across: list[tuple[Link, tuple[str, str, str], tuple[str, str, str]]] = []
    links = store.live_links()
    relation_numbers: dict[str, int] = defaultdict(int)
    for link in links:
        ends = tids.get(link.from_annotation), tids.get(link.to_annotation)
        if ends[0] is None or ends[1] is None:
            continue
        if ends[0][0] != ends[1][0]:
            across.append((link, ends[0], ends[1]))
            continue
        document = ends[0][0]
        relation_numbers[document] += 1
        rid = f"R{relation_numbers[document]}"
        lines[document].append(f"{rid}\t{brat_type(link.kind)} Arg1:{ends[0][1]} Arg2:{ends[1][1]}")
        lines[document] += _note_lines(rid, link.note, notes[document])
        within += 1
    for document, document_lines in lines.items():
        (folder / f"{document}.ann").write_text(
            "".join(line + "\n" for line in document_lines), encoding="utf-8", newline=""
        )
    (folder / "annotation.conf").write_text(
        _conf([brat_type(label) for label in store.labels()], (link.kind for link in links)),
        encoding="utf-8",
        newline="",
    )
    if across:
        with (folder / SIDE_FILE).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(SIDE_COLUMNS)
            for link, source, target in across:
                writer.writerow([link.id, link.kind, link.note, *source, *target])
    return BratExport(documents, count, within, len(across), orphans)
