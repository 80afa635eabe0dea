"""Loading .txt and .md files into articles: canonical text, structure, title, id, errors."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.articles import (
    Article,
    article_id,
    decode,
    guess_title,
    load_article,
    parse_article,
    read_file,
)
from tui.core.errors import InputError
from tui.core.text import canonicalise, is_safe, sha256
from tui.seeds import seed_paths

# Property tests run with deadline=None: a shared machine's timing is no test result.
SEED_TITLES = {
    "000_89992b398b6ed647.txt": "Iran, US Agree to Keep Diplomatic Track Open After Muscat Talks",
    "002_166ffa7be8b5d1f3.txt": (
        "US and Iran Restart Talks in Muscat: “Diplomacy Still Possible,” Says Trump Envoy"
    ),
}


def _blocks(article: Article) -> list[tuple[str, str]]:
    return [(span.kind, article.text[span.start : span.end]) for span in article.blocks]


def _styles(article: Article) -> list[tuple[str, str]]:
    return [(span.kind, article.text[span.start : span.end]) for span in article.styles]


# -- decoding and reading ---------------------------------------------------------


def test_decode_removes_the_bom_and_keeps_the_rest() -> None:
    assert decode("\ufeffIran’s envoy\r\n".encode(), "a.txt") == "Iran’s envoy\r\n"


def test_decode_accepts_utf16_with_bom() -> None:
    assert decode("\ufeffשלום 中文".encode("utf-16-le"), "a.txt") == "שלום 中文"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "file is empty"),
        (b"  \n\r\n\t ", "file is empty"),
        (b"\xef\xbb\xbf\n", "file is empty"),
        (b"caf\xe9 au lait", "not valid UTF-8 at byte 3"),
        (b"ok\n" * 10 + b"\x80", "not valid UTF-8 at byte 30"),
        (bytes(range(1, 32)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not valid UTF-8 at byte 0"),
    ],
)
def test_decode_refuses_what_is_not_text(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        decode(data, "some/file.txt")
    assert caught.value.path == "some/file.txt"
    assert problem in caught.value.problem
    assert str(caught.value).startswith("some/file.txt: ")
    assert "\n" not in str(caught.value)


def test_read_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as missing:
        read_file(tmp_path / "missing.txt")
    assert missing.value.path == str(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)
    (tmp_path / "empty.md").write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        load_article(tmp_path / "empty.md")


# -- plain text ----------------------------------------------------------------------


def test_txt_article_fields(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    raw = "\ufeffBig Talks Resume in Muscat\r\n\r\nThe envoy\tsaid \x1b[31mhi.\r\n"
    path.write_bytes(raw.encode())
    article = load_article(path)
    assert article.text == "Big Talks Resume in Muscat\n\nThe envoy    said \u241b[31mhi.\n"
    assert article.sha256 == sha256(article.text)
    assert article.id == article_id(article.sha256) == article.sha256[:10]
    assert article.title == "Big Talks Resume in Muscat"
    assert article.source == "story.txt"
    assert article.path == str(path.resolve())
    assert _blocks(article) == [
        ("heading", "Big Talks Resume in Muscat"),
        ("paragraph", "The envoy    said \u241b[31mhi."),
    ]


def test_same_text_same_id_whatever_the_line_endings(tmp_path: Path) -> None:
    (tmp_path / "unix.txt").write_bytes(b"One two three\n\nfour five.\n")
    (tmp_path / "dos.txt").write_bytes(b"\xef\xbb\xbfOne two three\r\n\r\nfour five.\r\n")
    assert load_article(tmp_path / "unix.txt").id == load_article(tmp_path / "dos.txt").id


@pytest.mark.parametrize("path", seed_paths(), ids=lambda path: path.name)
def test_seed_titles(path: Path) -> None:
    assert load_article(path).title == SEED_TITLES[path.name]


def test_both_seeds_are_present() -> None:
    assert sorted(path.name for path in seed_paths()) == sorted(SEED_TITLES)


def test_title_skips_breadcrumbs_and_section_labels() -> None:
    text = "• Home/\n  • World/\nNational\n\nPolitics\n\nTalks Resume in Oman Today\n\nBody text."
    assert guess_title(text, "fallback") == "Talks Resume in Oman Today"
    assert guess_title("Home/\n\nWorld News Today Here", "x") == "World News Today Here"
    assert guess_title("\n\nOnly\n", "fallback") == "Only"
    assert guess_title("\n\n", "fallback") == "fallback"


def test_title_override_and_whitespace() -> None:
    article = parse_article("Some Headline Of Note\n\nBody.", "a.txt", title="  My\n  Title ")
    assert article.title == "My Title"


def test_txt_list_items_and_blocks_are_slices_of_the_text() -> None:
    text = "A Headline For The Day\n\n• first point\n- second point\n\nA paragraph, long enough."
    article = parse_article(text, "a.txt")
    assert _blocks(article) == [
        ("heading", "A Headline For The Day"),
        ("list_item", "• first point"),
        ("list_item", "- second point"),
        ("paragraph", "A paragraph, long enough."),
    ]


# -- Markdown ------------------------------------------------------------------------

MARKDOWN = """\
Intro paragraph before any heading.

