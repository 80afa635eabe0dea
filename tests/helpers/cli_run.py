"""Running the newsmark of this checkout as a user does: a real process, bytes captured."""

from __future__ import annotations

import os
import subprocess
import sys
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
