"""What the reader and the CLI suggest: quotes and claims together, minus headlines,
what was dismissed and what is already tagged."""

from __future__ import annotations

from pathlib import Path

from tui.core.articles import heading_spans, parse_article
from tui.core.assist.suggestions import open_suggestions, suggest
from tui.core.models import Annotation

TEXT = (
    "Minister Says Talks Will Resume Next Week\n\n"
    "The talks will resume next week, the minister said on Tuesday.\n"
)


def test_a_headline_is_never_suggested_as_a_quote(tmp_path: Path) -> None:
    article = parse_article(TEXT, tmp_path / "story.txt")
    assert heading_spans(article) == [(0, TEXT.index("\n"))]
    everywhere = suggest(article.id, article.text)
    kept = suggest(article.id, article.text, headings=heading_spans(article))
    assert any(item.start < TEXT.index("\n") for item in everywhere)  # the rules alone would
    assert all(item.start > TEXT.index("\n") for item in kept)
    assert any(item.kind == "quote" and "resume next week" in item.text for item in kept)


def test_dismissed_and_tagged_suggestions_are_not_shown(tmp_path: Path) -> None:
    article = parse_article(TEXT, tmp_path / "story.txt")
    found = suggest(article.id, article.text, headings=heading_spans(article))
    quote = next(item for item in found if item.kind == "quote")
    tagged = Annotation("a", article.id, quote.start, quote.end, "quote", quote.text,
                        "", "", "", "ann", "", "")  # fmt: skip
    labels = {"claim", "quote", "inconsistency"}
    assert quote in open_suggestions(found, [], set(), labels)
    assert quote not in open_suggestions(found, [tagged], set(), labels)
    assert quote not in open_suggestions(found, [], {quote.id}, labels)
    assert quote not in open_suggestions(found, [], set(), labels - {"quote"})
