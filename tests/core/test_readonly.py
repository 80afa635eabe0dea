"""The database refuses nothing silently: read-only files and a full disk.

A write the database refuses raises ``StoreError`` with one clear line naming
the file, and leaves the database exactly as it was: the UI can then say the
change was not saved.

Read-only files are tested in a child process: as root, permission bits do not
stop writes, so the child runs without ``CAP_DAC_OVERRIDE`` (dropped from its
capability bounding set before it starts), which makes root obey them like
anyone else. A full disk is simulated with ``PRAGMA max_page_count``, which
makes SQLite fail exactly as on a full disk (``SQLITE_FULL``).
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.core.articles import load_article, parse_article
from tui.core.errors import StoreError
from tui.core.store import Store

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2
CANNOT_DROP = 97
STORY = (
    "The minister said the bridge would reopen in May. Critics said the cost had doubled.\n\n"
    "北京 observers and وزير الخارجية were present. 👩‍👩‍👧\n"
)

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux permissions")


def _without_root_powers() -> None:
    """In the child before exec: root loses the right to ignore file permissions."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            os._exit(CANNOT_DROP)


def _run(code: str, *args: str | Path) -> dict[str, object]:
    """Run ``code`` in a Python that obeys file permissions; it prints one JSON object."""
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=_without_root_powers,
        timeout=120,
    )
    if done.returncode == CANNOT_DROP:
        pytest.skip("running as root and cannot drop CAP_DAC_OVERRIDE (no CAP_SETPCAP)")
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


CHILD_WRITES = """
import json, sys
from tui.core.errors import StoreError
from tui.core.store import Store
db, article = sys.argv[1], sys.argv[2]
out = {"writable": __import__("os").access(db, __import__("os").W_OK)}
try:
    with Store(db) as store:
        article_id = store.articles()[0].id
        annotation = next(store.annotations())
        calls = {
            "add": lambda: store.add_annotation(article_id, 0, 3, "claim"),
            "update": lambda: store.update_annotation(annotation, note="changed"),
            "delete": lambda: store.delete_annotation(annotation),
        }
        for name, call in calls.items():
            try:
                call()
                out[name] = None
            except StoreError as error:
                out[name] = str(error)
except StoreError as error:
    out["open"] = str(error)
from click.testing import CliRunner
from tui.cli import cli
run = CliRunner().invoke(cli, ["import", article, "--db", db])
crashed = run.exception is not None and not isinstance(run.exception, SystemExit)
out["cli"] = [run.exit_code, run.stdout, run.stderr + ("Traceback" if crashed else "")]
print(json.dumps(out))
"""


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with Store(db, readonly=True) as store:
        annotations = [tuple(row) for row in store.conn.execute("SELECT * FROM annotations")]
        articles = [tuple(row) for row in store.conn.execute("SELECT * FROM articles")]
    return annotations, articles


