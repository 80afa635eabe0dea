"""brat standoff: a folder brat opens as it is, and .ann files from brat projects read back."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

from click.testing import CliRunner, Result

from tui.cli import cli
from tui.core.store import Store

from .conftest import Newsroom, live

T_LINE = re.compile(r"(T\d+)\t(\S+) ([\d ;]+)\t(.*)")


def export(db: Path, folder: Path) -> Result:
    result = CliRunner().invoke(
        cli, ["export", "--format", "brat", "--db", str(db), "-o", str(folder)]
    )
    assert result.exit_code == 0, result.output
    return result


def import_(db: Path, *args: str | Path) -> Result:
    result = CliRunner().invoke(cli, ["import-annotations", *map(str, args), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return result


def test_export_folder(newsroom: Newsroom, tmp_path: Path) -> None:
    folder = tmp_path / "brat"
    result = export(newsroom.db, folder)
    council, gazette = newsroom.articles["council"], newsroom.articles["gazette"]
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        [
            f"{council}.txt",
            f"{council}.ann",
            f"{gazette}.txt",
            f"{gazette}.ann",
            "annotation.conf",
            "cross-document-links.tsv",
        ]
    )
    assert "1 link(s) across documents written to" in result.stderr
    assert "cross-document-links.tsv (brat cannot show links across documents)" in result.stderr
    assert "8 annotation(s) in 2 document(s), 1 link(s) within documents" in result.stderr
    text = (folder / f"{council}.txt").read_bytes().decode("utf-8")
    assert text == newsroom.text("council")  # the canonical text: offsets exact
    ann = (folder / f"{council}.ann").read_text(encoding="utf-8").splitlines()
    spans = {}
    for line in ann:
        match = T_LINE.fullmatch(line)
        if match:
            tid, label, offsets, shown = match.groups()
            runs = [tuple(map(int, part.split())) for part in offsets.split(";")]
            assert " ".join(text[s:e] for s, e in runs) == shown  # brat's own rule
            assert all("\n" not in text[s:e] for s, e in runs)
            spans[shown] = (tid, label, runs)
    assert spans["the bridge will reopen on Monday"][1] == "inconsistency"
    crossing = spans["inspection. Residents"]
    assert len(crossing[2]) == 2  # across a paragraph break: two fragments, as brat saves it
    reopen = spans["the bridge will reopen on Monday"][0]
    weeks = spans["“We need at least two weeks,”"][0]
    assert f"#1\tAnnotatorNotes {reopen}\tCouncil's date." in ann
    assert f"#2\tAnnotatorNotes {reopen}\tSee p. 2" in ann  # a note's second line
    assert f"R1\tcontradicts Arg1:{reopen} Arg2:{weeks}" in ann
    conf = (folder / "annotation.conf").read_text()
    assert "[entities]\nclaim\nquote\ninconsistency\n" in conf
    assert "contradicts\tArg1:<ENTITY>, Arg2:<ENTITY>" in conf
    with (folder / "cross-document-links.tsv").open(newline="", encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle, delimiter="\t"))
    assert row["link_id"] == newsroom.links["contradicts"].id
    assert (row["from_document"], row["from_annotation"]) == (council, reopen)
    assert row["to_document"] == gazette and row["note"] == "Monday vs a month"


def test_export_refuses_a_folder_with_files_and_stdout(newsroom: Newsroom, tmp_path: Path) -> None:
    folder = tmp_path / "full"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    runner = CliRunner()
    result = runner.invoke(
        cli, ["export", "--format", "brat", "--db", str(newsroom.db), "-o", str(folder)]
    )
    assert result.exit_code == 2 and "exists and is not an empty folder" in result.stderr
    assert [path.name for path in folder.iterdir()] == ["keep.txt"]
    result = runner.invoke(cli, ["export", "--format", "brat", "--db", str(newsroom.db)])
    assert result.exit_code == 2 and "give -o DIR" in result.stderr


def test_round_trip_keeps_every_span_label_note_and_link(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    folder = tmp_path / "brat"
    export(newsroom.db, folder)
    db = tmp_path / "back.db"
    result = import_(db, folder)
    assert "8 annotation(s) and 2 link(s) imported from 3 file(s)" in result.output
    assert "span(s) written in fragments across line breaks joined" in result.output
    fields = ("article_id", "start", "end", "label", "text", "note")
    assert Counter(tuple(r[f] for f in fields) for r in live(db, "annotations")) == Counter(
        tuple(r[f] for f in fields) for r in live(newsroom.db, "annotations")
    )

    def ends(database: Path) -> set[tuple[object, ...]]:
        quotes = {r["id"]: (r["article_id"], r["start"]) for r in live(database, "annotations")}
        return {
            (quotes[r["from_annotation"]], quotes[r["to_annotation"]], r["kind"], r["note"])
            for r in live(database, "links")
        }

    assert ends(db) == ends(newsroom.db)
    again = import_(db, folder)
    assert "0 annotation(s) and 0 link(s)" in again.output  # stable ids: nothing twice


THEIRS_TEXT = (
    "Headline of a wire story\n\n"
    "The senator said the plan was dead, adding that talks would resume in May.\n"
    "“It is over,” an aide said. Officials declined to comment.\n"
    "Critics were quoted\n"
    "across two lines here.\n"
)


def _theirs(folder: Path, name: str = "story_ab12") -> Path:
    """A brat project's file: Source/Cue/Content spans, events, attributes and notes."""
    text = THEIRS_TEXT
    folder.mkdir(exist_ok=True)
    (folder / "story.txt").write_text(text, encoding="utf-8")

    def at(quote: str) -> tuple[int, int]:
        start = text.index(quote)
        return start, start + len(quote)

    source, cue = at("The senator"), at("said")
    part_one, part_two = at("the plan was dead"), at("talks would resume in May")
    aide, aide_cue, quote = at("an aide"), at("said."), at("“It is over,”")
    first_line, second_line = at("Critics were quoted"), at("across two lines here.")
    aide_cue = (aide_cue[0], aide_cue[1] - 1)
    lines = [
        f"T1\tSource {source[0]} {source[1]}\tThe senator",
        f"T2\tCue {cue[0]} {cue[1]}\tsaid",
        f"T3\tContent {part_one[0]} {part_one[1]};{part_two[0]} {part_two[1]}\t"
        "the plan was dead talks would resume in May",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        f"T4\tSource {aide[0]} {aide[1]}\tan aide",
        f"T5\tCue {aide_cue[0]} {aide_cue[1]}\tsaid",
        f"T6\tContent {quote[0]} {quote[1]}\t“It is over,”",
        "E2\tAttribution:T5 Cue:T5 Source:T4 Content:T6",
        "A1\tNegated T6",
        "#1\tAnnotatorNotes T6\tdirect speech",
        "#2\tAnnotatorNotes T6\tsecond line of the note",
        f"T7\tContent {first_line[0]} {first_line[1]};{second_line[0]} {second_line[1]}\t"
        "Critics were quoted across two lines here.",
        "R1\tSame-speaker Arg1:T4 Arg2:T1",
        "R2\tSame-speaker Arg1:T2 Arg2:T5",
        "*\tAlias T1 T4",
    ]
    path = folder / f"{name}.ann"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


