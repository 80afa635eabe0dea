"""Choices that read without colour: ``●``/``○`` for one of many, ``[x]``/``[ ]`` for any.

Textual's radio buttons and checkboxes draw ``▐X▌`` whether on or off and tell
the two apart by colour alone; an analyst on a monochrome terminal, a colour
blind one, or anyone over a washed-out SSH session could not see what was
chosen. Here the state is a glyph, and the highlighted row starts on the
current choice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual import events, on
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..core.text import printable

ONE = ("●", "○")  # chosen, not chosen
ANY = ("[x]", "[ ]")


class ChoiceList(OptionList):
    """Options with their state as a glyph; space, Enter or a click toggles.

    With ``multiple`` False exactly one option is chosen (a radio list).
    """

    BINDINGS = [
        Binding("space", "toggle_choice", "Toggle", key_display="space", tooltip="tick or untick")
    ]

    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 12;
    }
    """

    class Changed(Message):
        def __init__(self, choices: ChoiceList) -> None:
            super().__init__()
            self.choices = choices

        @property
        def control(self) -> ChoiceList:
            return self.choices

    def __init__(
        self,
        options: Sequence[tuple[str, str]],
        chosen: Iterable[str] = (),
        *,
        multiple: bool = False,
        id: str | None = None,
        compact: bool = False,
    ) -> None:
        """``options`` are (text shown, value); the text is plain, never markup."""
        self.values = [value for _, value in options]
        self.texts = [text for text, _ in options]
        self.multiple = multiple
        self.chosen: list[str] = [value for value in self.values if value in set(chosen)]
        if not multiple:
            self.chosen = self.chosen[:1]
        super().__init__(
            *(Option(self._prompt(index), id=value) for index, value in enumerate(self.values)),
            id=id,
            compact=compact,
        )

    def _prompt(self, index: int) -> Content:
        on, off = ANY if self.multiple else ONE
        mark = on if self.values[index] in self.chosen else off
        return Content(f"{mark} {printable(self.texts[index])}")

    def on_mount(self) -> None:
        first = next((self.values.index(value) for value in self.chosen), 0)
        self.highlighted = first if self.values else None

    def choose(self, value: str, on: bool = True) -> None:
        """Set ``value`` chosen (or not), redraw the marks, and say so."""
        before = list(self.chosen)
        if not self.multiple:
            self.chosen = [value] if on else self.chosen
        elif on and value not in self.chosen:
            self.chosen = [item for item in self.values if item in {*self.chosen, value}]
        elif not on:
            self.chosen = [item for item in self.chosen if item != value]
        if self.chosen != before:
            for index in range(len(self.values)):
                self.replace_option_prompt_at_index(index, self._prompt(index))
            self.post_message(self.Changed(self))

    def rename(self, value: str, text: str) -> None:
        """Show ``value`` as ``text`` from now on (plain text, never markup)."""
        index = self.values.index(value)
        self.texts[index] = text
        self.replace_option_prompt_at_index(index, self._prompt(index))

    @property
    def highlighted_value(self) -> str | None:
        return None if self.highlighted is None else self.values[self.highlighted]

    def action_toggle_choice(self) -> None:
        if self.highlighted is None:
            return
        value = self.values[self.highlighted]
        self.choose(value, on=not self.multiple or value not in self.chosen)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on an option."""
        event.stop()
        self.action_toggle_choice()


class Tick(Widget, can_focus=True):
    """One yes/no choice drawn ``[x] label`` or ``[ ] label``; space, Enter or a click."""

    BINDINGS = [Binding("space,enter", "toggle_choice", "Toggle", show=False)]

    DEFAULT_CSS = """
    Tick {
        width: auto;
        height: 1;
        padding: 0 1;
    }
    Tick:focus {
        background: $block-cursor-background;
        color: $block-cursor-foreground;
        text-style: bold;
    }
    """

    value = reactive(False)

    class Changed(Message):
        def __init__(self, tick: Tick) -> None:
            super().__init__()
            self.tick = tick

        @property
        def control(self) -> Tick:
            return self.tick

    def __init__(self, label: str, value: bool = False, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.set_reactive(Tick.value, value)

    def render(self) -> Content:
        return Content(f"{ANY[0] if self.value else ANY[1]} {printable(str(self.label))}")

    def watch_value(self) -> None:
        self.post_message(self.Changed(self))

    def action_toggle_choice(self) -> None:
        self.value = not self.value

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_toggle_choice()
