"""How many analysts one database holds: N processes each tagging once a second.

Run by hand: ``python bench/writers_bench.py [--writers 1,5,10,20,50] [--seconds S]
[--rate R]``.

Each writer is its own process with its own ``Store`` on one WAL database on
disk (as analysts on one server over SSH), tagging a random span through
``Store.add_annotation`` (one ``BEGIN IMMEDIATE`` transaction, fsync at commit)
``--rate`` times a second, at a random phase. For each N it prints the latency
of a tag (call to return: what an analyst waits before the highlight shows as
saved) at the 50th, 95th and 99th percentile and the worst, the errors (a write
that gave up after the 10 s busy timeout would be one), and tags a second
achieved against those asked for. The reference, measured in the same run, is
one writer tagging as fast as it can: the database's ceiling in commits a second.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import import_articles

from tui.core.store import Store

LABELS = ("claim", "quote", "inconsistency")


def _writer(db: str, seed: int, start: float, seconds: float, rate: float, out: Any) -> None:
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: list[str] = []
    late = 0
    with Store(db) as store:
        article_id = store.articles()[0].id
        length = len(store.article_text(article_id))
        due = start + rng.random() / rate
        while due < start + seconds:
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            else:
                late += 1
            begin = rng.randrange(0, length - 300)
            began = time.perf_counter()
            try:
                store.add_annotation(
                    article_id,
                    begin,
                    begin + rng.randint(5, 200),
                    rng.choice(LABELS),
                    annotator=f"w{seed}",
                )
                latencies.append(time.perf_counter() - began)
            except Exception as error:  # counted and reported, not raised
                errors.append(f"{type(error).__name__}: {error}")
            due += 1 / rate
    out.put((latencies, errors, late))


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def ceiling(db: Path, seconds: float = 5.0) -> float:
    """Tags a second one writer reaches with no pause: the commit rate of this disk."""
    with Store(db) as store:
        article_id = store.articles()[0].id
        count, began = 0, time.perf_counter()
        while time.perf_counter() - began < seconds:
            store.add_annotation(article_id, 10, 50, "claim", annotator="ceiling")
            count += 1
        return count / (time.perf_counter() - began)


def run(db: Path, writers: int, seconds: float, rate: float) -> dict[str, Any]:
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    start = time.monotonic() + 1.0 + writers * 0.02  # every process open before the first tag
    processes = [
        context.Process(target=_writer, args=(str(db), n, start, seconds, rate, out))
        for n in range(writers)
    ]
    for process in processes:
        process.start()
    results = [out.get(timeout=seconds + 120) for _ in processes]
    for process in processes:
        process.join(30)
    latencies = [value for result in results for value in result[0]]
    errors = [value for result in results for value in result[1]]
    return {
        "writers": writers,
        "tags": len(latencies),
        "errors": errors,
        "late": sum(result[2] for result in results),
        "asked": writers * rate,
        "achieved": len(latencies) / seconds,
        "p50": _percentile(latencies, 0.50),
        "p95": _percentile(latencies, 0.95),
        "p99": _percentile(latencies, 0.99),
        "max": max(latencies, default=float("nan")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", default="1,5,10,20,50")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=float, default=1.0, help="tags a second per writer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="writers-bench-") as folder:
        db = Path(folder) / "shared.db"
        with Store(db) as store:
            import_articles(store, 1)
        top = ceiling(db)
        print(
            f"reference: one writer without pause, {top:,.0f} tags/s"
            f" ({1000 / top:.2f} ms a durable tag)"
        )
        print(f"\n{args.rate:g} tag/s per writer, {args.seconds:g} s each run; latency of one tag:")
        print(
            f"{'writers':>7} {'tags/s asked':>12} {'achieved':>8} {'p50 ms':>7} {'p95 ms':>7}"
            f" {'p99 ms':>7} {'max ms':>7} {'late':>5} {'errors':>6}  load of ceiling"
        )
        for writers in (int(n) for n in args.writers.split(",")):
            r = run(db, writers, args.seconds, args.rate)
            print(
                f"{r['writers']:>7} {r['asked']:>12.0f} {r['achieved']:>8.1f}"
                f" {r['p50'] * 1000:>7.1f} {r['p95'] * 1000:>7.1f} {r['p99'] * 1000:>7.1f}"
                f" {r['max'] * 1000:>7.1f} {r['late']:>5} {len(r['errors']):>6}"
                f"  {r['asked'] / top:6.1%}"
            )
            for error in sorted(set(r["errors"]))[:3]:
                print(f"          {error}")
        with Store(db, readonly=True) as store:
            total = sum(store.counts_by_label().values())
        print(f"\n{total:,} annotations in the database at the end")


if __name__ == "__main__":
    main()
