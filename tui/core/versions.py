"""What changed between two versions of an article, in words, one line per change.

Stealth edits are news in themselves: ``newsmark history`` lists an article's
versions and, between consecutive ones, each run of words removed, added or
replaced. Every line goes through ``printable``: article text never drives the
terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .store import ArticleVersion
from .text import printable

_TOKENS = re.compile(r"\s+|\w+(?:['’]\w+)*|[^\w\s]")
MAX_SHOWN = 120  # characters of each side of a change shown on its line


@dataclass(frozen=True)
class WordChange:
    """``removed`` (old words) replaced by ``added`` (new words) at ``offset`` of the new text."""

    offset: int
    removed: str
    added: str


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def _common_head(a: Sequence[str], b: Sequence[str]) -> int:
    count = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        count += 1
    return count


def word_diff(old: str, new: str) -> list[WordChange]:
    """Runs of words removed, added or replaced from ``old`` to ``new``.

    The common head and tail are cut first, so that a long article with one
    edited sentence costs a scan, not a quadratic match. Changes separated only
    by whitespace count as one.
    """
    a, b = _tokens(old), _tokens(new)
    head = _common_head(a, b)
    tail = _common_head(a[head:][::-1], b[head:][::-1])
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    offset = sum(len(token) for token in b[:head])
    starts = [offset]
    for token in middle_b:
        starts.append(starts[-1] + len(token))
    changes: list[WordChange] = []
    pending: list[tuple[int, int, int, int]] = []
    opcodes = SequenceMatcher(None, middle_a, middle_b, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal" and not "".join(middle_a[i1:i2]).isspace():
            changes += _merged(pending, middle_a, middle_b, starts)
            pending = []
        elif tag != "equal":
            pending.append((i1, i2, j1, j2))
    changes += _merged(pending, middle_a, middle_b, starts)
    return changes


def _merged(
    pending: list[tuple[int, int, int, int]],
    a: Sequence[str],
    b: Sequence[str],
    starts: Sequence[int],
) -> list[WordChange]:
    if not pending:
        return []
    i1, j1 = pending[0][0], pending[0][2]
    i2, j2 = pending[-1][1], pending[-1][3]
    removed, added = "".join(a[i1:i2]).strip(), "".join(b[j1:j2]).strip()
    if not removed and not added:
        return []  # whitespace only
    return [WordChange(starts[j1], removed, added)]


def _shown(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return printable(text)


def change_line(change: WordChange) -> str:
    """One safe line: ``- old``, ``+ new`` or ``~ old -> new``, with where it is."""
    where = f"@{change.offset}"
    if not change.added:
        return f"    {where} - {_shown(change.removed)}"
    if not change.removed:
        return f"    {where} + {_shown(change.added)}"
    return f"    {where} ~ {_shown(change.removed)} -> {_shown(change.added)}"


def history_lines(versions: Sequence[ArticleVersion]) -> Iterator[str]:
    """The listing ``newsmark history`` prints: each version, then what it changed."""
    previous: ArticleVersion | None = None
    for number, version in enumerate(versions, 1):
        shown_path = f"  {printable(version.path)}" if version.path else ""
        yield (
            f"v{number}  {version.current_from}  {len(version.text)} chars"
            f"  sha256 {version.sha256[:10]}{shown_path}"
        )
        if previous is not None:
            if previous.sha256 == version.sha256:
                yield "    (the same text again)"
            else:
                changes = word_diff(previous.text, version.text)
                yield from (change_line(change) for change in changes)
                if not changes:
                    yield "    (only whitespace changed)"
        previous = version
