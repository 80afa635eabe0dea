"""W3C Web Annotation: every exported annotation passes every MUST of the W3C test suite;
ours and others' annotations come back in, placed by quote when offsets disagree."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tui.cli import cli
from tui.core.articles import parse_article
from tui.core.store import Store

from .conftest import FIRST, SECOND, URL, Newsroom, live, shared

SUITE = shared("w3c-annotation-tests")


@cache
def must_validators() -> tuple[tuple[str, Draft4Validator], ...]:
    """One validator per MUST assertion the suite lists, with every schema registered
    under its id, its file name and its path in the suite (the ``$ref``s use all three)."""
    registry: Registry[Any] = Registry()
    files = sorted(SUITE.glob("definitions/*.json")) + sorted(SUITE.glob("annotations/**/*.json"))
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(document, default_specification=DRAFT4)
        names = {document.get("id"), path.name, str(path.relative_to(SUITE))} - {None}
        registry = registry.with_resources((name, resource) for name in names)
    listing = json.loads((SUITE / "annotations" / "annotationMusts.test").read_text())
    checker = Draft4Validator.FORMAT_CHECKER
    return tuple(
        (
            name,
            Draft4Validator(
                json.loads((SUITE / name).read_text(encoding="utf-8")),
                registry=registry,
                format_checker=checker,
            ),
        )
        for name in listing["assertions"]
    )


def failed_musts(annotation: dict[str, Any]) -> list[str]:
    return [name for name, validator in must_validators() if not validator.is_valid(annotation)]


def export(db: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["export", "--format", "w3c", "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def items(collection: dict[str, Any]) -> list[dict[str, Any]]:
    """Annotations as a consumer sees them: each inherits the collection's @context."""
    return [{"@context": collection["@context"], **item} for item in collection["first"]["items"]]


def test_the_suite_is_really_checked() -> None:
    """The harness fails what it must: formats are checked, the suite's bad samples fail."""
    checker = Draft4Validator.FORMAT_CHECKER
    assert not checker.conforms("not a uri", "uri")  # rfc3987 installed: formats are real
    assert not checker.conforms("2024-13-45T99:00:00Z", "date-time")
    assert len(must_validators()) == 54
    incorrect = sorted((SUITE / "tools" / "samples" / "incorrect").glob("*.json"))
    failing = 0
    for path in incorrect:
        try:
            sample = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue
        failing += bool(failed_musts(sample))
    assert failing >= 20
    correct = json.loads((SUITE / "tools" / "samples" / "correct" / "anno1.json").read_text())
    assert failed_musts(correct) == []


def test_every_exported_annotation_passes_every_must(newsroom: Newsroom) -> None:
    collection = export(newsroom.db)
    annotations = items(collection)
    assert len(annotations) == 8 + 2  # eight annotations and two links
    for annotation in annotations:
        assert failed_musts(annotation) == [], annotation["id"]
    # and the checks bite on our own shape: break one MUST at a time
    sample = annotations[0]
    for broken in (
        {k: v for k, v in sample.items() if k != "@context"},
        {**sample, "bodyValue": "both body and bodyValue"},
        {**sample, "created": "yesterday"},
        {**sample, "id": "not an iri"},
        {**sample, "target": {**sample["target"], "selector": [{"type": "TextQuoteSelector"}]}},
        {
            **sample,
            "target": {
                **sample["target"],
                "selector": [{"type": "TextPositionSelector", "start": -1, "end": 3}],
            },
        },
    ):
        assert failed_musts(broken), broken


