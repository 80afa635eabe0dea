"""Input that is not a plain article file: special files, lying sizes, deep Markdown (issue 9).

Only regular files are read, the size limit counts bytes as they arrive, and a
Markdown file keeps every word a reader would see at any nesting depth, or is
refused with one line: never a silent drop.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.core.test_cli import assert_one_line_error, newsmark
from tui.core import articles
from tui.core.articles import MARKDOWN_MAX_NESTING, load_article, parse_article, read_file
from tui.core.errors import InputError

# ``python -m tui`` in a subprocess runs this checkout, not whatever is installed
HERE = str(Path(__file__).resolve().parents[2])


def _within(seconds: float, call: object) -> object:
    """Run ``call`` in a thread; fail (instead of hanging the suite) if it does not return."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())  # type: ignore[operator]
        except BaseException as error:  # handed back to the test
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    error = _within(10, lambda: read_file(fifo))
    assert isinstance(error, InputError)
    assert str(error) == f"{fifo}: is a named pipe (FIFO), not a regular file"
    result = newsmark(
        "import", fifo, "--db", tmp_path / "db.sqlite", cwd=tmp_path, PYTHONPATH=HERE
    )
    assert_one_line_error(result, str(fifo), "named pipe")
    assert not (tmp_path / "db.sqlite").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_at_once(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    error = _within(10, lambda: read_file(device))
    assert isinstance(error, InputError)
    assert str(error) == f"{device}: is a device, not a regular file"
    result = subprocess.run(
        [sys.executable, "-m", "tui", "import", device, "--db", str(tmp_path / "db.sqlite")],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": HERE},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert_one_line_error(result, device, "device")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)


def test_the_size_limit_counts_bytes_read_not_what_stat_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(articles, "MAX_BYTES", 64)
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 64)
    assert read_file(small) == "x" * 64
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 65)
    with pytest.raises(InputError, match="larger than"):
        read_file(big)
    # /proc files are regular files whose st_size is 0 whatever they hold
    status = Path("/proc/self/status")
    if status.exists():
        assert status.stat().st_size == 0
        with pytest.raises(InputError, match="larger than"):
            read_file(status)


def test_a_symlink_to_a_regular_file_is_read(tmp_path: Path) -> None:
    target = tmp_path / "story.txt"
    target.write_text("A headline here\n\nBody text.\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert load_article(link).text == load_article(target).text


# -- Markdown nesting --------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_a_line_in_25_nested_quotes_keeps_its_text() -> None:
    source = "# Deep quotes\n\n" + ">" * 25 + " the innermost line\n\nA top-level paragraph.\n"
    article = parse_article(source, "deep.md")
    assert "the innermost line" in article.text
    assert article.text.endswith("A top-level paragraph.")
    assert any(block.kind == "quote" for block in article.blocks)


def test_a_list_nested_12_deep_keeps_everything_after_it() -> None:
    items = "".join("  " * depth + f"- item{depth}\n" for depth in range(12))
    source = f"# Deep list\n\n{items}\nFirst paragraph after.\n\nSecond paragraph after.\n"
    article = parse_article(source, "list.md")
    assert _words(article.text) == [
        "Deep",
        "list",
        *(f"item{depth}" for depth in range(12)),
        "First",
        "paragraph",
        "after",
        "Second",
        "paragraph",
        "after",
    ]
    assert article.text.endswith("Second paragraph after.")


def _nested(kind: str, depth: int) -> tuple[str, list[str]]:
    words = [f"w{level}" for level in range(depth)]
    if kind == "quote":
        lines = [">" * (level + 1) + f" {word}" for level, word in enumerate(words)]
    elif kind == "list":
        lines = ["  " * level + f"- {word}" for level, word in enumerate(words)]
    else:
        lines = ["   " * level + f"- > {word}" for level, word in enumerate(words)]
    return "\n".join(lines) + "\n\nafter\n", [*words, "after"]


@pytest.mark.parametrize("kind", ["quote", "list", "mixed"])
@pytest.mark.parametrize(
    "depth", [1, 19, 20, 21, 40, 99, 100, 101, MARKDOWN_MAX_NESTING - 2, MARKDOWN_MAX_NESTING, 400]
)
def test_markdown_keeps_every_word_or_is_refused(kind: str, depth: int) -> None:
    source, words = _nested(kind, depth)
    try:
        article = parse_article(source, "nested.md")
    except InputError as error:
        assert "nested too deeply" in str(error) and "\n" not in str(error)
        assert depth > 40  # what real documents do is always kept
        return
    assert _words(article.text) == words


def test_markdown_too_deep_for_the_parser_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "abyss.md"
    path.write_text(">" * 5000 + " bottom\n\nafter\n", encoding="utf-8")
    result = newsmark(
        "import", path, "--db", tmp_path / "db.sqlite", cwd=tmp_path, PYTHONPATH=HERE
    )
    assert_one_line_error(result, str(path), "nested too deeply")
