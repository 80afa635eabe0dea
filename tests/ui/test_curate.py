"""Curation in the terminal: agreed spans accepted at once, each disagreement decided with
one key as one undo step, progress in the status line, the answer exported on its own."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from textual.widgets._footer import FooterKey

from tui.cli import cli
from tui.core.articles import parse_article
from tui.core.store import Store
from tui.ui.curate_app import CurateApp

TEXT = (
    "Talks resume in Muscat\n\n"
    "The two parties agreed to reconvene next Saturday, the minister said.\n\n"
    "Talks last took place eight months ago, officials told reporters.\n"
)


def _two_analysts(db: Path, tmp_path: Path) -> str:
    article = parse_article(TEXT, tmp_path / "story.txt")
    with Store(db) as store:
        store.import_article(article)

        def tag(quote: str, label: str, who: str, extra: int = 0) -> None:
            start = TEXT.index(quote)
            store.add_annotation(article.id, start, start + len(quote) + extra, label,
                                 annotator=who)  # fmt: skip

        tag("agreed to reconvene next Saturday", "claim", "ann")  # agreed by both
        tag("agreed to reconvene next Saturday", "claim", "bob")
        tag("eight months ago", "claim", "ann")  # only ann
        tag("the minister", "quote", "ann")  # boundaries differ
        tag("the minister", "quote", "bob", extra=5)
    return article.id


def _curated(db: Path) -> list[tuple[int, int, str]]:
    with Store(db) as store:
        return sorted(
            (row.start, row.end, row.label)
            for row in store.annotations()
            if row.annotator == "curated"
        )


async def test_curation_accepts_agreement_then_one_key_per_disagreement(tmp_path: Path):
    db = tmp_path / "team.db"
    article_id = _two_analysts(db, tmp_path)
    agreed = TEXT.index("agreed to reconvene")
    app = CurateApp(db, [article_id], ["ann", "bob"])
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert _curated(db) == [(agreed, agreed + len("agreed to reconvene next Saturday"),
                                 "claim")]  # fmt: skip
        status = str(app.query_one("#curate-status").render())
        assert "0 of 2 disagreements settled" in status
        detail = str(app.query_one("#curate-detail").render())
        assert "ann said" in detail and "bob" in detail
        first = app.disagreement
        assert first is not None
        await pilot.press("1")  # accept the first side
        await pilot.pause()
        assert "1 of 2 disagreements settled" in str(app.query_one("#curate-status").render())
        await pilot.press("0")  # neither for the other
        await pilot.pause()
        assert "2 of 2 disagreements settled" in str(app.query_one("#curate-status").render())
        decided = _curated(db)
        assert len(decided) == 2  # agreed + one side of the first disagreement
        await pilot.press("u")  # one decision, one step
        await pilot.pause()
        assert "1 of 2 disagreements settled" in str(app.query_one("#curate-status").render())
        assert _curated(db) == decided
    runner = CliRunner()
    out = tmp_path / "curated.csv"
    result = runner.invoke(cli, ["export", "--db", str(db), "--annotator", "curated",
                                 "-o", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert {row["annotator"] for row in exported} == {"curated"}
    assert len(exported) == 2


async def test_quit_stays_in_the_footer_at_80_columns(tmp_path: Path):
    """Like the reader's, the curation footer never pushes quit off a narrow terminal."""
    db = tmp_path / "team.db"
    article_id = _two_analysts(db, tmp_path)
    app = CurateApp(db, [article_id], ["ann", "bob"])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        width = app.size.width
        shown = {
            key.description: key
            for key in app.screen.query(FooterKey)
            if key.region.width and key.region.right <= width
        }
        assert "Quit" in shown, sorted(shown)
        assert shown["Quit"].key_display == "^q"


def test_a_misspelt_annotator_is_named_with_those_there_are(tmp_path: Path):
    db = tmp_path / "team.db"
    _two_analysts(db, tmp_path)
    result = CliRunner().invoke(
        cli, ["curate", "--db", str(db), "--annotator", "ann", "--annotator", "bbo"]
    )
    assert result.exit_code == 2
    assert "no annotator 'bbo' (there are: ann, bob)" in result.stderr