# Talks in *Muscat* resume

Some **bold** text, *emphasis*, `code` and a [link to IRNA](https://irna.ir "IRNA").
A soft break.

## Second heading

- first item
- second *item*

1. one
2. two

> A quoted line
> continued.

```python
print("code block")
```

Trailing **para** with ![alt text](img.png) image.
"""


def test_markdown_visible_text_has_no_syntax() -> None:
    article = parse_article(MARKDOWN, "story.md")
    text = article.text
    assert "#" not in text
    assert "*" not in text
    assert "](" not in text and "[" not in text and "https://" not in text
    assert "`" not in text
    assert ">" not in text
    assert "Some bold text, emphasis, code and a link to IRNA. A soft break." in text


def test_markdown_blocks() -> None:
    article = parse_article(MARKDOWN, "story.md")
    assert _blocks(article) == [
        ("paragraph", "Intro paragraph before any heading."),
        ("heading", "Talks in Muscat resume"),
        ("paragraph", "Some bold text, emphasis, code and a link to IRNA. A soft break."),
        ("heading", "Second heading"),
        ("list_item", "• first item"),
        ("list_item", "• second item"),
        ("list_item", "1. one"),
        ("list_item", "2. two"),
        ("quote", "A quoted line continued."),
        ("code", 'print("code block")'),
        ("paragraph", "Trailing para with alt text image."),
    ]
    # blocks are in order and do not overlap
    ends = [(span.start, span.end) for span in article.blocks]
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(ends))


def test_markdown_emphasis_ranges() -> None:
    article = parse_article(MARKDOWN, "story.md")
    assert _styles(article) == [
        ("emphasis", "Muscat"),
        ("strong", "bold"),
        ("emphasis", "emphasis"),
        ("code", "code"),
        ("link", "link to IRNA"),
        ("emphasis", "item"),
        ("strong", "para"),
    ]


def test_markdown_title_is_the_first_heading() -> None:
    assert parse_article(MARKDOWN, "story.md").title == "Talks in Muscat resume"
    assert parse_article(MARKDOWN, "story.md", title="Mine").title == "Mine"


def test_markdown_without_heading_guesses_the_title() -> None:
    article = parse_article("Home/\n\nA *real* headline here\n\nBody.", "x.md")
    assert article.title == "A real headline here"


def test_markdown_nested_emphasis_and_escapes() -> None:
    article = parse_article(r"A ***both*** \*not emphasis\* &amp; done", "x.md")
    assert article.text == "A both *not emphasis* & done"
    assert sorted(_styles(article)) == [("emphasis", "both"), ("strong", "both")]


def test_markdown_that_shows_nothing_is_refused() -> None:
    with pytest.raises(InputError, match="no visible text"):
        parse_article("---\n\n[ref]: https://example.org\n", "x.md")


def test_markdown_hostile_characters_stay_harmless() -> None:
    source = "# Head\x1b[2J\n\nBody \u202eevil\u202c &#27; e&#x301; &#x2028;line\n"
    article = parse_article(source, "x.md")
    assert is_safe(article.text)
    assert canonicalise(article.text) == article.text
    assert "é" in article.text


MD_FRAGMENTS = [
    "# ", "## ", "*", "**", "_", "`", "[", "](http://x)", "> ", "- ", "1. ", "\n", "\n\n",
    "```\n", "&amp;", "&#x301;", "&#27;", "\\*", "<b>", "word", " ", "e\u0301",
    "👨\u200d👩\u200d👧", "中文", "مرحبا", "שלום", "\x1b", "\r\n", "\t", "\u202e",
]


@settings(deadline=None)
@given(st.lists(st.sampled_from(MD_FRAGMENTS), min_size=1, max_size=30).map("".join))
def test_markdown_text_is_canonical_and_spans_are_in_range(source: str) -> None:
    try:
        article = parse_article(source, "x.md")
    except InputError:
        return  # nothing visible: refused, which is allowed
    assert canonicalise(article.text) == article.text
    assert unicodedata.is_normalized("NFC", article.text)
    assert is_safe(article.text)
    for span in (*article.blocks, *article.styles):
        assert 0 <= span.start <= span.end <= len(article.text)
    assert article.sha256 == sha256(article.text)
    assert not re.search(r"\s{2,}", article.title) and article.title == article.title.strip()


def test_a_list_item_of_two_paragraphs_has_one_bullet() -> None:
    article = parse_article("# T\n\n- one\n\n  more of one\n- two\n", "list.md")
    assert article.text == "T\n\n• one\n\n  more of one\n\n• two"
    assert [span.kind for span in article.blocks] == ["heading", *["list_item"] * 3]
