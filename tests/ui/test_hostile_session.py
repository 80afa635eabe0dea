"""A session with hostile notes, names, paths and pasted text, in a real pseudo-terminal:
every byte the reader writes is read, and none of their sequences is among them."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from tui.core.articles import parse_article
from tui.core.store import Store

ROOT = Path(__file__).resolve().parents[2]
STORY = "Talks resume in Muscat\n\nThe two parties agreed to reconvene next Saturday.\n"
NOTE = "note \x1b]0;PWNED-NOTE\x07 c1 \x9b31m red \u202egnp.exe del\x7f"
LINK_NOTE = "link \x1b]2;PWNED-LINK\x1b\\ \x1b[2J"
WHO = "ann\x1b]0;PWNED-NAME\x07"
PASTE = "pasted \x1b]0;PWNED-PASTE\x07 and \x9b2J \u202e end"
PAYLOADS = (
    b"\x1b]0;PWNED",
    b"\x1b]2;PWNED",
    "\x9b".encode(),  # C1 CSI, as UTF-8
    "\u202e".encode(),
    b"\x1b[2Jb.db",
    b"\x7f",
)


def _pty_session(db: Path, keys: list[tuple[float, bytes]], seconds: float) -> bytes:
    """Run the reader on ``db``; after each pause, write those bytes; return all output."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 140, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "PYTHONPATH": str(ROOT),
        "NEWSMARK_ANNOTATOR": WHO,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", "--db", str(db)],
        stdin=follower, stdout=follower, stderr=follower, env=env, cwd=db.parent,
        start_new_session=True,
    )  # fmt: skip
    os.close(follower)
    output = bytearray()
    started = time.monotonic()
    queue = list(keys)
    next_at = None
    try:
        while time.monotonic() - started < seconds:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            if b"Talks resume" not in output:
                continue
            if next_at is None:
                next_at = time.monotonic() + 2.0  # the first frame is up: let it settle
            if queue and time.monotonic() >= next_at:
                pause, data = queue.pop(0)
                os.write(leader, data)
                next_at = time.monotonic() + pause
            if not queue and next_at is not None and time.monotonic() >= next_at:
                break
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        os.close(leader)
    return bytes(output)


def test_hostile_notes_names_paths_and_pastes_never_reach_the_terminal(tmp_path: Path):
    folder = tmp_path / "evil\x1b]0;PWNED-DIR\x07"
    folder.mkdir()
    db = folder / "a\x1b[2Jb.db"
    article = parse_article(STORY, tmp_path / "story.txt")
    with Store(db) as store:
        store.import_article(article)
        start = STORY.index("agreed")
        first = store.add_annotation(article.id, start, start + 6, "claim", note=NOTE,
                                     annotator=WHO)  # fmt: skip
        start = STORY.index("Saturday")
        second = store.add_annotation(article.id, start, start + 8, "quote", annotator=WHO)
        store.add_link(first.id, second.id, note=LINK_NOTE)
        store.set_preference(WHO, "suggestions", "off")
    output = _pty_session(
        db,
        [
            (1.0, b"n"),  # the cursor on the annotation: its note in the status line
            (1.5, b"\r"),  # the editor: note, link note, the linked quote
            (1.0, b"\x1b[200~" + PASTE.encode() + b"\x1b[201~"),  # pasted into the note
            (1.5, b"\x13"),  # ctrl+s
            (1.5, b"e"),  # export: the message names the database's folder
            (2.0, b"\x11"),  # ctrl+q
        ],
        seconds=40,
    )
    assert b"Talks resume" in output, output[-2000:]
    for shown in (b"PWNED-NOTE", b"PWNED-LINK", b"PWNED-PASTE", b"PWNED-DIR"):
        assert shown in output, shown  # each was on screen, as visible characters
    for payload in PAYLOADS:
        assert payload not in output, (payload, output[output.find(payload) - 200 :][:400])
    with Store(db) as store:
        saved = store.get_annotation(first.id).note
    assert "pasted" in saved, saved  # the paste arrived, as visible characters
    assert "\x1b" not in saved.replace(NOTE, "") and "\u202e" not in saved.replace(NOTE, "")
    assert (folder / "a\x1b[2Jb-annotations.csv").exists()  # the export ran
