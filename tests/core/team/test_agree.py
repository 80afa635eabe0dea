"""``newsmark agree``: span F1 against hand-computed cases, kappa against nltk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.metrics.agreement import AnnotationTask

from tui.cli import cli
from tui.core.articles import parse_article
from tui.core.store import Store
from tui.core.team.agree import agreement, measure
from tui.core.team.agree_metrics import OVERALL, Span, overlap_matches

TEXT = "".join(f"Sentence {n:02} of the report says something about the talks.\n" for n in range(3))


def report(first: list[Span], second: list[Span], length: int = 100, labels=("claim", "quote")):
    """One article of ``length`` characters, annotated by "a" and "b"."""
    spans = {("a", "art"): first, ("b", "art"): second}
    result = measure(spans, {"art": length}, ["a", "b"], list(labels), {"a": {"art"}, "b": {"art"}})
    [pair] = result.pairs
    return pair


def test_span_scores_match_a_hand_computed_case() -> None:
    first = [Span(0, 10, "claim"), Span(20, 30, "claim"), Span(40, 60, "quote")]
    second = [
        Span(0, 10, "claim"),  # exact
        Span(22, 30, "claim"),  # overlaps 8 of the shorter 8
        Span(45, 70, "quote"),  # overlaps 15, half of the shorter (20) is 10
        Span(80, 90, "claim"),  # nothing there in first
    ]
    pair = report(first, second)
    claim, quote, overall = pair.get("claim"), pair.get("quote"), pair.get(OVERALL)
    assert (claim.exact.precision, claim.exact.recall, claim.exact.f1) == (1 / 3, 1 / 2, 2 / 5)
    assert (quote.exact.precision, quote.exact.recall, quote.exact.f1) == (0, 0, 0)
    assert overall.exact.f1 == pytest.approx(2 / 7)
    assert (claim.overlap.precision, claim.overlap.recall) == (2 / 3, 1)
    assert claim.overlap.f1 == pytest.approx(4 / 5)
    assert quote.overlap.f1 == 1
    assert overall.overlap.f1 == pytest.approx(6 / 7)


def test_overlap_needs_half_of_the_shorter_span_and_the_same_label() -> None:
    assert overlap_matches([Span(0, 10, "claim")], [Span(5, 30, "claim")]) == 1  # 5 of 10
    assert overlap_matches([Span(0, 10, "claim")], [Span(6, 30, "claim")]) == 0  # 4 of 10
    assert overlap_matches([Span(0, 10, "claim")], [Span(0, 10, "quote")]) == 0


def test_matching_is_one_to_one_and_maximal() -> None:
    pair = report([Span(0, 10, "claim")], [Span(0, 10, "claim"), Span(0, 9, "claim")])
    assert (pair.get("claim").overlap.precision, pair.get("claim").overlap.recall) == (1 / 2, 1)
    # x's best partner (p) is y's only one: a greedy pass would match one pair, not two
    x, y = Span(0, 10, "claim"), Span(6, 20, "claim")
    p, q = Span(2, 10, "claim"), Span(0, 4, "claim")
    assert overlap_matches([x, y], [p, q]) == 2


def _categories(spans: list[Span], length: int) -> list[str]:
    """Each character's category, the slow obvious way."""
    return [
        "+".join(sorted({s.label for s in spans if s.start <= i < s.end})) or "none"
        for i in range(length)
    ]


def _nltk_kappa(first: list[Span], second: list[Span], length: int, label: str | None) -> float:
    def category(spans: list[Span]) -> list[str]:
        if label is None:
            return _categories(spans, length)
        return [str(label in c.split("+")) for c in _categories(spans, length)]

    data = [("a", str(i), c) for i, c in enumerate(category(first))]
    data += [("b", str(i), c) for i, c in enumerate(category(second))]
    return float(AnnotationTask(data=data).kappa())


def test_kappa_matches_nltk_on_a_hand_made_case() -> None:
    first = [Span(0, 10, "claim"), Span(20, 30, "claim"), Span(40, 60, "quote")]
    second = [Span(0, 10, "claim"), Span(22, 30, "claim"), Span(45, 70, "quote")]
    pair = report(first, second)
    assert pair.get(OVERALL).kappa == pytest.approx(_nltk_kappa(first, second, 100, None))
    assert pair.get("claim").kappa == pytest.approx(_nltk_kappa(first, second, 100, "claim"))
    assert pair.get("quote").kappa == pytest.approx(_nltk_kappa(first, second, 100, "quote"))


def test_overlapping_spans_of_one_annotator_make_a_combined_category() -> None:
    first = [Span(0, 20, "claim"), Span(10, 30, "quote")]  # 10..20 is "claim+quote"
    second = [Span(0, 20, "claim"), Span(10, 30, "quote")]
    assert report(first, second, 50).get(OVERALL).kappa == 1.0
    other = [Span(0, 30, "claim")]
    kappa = report(first, other, 50).get(OVERALL).kappa
    assert kappa == pytest.approx(_nltk_kappa(first, other, 50, None)) and kappa < 1


def test_kappa_is_none_when_there_is_nothing_to_measure() -> None:
    pair = report([], [], 40)
    assert pair.get(OVERALL).kappa is None
    assert pair.get("claim").exact.f1 is None


