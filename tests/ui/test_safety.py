"""Hostile text stays text on screen; a refused write is never shown as saved."""

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

from tests.ui.conftest import AppFactory, rows, settle
from tui.core.store import Store
from tui.core.text import is_safe
from tui.ui.annotation_list import AnnotationList
from tui.ui.annotation_table import AnnotationTable

SIZE = (120, 40)
HOSTILE = (
    "Hostile headline with [@click=app.quit]quit[/] and [bold red]markup[/bold red]\n\n"
    "Title change \x1b]0;PWNED-TITLE\x07 and \x1b]2;PWNED-TITLE2\x1b\\ here.\n"
    "Clear screen \x1b[2J\x1b[H and clipboard \x1b]52;c;SE9TVElMRQ==\x07 done.\n"
    "Link \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ and C1 CSI \x9b31m red.\n"
    "NUL \x00 BEL \x07 bidi \u202egnp.exe\u202c isolate \u2067x\u2069 zero\u200bwidth.\n"
)
# The article's own control sequences, byte for byte: none may reach the terminal.
PAYLOADS = (
    b"\x1b]0;PWNED",
    b"\x1b]2;PWNED",
    b"\x1b[2J\x1b[H and",
    b"\x1b]52;",
    b"\x1b]8;;http://evil",
    "\x9b".encode(),
    b"BEL \x07",  # (Textual ends its own OSC 22 with BEL: only the article's counts)
)


def _write_hostile(folder: Path) -> Path:
    path = folder / "hostile.txt"
    path.write_bytes(HOSTILE.encode("utf-8"))
    return path


async def test_markup_shows_literally_and_no_control_character_is_rendered(
    make_app: AppFactory, tmp_path: Path
):
    app = make_app([_write_hostile(tmp_path)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.is_running  # [@click=app.quit] did not quit
        view = app.views[0]
        shown = []
        for y in range(view.scrollable_content_region.height):
            strip = view.render_line(y)
            shown.append("".join(segment.text for segment in strip))
        screen_text = "\n".join(shown)
        title = str(app.query_one(".pane-title").render())
    assert "[@click=app.quit]quit[/]" in screen_text
    assert "[bold red]markup[/bold red]" in title
    assert is_safe(screen_text.replace("\n", "")) and is_safe(title)
    assert "\x1b" not in screen_text and "\x9b" not in screen_text
    assert "␛]0;PWNED-TITLE␇" in screen_text  # visible, as control pictures


def test_hostile_article_writes_no_payload_to_a_real_terminal(tmp_path: Path):
    """Run the app in a pseudo-terminal and read every byte it writes."""
    path = _write_hostile(tmp_path)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", str(path), "--db", str(tmp_path / "a.db")],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    )
    os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + 20
    quit_sent = False
    started = time.monotonic()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        if not quit_sent and b"Hostile headline" in output and time.monotonic() - started > 2:
            os.write(leader, b"\x11")  # ctrl+q
            quit_sent = True
        if process.poll() is not None:
            break
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    os.close(leader)
    assert b"Hostile headline" in output, output[-2000:]
    for payload in PAYLOADS:
        assert payload not in output, payload


async def test_a_write_the_disk_refuses_is_not_shown_as_saved(make_app: AppFactory, db_path: Path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        view = app.views[0]
        pages = app.store.conn.execute("PRAGMA page_count").fetchone()[0]
        app.store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now "full"
        filler = "x" * 200_000  # needs new pages: the insert fails with SQLITE_FULL
        start = view.document.text.index("Esmaeil")
        view.select_range(start, start + 7)
        original = app.store.add_annotation

        def add_with_big_note(*args, **kwargs):
            return original(*args, **{**kwargs, "note": filler})

        app.store.add_annotation = add_with_big_note  # type: ignore[method-assign]
        await pilot.press("c")
        await pilot.pause()
        assert len(view.annotations) == 0
        assert view.selection == (start, start + 7)  # kept, so the user can try again
        messages = [str(note.message) for note in app._notifications]
        assert any("nothing was saved" in message for message in messages), messages
    assert rows(db_path) == []


async def test_a_changed_article_reanchors_and_lists_orphans(make_app: AppFactory, tmp_path: Path):
    article = tmp_path / "story.txt"
    article.write_text(
        "Talks resume\n\nThe talks will resume on Saturday in Muscat. Oman will host them.\n"
        "Officials said the mood was good.\n",
        encoding="utf-8",
    )
    app = make_app([article])
    async with app.run_test(size=SIZE):
        view = app.views[0]
        text = view.document.text
        for quote in ("resume on Saturday", "Oman will host them."):
            start = text.index(quote)
            view.select_range(start, start + len(quote))
            app.action_tag("claim")
    article.write_text(
        "Talks resume\n\nAfter a pause, the talks will resume on Saturday in Muscat.\n"
        "Officials said the mood was good.\n",
        encoding="utf-8",
    )
    again = make_app([article])
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [str(note.message) for note in again._notifications]
        assert any("0 annotation(s) moved, 1 orphaned" in m or "1 orphaned" in m for m in messages)
        view = again.views[0]
        [anchored] = view.annotations.items
        assert anchored.text == "resume on Saturday"
        assert view.document.text[anchored.start : anchored.end] == anchored.text
        await pilot.press("L")
        panel = again.query_one(AnnotationList)
        table = panel.query_one(AnnotationTable)
        await settle(pilot, lambda: table.row_count == 2)
        shown = [table.render_line(y).text for y in range(table.row_count)]
        assert any("ORPHANED Oman will host them." in line for line in shown), shown
    with Store(again.db_path) as store:
        orphans = [item for item in store.annotations() if item.orphaned]
    assert [item.text for item in orphans] == ["Oman will host them."]
