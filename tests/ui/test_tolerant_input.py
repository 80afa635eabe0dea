"""A byte that is not UTF-8 on the terminal's input (a Latin-1 paste, a raw 8-bit C1)
is shown as U+FFFD: the real app in a pty keeps running and quits cleanly."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.helpers.cli_run import read_pty

HERE = str(Path(__file__).resolve().parents[2])


def test_a_byte_that_is_not_utf8_does_not_kill_the_reader(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(tmp_path / "db.sqlite")],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        cwd=tmp_path,
        env={**os.environ, "TERM": "xterm-256color", "PYTHONPATH": HERE},
        start_new_session=True,
    )
    os.close(follower)
    output = bytearray()
    try:
        started = time.monotonic()
        while b"Quit" not in output and time.monotonic() - started < 30:
            read_pty(leader, output, 0.2)
        os.write(leader, b"/")  # the find bar
        read_pty(leader, output, 1.0)
        os.write(leader, b"Mus\x9bcat \xe9t\xe9")  # a raw C1 CSI and Latin-1 letters
        read_pty(leader, output, 1.5)
        assert process.poll() is None, bytes(output[-2000:])
        os.write(leader, b"\x1b")  # close the find bar
        read_pty(leader, output, 0.5)
        os.write(leader, b"\x11")  # ctrl+q
        process.wait(timeout=30)
        read_pty(leader, output, 0.3)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    assert b"UnicodeDecodeError" not in output
    assert process.returncode == 0
