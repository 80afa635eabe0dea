"""Every highlight, selection, cursor and find style reads at WCAG AA (4.5:1) in every
theme newsmark offers, computed from the styles Textual resolves for the reader.

The formula is written out here, apart from the app's own (tui/ui/palette.py),
so that a wrong formula there cannot pass by agreeing with itself.
"""

from __future__ import annotations

import itertools

import pytest
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME

from tests.ui.conftest import AppFactory
from tui.ui.annotation_table import AnnotationTable
from tui.ui.app import NewsmarkApp
from tui.ui.article_view import LABEL_SLOTS, ArticleView

AA = 4.5
BLOCKS = ("heading", "list_item", "quote-block")  # drawn first: the block the row is in
INLINE = ("emphasis", "strong", "link", "code")  # then Markdown's inline styles
HIGHLIGHTS = (  # then annotations, link emphasis, the link being made, find, selection
    *(f"label-{slot}" for slot in range(LABEL_SLOTS)),
    "linked",
    "link-source",
    "find",
    "selection",
)


def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG 2.2 relative luminance: sRGB channels linearised, weighted 0.2126/0.7152/0.0722."""
    linear = []
    for channel in rgb:
        value = channel / 255
        linear.append(value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = linear
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def ratio(style: Style) -> float:
    """Contrast of the text drawn in ``style``: (L1 + 0.05) / (L2 + 0.05), L1 the lighter."""
    assert style.color is not None and style.bgcolor is not None, style
    fg = tuple(style.color.get_truecolor(DEFAULT_TERMINAL_THEME))
    bg = tuple(style.bgcolor.get_truecolor(DEFAULT_TERMINAL_THEME))
    if style.reverse:
        fg, bg = bg, fg
    light, dark = sorted((luminance(fg), luminance(bg)), reverse=True)  # type: ignore[arg-type]
    return (light + 0.05) / (dark + 0.05)


def test_the_formula_on_known_pairs() -> None:
    assert ratio(Style(color="#000000", bgcolor="#ffffff")) == pytest.approx(21.0)
    assert ratio(Style(color="#777777", bgcolor="#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert ratio(Style(color="#e0e0e0", bgcolor="#fea62b")) == pytest.approx(1.49, abs=0.01)


def _stacks(view: ArticleView) -> list[tuple[str, Style]]:
    """Every style a character of the reader can get, layered in the order it renders."""
    def part(name: str | None) -> Style:
        if name is None:
            return Style()
        return view.get_component_rich_style(f"article-view--{name}", partial=True)

    focused_cursor = part("cursor")
    stacks = []
    for block, inline, highlight, extra, cursor in itertools.product(
        (None, *BLOCKS), (None, *INLINE), (None, *HIGHLIGHTS), (None, "linked"), (False, True)
    ):
        if extra and not (highlight or "").startswith("label"):
            continue  # link emphasis is drawn over an annotation only
        style = view.rich_style + part(block) + part(inline) + part(highlight) + part(extra)
        if cursor:
            style += focused_cursor
        name = "+".join(str(item) for item in (block, inline, highlight, extra, cursor) if item)
        stacks.append((name or "body", style))
    stacks.append(("gutter", view.rich_style + part("gutter")))
    return stacks


async def test_every_shipped_theme_reads_at_aa(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        themes = sorted(app.available_themes)
        assert {"textual-dark", "textual-light"} <= set(themes)
        await pilot.press("L")  # the list's cursor row too
        await pilot.pause()
        failures = []
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            view = app.views[0]
            view.focus()
            await pilot.pause()
            for name, style in _stacks(view):
                if ratio(style) < AA:
                    failures.append(f"{theme}: {name} {ratio(style):.2f}")
            table = app.query_one(AnnotationTable)
            for component in ("annotation-table--cursor", "annotation-table--orphaned"):
                style = table.rich_style + table.get_component_rich_style(component, partial=True)
                if ratio(style) < AA:
                    failures.append(f"{theme}: {component} {ratio(style):.2f}")
            for title in app.query(".pane-title"):
                if ratio(title.rich_style) < AA:
                    failures.append(f"{theme}: pane title {ratio(title.rich_style):.2f}")
        assert failures == []


async def test_every_label_slot_and_highlight_reads_without_colour(make_app: AppFactory) -> None:
    """Each label has a text style, and inconsistency reads as emphasis, not as deleted."""
    app = make_app()
    async with app.run_test(size=(160, 40)):
        view = app.views[0]
        for slot in range(LABEL_SLOTS):
            style = view.get_component_rich_style(f"article-view--label-{slot}", partial=True)
            assert style.bold or style.italic or style.underline, slot
            assert not style.strike, slot
        inconsistency = app.labels.index("inconsistency")
        style = view.get_component_rich_style(
            f"article-view--label-{inconsistency}", partial=True
        )
        assert style.bold and not style.strike and not style.dim


def test_only_checked_themes_are_offered(make_app: AppFactory) -> None:
    app: NewsmarkApp = make_app()
    assert set(app.available_themes) == set(NewsmarkApp.THEMES)


async def test_highlights_are_styled_when_first_drawn_and_follow_a_theme_change(
    make_app: AppFactory,
) -> None:
    """The reader resolves a highlight's style when a row first needs it, not all 22 each
    time Textual restyles it (start-up time, issue 10); a new theme redraws every row."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        view = app.views[0]
        view.select_range(0, 20)
        await pilot.press("c")  # a claim on the first row: label slot 0
        await pilot.pause()
        resolved = set(view._component_styles)
        assert {"article-view--gutter", "article-view--label-0"} <= resolved
        assert "article-view--find" not in resolved  # nothing was found: never resolved

        def claim_backgrounds() -> set[object]:
            strip = view.render_line(0)
            claim = view.get_component_rich_style("article-view--label-0", partial=True)
            return {seg.style.bgcolor for seg in strip if seg.style and seg.text.strip()} & {
                claim.bgcolor
            }

        dark = view.get_component_rich_style("article-view--label-0", partial=True).bgcolor
        assert claim_backgrounds() == {dark}
        app.theme = "textual-light"
        await pilot.pause()
        light = view.get_component_rich_style("article-view--label-0", partial=True).bgcolor
        assert light != dark
        assert claim_backgrounds() == {light}
