"""Tag spans through the Store in a loop, acknowledging each saved one on stdout.

A stand-in for an analyst driving the app, used by the crash, concurrency and
benchmark harnesses (``tests/core/test_crash.py``, ``test_concurrency.py``,
``bench/crash_bench.py``)::

    python tests/helpers/tagger.py DB ARTICLE [--count N] [--seed S] [--wait] [--name NAME]

It prints ``ready`` once Python has started; with ``--wait`` it then reads one
line from stdin before it opens the store, so that several taggers start
together. Each annotation is printed as ``A <id>`` only after
``Store.add_annotation`` has returned, that is after its transaction
committed: what the screen would show as saved. Every fourth annotation is
linked to the one before (``L <id>``). With ``--edit``, every tenth
annotation the article file is rewritten with a new first line and imported
again, which re-anchors every annotation in one transaction (``U <version>``).
``--count 0`` (the default) tags until killed; otherwise ``done`` ends the
output.

The harness half of this module (``spawn``, ``kill_after``, ``check``) runs a
tagger, kills it and checks what a reopened store holds.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve()

ARTICLE = (
    "Talks resumed in Muscat on Monday, the foreign minister said, after a pause of two weeks.\n\n"
    "“We are not there yet,” an envoy told reporters. 北京 and 東京 sent observers; "
    "وزير الخارجية قال إن المحادثات مستمرة. وزیر امور خارجه گفت که گفتگوها ادامه دارد.\n\n"
    "Officials denied the report 👩‍👩‍👧 🇫🇷 👍🏽, café, naïve, Zoë, ạ̈.\n"
) * 20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("article")
    parser.add_argument("--count", type=int, default=0, help="annotations to add; 0: until killed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--wait", action="store_true", help="read stdin before starting")
    parser.add_argument("--name", default="tagger")
    parser.add_argument("--edit", action="store_true", help="rewrite and re-import the article")
    args = parser.parse_args(argv)

    from tui.core.articles import load_article
    from tui.core.store import Store

    print("ready", flush=True)
    if args.wait:
        sys.stdin.readline()
    rng = random.Random(args.seed)
    with Store(args.db) as store:
        article_id = store.import_article(load_article(args.article)).article_id
        text = store.get_article(article_id).text
        labels = store.labels()
        previous: str | None = None
        done = 0
        while args.count == 0 or done < args.count:
            start = rng.randrange(len(text) - 1)
            end = min(len(text), start + rng.randint(1, 80))
            annotation = store.add_annotation(
                article_id,
                start,
                end,
                rng.choice(labels),
                note=f"note {done} — ملاحظة 👍🏽",
                annotator=args.name,
            )
            print("A", annotation.id, flush=True)
            done += 1
            if previous is not None and done % 4 == 0:
                link = store.add_link(previous, annotation.id, note="contradicts?")
                print("L", link.id, flush=True)
            previous = annotation.id
            if args.edit and done % 10 == 0:
                _rewrite(Path(args.article), f"Update {args.seed}.{done}.\n\n")
                result = store.import_article(load_article(args.article))
                text = store.get_article(article_id).text
                print("U", result.status, result.moved, result.orphaned, flush=True)
    print("done", flush=True)
    return 0


def _rewrite(path: Path, first_line: str) -> None:
    """Replace the article's first line, atomically: a kill never leaves half a file."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("Update "):
        text = text.split("\n\n", 1)[1]
    partial = path.with_suffix(".partial")
    partial.write_text(first_line + text, encoding="utf-8")
    os.replace(partial, path)


# -- harness ------------------------------------------------------------------------


@dataclass
class Run:
    """One tagger process and the lines it has printed so far (read by threads)."""

    process: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    ready: threading.Event = field(default_factory=threading.Event)
    tagging: threading.Event = field(default_factory=threading.Event)
    readers: list[threading.Thread] = field(default_factory=list)

    def start(self) -> Run:
        assert self.process.stdout is not None and self.process.stderr is not None
        for target, stream in ((self._out, self.process.stdout), (self._err, self.process.stderr)):
            reader = threading.Thread(target=target, args=(stream,), daemon=True)
            reader.start()
            self.readers.append(reader)
        return self

    def _out(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.append(line.strip())
            if line.strip() == "ready":
                self.ready.set()
            elif line.startswith("A "):
                self.tagging.set()
        self.ready.set()
        self.tagging.set()

    def _err(self, stream: IO[str]) -> None:
        self.errors.extend(stream)

    def acknowledged(self, kind: str = "A") -> list[str]:
        return [line.split()[1] for line in self.lines if line.startswith(kind + " ")]

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def finish(self, timeout: float = 120.0) -> tuple[int, str]:
        """Wait for the process and its output; returns its exit code and stderr."""
        self.process.wait(timeout)
        for reader in self.readers:
            reader.join(timeout)
        return self.process.returncode, "".join(self.errors)


def spawn(
    db: Path,
    article: Path,
    *,
    count: int = 0,
    seed: int = 0,
    wait: bool = False,
    edit: bool = False,
    name: str = "t",
) -> Run:
    command = [sys.executable, str(HERE), str(db), str(article), "--count", str(count)]
    command += ["--seed", str(seed), "--name", name]
    command += (["--wait"] if wait else []) + (["--edit"] if edit else [])
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    return Run(process).start()


def kill_after(run: Run, delay: float, *, tagging: bool = False) -> None:
    """SIGKILL the tagger ``delay`` seconds after it is ready (or, with ``tagging``, after
    its first acknowledged annotation): no chance to clean up."""
    (run.tagging if tagging else run.ready).wait(60)
    time.sleep(delay)
    run.process.send_signal(signal.SIGKILL)
    run.finish()


@dataclass(frozen=True)
class Check:
    integrity: str
    lost_annotations: list[str]
    lost_links: list[str]
    bad_offsets: list[str]
    annotations: int


def check(db: Path, annotations: list[str], links: list[str]) -> Check:
    """Reopen ``db`` through the Store (WAL recovery) and compare with what was acknowledged."""
    from tui.core.store import Store

    with Store(db) as store:
        integrity = "; ".join(row[0] for row in store.conn.execute("PRAGMA integrity_check"))
        present = {row[0] for row in store.conn.execute("SELECT id FROM annotations")}
        linked = {row[0] for row in store.conn.execute("SELECT id FROM links")}
        bad = []
        texts = {summary.id: store.get_article(summary.id).text for summary in store.articles()}
        for note in store.annotations():
            if not note.orphaned and texts[note.article_id][note.start : note.end] != note.text:
                bad.append(note.id)
        if list(store.conn.execute("PRAGMA foreign_key_check")):
            integrity += "; foreign key violations"
    return Check(
        integrity=integrity,
        lost_annotations=[id_ for id_ in annotations if id_ not in present],
        lost_links=[id_ for id_ in links if id_ not in linked],
        bad_offsets=bad,
        annotations=len(present),
    )


def write_article(directory: Path) -> Path:
    path = directory / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


if __name__ == "__main__":
    sys.exit(main())
