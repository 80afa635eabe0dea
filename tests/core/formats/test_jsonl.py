"""newsmark JSON Lines: lossless, byte-identical after a round trip, strict on bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

from click.testing import CliRunner

from tui.cli import cli
from tui.core.articles import parse_article
from tui.core.formats.jsonl import export_jsonl
from tui.core.store import Store

from .conftest import Newsroom, live, rows


def _export(db: Path) -> str:
    with Store(db) as store:
        out = io.StringIO()
        export_jsonl(store, out)
        return out.getvalue()


def test_records_header_first_then_everything_live(newsroom: Newsroom) -> None:
    text = _export(newsroom.db)
    records = [json.loads(line) for line in text.splitlines()]
    assert records[0] == {"type": "header", "format": "newsmark", "version": 1}
    kinds = [record["type"] for record in records]
    order = ["header", "label", "article", "annotation", "link", "dismissed"]
    assert kinds == sorted(kinds, key=order.index)
    assert [r["id"] for r in records if r["type"] == "dismissed"] == ["fp-compare"]
    annotations = [r for r in records if r["type"] == "annotation"]
    assert {a["id"] for a in annotations} == {a.id for a in newsroom.annotations.values()}
    links = [r for r in records if r["type"] == "link"]
    assert {link["id"] for link in links} == {link.id for link in newsroom.links.values()}
    gazette = next(r for r in records if r["type"] == "article" and r["url"])
    assert (gazette["site"], gazette["author"], gazette["published"]) == (
        "The Gazette",
        "Jo Lee",
        "2024-03-02",
    )
    for annotation in annotations:  # the offset contract holds in the file itself
        article = next(r for r in records if r.get("id") == annotation["article_id"])
        assert article["text"][annotation["start"] : annotation["end"]] == annotation["text"]
    assert "deleted" not in text  # the tombstoned annotation's note
    # one record a line: a note's line break is escaped inside its JSON string
    assert text.endswith("\n") and text.count("\n") == len(records)


def test_round_trip_is_byte_identical(newsroom: Newsroom, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    first.write_text(_export(newsroom.db), encoding="utf-8")
    runner = CliRunner()
    empty = tmp_path / "empty.db"
    result = runner.invoke(cli, ["import-annotations", str(first), "--db", str(empty)])
    assert result.exit_code == 0, result.output
    assert (
        "8 annotation(s) (8 at their offsets), 2 link(s), 1 dismissed suggestion(s),"
        " 2 article(s) added" in result.output
    )
    result = runner.invoke(cli, ["export", "--format", "jsonl", "--db", str(empty), "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout == first.read_text(encoding="utf-8")
    # and the rows themselves, ids and times included
    assert live(empty, "annotations") == live(newsroom.db, "annotations")
    assert live(empty, "links") == live(newsroom.db, "links")
    assert rows(empty, "articles") == rows(newsroom.db, "articles")
    assert live(empty, "dismissed") == live(newsroom.db, "dismissed")


def test_importing_twice_adds_nothing(newsroom: Newsroom, tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(_export(newsroom.db), encoding="utf-8")
    runner = CliRunner()
    db = tmp_path / "twice.db"
    runner.invoke(cli, ["import-annotations", str(path), "--db", str(db)])
    result = runner.invoke(cli, ["import-annotations", str(path), "--db", str(db)])
    assert result.exit_code == 0
    assert "skipped 8: already in the database" in result.output
    assert len(live(db, "annotations")) == 8


def test_labels_travel_with_the_file(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.store.add_label("source", "r")
    newsroom.tag("gazette", "Officials", "source")
    path = tmp_path / "x.jsonl"
    path.write_text(_export(newsroom.db), encoding="utf-8")
    db = tmp_path / "labels.db"
    result = CliRunner().invoke(cli, ["import-annotations", str(path), "--db", str(db)])
    assert "labels added: source" in result.output
    with Store(db) as store:
        assert [(label.name, label.key) for label in store.label_rows()][-1] == ("source", "r")
    assert _export(db) == path.read_text(encoding="utf-8")


def test_an_article_that_changed_gets_its_quotes_searched(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    """The database holds a newer text at the same id: quotes are found, not misplaced."""
    path = tmp_path / "x.jsonl"
    path.write_text(_export(newsroom.db), encoding="utf-8")
    db = tmp_path / "newer.db"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    articles = [line for line in lines if '"type":"article"' in line]
    header_and_labels = [
        line for line in lines if '"type":"header"' in line or '"type":"label"' in line
    ]
    council = json.loads(next(line for line in articles if "council.txt" in line))
    newer = parse_article("Late update: roads are open.\n\n" + council["text"], "council.txt")
    with Store(db) as store:
        store.import_article(newer)  # another text under the id the file's article has
        store.conn.execute("UPDATE articles SET id = ? WHERE id = ?", (council["id"], newer.id))
        store.conn.commit()
    (tmp_path / "only.jsonl").write_text(
        "".join(
            header_and_labels
            + [line for line in articles if "council.txt" in line]
            + [line for line in lines if f'"article_id":"{council["id"]}"' in line]
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli, ["import-annotations", str(tmp_path / "only.jsonl"), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "5 annotation(s) (5 found by their quote)" in result.output
    with Store(db) as store:
        text = store.get_article(council["id"]).text
        for annotation in store.annotations_for(council["id"]):
            assert text[annotation.start : annotation.end] == annotation.text
            assert annotation.status == "anchored"
