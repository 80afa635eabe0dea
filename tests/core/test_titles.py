"""Titles: a short first line is the title, it is shown at import, and a person can change
it (conditionally, like every write); a re-import keeps a title a person chose."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import cli
from tui.core.articles import guess_title, load_article
from tui.core.errors import StaleError, StoreError
from tui.core.store import Store

BODY = "The minister said on Monday that the talks would resume in the capital next week.\n"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    path.write_text(f"Article 1\n\n{BODY}", encoding="utf-8")
    return path


def test_a_short_first_line_is_the_title(story: Path) -> None:
    assert guess_title(f"Article 1\n\n{BODY}", "fallback") == "Article 1"
    assert load_article(story).title == "Article 1"
    # a one-word section label is still skipped for the headline under it
    assert guess_title("Politics\n\nTalks resume\n\nBody.", "x") == "Talks resume"


def test_retitle_is_stored_and_kept_by_a_reimport(story: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        article_id = store.import_article(load_article(story)).article_id
        stored = store.retitle(article_id, "  Talks \n resume ", seen="Article 1", by="ana")
        assert stored == "Talks resume" == store.get_article(article_id).title
        story.write_text(f"Article 1 (updated)\n\n{BODY.replace('Monday', 'Tuesday')}")
        assert store.import_article(load_article(story)).status == "updated"
        assert store.get_article(article_id).title == "Talks resume"


def test_a_guessed_title_follows_the_text(story: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        article_id = store.import_article(load_article(story)).article_id
        story.write_text(f"Article 1 (updated)\n\n{BODY.replace('Monday', 'Tuesday')}")
        store.import_article(load_article(story))
        assert store.get_article(article_id).title == "Article 1 (updated)"


def test_retitle_is_conditional_on_the_title_seen(story: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        article_id = store.import_article(load_article(story)).article_id
        store.retitle(article_id, "Ana's title", seen="Article 1", by="ana")
        with pytest.raises(StaleError, match="Ana's title"):
            store.retitle(article_id, "Ben's title", seen="Article 1", by="ben")
        assert store.get_article(article_id).title == "Ana's title"
        with pytest.raises(StoreError, match="empty"):
            store.retitle(article_id, " \n ", seen="Ana's title", by="ana")
        assert store.get_article(article_id).title == "Ana's title"


def test_the_cli_shows_the_title_at_import_and_retitles(story: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    imported = runner.invoke(cli, ["import", str(story), "--db", db])
    assert imported.exit_code == 0 and "Article 1" in imported.output
    changed = runner.invoke(cli, ["retitle", str(story), "Talks to resume", "--db", db])
    assert changed.exit_code == 0, changed.output
    assert "Talks to resume" in changed.output and "was: Article 1" in changed.output
    with Store(tmp_path / "a.db") as store:
        assert [summary.title for summary in store.articles()] == ["Talks to resume"]
    missing = runner.invoke(cli, ["retitle", "nosuch", "X", "--db", db])
    assert missing.exit_code == 2 and "no article nosuch" in missing.output
    hostile = runner.invoke(cli, ["retitle", str(story), "\x1b[31mRed\x1b]0;x\x07", "--db", db])
    assert hostile.exit_code == 0 and "\x1b" not in hostile.output


def test_import_title_option_names_a_known_article(story: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    runner.invoke(cli, ["import", str(story), "--db", db])
    again = runner.invoke(cli, ["import", str(story), "--db", db, "--title", "Chosen"])
    assert again.exit_code == 0 and "Chosen" in again.output
    with Store(tmp_path / "a.db") as store:
        assert [summary.title for summary in store.articles()] == ["Chosen"]


def test_a_chosen_title_survives_a_jsonl_round_trip(story: Path, tmp_path: Path) -> None:
    db, copy, dump = (str(tmp_path / name) for name in ("a.db", "b.db", "a.jsonl"))
    runner = CliRunner()
    runner.invoke(cli, ["import", str(story), "--db", db])
    runner.invoke(cli, ["retitle", str(story), "Chosen", "--db", db])
    exported = runner.invoke(cli, ["export", "--format", "jsonl", "-o", dump, "--db", db])
    assert exported.exit_code == 0, exported.output
    imported = runner.invoke(cli, ["import-annotations", dump, "--db", copy])
    assert imported.exit_code == 0, imported.output
    with Store(Path(copy)) as store:
        article_id = store.articles()[0].id
        assert store.get_article(article_id).title == "Chosen"
        story.write_text(f"Article 1\n\n{BODY.replace('Monday', 'Friday')}")
        store.import_article(load_article(story))
        assert store.get_article(article_id).title == "Chosen"  # still chosen, not guessed
