"""Running the newsmark of this checkout as a user does: a real process, bytes captured."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Bidi_Control (Unicode PropList.txt): embeddings, overrides, isolates and marks.
BIDI_CONTROLS = {chr(0x061C), chr(0x200E), chr(0x200F)} | {
    chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def environment(**extra: str) -> dict[str, str]:
    """This checkout's ``tui`` first (not another installed copy), no inherited NEWSMARK_*."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEWSMARK_")}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", **extra)
    return env


def run(*args: str | Path, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(os.fsencode, map(str, args))],
        cwd=cwd,
        env=environment(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=timeout,
    )


def terminal_actions(output: bytes) -> list[str]:
    """Characters in ``output`` that a terminal would act on (line ends aside)."""
    text = output.decode("utf-8")
    return [
        char
        for char in text
        if char not in "\n\r"
        and (unicodedata.category(char) in ("Cc", "Cs") or char in BIDI_CONTROLS)
    ]


def one_line_error(result: subprocess.CompletedProcess[bytes]) -> str:
    """The single stderr line of a refused command (exit 2, nothing on stdout, no traceback)."""
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert result.stdout == b"", result.stdout
    assert "Traceback" not in stderr and stderr.count("\n") == 1, stderr
    assert terminal_actions(result.stderr) == [], ascii(stderr)
    return stderr.rstrip("\n")


def on_a_terminal(*args: str | Path, cwd: Path) -> tuple[int, bytes]:
    """Run newsmark with a pty as its terminal; every byte it writes there, and its exit code."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *map(os.fsencode, map(str, args))],
        cwd=cwd,
        env=environment(TERM="xterm-256color"),
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        close_fds=True,
    )
    os.close(terminal)
    written = bytearray()
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # EIO: the process closed the terminal
                    break
                if not chunk:
                    break
                written += chunk
            elif process.poll() is not None:
                break
        code = process.wait(timeout=30)
    finally:
        os.close(controller)
        if process.poll() is None:
            process.kill()
    return code, bytes(written)


def read_pty(fd: int, output: bytearray, seconds: float) -> None:
    """Append what the pty's other side writes for up to ``seconds`` (until it closes)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            output += chunk
