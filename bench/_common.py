"""Set-up shared by the team benchmarks: generated articles, bulk rows, interleaved timing."""

from __future__ import annotations

import random
import resource
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from tui.core.articles import parse_article
from tui.core.store import Store

_VOCABULARY = (
    "Iran United States talks Muscat envoy minister said agreed diplomatic track sanctions "
    "nuclear program statement White House Oman round capitals “good start” mistrust obstacle "
    "café naïve 伊朗 美国 谈判 إيران الولايات المتحدة 👍🏽 👨‍👩‍👧 police reported officials denied"
)
WORDS = _VOCABULARY.split()
LABELS = ("claim", "quote", "inconsistency")
STAMP = "2025-01-01T00:00:00.000Z"

ANNOTATION_INSERT = (
    'INSERT INTO annotations (id, article_id, start, "end", label, text, prefix, suffix,'
    " note, annotator, created_at, updated_at, updated_by)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def import_articles(store: Store, count: int, seed: int = 7) -> dict[str, str]:
    """``count`` generated articles of ~20 KB through the Store API: id -> canonical text."""
    rng = random.Random(seed)
    texts = {}
    for number in range(count):
        body = "\n\n".join(paragraph(rng, rng.randint(30, 90)) for _ in range(40))
        article = parse_article(
            f"Article {number}: {paragraph(rng, 6)}\n\n{body}\n", f"article-{number}.txt"
        )
        store.import_article(article)
        texts[article.id] = article.text
    return texts


def annotation_row(
    rng: random.Random, texts: dict[str, str], annotator: str, annotation_id: str | None = None
) -> tuple[object, ...]:
    article_id = rng.choice(sorted(texts))
    text = texts[article_id]
    start = rng.randrange(0, len(text) - 400)
    end = start + rng.randint(5, 300)
    return (
        annotation_id or str(uuid.uuid4()),
        article_id,
        start,
        end,
        rng.choice(LABELS),
        text[start:end],
        text[max(0, start - 32) : start],
        text[end : end + 32],
        rng.choice(("", "", "check the date")),
        annotator,
        STAMP,
        STAMP,
        annotator,
    )


def interleaved_best(
    runs: dict[str, tuple[Callable[[], object], Callable[[], object]]], repeat: int
) -> dict[str, tuple[float, float]]:
    """Best (wall, CPU incl. child processes) seconds of each ``(setup, run)`` over
    ``repeat`` rounds; rounds interleave the runs so that load from other processes
    falls on all of them alike. Set-up is not timed."""
    best = {name: (float("inf"), float("inf")) for name in runs}
    for _ in range(repeat):
        for name, (setup, run) in runs.items():
            setup()
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = time.process_time()
            wall = time.perf_counter()
            run()
            wall = time.perf_counter() - wall
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (
                time.process_time()
                - cpu
                + (after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime)
            )
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def fresh_copy(source: Path, target: Path) -> None:
    """``target`` as a byte copy of a checkpointed ``source`` (no -wal/-shm left behind)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    target.write_bytes(source.read_bytes())
