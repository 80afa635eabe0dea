"""The report for an editor: hostile titles and notes stay text, HTML is self-contained
and prints, Markdown renders with markdown-it-py into the structure it promises."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

from tui.cli import cli
from tui.core.articles import parse_article
from tui.core.formats.report import build_report, render_report, write_report
from tui.core.store import Store

from .conftest import Newsroom

HOSTILE = '<script>alert(1)</script> "onload=alert(2) \x1b[31mred\x1b]8;;http://x\x07 \u202eevil'
MARKDOWN_TRAPS = (
    "# not a heading\n[click](javascript:alert(3)) ![img](http://tracker.example/x.png)"
)


class Page(HTMLParser):
    """Every tag with its attributes, and the text a reader sees, by class."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.classes: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name in (attributes.get("class") or "").split():
            self.classes[name] = self.classes.get(name, 0) + 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


@pytest.fixture
def hostile(tmp_path: Path) -> Store:
    """Two articles whose titles, sources and notes were written by an attacker."""
    store = Store(tmp_path / "hostile.db")
    first = replace(
        parse_article("Heading\n\nThe pier was <b>closed</b> on Friday. Nobody came.\n", "a.txt"),
        title=HOSTILE,
        url="javascript:alert(4)",
        site='"onload=alert(5)',
        published="2024-01-01",
    )
    second = parse_article("Other\n\nThe pier stayed open all weekend, staff said.\n", "b.txt")
    ids = [store.import_article(article).article_id for article in (first, second)]
    one_text, two_text = (store.get_article(i).text for i in ids)
    quote_one, quote_two = "was <b>closed</b> on Friday", "stayed open all weekend"
    one = store.add_annotation(
        ids[0],
        one_text.index(quote_one),
        one_text.index(quote_one) + len(quote_one),
        "inconsistency",
        note=HOSTILE,
        annotator="<i>eve</i>",
    )
    two = store.add_annotation(
        ids[1],
        two_text.index(quote_two),
        two_text.index(quote_two) + len(quote_two),
        "inconsistency",
        note=MARKDOWN_TRAPS,
    )
    store.add_link(one.id, two.id, note=HOSTILE + "\n" + MARKDOWN_TRAPS)
    store.add_annotation(
        ids[0],
        one_text.index("Nobody came."),
        one_text.index("Nobody came.") + 12,
        "claim",
        note="    indented like code\n1. not a list",
    )
    return store


def test_disagreements_are_side_by_side_with_their_sentences(newsroom: Newsroom) -> None:
    report = build_report(newsroom.store)
    assert len(report.disagreements) == 2  # both links say "contradicts"
    (pair,) = [item for item in report.disagreements if item.link == newsroom.links["contradicts"]]
    assert pair.first.before + pair.first.quote + pair.first.after == (
        "The city council said the bridge will reopen on Monday."
    )
    assert pair.second.article.site == "The Gazette"
    html = render_report(newsroom.store, "html")
    page = parse(html)
    assert page.classes["pair"] == 2 and page.classes["side"] == 4
    text = "".join(page.text)
    for expected in (
        "The Gazette",
        "2024-03-02",
        "date unknown",
        "Monday vs a month",
        "Council's date.\nSee p. 2",
        "A month, says the Gazette",
        "the bridge will reopen on Monday",
        "Engineer on record",
    ):
        assert expected in text, expected
    # the claims and quotes of each article follow, with their notes
    assert "claim (3)" in text and "quote (1)" in text and "crosses a paragraph" in text