_SPANS = st.lists(
    st.builds(
        lambda start, size, label: Span(start, start + size, label),
        st.integers(0, 50),
        st.integers(1, 15),
        st.sampled_from(["claim", "quote"]),
    ),
    max_size=5,
)


@settings(max_examples=60, deadline=None)
@given(first=_SPANS, second=_SPANS)
def test_kappa_matches_nltk_on_random_spans(first: list[Span], second: list[Span]) -> None:
    pair = report(first, second, 70)
    for label in (None, "claim", "quote"):
        ours = pair.get(label or OVERALL).kappa
        if ours is None:  # one single category throughout: nltk calls that 1.0 or gives up
            continue
        assert ours == pytest.approx(_nltk_kappa(first, second, 70, label))


def _database(tmp_path: Path) -> tuple[Path, str, str]:
    db = tmp_path / "team.db"
    with Store(db) as store:
        one = store.import_article(parse_article(TEXT, "one.txt")).article_id
        two = store.import_article(parse_article(TEXT + "Annex.\n", "two.txt")).article_id
        for annotator, spans in {
            "ann": [(0, 10, "claim"), (20, 30, "claim"), (40, 60, "quote")],
            "bob": [(0, 10, "claim"), (22, 30, "claim"), (45, 70, "quote"), (80, 90, "claim")],
        }.items():
            for start, end, label in spans:
                store.add_annotation(one, start, end, label, annotator=annotator)
        store.add_annotation(two, 0, 10, "claim", annotator="ann")  # bob never read two
        store.add_annotation(two, 0, 10, "quote", annotator="cleo")
    return db, one, two


def test_the_command_prints_pairs_means_and_counts(tmp_path: Path) -> None:
    db, one, two = _database(tmp_path)
    result = CliRunner().invoke(cli, ["agree", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["annotators"] == ["ann", "bob", "cleo"] and data["labels"] == ["claim", "quote"]
    pairs = {(p["first"], p["second"]): p for p in data["pairs"]}
    assert pairs[("ann", "bob")]["articles"] == [one]  # only the article both annotated
    overall = pairs[("ann", "bob")]["labels"][-1]
    assert overall["label"] == OVERALL
    assert overall["exact"]["f1"] == pytest.approx(2 / 7)
    assert overall["overlap"]["f1"] == pytest.approx(6 / 7)
    assert pairs[("ann", "cleo")]["articles"] == [two]
    assert pairs[("bob", "cleo")]["articles"] == []
    counts = {c["annotator"]: (c["articles"], c["spans"]) for c in data["counts"]}
    assert counts == {
        "ann": (2, {"claim": 3, "quote": 1}),
        "bob": (1, {"claim": 3, "quote": 1}),
        "cleo": (1, {"claim": 0, "quote": 1}),
    }
    means = {m["label"]: m for m in data["means"]}
    assert means[OVERALL]["exact_f1"] == pytest.approx((2 / 7 + 0) / 2)

    table = CliRunner().invoke(
        cli,
        ["agree", "--db", str(db), "--annotator", "ann", "--annotator", "bob", "--label", "claim"],
    )
    lines = table.stdout.splitlines()
    assert lines[0] == "2 annotator(s), labels: claim"
    row = next(line for line in lines if line.startswith("ann "))
    assert row.split()[2:6] == ["claim", "1", "2/3", "0.33"]
    assert any(line.split()[:2] == ["ann", "2"] for line in lines)  # counts per annotator


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--label", "rumour"], "unknown label 'rumour'"),
        (["--article", "nope"], "no article with id 'nope'"),
        (["--annotator", "ann"], "agreement needs two annotators or more (found 1)"),
        (["--annotator", "ann", "--annotator", "nobody"], "no annotator 'nobody' (there are: "),
    ],
)
def test_bad_choices_get_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    db, _, _ = _database(tmp_path)
    result = CliRunner().invoke(cli, ["agree", "--db", str(db), *args])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr


def test_agreement_in_the_store_leaves_out_deleted_spans(tmp_path: Path) -> None:
    db, one, _ = _database(tmp_path)
    with Store(db) as store:
        extra = store.add_annotation(one, 100, 120, "claim", annotator="bob")
        store.delete_annotation(extra, by="bob")
        before = agreement(store, annotators=["ann", "bob"])
    assert [c.spans["claim"] for c in before.counts] == [3, 3]


def test_hostile_names_reach_the_terminal_harmless(tmp_path: Path) -> None:
    db = tmp_path / "team.db"
    with Store(db) as store:
        article = store.import_article(parse_article(TEXT, "one.txt")).article_id
        for name in ("\x1b[31mred\x1b[0m", "bob\u202e"):
            store.add_annotation(article, 0, 10, "claim", annotator=name)
    for fmt in ("table", "json"):
        result = CliRunner().invoke(cli, ["agree", "--db", str(db), "--format", fmt])
        assert result.exit_code == 0
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    data = json.loads(
        CliRunner().invoke(cli, ["agree", "--db", str(db), "--format", "json"]).stdout
    )
    assert "\x1b[31mred\x1b[0m" in data["annotators"]  # the data itself is kept
