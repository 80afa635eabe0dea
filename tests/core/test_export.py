"""CSV export: every field survives csv and pandas; formulas neutralised where OWASP says."""

from __future__ import annotations

import csv
import io
import random
import tracemalloc
import unicodedata
import uuid
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tui.core.articles import Article, parse_article
from tui.core.export import COLUMNS, LINK_COLUMNS, export_annotations, export_links, neutralise
from tui.core.models import Annotation
from tui.core.store import Store

AddArticle = Callable[..., Article]

# OWASP (CSV Injection): cells must not begin with = + - @ tab or carriage return,
# nor with their fullwidth forms. Leading blanks do not help (spreadsheets skip
# them), so a run of Unicode spaces, zero-width characters and BOMs is looked through.
OWASP_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e"}


def _after_blanks(cell: str) -> str:
    index = 0
    while index < len(cell) and (
        unicodedata.category(cell[index]) == "Zs" or cell[index] in ZERO_WIDTH
    ):
        index += 1
    return cell[index:]


def owasp(cell: str) -> str:
    """The expectation, written independently of tui.core.export."""
    return "'" + cell if _after_blanks(cell)[:1] in OWASP_STARTS and _after_blanks(cell) else cell


HOSTILE = (
    "Hostile Quotes Article\n\n"
    "=HYPERLINK(\"http://evil\",\"click\")\n"
    "+1 for this, and that\n"
    "-2 degrees \"cold\"\n"
    "@SUM(A1:A9)\n"
    "   =spaced formula\n"
    "  -spaced minus\n"
    "a=b is not a formula, nor is 'quoted'\n"
    "He said: \"multi\nline, quoted\" text\n"
    "plain words only\n"
    "👨\u200d👩\u200d👧 שלום مرحبا 中文 e\u0301\n"
)
QUOTES = [
    '=HYPERLINK("http://evil","click")',
    "+1 for this, and that",
    '-2 degrees "cold"',
    "@SUM(A1:A9)",
    "   =spaced formula",
    "  -spaced minus",
    "a=b is not a formula, nor is 'quoted'",
    '"multi\nline, quoted" text',
    "plain words only",
    "👨\u200d👩\u200d👧 שלום مرحبا 中文 é",
    "\n+1",  # starts with a newline: not a formula start
]
NOTES = [
    "\t=tab formula",
    "\r\n=CR first",
    "  @spaced at",
    "=1+1",
    'note with "quotes", commas\nand a newline',
    "",
    "-",
    " \t-space then tab",
    "ok",
    "+",
    "'already quoted",
]


@pytest.fixture
def hostile(store: Store, add_article: AddArticle) -> tuple[Store, list[Annotation]]:
    article = add_article(HOSTILE, title="=cmd|' /C calc'!A0 title")
    second = add_article("@Second Article Title Here\n\nIt disagrees, \"strongly\".\n")
    annotations = []
    for number, (quote, note) in enumerate(zip(QUOTES, NOTES, strict=True)):
        start = article.text.index(quote)
        annotations.append(
            store.add_annotation(
                article.id,
                start,
                start + len(quote),
                ("claim", "quote", "inconsistency")[number % 3],
                quote=quote,
                note=note,
                annotator=("@bob", "+alice", "ana", "=x")[number % 4],
            )
        )
    other = store.add_annotation(second.id, 0, 7, "inconsistency", note="-see first")
    annotations.append(other)
    store.add_link(annotations[0].id, annotations[1].id)
    store.add_link(annotations[2].id, annotations[0].id, note="=note on link")
    store.add_link(other.id, annotations[7].id, note="multi\nline")
    return store, annotations


def _export(
    store: Store,
    tmp_path: Path,
    *,
    labels: list[str] | None = None,
    article_ids: list[str] | None = None,
    raw: bool = False,
) -> Path:
    """Export to a file; the returned row count must match what the store holds."""
    path = tmp_path / "out.csv"
    chosen = {"labels": labels or [], "article_ids": article_ids or []}
    with path.open("w", encoding="utf-8", newline="") as out:
        count = export_annotations(store, out, raw=raw, **chosen)
    assert count == len(list(store.annotations(**chosen)))
    return path


