"""``newsmark export --format jsonl|w3c|brat``: where it writes, what it says, and that a
failed export never leaves half a file in place of the last good one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tui.cli import cli
from tui.core.formats import jsonl

from .conftest import Newsroom


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(cli, ["export", *map(str, args)])


def test_jsonl_to_a_file_says_what_it_wrote(newsroom: Newsroom, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    result = run("--format", "jsonl", "--db", newsroom.db, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == (
        f"2 article(s), 8 annotation(s), 2 link(s), 1 dismissed suggestion(s) written to {out}"
    )
    assert out.read_text(encoding="utf-8").startswith('{"type":"header"')
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("newsroom")) == [
        "all.jsonl"
    ]


def test_filters_keep_links_only_between_exported_annotations(
    newsroom: Newsroom, tmp_path: Path
) -> None:
    result = run("--format", "jsonl", "--db", newsroom.db, "--label", "inconsistency")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [record["type"] for record in records]
    assert kinds.count("annotation") == 2 and kinds.count("link") == 1
    council = newsroom.articles["council"]
    result = run("--format", "w3c", "--db", newsroom.db, "--article", council)
    items = json.loads(result.stdout)["first"]["items"]
    assert len(items) == 5 + 1  # its five annotations and the link between two of them


def test_csv_options_are_refused_for_other_formats(newsroom: Newsroom) -> None:
    result = run("--format", "w3c", "--db", newsroom.db, "--raw")
    assert (
        result.exit_code == 2 and "--raw and --links are options of the CSV export" in result.stderr
    )


def test_unwritable_output_is_one_line(newsroom: Newsroom, tmp_path: Path) -> None:
    result = run("--format", "jsonl", "--db", newsroom.db, "-o", tmp_path / "missing" / "x.jsonl")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and "cannot write" in result.stderr


def test_a_failed_export_leaves_the_previous_file(
    newsroom: Newsroom, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "all.jsonl"
    out.write_text("yesterday's export\n")
    real = jsonl._article_record

    def failing(stored: Any) -> Any:
        if stored.article.id == newsroom.articles["gazette"]:
            raise OSError(28, "No space left on device")
        return real(stored)

    monkeypatch.setattr(jsonl, "_article_record", failing)
    result = run("--format", "jsonl", "--db", newsroom.db, "-o", out)
    assert result.exit_code == 2 and "No space left on device" in result.stderr
    assert out.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
