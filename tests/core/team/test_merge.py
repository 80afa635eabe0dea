"""``newsmark merge``: several analysts' databases into one, nothing lost, nothing twice."""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.team.conftest import BRIDGE, FLOOD, snapshot, span, tag
from tui.cli import cli
from tui.core.articles import parse_article
from tui.core.errors import StoreError
from tui.core.schema import MIGRATIONS, SCHEMA_VERSION
from tui.core.store import Store
from tui.core.team.merge import merge_databases

BRIDGE_V2 = BRIDGE.replace("Engineers declined to comment.", "Engineers said little.")


def merge(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["merge", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def live(db: Path) -> dict[str, tuple[object, ...]]:
    with Store(db, readonly=True) as store:
        return {
            a.id: (a.article_id, a.start, a.end, a.label, a.note, a.annotator)
            for a in store.annotations()
        }


def check_quotes(db: Path) -> None:
    """The offset contract: every placed annotation quotes its article's current text."""
    with Store(db, readonly=True) as store:
        for a in store.annotations():
            if not a.orphaned:
                assert store.article_text(a.article_id)[a.start : a.end] == a.text


def test_two_analysts_become_one_database(analyst: Callable[..., Path], tmp_path: Path) -> None:
    ann = analyst("ann")
    bob = analyst("bob", {"elsewhere/bridge-copy.txt": BRIDGE, "flood.txt": FLOOD})
    first = tag(ann, BRIDGE, "The minister said", "claim", "ann")
    second = tag(ann, BRIDGE, "“a fantasy”", "quote", "ann")
    with Store(ann) as store:
        store.add_link(first, second, note="contradicts the schedule")
    third = tag(bob, BRIDGE, "Critics said", "claim", "bob")
    fourth = tag(bob, FLOOD, "The river rose two metres", "claim", "bob")
    team = tmp_path / "team.db"

    code, out, err = merge(ann, bob, "--into", team)

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{ann}: 1 new article(s); 2 new annotation(s), 0 updated; 1 new link(s), 0 updated",
        f"{bob}: 1 new article(s); 2 new annotation(s), 0 updated",
    ]
    with Store(team, readonly=True) as store:
        assert sorted(s.title for s in store.articles()) == sorted(
            [BRIDGE.split("\n")[0], FLOOD.split("\n")[0]]
        )  # the same text imported from two paths is one article
        assert {a.id for a in store.annotations()} == {first, second, third, fourth}
        assert [(link.from_annotation, link.to_annotation) for link in store.links()] == [
            (first, second)
        ]
    check_quotes(team)


def test_merging_again_changes_nothing(analyst: Callable[..., Path], tmp_path: Path) -> None:
    ann, bob = analyst("ann"), analyst("bob", {"flood.txt": FLOOD})
    tag(ann, BRIDGE, "Critics said", "claim", "ann")
    tag(bob, FLOOD, "officials", "quote", "bob")
    team = tmp_path / "team.db"
    merge(ann, bob, "--into", team)
    before = snapshot(team)

    code, out, _ = merge(ann, bob, ann, "--into", team)

    assert code == 0
    assert out.splitlines() == [f"{ann}: nothing new", f"{bob}: nothing new", f"{ann}: nothing new"]
    assert snapshot(team) == before


def _diverge(analyst: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path, str]:
    """Two copies of one database with one annotation in both."""
    base = analyst("base")
    annotation_id = tag(base, BRIDGE, "would not open before July", "claim", "ann")
    ann, bob = tmp_path / "ann.db", tmp_path / "bob.db"
    shutil.copy(base, ann)
    shutil.copy(base, bob)
    return ann, bob, annotation_id


def _update(db: Path, annotation_id: str, **changes: str) -> None:
    with Store(db) as store:
        store.update_annotation(store.get_annotation(annotation_id), **changes)  # type: ignore[arg-type]
    time.sleep(0.005)  # the next write is in a later millisecond


@pytest.mark.parametrize("order", ["ann first", "bob first"])
def test_an_annotation_edited_in_both_keeps_the_newer_and_lists_the_other(
    analyst: Callable[..., Path], tmp_path: Path, order: str
) -> None:
    ann, bob, annotation_id = _diverge(analyst, tmp_path)
    _update(ann, annotation_id, note="from the wire copy", by="ann")
    _update(bob, annotation_id, label="quote", by="bob")  # same revision, later: newer
    team = tmp_path / "team.db"
    sources = [ann, bob] if order == "ann first" else [bob, ann]

    code, out, _ = merge(*sources, "--into", team)

    assert code == 0
    assert out.splitlines()[-1] == f"1 conflict: see `newsmark conflicts --db {team}`"
    assert live(team)[annotation_id][3:5] == ("quote", "")
    result = CliRunner().invoke(cli, ["conflicts", "--db", str(team)])
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"annotation {annotation_id} in article ")
    assert lines[0].endswith("differs in label, note")
    assert "kept:  rev 2 by bob" in lines[1] and "quote" in lines[1]
    assert "other: rev 2 by ann" in lines[2] and "note “from the wire copy”" in lines[2]
    assert lines[-1] == "1 conflict(s)"
    code, out, _ = merge(*sources, "--into", team)
    assert "conflict" not in out  # the same conflict is not reported twice


