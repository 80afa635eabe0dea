"""Typing while suggestions compute: keypress latency with the suggestion worker busy.

Run by hand from the repository root: ``python bench/typing_bench.py [--quick]``
(``--size N`` characters per article, ``--articles N`` panes, ``--rounds N`` sessions
per variant, ``--presses N`` per key and session, ``--thread`` adds the variant
"during, in a thread", ``--switch MS`` adds variants with ``sys.setswitchinterval``
lowered to MS while the rules run in a thread).

Issue 11: suggestions are "computed in a worker: typing stays as fast while they
compute". A worker thread shares the GIL with the UI thread: when the UI thread
wakes up (a key arrived, a timer fired) it waits for the worker to let go of the
GIL, which it does only every ``sys.getswitchinterval()`` (5 ms), and a keypress
takes several such wake-ups before its frame. This benchmark measures that.

In one process, headless (``App.run_test(size=(200, 50))``), with a database
holding ``--articles`` generated articles of ``--size`` characters (the reader
benchmark's text: news-like paragraphs; one 400 KB article keeps the rules busy
for seconds), it opens the reader in sessions of these variants, taking turns:

- **off**: the annotator's preference ``suggestions`` is ``off``; no worker runs;
- **during**: suggestions ``on``, keys posted while the worker computes (it starts
  ``SUGGEST_AFTER`` s after the panes show). A press counts only if the rules
  (``suggesting.compute``) were running in the worker both when the key was posted
  and after its last frame (not when the worker had handed its results over: showing
  them is the UI thread's work, not the GIL's);
- **after**: suggestions ``on``, keys posted once every worker finished and the
  suggestions are shown (the layer's own drawing cost);
- **during, in a thread** (``--thread``): as "during", with the rules run in the
  worker thread itself (``suggesting.compute_here``: how it was before they moved to a
  child process; the worker thread now only waits for the child);
- **during, switch N ms** (``--switch``): as "during, in a thread", with
  ``sys.setswitchinterval`` set to N ms while the rules run (a remedy weighed: it
  made things worse, the UI thread's own work is cut into slices as short).

A keypress is the reader benchmark's (``Frames.press``): an ``events.Key`` posted
to the app from its own thread, the clock stopped at the first frame it caused
(and, printed beside, its last frame). A real terminal's input thread must take
the GIL too before it can hand the key over: one more wait of up to a switch
interval, which this benchmark does not count. Keys: right, down, shift+right,
``BURST`` presses of one key from the top of the article, then the next key.
The worker's own duration (``compute``: wall and its thread's CPU time) is printed
per variant (the CPU time is ~0 when the worker thread only waits for the child).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader_bench import BURST, SETTLE, Frames, Press, _reset_reader, make_text, open_app
from textual.app import App
from textual.worker import WorkerState

import tui.ui.suggesting as suggesting
from tui.core.articles import parse_article
from tui.core.store import Store
from tui.ui.app import NewsmarkApp
from tui.ui.article_view import ArticleView

KEYS = ("right", "down", "shift+right")
ANNOTATOR = "bench"
TIMEOUT = 300.0


@dataclass
class Variant:
    name: str
    suggestions: bool
    during: bool
    switch: float | None = None  # seconds, while the worker runs
    here: bool = False  # the rules in the worker thread, not in a child process
    keys: dict[str, list[Press]] = field(default_factory=dict)
    skipped: int = 0  # presses the rules did not outlast
    computes: list[tuple[float, float]] = field(default_factory=list)  # (wall, CPU) s


def build(path: Path, size: int, count: int) -> tuple[list[str], str]:
    """A database of ``count`` generated articles: their ids, a marker from the first."""
    ids: list[str] = []
    marker = ""
    with Store(path) as store:
        for number in range(count):
            raw, mark = make_text(size, seed=2 + number)
            article = parse_article(raw, f"article-{number}.txt")
            store.import_article(article)
            ids.append(article.id)
            marker = marker or mark
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ids, marker


def suggest_workers(app: App[Any]) -> list[Any]:
    return [worker for worker in app.workers if worker.group == "suggest"]


def worker_running(app: App[Any]) -> bool:
    return any(
        worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
        for worker in suggest_workers(app)
    )


class ComputeClock:
    """Times ``suggesting.compute`` (the rules, in a child process the worker thread
    waits for, or in the thread itself); sets the switch interval when a variant asks."""

    def __init__(self) -> None:
        self.original = suggesting.compute
        self.log: list[tuple[float, float]] = []
        self.switch: float | None = None
        self.here = False
        self.computing = 0  # calls in progress

    def install(self) -> None:
        def compute(*args: Any) -> Any:
            default = sys.getswitchinterval()
            self.computing += 1
            if self.switch is not None:
                sys.setswitchinterval(self.switch)
            began, began_cpu = time.perf_counter(), time.thread_time()
            try:
                if self.here:
                    return suggesting.compute_here(args[0])
                return self.original(*args)
            finally:
                self.log.append((time.perf_counter() - began, time.thread_time() - began_cpu))
                self.computing -= 1
                if self.switch is not None and not self.computing:
                    sys.setswitchinterval(default)

        suggesting.compute = compute  # type: ignore[assignment]


async def wait_for(condition: Callable[[], bool], timeout: float = TIMEOUT) -> bool:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


async def session(
    variant: Variant,
    db: Path,
    ids: list[str],
    marker: str,
    presses: int,
    clock: ComputeClock,
    first_key: int = 0,
) -> None:
    """One session of the app: presses per key, as the variant says."""
    with Store(db) as store:
        store.set_preference(ANNOTATOR, suggesting.SHOW_KEY, "on" if variant.suggestions else "off")
    clock.switch = variant.switch
    clock.here = variant.here
    logged = len(clock.log)

    async def exercise(app: App[Any], frames: Frames) -> None:
        views = list(app.query(ArticleView))
        await wait_for(
            lambda: all(view._wrap_next_line >= view.document.line_count for view in views)
        )
        reset = _reset_reader(app)
        if variant.during:
            if not await wait_for(lambda: clock.computing > 0, 10.0):
                raise RuntimeError("no suggestion worker started")
        elif variant.suggestions:
            await wait_for(lambda: len(clock.log) - logged >= len(ids) and not worker_running(app))
            await wait_for(lambda: all(len(view.suggestions.items) for view in views))
        else:
            await asyncio.sleep(suggesting.SUGGEST_AFTER + 0.1)  # as late as the others
        await frames.quiet()
        counts = dict.fromkeys(KEYS, 0)
        turn = first_key  # the keys take turns at the worker's early and late work
        while min(counts.values()) < presses:
            key = KEYS[turn % len(KEYS)]
            turn += 1
            if counts[key] >= presses:
                continue
            if variant.during and not clock.computing:
                break
            reset()
            await frames.quiet(SETTLE * 2)
            for _ in range(min(BURST, presses - counts[key])):
                computing = clock.computing
                press = await frames.press(key)
                if variant.during and not (computing and clock.computing):
                    variant.skipped += 1
                    continue
                variant.keys.setdefault(key, []).append(press)
                counts[key] += 1
        if variant.suggestions:
            await wait_for(lambda: not worker_running(app))

    await open_app(lambda: NewsmarkApp(db, ids, annotator=ANNOTATOR), marker, exercise)
    variant.computes.extend(clock.log[logged:])
    clock.switch = None
    clock.here = False


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def summary(presses: list[Press], which: str = "first") -> tuple[float, float, float]:
    values = [getattr(press, which) for press in presses]
    if not values:
        return float("nan"), float("nan"), float("nan")
    return statistics.median(values), percentile(values, 0.9), percentile(values, 0.99)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f}"


async def main_async(args: argparse.Namespace) -> None:
    size = args.size or (100_000 if args.quick else 400_000)
    count = args.articles
    rounds = args.rounds or (1 if args.quick else 5)
    presses = args.presses or (8 if args.quick else 24)
    folder = Path(tempfile.mkdtemp(prefix="newsmark-typing-bench-"))
    try:
        ids, marker = build(folder / "typing.db", size, count)
        print(
            f"{count} article(s) of {size:,} characters; screen 200x50, headless; "
            f"{rounds} session(s) per variant, up to {presses} presses per key each; "
            f"switch interval {sys.getswitchinterval() * 1000:g} ms; "
            f"Python {sys.version.split()[0]}",
            flush=True,
        )
        print(
            f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
            f"on {os.cpu_count()} CPUs",
            flush=True,
        )
        clock = ComputeClock()
        clock.install()
        variants = [
            Variant("off", suggestions=False, during=False),
            Variant("during", suggestions=True, during=True),
            Variant("after", suggestions=True, during=False),
            *([Variant("during, in a thread", True, True, here=True)] if args.thread else []),
            *(
                Variant(f"during, switch {value:g} ms", True, True, value / 1000, here=True)
                for value in args.switch
            ),
        ]
        # Warm-up: imports (the rules load in the worker), caches, first-use code paths.
        await session(Variant("warm-up", True, False), folder / "typing.db", ids, marker, 2, clock)
        for number in range(1, rounds + 1):
            for variant in variants:
                await session(
                    variant, folder / "typing.db", ids, marker, presses, clock, number - 1
                )
            print(f"measured: round {number} of {rounds}", flush=True)

        print(
            "\nkeypress, ms: key posted -> first frame it caused: median / p90 / p99 (n);"
            " last frame it caused: median"
        )
        print(f"  {'':24}" + "".join(f"{key:>38}" for key in KEYS))
        for variant in variants:
            cells = ""
            for key in KEYS:
                found = variant.keys.get(key, [])
                median, p90, p99 = summary(found)
                last = summary(found, "last")[0]
                cells += f"{ms(median)} /{ms(p90)} /{ms(p99)} ({len(found):3}) {ms(last)}"
            print(f"  {variant.name:24}{cells}")
        everything = {v.name: [p for key in KEYS for p in v.keys.get(key, [])] for v in variants}
        print("\nall keys pooled, ms: median / p90 / p99 (n)")
        for variant in variants:
            median, p90, p99 = summary(everything[variant.name])
            skipped = f", {variant.skipped} not counted (rules done)" if variant.during else ""
            print(
                f"  {variant.name:24}{ms(median)} /{ms(p90)} /{ms(p99)} "
                f"({len(everything[variant.name])}){skipped}"
            )
        print("\nsuggestion worker (compute), per article, s: wall / its thread's CPU (median)")
        for variant in variants:
            if variant.computes:
                wall = statistics.median(c[0] for c in variant.computes)
                cpu = statistics.median(c[1] for c in variant.computes)
                print(f"  {variant.name:24}{wall:7.2f} /{cpu:7.2f}  ({len(variant.computes)})")
        print("\nratios to 'off' (median, p90, p99), all keys pooled:")
        base = summary(everything["off"])
        for variant in variants[1:]:
            values = summary(everything[variant.name])
            ratios = "  ".join(f"{v / b:5.2f}x" for v, b in zip(values, base, strict=True))
            print(f"  {variant.name:24}/ off: {ratios}")
        print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 KB, 1 round: a smoke test")
    parser.add_argument("--size", type=int, default=0, help="characters per article")
    parser.add_argument("--articles", type=int, default=1, help="articles (panes), up to 4")
    parser.add_argument("--rounds", type=int, default=0, help="sessions per variant")
    parser.add_argument("--presses", type=int, default=0, help="presses per key and session")
    parser.add_argument("--thread", action="store_true",
                        help="add: the rules in the worker thread, as before")  # fmt: skip
    parser.add_argument("--switch", type=float, nargs="*", default=[],
                        help="switch intervals (ms) to try while the worker runs")  # fmt: skip
    args = parser.parse_args()
    asyncio.run(main_async(args))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
