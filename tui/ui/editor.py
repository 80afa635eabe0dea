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
        if delete:
            return EditorResult(delete=True)
        index = self.query_one(RadioSet).pressed_index
        label = self.labels[index] if index >= 0 else self.annotation.label
        note = self.query_one(TextArea).text
        links = {link.id: link for link, _ in self.links}
        unlink = tuple(
            links[str(box.id).removeprefix("unlink-")]
            for box in self.query(Checkbox)
            if box.value
        )
        link_notes = tuple(
            (link, field.value)
            for field in self.query(".link-note").results(Input)
            if (link := links[str(field.id).removeprefix("link-note-")]).note != field.value
            and link not in unlink
        )
        return EditorResult(
            label=None if label == self.annotation.label else label,
            note=None if note == self.annotation.note else note,
            unlink=unlink,
            link_notes=link_notes,
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