MAP = ["--map", "Content=quote,Source=source", "--add-labels"]
FROM_NAME = ["--annotator-from-filename", "_(?P<annotator>[a-z0-9]{4})$"]


def test_their_brat_file_with_a_map(tmp_path: Path) -> None:
    ann = _theirs(tmp_path / "project")
    db = tmp_path / "theirs.db"
    result = import_(db, ann, *MAP, *FROM_NAME)
    out = result.output
    assert "labels added: source" in out
    # 2 sources + 1 quote + the two-line quote (joined) + 2 pieces of the discontinuous one
    assert "6 annotation(s) (6 at their offsets), 3 link(s), 1 article(s) added" in out
    assert "1 span(s) written in fragments across line breaks joined" in out
    assert "1 discontinuous span(s) split into 2 annotations" in out
    assert "skipped 2: type 'Cue' not mapped" in out
    assert "skipped 1: attribute (A) lines: no counterpart here" in out
    assert "skipped 1: relation (R) without two imported spans" in out  # R2 joins two cues
    assert "skipped 1: normalization (N) and equivalence (*) lines" in out
    with Store(db) as store:
        (article,) = store.articles()
        text = store.get_article(article.id).text
        rows = store.annotations_for(article.id)
        assert {row.annotator for row in rows} == {"ab12"}
        by_quote = {row.text: row for row in rows}
        assert set(by_quote) == {
            "The senator",
            "an aide",
            "“It is over,”",
            "the plan was dead",
            "talks would resume in May",
            "Critics were quoted\nacross two lines here.",
        }
        for row in rows:
            assert text[row.start : row.end] == row.text
        assert by_quote["“It is over,”"].note == "direct speech\nsecond line of the note"
        assert by_quote["“It is over,”"].label == "quote"
        assert by_quote["an aide"].label == "source"
        kinds = Counter(link.kind for link in store.live_links())
        assert kinds == {"Attribution": 2, "Same-speaker": 1}
        pairs = {
            (
                store.get_annotation(link.from_annotation).text,
                store.get_annotation(link.to_annotation).text,
            )
            for link in store.live_links()
        }
        assert ("the plan was dead", "The senator") in pairs  # the first piece stands for T3
        assert ("“It is over,”", "an aide") in pairs


