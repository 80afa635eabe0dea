"""Each route by which one window's work used to be lost, with the other window a real
second process on the same database file."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.core.articles import Article, parse_article
from tui.core.errors import StaleError, TextChangedError
from tui.core.store import Store
from tui.core.workspace import Workspace

TEXT = "Talks resume in Muscat\n\nThe two parties agreed to reconvene next Saturday.\n"
ROOT = Path(__file__).resolve().parents[2]


def other_window(db: Path, code: str) -> str:
    """Run ``code`` in another process with ``store`` and ``space`` (annotator "ana")."""
    script = "from tui.core.store import Store\nfrom tui.core.workspace import Workspace\n"
    script += f"store = Store({str(db)!r})\nspace = Workspace(store, 'ana')\n"
    script += textwrap.dedent(code)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Article]:
    db = tmp_path / "shared.db"
    article = parse_article(TEXT, tmp_path / "story.txt")
    with Store(db) as store:
        store.import_article(article)
    return db, article


def test_stale_editor_save_keeps_the_other_windows_note(setup: tuple[Path, Article]) -> None:
    db, article = setup
    with Store(db) as store:
        a = Workspace(store, "ana")
        start = article.text.index("agreed")
        seen = a.tag(article.id, start, start + 6, "claim", quote="agreed",
                     sha256=article.sha256).first  # fmt: skip
        assert seen is not None
        other_window(db, f"space.set_note(store.get_annotation({seen.id!r}), 'B wrote this')")
        assert a.edit(seen).annotations == ()  # ctrl+s, nothing changed: nothing written
        with pytest.raises(StaleError, match="note changed in another window"):
            a.edit(seen, note="A typed this")
        assert store.get_annotation(seen.id).note == "B wrote this"


def test_undo_never_writes_back_a_whole_old_row(setup: tuple[Path, Article]) -> None:
    db, article = setup
    with Store(db) as store:
        a = Workspace(store, "ana")
        start = article.text.index("agreed")
        tagged = a.tag(article.id, start, start + 6, "claim", quote="agreed",
                       sha256=article.sha256).first  # fmt: skip
        assert tagged is not None
        a.resize(tagged, start, start + 7, quote="agreed ", sha256=article.sha256)
        other_window(db, f"space.set_note(store.get_annotation({tagged.id!r}), 'B note')")
        with pytest.raises(StaleError):
            a.undo()
        assert store.get_annotation(tagged.id).note == "B note"


def test_a_tag_never_lands_on_text_nobody_saw(setup: tuple[Path, Article], tmp_path: Path) -> None:
    db, article = setup
    with Store(db) as store:
        a = Workspace(store, "ana")
        (tmp_path / "story.txt").write_text("Breaking news first.\n\n" + TEXT, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "tui", "import", str(tmp_path / "story.txt"), "--db", str(db)],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        lead = "The two parties agreed to reconvene next Saturday."
        start = article.text.index(lead)  # where the open reader shows it
        with pytest.raises(TextChangedError):
            a.tag(article.id, start, start + len(lead), "claim", quote=lead,
                  sha256=article.sha256)  # fmt: skip
        assert list(store.annotations()) == []


def test_a_commit_between_my_write_and_my_version_read_is_still_seen(
    setup: tuple[Path, Article],
) -> None:
    """``data_version`` moves for every other connection's commit and never for our own:
    the reader compares it with the value it read before, whatever it wrote since."""
    db, article = setup
    with Store(db) as store:
        a = Workspace(store, "ana")
        seen_version = store.data_version()
        other_window(
            db,
            f"store.add_annotation({article.id!r}, 0, 5, 'quote', quote='Talks', annotator='b')",
        )
        start = article.text.index("agreed")
        a.tag(article.id, start, start + 6, "claim", quote="agreed", sha256=article.sha256)
        assert store.data_version() != seen_version  # the reader will re-read: B's tag shows
        assert len(store.annotations_for(article.id)) == 2
