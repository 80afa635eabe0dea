"""kill -9 the real app while it tags through its keyboard: what it showed as saved is saved."""

from __future__ import annotations

import fcntl
import os
import pty
import random
import re
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.helpers.cli_run import read_pty

ANSI = re.compile(rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
SHOWN = re.compile(rb"claim (\d+) \xc2\xb7 quote")


def _run_and_kill(db: Path, rng: random.Random) -> int:
    """Tag sentences with `s` `c` until a random moment, kill -9; the last count shown."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(db)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**os.environ, "TERM": "xterm-256color"},
        start_new_session=True,
    )
    os.close(follower)
    output = bytearray()
    started = time.monotonic()
    while b"claim 0" not in ANSI.sub(b"", bytes(output)) and time.monotonic() - started < 20:
        read_pty(leader, output, 0.2)
    os.write(leader, b"\x1b[B\x1b[Bsc")  # down twice: onto the headline; tag it
    # The first frame comes before the app is done starting (suggestions, lazy imports):
    # on a busy machine keys typed then were not yet shown when the kill came, every
    # round. The kill's random moment counts from the first tag on screen.
    typed = time.monotonic()
    while _most_shown(output) == 0 and time.monotonic() - typed < 20:
        read_pty(leader, output, 0.1)
    stop = time.monotonic() + rng.uniform(0.3, 2.0)
    while time.monotonic() < stop:
        os.write(leader, b"sc")
        read_pty(leader, output, rng.uniform(0.0, 0.05))
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    read_pty(leader, output, 0.2)
    os.close(leader)
    return _most_shown(output)


def _most_shown(output: bytearray) -> int:
    """The highest claim count the status line showed."""
    counts = [int(found) for found in SHOWN.findall(ANSI.sub(b"", bytes(output)))]
    return max(counts, default=0)


def test_every_tag_the_screen_showed_survives_kill_9(tmp_path: Path) -> None:
    rng = random.Random(2026)
    shown_in_all = 0
    for round_number in range(3):
        db = tmp_path / f"crash-{round_number}.db"
        shown = _run_and_kill(db, rng)
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            saved = conn.execute("SELECT count(*) FROM annotations WHERE label = 'claim'")
            assert saved.fetchone()[0] >= shown
        shown_in_all += shown
    assert shown_in_all > 0  # the screen did show tags being saved before the kills
