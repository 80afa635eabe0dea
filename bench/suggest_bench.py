"""Suggested quotes against real attribution annotations (PolNeAR dev), with a baseline.

Run by hand from the repository root:
``python bench/suggest_bench.py [--data DIR] [--errors N] [--article SUBSTR]``.

Reads ``DIR/text/*.txt`` and ``DIR/attributions/*.ann`` (brat standoff) at run
time; nothing of that data is copied into the repository. Two articles were
annotated by six annotators each: the bench uses one annotator per article, the
first by annotator code (``4b22`` for both), so no article counts twice.

Over all gold ``Content`` spans (direct and reported) it prints, for the
baseline (paired quotation marks alone) and for ``suggest_quotes``:
- span recall: gold spans with at least half their characters covered by suggestions;
- span precision: suggestions with at least half their characters inside gold content;
- span F1, and character-level precision/recall/F1;
- speaker accuracy: of the gold attributions found (by the suggestion overlapping their
  content most), the share whose suggested speaker overlaps the gold ``Source``.
  Like the gold, a suggestion gives a pronoun speaker as the pronoun ("he", "who"; the
  person it stands for is in its reasons), while a quotation with no cue of its own
  inherits the person; a second figure therefore also accepts, for a pronoun source,
  the nearest preceding gold source that is a name (the gold's own antecedent, roughly);
and the time taken, as a ratio to the baseline's. For scale it also scores the
annotators against each other on the articles annotated several times (the same
measures, one annotator's Content spans standing for suggestions), and times both
on one long article (the dev texts end to end, about 5 MB).

``--errors N`` prints a sample of misses (FN), wrong suggestions (FP) and wrong
speakers (SPK) to study the rules; ``--data`` points at another PolNeAR folder
(e.g. ``annotator-training``, which the rules were never tuned on).

The texts go in as annotated: two of them are not NFC (mojibake with combining
marks), and canonicalising them would shift the gold offsets by a character or two.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tui.core.assist import suggest_quotes

_DEVDATA = Path("shared") / "devdata" / "polnear" / "dev"
# ../shared from the repository, found from a worktree too (the nearest ancestor that has it).
DEFAULT_DATA = next(
    (p / _DEVDATA for p in Path(__file__).resolve().parents if (p / _DEVDATA).is_dir()),
    Path("..") / _DEVDATA,
)
PRONOUNS = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "him", "them",
     "who"]
)
Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Gold:
    content: Spans
    source: Spans | None


@dataclass(frozen=True)
class Article:
    name: str
    annotator: str
    text: str
    gold: list[Gold]


@dataclass(frozen=True)
class Guess:
    start: int
    end: int
    speaker: tuple[int, int] | None
    why: str = ""


def _spans(ranges: str) -> Spans:
    return [(int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))]


def parse_ann(lines: Iterable[str]) -> list[Gold]:
    """Attributions (``E`` lines) with their Content and Source spans."""
    bound: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in lines:
        fields = line.rstrip("\n").split("\t")
        if fields[0].startswith("T"):
            _label, ranges = fields[1].split(" ", 1)
            bound[fields[0]] = _spans(ranges)
        elif fields[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in fields[1].split()))
    gold: list[Gold] = []
    for event in events:
        content = bound.get(event.get("Content", ""))
        if content:
            gold.append(Gold(content, bound.get(event.get("Source", ""))))
    return gold


def load_all(data: Path) -> dict[str, list[Article]]:
    """Every annotation of every article: article name -> one Article per annotator."""
    found: dict[str, list[Article]] = {}
    for ann in sorted((data / "attributions").glob("*.ann")):
        name, annotator = ann.stem.rsplit("_", 1)
        text = (data / "text" / f"{name}.txt").read_text(encoding="utf-8")
        gold = parse_ann(ann.read_text(encoding="utf-8").splitlines())
        found.setdefault(name, []).append(Article(name, annotator, text, gold))
    return found


def load(data: Path) -> list[Article]:
    """One annotation per article: the first by annotator code (sorted)."""
    return [versions[0] for _name, versions in sorted(load_all(data).items())]


def agreement(data: Path) -> Tally | None:
    """Annotators scored against each other, on the articles annotated more than once:
    the same measures with one annotator's Content spans as the suggestions."""
    total = Tally()
    pairs = 0
    for versions in load_all(data).values():
        for gold, other in ((a, b) for a in versions for b in versions if a is not b):
            guesses = [Guess(s, e, None) for g in other.gold for s, e in g.content]
            tally = evaluate([gold], lambda _text, found=guesses: found)
            for name in ("gold", "gold_found", "guesses", "guesses_right", "gold_chars",
                         "guess_chars", "both_chars"):
                setattr(total, name, getattr(total, name) + getattr(tally, name))
            pairs += 1
    return total if pairs else None


