"""The reader's keys: the app's bindings and one per label, each with the sentence `?` shows.

Kept apart from the app so that the key table reads as one list; the help
screen (tui/ui/help.py) groups these by what the analyst is doing.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding, BindingType

from ..core.models import Label
from ..core.text import printable


def _edge_bindings() -> list[Binding]:
    """`[` `]` `{` `}` by a character, `(` `)` `<` `>` by a word: an annotation's ends."""
    keys = (
        ("[", "start", -1, False),
        ("]", "start", 1, False),
        ("{", "end", -1, False),
        ("}", "end", 1, False),
        ("(", "start", -1, True),
        (")", "start", 1, True),
        ("<", "end", -1, True),
        (">", "end", 1, True),
    )
    return [
        Binding(
            key,
            f"adjust({edge!r}, {step}, {by_word})",
            f"{edge.title()}{' word' if by_word else ''} {'→' if step > 0 else '←'}",
            show=False,
            tooltip=f"move the annotation's {edge} one {'word' if by_word else 'character'}"
            f" {'right' if step > 0 else 'left'}",
        )
        for key, edge, step, by_word in keys
    ]


APP_KEYS: list[BindingType] = [
    Binding(
        "l",
        "link",
        "Link",
        tooltip="link: press on an annotation or a selection, then on its counterpart",
    ),
    Binding(
        "g",
        "goto_linked",
        "Go to link",
        show=False,
        tooltip="go to the linked counterpart; again for the next one, then back",
    ),
    Binding("n", "next_annotation", "Next", show=False, tooltip="the next annotation"),
    Binding(
        "N", "previous_annotation", "Previous", show=False, tooltip="the previous annotation"
    ),
    Binding(
        "enter",
        "edit",
        "Edit",
        show=False,
        tooltip="edit the annotation at the cursor: label, note, link notes, delete",
    ),
    Binding(
        "x,delete",
        "delete",
        "Delete",
        show=False,
        tooltip="delete the annotation at the cursor",
    ),
    Binding("u,ctrl+z", "undo", "Undo", tooltip="undo the last change (any pane)"),
    Binding("ctrl+y", "redo", "Redo", show=False, tooltip="redo what was undone"),
    Binding(
        "slash",
        "find",
        "Find",
        key_display="/",
        tooltip="find in this article: Enter keeps the match, Esc goes back",
    ),
    Binding(
        "f3", "find_again", "Find again", show=False, tooltip="the next match in this pane"
    ),
    Binding(
        "asterisk",
        "find_everywhere",
        "Find in all",
        key_display="*",
        show=False,
        tooltip="find the selection (or the word at the cursor) in every article shown;"
        " F3 then goes on in each pane",
    ),
    Binding(
        "e",
        "export",
        "Export",
        tooltip="write the annotations and links as CSV next to the database",
    ),
    Binding(
        "L",
        "toggle_list",
        "List",
        tooltip="list every annotation: filter by label or text, Enter jumps to it",
    ),
    Binding(
        "o",
        "choose_articles",
        "Articles",
        show=False,
        tooltip="choose which articles are shown side by side",
    ),
    Binding(
        "ctrl+r",
        "refresh_from_db",
        "Refresh",
        show=False,
        tooltip="re-read the database now (it is also re-read every 2 s)",
    ),
    *_edge_bindings(),
    Binding(
        "escape",
        "cancel",
        "Cancel",
        show=False,
        tooltip="cancel the link being made, or drop the selection",
    ),
    Binding("question_mark", "help", "Help", key_display="?", show=False, tooltip="these keys"),
    Binding("f1", "help", "Help", show=False, tooltip="these keys"),
    Binding("ctrl+q", "quit", "Quit", show=False, priority=True, tooltip="quit newsmark"),
    Binding(
        "ctrl+p",
        "command_palette",
        "palette",
        show=False,
        priority=True,
        tooltip="every command by name, and the theme",
    ),
]


def label_bindings(labels: Iterable[Label]) -> list[Binding]:
    """A key per label (from the label table) and its position's digit, 1 to 9."""
    labels = list(labels)

    def explain(name: str) -> str:
        return f"tag the selection {name} (on an annotation: make it {name})"

    by_key = [
        Binding(label.key, f"tag({label.name!r})", printable(label.name.title()),
                tooltip=explain(printable(label.name)))
        for label in labels
    ]
    by_digit = [
        Binding(str(number), f"tag({label.name!r})", printable(label.name), show=False,
                tooltip=explain(printable(label.name)))
        for number, label in enumerate(labels[:9], start=1)
    ]  # fmt: skip
    return by_key + by_digit
