"""Crash safety: an annotation acknowledged as saved survives ``kill -9`` at any moment.

A tagger process (``tests/helpers/tagger.py``) adds annotations and links through
the Store, re-importing an edited article now and then (one transaction that
re-anchors every annotation), and prints each id only after the call returned.
The test kills it with SIGKILL after a random delay, reopens the database and
checks that every acknowledged id is there, ``PRAGMA integrity_check`` is ok and
every anchored annotation still equals the article text at its offsets.
``bench/crash_bench.py`` runs the same loop for hundreds of kills.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from tests.helpers import tagger
from tui.core.store import Store

ITERATIONS = 4



pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_acknowledged_annotations_survive_sigkill(tmp_path: Path) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    db = tmp_path / "annotations.db"
    article = tagger.write_article(tmp_path)
    acknowledged: list[str] = []
    links: list[str] = []
    for iteration in range(ITERATIONS):
        # the first kill may land anywhere, even while the new database is being created;
        # the others land once tagging is under way
        run = tagger.spawn(db, article, seed=iteration, edit=True)
        delay = rng.uniform(0.0, 0.4)
        tagger.kill_after(run, delay, tagging=iteration > 0)
        acknowledged += run.acknowledged("A")
        links += run.acknowledged("L")
        result = tagger.check(db, acknowledged, links)
        context = f"seed {seed}, iteration {iteration}, killed after {delay:.3f}s"
        assert result.integrity == "ok", context
        assert result.lost_annotations == [], context
        assert result.lost_links == [], context
        assert result.bad_offsets == [], context
    assert acknowledged, "no annotation was acknowledged before any kill: the test proves nothing"


def test_a_tagger_that_is_not_killed_saves_everything(tmp_path: Path) -> None:
    """The harness itself: without a kill every annotation is acknowledged and present."""
    db = tmp_path / "annotations.db"
    run = tagger.spawn(db, tagger.write_article(tmp_path), count=12, edit=True)
    code, stderr = run.finish()
    assert (code, stderr) == (0, "")
    assert run.lines[0] == "ready" and run.lines[-1] == "done"
    assert len(run.acknowledged("A")) == 12 and len(run.acknowledged("L")) == 3
    assert len([line for line in run.lines if line.startswith("U updated")]) == 1
    result = tagger.check(db, run.acknowledged("A"), run.acknowledged("L"))
    assert (result.integrity, result.annotations) == ("ok", 12)


def test_every_connection_is_durable_across_a_power_cut(tmp_path: Path) -> None:
    """kill -9 cannot tell: a power cut needs WAL and synchronous=FULL (fsync at each commit)."""
    with Store(tmp_path / "annotations.db") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    with Store(tmp_path / "annotations.db", readonly=True) as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_nothing_is_acknowledged_before_it_is_committed(tmp_path: Path) -> None:
    """add_annotation returns only after COMMIT: another connection sees the row at once."""
    db = tmp_path / "annotations.db"
    article = tagger.write_article(tmp_path)
    from tui.core.articles import load_article

    with Store(db) as writer, Store(db) as reader:
        article_id = writer.import_article(load_article(article)).article_id
        annotation = writer.add_annotation(article_id, 0, 5, "claim")
        assert not writer.conn.in_transaction
        assert reader.get_annotation(annotation.id).text == annotation.text