def test_the_annotator_pattern_may_name_the_ann_suffix(tmp_path: Path) -> None:
    """`_(?P<annotator>....)\\.ann$` reads the same file as `..._ab12.ann` without it."""
    ann = _theirs(tmp_path / "project")
    pattern = r"_(?P<annotator>[a-z0-9]{4})\.ann$"
    result = import_(tmp_path / "suffix.db", ann, *MAP, "--annotator-from-filename", pattern)
    assert "6 annotation(s) (6 at their offsets)" in result.output
    with Store(tmp_path / "suffix.db") as store:
        assert {row.annotator for row in store.annotations()} == {"ab12"}


def test_discontinuous_spans_can_be_skipped(tmp_path: Path) -> None:
    ann = _theirs(tmp_path / "project")
    result = import_(tmp_path / "skip.db", ann, *MAP, *FROM_NAME, "--discontinuous", "skip")
    assert "4 annotation(s) (4 at their offsets)" in result.output
    assert "skipped 1: discontinuous span (--discontinuous skip)" in result.output
    assert "skipped 1: event (E) without two imported spans" in result.output


def test_text_found_in_another_folder_and_shifted_offsets(tmp_path: Path) -> None:
    """CRLF on disk: brat offsets count the CRs, the canonical text does not; quotes found."""
    ann = _theirs(tmp_path / "project")
    texts = tmp_path / "texts"
    texts.mkdir()
    (tmp_path / "project" / "story.txt").rename(texts / "story.txt")
    result = CliRunner().invoke(
        cli, ["import-annotations", str(ann), "--db", str(tmp_path / "x.db"), *MAP, *FROM_NAME]
    )
    assert result.exit_code == 2 and "story.txt is not beside it (use --text-dir)" in result.stderr
    raw = THEIRS_TEXT.replace("\n", "\r\n")
    (texts / "story.txt").write_bytes(raw.encode())
    crlf_lines = []
    for line in ann.read_text().splitlines():  # offsets into the CRLF text, as brat would count
        match = T_LINE.fullmatch(line)
        if match:
            tid, kind, offsets, shown = match.groups()
            moved = ";".join(
                " ".join(str(int(v) + THEIRS_TEXT[: int(v)].count("\n")) for v in part.split())
                for part in offsets.split(";")
            )
            line = f"{tid}\t{kind} {moved}\t{shown}"
        crlf_lines.append(line)
    ann.write_text("\n".join(crlf_lines) + "\n")
    result = import_(tmp_path / "x.db", ann, *MAP, *FROM_NAME, "--text-dir", texts)
    assert "6 annotation(s) (" in result.output and "orphaned" not in result.output
    with Store(tmp_path / "x.db") as store:
        (article,) = store.articles()
        text = store.get_article(article.id).text
        rows = store.annotations_for(article.id)
        assert len(rows) == 6 and all(text[r.start : r.end] == r.text for r in rows)