def test_html_escapes_hostile_text_and_loads_nothing(hostile: Store) -> None:
    html = render_report(hostile, "html")
    assert "\x1b" not in html and "\u202e" not in html and "\x07" not in html
    assert "<script" not in html.lower() and "<b>" not in html and "<i>" not in html
    page = parse(html)
    assert [
        tag
        for tag, _ in page.tags
        if tag in ("script", "img", "iframe", "link", "object", "embed", "base", "form", "b", "i")
    ] == []
    for tag, attributes in page.tags:
        assert not [name for name in attributes if name.startswith("on")], (tag, attributes)
        assert "src" not in attributes
        assert not (attributes.get("href") or "").lower().startswith("javascript")
    assert "url(" not in html and "@import" not in html
    policy = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in (policy.get("content") or "")
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text  # shown, as text
    assert '"onload=alert(2)' in text and "␛[31mred" in text
    assert "<b>closed</b>" in text and "<i>eve</i>" in text


def test_html_prints(newsroom: Newsroom) -> None:
    html = render_report(newsroom.store, "html")
    style = html[html.index("<style>") : html.index("</style>")]
    printing = style[style.index("@media print") :]
    assert "break-inside: avoid" in style  # a pair is never cut across pages
    assert 'a[href]::after { content: " (" attr(href) ")"' in printing  # URLs readable on paper
    assert "mark { background: none; text-decoration: underline" in printing  # no ink needed


def _rendered(markdown: str) -> Page:
    return parse(MarkdownIt("commonmark").render(markdown))


def test_markdown_renders_the_structure(newsroom: Newsroom) -> None:
    page = _rendered(render_report(newsroom.store, "md"))
    headings = [(tag, attrs) for tag, attrs in page.tags if tag in ("h1", "h2", "h3", "h4")]
    kinds = [tag for tag, _ in headings]
    assert kinds.count("h1") == 1 and kinds.count("h2") == 2
    assert kinds.count("h4") == 2 * 2 + 4  # sides A and B of two pairs; then one per label
    assert [tag for tag, _ in page.tags].count("strong") >= 8  # each quote in bold
    text = "".join(page.text)
    assert "The city council said the bridge will reopen on Monday." in text
    assert "Council's date." in text and "See p. 2" in text


def test_markdown_escapes_hostile_text(hostile: Store) -> None:
    markdown = render_report(hostile, "md")
    assert "\x1b" not in markdown and "\u202e" not in markdown
    page = _rendered(markdown)
    tags = [tag for tag, _ in page.tags]
    assert "script" not in tags and "img" not in tags and "a" not in tags and "b" not in tags
    assert "pre" not in tags and "ol" not in tags  # indented note lines, "1." lines stay text
    assert tags.count("h1") == 1  # "# not a heading" in a note stays a line of text
    text = "".join(page.text)
    assert "<script>alert(1)</script>" in text and "# not a heading" in text
    assert "[click](javascript:alert(3))" in text and "<b>closed</b>" in text


def test_report_command_and_write_report(newsroom: Newsroom, tmp_path: Path) -> None:
    runner = CliRunner()
    html_path, md_path = tmp_path / "report.html", tmp_path / "report.md"
    result = runner.invoke(cli, ["report", "--db", str(newsroom.db), "-o", str(html_path)])
    assert result.exit_code == 0, result.output
    assert html_path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = runner.invoke(cli, ["report", "--db", str(newsroom.db), "-o", str(md_path)])
    assert md_path.read_text(encoding="utf-8").startswith("# Where the articles disagree")
    result = runner.invoke(cli, ["report", "--db", str(newsroom.db), "-o", "-", "--format", "md"])
    assert result.stdout.startswith("# Where the articles disagree")
    assert write_report(newsroom.store, tmp_path / "palette.html").is_file()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_failed_report_leaves_the_old_one(
    newsroom: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.html"
    path.write_text("the report of yesterday")
    from tui.core.formats import report_html

    def broken(*_: object) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(report_html, "render_html", broken)
    with pytest.raises(RuntimeError):
        write_report(newsroom.store, path)
    assert path.read_text() == "the report of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            "report.html",
            "newsroom.db",
            *[p.name for p in tmp_path.iterdir() if p.name.startswith("newsroom.db-")],
        ]
    )
