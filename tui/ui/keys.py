"""Keys queued on a widget after the focus moved on belong to where it went.

Textual forwards each key to the widget focused when the key arrives. A burst
of keys (a fast typist, a paste, tmux send-keys) is queued on one widget
before an earlier key of the burst moves the focus (`/`, `tab`, Enter).
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


def hand_back(widget: Widget, event: events.Key) -> bool:
    """If ``widget`` lost the focus, send ``event`` through the app again and say so.

    The app sends it (bindings and all) to the widget focused now; while a
    dialog that is opening has no focused widget yet, the key is dropped
    rather than run as a command behind it.
    """
    focused = widget.app.focused
    if focused is widget:
        return False
    event.stop()
    event.prevent_default()
    if focused is not None:
        widget.app.post_message(events.Key(event.key, event.character))
    return True


async def run_binding_now(widget: Widget, event: events.Key, *, text_input: bool = False) -> bool:
    """Run the key's binding at once, so that the next queued key sees what it did.

    Textual runs a binding only once the key has bubbled up to the app; by then
    the widget may have read the keys queued after it (Enter then `s`: the `s`
    would land in a find bar that Enter was about to close). A text field types
    printable keys itself, so for it only the other keys are looked up.
    """
    if text_input and event.is_printable:
        return False
    active = widget.app.active_bindings.get(event.key)
    if active is None or not active.enabled:
        return False
    event.stop()
    event.prevent_default()
    await widget.app.run_action(active.binding.action, active.node)
    return True
