"""Merge speed against a plain ``ATTACH`` + ``INSERT OR IGNORE`` in the sqlite3 CLI.

Run by hand: ``python bench/merge_bench.py [--rows N] [--repeat K]``.

Builds two databases in the store's schema (articles through the Store API,
rows bulk-inserted with SQL): A with ``--rows`` annotations, B with as many, half
of them A's (same ids; 2% of those edited in B, a tenth of those edited in A too:
conflicts), half new; links on 5% of the annotations. Then times, in the same run,
merging B into a fresh copy of A:

- reference: the ``sqlite3`` CLI, ``ATTACH`` B and ``INSERT OR IGNORE`` every row of
  labels, articles, article_versions, annotations and links (no rule for which
  copy wins, no conflicts, no checks);
- ``merge_databases`` in-process (source checks, article matching, newer-wins
  upserts, conflicts);
- ``python -m tui merge B --into COPY`` as a subprocess (with interpreter start-up);

and prints each as a ratio to the reference (target: at most 2x), then checks
that both sides hold the same rows and that merging again changes nothing.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from _common import (
    ANNOTATION_INSERT,
    annotation_row,
    fresh_copy,
    import_articles,
    interleaved_best,
)

from tui.core.store import Store
from tui.core.team.merge import describe, merge_databases

REFERENCE = """
ATTACH '{b}' AS b;
BEGIN IMMEDIATE;
INSERT OR IGNORE INTO labels SELECT * FROM b.labels;
INSERT OR IGNORE INTO articles SELECT * FROM b.articles;
INSERT OR IGNORE INTO article_versions SELECT * FROM b.article_versions;
INSERT OR IGNORE INTO annotations SELECT * FROM b.annotations;
INSERT OR IGNORE INTO links SELECT * FROM b.links;
COMMIT;
"""


def _links(rng: random.Random, ids: list[str], count: int) -> list[tuple[object, ...]]:
    pairs = zip(rng.sample(ids, count), rng.sample(ids, count), strict=True)
    return [
        (str(uuid.uuid4()), first, second, "contradicts", "", "2025-01-01T00:00:00.000Z")
        for first, second in pairs
        if first != second
    ]


def build(folder: Path, rows: int) -> tuple[Path, Path, int]:
    """A and B as described above; returns their paths and the conflicts to expect."""
    a, b = folder / "a.db", folder / "b.db"
    rng = random.Random(11)
    with Store(a) as store:
        texts = import_articles(store, 20)
        own = [annotation_row(rng, texts, "ann") for _ in range(rows)]
        with store.transaction():
            store.conn.executemany(ANNOTATION_INSERT, own)
            store.conn.executemany(
                "INSERT INTO links (id, from_annotation, to_annotation, kind, note, created_at)"
                " VALUES (?,?,?,?,?,?)",
                _links(rng, [row[0] for row in own], rows // 20),  # type: ignore[misc]
            )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(a, b)
    shared = [row[0] for row in own[: rows // 2]]
    edited = shared[: len(shared) // 50]
    both = edited[: len(edited) // 10]
    with Store(b) as store:
        with store.transaction():
            store.conn.execute(
                "DELETE FROM links WHERE from_annotation IN (SELECT id FROM annotations"
                " WHERE rowid > ?) OR to_annotation IN (SELECT id FROM annotations"
                " WHERE rowid > ?)",
                (rows // 2, rows // 2),
            )
            store.conn.execute("DELETE FROM annotations WHERE rowid > ?", (rows // 2,))
            new = [annotation_row(rng, texts, "bob") for _ in range(rows - len(shared))]
            store.conn.executemany(ANNOTATION_INSERT, new)
            store.conn.executemany(
                "INSERT INTO links (id, from_annotation, to_annotation, kind, note, created_at)"
                " VALUES (?,?,?,?,?,?)",
                _links(rng, [row[0] for row in new], len(new) // 20),  # type: ignore[misc]
            )
            store.conn.executemany(
                "UPDATE annotations SET label = 'claim', note = 'seen by bob', revision = 2,"
                " updated_at = '2025-02-01T00:00:00.000Z', updated_by = 'bob' WHERE id = ?",
                [(id_,) for id_ in edited],
            )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with Store(a) as store, store.transaction():
        store.conn.executemany(
            "UPDATE annotations SET note = 'seen by ann', revision = 2,"
            " updated_at = '2025-01-15T00:00:00.000Z', updated_by = 'ann' WHERE id = ?",
            [(id_,) for id_ in both],
        )
    with Store(a) as store:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return a, b, len(both)


def _rows(path: Path, table: str) -> set[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return set(conn.execute(f"SELECT id FROM {table}"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 CLI is needed for the reference")
    with tempfile.TemporaryDirectory(prefix="merge-bench-") as name:
        folder = Path(name)
        a, b, expected_conflicts = build(folder, args.rows)
        print(
            f"A: {args.rows:,} annotations; B: {args.rows:,} (half shared with A,"
            f" {expected_conflicts} edited on both sides); 20 articles of ~20 KB"
        )
        ref, ours, cli = folder / "ref.db", folder / "ours.db", folder / "cli.db"
        script = REFERENCE.format(b=b)
        runs = {
            "sqlite3 CLI: ATTACH + INSERT OR IGNORE": (
                lambda: fresh_copy(a, ref),
                lambda: subprocess.run(["sqlite3", str(ref)], input=script, text=True, check=True),
            ),
            "merge_databases in-process": (
                lambda: fresh_copy(a, ours),
                lambda: merge_databases(ours, [b]),
            ),
            "python -m tui merge (subprocess)": (
                lambda: fresh_copy(a, cli),
                lambda: subprocess.run(
                    [sys.executable, "-m", "tui", "merge", str(b), "--into", str(cli)],
                    check=True,
                    capture_output=True,
                ),
            ),
        }
        best = interleaved_best(runs, args.repeat)
        reference = best["sqlite3 CLI: ATTACH + INSERT OR IGNORE"]
        print(f"\nbest of {args.repeat} (wall / CPU):")
        for label, (wall, cpu) in best.items():
            print(
                f"  {label:42} {wall * 1000:8.0f} ms {cpu * 1000:8.0f} ms"
                f"   {wall / reference[0]:5.2f}x wall {cpu / reference[1]:5.2f}x CPU"
            )
        for table in ("annotations", "links", "articles"):
            if _rows(ref, table) != _rows(ours, table):
                raise SystemExit(f"{table}: the reference and the merge hold different rows")
        with Store(ours, readonly=True) as store:
            conflicts = len(store.conflicts())
            count = store.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
        print(
            f"\nchecked: both hold the same {count:,} annotation ids, links and articles;"
            f" {conflicts} conflict(s) recorded (expected {expected_conflicts})"
        )
        again = merge_databases(ours, [b])[0]
        print(f"merging B again: {describe(again)}")


if __name__ == "__main__":
    main()
