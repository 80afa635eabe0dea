"""One article's column: title and source on top, the reader below."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..core.articles import Article
from ..core.models import Annotation, Label
from ..core.text import printable
from .article_view import ArticleView


class ArticlePane(Vertical):
    """Title, source and reader of one article; the title is text, never markup."""

    def __init__(
        self, article: Article, annotations: Iterable[Annotation], labels: Iterable[Label]
    ) -> None:
        super().__init__(classes="article-pane", id=f"pane-{article.id}")
        self.article = article
        self.view = ArticleView(article, annotations, labels=labels, id=f"view-{article.id}")

    def compose(self) -> ComposeResult:
        yield Static(Content(printable(self.article.title)), classes="pane-title")
        yield Static(Content(printable(source_line(self.article))), classes="pane-source")
        yield self.view

    def show(self, article: Article, annotations: Iterable[Annotation]) -> None:
        """The stored article changed: a new title, or a new text with its annotations."""
        if article.sha256 != self.view.article.sha256:
            self.view.set_article(article, annotations)
        else:
            self.view.article = article
        self.article = article
        self.query_one(".pane-title", Static).update(Content(printable(article.title)))
        self.query_one(".pane-source", Static).update(Content(printable(source_line(article))))


def source_line(article: Article) -> str:
    """Where the article comes from: the site (or URL) and date a web page gave, then the file."""
    origin = [part for part in (article.site or article.url, article.published) if part]
    return "  ·  ".join([*origin, article.source, article.id, f"{len(article.text):,} chars"])
