"""The annotation editor (Enter on an annotation): label, note, delete, unlink."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from ..core.models import Annotation, Link
from ..core.text import safe
from .choices import ChoiceList, Tick
from .footer import NewsmarkFooter
from .safe_fields import SafeInput
from .status import shorten


@dataclass(frozen=True)
class EditorResult:
    """Only what the user changed: ``None`` / empty for what they left alone, so a save
    never writes back a field someone else changed meanwhile."""

    label: str | None = None
    note: str | None = None
    delete: bool = False
    unlink: tuple[Link, ...] = field(default=())
    link_notes: tuple[tuple[Link, str], ...] = field(default=())  # (link as shown, new note)

    @property
    def is_empty(self) -> bool:
        return (
            self.label is None
            and self.note is None
            and not self.delete
            and not self.unlink
            and not self.link_notes
        )


class EditorScreen(ModalScreen[EditorResult | None]):
    """ctrl+s saves, Esc cancels; nothing is written until then, and then in one step.

    The fields scroll and the buttons stay below them, so the dialog fits a
    80x24 terminal whatever the length of the quote or the number of links.
    Each link is a block of its own: the counterpart's quote wraps above a
    full-width note, so a long quote never pushes the note off screen.
    """

    BINDINGS = [
        Binding("escape", "dismiss_editor", "Cancel", tooltip="close without saving"),
        Binding("ctrl+s", "save", "Save", tooltip="save what you changed, as one undo step"),
    ]

    DEFAULT_CSS = """
    EditorScreen {
        align: center middle;
    }
    #editor {
        width: 100%;
        max-width: 90;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #editor-body {
        height: auto;
        max-height: 1fr;
    }
    #editor-quote {
        max-height: 5;
        margin-bottom: 1;
    }
    #editor-body > Label {
        text-style: bold;
    }
    /* compact fields: a background says where to type, a brighter one where you are */
    #editor-body Input, #editor-body TextArea {
        background: $panel;
    }
    #editor-body Input:focus, #editor-body TextArea:focus {
        background: $primary-muted;
    }
    #editor-note {
        height: 4;
    }
    .editor-link {
        height: auto;
        margin-top: 1;
    }
    .editor-link .link-quote {
        color: $text-muted;
    }
    .editor-link .link-fields {
        height: auto;
    }
    .editor-link .link-note {
        width: 1fr;
    }
    #editor-buttons {
        dock: bottom;  /* with the body's max-height: 1fr, always on screen */
        height: 1;
        margin-top: 1;
    }
    #editor-buttons Button {
        margin-right: 2;
    }
    """

    def __init__(
        self,
        annotation: Annotation,
        labels: Sequence[str],
        links: Sequence[tuple[Link, Annotation]],
    ) -> None:
        super().__init__()
        self.annotation = annotation
        self.labels = list(labels)
        self.links = list(links)

    def compose(self) -> ComposeResult:
        with Vertical(id="editor"):
            with VerticalScroll(id="editor-body"):
                yield Static(Content(f"«{shorten(self.annotation.text, 300)}»"), id="editor-quote")
                yield Label("Label")
                yield ChoiceList(
                    [(label, label) for label in self.labels],
                    [self.annotation.label],
                    id="editor-label",
                    compact=True,
                )
                yield Label("Note")
                yield SafeTextArea(
                    self.annotation.note, id="editor-note", soft_wrap=True, compact=True
                )
                if self.links:
                    yield Label(f"Links ({len(self.links)}): a note on each, or unlink it")
                for link, other in self.links:
                    with Vertical(classes="editor-link"):
                        yield Static(
                            Content(f"↔ {link.kind} «{shorten(other.text, 160)}»"),
                            classes="link-quote",
                        )
                        with Horizontal(classes="link-fields"):
                            yield SafeInput(
                                link.note,
                                placeholder="note on this link",
                                id=f"link-note-{link.id}",
                                classes="link-note",
                                compact=True,
                            )
                            yield Tick("unlink", id=f"unlink-{link.id}")
            with Horizontal(id="editor-buttons"):
                yield Button("Save ^s", id="save", variant="primary", compact=True)
                yield Button("Delete", id="delete", variant="error", compact=True)
                yield Button("Cancel esc", id="cancel", compact=True)
        yield NewsmarkFooter()

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _result(self, delete: bool = False) -> EditorResult:
        if delete:
            return EditorResult(delete=True)
        chosen = self.query_one(ChoiceList).chosen
        label = chosen[0] if chosen else self.annotation.label
        note = self.query_one(TextArea).text
        links = {link.id: link for link, _ in self.links}
        unlink = tuple(
            links[str(tick.id).removeprefix("unlink-")] for tick in self.query(Tick) if tick.value
        )
        link_notes = tuple(
            (link, field.value)
            for field in self.query(".link-note").results(Input)
            if safe((link := links[str(field.id).removeprefix("link-note-")]).note) != field.value
            and link not in unlink
        )
        return EditorResult(
            label=None if label == self.annotation.label else label,
            note=None if note == safe(self.annotation.note, newlines=True) else note,
            unlink=unlink,
            link_notes=link_notes,
        )

    def action_save(self) -> None:
        self.dismiss(self._result())

    @property
    def unsaved(self) -> bool:
        return not self._result().is_empty

    def action_dismiss_editor(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        elif event.button.id == "delete":
            self.dismiss(self._result(delete=True))
        else:
            self.dismiss(None)


class SafeTextArea(TextArea):
    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(safe(text, newlines=True), *args, **kwargs)

    async def _on_paste(self, event: events.Paste) -> None:
        # Sanitise only: Textual then calls TextArea's own handler (it walks the class
        # hierarchy), which inserts the text; calling it here too pasted it twice.
        event.text = safe(event.text, newlines=True)