def _expected(store: Store, annotation: Annotation, raw: bool) -> dict[str, str]:
    cell = (lambda value: value) if raw else owasp
    article = store.get_article(annotation.article_id)
    title = article.title
    return {
        "id": cell(annotation.id),
        "article_id": cell(annotation.article_id),
        "article_title": cell(title),
        "article_source": cell(article.url or article.path),
        "article_published": cell(article.published),
        "label": cell(annotation.label),
        "start": str(annotation.start),
        "end": str(annotation.end),
        "text": cell(annotation.text),
        "prefix": cell(annotation.prefix),
        "suffix": cell(annotation.suffix),
        "note": cell(annotation.note),
        "annotator": cell(annotation.annotator),
        "created_at": cell(annotation.created_at),
        "updated_at": cell(annotation.updated_at),
        "status": cell(annotation.status),
        "original_text": cell(annotation.original_text),
        "origin": cell(annotation.origin),
    }


def _linked(store: Store, annotation_id: str) -> set[str]:
    return {link.other(annotation_id) for link in store.links_of(annotation_id)}


def _check_rows(store: Store, rows: list[dict[str, str]], raw: bool) -> None:
    by_id = {annotation.id: annotation for annotation in store.annotations()}
    assert sorted(row["id"] for row in rows) == sorted(by_id)
    for row in rows:
        annotation = by_id[row["id"]]
        links = row.pop("links")
        assert row == _expected(store, annotation, raw)
        links = links if raw else links.removeprefix("'")  # '-… when an id starts with -
        assert (set(links.split(";")) if links else set()) == _linked(store, annotation.id)


@pytest.mark.parametrize("raw", [False, True])
def test_csv_module_reads_back_every_field(
    hostile: tuple[Store, list[Annotation]], tmp_path: Path, raw: bool
) -> None:
    store, _ = hostile
    path = _export(store, tmp_path, raw=raw)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        rows = list(reader)
    assert len(rows) == len(QUOTES) + 1
    _check_rows(store, rows, raw)


@pytest.mark.parametrize("raw", [False, True])
def test_pandas_reads_back_every_field(
    hostile: tuple[Store, list[Annotation]], tmp_path: Path, raw: bool
) -> None:
    store, _ = hostile
    path = _export(store, tmp_path, raw=raw)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == COLUMNS
    _check_rows(store, frame.to_dict("records"), raw)  # type: ignore[arg-type]
    # and without any option at all: same shape, numbers as numbers, quotes intact
    plain = pd.read_csv(path)
    assert tuple(plain.columns) == COLUMNS and len(plain) == len(frame)
    assert list(plain["start"]) == [int(value) for value in frame["start"]]
    assert list(plain["text"]) == list(frame["text"])


