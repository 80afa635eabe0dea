"""Candidate contradictions: where the seeds' three real disagreements rank, and how cost grows.

Run by hand: ``python bench/compare_bench.py [--sizes 500 1000 2000] [--repeat 2]``.

1. Ranks, in ``compare`` over the seed articles, of the three disagreements
   the seeds really contain (target: each in the top 10):
   - when talks last happened: "eight months" vs "years";
   - what was agreed about the next round: "decide ... after consulting with
     their capitals" vs "reconvene next Saturday";
   - the envoy's name: "Steve" vs "Steven" Witkoff.
2. ``compare`` over 4 generated articles of each size (sentences per article;
   varied vocabulary, numbers, dates and names; a fixed random seed; each
   article a reworded and partly changed telling of one story), printing the
   best of ``--repeat`` runs and the ratios between successive sizes (target:
   at most 2.5x when the size doubles; 4 x 2,000 sentences in seconds), and
   the largest size again with each article written as one long paragraph.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.articles import load_article
from tui.core.assist.compare import Contradiction, compare
from tui.seeds import seed_paths

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "June", "July", "August", "September"]
TITLES = ["Minister", "President", "Envoy", "Ambassador", "Spokesperson", "Senator", "Governor"]
UNITS = ["days", "weeks", "months", "years", "people", "villages", "tonnes", "percent"]
SPELLED = ["two", "three", "four", "five", "six", "eight", "ten", "twelve", "twenty"]
VERBS = ["said", "announced", "confirmed", "denied", "agreed", "refused", "reported", "met"]
CONNECTIVES = ["the", "of", "and", "in", "to", "a", "for", "with", "on", "that", "after"]


def seed_disagreements() -> list[tuple[str, Callable[[Contradiction], bool]]]:
    def has(side_a: str, side_b: str) -> Callable[[Contradiction], bool]:
        def matches(item: Contradiction) -> bool:
            texts = (item.a.text, item.b.text)
            return (side_a in texts[0] and side_b in texts[1]) or (
                side_a in texts[1] and side_b in texts[0]
            )

        return matches

    def reason(first: str, second: str) -> Callable[[Contradiction], bool]:
        return lambda item: any(first in text and second in text for text in item.reasons)

    return [
        ('when talks last happened ("eight months" vs "years")', reason("eight months", "years")),
        (
            'the next round ("decide ... after consulting" vs "reconvene next Saturday")',
            has("after consulting with their capitals", "reconvene next Saturday"),
        ),
        (
            'the envoy\'s name ("Steve" vs "Steven Witkoff")',
            reason("Steve Witkoff", "Steven Witkoff"),
        ),
    ]


def seed_ranks() -> None:
    articles = [load_article(path) for path in seed_paths()]
    results = compare([(article.id, article.text) for article in articles])
    print(f"seeds: {len(articles)} articles, {len(results)} candidates")
    for label, matches in seed_disagreements():
        rank = next((index for index, item in enumerate(results, 1) if matches(item)), None)
        verdict = "ok" if rank is not None and rank <= 10 else "MISSED"
        print(f"  rank {rank if rank is not None else '-':>3}  {verdict:6}  {label}")


class Story:
    """A deterministic pseudo-language: Zipf-distributed words, people, places and numbers."""

    def __init__(self, rng: random.Random, vocabulary: int = 8_000) -> None:
        self.rng = rng
        self.words = sorted({self._word(rng.randint(2, 4)) for _ in range(vocabulary)})
        rng.shuffle(self.words)
        self.weights = [1.0 / (rank + 1) for rank in range(len(self.words))]
        self.given = [self._word(2).capitalize() for _ in range(300)]
        self.surnames = [self._word(3).capitalize() for _ in range(400)]
        self.places = [self._word(3).capitalize() for _ in range(150)]

    def _word(self, syllables: int) -> str:
        onsets, vowels = "bcdfghklmnprstvz", "aeiou"
        return "".join(self.rng.choice(onsets) + self.rng.choice(vowels) for _ in range(syllables))

    def person(self) -> str:
        rng = self.rng
        name = f"{rng.choice(self.given)} {rng.choice(self.surnames)}"
        return f"{rng.choice(TITLES)} {name}" if rng.random() < 0.5 else name

    def quantity(self) -> str:
        rng = self.rng
        number = rng.choice(SPELLED) if rng.random() < 0.4 else str(rng.randint(2, 5_000))
        return f"{number} {rng.choice(UNITS)}"

    def sentence(self) -> str:
        rng = self.rng
        body = rng.choices(self.words, self.weights, k=rng.randint(6, 16))
        for _ in range(rng.randint(2, 5)):
            body.insert(rng.randrange(len(body) + 1), rng.choice(CONNECTIVES))
        extras = [
            (0.5, lambda: self.quantity()),
            (0.3, lambda: f"on {rng.choice(WEEKDAYS)}"),
            (0.25, lambda: f"in {rng.choice(MONTHS)} {rng.randint(1990, 2025)}"),
            (0.4, lambda: f"in {rng.choice(self.places)}"),
        ]
        for chance, make in extras:
            if rng.random() < chance:
                body.insert(rng.randrange(len(body) + 1), make())
        subject = self.person() if rng.random() < 0.6 else f"The {rng.choice(self.words)}"
        return f"{subject} {rng.choice(VERBS)} {' '.join(body)}."

    def retell(self, sentence: str) -> str:
        """The same sentence in another outlet: some words changed, maybe a number or a name."""
        rng = self.rng
        tokens = sentence[:-1].split(" ")
        for _ in range(rng.randint(1, 4)):
            index = rng.randrange(1, len(tokens))
            if tokens[index].isdigit():
                tokens[index] = str(int(tokens[index]) + rng.randint(1, 50))
            elif tokens[index] in WEEKDAYS:
                tokens[index] = rng.choice(WEEKDAYS)
            elif tokens[index].islower():
                tokens[index] = rng.choices(self.words, self.weights)[0]
        return " ".join(tokens) + "."


def generated_articles(
    sentences: int, count: int = 4, seed: int = 11, per_paragraph: int = 4
) -> list[tuple[str, str]]:
    rng = random.Random(seed * 1_000_003 + sentences)
    story = Story(rng)
    base = [story.sentence() for _ in range(sentences)]
    articles: list[tuple[str, str]] = []
    for number in range(count):
        told = [story.retell(line) if rng.random() < 0.6 else story.sentence() for line in base]
        step = per_paragraph
        paragraphs = [" ".join(told[i : i + step]) for i in range(0, len(told), step)]
        articles.append((f"generated-{number}", "\n\n".join(paragraphs)))
    return articles


def timings(sizes: list[int], repeat: int) -> None:
    """Wall-clock and CPU seconds (best of ``repeat``); CPU time is steadier on a shared machine.

    The sizes take turns (500, 1,000, 2,000, then again), so that a slow spell of a
    shared machine falls on every size alike rather than on one of them."""
    print(f"compare over 4 generated articles (best of {repeat}, sizes in turn):")
    articles = {size: generated_articles(size) for size in sizes}
    wall = dict.fromkeys(sizes, float("inf"))
    cpu = dict.fromkeys(sizes, float("inf"))
    found = dict.fromkeys(sizes, 0)
    for _ in range(repeat):
        for size in sizes:
            started, started_cpu = time.perf_counter(), time.process_time()
            found[size] = len(compare(articles[size]))
            wall[size] = min(wall[size], time.perf_counter() - started)
            cpu[size] = min(cpu[size], time.process_time() - started_cpu)
    previous: int | None = None
    for size in sizes:
        line = (
            f"  4 x {size:>5} sentences: {wall[size]:6.2f} s wall, {cpu[size]:6.2f} s cpu"
            f" ({found[size]} candidates)"
        )
        if previous is not None:
            limit = 2.5 * size / (2 * previous)
            ratio_wall, ratio_cpu = wall[size] / wall[previous], cpu[size] / cpu[previous]
            verdict = "ok" if min(ratio_wall, ratio_cpu) <= limit else f"OVER {limit:.2f}x"
            line += f"  ratio {size}/{previous}: {ratio_wall:4.2f}x wall, "
            line += f"{ratio_cpu:4.2f}x cpu {verdict}"
        print(line)
        previous = size


def one_paragraph(size: int, repeat: int) -> None:
    """The same articles with no line break: a paragraph's cost must not grow with its square."""
    articles = generated_articles(size, per_paragraph=size)
    cpu = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        compare(articles)
        cpu = min(cpu, time.process_time() - started)
    print(f"  4 x {size:>5} sentences, each article one paragraph: {cpu:6.2f} s cpu")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1_000, 2_000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    seed_ranks()
    timings(options.sizes, options.repeat)
    one_paragraph(max(options.sizes), options.repeat)


if __name__ == "__main__":
    main()
