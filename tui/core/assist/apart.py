"""Suggestions computed in a child process: the rules hold the GIL for seconds on a long
article, and a thread sharing it with the reader made keypresses wait for it (p90 about
2x, p99 about 5x the latency with suggestions off: bench/typing_bench.py).

The parent sends ``(article_id, text, headings)`` pickled on the child's stdin and
reads the suggestions pickled from its stdout; the child is our own code, started
from ``sys.executable``, so its pickle is trusted.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .suggestions import Suggestion, suggest

NICENESS = 10  # the reader's own work comes first on a busy machine
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])  # the folder holding ``tui``


class ChildFailed(Exception):
    """The child did not answer: it could not start, crashed, or was stopped."""


def suggest_apart(
    article_id: str,
    text: str,
    headings: Sequence[tuple[int, int]] = (),
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
) -> list[Suggestion]:
    """``suggest`` run in a child process; blocks the calling thread (not the GIL) until
    it answers. ``started`` gets the process, so that quitting can stop it."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
    except OSError as error:
        raise ChildFailed(f"cannot start {sys.executable}: {error}") from error
    if started is not None:
        started(process)
    payload = pickle.dumps((article_id, text, list(headings)), pickle.HIGHEST_PROTOCOL)
    try:
        out, err = process.communicate(payload)
    except OSError as error:  # the child died before it read everything
        process.kill()
        process.wait()
        raise ChildFailed(str(error)) from error
    if process.returncode != 0:
        last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ChildFailed(f"exit code {process.returncode}: {last[0]}")
    try:
        found = pickle.loads(out)
    except Exception as error:  # e.g. something printed to stdout before the answer
        raise ChildFailed(f"unreadable answer: {error}") from error
    if not isinstance(found, list):
        raise ChildFailed("unexpected answer")
    return found


def main() -> None:
    """The child: read one article from stdin, write its suggestions to stdout."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(NICENESS)
    article_id, text, headings = pickle.load(sys.stdin.buffer)
    found = suggest(article_id, text, headings=headings)
    sys.stdout.buffer.write(pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
