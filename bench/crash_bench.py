"""Crash benchmark: kill -9 a tagging process N times and count lost annotations.

Run by hand: ``python bench/crash_bench.py [--kills 200] [--max-delay 0.5] [--seed S]``.

Each round starts ``tests/helpers/tagger.py`` on the same database: it adds
annotations and links through the Store and re-imports an edited article every
tenth annotation (one transaction re-anchoring all of them), printing each id
only after the call returned. The round kills it with SIGKILL after a random
delay, reopens the database and checks that every acknowledged annotation and
link is there, ``PRAGMA integrity_check`` is ok and every anchored annotation
equals the article text at its offsets. The database starts afresh every
``--rotate`` rounds so that rounds stay short. Target: 0 lost, 0 damaged.

Before the kills it runs one uninterrupted tagger as the reference (200
annotations, all must be there) and prints its rate; the result is the ratio
of lost to acknowledged annotations (target 0).
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType


def _tagger() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "tests" / "helpers" / "tagger.py"
    spec = importlib.util.spec_from_file_location("newsmark_tagger", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--max-delay", type=float, default=0.5, help="seconds after start-up")
    parser.add_argument("--rotate", type=int, default=25, help="new database every N kills")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    tagger = _tagger()
    seed = random.randrange(1_000_000) if args.seed is None else args.seed
    rng = random.Random(seed)

    with tempfile.TemporaryDirectory(prefix="newsmark-crash-") as directory:
        root = Path(directory)
        reference = tagger.spawn(root / "reference.db", tagger.write_article(root), count=200)
        started = time.perf_counter()
        code, stderr = reference.finish()
        reference_seconds = time.perf_counter() - started
        check = tagger.check(root / "reference.db", reference.acknowledged("A"), [])
        if code != 0 or check.lost_annotations or check.annotations != 200:
            print(f"reference tagger failed: {stderr} {check}", file=sys.stderr)
            return 1

        acknowledged = links = lost = lost_links = damaged = bad_offsets = 0
        empty_rounds = 0
        ids: list[str] = []
        link_ids: list[str] = []
        db = article = Path()
        for kill in range(args.kills):
            if kill % args.rotate == 0:
                round_dir = root / f"db{kill // args.rotate}"
                round_dir.mkdir()
                db, article = round_dir / "annotations.db", tagger.write_article(round_dir)
                ids, link_ids = [], []
            run = tagger.spawn(db, article, seed=kill, edit=True)
            # one kill in four may land during start-up; the others once tagging is under way
            tagger.kill_after(run, rng.uniform(0.0, args.max_delay), tagging=kill % 4 != 0)
            new_ids, new_links = run.acknowledged("A"), run.acknowledged("L")
            empty_rounds += not new_ids
            ids += new_ids
            link_ids += new_links
            acknowledged += len(new_ids)
            links += len(new_links)
            result = tagger.check(db, ids, link_ids)
            lost += len(result.lost_annotations)
            lost_links += len(result.lost_links)
            bad_offsets += len(result.bad_offsets)
            damaged += result.integrity != "ok"
            if result.integrity != "ok" or result.lost_annotations or result.bad_offsets:
                print(f"kill {kill}: {result}", file=sys.stderr)
            if (kill + 1) % 50 == 0:
                print(f"  {kill + 1} kills, {acknowledged} acknowledged, {lost} lost", flush=True)

    rate = 200 / reference_seconds
    print(f"seed {seed}")
    print(f"kills:                          {args.kills}")
    print(f"rounds killed before any ack:   {empty_rounds}")
    print(f"acknowledged annotations:       {acknowledged}")
    print(f"acknowledged links:             {links}")
    print(f"lost annotations:               {lost}   (target 0)")
    print(f"lost links:                     {lost_links}   (target 0)")
    print(f"integrity_check not ok:         {damaged}   (target 0)")
    print(f"annotations off their text:     {bad_offsets}   (target 0)")
    print(f"lost / acknowledged:            {lost / max(acknowledged, 1):.4f}   (target 0)")
    print(f"reference: uninterrupted tagger, {rate:.0f} annotations/s (incl. start-up)")
    return 0 if lost == lost_links == damaged == bad_offsets == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
