"""The SQLite store: schema, pragmas, validation, durability of each write, delete/restore."""

from __future__ import annotations

import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.articles import Article, parse_article
from tui.core.errors import AnnotationError, StaleError, StoreError
from tui.core.models import CONTEXT_CHARS
from tui.core.schema import SCHEMA_VERSION
from tui.core.store import Store
from tui.core.text import canonicalise

TEXT = (
    "Talks Resume in Muscat Today\n\n"
    "Araghchi said the talks were a “good start”. 👨\u200d👩\u200d👧 families wait.\n\n"
    "إيران والولايات المتحدة. שלום עולם. 伊朗和美国在马斯喀特会谈。 Café naïve e\u0301.\n"
)

AddArticle = Callable[..., Article]


def _snapshot(store: Store | Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, read on a fresh connection (what is on disk)."""
    path = store.path if isinstance(store, Store) else store
    with closing(sqlite3.connect(path)) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("articles", "article_versions", "labels", "annotations", "links")
        }


def _live(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return _live_of(_snapshot(store))


def _live_of(snapshot: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    """Annotation and link ids with their content columns, ignoring revision and times."""
    return {
        "annotations": sorted(row[:10] for row in snapshot["annotations"]),
        "links": sorted(row[:5] for row in snapshot["links"]),
    }


def _pragma(conn: sqlite3.Connection, name: str) -> Any:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


# -- opening -------------------------------------------------------------------------


@pytest.mark.parametrize("readonly", [False, True])
def test_pragmas_on_every_connection(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "a.db"
    Store(path).close()
    with Store(path, readonly=readonly) as store:
        assert str(_pragma(store.conn, "journal_mode")).lower() == "wal"
        assert _pragma(store.conn, "synchronous") == 2  # FULL
        assert _pragma(store.conn, "foreign_keys") == 1
        assert _pragma(store.conn, "busy_timeout") >= 1000
        assert _pragma(store.conn, "user_version") == SCHEMA_VERSION
    with closing(sqlite3.connect(path)) as conn:  # WAL is persistent in the file itself
        assert _pragma(conn, "journal_mode") == "wal"


def test_new_database_has_schema_and_default_labels(store: Store) -> None:
    assert store.labels() == ["claim", "quote", "inconsistency"]
    assert store.articles() == []
    tables = {
        row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {"articles", "annotations", "links", "labels"} <= tables


def test_a_label_key_that_differs_only_in_case_is_refused(store: Store) -> None:
    """The gutter and the status line show keys in capitals: `b` and `B` would read alike."""
    store.add_label("fact", "B")
    with pytest.raises(StoreError, match="would look like 'B', the key of label 'fact'"):
        store.add_label("rumour", "b")
    with pytest.raises(StoreError, match="would look like 'q', the key of label 'quote'"):
        store.add_label("comment", "Q")
    store.add_label("rumour", "w")
    with pytest.raises(StoreError, match="would look like 'B'"):
        store.set_label_key("rumour", "b")
    store.set_label_key("fact", "b")  # its own key in the other case is fine
    assert [(label.name, label.key) for label in store.label_rows()][-2:] == [
        ("fact", "b"),
        ("rumour", "w"),
    ]


@pytest.mark.parametrize("readonly", [False, True])
def test_newer_schema_is_refused_and_left_alone(tmp_path: Path, readonly: bool) -> None:
    path = tmp_path / "future.db"
    Store(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store(path, readonly=readonly)
    message = str(caught.value)
    assert str(path) in message
    assert "newer" in message and str(SCHEMA_VERSION + 1) in message
    assert "\n" not in message
    assert path.read_bytes() == before


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match="not a SQLite database") as caught:
        Store(path)
    assert str(path) in str(caught.value)
    assert path.read_text() == "these are my notes, not a database\n"
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_readonly_store_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Store(path) as store:
        store.import_article(parse_article(TEXT, "a.txt"))
    before = _snapshot(path)
    with Store(path, readonly=True) as store:
        article_id = store.articles()[0].id
        with pytest.raises(StoreError, match="read-only"):
            store.add_annotation(article_id, 0, 5, "claim")
    with Store(path) as store:
        assert _snapshot(store) == before


# -- articles --------------------------------------------------------------------------


def test_import_is_idempotent_by_sha256(store: Store, tmp_path: Path) -> None:
    article = parse_article(TEXT, tmp_path / "a.txt")
    first = store.import_article(article)
    assert first.status == "new" and first.article_id == article.id
    snapshot = _snapshot(store)
    again = store.import_article(article)
    # the same text from another file (and CRLF endings) is the same article
    elsewhere = store.import_article(parse_article(TEXT.replace("\n", "\r\n"), tmp_path / "b.txt"))
    assert (again.status, again.article_id) == ("unchanged", article.id)
    assert (elsewhere.status, elsewhere.article_id) == ("unchanged", article.id)
    assert _snapshot(store) == snapshot
    assert [summary.id for summary in store.articles()] == [article.id]


def test_article_round_trip(store: Store) -> None:
    article = parse_article("# Title *here*\n\nBody **bold** text.\n", "a.md")
    store.import_article(article)
    stored = store.get_article(article.id)
    assert stored == article
    (summary,) = store.articles()
    assert (summary.title, summary.length, summary.annotations) == (
        "Title here", len(article.text), 0
    )
    with pytest.raises(StoreError, match="no article"):
        store.get_article("nope")


# -- annotations -------------------------------------------------------------------------


def test_add_annotation_stores_the_exact_quote_and_context(
    store: Store, add_article: AddArticle
) -> None:
    article = add_article(TEXT)
    start = article.text.index("“good start”")
    end = start + len("“good start”")
    annotation = store.add_annotation(
        article.id, start, end, "quote", note="n", annotator="ana", quote="“good start”"
    )
    assert annotation.text == "“good start”" == article.text[start:end]
    assert annotation.prefix == article.text[start - CONTEXT_CHARS : start]
    assert annotation.suffix == article.text[end : end + CONTEXT_CHARS]
    assert uuid.UUID(annotation.id).version == 4
    assert annotation.created_at.endswith("Z")
    datetime.fromisoformat(annotation.created_at.replace("Z", "+00:00"))
    # durable and visible to another connection at once
    with Store(store.path, readonly=True) as other:
        assert other.get_annotation(annotation.id) == annotation
    assert store.annotations_for(article.id) == [annotation]


def test_context_is_clipped_at_the_text_edges(store: Store, add_article: AddArticle) -> None:
    article = add_article(TEXT)
    first = store.add_annotation(article.id, 0, 5, "claim")
    last = store.add_annotation(article.id, len(article.text) - 3, len(article.text), "claim")
    assert first.prefix == "" and first.suffix == article.text[5 : 5 + CONTEXT_CHARS]
    assert last.suffix == "" and last.text == article.text[-3:]


@pytest.mark.parametrize(
    ("start", "end", "label", "quote", "problem"),
    [
        (-1, 4, "claim", None, "outside"),
        (5, 10_000, "claim", None, "outside"),
        (10, 5, "claim", None, "outside"),
        (7, 7, "claim", None, "empty"),
        (0, 5, "rumour", None, "unknown label"),
        (0, 5, "Claim", None, "unknown label"),
        (0, 5, "claim", "Talkz", "quote does not match"),
        (0, 5, "claim", "Talks Resume", "quote does not match"),
    ],
)
def test_invalid_annotations_are_refused_and_nothing_is_written(
    store: Store,
    add_article: AddArticle,
    start: int,
    end: int,
    label: str,
    quote: str | None,
    problem: str,
) -> None:
    article = add_article(TEXT)
    store.add_annotation(article.id, 0, 5, "claim")
    before = _snapshot(store)
    with pytest.raises(AnnotationError, match=problem):
        store.add_annotation(article.id, start, end, label, quote=quote)
    assert _snapshot(store) == before
    assert not store.conn.in_transaction
    # the connection is still usable after the refusal
    store.add_annotation(article.id, 6, 12, "quote")


def test_annotation_on_unknown_article_is_refused(store: Store) -> None:
    with pytest.raises(AnnotationError, match="no article"):
        store.add_annotation("0123456789", 0, 1, "claim")
    assert _snapshot(store)["annotations"] == []


def test_update_annotation(store: Store, add_article: AddArticle) -> None:
    article = add_article(TEXT)
    annotation = store.add_annotation(article.id, 0, 5, "claim")
    relabelled = store.update_annotation(annotation, label="inconsistency", note="why")
    assert (relabelled.label, relabelled.note) == ("inconsistency", "why")
    assert relabelled.revision == annotation.revision + 1
    moved = store.update_annotation(relabelled, start=6, end=12)
    assert moved.text == article.text[6:12] == "Resume"
    assert moved.prefix == article.text[:6] and moved.suffix == article.text[12:44]
    before = _snapshot(store)
    for bad in ({"label": "nope"}, {"start": 12, "end": 12}, {"end": len(article.text) + 1}):
        with pytest.raises(AnnotationError):
            store.update_annotation(moved, **bad)
    assert _snapshot(store) == before
    with pytest.raises(StaleError, match="annotation is gone"):
        store.update_annotation(replace(moved, id="missing"), note="x")


def test_filters_and_counts(store: Store, add_article: AddArticle) -> None:
    one = add_article(TEXT)
    two = add_article("Another Article About Talks\n\nMore text here, enough of it.\n")
    a = store.add_annotation(one.id, 0, 5, "claim")
    b = store.add_annotation(one.id, 6, 12, "quote")
    c = store.add_annotation(two.id, 0, 7, "claim")
    assert {x.id for x in store.annotations(labels=["claim"])} == {a.id, c.id}
    assert {x.id for x in store.annotations(article_ids=[one.id])} == {a.id, b.id}
    assert [x.id for x in store.annotations(labels=["claim"], article_ids=[two.id])] == [c.id]
    assert store.counts_by_label() == {"claim": 2, "quote": 1, "inconsistency": 0}
    assert store.counts_by_label([two.id]) == {"claim": 1, "quote": 0, "inconsistency": 0}
    assert {s.id: s.annotations for s in store.articles()} == {one.id: 2, two.id: 1}


# -- links, delete and restore -------------------------------------------------------------


def test_links(store: Store, add_article: AddArticle) -> None:
    article = add_article(TEXT)
    a = store.add_annotation(article.id, 0, 5, "inconsistency")
    b = store.add_annotation(article.id, 6, 12, "claim")
    link = store.add_link(a.id, b.id, note="dates differ")
    assert (link.kind, link.from_annotation, link.to_annotation) == ("contradicts", a.id, b.id)
    assert store.links_of(a.id) == store.links_of(b.id) == [link] == store.links()
    assert link.other(a.id) == b.id and link.other(b.id) == a.id
    before = _snapshot(store)
    with pytest.raises(AnnotationError):
        store.add_link(a.id, a.id)
    with pytest.raises(AnnotationError, match="no annotation"):
        store.add_link(a.id, "missing")
    assert _snapshot(store) == before
    deleted = store.delete_link(link)
    assert deleted.deleted_at and deleted.revision == link.revision + 1
    assert store.links() == [] == store.links_of(a.id)


def test_delete_removes_links_and_restore_brings_them_back(
    store: Store, add_article: AddArticle
) -> None:
    article = add_article(TEXT)
    other = add_article("Second Article On The Talks\n\nIt says something else entirely.\n")
    a = store.add_annotation(article.id, 0, 5, "inconsistency", note="see b")
    b = store.add_annotation(other.id, 0, 6, "claim")
    c = store.add_annotation(article.id, 6, 12, "quote")
    ab = store.add_link(a.id, b.id)
    ca = store.add_link(c.id, a.id, note="reverse direction")
    bc = store.add_link(b.id, c.id)
    before = _snapshot(store)

    removed = store.delete_annotation(a, by="ann")
    assert removed.annotation.id == a.id and removed.annotation.deleted_by == "ann"
    assert {link.id for link in removed.links} == {ab.id, ca.id}
    assert all(link.deleted_at for link in removed.links)
    with pytest.raises(AnnotationError):
        store.get_annotation(a.id)
    assert store.links() == [bc]  # both of a's links went, in either direction
    with closing(sqlite3.connect(store.path)) as conn:  # on disk, not only in this connection
        tombstones = conn.execute(
            "SELECT id FROM annotations WHERE deleted_at IS NOT NULL"
        ).fetchall()
        assert tombstones == [(a.id,)]  # kept as a tombstone: a merge can tell it was deleted
        live_links = conn.execute("SELECT id FROM links WHERE deleted_at IS NULL").fetchall()
        assert live_links == [(bc.id,)]

    store.revive(removed)
    revived = store.get_annotation(a.id)
    assert replace(revived, revision=a.revision, updated_at=a.updated_at) == a
    assert {link.id for link in store.links_of(a.id)} == {ab.id, ca.id}
    assert store.get_link(ca.id).note == ca.note
    assert _live(store) == _live_of(before)


def test_restore_refuses_a_stale_annotation(store: Store, add_article: AddArticle) -> None:
    article = add_article(TEXT)
    annotation = store.add_annotation(article.id, 0, 5, "claim")
    removed = store.delete_annotation(annotation)
    store.revive(removed)
    with pytest.raises(StaleError):  # revived already: the tombstone it saw is gone
        store.revive(removed)
    assert [x.id for x in store.annotations()] == [annotation.id]


# -- the offset invariant, with hostile alphabets --------------------------------------------

ALPHABET = st.one_of(
    st.sampled_from(
        [
            "👍", "👍🏽", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "🇮🇷", "e\u0301", "\u0301",
            "a\u0323\u0302",
            "中", "文", "伊朗", "مرحبا", "\u064e", "إيران", "שלום", "\u05b8", " ", "\n", "\r\n",
            "\t", "\x1b", "\u202e", "\ufeff", ".", "“", "”", "'", '"', ",", "=",
        ]
    ),
    st.characters(codec="utf-8"),
)
ARTICLE_TEXT = st.lists(ALPHABET, min_size=2, max_size=80).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLE_TEXT, st.data())
def test_stored_quote_always_equals_the_text_at_its_offsets(raw: str, data: st.DataObject) -> None:
    text = canonicalise(raw)
    if not text.strip():
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.db"
        article = parse_article(raw, "a.txt", title="t")
        with Store(path) as store:
            store.import_article(article)
            spans = data.draw(
                st.lists(
                    st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))).filter(
                        lambda pair: pair[0] < pair[1]
                    ),
                    min_size=1,
                    max_size=4,
                )
            )
            for start, end in spans:
                added = store.add_annotation(
                    article.id, start, end, "claim", quote=text[start:end]
                )
                assert added.text == text[start:end]
            moved = store.add_annotation(article.id, *spans[0], "quote")
            new_start = data.draw(st.integers(0, len(text) - 1))
            new_end = data.draw(st.integers(new_start + 1, len(text)))
            moved = store.update_annotation(moved, start=new_start, end=new_end)
            store.revive(store.delete_annotation(moved))
        with Store(path, readonly=True) as reopened:
            stored = reopened.get_article(article.id)
            assert stored.text == text
            annotations = list(reopened.annotations())
            assert len(annotations) == len(spans) + 1
            for annotation in annotations:
                assert annotation.text == stored.text[annotation.start : annotation.end]
                assert annotation.prefix == stored.text[
                    max(0, annotation.start - CONTEXT_CHARS) : annotation.start
                ]
                assert annotation.suffix == stored.text[
                    annotation.end : annotation.end + CONTEXT_CHARS
                ]
            # SQLite agrees that offsets count code points, not bytes or UTF-16 units
            mismatches = reopened.conn.execute(
                "SELECT count(*) FROM annotations a JOIN articles t ON t.id = a.article_id"
                ' WHERE substr(t.text, a.start + 1, a."end" - a.start) <> a.text'
            ).fetchone()[0]
            assert mismatches == 0


def test_an_orphan_is_placed_again_when_its_quote_comes_back(store: Store) -> None:
    first = "Talks resume\n\nThe talks resume on Saturday. Oman will host them.\n"
    article = parse_article(first, "story.txt")
    store.import_article(article)
    quote_start = first.index("Oman will host them.")
    orphan = store.add_annotation(article.id, quote_start, quote_start + 20, "claim")
    without = first.replace("Oman will host them.", "")
    gone = store.import_article(parse_article(without, "story.txt"))
    assert (gone.status, gone.orphaned) == ("updated", 1)
    assert store.get_annotation(orphan.id).orphaned
    back = store.import_article(parse_article("Preface.\n\n" + first, "story.txt"))
    assert back.orphaned == 0 and back.moved == 1
    placed = store.get_annotation(orphan.id)
    text = store.get_article(back.article_id).text
    assert not placed.orphaned
    assert text[placed.start : placed.end] == "Oman will host them."