def test_a_later_state_of_the_same_copy_is_no_conflict(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    ann = analyst("ann")
    annotation_id = tag(ann, BRIDGE, "Critics said", "claim", "ann")
    team = tmp_path / "team.db"
    merge(ann, "--into", team)
    _update(ann, annotation_id, note="checked", by="ann")
    _update(ann, annotation_id, label="quote", by="ann")

    code, out, _ = merge(ann, "--into", team)

    assert code == 0
    assert out.strip() == f"{ann}: 0 new annotation(s), 1 updated"
    assert live(team)[annotation_id][3:5] == ("quote", "checked")
    with Store(team, readonly=True) as store:
        assert store.conflicts() == []


@pytest.mark.parametrize("order", ["deleted first", "deleted last"])
def test_a_deletion_wins_over_an_older_live_copy(
    analyst: Callable[..., Path], tmp_path: Path, order: str
) -> None:
    ann, bob, annotation_id = _diverge(analyst, tmp_path)
    with Store(ann) as store:
        store.delete_annotation(store.get_annotation(annotation_id), by="ann")
    team = tmp_path / "team.db"
    merge(*([ann, bob] if order == "deleted first" else [bob, ann]), "--into", team)
    with Store(team, readonly=True) as store:
        row = store.find_annotation(annotation_id)
        assert row is not None and row.deleted and row.deleted_by == "ann"
        assert store.conflicts() == []  # bob's copy is the state ann deleted


def test_an_edit_made_after_a_deletion_elsewhere_wins_and_the_deletion_is_listed(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    ann, bob, annotation_id = _diverge(analyst, tmp_path)
    with Store(ann) as store:
        store.delete_annotation(store.get_annotation(annotation_id), by="ann")
    time.sleep(0.005)
    _update(bob, annotation_id, note="still true", by="bob")
    team = tmp_path / "team.db"
    merge(ann, bob, "--into", team)
    assert live(team)[annotation_id][4] == "still true"
    with Store(team, readonly=True) as store:
        [conflict] = store.conflicts()
        assert conflict.deleted and conflict.data["deleted_by"] == "ann"


def test_a_link_edited_in_both_is_a_conflict_too(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    base = analyst("base")
    first = tag(base, BRIDGE, "The minister said", "claim", "ann")
    second = tag(base, BRIDGE, "Critics said", "claim", "ann")
    with Store(base) as store:
        link_id = store.add_link(first, second).id
    ann, bob = tmp_path / "ann.db", tmp_path / "bob.db"
    shutil.copy(base, ann)
    shutil.copy(base, bob)
    with Store(ann) as store:
        store.update_link(store.get_link(link_id), note="ann's reading", by="ann")
    time.sleep(0.005)
    with Store(bob) as store:
        store.update_link(store.get_link(link_id), note="bob's reading", by="bob")
    team = tmp_path / "team.db"
    merge(ann, bob, "--into", team)
    with Store(team, readonly=True) as store:
        assert store.get_link(link_id).note == "bob's reading"
        [conflict] = store.conflicts()
        assert (conflict.kind, conflict.data["note"]) == ("link", "ann's reading")


def test_an_article_changed_in_one_database_keeps_the_newer_text_and_places_the_other_annotations(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    ann = analyst("ann")
    bob = tmp_path / "bob.db"
    shutil.copy(ann, bob)
    kept = tag(ann, BRIDGE, "Critics said", "claim", "ann")
    gone = tag(ann, BRIDGE, "Engineers declined to comment.", "quote", "ann")
    with Store(bob) as store:  # bob's file changed: re-imported from the same path
        store.import_article(parse_article(BRIDGE_V2, tmp_path / "bridge.txt"))
    new = tag(bob, BRIDGE_V2, "Engineers said little.", "quote", "bob")
    team = tmp_path / "team.db"

    for sources in ([ann, bob], [bob, ann]):
        target = tmp_path / f"team-{sources[0].stem}.db"
        code, out, _ = merge(*sources, "--into", target)
        assert code == 0, out
        with Store(target, readonly=True) as store:
            [summary] = store.articles()
            assert store.article_text(summary.id) == BRIDGE_V2
            versions = store.conn.execute("SELECT text FROM article_versions").fetchall()
            assert [row[0] for row in versions] == [BRIDGE]
            rows = {a.id: a for a in store.annotations()}
            assert set(rows) == {kept, gone, new}
            assert rows[kept].status == "anchored" and rows[kept].text == "Critics said"
            assert rows[gone].status == "orphaned"
            assert rows[gone].text == "Engineers declined to comment."  # never misplaced
        check_quotes(target)
        before = snapshot(target)
        merge(*sources, "--into", target)
        assert snapshot(target) == before
    assert not team.exists()


def test_an_article_imported_fresh_at_a_later_text_is_the_same_article(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    ann = analyst("ann")
    with Store(ann) as store:
        store.import_article(parse_article(BRIDGE_V2, tmp_path / "bridge.txt"))
    bob = analyst("bob", {"bridge-v2.txt": BRIDGE_V2})  # another id: the sha256 of BRIDGE_V2
    tag(bob, BRIDGE_V2, "Engineers said little.", "quote", "bob")
    team = tmp_path / "team.db"
    merge(ann, bob, "--into", team)
    with Store(team, readonly=True) as store:
        [summary] = store.articles()
        assert [a.article_id for a in store.annotations()] == [summary.id]
    check_quotes(team)


def test_labels_are_merged_by_name_and_a_taken_key_is_left_empty(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    ann, bob = analyst("ann"), analyst("bob")
    with Store(ann) as store:
        store.add_label("rumour", "r")
    with Store(bob) as store:
        store.add_label("speculation", "r")
        store.add_label("denial", "y")
    tag(bob, BRIDGE, "Engineers declined", "denial", "bob")
    team = tmp_path / "team.db"
    merge(ann, bob, "--into", team)
    with Store(team, readonly=True) as store:
        keys = {label.name: label.key for label in store.label_rows()}
        assert store.labels()[-3:] == ["rumour", "speculation", "denial"]
    assert (keys["rumour"], keys["speculation"], keys["denial"]) == ("r", "", "y")


def _scratch_table(db: Path) -> None:
    """A table this branch does not know, as another branch might add."""
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS scratch (id INTEGER PRIMARY KEY,"
            " article_id TEXT NOT NULL REFERENCES articles(id), start INTEGER, kind TEXT)"
        )


def test_other_tables_are_merged_as_a_union_of_rows(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    ann = analyst("ann")
    with Store(ann) as store:
        store.import_article(parse_article(BRIDGE_V2, tmp_path / "bridge.txt"))
        article_id = store.articles()[0].id
    bob = analyst("bob", {"bridge-v2.txt": BRIDGE_V2})
    with Store(bob) as store:
        bob_article = store.articles()[0].id
    assert bob_article != article_id
    team = tmp_path / "team.db"
    for db in (ann, bob, team):
        Store(db).close()
        _scratch_table(db)
    with closing(sqlite3.connect(ann)) as conn, conn:
        conn.execute("INSERT INTO scratch VALUES (1, ?, 10, 'quote')", (article_id,))
    with closing(sqlite3.connect(bob)) as conn, conn:
        conn.execute("INSERT INTO scratch VALUES (1, ?, 20, 'claim')", (bob_article,))
        conn.execute("INSERT INTO scratch VALUES (2, ?, 10, 'quote')", (bob_article,))
    merge(ann, bob, "--into", team)
    merge(bob, "--into", team)
    with closing(sqlite3.connect(team)) as conn:
        rows = conn.execute("SELECT article_id, start, kind FROM scratch ORDER BY start")
        assert rows.fetchall() == [(article_id, 10, "quote"), (article_id, 20, "claim")]


def _damaged(tmp_path: Path, good: Path) -> list[tuple[Path, str]]:
    garbage = tmp_path / "notes.db"
    garbage.write_bytes(b"these are my notes, not a database\n")
    truncated = tmp_path / "truncated.db"
    data = good.read_bytes()
    truncated.write_bytes(data[: len(data) // 2 + 100])
    newer = tmp_path / "newer.db"
    shutil.copy(good, newer)
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()
    return [
        (garbage, "not a SQLite database"),
        (truncated, "damaged"),
        (newer, "made by a newer newsmark"),
        (empty, "not a newsmark database"),
    ]


def test_a_damaged_or_newer_source_is_refused_with_one_line_and_nothing_written(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    good = analyst("good")
    tag(good, BRIDGE, "Critics said", "claim", "ann")
    with Store(good) as store:  # many pages, so that half a file is missing real pages
        for n in range(300):
            store.add_annotation(store.articles()[0].id, 0, 10, "claim", note="x" * 500 + str(n))
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    team = tmp_path / "team.db"
    merge(good, "--into", team)
    before = snapshot(team)
    for bad, problem in _damaged(tmp_path, good):
        code, out, err = merge(good, bad, "--into", team)
        assert code == 2
        assert out == ""
        assert len(err.splitlines()) == 1 and err.startswith(f"newsmark: {bad}: {problem}"), err
        assert snapshot(team) == before
        fresh = tmp_path / "fresh.db"
        assert merge(bad, "--into", fresh)[0] == 2
        assert not fresh.exists()


def test_a_database_is_not_merged_into_itself(analyst: Callable[..., Path]) -> None:
    ann = analyst("ann")
    code, _, err = merge(ann, "--into", ann)
    assert code == 2 and "is the database merged into" in err


def test_an_older_schema_is_merged_from_a_migrated_copy_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.db"
    article = parse_article(FLOOD, "flood.txt")
    start, end = span(article.text, "The river rose")
    with closing(sqlite3.connect(old)) as conn, conn:
        for statement in MIGRATIONS[0]:
            conn.execute(statement)
        conn.execute("PRAGMA user_version = 1")
        conn.execute(
            "INSERT INTO articles (id, title, text, sha256, imported_at, updated_at)"
            " VALUES (?, 'Flood', ?, ?, '2024-01-01', '2024-01-01')",
            (article.id, article.text, article.sha256),
        )
        conn.execute(
            'INSERT INTO annotations (id, article_id, start, "end", label, text, annotator,'
            " created_at, updated_at) VALUES ('old-1', ?, ?, ?, 'claim', 'The river rose',"
            " 'cleo', '2024-01-01', '2024-01-01')",
            (article.id, start, end),
        )
    data = old.read_bytes()
    team = tmp_path / "team.db"
    code, out, err = merge(old, "--into", team)
    assert (code, err) == (0, ""), err
    assert out.strip() == f"{old}: 1 new article(s); 1 new annotation(s), 0 updated"
    assert live(team) == {"old-1": (article.id, start, end, "claim", "", "cleo")}
    assert old.read_bytes() == data


def test_merge_databases_raises_store_errors_for_the_cli(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        merge_databases(tmp_path / "team.db", [tmp_path / "missing.db"])


# -- the rule, whatever the order ------------------------------------------------------

_COPY = st.tuples(
    st.integers(1, 4),  # revision
    st.sampled_from(["2025-01-01T00:00:00.000Z", "2025-01-02T00:00:00.000Z"]),
    st.booleans(),  # deleted
    st.sampled_from(["", "a", "b"]),  # note
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(copies=st.lists(st.tuples(_COPY, _COPY), min_size=1, max_size=6))
def test_the_newer_copy_wins_in_either_order_and_again(
    tmp_path_factory: pytest.TempPathFactory,
    copies: list[tuple[tuple[int, str, bool, str], tuple[int, str, bool, str]]],
) -> None:
    folder = tmp_path_factory.mktemp("rule")
    article = parse_article(BRIDGE, "bridge.txt")
    sides = []
    for side in (0, 1):
        path = folder / f"side{side}.db"
        with Store(path) as store:
            store.import_article(article)
            with store.transaction():
                for n, pair in enumerate(copies):
                    revision, stamp, deleted, note = pair[side]
                    store.conn.execute(
                        'INSERT INTO annotations (id, article_id, start, "end", label, text,'
                        " note, created_at, updated_at, revision, deleted_at, updated_by)"
                        " VALUES (?, ?, 0, 3, 'claim', 'The', ?, '2025', ?, ?, ?, ?)",
                        (
                            f"id-{n}",
                            article.id,
                            note,
                            stamp,
                            revision,
                            stamp if deleted else None,
                            f"side{side}",
                        ),
                    )
        sides.append(path)
    results = []
    for name, order in (("forward", sides), ("backward", sides[::-1])):
        team = folder / f"{name}.db"
        merge_databases(team, order)
        first = snapshot(team)
        merge_databases(team, order)
        assert snapshot(team) == first
        with Store(team, readonly=True) as store:
            rows = store.conn.execute(
                "SELECT id, revision, updated_at, deleted_at IS NOT NULL, note FROM annotations"
                " ORDER BY id"
            ).fetchall()
            conflicts = {(c.row_id, c.revision, c.updated_at, c.deleted) for c in store.conflicts()}
        results.append(([tuple(row) for row in rows], conflicts))
    assert results[0] == results[1]
    for row, (a, b) in zip(results[0][0], copies, strict=True):
        key = max((a[0], a[1], a[2]), (b[0], b[1], b[2]))
        assert row[1:4] == key


def test_broken_references_are_refused_and_leave_nothing_behind(
    analyst: Callable[..., Path], tmp_path: Path
) -> None:
    good = analyst("good")
    tag(good, BRIDGE, "Critics said", "claim", "ann")
    dangling = tmp_path / "dangling.db"
    unknown_label = tmp_path / "unknown-label.db"
    for path in (dangling, unknown_label):
        shutil.copy(good, path)
    with closing(sqlite3.connect(dangling)) as conn, conn:  # foreign keys are off here
        conn.execute(
            "INSERT INTO links (id, from_annotation, to_annotation, kind, note, created_at)"
            " VALUES ('l1', 'gone-1', 'gone-2', 'contradicts', '', '2025')"
        )
    with closing(sqlite3.connect(unknown_label)) as conn, conn:
        conn.execute("UPDATE annotations SET label = 'rumour'")
    team = tmp_path / "team.db"
    merge(analyst("other", {"flood.txt": FLOOD}), "--into", team)
    before = snapshot(team)
    for bad, problem in (
        (dangling, "damaged (a row of links refers to a missing row"),
        (unknown_label, "cannot be merged (FOREIGN KEY constraint failed)"),
    ):
        code, _, err = merge(bad, "--into", team)
        assert code == 2
        assert err.splitlines() == [err.strip()] and err.startswith(f"newsmark: {bad}: {problem}")
        assert snapshot(team) == before


def test_dismissed_suggestions_are_merged(analyst: Callable[..., Path], tmp_path: Path) -> None:
    from tui.core.models import Dismissal

    ann, bob = analyst("ann"), analyst("bob")
    for db, text, who in ((ann, "first", "ann"), (bob, "second", "bob")):
        with Store(db) as store:
            article_id = store.articles()[0].id
            store.dismiss(
                Dismissal(f"id-{text}", "quote", article_id, 0, 5, text, "", 0, 0, "", ""),
                by=who,
            )
    team = tmp_path / "team.db"
    merge(ann, bob, "--into", team)
    merge(ann, bob, "--into", team)  # again: nothing new
    with Store(team, readonly=True) as store:
        assert store.dismissed_ids() == {"id-first", "id-second"}
