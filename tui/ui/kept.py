"""What an annotator leaves behind for next time: the theme, and where each article was left.

Cursors are remembered as they move and written by ``flush`` (every couple of
seconds, and on quit), never once per keypress. A cursor is stored with the
sha256 of the text it was in and restored only onto that same text.
"""

from __future__ import annotations

from contextlib import suppress

from ..core.articles import Article
from ..core.errors import NewsmarkError
from ..core.store import Store


class Kept:
    def __init__(self, store: Store, annotator: str) -> None:
        self.store = store
        self.annotator = annotator
        self._moved: dict[str, tuple[int, str]] = {}  # article id: (cursor, sha256)

    def _write(self, key: str, value: str) -> None:
        """A preference that cannot be written (a read-only database) is not worth a word."""
        with suppress(NewsmarkError):
            self.store.set_preference(self.annotator, key, value)

    def theme(self) -> str:
        return self.store.preference(self.annotator, "theme")

    def keep_theme(self, name: str) -> None:
        self._write("theme", name)

    def cursor(self, article: Article) -> int | None:
        """Where ``article`` was left, if it was left in the text it has now."""
        saved = self.store.preference(self.annotator, f"cursor:{article.id}")
        offset, _, sha256 = saved.partition(":")
        if offset.isdigit() and sha256 == article.sha256 and 0 < int(offset) <= len(article.text):
            self._moved.pop(article.id, None)
            return int(offset)
        return None

    def moved(self, article: Article, cursor: int) -> None:
        self._moved[article.id] = (cursor, article.sha256)

    def flush(self) -> None:
        moved, self._moved = self._moved, {}
        for article_id, (cursor, sha256) in moved.items():
            self._write(f"cursor:{article_id}", f"{cursor}:{sha256}")
