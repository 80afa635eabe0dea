"""Suggestions computed in a child process (the rules hold the GIL for seconds on a long
article): the same suggestions as in this process, offsets and all, and a clear failure
when no child can run."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from tui.core.articles import heading_spans, parse_article
from tui.core.assist.apart import ChildFailed, suggest_apart
from tui.core.assist.suggestions import suggest

TEXT = (
    "Minister Says Talks Will Resume Next Week\n\n"
    "The talks will resume next week, the minister said on Tuesday.\n\n"
    "“We will not give up 👍🏽 on 伊朗 or مرحبا,” said Ana Lopes, the cafe\u0301 owner. "
    "Officials said 👨\u200d👩\u200d👧 families had waited for years.\n"
)


def test_a_child_process_suggests_what_this_process_would(tmp_path: Path) -> None:
    article = parse_article(TEXT, tmp_path / "story.txt")
    headings = heading_spans(article)
    here = suggest(article.id, article.text, headings=headings)
    started = []
    apart = suggest_apart(article.id, article.text, headings, started.append)
    assert any(item.kind == "quote" and "give up 👍🏽" in item.text for item in apart)
    assert apart == here
    assert all(article.text[item.start : item.end] == item.text for item in apart)
    [child] = started
    assert child.returncode == 0


def test_a_child_that_cannot_start_is_a_clear_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(ChildFailed, match="cannot start"):
        suggest_apart("id", "The minister said so.\n")


def test_a_child_that_fails_is_a_clear_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    failing = shutil.which("false")
    assert failing is not None
    monkeypatch.setattr(sys, "executable", failing)
    with pytest.raises(ChildFailed, match="exit code"):
        suggest_apart("id", "The minister said so.\n")
