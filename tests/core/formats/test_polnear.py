"""Real brat data: PolNeAR's attribution annotations, read from ../shared at run time.

The expected figures are computed here from the .ann and .txt files with code of
the test's own, not taken from newsmark: every mapped T line becomes exactly the
annotations it should, each quote equal to the article's text at its offsets.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import cli
from tui.core.text import canonicalise

from .conftest import shared

POLNEAR = shared("devdata", "polnear")
MAPPING = {"Content": "quote", "Source": "source"}
ANNOTATOR = re.compile(r"_(?P<annotator>[0-9a-f]{4})$")


def expected(folder: Path, discontinuous: str) -> tuple[Counter[tuple[str, str, str]], int, int]:
    """(annotator, label, quote) of every annotation the import must make; mapped T lines;
    truly discontinuous mapped spans."""
    wanted: Counter[tuple[str, str, str]] = Counter()
    mapped = split = 0
    for ann in sorted((folder / "attributions").glob("*.ann")):
        match = ANNOTATOR.search(ann.stem)
        assert match is not None
        document = ann.stem[: match.start()]
        raw = (folder / "text" / f"{document}.txt").read_text(encoding="utf-8")
        for line in ann.read_text(encoding="utf-8").splitlines():
            if not line.startswith("T"):
                continue
            _, middle, shown = line.split("\t")
            kind, offsets = middle.split(" ", 1)
            if kind not in MAPPING:
                continue
            mapped += 1
            pieces = [tuple(map(int, part.split())) for part in offsets.split(";")]
            assert " ".join(raw[s:e] for s, e in pieces) == shown  # the data is as its README says
            pieces = [(s, e) for s, e in pieces if e > s]  # an empty piece annotates nothing
            pairs = list(itertools.pairwise(pieces))
            # one span written in pieces: in order, with white space (or nothing) between
            if all(b[0] >= a[1] and not raw[a[1] : b[0]].strip() for a, b in pairs):
                parts = [(pieces[0][0], pieces[-1][1])]
            else:
                split += 1
                parts = pieces if discontinuous == "split" else []
            for start, end in parts:
                wanted[(match["annotator"], MAPPING[kind], canonicalise(raw[start:end]))] += 1
    return wanted, mapped, split


def imported(db: Path) -> tuple[Counter[tuple[str, str, str]], int]:
    """What the database holds, and how many quotes differ from the text at their offsets."""
    with closing(sqlite3.connect(db)) as conn:
        texts = dict(conn.execute("SELECT id, text FROM articles"))
        rows = conn.execute(
            'SELECT article_id, start, "end", text, annotator, label, status FROM annotations'
        ).fetchall()
    wrong = sum(
        1
        for article, start, end, text, _, _, status in rows
        if texts[article][start:end] != text or status != "anchored"
    )
    return Counter((who, label, text) for _, _, _, text, who, label, _ in rows), wrong


@pytest.mark.parametrize("part", ["dev", "annotator-training"])
@pytest.mark.parametrize("discontinuous", ["split", "skip"])
def test_polnear_import_counts(tmp_path: Path, part: str, discontinuous: str) -> None:
    folder = POLNEAR / part
    assert folder.is_dir(), f"PolNeAR is read from {folder}"
    db = tmp_path / "polnear.db"
    result = CliRunner().invoke(
        cli,
        [
            "import-annotations",
            str(folder / "attributions"),
            "--db",
            str(db),
            "--map",
            "Content=quote,Source=source",
            "--add-labels",
            "--annotator-from-filename",
            ANNOTATOR.pattern,
            "--text-dir",
            str(folder / "text"),
            "--discontinuous",
            discontinuous,
        ],
    )
    assert result.exit_code == 0, result.output
    wanted, mapped, split = expected(folder, discontinuous)
    got, wrong = imported(db)
    assert wrong == 0  # every quote equal to the text at its offsets, none orphaned
    assert got == wanted
    total = sum(wanted.values())
    assert f"\n{total} annotation(s) and " in result.output
    if discontinuous == "skip":
        assert total == mapped - split
        skipped = re.findall(r"skipped (\d+): discontinuous span", result.output)
        assert sum(map(int, skipped)) == split
    if part == "dev":
        assert mapped == 4384 and split == 330  # 2322 Content + 2062 Source T lines