def test_collection_page_and_annotation_shape(newsroom: Newsroom) -> None:
    collection = export(newsroom.db)
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection" and collection["total"] == 10
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and page["partOf"] == collection["id"]
    assert collection["last"] == page["id"]
    by_id = {item["id"]: item for item in page["items"]}
    reopen = by_id[f"urn:uuid:{newsroom.annotations['reopen'].id}"]
    council = newsroom.store.get_article(newsroom.articles["council"])
    assert reopen["target"]["source"] == {
        "id": f"urn:sha256:{council.sha256}",
        "type": "Text",
        "format": "text/plain",
        "title": council.title,
    }
    quote, position = reopen["target"]["selector"]
    start, end = position["start"], position["end"]
    assert council.text[start:end] == quote["exact"] == "the bridge will reopen on Monday"
    assert council.text[:start].endswith(quote["prefix"]) and quote["prefix"]
    assert council.text[end:].startswith(quote["suffix"]) and quote["suffix"]
    assert reopen["body"] == [
        {"type": "TextualBody", "purpose": "tagging", "value": "inconsistency"},
        {
            "type": "TextualBody",
            "purpose": "commenting",
            "value": "Council's date.\nSee p. 2",
            "format": "text/plain",
        },
    ]
    assert reopen["creator"] == {"type": "Person", "name": "ana"}
    month = by_id[f"urn:uuid:{newsroom.annotations['month'].id}"]
    assert month["target"]["source"]["id"] == URL  # the article's URL when known
    link = by_id[f"urn:uuid:{newsroom.links['contradicts'].id}"]
    assert link["motivation"] == "linking"
    assert link["target"] == reopen["id"]
    assert link["body"][0] == month["id"]
    assert {"type": "TextualBody", "purpose": "classifying", "value": "contradicts"} in link["body"]
    # emoji and combining marks: positions count code points
    emoji = by_id[f"urn:uuid:{newsroom.annotations['emoji'].id}"]
    _, position = emoji["target"]["selector"]
    assert council.text[position["start"] : position["end"]] == "👩‍👩‍👧 queued for the ferry; 市民"


def test_pages_in_a_folder(newsroom: Newsroom, tmp_path: Path) -> None:
    folder = tmp_path / "w3c"
    result = CliRunner().invoke(
        cli, ["export", "--format", "w3c", "--db", str(newsroom.db), "-o", f"{folder}/"]
    )
    assert result.exit_code == 0, result.output
    collection = json.loads((folder / "collection.json").read_text())
    page = json.loads((folder / "page-1.json").read_text())
    assert collection["first"] == page["id"] and page["partOf"] == collection["id"]
    assert len(page["items"]) == collection["total"] == 10
    db = _fresh_with_articles(tmp_path)
    result = CliRunner().invoke(
        cli, ["import-annotations", str(folder / "page-1.json"), "--db", str(db)]
    )
    assert "8 annotation(s) (8 at their offsets), 2 link(s)" in result.output
    result = CliRunner().invoke(
        cli, ["import-annotations", str(folder / "collection.json"), "--db", str(db)]
    )
    assert result.exit_code == 2 and "pages are other files" in result.stderr
    (tmp_path / "again").mkdir()
    again = _fresh_with_articles(tmp_path / "again")
    result = CliRunner().invoke(cli, ["import-annotations", str(folder), "--db", str(again)])
    assert result.exit_code == 0, result.output  # the folder stands for its pages
    assert "8 annotation(s) (8 at their offsets), 2 link(s)" in result.output


def _fresh_with_articles(tmp_path: Path) -> Path:
    """A database holding the same two articles (imported again from their files), no work."""
    db = tmp_path / "fresh.db"
    with Store(db) as store:
        store.import_article(parse_article(FIRST, tmp_path / "council.txt"))
        store.import_article(replace(parse_article(SECOND, tmp_path / "gazette.txt"), url=URL))
    return db


