"""Start-up benchmark: process start to first frame, as a ratio to a bare Textual app.

Run by hand: ``python bench/startup_bench.py [--runs 10] [--size 200x50]``.

Each program runs in a pseudo-terminal of the given size, as in a real terminal; the
time is from spawning the process to the first byte of a word that only its first
frame shows (a seed's headline for newsmark, "READY" for the reference). The
reference is a bare Textual app with a Header, a Static and a Footer, run in the
same session, alternating with newsmark so that machine load hits both alike.

newsmark's modules are byte-compiled first, as installing a package does and as the
reference's Textual is: with PYTHONDONTWRITEBYTECODE set (as here) every run would
otherwise compile newsmark's source again, which no installed copy does.

Cases: newsmark on an existing database (the seeds already imported), and on a new
one (created and seeded at start-up). Targets: at most 1.3x and 1.5x the reference.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    def compose(self):
        yield Header()
        yield Static("READY")
        yield Footer()

Bare().run()
"""
NEWSMARK_MARK = b"Iran, US Agree"  # the first seed headline, unwrapped in the header at any size
TIMEOUT = 30.0


def first_frame(command: list[str], mark: bytes, cwd: Path, size: tuple[int, int]) -> float:
    """Seconds from spawning ``command`` in a pty until ``mark`` is written."""
    leader, follower = pty.openpty()
    columns, rows = size
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(rows)}
    # The code measured is this checkout's, whatever newsmark is installed elsewhere.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, cwd=cwd, env=env,
        start_new_session=True,
    )  # fmt: skip
    os.close(follower)
    output = bytearray()
    elapsed = float("nan")
    try:
        while time.perf_counter() - started < TIMEOUT:
            ready, _, _ = select.select([leader], [], [], 0.01)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                output += chunk
                if mark in output:
                    elapsed = time.perf_counter() - started
                    break
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(leader)
    if elapsed != elapsed:  # NaN: never drew
        raise SystemExit(f"{command[-1]}: no first frame within {TIMEOUT} s: {output[-500:]!r}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", default="200x50")
    args = parser.parse_args()
    columns, rows = (int(part) for part in args.size.split("x"))
    size = (columns, rows)
    # The same interpreter as the reference, started directly (a shim such as pyenv's
    # would add its own start-up to newsmark's), running this checkout's code.
    command = [sys.executable, "-m", "tui"]
    bare = [sys.executable, "-c", BARE_APP]
    compileall.compile_dir(ROOT / "tui", quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        db = work / "annotations.db"
        first_frame(command, NEWSMARK_MARK, work, size)  # warm caches, seed the database
        times: dict[str, list[float]] = {"bare": [], "existing": [], "new": []}
        for _ in range(args.runs):
            times["bare"].append(first_frame(bare, b"READY", work, size))
            times["existing"].append(first_frame(command, NEWSMARK_MARK, work, size))
            for path in work.glob("annotations.db*"):
                path.unlink()
            times["new"].append(first_frame(command, NEWSMARK_MARK, work, size))
            assert db.exists()
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"process start to first frame in a {columns}x{rows} pty, median of {args.runs}:")
    print(f"  bare Textual app (Header, Static, Footer): {median['bare'] * 1000:7.0f} ms")
    for name, target in (("existing", 1.3), ("new", 1.5)):
        ratio = median[name] / median["bare"]
        verdict = "meets" if ratio <= target else "misses"
        print(
            f"  newsmark, {name + ' database:':18} {median[name] * 1000:7.0f} ms"
            f"  {ratio:4.2f}x the bare app ({verdict} the {target}x target)"
        )


if __name__ == "__main__":
    main()