@pytest.fixture
def saved(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A database with one article and one annotation, closed (WAL checkpointed)."""
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "annotations.db"
    article = tmp_path / "other.txt"
    article.write_text("Another article that the import would add to the database.\n")
    with Store(db) as store:
        article_id = store.import_article(parse_article(STORY, tmp_path / "story.txt")).article_id
        store.add_annotation(article_id, 4, 12, "claim", note="kept")
    assert not Path(f"{db}-wal").exists()
    yield db, article
    folder.chmod(0o755)
    db.chmod(0o644)


def _clear_one_line(message: object, db: Path) -> str:
    assert isinstance(message, str)
    assert "\n" not in message and "Traceback" not in message
    assert str(db) in message
    return message


def test_a_read_only_database_file_refuses_every_write_and_changes_nothing(
    saved: tuple[Path, Path],
) -> None:
    db, article = saved
    before, digest = _snapshot(db), _digest(db)
    db.chmod(0o444)
    out = _run(CHILD_WRITES, db, article)
    assert out["writable"] is False  # the child really obeys the permission bits
    assert "open" not in out  # reading a read-only database is fine
    for name in ("add", "update", "delete"):
        message = _clear_one_line(out[name], db)
        assert "read-only" in message and "nothing was saved" in message, name
    code, stdout, stderr = out["cli"]  # type: ignore[misc]
    assert code == 2 and stdout == ""
    assert stderr.count("\n") == 1 and "read-only" in stderr and "Traceback" not in stderr
    assert _digest(db) == digest
    assert _snapshot(db) == before


def test_a_database_in_a_read_only_folder_is_refused_with_a_clear_message(
    saved: tuple[Path, Path],
) -> None:
    db, article = saved
    before = _snapshot(db)
    Store(db).close()  # the last connection to close removes the -wal and -shm files
    assert sorted(path.name for path in db.parent.iterdir()) == [db.name]
    db.parent.chmod(0o555)  # WAL cannot create its -wal and -shm files next to the database
    out = _run(CHILD_WRITES, db, article)
    message = _clear_one_line(out["open"], db)
    assert "read-only" in message and "nothing was saved" in message
    code, _, stderr = out["cli"]  # type: ignore[misc]
    assert code == 2 and stderr.count("\n") == 1 and "read-only" in stderr
    db.parent.chmod(0o755)
    assert _snapshot(db) == before


CHILD_CREATES = """
import json, sys
from tui.core.errors import StoreError
from tui.core.store import Store
try:
    Store(sys.argv[1]).close()
    print(json.dumps({"error": None}))
except StoreError as error:
    print(json.dumps({"error": str(error)}))
"""


def test_a_new_database_in_a_read_only_folder_gets_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        out = _run(CHILD_CREATES, folder / "annotations.db")
    finally:
        folder.chmod(0o755)
    message = _clear_one_line(out["error"], folder / "annotations.db")
    assert "cannot open or create" in message and "writable" in message
    assert list(folder.iterdir()) == []


def test_a_store_opened_read_only_refuses_writes(saved: tuple[Path, Path]) -> None:
    db, _ = saved
    before = _snapshot(db)
    with Store(db, readonly=True) as store:
        article_id = store.articles()[0].id
        with pytest.raises(StoreError, match=r"read-only.*nothing was saved") as raised:
            store.add_annotation(article_id, 0, 3, "claim")
        _clear_one_line(str(raised.value), db)
    assert _snapshot(db) == before


# -- a full disk ------------------------------------------------------------------


def _fill(store: Store) -> None:
    """No page may be added any more: the next write that needs one fails as on a full disk."""
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_refuses_a_new_annotation_and_leaves_nothing_half_written(
    tmp_path: Path,
) -> None:
    db = tmp_path / "annotations.db"
    with Store(db) as store:
        article_id = store.import_article(parse_article(STORY, tmp_path / "s.txt")).article_id
        first = store.add_annotation(article_id, 4, 12, "claim")
        _fill(store)
        with pytest.raises(StoreError) as raised:
            store.add_annotation(article_id, 20, 30, "quote", note="x" * 200_000)
        message = _clear_one_line(str(raised.value), db)
        assert "full" in message and "nothing was saved" in message
        assert not store.conn.in_transaction
        assert [a.id for a in store.annotations_for(article_id)] == [first.id]
        store.conn.execute("PRAGMA max_page_count = 1073741823")  # space freed
        second = store.add_annotation(article_id, 20, 30, "quote", note="x" * 200_000)
    with Store(db) as store:
        assert [a.id for a in store.annotations_for(article_id)] == [first.id, second.id]
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_during_a_reimport_keeps_the_old_text_and_every_anchor(
    tmp_path: Path,
) -> None:
    """Re-anchoring rewrites many rows in one transaction: all of it, or none of it."""
    db = tmp_path / "annotations.db"
    path = tmp_path / "story.txt"
    path.write_text(STORY * 40, encoding="utf-8")
    with Store(db) as store:
        article_id = store.import_article(load_article(path)).article_id
        for start in range(0, 40 * len(STORY) - 20, 97):
            store.add_annotation(article_id, start, start + 15, "claim")
        before = _snapshot(db)
        path.write_text("Update: a long new lead.\n\n" * 4000 + STORY * 40, encoding="utf-8")
        _fill(store)
        with pytest.raises(StoreError, match=r"full.*nothing was saved"):
            store.import_article(load_article(path))
        assert not store.conn.in_transaction
    assert _snapshot(db) == before
    with Store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM article_versions").fetchone()[0] == 0
        result = store.import_article(load_article(path))  # with room again, it goes through
        assert (result.status, result.orphaned) == ("updated", 0)
