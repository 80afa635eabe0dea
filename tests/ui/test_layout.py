"""Small terminals: the annotation list never squeezes an article below reading width."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import AppFactory, settle
from tui.ui.annotation_list import AnnotationList
from tui.ui.annotation_table import AnnotationTable
from tui.ui.article_view import GUTTER
from tui.ui.layout import LIST_MIN, PANE_MIN, list_layout

READABLE = PANE_MIN - GUTTER - 2  # columns of text: the gutter, a scrollbar and a border aside


def text_width(view) -> int:
    return view.scrollable_content_region.width - GUTTER


@pytest.mark.parametrize(
    ("width", "panes", "expected"),
    [(200, 2, (2, 72)), (160, 2, (2, 60)), (100, 2, (1, 50)), (80, 2, (1, 40)), (60, 2, (0, 60))],
)
def test_list_layout_keeps_panes_readable(width: int, panes: int, expected: tuple[int, int]):
    assert list_layout(width, panes, list_open=True) == expected
    assert list_layout(width, panes, list_open=False) == (panes, 0)


@pytest.mark.parametrize(("size", "panes_beside"), [((80, 24), 1), ((100, 30), 1), ((200, 50), 2)])
async def test_the_list_takes_a_panes_place_rather_than_squeeze_articles(
    make_app: AppFactory, size: tuple[int, int], panes_beside: int
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        _left, right = app.views
        await pilot.press("tab", "L")  # the article being read (right) stays on screen
        await pilot.pause()
        panel = app.query_one(AnnotationList)
        shown = [view for view in app.views if view.parent is not None and view.parent.display]
        assert len(shown) == panes_beside
        assert right in shown
        for view in shown:
            assert text_width(view) >= READABLE, (size, text_width(view))
        assert panel.outer_size.width >= LIST_MIN
        assert sum(v.parent.outer_size.width for v in shown) + panel.outer_size.width <= size[0]
        await pilot.press("escape")  # closed: every article is back
        await pilot.pause()
        assert all(view.parent.display for view in app.views)
        assert app.focused is right


async def test_choosing_a_row_of_a_hidden_article_brings_its_pane_back(
    make_app: AppFactory, db_path: Path
):
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        left = app.views[0]
        start = left.document.text.index("Esmaeil Baghaei")
        left.select_range(start, start + len("Esmaeil Baghaei"))
        await pilot.press("c")
        await pilot.press("tab", "L")
        table = app.query_one(AnnotationTable)
        await settle(pilot, lambda: table.row_count == 1)
        assert not left.parent.display  # the list took its place
        await pilot.press("enter")
        await pilot.pause()
        assert left.parent.display
        assert app.focused is left
        assert left.cursor == start
        assert text_width(left) >= READABLE


async def test_a_narrow_list_shows_labels_by_their_key_and_room_for_the_quote(
    make_app: AppFactory,
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        left = app.views[0]
        quote = "Iran’s Foreign Ministry spokesperson said talks"
        start = left.document.text.index(quote)
        left.select_range(start, start + len(quote))
        await pilot.press("i", "L")
        table = app.query_one(AnnotationTable)
        await settle(pilot, lambda: table.row_count == 1)
        line = table.render_line(0).text
        assert line.startswith("I ")  # the gutter's letter, not a cut-off "inconsistency"
        assert quote[:18] in line


async def test_articles_chosen_while_the_list_is_open_sit_left_of_it(
    make_app: AppFactory, tmp_path: Path
):
    """The panes and the list share one row: new panes take the place of the old ones,
    before the list, which stays open on the right."""
    paths = []
    for number in range(3):
        path = tmp_path / f"outlet-{number}.txt"
        path.write_text(f"Outlet {number} reports the talks in Muscat\n\nBody {number}.\n")
        paths.append(path)
    app = make_app(paths)
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.press("L")
        await pilot.pause()
        panel = app.query_one(AnnotationList)
        app.views[0].focus()
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("space")  # untick the first article
        await pilot.press("enter")
        await settle(pilot, lambda: len(app.views) == 2)
        titles = [view.article.title for view in app.views]
        assert titles == ["Outlet 1 reports the talks in Muscat",
                          "Outlet 2 reports the talks in Muscat"]  # fmt: skip
        assert panel.display and panel.parent is app.views[0].parent.parent
        shown = [view.parent for view in app.views if view.parent.display]
        assert shown and all(pane.region.right <= panel.region.x for pane in shown)
