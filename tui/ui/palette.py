"""Ink: the text colour that reads on a theme colour, chosen by WCAG contrast.

Component styles of a Line API widget are turned into Rich styles that drop
alpha and ignore ``color: auto``, so text on a coloured highlight needs a solid
colour picked per theme: of the theme's foreground and background, the one
with the higher contrast ratio to the highlight (``$ink-on-accent`` etc.).
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.color import Color
from textual.notifications import SeverityLevel

from ..core.text import printable, safe

HIGHLIGHTS = ("accent", "warning", "success", "error", "primary", "secondary")


def relative_luminance(color: Color) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(first: Color, second: Color) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def inks(variables: Mapping[str, str]) -> dict[str, str]:
    """``ink-on-NAME`` for each highlight colour the theme defines."""
    candidates = [Color.parse(variables[name]) for name in ("foreground", "background")]
    found = {}
    for name in HIGHLIGHTS:
        if name not in variables:
            continue
        background = Color.parse(variables[name])
        best = max(candidates, key=lambda ink: contrast(ink, background))
        found[f"ink-on-{name}"] = best.hex
    return found


class Inked:
    """Mixed into an App that shows an ``ArticleView``: the view's styles use the
    ``$ink-on-…`` variables, which only an app can define. Its notifications quote
    titles, notes, paths and what was typed: they pass the sanitiser, never markup."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        super().notify(  # type: ignore[misc]
            safe(message, newlines=True),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_css_variables(self) -> dict[str, str]:
        variables: dict[str, str] = super().get_css_variables()  # type: ignore[misc]
        return {**variables, **inks(variables)}
