"""Seeing what matters: the focused pane, the article in the status line, blockquotes,
link URLs, and counts that own up to orphaned and changed annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.ui.conftest import AppFactory, settle
from tui.core.articles import load_article
from tui.core.store import Store
from tui.ui.app import NewsmarkApp

MARKDOWN = """# Ministers meet in Muscat

The talks were called useful by [the ministry](https://example.org/statement?id=7) on Friday.

> We agreed to meet again next Saturday, the envoy said.

A closing paragraph of plain body text.
"""
STORY = "Talks resume in Muscat\n\nThe envoy praised the hosts. The minister was silent.\n"


def status(app: NewsmarkApp) -> str:
    return str(app.query_one("#status", Static).render())


def titles(app: NewsmarkApp) -> list[Static]:
    return list(app.query(".pane-title").results(Static))


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_focused_pane_is_obvious_and_named_in_the_status_line(
    make_app: AppFactory, size: tuple[int, int]
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        left, right = titles(app)
        assert left.rich_style.bgcolor != right.rich_style.bgcolor
        assert left.rich_style.underline and not right.rich_style.underline  # without colour
        assert status(app).startswith(app.views[0].article.title[:12])
        await pilot.press("tab")
        await pilot.pause()
        assert right.rich_style.underline and not left.rich_style.underline
        assert right.rich_style.bgcolor != left.rich_style.bgcolor
        assert status(app).startswith(app.views[1].article.title[:12])


async def _markdown_app(make_app: AppFactory, tmp_path: Path) -> NewsmarkApp:
    path = tmp_path / "talks.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return make_app([path])


def _style_at(view, offset: int):
    """The style the reader draws the character at ``offset`` with."""
    row_index = view.wrap.row_index_of(offset)
    strip = view.render_line(row_index - int(view.scroll_y))
    column = view.wrap.column_of(offset) + 4  # past the gutter
    cells = 0
    for segment in strip:
        if cells <= column < cells + len(segment.text):
            return segment.style
        cells += len(segment.text)
    raise AssertionError(offset)


async def test_blockquotes_look_distinct_from_body_text(make_app: AppFactory, tmp_path: Path):
    app = await _markdown_app(make_app, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        view = app.views[0]
        text = view.document.text
        view.set_cursor(0)
        await pilot.pause()
        quoted = _style_at(view, text.index("agreed to meet"))
        body = _style_at(view, text.index("closing paragraph"))
        assert quoted.italic and not body.italic  # reads without colour
        assert quoted.color != body.color


async def test_the_url_of_the_link_under_the_cursor_is_shown(
    make_app: AppFactory, tmp_path: Path, db_path: Path
):
    app = await _markdown_app(make_app, tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.views[0]
        text = view.document.text
        assert "https://" not in text  # the URL is not in the text offsets count into
        view.set_cursor(text.index("ministry"))
        await pilot.pause()
        assert "link to https://example.org/statement?id=7" in status(app)
        view.set_cursor(text.index("Friday"))
        await pilot.pause()
        assert "link to" not in status(app)
    with Store(db_path) as store:  # kept as a range of the stored article
        [link] = [span for span in store.get_article(view.article.id).styles if span.target]
    assert text[link.start : link.end] == "the ministry"


async def test_status_counts_say_how_many_are_orphaned_and_changed(
    make_app: AppFactory, db_path: Path, tmp_path: Path
):
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    app = make_app([story])
    async with app.run_test(size=(200, 50)) as pilot:
        view = app.views[0]
        text = view.document.text
        for quote in ("The envoy praised the hosts.", "The minister was silent.", "Muscat"):
            start = text.index(quote)
            view.select_range(start, start + len(quote))
            await pilot.press("c")
        await pilot.pause()
        assert "claim 3" in status(app) and "orphaned" not in status(app)
        story.write_text(STORY.replace(" The minister was silent.", ""), encoding="utf-8")
        with Store(db_path) as other:  # newsmark import story.txt, from a shell
            other.import_article(load_article(story))
            other.conn.execute(
                "UPDATE annotations SET status = 'changed' WHERE text = 'Muscat'"
            )  # as a re-anchoring that moved a span to reworded text would leave it
            other.conn.commit()
        await pilot.press("ctrl+r")
        await settle(pilot, lambda: "orphaned" in status(app))
        line = status(app)
        assert "1 orphaned" in line and "1 changed" in line, line
        assert "claim 2" in line  # the orphan is not drawn, and said to be missing
    await_small = make_app([story])
    async with await_small.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "1 orphaned" in status(await_small)
