"""Finding a query in an article's text: the find bar's search and `*` in every pane.

Apart from the find bar so that the reader starts without it (and its input field):
the bar is mounted on first use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .article_view import ArticleView


def find(text: str, query: str, start: int) -> tuple[int, int] | None:
    """First case-insensitive match at or after ``start``, wrapping around to the top.

    Words separated by whitespace in ``query`` match words separated by any whitespace.

    ``re.IGNORECASE`` compares per character, so offsets are those of ``text``
    itself (lower-casing a copy would shift them for characters such as 'İ').
    """
    if not query:
        return None
    words = query.split()  # a space matches any run of whitespace: a line break too
    pattern = re.compile(
        r"\s+".join(map(re.escape, words)) if words else re.escape(query), re.IGNORECASE
    )
    match = pattern.search(text, start) or pattern.search(text, 0)
    return (match.start(), match.end()) if match else None


def find_everywhere(
    views: Sequence[ArticleView], asking: ArticleView, query: str, start: int
) -> list[ArticleView]:
    """`*`: each view shows its first match of ``query`` (the asking one from ``start``,
    where its selection is); returns the views that have none."""
    missing = []
    for view in views:
        match = find(view.document.text, query, start if view is asking else 0)
        view.show_match(match)
        if match is None:
            missing.append(view)
    return missing
