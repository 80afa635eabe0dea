"""Two newsmarks on one database: both write, neither fails, no write is lost.

Writes use ``BEGIN IMMEDIATE`` and a busy timeout, so a second writer waits for
the first instead of failing with "database is locked".
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import tagger
from tui.core.articles import load_article
from tui.core.errors import StoreError
from tui.core.store import Store

COUNT = 80


def test_two_processes_tag_the_same_new_database_at_once(tmp_path: Path) -> None:
    """Both start together on a database that does not exist yet, import the same
    article (a race for the schema and for the article row), then tag concurrently."""
    db = tmp_path / "annotations.db"
    article = tagger.write_article(tmp_path)
    runs = [tagger.spawn(db, article, count=COUNT, seed=n, wait=True, name=f"w{n}") for n in (1, 2)]
    for run in runs:
        assert run.ready.wait(60)
    for run in runs:
        run.go()
    results = [run.finish() for run in runs]
    assert results == [(0, ""), (0, "")], results
    ids = [id_ for run in runs for id_ in run.acknowledged("A")]
    links = [id_ for run in runs for id_ in run.acknowledged("L")]
    assert len(ids) == len(set(ids)) == 2 * COUNT
    check = tagger.check(db, ids, links)
    assert (check.integrity, check.lost_annotations, check.lost_links) == ("ok", [], [])
    assert check.annotations == 2 * COUNT
    with Store(db, readonly=True) as store:
        assert len(store.articles()) == 1
        by_annotator = dict(
            store.conn.execute("SELECT annotator, count(*) FROM annotations GROUP BY annotator")
        )
        assert by_annotator == {"w1": COUNT, "w2": COUNT}
        assert store.conn.execute("SELECT count(*) FROM links").fetchone()[0] == len(links)


def _open_and_import(db: str, article: str, barrier: Any, results: Any) -> None:
    barrier.wait()  # all at once, on a database that does not exist yet
    try:
        with Store(db) as store:
            store.import_article(load_article(article))
        results.put("ok")
    except Exception as error:  # reported to the test
        results.put(f"{type(error).__name__}: {error}")


def test_several_newsmarks_creating_one_database_at_once_all_succeed(tmp_path: Path) -> None:
    """Races for WAL mode, the schema and the article row, repeated to make them likely."""
    article = tagger.write_article(tmp_path)
    context = multiprocessing.get_context("fork")
    failures = []
    for round_ in range(6):
        db = tmp_path / f"round{round_}.db"
        barrier, results = context.Barrier(4), context.Queue()
        processes = [
            context.Process(target=_open_and_import, args=(str(db), str(article), barrier, results))
            for _ in range(4)
        ]
        for process in processes:
            process.start()
        outcomes = [results.get(timeout=60) for _ in processes]
        for process in processes:
            process.join(60)
        failures += [outcome for outcome in outcomes if outcome != "ok"]
        with Store(db, readonly=True) as store:
            assert len(store.articles()) == 1
    assert failures == []


@pytest.fixture
def two_stores(tmp_path: Path) -> Iterator[tuple[Store, Store, str]]:
    """Two connections to one database, as two newsmarks in two terminals."""
    article = tagger.write_article(tmp_path)
    first = Store(tmp_path / "annotations.db")
    second = Store(tmp_path / "annotations.db")
    article_id = first.import_article(load_article(article)).article_id
    yield first, second, article_id
    first.close()
    second.close()


def test_each_instance_sees_the_others_annotations_on_refresh(
    two_stores: tuple[Store, Store, str],
) -> None:
    first, second, article_id = two_stores
    version = first.data_version()
    added = second.add_annotation(article_id, 10, 20, "quote")
    assert first.data_version() != version  # what the app polls to know it must refresh
    assert [a.id for a in first.annotations_for(article_id)] == [added.id]


def test_a_writer_waits_for_another_instead_of_failing(
    two_stores: tuple[Store, Store, str], tmp_path: Path
) -> None:
    first, second, article_id = two_stores
    holder = sqlite3.connect(
        tmp_path / "annotations.db", isolation_level=None, check_same_thread=False
    )
    holder.execute("BEGIN IMMEDIATE")  # another newsmark in the middle of a write
    holder.execute("UPDATE articles SET title = 'held' WHERE id = ?", (article_id,))
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        annotation = second.add_annotation(article_id, 0, 5, "claim")  # waits, then commits
    finally:
        release.join()
        holder.close()
    assert first.get_annotation(annotation.id).text == annotation.text
    assert first.get_article(article_id).title == "held"


def test_a_writer_blocked_too_long_gets_a_clear_error_and_saves_nothing(
    two_stores: tuple[Store, Store, str], tmp_path: Path
) -> None:
    first, second, article_id = two_stores
    second.conn.execute("PRAGMA busy_timeout = 200")  # instead of waiting 10 s
    holder = sqlite3.connect(tmp_path / "annotations.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as raised:
            second.add_annotation(article_id, 0, 5, "claim")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(raised.value)
    assert "\n" not in message and str(tmp_path / "annotations.db") in message
    assert "busy" in message and "nothing was saved" in message
    assert first.annotations_for(article_id) == []
    # and once the other writer is done, the same change goes through
    assert second.add_annotation(article_id, 0, 5, "claim").text == "Talks"
