"""Saved web pages (``.html``/``.htm``) to article text: trafilatura finds the article.

trafilatura (and lxml under it) is imported inside ``extract_page`` only: the
reader's start-up must not pay its ~0.5 s import for a format most sessions never open.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .articles import Span
from .errors import InputError
from .text import canonicalise, is_safe

# trafilatura's cost grows with the square of the element count on some shapes (20 s
# for 32,000 sibling divs here, in fast mode); real news pages have 500 to 3,000
MAX_ELEMENTS = 15_000
MAX_META = 300  # a byline or site name longer than this is page furniture, not metadata
_PRESCAN_BYTES = 8192  # the HTML standard scans 1024; saved pages put scripts before the meta
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = (
    re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE),
    re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)""", re.IGNORECASE),
)
# the HTML standard decodes these labels as windows-1252, and UTF-16 labels in a
# byte-oriented meta tag as UTF-8 (the tag could not have been read otherwise)
_LABEL_ALIASES = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gbk",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
# UTF-7 can spell markup in plain ASCII, which is why browsers do not honour it
_REFUSED_LABELS = {"utf-7"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_SPACES = re.compile(r"[ \t\n\r\f\v\u2028\u2029\x85]+")
BLOCK_TAGS = {"head": "heading", "p": "paragraph", "item": "list_item", "quote": "quote"}
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+([^|\-–—]+)$")
_SKIPPED = {"graphic"}  # an image's alt text is not the article's wording


@dataclass(frozen=True)
class Page:
    """What a page yields: canonical text with its blocks, and what the page says of itself."""

    text: str
    blocks: tuple[Span, ...]
    title: str
    url: str
    site: str
    author: str
    published: str


def declared_encoding(data: bytes) -> str | None:
    """The Python codec a page's ``<meta charset>`` or XML declaration names, if any is known."""
    head = data[:_PRESCAN_BYTES]
    for pattern in _DECLARED:
        match = pattern.search(head)
        if match is None:
            continue
        try:
            name = codecs.lookup(match.group(1).decode("ascii")).name
            b"".decode(name)  # "rot13" and "base64" are codecs but not text encodings
        except (LookupError, UnicodeDecodeError):
            continue
        if name not in _REFUSED_LABELS:
            return _LABEL_ALIASES.get(name, name)
    return None


def _decode(data: bytes, path: str | Path) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    declared = declared_encoding(data)
    try:
        as_utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        as_utf8 = None
    # a saved page often keeps a stale legacy meta tag over UTF-8 bytes, while legacy
    # text that happens to be valid UTF-8 with multi-byte sequences is vanishingly rare
    if as_utf8 is not None and (declared is None or not data.isascii()):
        return as_utf8
    if declared is not None:
        # a wrong byte in a declared page is one replacement character, as in a browser
        return data.decode(declared, "replace")
    from charset_normalizer import from_bytes

    guesses = list(from_bytes(data))
    if not guesses:
        raise InputError(path, "not text (binary file or unknown encoding)")
    # ``best()`` ranks by "chaos" alone and reads French as Baltic (à as ą) where
    # windows-1252 is as clean: let the fit to a language decide near-ties
    best = max(guesses, key=lambda guess: guess.coherence - guess.chaos)
    return str(best)


def decode_html(data: bytes, path: str | Path) -> str:
    """Bytes to text as a browser would: BOM, then the declared charset, then UTF-8.

    A page with neither whose bytes are not UTF-8 goes to charset_normalizer (which
    trafilatura uses for the same job); what cannot be read as text is refused.
    """
    if not data.strip():
        raise InputError(path, "file is empty")
    text = _decode(data, path)
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\n\r\t\f\v")
    if "\x00" in sample or controls > max(8, len(sample) // 10):
        raise InputError(path, "not text (looks like a binary file)")
    return text


def _one_line(value: object, limit: int = MAX_META) -> str:
    """Metadata as one safe line: pages put anything in their meta tags."""
    if not isinstance(value, str):
        return ""
    line = _SPACES.sub(" ", canonicalise(value).replace("\n", " ")).strip()
    return line if len(line) <= limit else ""


def _web_url(value: object) -> str:
    """Only an absolute http(s) URL is a source link; ``javascript:`` and relatives are not."""
    url = _one_line(value, 2000)
    if " " in url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme in ("http", "https") and parts.netloc else ""


class _BlockText:
    """Accumulates blocks of text from trafilatura's output tree, offsets as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Span] = []
        self.lines: list[list[str]] = [[]]  # the open block, split at <lb>
        self.kind = "paragraph"
        self.bullet = ""

    def start(self, kind: str, bullet: str = "") -> None:
        self.close()
        self.kind, self.bullet = kind, bullet

    def add(self, text: str | None) -> None:
        if text:
            self.lines[-1].append(text)

    def line_break(self) -> None:
        self.lines.append([])

    def close(self) -> None:
        lines = [_SPACES.sub(" ", "".join(pieces)).strip() for pieces in self.lines]
        self.lines = [[]]
        body = canonicalise("\n".join(line for line in lines if line))
        if not body:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        piece = self.bullet + body
        self.bullet = "  " if self.bullet else ""  # a later paragraph of one list item
        self.parts.append(piece)
        self.blocks.append(Span(self.kind, self.length, self.length + len(piece)))
        self.length += len(piece)

    def walk(self, element: Any, kind: str) -> None:
        """Depth-first over the tree; a block element closes the text before it."""
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIPPED:
            pass
        elif tag in BLOCK_TAGS or tag == "row":
            inner = BLOCK_TAGS.get(tag, "paragraph")
            if tag == "p" and kind in ("quote", "list_item"):
                inner = kind  # a paragraph inside a quote or list item is part of it
            bullet = self.bullet if tag == "p" and kind == "list_item" else ""
            if tag == "item":
                parent = element.getparent()
                ordered = parent is not None and parent.get("rend") == "ol"
                bullet = f"{parent.index(element) + 1}. " if ordered else "• "
            self.start(inner, bullet)
            self._inside(element, inner)
            self.start(kind)
        elif tag == "lb":
            self.line_break()
        else:
            if tag == "cell" and element.getprevious() is not None:
                self.add(" | ")
            self._inside(element, kind)
        self.add(element.tail)

    def _inside(self, element: Any, kind: str) -> None:
        self.add(element.text)
        for child in element:
            self.walk(child, kind)

    def result(self) -> tuple[str, tuple[Span, ...]]:
        self.close()
        return "".join(self.parts), tuple(self.blocks)


def _without_site(title: str, site: str) -> str:
    """``Headline | Site`` to ``Headline`` when the suffix is the page's own site name."""
    match = _SITE_SUFFIX.search(title)
    if match is None or not site:
        return title
    suffix = match.group(1).casefold()
    return title[: match.start()] if suffix in site.casefold() else title


def _first_heading(text: str, blocks: tuple[Span, ...]) -> str:
    return next((text[block.start : block.end] for block in blocks if block.kind == "heading"), "")


def _parse(html: str, path: str | Path) -> Any:
    """The page's element tree, or a one-line refusal when it has too many elements."""
    import trafilatura

    # lxml refuses a str that still declares an encoding: the text is decoded already
    html = _XML_DECLARATION.sub("", html, count=1)
    # trafilatura takes a file without an <html> start for a fragment, and a lone
    # fragment (one article's markup, copied) for not HTML: give it a document
    tree = trafilatura.load_html(html)
    if tree is None:
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        raise InputError(path, "cannot be read as HTML")
    elements = int(tree.xpath("count(//*) - count(//svg//*)"))  # icons are no reading
    if elements > MAX_ELEMENTS:
        raise InputError(
            path, f"too many HTML elements ({elements:,}; at most {MAX_ELEMENTS:,} are read)"
        )
    _defuse(tree)
    return tree


def _defuse(tree: Any) -> None:
    """Make control characters (``&#27;`` and the like) harmless before trafilatura runs.

    lxml keeps them from character references but refuses them in the elements
    trafilatura builds, which then drops the whole page. ``canonicalise`` would
    replace them at the end anyway; doing it here first changes no result.
    """
    for element in tree.iter():
        if element.text and not is_safe(element.text):
            element.text = canonicalise(element.text)
        if element.tail and not is_safe(element.tail):
            element.tail = canonicalise(element.tail)
        for name, value in element.attrib.items():
            if not is_safe(value):
                element.set(name, canonicalise(value))


def extract_page(raw: str | bytes, path: str | Path) -> Page:
    """The article in a saved page: main text as blocks, and the page's metadata.

    Refuses (``InputError``, one line) a page that is not text or has no article.
    """
    html = decode_html(raw, path) if isinstance(raw, bytes) else raw
    if not html.strip():
        raise InputError(path, "file is empty")
    import trafilatura

    try:
        tree = _parse(html, path)
        document = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            # bench/html_bench.py, 20 news pages, mean word F1: 0.948 balanced; 0.967
            # recall; 0.965 fast (recall or not). Fast skips the second opinions
            # (readability, justext), and justext is quadratic in the number of blocks:
            # 7 s for 2,400 sibling divs. Recall: an analyst would rather skip a line
            # of furniture than miss a paragraph.
            favor_recall=True,
            fast=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
        )
    except RecursionError:
        raise InputError(path, "HTML nested too deeply to read") from None
    except (ValueError, TypeError, LookupError) as error:
        raise InputError(path, f"cannot be read as HTML ({type(error).__name__})") from None
    if document is None or isinstance(document, dict) or document.body is None:
        raise InputError(path, "no article text found")
    builder = _BlockText()
    try:
        builder.walk(document.body, "paragraph")
    except RecursionError:
        raise InputError(path, "HTML nested too deeply to read") from None
    text, blocks = builder.result()
    if canonicalise(text) != text:  # a join composed characters: keep the offset contract
        text, blocks = canonicalise(text), ()
    if not text.strip():
        raise InputError(path, "no article text found")
    site = _one_line(document.sitename)
    return Page(
        text=text,
        blocks=blocks,
        title=_without_site(_one_line(document.title, 1000), site) or _first_heading(text, blocks),
        url=_web_url(document.url),
        site=site,
        author=_one_line(document.author),
        published=_one_line(document.date, 40),
    )
