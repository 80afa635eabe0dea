"""The annotation editor (Enter on an annotation): label, note, delete, unlink."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
    TextArea,
)

from ..core.models import Annotation, Link
from .status import shorten


@dataclass(frozen=True)
class EditorResult:
    annotation_id: str
    label: str
    note: str
    delete: bool = False
    unlink: tuple[str, ...] = field(default=())
    link_notes: tuple[tuple[str, str], ...] = field(default=())  # (link id, changed note)


class EditorScreen(ModalScreen[EditorResult | None]):
    """ctrl+s saves, Esc cancels; nothing is written until then, and then in one step each."""

    BINDINGS = [
        Binding("escape", "dismiss_editor", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

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
            yield Static(Content(f"«{shorten(self.annotation.text, 200)}»"), id="editor-quote")
            with RadioSet(id="editor-label"):
                for label in self.labels:
                    yield RadioButton(label, value=label == self.annotation.label)
            yield Label("Note")
            yield TextArea(self.annotation.note, id="editor-note", soft_wrap=True)
            for link, other in self.links:
                with Horizontal(classes="editor-link"):
                    yield Checkbox(
                        Content(f"unlink {link.kind} «{shorten(other.text, 40)}»"),
                        id=f"unlink-{link.id}",
                        classes="unlink",
                    )
                    yield Input(
                        link.note,
                        placeholder="link note",
                        id=f"link-note-{link.id}",
                        classes="link-note",
                    )
            with Horizontal(id="editor-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Delete", id="delete", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def _result(self, delete: bool = False) -> EditorResult:
        radio = self.query_one(RadioSet)
        index = radio.pressed_index
        label = self.labels[index] if index >= 0 else self.annotation.label
        unlink = tuple(
            str(box.id).removeprefix("unlink-") for box in self.query(Checkbox) if box.value
        )
        notes = {link.id: link.note for link, _ in self.links}
        link_notes = tuple(
            (key, field.value)
            for field in self.query(".link-note").results(Input)
            if notes.get(key := str(field.id).removeprefix("link-note-")) != field.value
        )
        return EditorResult(
            self.annotation.id, label, self.query_one(TextArea).text, delete, unlink, link_notes
        )

    def action_save(self) -> None:
        self.dismiss(self._result())

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
