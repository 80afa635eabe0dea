"""The report an analyst hands an editor: each linked inconsistency with both quotes side
by side (article, source, date, the sentence around each quote, every note), then each
article's claims and quotes with their notes. HTML (one self-contained page) or Markdown.

This module gathers what the report says; ``report_html`` and ``report_markdown``
only lay it out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..articles import Article
from ..errors import NewsmarkError
from ..models import Annotation, Link, now
from ..store import Store
from ..text import sentence_bounds
from .output import atomic_output

INCONSISTENCY = "inconsistency"
CONTRADICTS = "contradicts"


@dataclass(frozen=True)
class Passage:
    """A quote in its sentence: ``before + quote + after`` is the sentence as printed."""

    annotation: Annotation
    article: Article
    before: str
    quote: str
    after: str

    @property
    def found(self) -> bool:
        return not self.annotation.orphaned


@dataclass(frozen=True)
class Disagreement:
    link: Link
    first: Passage
    second: Passage


@dataclass(frozen=True)
class ArticleSection:
    article: Article
    passages: tuple[Passage, ...]  # by label order, then place


@dataclass(frozen=True)
class Report:
    database: str
    generated_at: str
    disagreements: tuple[Disagreement, ...]
    articles: tuple[ArticleSection, ...]
    labels: tuple[str, ...]


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """From the start of the sentence holding ``start`` to the end of the one holding
    ``end``: the line (paragraph) structure bounds it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(end - 1, start))
    line_end = len(text) if line_end == -1 else line_end
    if line_end < end:
        line_end = end
    bounds = [
        (begin + line_start, finish + line_start)
        for begin, finish in sentence_bounds(text[line_start:line_end])
    ]
    first = max((begin for begin, _ in bounds if begin <= start), default=line_start)
    last = min((finish for _, finish in bounds if finish >= end), default=line_end)
    return min(first, start), max(last, end)


def passage(annotation: Annotation, article: Article) -> Passage:
    if annotation.orphaned:
        return Passage(annotation, article, "", annotation.text, "")
    first, last = _sentence(article.text, annotation.start, annotation.end)
    text = article.text
    return Passage(
        annotation,
        article,
        text[first : annotation.start],
        text[annotation.start : annotation.end],
        text[annotation.end : last],
    )


def _is_disagreement(link: Link, ends: tuple[Annotation, Annotation]) -> bool:
    return link.kind == CONTRADICTS or any(end.label == INCONSISTENCY for end in ends)


def build_report(store: Store) -> Report:
    articles = {stored.article.id: stored.article for stored in store.stored_articles()}
    annotations = {annotation.id: annotation for annotation in store.live_annotations()}
    disagreements = []
    for link in store.live_links():
        ends = annotations.get(link.from_annotation), annotations.get(link.to_annotation)
        if ends[0] is None or ends[1] is None or not _is_disagreement(link, (ends[0], ends[1])):
            continue
        disagreements.append(
            Disagreement(
                link,
                passage(ends[0], articles[ends[0].article_id]),
                passage(ends[1], articles[ends[1].article_id]),
            )
        )
    labels = tuple(store.labels())
    order = {label: position for position, label in enumerate(labels)}
    by_article: dict[str, list[Annotation]] = defaultdict(list)
    for annotation in annotations.values():
        if annotation.label != INCONSISTENCY:
            by_article[annotation.article_id].append(annotation)
    sections = tuple(
        ArticleSection(
            article,
            tuple(
                passage(annotation, article)
                for annotation in sorted(
                    by_article.get(article_id, []),
                    key=lambda a: (order.get(a.label, len(order)), a.label, a.start, a.id),
                )
            ),
        )
        for article_id, article in articles.items()
    )
    return Report(str(store.path), now(), tuple(disagreements), sections, labels)


def source_of(article: Article) -> str:
    """Where the article came from, as a reader would name it."""
    return article.site or article.url or article.source


def render_report(store: Store, fmt: str) -> str:
    report = build_report(store)
    if fmt == "md":
        from .report_markdown import render_markdown

        return render_markdown(report)
    from .report_html import render_html

    return render_html(report)


def write_report(store: Store, path: str | Path, *, fmt: str | None = None) -> Path:
    """Write the report (HTML, or Markdown for ``.md``) atomically; returns the path.

    The reader's command palette calls this too.
    """
    target = Path(path)
    chosen = fmt or ("md" if target.suffix.lower() in (".md", ".markdown") else "html")
    if chosen not in ("html", "md"):
        raise NewsmarkError(f"report format {chosen!r}: html or md")
    text = render_report(store, chosen)
    with atomic_output(target) as out:
        out.write(text)
    return target
