"""`?`: the reader's keys, grouped by what the analyst is doing, each with a plain sentence.

Generated from the bindings themselves (their ``tooltip`` is the sentence), so
a new key, or a new label from the label table, shows here with no edit to
this module; a binding without a group or a sentence fails a test.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from .footer import NewsmarkFooter

GROUPS = ("Select", "Tag", "Link", "Suggest", "Navigate", "Edit", "Export", "View")
GROUP_OF_ACTION = {
    "toggle_selecting": "Select",
    "select_sentence": "Select",
    "copy": "Select",
    "cancel": "Select",
    "tag": "Tag",
    "link": "Link",
    "goto_linked": "Link",
    "move": "Navigate",
    "next_annotation": "Navigate",
    "previous_annotation": "Navigate",
    "find": "Navigate",
    "find_again": "Navigate",
    "find_everywhere": "Navigate",
    "app.focus_next": "Navigate",
    "app.focus_previous": "Navigate",
    "edit": "Edit",
    "delete": "Edit",
    "undo": "Edit",
    "redo": "Edit",
    "adjust": "Edit",
    "export": "Export",
    "toggle_suggestions": "Suggest",
    "next_suggestion": "Suggest",
    "previous_suggestion": "Suggest",
    "accept_suggestion": "Suggest",
    "accept_all_suggestions": "Suggest",
    "dismiss_suggestion": "Suggest",
    "compare": "Suggest",
    "toggle_list": "View",
    "choose_articles": "View",
    "refresh_from_db": "View",
    "help": "View",
    "quit": "View",
    "command_palette": "View",
}
KEY_NAMES = {"enter": "enter", "escape": "esc", "delete": "delete"}
# Panes are Textual's focus chain: their keys are the screen's, described here.
PANE_KEYS = (
    Binding("tab", "app.focus_next", "Next pane", tooltip="the next article pane"),
    Binding("shift+tab", "app.focus_previous", "Previous pane", tooltip="the previous pane"),
)


def key_text(binding: Binding) -> str:
    """``ctrl+shift+→``: modifiers spelt out, the key as a symbol where it has one."""
    if binding.key_display:
        return binding.key_display
    *modifiers, key = binding.key.split("+") if binding.key != "+" else ["+"]
    return "+".join([*modifiers, KEY_NAMES.get(key) or format_key(key)])


def action_name(action: str) -> str:
    return action.split("(")[0]


def group_of(binding: Binding) -> str | None:
    if action_name(binding.action) == "move" and binding.action.endswith("True)"):
        return "Select"  # shift + a move: extends the selection
    return GROUP_OF_ACTION.get(action_name(binding.action))


@dataclass(frozen=True)
class HelpLine:
    keys: str
    text: str


def _is_extend(binding: Binding) -> bool:
    return action_name(binding.action) == "move" and binding.action.endswith("True)")


def help_lines(bindings: Iterable[Binding]) -> list[tuple[str, list[HelpLine]]]:
    """Groups in ``GROUPS`` order, each with its lines: keys of one action share a line,
    and the app's own keys come before the plain cursor moves."""
    merged: dict[tuple[str, str], list[Binding]] = {}
    for binding in bindings:
        explanation = binding.tooltip or binding.description
        merged.setdefault((binding.action, explanation), []).append(binding)
    grouped: dict[str, list[tuple[bool, HelpLine]]] = {group: [] for group in GROUPS}
    extends: list[Binding] = []
    for (action, explanation), same in merged.items():
        group = group_of(same[0])
        if group is None:
            continue
        if _is_extend(same[0]):
            extends.extend(same)
            continue
        keys = " / ".join(dict.fromkeys(key_text(binding) for binding in same))
        is_move = action_name(action) == "move"
        grouped[group].append((is_move, HelpLine(keys, explanation)))
    if extends:
        grouped["Select"].append(
            (
                True,
                HelpLine(
                    "shift + a move",
                    "extend the selection as far as the move goes: "
                    + ", ".join(key_text(binding) for binding in extends),
                ),
            )
        )
    return [
        (group, [line for _, line in sorted(lines, key=lambda item: item[0])])
        for group, lines in grouped.items()
        if lines
    ]


class HelpScreen(ModalScreen[None]):
    """The keys, grouped; scrolls at 80x24; Esc, `?`, F1 or `q` closes it."""

    BINDINGS = [
        Binding("escape,question_mark,f1,q", "close", "Close", key_display="esc"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
    }
    #help {
        width: 100%;
        max-width: 100;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #help-title {
        dock: top;  /* docked: the body's max-height: 1fr is then what is left */
        text-style: bold;
        color: $text-primary;
        margin-bottom: 1;
    }
    #help-body {
        height: auto;
        max-height: 1fr;
    }
    .help-group {
        text-style: bold;
        color: $text-primary;
    }
    .help-line {
        height: auto;
    }
    .help-keys {
        width: 20;
        padding-left: 2;
        text-style: bold;
    }
    .help-text {
        width: 1fr;
    }
    """

    def __init__(self, bindings: Iterable[Binding]) -> None:
        super().__init__()
        self.groups = help_lines([*bindings, *PANE_KEYS])

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(
                Content("newsmark keys · every change is saved at once · Esc closes"),
                id="help-title",
            )
            with VerticalScroll(id="help-body"):
                for group, lines in self.groups:
                    yield Static(Content(group), classes="help-group")
                    for line in lines:  # keys and label names are data: never markup
                        with Horizontal(classes="help-line"):
                            yield Static(Content(line.keys), classes="help-keys")
                            yield Static(Content(line.text), classes="help-text")
        yield NewsmarkFooter()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
