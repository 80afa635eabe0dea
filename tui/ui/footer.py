"""The footer: the screen's keys on the left, help and quit pinned on the right.

Textual's footer drops whatever does not fit; at 80 columns that was help and
quit, the two keys a new user needs most. Here they sit in a group docked to
the right that the other keys never push off. Each screen (dialogs too) has
its own footer, so the reader's keys never show under a dialog where they do
nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

PINNED_ACTIONS = ("help", "quit", "command_palette")
# What a narrow footer shows first: tagging is what the reader is for.
FIRST_ACTIONS = ("tag", "link", "find", "undo", "toggle_list", "export")


def _rank(widget: Widget) -> int:
    action = widget.action.split("(")[0] if isinstance(widget, FooterKey) else ""
    return FIRST_ACTIONS.index(action) if action in FIRST_ACTIONS else len(FIRST_ACTIONS)


class NewsmarkFooter(Footer):
    """A footer whose help, quit and palette keys stay visible at any width."""

    DEFAULT_CSS = """
    NewsmarkFooter > .footer-pinned {
        dock: right;
        width: auto;
        height: 1;
        border-left: vkey $foreground 20%;
        background: $footer-background;
    }
    NewsmarkFooter > .footer-pinned > FooterKey {
        margin-right: 1;
    }
    """

    _recompose_pending = False

    def bindings_changed(self, screen: Screen[object]) -> None:
        """As Textual's footer, but one recompose for any number of changes before it runs:
        focus and screen changes at start-up each announced new bindings, and each
        recompose mounted every key again."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._recompose_pending:
            self._recompose_pending = True
            self.call_after_refresh(self._recompose_once)

    async def _recompose_once(self) -> None:
        self._recompose_pending = False  # a change from here on needs a recompose of its own
        await self.recompose()

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            # Nothing before the screen's bindings are known, as Textual's footer: the
            # first frame's pinned keys were built, styled and drawn only to be replaced
            # by the recompose that follows at once.
            return
        keys = [widget for widget in super().compose() if not widget.has_class("-command-palette")]
        yield from map(self._as_footer_is, sorted(keys, key=_rank))  # stable: Textual's order
        pinned = [self._as_footer_is(key) for key in self._pinned()]
        if pinned:
            yield HorizontalGroup(*pinned, classes="footer-pinned")

    def _as_footer_is(self, widget: Widget) -> Widget:
        """A key compact as the footer is before it mounts: a FooterKey starts compact and
        its binding to the footer then switches it, restyling each key twice."""
        if isinstance(widget, FooterKey):
            widget.set_reactive(FooterKey.compact, self.compact)
            widget.set_class(self.compact, "-compact", update=False)
        return widget

    def _pinned(self) -> Iterable[Widget]:
        active = self.screen.active_bindings
        # A dialog's bindings stop at the dialog; the app's priority keys (quit) still work.
        candidates: list[tuple[Binding, bool]] = [
            (bound.binding, bound.enabled) for bound in active.values()
        ]
        candidates += [
            (binding, True)
            for binding in self.app.BINDINGS
            if isinstance(binding, Binding) and binding.priority
        ]
        for action in PINNED_ACTIONS:
            for binding, enabled in candidates:
                if binding.action in (action, f"app.{action}"):
                    yield FooterKey(
                        binding.key,
                        self.app.get_key_display(binding),
                        binding.description,
                        binding.action,
                        disabled=not enabled,
                        tooltip=binding.tooltip or binding.description,
                    ).data_bind(compact=Footer.compact)
                    break