_BASELINE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|''[^'\n]+''|«[^»\n]*»|„[^“”\n]*[“”]")


def baseline(text: str) -> list[Guess]:
    """Paired double quotation marks, nothing else."""
    return [Guess(m.start(), m.end(), None) for m in _BASELINE.finditer(text)]


def suggester(text: str) -> list[Guess]:
    return [
        Guess(s.start, s.end, (s.speaker.start, s.speaker.end) if s.speaker else None,
              "; ".join(s.reasons))
        for s in suggest_quotes(text)
    ]


def _cover(spans: Iterable[tuple[int, int]], size: int) -> bytearray:
    mask = bytearray(size)
    for start, end in spans:
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _inside(mask: bytearray, spans: Spans) -> tuple[int, int]:
    total = sum(end - start for start, end in spans)
    return sum(mask[start:end].count(1) for start, end in spans), total


def _overlaps(a: tuple[int, int], spans: Spans) -> bool:
    return any(a[0] < end and start < a[1] for start, end in spans)


@dataclass
class Tally:
    gold: int = 0
    gold_found: int = 0
    guesses: int = 0
    guesses_right: int = 0
    gold_chars: int = 0
    guess_chars: int = 0
    both_chars: int = 0
    with_source: int = 0
    speaker_strict: int = 0
    speaker_resolved: int = 0
    seconds: float = 0.0

    def row(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        sp, sr = ratio(self.guesses_right, self.guesses), ratio(self.gold_found, self.gold)
        cp, cr = ratio(self.both_chars, self.guess_chars), ratio(self.both_chars, self.gold_chars)
        return {
            "span P": sp, "span R": sr, "span F1": f1(sp, sr),
            "char P": cp, "char R": cr, "char F1": f1(cp, cr),
            "speaker": ratio(self.speaker_strict, self.with_source),
            "speaker*": ratio(self.speaker_resolved, self.with_source),
        }


def _antecedents(article: Article) -> list[Spans | None]:
    """For each gold attribution: its source, or for a pronoun the last named source before."""
    named = sorted(
        (g.source for g in article.gold
         if g.source and article.text[g.source[0][0]:g.source[-1][1]].lower() not in PRONOUNS),
        key=lambda s: s[0][0],
    )
    result: list[Spans | None] = []
    for g in article.gold:
        if g.source is None:
            result.append(None)
            continue
        words = article.text[g.source[0][0]:g.source[-1][1]].lower()
        if words in PRONOUNS:
            before = [s for s in named if s[0][0] < g.source[0][0]]
            result.append(before[-1] if before else None)
        else:
            result.append(g.source)
    return result


def evaluate(
    articles: list[Article], find: Callable[[str], list[Guess]],
    errors: list[str] | None = None,
) -> Tally:
    tally = Tally()
    for article in articles:
        started = time.perf_counter()
        guesses = find(article.text)
        tally.seconds += time.perf_counter() - started
        size = len(article.text)
        gold_mask = _cover((span for g in article.gold for span in g.content), size)
        guess_mask = _cover(((g.start, g.end) for g in guesses), size)
        tally.gold_chars += gold_mask.count(1)
        tally.guess_chars += guess_mask.count(1)
        tally.both_chars += sum(1 for a, b in zip(gold_mask, guess_mask, strict=True) if a and b)
        for guess in guesses:
            inside, total = _inside(gold_mask, [(guess.start, guess.end)])
            tally.guesses += 1
            if 2 * inside >= total:
                tally.guesses_right += 1
            elif errors is not None:
                errors.append(f"FP {article.name}: {article.text[guess.start:guess.end]!r}"
                              f" [{guess.why}]")
        for gold, antecedent in zip(article.gold, _antecedents(article), strict=True):
            covered, total = _inside(guess_mask, gold.content)
            tally.gold += 1
            if 2 * covered < total:
                if errors is not None:
                    words = " | ".join(article.text[a:b] for a, b in gold.content)
                    errors.append(f"FN {article.name}: {words!r}")
                continue
            tally.gold_found += 1
            if gold.source is None:
                continue
            tally.with_source += 1
            best = max(guesses, key=lambda g: _inside(
                _cover([(g.start, g.end)], size), gold.content)[0])
            if best.speaker is not None and _overlaps(best.speaker, gold.source):
                tally.speaker_strict += 1
                tally.speaker_resolved += 1
            elif best.speaker is not None and antecedent and _overlaps(best.speaker, antecedent):
                tally.speaker_resolved += 1
            elif errors is not None:
                said = article.text[best.speaker[0]:best.speaker[1]] if best.speaker else None
                source = " | ".join(article.text[a:b] for a, b in gold.source)
                errors.append(f"SPK {article.name}: gold {source!r} got {said!r}")
    return tally


def _speed(articles: list[Article]) -> None:
    """Time on one long article (the dev texts end to end, about 5 MB) against the baseline."""
    joined = "\n\n".join(a.text for a in articles)
    big = "\n\n".join([joined] * max(1, 5_000_000 // max(1, len(joined))))
    times = {}
    for name, find in (("baseline", baseline), ("suggest_quotes", suggester)):
        started = time.perf_counter()
        count = len(find(big))
        times[name] = time.perf_counter() - started
        print(f"{name}: {len(big) / 1e6:.1f} MB article, {count} suggestions, "
              f"{times[name]:.2f} s ({len(big) / 1e6 / times[name]:.2f} MB/s)")
    print(f"suggest_quotes / baseline on the long article: "
          f"{times['suggest_quotes'] / times['baseline']:.0f}x")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--errors", type=int, default=0, help="print N sampled errors")
    parser.add_argument("--article", default="", help="only articles whose name contains this")
    args = parser.parse_args(argv)
    if not (args.data / "attributions").is_dir():
        print(f"suggest_bench: no attributions/ under {args.data}", file=sys.stderr)
        return 2
    articles = [a for a in load(args.data) if args.article in a.name]
    spans = sum(len(a.gold) for a in articles)
    print(f"{len(articles)} articles, {spans} gold Content spans ({args.data})")
    errors: list[str] | None = [] if args.errors else None
    rows = {
        "baseline (quotation marks)": evaluate(articles, baseline),
        "suggest_quotes": evaluate(articles, suggester, errors),
    }
    keys = list(next(iter(rows.values())).row())
    print(f"{'':28}" + "".join(f"{k:>10}" for k in keys) + f"{'time':>10}")
    reference = rows["baseline (quotation marks)"].seconds or 1e-9
    for name, tally in rows.items():
        cells = "".join(f"{v:>10.3f}" for v in tally.row().values())
        print(f"{name:28}{cells}{tally.seconds / reference:>9.1f}x")
    humans = agreement(args.data)
    if humans is not None:
        cells = "".join(f"{v:>10.3f}" for v in list(humans.row().values())[:6])
        print(f"{'annotator vs annotator':28}{cells}   (articles annotated several times)")
    print("targets: span F1 >= 0.85 with span P >= 0.90, char F1 >= 0.80, speaker >= 0.75")
    print("speaker* also accepts, for a pronoun source, the nearest preceding named gold source")
    _speed(articles)
    if errors:
        step = max(1, len(errors) // args.errors)
        for line in errors[::step][: args.errors]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
