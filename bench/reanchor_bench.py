"""Re-anchoring on real articles with real annotation spans, under edits of our own making.

Reads ``../shared/devdata/polnear/dev`` (84 news articles and their attribution
spans; never copied into the project). For each article, each edit kind below is
applied and every span is re-anchored as the store does it; the outcome is
compared with what a reader of both texts would say:

- E1 a lead is added at the top: every span *moved*, on its own words;
- E2 a paragraph is deleted: spans in it *orphaned*, all others unchanged/moved;
- E3 a middle word of a span (6+ words) is replaced: *changed*, the whole new passage;
- E4 a number in a span changes: *changed*, the whole new passage;
- E5 the sentence holding a span is deleted: *orphaned*;
- E6 a paragraph moves to the end: its spans *moved* with it;
- E7 the word next-but-one before a span and a number in it change: *changed*, the
  new passage (the context after the span agrees in full, before it a word or two).

Speed is printed as a ratio against ``str.find`` of each quote in the same run (the
least any re-anchoring must do). Run by hand: ``python bench/reanchor_bench.py``.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from tui.core.models import CONTEXT_CHARS
from tui.core.reanchor import Placement, reanchor

_DEVDATA = Path("shared") / "devdata" / "polnear" / "dev"
DEFAULT_DATA = next(
    (p / _DEVDATA for p in Path(__file__).resolve().parents if (p / _DEVDATA).is_dir()),
    Path("..") / _DEVDATA,
)
Span = tuple[int, int]
Case = tuple[str, str, Span, Callable[[Placement, str], bool]]  # kind, new text, span, check


def spans_of(data: Path, article: str) -> list[Span]:
    """Every continuous text-bound span of every annotator (Source, Cue, Content)."""
    found: set[Span] = set()
    for ann in sorted((data / "attributions").glob(f"{article}_*.ann")):
        for line in ann.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if not line.startswith("T") or ";" in fields[1]:
                continue
            kind, start, end = fields[1].split(" ")
            if kind != "Attribution":
                found.add((int(start), int(end)))
    return sorted(found)


def _is(outcome: str, text: str | None = None, start: int | None = None) -> Callable[..., bool]:
    def check(placement: Placement, new: str) -> bool:
        if placement.outcome != outcome:
            return False
        placed = new[placement.start : placement.end]
        return (text is None or placed == text) and (start is None or placement.start == start)

    return check


def cases(old: str, spans: list[Span], rng: random.Random) -> Iterator[Case]:
    lead = "UPDATE: this story has been corrected.\n\n"
    for s, e in spans:
        yield "E1 lead added -> moved", lead + old, (s, e), _is("moved", old[s:e], s + len(lead))
    paragraphs = [m.span() for m in re.finditer(r"[^\n]+", old)]
    if len(paragraphs) > 3:
        a, b = rng.choice(paragraphs[1:-1])
        cut = old[:a] + old[b + 1 :]
        moved = cut + "\n" + old[a:b]
        for s, e in spans:
            if a <= s and e <= b:
                yield "E2 its paragraph deleted -> orphaned", cut, (s, e), _is("orphaned")
                where = len(cut) + 1 + s - a
                yield "E6 its paragraph moved -> moved", moved, (s, e), _is("moved", None, where)
            elif e <= a or s > b:
                check = (lambda w: lambda p, n: p.placed and n[p.start : p.end] == w)(old[s:e])
                yield "E2 another paragraph deleted -> kept", cut, (s, e), check
    for s, e in spans:
        if re.match(r"\w", old[s - 1 : s] or " ") or re.match(r"\w", old[e : e + 1] or " "):
            continue  # spans that cut a word: the property tests cover them
        words = [m.span() for m in re.finditer(r"\w+", old[s:e])]
        if len(words) >= 6:
            ws, we = words[len(words) // 2]
            new = old[: s + ws] + "reportedly" + old[s + we :]
            passage = new[s : e - (we - ws) + len("reportedly")]
            yield "E3 a word in it replaced -> changed", new, (s, e), _is("changed", passage, s)
        if number := re.search(r"\d+", old[s:e]):
            n0, n1 = s + number.start(), s + number.end()
            new = old[:n0] + str(int(old[n0:n1]) + 1) + old[n1:]
            passage = new[s : e + len(new) - len(old)]
            yield "E4 a number in it changed -> changed", new, (s, e), _is("changed", passage, s)
            before = re.search(r"(\w+)(\W{1,3}\w{4,}\W{1,3})$", old[max(0, s - 60) : s])
            if before and any(not word.isdigit() for word in re.findall(r"\w+", old[s:e])):
                b0 = s - len(before.group(0))
                b1 = b0 + len(before.group(1))
                number = str(int(old[n0:n1]) + 1)
                new = old[:b0] + "reportedly" + old[b1:n0] + number + old[n1:]
                shift = len("reportedly") - (b1 - b0)
                passage = new[s + shift : e + shift + len(number) - (n1 - n0)]
                kind = "E7 a word next-but-one before it and a number in it changed -> changed"
                yield kind, new, (s, e), _is("changed", passage, s + shift)
        a = max(old.rfind(". ", 0, s) + 2, old.rfind("\n", 0, s) + 1)
        b = old.find(". ", e)
        if b != -1 and a <= s and "\n" not in old[a:b] and b - a <= 400:
            new = old[:a] + old[b + 2 :]
            yield "E5 its sentence deleted -> orphaned", new, (s, e), _is("orphaned")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=5, help="misses to print")
    args = parser.parse_args()
    rng = random.Random(7)
    results: Counter[tuple[str, bool]] = Counter()
    misses: list[str] = []
    ours = reference = 0.0
    articles = sorted({p.name.rsplit("_", 1)[0] for p in (args.data / "attributions").iterdir()})
    for name in articles:
        old = (args.data / "text" / f"{name}.txt").read_text(encoding="utf-8")
        for kind, new, (s, e), check in cases(old, spans_of(args.data, name), rng):
            quote, prefix = old[s:e], old[max(0, s - CONTEXT_CHARS) : s]
            suffix = old[e : e + CONTEXT_CHARS]
            began = time.perf_counter()
            placement = reanchor(new, quote, prefix, suffix, s, old_text=old)
            middle = time.perf_counter()
            new.find(quote)
            ended = time.perf_counter()
            ours += middle - began
            reference += ended - middle
            ok = check(placement, new)
            results[kind, ok] += 1
            if not ok and len(misses) < args.show:
                misses.append(f"  {kind}: {name} {quote[:50]!r} -> {placement}")
    print(f"{len(articles)} articles from {args.data}")
    for kind in sorted({kind for kind, _ in results}):
        print(f"  {kind:42} {results[kind, True]:5} as expected, {results[kind, False]:3} not")
    total = sum(results.values())
    print(f"{total} cases; re-anchoring took {ours:.2f} s, {ours / reference:.0f}x str.find")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
