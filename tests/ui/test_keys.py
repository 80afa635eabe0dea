"""Keys as a real terminal sends them, ctrl+c, and `g` through every counterpart."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tests.ui.conftest import AppFactory, settle
from tests.ui.terminal import parsed_keys, terminal_key, xterm_bytes
from tui.ui.app import NewsmarkApp
from tui.ui.article_view import ArticleView

SIZE = (160, 40)


@pytest.mark.parametrize(
    ("key", "sequence", "parsed"),
    [
        ("ctrl+shift+right", "\x1b[1;6C", "ctrl+shift+right"),
        ("shift+ctrl+right", "\x1b[1;6C", "ctrl+shift+right"),  # the order a user thinks of
        ("ctrl+shift+home", "\x1b[1;6H", "ctrl+shift+home"),
        ("shift+pagedown", "\x1b[6;2~", "shift+pagedown"),
        ("shift+tab", "\x1b[Z", "shift+tab"),
        ("f3", "\x1bOR", "f3"),
        ("ctrl+c", "\x03", "ctrl+c"),
        ("N", "N", "N"),
        ("question_mark", "?", "question_mark"),
    ],
)
def test_encoder_matches_what_tmux_sends(key: str, sequence: str, parsed: str) -> None:
    """The encoder is checked against sequences copied from tmux and xterm."""
    assert xterm_bytes(key) == sequence
    assert parsed_keys(sequence) == [parsed]


def _ours(node: object) -> bool:
    """Keys the reader offers (its app, screens, widgets, and the screen's tab / shift+tab),
    not the editing keys of a Textual text field inside a dialog."""
    if isinstance(node, Input | TextArea):  # ours only to sanitise what is pasted
        return False
    return type(node).__module__.startswith("tui.") or isinstance(node, Screen)


def _unreachable(app: App[None]) -> list[str]:
    """Bound keys whose terminal bytes parse to a key that is not bound to the same action."""
    active = app.screen.active_bindings
    missing = []
    for key, bound in active.items():
        if not _ours(bound.node) or key.startswith("super+"):  # super: kitty protocol only
            continue
        arrives = terminal_key(key)
        got = active.get(arrives)
        if got is None or got.binding.action != bound.binding.action:
            missing.append(f"{key} arrives as {arrives}")
    return missing


async def test_every_reader_key_arrives_from_a_real_terminal(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, ArticleView)
        assert _unreachable(app) == []
        await pilot.press("L")  # the list has keys of its own
        await pilot.pause()
        assert _unreachable(app) == []


async def test_every_dialog_key_arrives_from_a_real_terminal(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.views[0]
        await pilot.press("s", "c")
        await pilot.pause()
        for opener in ("enter", "o", "question_mark"):
            await pilot.press(opener)
            await pilot.pause()
            assert app.screen is not app.screen_stack[0], opener
            assert _unreachable(app) == [], opener
            await pilot.press("escape")
            await pilot.pause()
            assert app.focused is reader


async def test_ctrl_shift_arrows_from_tmux_select_by_word(make_app: AppFactory) -> None:
    """tmux sends ESC [1;6C for C-S-Right: Textual calls it ctrl+shift+right."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.views[0]
        text = reader.document.text
        start = text.index("Esmaeil Baghaei")
        reader.set_cursor(start)
        await pilot.press(*[terminal_key("shift+ctrl+right")] * 2)
        assert reader.selection is not None
        assert text[slice(*reader.selection)].strip() == "Esmaeil Baghaei"
        await pilot.press(terminal_key("ctrl+shift+left"))
        assert text[slice(*reader.selection)].strip() == "Esmaeil"
        await pilot.press(terminal_key("ctrl+shift+home"))
        assert reader.selection == (0, start)  # the anchor stays where shift+ began
        reader.set_cursor(start)
        await pilot.press(terminal_key("ctrl+shift+end"))
        assert reader.selection == (start, len(text))


async def test_ctrl_c_copies_the_selection_and_says_so(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        reader = app.views[0]
        text = reader.document.text
        start = text.index("Esmaeil Baghaei")
        reader.select_range(start, start + len("Esmaeil Baghaei"))
        await pilot.press(terminal_key("ctrl+c"))
        await pilot.pause()
        assert app.clipboard == "Esmaeil Baghaei"
        messages = [str(note.message) for note in app._notifications]
        assert any("Copied 15 characters" in message for message in messages)
        assert reader.selection is not None  # copying keeps the selection


async def test_ctrl_c_without_a_selection_says_how_to_quit(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(terminal_key("ctrl+c"))
        await pilot.pause()
        messages = [str(note.message) for note in app._notifications]
        assert any("ctrl+q" in message for message in messages)
        assert app.is_running


async def _three_linked(app: NewsmarkApp, pilot) -> tuple[str, str, str]:
    """One inconsistency on the left linked to two spans on the right: their quotes."""
    left, right = app.views
    source, first, second = "Esmaeil Baghaei", "Steven Witkoff", "Abbas Araghchi"
    for counterpart in (first, second):
        start = left.document.text.index(source)
        left.focus()
        left.set_cursor(start)
        if left.annotation_at_cursor() is None:
            left.select_range(start, start + len(source))
        await pilot.press("l", "tab")
        at = right.document.text.index(counterpart)
        right.select_range(at, at + len(counterpart))
        await pilot.press("l")
        await pilot.pause()
    return source, first, second


def _quote_at_cursor(app: NewsmarkApp) -> str:
    view = app.active_view
    assert view is not None
    annotation = view.annotation_at_cursor()
    assert annotation is not None
    return annotation.text


async def test_g_cycles_through_every_counterpart_and_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        source, first, second = await _three_linked(app, pilot)
        left = app.views[0]
        left.focus()
        left.set_cursor(left.document.text.index(source))
        await pilot.pause()
        seen = []
        for _ in range(4):
            await pilot.press("g")
            await settle(pilot, lambda: app.focused is not None)
            await pilot.pause()
            seen.append(_quote_at_cursor(app))
        assert seen == [first, second, source, first]


async def test_g_from_a_counterpart_goes_back_to_its_source(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        source, _first, second = await _three_linked(app, pilot)
        right = app.views[1]
        right.focus()
        right.set_cursor(right.document.text.index(second))
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert _quote_at_cursor(app) == source
        await pilot.press("g")  # the source has two counterparts: on to the next one
        await pilot.pause()
        assert _quote_at_cursor(app) != source


def test_terminal_helper_refuses_keys_it_cannot_encode(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        xterm_bytes("ctrl+shift+a")
