"""One article's column: title and source on top, the reader below."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ..core.articles import Article
from ..core.models import Annotation, Label
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
        yield Static(Content(self.article.title), classes="pane-title")
        source = f"{self.article.source}  ·  {self.article.id}  ·  {len(self.article.text):,} chars"
        yield Static(Content(source), classes="pane-source")
        yield self.view
