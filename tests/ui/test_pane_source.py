"""The pane header says where an article comes from: a web page's site and date, then the file."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Static

from tui.core.articles import Article, load_article
from tui.core.models import Label
from tui.core.store import Store
from tui.ui.palette import Inked
from tui.ui.panes import ArticlePane, source_line

PAGE = (
    "<html><head><title>Talks resume in Muscat</title>"
    '<meta property="og:site_name" content="Gulf [b]Herald[/b]">'
    '<link rel="canonical" href="https://gulfherald.example/world/talks">'
    '<meta property="article:published_time" content="2024-03-05T09:30:00Z"></head>'
    "<body><article><h1>Talks resume in Muscat</h1>"
    + "".join(
        f"<p>Paragraph {n}: negotiators met in Muscat on Tuesday and agreed to meet again"
        f" next month, officials in both capitals confirmed after session {n}.</p>"
        for n in range(5)
    )
    + "</article></body></html>"
)


def _article(**fields: str) -> Article:
    base = {"id": "abc123", "title": "T", "source": "page.html", "path": "/p", "text": "x" * 1200}
    return Article(sha256="0" * 64, **{**base, **fields})


def test_source_line_puts_site_and_date_first() -> None:
    line = source_line(
        _article(site="Gulf Herald", url="https://g.example/a", published="2024-03-05")
    )
    assert line == "Gulf Herald  ·  2024-03-05  ·  page.html  ·  abc123  ·  1,200 chars"


def test_source_line_falls_back_to_the_url_and_to_the_file() -> None:
    assert source_line(_article(url="https://g.example/a")).startswith(
        "https://g.example/a  ·  page.html"
    )
    assert source_line(_article()) == "page.html  ·  abc123  ·  1,200 chars"


class _OnePane(Inked, App[None]):
    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article

    def compose(self) -> ComposeResult:
        yield ArticlePane(self.article, [], labels=[Label("claim", "c", 0)])


async def test_pane_header_shows_the_pages_site_and_date_literally(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    with Store(tmp_path / "annotations.db") as store:
        article = store.get_article(store.import_article(load_article(path)).article_id)
    app = _OnePane(article)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = str(app.query_one(".pane-source", Static).render())
    assert shown.startswith("Gulf [b]Herald[/b]  ·  2024-03-05  ·  page.html")
