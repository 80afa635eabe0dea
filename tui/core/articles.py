"""Load ``.txt`` and ``.md`` files into articles: canonical text plus its structure."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from .errors import InputError
from .text import canonicalise, printable, sha256

if TYPE_CHECKING:  # markdown-it loads when a Markdown file is read, not at start-up
    from markdown_it.token import Token

MAX_BYTES = 64 * 1024 * 1024
READ_CHUNK = 1024 * 1024
MAX_TITLE = 200
# Levels of block nesting markdown-it may reach (a list level counts two, a quote one):
# well inside what its recursive parser survives under Python's recursion limit.
MARKDOWN_MAX_NESTING = 200
BLOCK_KINDS = ("heading", "paragraph", "list_item", "quote", "code")
HTML_SUFFIXES = (".html", ".htm")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class Span(NamedTuple):
    """A range of the canonical text with a kind: a block (heading, ...) or an inline style.

    A Markdown link keeps its URL as ``target`` (stored as a fourth item only then). A
    NamedTuple, not a frozen dataclass: a 5 MB article has ~13k of them, all made when it
    is read from the database, before the reader's first frame, at half the cost.
    """

    kind: str
    start: int
    end: int
    target: str = ""

    def as_list(self) -> list[Any]:
        return [self.kind, self.start, self.end, *([self.target] if self.target else [])]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    source: str
    path: str
    text: str
    sha256: str
    blocks: tuple[Span, ...] = ()
    styles: tuple[Span, ...] = field(default=())
    # what a web page says of itself (HTML import): canonical URL, site name, byline, date
    url: str = ""
    site: str = ""
    author: str = ""
    published: str = ""


def heading_spans(article: Article) -> list[tuple[int, int]]:
    """Where the article's headings are: what suggestions leave alone."""
    return [(block.start, block.end) for block in article.blocks if block.kind == "heading"]


def article_id(text_sha256: str) -> str:
    """Short and stable: the same text gets the same id in every database."""
    return text_sha256[:10]


