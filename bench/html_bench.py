"""How well and how fast saved web pages import, against a reference extraction.

Run by hand: ``python bench/html_bench.py [--pages DIR] [--repeat K] [-v]``.

For each page folder under ``--pages`` (default: ``../shared/devdata/html``, the
20 news pages of Mozilla Readability's test suite) holding ``source.html``,
``expected.html`` and ``expected-metadata.json``, it imports ``source.html``
through ``parse_article`` and prints:

- word overlap with the reference text (``expected.html`` with its tags
  stripped): precision, recall and F1 of words counted as a multiset, case
  folded (target: mean F1 >= 0.90);
- whether our title matches the reference title, ignoring case, spacing and
  quote style, and also when one is the other with a trailing ``" - Site"`` or
  ``" | Site"`` removed (target: 18 of 20);
- the time of our import against trafilatura's bare ``extract`` of the same
  bytes, measured in the same run (best of ``--repeat``), as a ratio.

The reference is one extractor's view (Readability's), not the truth: read the
low pages with ``-v`` before blaming either side.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tui.core.articles import Article, parse_article
from tui.core.text import printable

# ../shared beside the checkout (main), or beside the folder of worktrees
DEFAULT_PAGES = next(
    (
        folder / "shared" / "devdata" / "html"
        for folder in Path(__file__).resolve().parents
        if (folder / "shared" / "devdata" / "html").is_dir()
    ),
    Path("../shared/devdata/html"),
)
_WORD = re.compile(r"\w+")
_QUOTES = str.maketrans({char: "'" for char in '"‘’‚‛“”„‟«»‹›`´'})
_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]+$")
_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "blockquote"}


class _TextOnly(HTMLParser):
    """The reference's words: every text node, a space at block boundaries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def strip_tags(html: str) -> str:
    parser = _TextOnly()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def overlap(ours: str, reference: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of words, as multisets."""
    mine, theirs = words(ours), words(reference)
    common = sum((mine & theirs).values())
    precision = common / max(sum(mine.values()), 1)
    recall = common / max(sum(theirs.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def normalise_title(title: str) -> str:
    title = unicodedata.normalize("NFKC", title).translate(_QUOTES).casefold()
    return re.sub(r"\s+", " ", title).strip()


def titles_match(ours: str, reference: str) -> bool:
    a, b = normalise_title(ours), normalise_title(reference)
    if not a or not b:
        return False
    return a == b or a == _SUFFIX.sub("", b) or _SUFFIX.sub("", a) == b


def best_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


@dataclass
class PageResult:
    name: str
    precision: float
    recall: float
    f1: float
    title_ok: bool
    title_exact: bool  # equal after normalising, without the suffix rule
    ours: float
    bare: float
    title: str
    reference_title: str


def measure(folder: Path, repeat: int) -> PageResult:
    import trafilatura

    source = folder / "source.html"
    data = source.read_bytes()
    reference = strip_tags((folder / "expected.html").read_text(encoding="utf-8"))
    metadata = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    article: Article = parse_article(data, source)
    precision, recall, f1 = overlap(article.text, reference)
    reference_title = metadata.get("title") or ""
    ours = best_time(lambda: parse_article(data, source), repeat)
    bare = best_time(lambda: trafilatura.extract(data), repeat)
    return PageResult(
        folder.name,
        precision,
        recall,
        f1,
        titles_match(article.title, reference_title),
        normalise_title(article.title) == normalise_title(reference_title),
        ours,
        bare,
        article.title,
        reference_title,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("-v", "--verbose", action="store_true", help="show both titles")
    args = parser.parse_args()
    folders = sorted(path.parent for path in args.pages.glob("*/source.html"))
    if not folders:
        sys.exit(f"no */source.html under {args.pages}")
    import trafilatura

    trafilatura.extract("<html><body><p>warm up</p></body></html>")
    print(f"{'page':16} {'P':>5} {'R':>5} {'F1':>5} title  {'ours ms':>8} {'bare ms':>8} ratio")
    results = []
    for folder in folders:
        result = measure(folder, args.repeat)
        results.append(result)
        print(
            f"{result.name:16} {result.precision:5.2f} {result.recall:5.2f} {result.f1:5.2f}"
            f" {'yes' if result.title_ok else 'NO':5}  {result.ours * 1000:8.1f}"
            f" {result.bare * 1000:8.1f} {result.ours / result.bare:5.2f}"
        )
        if args.verbose or not result.title_ok:
            print(f"{'':16}   ours: {printable(result.title)}")
            print(f"{'':16}   ref:  {printable(result.reference_title)}")
    ours_total = sum(result.ours for result in results)
    bare_total = sum(result.bare for result in results)
    print(
        f"{'mean':16} {statistics.mean(r.precision for r in results):5.2f}"
        f" {statistics.mean(r.recall for r in results):5.2f}"
        f" {statistics.mean(r.f1 for r in results):5.2f}"
        f" {sum(r.title_ok for r in results)}/{len(results)}"
        f"   {ours_total * 1000 / len(results):8.1f} {bare_total * 1000 / len(results):8.1f}"
        f" {ours_total / bare_total:5.2f}"
    )
    exact = sum(result.title_exact for result in results)
    print(f"titles equal without the suffix rule: {exact}/{len(results)}")
    print(
        f"median F1 {statistics.median(r.f1 for r in results):.3f};"
        f" pages under F1 0.90: {sum(r.f1 < 0.90 for r in results)}"
    )


if __name__ == "__main__":
    main()
