"""Text fields that never hold what a terminal would act on: pasted text and values from
the database (a note from a shared database, a link note) pass the sanitiser first."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from ..core.text import safe


class SafeInput(Input):
    def __init__(self, value: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(safe(value) if value else value, *args, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        # Sanitise only: Textual then calls Input's own handler (it walks the class
        # hierarchy), which inserts the text; calling it here too pasted it twice.
        event.text = safe(event.text, newlines=True)  # the first line is kept: newlines stay