def decode(data: bytes, path: str | Path) -> str:
    """Bytes to text, refusing what is not text with the byte offset that gave it away."""
    if not data.strip():
        raise InputError(path, "file is empty")
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise InputError(path, f"invalid UTF-16 at byte {error.start}") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError(
                path, f"not valid UTF-8 at byte {error.start} (binary file or another encoding?)"
            ) from None
    sample = text[:4096]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\n\r\t\f\v\x1b")
    if controls > max(8, len(sample) // 10):
        raise InputError(path, "looks like a binary file (too many control characters)")
    if not canonicalise(text).strip():
        raise InputError(path, "file is empty")
    return text


def not_regular(mode: int) -> str:
    """Why a file of this mode is not read (a FIFO would hang, a device never ends)."""
    if stat.S_ISDIR(mode):
        return "is a directory, not an article file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    return "is not a regular file"


def _read_regular(path: Path) -> bytes:
    """The bytes of a regular file, at most ``MAX_BYTES`` of them.

    Opened without blocking (a FIFO with no writer would hang ``open``), checked to
    be a regular file on the open descriptor (no race with a rename), and read in
    chunks with the limit counted as the bytes arrive: ``st_size`` may lie (/proc,
    a file that grows).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(path, not_regular(mode))
        os.set_blocking(descriptor, True)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, min(READ_CHUNK, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                raise InputError(path, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_bytes(path: str | Path) -> bytes:
    """A regular file's bytes: directories, FIFOs, devices, missing files and files past
    ``MAX_BYTES`` are refused with one line."""
    path = Path(path)
    try:
        data = _read_regular(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not an article file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except OSError as error:
        raise InputError(path, error.strerror or "cannot be read") from None
    return data


def read_file(path: str | Path) -> str:
    return decode(read_bytes(path), path)


def is_html(path: str | Path) -> bool:
    return Path(path).suffix.lower() in HTML_SUFFIXES


def _looks_like_headline(line: str) -> bool:
    """Two words or more on a line of its own: "Article 1" is a title, "Politics" a
    section label, "Home/" a breadcrumb, "• World" a menu item."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("•", "*", "-", "·", ">")) or stripped.endswith("/"):
        return False
    return len(stripped.split()) >= 2 and len(stripped) <= 200


def guess_title(text: str, fallback: str) -> str:
    """First line that reads as a headline; breadcrumbs and section labels are skipped."""
    lines = [line.strip() for line in text.split("\n", 200)[:200]]
    for line in lines:
        if _looks_like_headline(line):
            return line
    return next((line for line in lines if line), fallback)


def _storable(path: Path) -> str:
    """The path as text SQLite can store: undecodable bytes of a file name become ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def clean_title(title: str) -> str:
    """One safe line of at most ``MAX_TITLE`` characters (a heading may hold any character)."""
    title = re.sub(r"\s+", " ", canonicalise(title)).strip()
    if len(title) > MAX_TITLE:
        cut = title[: MAX_TITLE - 1]
        title = (cut.rsplit(" ", 1)[0] if " " in cut[MAX_TITLE // 2 :] else cut).rstrip() + "…"
    return title


def _plain_blocks(text: str, title: str) -> tuple[Span, ...]:
    blocks: list[Span] = []
    offset = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            isolated = (index == 0 or not lines[index - 1].strip()) and (
                index + 1 == len(lines) or not lines[index + 1].strip()
            )
            if stripped.startswith(("•", "* ", "- ", "· ")):
                kind = "list_item"
            elif stripped == title or (
                isolated and len(stripped) < 80 and not stripped.endswith((".", ",", ";", ":"))
            ):
                kind = "heading"
            else:
                kind = "paragraph"
            blocks.append(Span(kind, offset, offset + len(line)))
        offset += len(line) + 1
    return tuple(blocks)


class _MarkdownText:
    """Accumulates the visible text of a Markdown token stream with block and style ranges."""

    STYLE_OPEN: ClassVar[dict[str, str]] = {
        "em_open": "emphasis",
        "strong_open": "strong",
        "link_open": "link",
    }
    STYLE_CLOSE: ClassVar[set[str]] = {"em_close", "strong_close", "link_close"}

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Span] = []
        self.styles: list[Span] = []

    def _append(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def block(self, kind: str, prefix: str = "") -> int:
        if self.parts:
            self._append("\n\n")
        start = self.length
        self._append(prefix)
        return start

    def inline(self, children: list[Token]) -> None:
        opened: list[tuple[str, int, str]] = []
        for child in children:
            if child.type == "text":
                self._append(child.content)
            elif child.type == "code_inline":
                start = self.length
                self._append(child.content)
                self.styles.append(Span("code", start, self.length))
            elif child.type == "softbreak":
                self._append(" ")
            elif child.type == "hardbreak":
                self._append("\n")
            elif child.type == "image":
                self._append(child.content)
            elif child.type in self.STYLE_OPEN:
                target = printable(str(child.attrGet("href") or ""))  # links: the URL
                opened.append((self.STYLE_OPEN[child.type], self.length, target))
            elif child.type in self.STYLE_CLOSE and opened:
                kind, start, target = opened.pop()
                if self.length > start:
                    self.styles.append(Span(kind, start, self.length, target))


def _parse_markdown(source: str, path: Path) -> list[Token]:
    """Tokens of the whole document, or a refusal: never a silently shortened one.

    markdown-it skips the rest of a container nested ``maxNesting`` levels deep
    (CommonMark preset: 20, so a list ten deep lost every later paragraph). The
    limit is raised to what its recursive parser handles; deeper documents are
    refused, naming the problem.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": MARKDOWN_MAX_NESTING})
    try:
        tokens = parser.parse(source)
    except RecursionError:
        tokens = None
    if tokens is None or any(token.level >= MARKDOWN_MAX_NESTING - 1 for token in tokens):
        raise InputError(
            path,
            f"Markdown nested too deeply (lists or quotes about {MARKDOWN_MAX_NESTING // 2}"
            " levels inside one another): its text cannot all be shown; save it as .txt",
        )
    return tokens


def _markdown(
    source: str, path: Path
) -> tuple[str, tuple[Span, ...], tuple[Span, ...], str | None]:
    tokens = _parse_markdown(source, path)
    out = _MarkdownText()
    context: list[str] = []
    ordinal: list[int] = []
    first_heading: str | None = None
    bullet_due = False  # the next paragraph opens a list item: it gets the bullet
    for token in tokens:
        kind = token.type
        if kind in ("heading_open", "blockquote_open"):
            context.append("heading" if kind == "heading_open" else "quote")
        elif kind == "list_item_open":
            context.append("list_item")
            bullet_due = True
        elif kind in ("heading_close", "blockquote_close", "list_item_close"):
            context.pop()
        elif kind == "bullet_list_open":
            ordinal.append(0)
        elif kind == "ordered_list_open":
            ordinal.append(int(token.attrGet("start") or 1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordinal.pop()
        elif kind == "inline":
            block_kind = context[-1] if context else "paragraph"
            prefix = ""
            if block_kind == "list_item" and ordinal and bullet_due:
                prefix = f"{ordinal[-1]}. " if ordinal[-1] else "• "
                if ordinal[-1]:
                    ordinal[-1] += 1
            elif block_kind == "list_item":
                prefix = "  "  # a later paragraph of the same item: indented, no bullet
            bullet_due = False
            start = out.block(block_kind, prefix)
            out.inline(token.children or [])
            out.blocks.append(Span(block_kind, start, out.length))
            if block_kind == "heading" and first_heading is None:
                first_heading = "".join(out.parts)[start:]
        elif kind in ("fence", "code_block", "html_block"):
            start = out.block("code")
            out._append(token.content.rstrip("\n"))
            block_kind = "paragraph" if kind == "html_block" else "code"
            out.blocks.append(Span(block_kind, start, out.length))
    return "".join(out.parts), tuple(out.blocks), tuple(out.styles), first_heading


def parse_article(
    raw: str | bytes, path: str | Path, *, title: str | None = None, source: str | None = None
) -> Article:
    """Turn file contents into an article: Markdown for ``.md``, a web page for ``.html``.

    Bytes are decoded here: a web page by the charset it declares, the rest as UTF-8.
    """
    path = Path(path)
    if is_html(path):
        from .html import extract_page  # trafilatura loads only when a page is imported

        page = extract_page(raw, path)
        digest = sha256(page.text)
        return Article(
            id=article_id(digest),
            title=clean_title(title or page.title or guess_title(page.text, path.stem)),
            source=printable(source or path.name),
            path=_storable(path.resolve()),
            text=page.text,
            sha256=digest,
            blocks=page.blocks,
            url=page.url,
            site=page.site,
            author=page.author,
            published=page.published,
        )
    if isinstance(raw, bytes):
        raw = decode(raw, path)
    canonical = canonicalise(raw)
    blocks: tuple[Span, ...]
    styles: tuple[Span, ...] = ()
    if path.suffix.lower() in (".md", ".markdown"):
        text, blocks, styles, heading = _markdown(canonical, path)
        if canonicalise(text) != text:  # a join composed characters: keep the contract
            text, blocks, styles = canonicalise(text), (), ()
        if not text.strip():
            raise InputError(path, "has no visible text")
        title = title or heading or guess_title(text, path.stem)
    else:
        text = canonical
        title = title or guess_title(text, path.stem)
        blocks = _plain_blocks(text, title)
    digest = sha256(text)
    return Article(
        id=article_id(digest),
        title=clean_title(title),
        source=printable(source or path.name),
        path=_storable(path.resolve()),
        text=text,
        sha256=digest,
        blocks=blocks,
        styles=styles,
    )


def load_article(path: str | Path, *, title: str | None = None) -> Article:
    raw = read_bytes(path) if is_html(path) else read_file(path)
    return parse_article(raw, path, title=title)
