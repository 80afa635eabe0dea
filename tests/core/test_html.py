"""Saved web pages as articles: the article's text and blocks, metadata, charsets, hostile pages."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_cli import newsmark
from tui.core.articles import Article, load_article, parse_article
from tui.core.errors import InputError
from tui.core.store import Store
from tui.core.text import canonicalise, is_safe

ROOT = Path(__file__).resolve().parents[2]

PARAGRAPHS = [
    "Negotiators from Iran and the United States met for a third round in Muscat on"
    " Tuesday, officials in both capitals confirmed after the five-hour session ended.",
    "The Omani foreign minister, who carried messages between the two delegations, said"
    " the talks had been serious and that a fourth round was planned for next month.",
    "Neither side released a joint statement. A senior diplomat said the gap on"
    " enrichment limits remained wide, but that both teams had asked for more time.",
    "Analysts in the region said the choice of Muscat again signalled that both"
    " governments wanted a discreet channel rather than a public summit this spring.",
    "Oil prices fell slightly on the news, with traders reading the meeting as a sign"
    " that sanctions would not tighten before the summer, according to market notes.",
]
MENU = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World news</a></li>" + (
    "<li><a href='/sport'>Sport section</a></li></ul></nav>"
)


def page(
    body: str,
    *,
    head: str = "",
    title: str = "Talks resume in Muscat | Gulf Herald",
    charset: str = "utf-8",
) -> str:
    """A news page as a site would serve it: head metadata, a menu, the article, a footer."""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}">'
        f"<title>{title}</title>{head}</head><body>{MENU}"
        f"<main><article>{body}</article></main>"
        "<footer><p>Copyright Gulf Herald Media Group. All rights reserved.</p></footer>"
        "</body></html>"
    )


def paragraphs(texts: list[str] = PARAGRAPHS) -> str:
    return "".join(f"<p>{html.escape(text)}</p>" for text in texts)


NEWS_HEAD = (
    '<link rel="canonical" href="https://gulfherald.example/world/2024/03/05/talks-muscat">'
    '<meta property="og:site_name" content="Gulf Herald">'
    '<meta property="og:title" content="Talks resume in Muscat">'
    '<meta name="author" content="Layla Haddad">'
    '<meta property="article:published_time" content="2024-03-05T09:30:00Z">'
)
NEWS_BODY = (
    "<h1>Talks resume in Muscat</h1>"
    + paragraphs(PARAGRAPHS[:2])
    + "<h2>What comes next</h2>"
    + paragraphs(PARAGRAPHS[2:4])
    + "<ul><li>A fourth round is planned for April in the Omani capital.</li>"
    "<li>Technical teams will meet in Geneva before the next round.</li></ul>"
    "<blockquote><p>We are not there yet, but the door is open, one envoy told reporters"
    " outside the venue.</p></blockquote>" + paragraphs(PARAGRAPHS[4:])
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def blocks(article: Article) -> list[tuple[str, str]]:
    return [(span.kind, article.text[span.start : span.end]) for span in article.blocks]


def assert_contract(article: Article) -> None:
    """Offsets count into canonical, terminal-safe text; blocks are ordered and trimmed."""
    assert article.text == canonicalise(article.text)
    assert is_safe(article.text) and is_safe(article.title)
    previous_end = 0
    for span in article.blocks:
        assert previous_end <= span.start < span.end <= len(article.text)
        piece = article.text[span.start : span.end]
        assert piece == piece.strip()
        previous_end = span.end


# -- the article and its structure ------------------------------------------------------


def test_page_imports_as_its_article_with_blocks_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "talks.html", page(NEWS_BODY, head=NEWS_HEAD))
    article = load_article(path)

    assert_contract(article)
    assert article.title == "Talks resume in Muscat"
    assert article.url == "https://gulfherald.example/world/2024/03/05/talks-muscat"
    assert article.site == "Gulf Herald"
    assert article.author == "Layla Haddad"
    assert article.published == "2024-03-05"
    assert article.source == "talks.html"
    for text in PARAGRAPHS:
        assert ("paragraph", text) in blocks(article)
    assert ("heading", "What comes next") in blocks(article)
    assert ("list_item", "• A fourth round is planned for April in the Omani capital.") in blocks(
        article
    )
    assert (
        "quote",
        "We are not there yet, but the door is open, one envoy told reporters outside the venue.",
    ) in blocks(article)
    # the menu and the footer are the site's, not the article's
    assert "Sport section" not in article.text
    assert "All rights reserved" not in article.text


def test_paragraph_whitespace_is_collapsed_and_line_breaks_kept(tmp_path: Path) -> None:
    body = paragraphs() + (
        "<p>The statement was signed\n      by both   delegations<br>in Muscat, Oman,"
        " on Tuesday evening after the talks.</p>"
    )
    article = load_article(write(tmp_path, "a.html", page(body)))
    assert (
        "paragraph",
        "The statement was signed by both delegations\nin Muscat, Oman, on Tuesday evening"
        " after the talks.",
    ) in blocks(article)


def test_htm_and_upper_case_suffixes_are_web_pages(tmp_path: Path) -> None:
    for name in ("talks.htm", "TALKS.HTML"):
        article = load_article(write(tmp_path, name, page(NEWS_BODY, head=NEWS_HEAD)))
        assert article.site == "Gulf Herald"
        assert "<p>" not in article.text


def test_title_falls_back_to_the_page_title_without_the_site(tmp_path: Path) -> None:
    body = paragraphs()  # no h1, no og:title: the <title> is all there is
    article = load_article(
        write(tmp_path, "a.html", page(body, title="Muscat talks end | Gulf Herald"))
    )
    assert article.title == "Muscat talks end"


@pytest.mark.parametrize(
    ("og_title", "site", "title"),
    [
        ("Talks resume in Muscat | Gulf Herald", "Gulf Herald", "Talks resume in Muscat"),
        ("Talks resume in Muscat - GULF HERALD", "Gulf Herald", "Talks resume in Muscat"),
        ("Gulf News - Latest Headlines", "Gulf", "Gulf News - Latest Headlines"),
        ("Talks resume - in Muscat", "", "Talks resume - in Muscat"),
    ],
)
def test_the_sites_own_name_is_cut_from_the_title(
    tmp_path: Path, og_title: str, site: str, title: str
) -> None:
    head = f'<meta property="og:title" content="{og_title}">'
    if site:
        head += f'<meta property="og:site_name" content="{site}">'
    article = load_article(write(tmp_path, "a.html", page(paragraphs(), head=head)))
    assert article.title == title


def test_the_title_option_still_wins(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "a.html", page(NEWS_BODY)), title="My own title")
    assert article.title == "My own title"


def test_same_page_gives_the_same_article(tmp_path: Path) -> None:
    one = load_article(write(tmp_path, "a.html", page(NEWS_BODY, head=NEWS_HEAD)))
    two = load_article(write(tmp_path, "b.htm", page(NEWS_BODY, head=NEWS_HEAD)))
    assert (one.id, one.text, one.blocks) == (two.id, two.text, two.blocks)


# -- decoding ---------------------------------------------------------------------------

RUSSIAN = [
    "Переговоры между делегациями Ирана и США прошли во вторник в Маскате, сообщили"
    " официальные лица обеих сторон после окончания пятичасовой встречи.",
    "Министр иностранных дел Омана, передававший послания между делегациями, заявил,"
    " что следующий раунд переговоров запланирован на следующий месяц.",
    "Совместного заявления стороны не сделали, но оба посольства подтвердили, что"
    " технические группы продолжат работу в Женеве до новой встречи.",
]
FRENCH = [
    "Les négociateurs iraniens et américains se sont retrouvés à Mascate mardi, ont"
    " confirmé des responsables des deux capitales après une séance de cinq heures.",
    "Le ministre omanais des affaires étrangères, qui a servi d’intermédiaire, a déclaré"
    " qu’un quatrième cycle était prévu le mois prochain, déjà très attendu.",
    "Aucune déclaration commune n’a été publiée, mais les deux délégations ont demandé"
    " davantage de temps pour étudier les propositions présentées à Mascate.",
]


@pytest.mark.parametrize(
    ("texts", "declared", "encoding"),
    [
        (RUSSIAN, "windows-1251", "cp1251"),
        (FRENCH, "iso-8859-1", "cp1252"),  # the label a browser reads as windows-1252
        (FRENCH, "windows-1252", "cp1252"),
        (RUSSIAN, "koi8-r", "koi8_r"),
    ],
)
def test_declared_charset_is_honoured(
    tmp_path: Path, texts: list[str], declared: str, encoding: str
) -> None:
    data = page(paragraphs(texts), charset=declared).encode(encoding)
    article = load_article(write(tmp_path, "a.html", data))
    for text in texts:
        assert text in article.text


def test_http_equiv_and_xml_declarations_are_honoured(tmp_path: Path) -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    source = page(paragraphs(RUSSIAN), head=head).replace('<meta charset="utf-8">', "")
    article = load_article(write(tmp_path, "a.html", source.encode("cp1251")))
    assert RUSSIAN[0] in article.text

    xhtml = '<?xml version="1.0" encoding="koi8-r"?>\n' + page(paragraphs(RUSSIAN)).replace(
        '<meta charset="utf-8">', ""
    ).replace("<!DOCTYPE html>", "")
    article = load_article(write(tmp_path, "b.html", xhtml.encode("koi8_r")))
    assert RUSSIAN[1] in article.text


def test_utf8_bytes_under_a_stale_legacy_declaration_stay_utf8(tmp_path: Path) -> None:
    data = page(paragraphs(FRENCH), charset="iso-8859-1").encode("utf-8")
    article = load_article(write(tmp_path, "a.html", data))
    assert FRENCH[0] in article.text


def test_utf16_with_bom_and_undeclared_legacy_bytes(tmp_path: Path) -> None:
    source = page(paragraphs(FRENCH)).replace('<meta charset="utf-8">', "")
    article = load_article(
        write(tmp_path, "a.html", "\ufeff".encode("utf-16-le") + source.encode("utf-16-le"))
    )
    assert FRENCH[1] in article.text
    article = load_article(write(tmp_path, "b.html", source.encode("cp1252")))
    assert FRENCH[2] in article.text


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "file is empty"),
        (b" \n\t ", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40, "not text"),
        (bytes(range(256)) * 64, "not text"),
    ],
)
def test_what_is_not_a_page_is_refused_in_one_line(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = write(tmp_path, "image.html", content)
    with pytest.raises(InputError) as caught:
        load_article(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_page_without_article_text_is_refused_naming_the_file(tmp_path: Path) -> None:
    source = (
        "<html><head><title>Gulf Herald</title><script>var tracking = 'x'.repeat(500);</script>"
        "<style>body { color: red }</style></head><body><script>document.write('hi')</script>"
        "<img src='logo.png' alt='Gulf Herald logo'></body></html>"
    )
    path = write(tmp_path, "empty-shell.html", source)
    with pytest.raises(InputError, match=r"empty-shell\.html: no article text found$"):
        load_article(path)


# -- hostile pages ----------------------------------------------------------------------


def test_scripts_styles_and_control_entities_become_safe_text(tmp_path: Path) -> None:
    head = (
        '<meta property="og:title" content="Talks &#27;[2J resume &#x202e;in Muscat">'
        '<meta property="og:site_name" content="Gulf &#x9b;31m Herald &#7;">'
        '<meta name="author" content="&#27;]0;owned&#7;Layla">'
        '<link rel="canonical" href="javascript:alert(1)">'
        "<style>p::after { content: 'STYLE TEXT' }</style>"
    )
    body = (
        paragraphs()
        + "<p>Escape &#27;[31m red, OSC &#x1b;]8;;http://x&#x1b;\\ link, C1 &#x9b;2J and"
        " &#x85; next line, NUL &#0;, DEL &#x7f;, bidi &#x202e;txet&#x202c; and &#x2067;"
        "isolate&#x2069;, a lone &#xd800; surrogate, in a paragraph of the article.</p>"
        "<script>document.title = 'SCRIPT TEXT'</script><noscript>NOSCRIPT TEXT</noscript>"
    )
    article = load_article(write(tmp_path, "hostile.html", page(body, head=head)))

    assert_contract(article)
    for field in (article.title, article.site, article.author, article.url, article.published):
        assert is_safe(field) and "\n" not in field
    assert article.url == ""  # only an http(s) URL is a source link
    assert "␛[31m red" in article.text  # visible, not acted on
    for leaked in ("SCRIPT TEXT", "STYLE TEXT", "document.title", "\x1b", "\x9b", "\u202e"):
        assert leaked not in article.text
        assert leaked not in article.title


def _refused_or_safe(path: Path) -> Article | None:
    try:
        article = load_article(path)
    except InputError as error:
        assert "\n" not in str(error) and str(path) in str(error)
        return None
    assert_contract(article)
    return article


def test_a_megabyte_of_nested_divs_is_refused_or_read(tmp_path: Path) -> None:
    depth = 100_000  # 1.1 MB: far past libxml2's depth limit of 256
    nested = "<div>" * depth + paragraphs() + "</div>" * depth
    assert len(nested) > 1_000_000
    _refused_or_safe(write(tmp_path, "nested.html", page(nested)))

    unclosed = "<div><span>" * depth + paragraphs()
    _refused_or_safe(write(tmp_path, "unclosed.html", page(unclosed)))


def test_nesting_within_the_parser_limit_keeps_the_text(tmp_path: Path) -> None:
    nested = "<div>" * 200 + paragraphs() + "</div>" * 200
    article = _refused_or_safe(write(tmp_path, "nested.html", page(nested)))
    assert article is not None and PARAGRAPHS[0] in article.text


def test_a_megabyte_of_sibling_elements_is_refused_quickly(tmp_path: Path) -> None:
    wide = "<div><p>x</p></div>" * 60_000
    path = write(tmp_path, "wide.html", page(paragraphs() + wide))
    with pytest.raises(
        InputError, match=r"wide\.html: too many HTML elements \(120,0\d\d; at most"
    ):
        load_article(path)


def test_deeply_nested_inline_markup_inside_the_article(tmp_path: Path) -> None:
    deep = "<b><i>" * 50_000 + "deep words" + "</i></b>" * 50_000
    _refused_or_safe(write(tmp_path, "inline.html", page(paragraphs() + f"<p>{deep}</p>")))


# an alphabet that stresses offsets: combining marks, emoji with ZWJ, CJK, RTL, controls
_ALPHABET = st.sampled_from(
    [
        *"abc xyz.,'\"&<>",
        *(
            "e\u0301",
            "\u0301",
            "\U0001f468\u200d\U0001f469\u200d\U0001f467",
            "\U0001f1eb\U0001f1f7",
        ),
        *("中文", "שלום", "مرحبا", "\x1b", "\x9b", "\u202e", "\t", "\r\n", "\u2028", "\xa0"),
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_ALPHABET, min_size=1, max_size=60).map("".join), min_size=1, max_size=6))
def test_any_paragraph_text_keeps_the_offset_contract(texts: list[str]) -> None:
    body = "".join(f"<p>{html.escape(text)}</p>" for text in [*PARAGRAPHS[:2], *texts])
    article = parse_article(page(body), "generated.html")
    assert_contract(article)
    assert all(span.kind == "paragraph" for span in article.blocks)


# -- the store, the command line, start-up ----------------------------------------------


def test_metadata_round_trips_through_the_store(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "talks.html", page(NEWS_BODY, head=NEWS_HEAD)))
    with Store(tmp_path / "annotations.db") as store:
        result = store.import_article(article)
        assert result.status == "new"
    with Store(tmp_path / "annotations.db") as store:
        stored = store.get_article(result.article_id)
    assert stored == article
    assert (stored.url, stored.site, stored.author, stored.published) == (
        "https://gulfherald.example/world/2024/03/05/talks-muscat",
        "Gulf Herald",
        "Layla Haddad",
        "2024-03-05",
    )


def test_cli_imports_a_page_and_prints_its_title(tmp_path: Path) -> None:
    write(tmp_path, "page.html", page(NEWS_BODY, head=NEWS_HEAD))
    done = newsmark("import", "page.html", "--db", "x.db", cwd=tmp_path, PYTHONPATH=str(ROOT))
    assert done.returncode == 0, done.stderr
    assert "Talks resume in Muscat" in done.stdout
    with Store(tmp_path / "x.db") as store:
        (summary,) = store.articles()
        assert store.get_article(summary.id).site == "Gulf Herald"


def test_cli_refuses_a_page_without_text_in_one_line(tmp_path: Path) -> None:
    write(tmp_path, "shell.html", "<html><body><script>var a = 1;</script></body></html>")
    done = newsmark("import", "shell.html", "--db", "x.db", cwd=tmp_path, PYTHONPATH=str(ROOT))
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "shell.html" in done.stderr
    assert "Traceback" not in done.stderr


def test_starting_newsmark_does_not_load_trafilatura(tmp_path: Path) -> None:
    check = (
        "import sys, tui.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('trafilatura', 'lxml', 'charset_normalizer', 'justext', 'htmldate')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},  # this checkout's tui, not an installed one
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