def test_neutralised_cells_exactly_where_owasp_says(
    hostile: tuple[Store, list[Annotation]], tmp_path: Path
) -> None:
    store, _ = hostile
    with _export(store, tmp_path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    text = {row["text"] for row in rows}
    assert {
        "'=HYPERLINK(\"http://evil\",\"click\")",
        "'+1 for this, and that",
        "'-2 degrees \"cold\"",
        "'@SUM(A1:A9)",
        "'   =spaced formula",
        "'  -spaced minus",
    } <= text
    # left alone: a formula character later on, a leading quote, a leading newline
    assert {"a=b is not a formula, nor is 'quoted'", '"multi\nline, quoted" text', "\n+1"} <= text
    assert "plain words only" in text
    notes = {row["note"] for row in rows}
    assert {"'\t=tab formula", "'\r\n=CR first", "'  @spaced at", "'=1+1", "'-", "'+"} <= notes
    assert {"' \t-space then tab", "'already quoted", "ok", ""} <= notes
    assert {row["article_title"] for row in rows} == {
        "'=cmd|' /C calc'!A0 title",
        "'@Second Article Title Here",
    }
    assert {row["annotator"] for row in rows} == {"'@bob", "'+alice", "ana", "'=x", ""}
    for row in rows:  # nothing a spreadsheet would evaluate, in any column
        for value in row.values():
            assert _after_blanks(value)[:1] not in OWASP_STARTS or value == ""


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("   =x", "'   =x"),
        ("a=b", "a=b"),
        ("'=x", "'=x"),
        ("", ""),
        ("   ", "   "),
        ("\n=x", "\n=x"),
        ("\u00a0=x", "'\u00a0=x"),
        ("\u3000\u200b\ufeff+x", "'\u3000\u200b\ufeff+x"),
        ("＝1+1", "'＝1+1"),
        ("\u00a0x=", "\u00a0x="),
        ("x-", "x-"),
    ],
)
def test_neutralise(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected == owasp(cell)


def test_export_matches_csv_writer_over_the_store_api(
    hostile: tuple[Store, list[Annotation]], tmp_path: Path
) -> None:
    """What csv.writer (text quoted, numbers bare) writes from the store's records, in order."""
    store, _ = hostile
    for raw in (False, True):
        expected = io.StringIO(newline="")
        expected.write(",".join(COLUMNS) + "\r\n")
        writer = csv.writer(expected, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        ordered = sorted(store.annotations(), key=lambda a: (a.article_id, a.start, a.end))
        for a in ordered:
            links = [row[0] for row in store.conn.execute(
                "SELECT to_annotation FROM links WHERE from_annotation = ?"
                " UNION ALL SELECT from_annotation FROM links WHERE to_annotation = ?",
                (a.id, a.id),
            )]
            fields: dict[str, object] = {**_expected(store, a, raw), "links": ";".join(links)}
            fields["start"], fields["end"] = a.start, a.end
            writer.writerow([fields[name] for name in COLUMNS])
        got = _export(store, tmp_path, raw=raw).read_bytes().decode("utf-8")
        # link order inside a cell is not part of the contract: compare rows with sorted links
        def normalised(text: str) -> list[list[str]]:
            rows = list(csv.reader(io.StringIO(text, newline="")))
            index = COLUMNS.index("links")
            for row in rows[1:]:
                row[index] = ";".join(sorted(row[index].split(";")))
            return rows
        assert normalised(got) == normalised(expected.getvalue())
        assert len(got) == len(expected.getvalue())  # same quoting, same CRLF row ends
        assert got.startswith(expected.getvalue()[: expected.getvalue().index("\r\n") + 3])


def test_a_note_holding_nul_is_written_whole(
    store: Store, add_article: AddArticle, tmp_path: Path
) -> None:
    """NUL cannot come from an article, but a typed note could hold one."""
    article = add_article("A Headline For Nul Tests\n\nFirst, second and third parts.\n")
    made = [
        store.add_annotation(article.id, 0, 10, "claim", note="before"),
        store.add_annotation(article.id, 11, 20, "claim", note="=a\x00b, \"c\"", annotator="x\x00"),
        store.add_annotation(article.id, 26, 32, "quote", note="after"),
    ]
    for raw in (False, True):
        with _export(store, tmp_path, raw=raw).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert [row[0] for row in rows[1:]] == [a.id for a in made]  # order kept
        middle = dict(zip(COLUMNS, rows[2], strict=True))
        note = '=a\x00b, "c"'
        assert middle["note"] == (note if raw else "'" + note)
        assert middle["annotator"] == "x\x00"
        assert middle["text"] == article.text[11:20]
        assert rows[3][COLUMNS.index("note")] == "after"


def test_filters(hostile: tuple[Store, list[Annotation]], tmp_path: Path) -> None:
    store, annotations = hostile
    claims = _export(store, tmp_path, labels=["claim"])
    ids = {row["id"] for row in csv.DictReader(claims.open(encoding="utf-8", newline=""))}
    assert ids == {a.id for a in annotations if a.label == "claim"}
    second = annotations[-1].article_id
    only = _export(store, tmp_path, article_ids=[second], labels=["inconsistency", "quote"])
    rows = list(csv.DictReader(only.open(encoding="utf-8", newline="")))
    assert [row["id"] for row in rows] == [annotations[-1].id]


def test_empty_database_exports_the_header(store: Store) -> None:
    out = io.StringIO()
    assert export_annotations(store, out) == 0
    assert out.getvalue() == ",".join(COLUMNS) + "\r\n"
    out = io.StringIO()
    assert export_links(store, out) == 0
    assert out.getvalue() == ",".join(LINK_COLUMNS) + "\r\n"


@pytest.mark.parametrize("raw", [False, True])
def test_export_links(hostile: tuple[Store, list[Annotation]], raw: bool) -> None:
    store, _ = hostile
    out = io.StringIO(newline="")
    assert export_links(store, out, raw=raw) == 3
    cell = (lambda value: value) if raw else owasp
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert tuple(frame.columns) == LINK_COLUMNS
    rows = {row["link_id"]: row for row in frame.to_dict("records")}
    assert set(rows) == {link.id for link in store.links()}
    for link in store.links():
        row = rows[link.id]
        expected = {"link_id": cell(link.id), "kind": cell(link.kind), "note": cell(link.note),
                    "created_at": cell(link.created_at)}
        for side, annotation_id in (("from", link.from_annotation), ("to", link.to_annotation)):
            annotation = store.get_annotation(annotation_id)
            expected |= {
                f"{side}_id": cell(annotation.id),
                f"{side}_article_id": cell(annotation.article_id),
                f"{side}_article_title": cell(store.get_article(annotation.article_id).title),
                f"{side}_label": cell(annotation.label),
                f"{side}_start": str(annotation.start),
                f"{side}_end": str(annotation.end),
                f"{side}_text": cell(annotation.text),
                f"{side}_note": cell(annotation.note),
            }
        assert row == expected
    if not raw:
        assert {row["note"] for row in rows.values()} == {"", "'=note on link", "multi\nline"}


def test_orphaned_annotations_are_exported_with_their_status(
    store: Store, tmp_path: Path, add_article: AddArticle
) -> None:
    article = add_article("Original Headline Text\n\nThe quick brown fox jumps.\n", name="f.txt")
    kept = store.add_annotation(article.id, article.text.index("quick"),
                                article.text.index("quick") + 5, "claim")
    store.conn.execute("UPDATE annotations SET status = 'orphaned' WHERE id = ?", (kept.id,))
    store.conn.commit()
    rows = list(csv.DictReader(_export(store, tmp_path).open(encoding="utf-8", newline="")))
    assert [(row["id"], row["status"], row["text"]) for row in rows] == [
        (kept.id, "orphaned", "quick")
    ]


# -- streaming -----------------------------------------------------------------------------


class _Sink(io.TextIOBase):
    """A text stream that keeps only a count: memory measured is the exporter's own."""

    def __init__(self) -> None:
        self.chars = 0

    def write(self, text: str) -> int:
        self.chars += len(text)
        return len(text)


def _bulk(store: Store, article: Article, count: int) -> None:
    """Annotations inserted in one transaction (test set-up, not the API under test)."""
    rng = random.Random(count)
    rows = []
    for _ in range(count):
        start = rng.randrange(0, len(article.text) - 300)
        end = start + rng.randint(50, 250)
        rows.append((
            str(uuid.uuid4()), article.id, start, end, "claim", article.text[start:end],
            article.text[max(0, start - 32) : start], article.text[end : end + 32],
            "=note", "ana", "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z",
        ))
    store.conn.execute("BEGIN IMMEDIATE")
    store.conn.executemany(
        'INSERT INTO annotations (id, article_id, start, "end", label, text, prefix, suffix,'
        " note, annotator, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        rows,
    )
    store.conn.execute("COMMIT")


def _peak(store: Store) -> tuple[int, int]:
    sink = _Sink()
    tracemalloc.start()
    try:
        count = export_annotations(store, sink)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert sink.chars > 0
    return count, peak


def test_export_memory_does_not_grow_with_rows(tmp_path: Path) -> None:
    words = ["Talks", "in", "Muscat", "resumed,", "said", "envoy;", "伊朗", "שלום", "👍🏽", "=A1"]
    text = " ".join(random.Random(1).choice(words) for _ in range(20_000))
    peaks = {}
    for count in (2_000, 20_000):
        with Store(tmp_path / f"{count}.db") as store:
            article = parse_article(f"Memory Test Article\n\n{text}\n", f"{count}.txt")
            store.import_article(article)
            _bulk(store, article, count)
            exported, peaks[count] = _peak(store)
            assert exported == count
    # ten times the rows may not take anywhere near ten times the memory
    assert peaks[20_000] < 2 * peaks[2_000] + 512 * 1024, peaks