def test_round_trip_keeps_spans_labels_notes_and_links(newsroom: Newsroom, tmp_path: Path) -> None:
    path = tmp_path / "w3c.json"
    path.write_text(json.dumps(export(newsroom.db)), encoding="utf-8")
    db = _fresh_with_articles(tmp_path)
    result = CliRunner().invoke(cli, ["import-annotations", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "8 annotation(s) (8 at their offsets), 2 link(s)" in result.output
    fields = (
        "id",
        "article_id",
        "start",
        "end",
        "label",
        "text",
        "note",
        "annotator",
        "created_at",
        "updated_at",
        "status",
    )
    mine = sorted(tuple(row[f] for f in fields) for row in live(newsroom.db, "annotations"))
    theirs = sorted(tuple(row[f] for f in fields) for row in live(db, "annotations"))
    assert theirs == mine
    link_fields = ("id", "from_annotation", "to_annotation", "kind", "note", "created_at")
    assert sorted(tuple(r[f] for f in link_fields) for r in live(db, "links")) == sorted(
        tuple(r[f] for f in link_fields) for r in live(newsroom.db, "links")
    )


def hypothesis_style(
    source: str,
    exact: str,
    prefix: str,
    suffix: str,
    start: int | None,
    tags: list[str],
    text: str = "",
) -> dict[str, Any]:
    """An annotation as another tool writes it: its own ids, tags, a markdown comment."""
    selectors: list[dict[str, Any]] = [
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
    ]
    if start is not None:
        selectors.insert(
            0, {"type": "TextPositionSelector", "start": start, "end": start + len(exact)}
        )
    return {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"https://annotator.example.net/a/{hashlib.sha1(exact.encode()).hexdigest()[:12]}",
        "type": "Annotation",
        "creator": "acct:kim@annotator.example.net",
        "created": "2024-03-05T10:00:00Z",
        "body": [{"type": "TextualBody", "value": text, "format": "text/markdown"}]
        + [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in tags],
        "target": [{"source": source, "selector": selectors}],
    }


def test_others_annotations_are_placed_by_quote_or_kept_as_orphans(tmp_path: Path) -> None:
    db = _fresh_with_articles(tmp_path)
    others = [
        # right offsets
        hypothesis_style(
            URL, "Officials admitted", "month\n\n", " the bridge", 39, ["Claim"], "ok"
        ),
        # offsets from another rendering of the page: found by the quote and its context
        hypothesis_style(URL, "gave no date", "The mayor's office ", ". Café", 500, ["Quote"]),
        # no offsets at all
        hypothesis_style(URL, "worried about trade", "owners é ", ".\n", None, ["Claim"]),
        # text the article does not say: kept, never placed on other words
        hypothesis_style(
            URL,
            "the bridge reopened yesterday to great relief",
            "",
            "",
            40,
            ["Claim"],
            "was this retracted?",
        ),
        # an article not in the database
        hypothesis_style("https://elsewhere.example.com/x", "anything", "", "", 0, ["Claim"]),
        # not about text: no TextQuoteSelector
        {"type": "Annotation", "target": "https://news.example.org/", "bodyValue": "nice site"},
    ]
    path = tmp_path / "others.jsonld"
    path.write_text(json.dumps(others), encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import-annotations", str(path), "--db", str(db), "--map", "Claim=claim,Quote=quote"]
    )
    assert result.exit_code == 0, result.output
    assert "4 annotation(s) (1 at their offsets, 2 found by their quote," in result.output
    assert "1 orphaned (quote not found, kept)" in result.output
    assert "skipped 1: article not in the database" in result.output
    assert "skipped 1: annotation without a TextQuoteSelector" in result.output
    with Store(db) as store:
        article = store.get_article(store.article_by_uri(URL) or "")
        placed = {a.text: a for a in store.annotations_for(article.id)}
        for quote in ("Officials admitted", "gave no date", "worried about trade"):
            annotation = placed[quote]
            assert article.text[annotation.start : annotation.end] == quote
            assert annotation.annotator == "acct:kim@annotator.example.net"
        orphan = placed["the bridge reopened yesterday to great relief"]
        assert orphan.status == "orphaned" and orphan.note == "was this retracted?"
        assert placed["Officials admitted"].label == "claim"
        assert placed["gave no date"].label == "quote"
    again = CliRunner().invoke(
        cli, ["import-annotations", str(path), "--db", str(db), "--map", "Claim=claim,Quote=quote"]
    )
    assert "skipped 4: already in the database" in again.output  # foreign ids are stable


def test_unknown_tag_without_a_map_is_refused(tmp_path: Path) -> None:
    db = _fresh_with_articles(tmp_path)
    path = tmp_path / "tags.json"
    path.write_text(json.dumps(hypothesis_style(URL, "Officials", "", "", 39, ["politics"])))
    result = CliRunner().invoke(cli, ["import-annotations", str(path), "--db", str(db)])
    assert result.exit_code == 2
    assert "annotation 1: unknown label 'politics'" in result.stderr
    result = CliRunner().invoke(
        cli, ["import-annotations", str(path), "--db", str(db), "--default-label", "claim"]
    )
    assert result.exit_code == 0 and "1 annotation(s)" in result.output


def test_suite_folder_is_where_ci_expects_it() -> None:
    assert (SUITE / "annotations" / "annotationMusts.test").is_file(), SUITE


@pytest.mark.parametrize("key", ["created", "modified"])
def test_times_are_xsd_datetimes(newsroom: Newsroom, key: str) -> None:
    for item in items(export(newsroom.db)):
        assert Draft4Validator.FORMAT_CHECKER.conforms(item[key], "date-time")


def test_a_web_page_source_carries_its_title_and_publication_date() -> None:
    from tui.core.formats.w3c import source_json

    assert source_json("https://g.example/a", "Talks resume", "2024-03-05") == {
        "id": "https://g.example/a",
        "type": "Text",
        "format": "text/plain",
        "title": "Talks resume",
        "created": "2024-03-05T00:00:00Z",
    }
