"""The one change path: every kind of change, undone and redone, batches, refusals.

Two ``Store`` connections on one file stand for two windows (or two analysts):
whatever one writes, the other's stale write, undo or redo must not overwrite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from tui.core.articles import Article, parse_article
from tui.core.errors import AnnotationError, StaleError, TextChangedError
from tui.core.models import Annotation
from tui.core.store import Store
from tui.core.workspace import Change, LinkEnd, Workspace

TEXT = (
    "Talks resume in Muscat\n\n"
    "The two parties agreed to reconvene next Saturday, the minister said.\n\n"
    "Talks last took place eight months ago.\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "team.db"


@pytest.fixture
def article(db: Path, tmp_path: Path) -> Article:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    loaded = parse_article(TEXT, path)
    with Store(db) as store:
        store.import_article(loaded)
    return loaded


@pytest.fixture
def windows(db: Path, article: Article) -> Iterator[tuple[Workspace, Workspace]]:
    """Two readers on one database: A and B, same analyst."""
    with Store(db) as one, Store(db) as two:
        yield Workspace(one, "ana"), Workspace(two, "ana")


def tag(space: Workspace, article: Article, quote: str, label: str = "claim") -> Annotation:
    start = article.text.index(quote)
    change = space.tag(
        article.id, start, start + len(quote), label, quote=quote, sha256=article.sha256
    )
    assert change.first is not None
    return change.first


def live(db: Path, table: str = "annotations") -> list[tuple[object, ...]]:
    """Content columns of the live rows, as a fresh connection reads them from disk."""
    columns = "id, label, note, start, \"end\", text" if table == "annotations" else "id, note"
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            f"SELECT {columns} FROM {table} WHERE deleted_at IS NULL ORDER BY id"
        ).fetchall()


# -- every kind of change, undone and redone -------------------------------------------


def _kinds(space: Workspace, article: Article) -> list[Callable[[], Change]]:
    first = tag(space, article, "agreed to reconvene")
    second = tag(space, article, "eight months", "inconsistency")
    linked = space.link(first, second).links[0]
    current = space.store.get_annotation
    return [
        lambda: space.relabel(current(first.id), "quote"),
        lambda: space.set_note(current(first.id), "Saturday per seed 2"),
        lambda: space.resize(current(first.id), first.start - 4, first.end,
                             quote=article.text[first.start - 4 : first.end],
                             sha256=article.sha256),
        lambda: space.set_link_note(space.store.get_link(linked.id), "dates disagree"),
        lambda: space.unlink(space.store.get_link(linked.id)),
        lambda: space.delete(current(second.id)),
        lambda: space.edit(current(first.id), label="claim", note="both at once"),
    ]


@pytest.mark.parametrize("kind", range(7))
def test_each_kind_of_change_is_one_step_undone_and_redone(
    windows: tuple[Workspace, Workspace], article: Article, db: Path, kind: int
) -> None:
    space, _ = windows
    change = _kinds(space, article)[kind]
    before = (live(db), live(db, "links"))
    change()
    after = (live(db), live(db, "links"))
    assert after != before
    undone = space.undo()
    assert undone is not None
    assert (live(db), live(db, "links")) == before
    assert space.redo() is not None
    assert (live(db), live(db, "links")) == after
    space.undo()
    assert (live(db), live(db, "links")) == before


def test_a_whole_session_undoes_back_to_nothing_with_the_same_ids(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    space, _ = windows
    for change in _kinds(space, article):
        change()
    done = (live(db), live(db, "links"))
    while space.history.can_undo:
        space.undo()
    assert live(db) == [] and live(db, "links") == []
    while space.history.can_redo:
        space.redo()
    assert (live(db), live(db, "links")) == done


def test_a_delete_is_a_tombstone_and_undo_brings_back_the_same_row(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    space, _ = windows
    first = tag(space, article, "agreed to reconvene")
    second = tag(space, article, "eight months")
    link = space.link(first, second).links[0]
    change = space.delete(space.store.get_annotation(first.id))
    assert {row.id for row in change.annotations} == {first.id}
    assert change.links[0].id == link.id and change.links[0].deleted
    with closing(sqlite3.connect(db)) as conn:
        [(deleted_at, deleted_by)] = conn.execute(
            "SELECT deleted_at, deleted_by FROM annotations WHERE id = ?", (first.id,)
        ).fetchall()
    assert deleted_at and deleted_by == "ana"
    assert [row.id for row in space.store.annotations()] == [second.id]
    assert space.store.counts_by_label()["claim"] == 1
    space.undo()
    assert space.store.get_annotation(first.id).text == first.text
    assert [item.id for item in space.store.links()] == [link.id]


def test_an_editor_save_is_one_transaction_and_one_step(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    space, _ = windows
    first = tag(space, article, "agreed to reconvene")
    second = tag(space, article, "eight months")
    link = space.link(first, second).links[0]
    steps = len(space.history._undo)
    space.edit(
        space.store.get_annotation(first.id),
        label="inconsistency",
        note="see the other seed",
        link_notes=[(link, "dates differ")],
    )
    assert len(space.history._undo) == steps + 1
    saved = space.store.get_annotation(first.id)
    assert (saved.label, saved.note) == ("inconsistency", "see the other seed")
    assert space.store.get_link(link.id).note == "dates differ"
    space.undo()
    restored = space.store.get_annotation(first.id)
    assert (restored.label, restored.note) == ("claim", "")
    assert space.store.get_link(link.id).note == ""


def test_a_failing_write_inside_a_batch_writes_nothing(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    space, _ = windows
    start = article.text.index("eight")
    with pytest.raises(AnnotationError), space.batch("accept all"):
        space.add(article.id, start, start + 5, "claim", quote="eight", sha256=article.sha256)
        space.add(article.id, start, start + 5, "nope", quote="eight", sha256=article.sha256)
    assert live(db) == []
    assert not space.history.can_undo


def test_linking_two_bare_spans_tags_both_and_links_in_one_step(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    space, _ = windows
    ends = [
        LinkEnd(article.id, article.text.index(q), article.text.index(q) + len(q), q,
                article.sha256)
        for q in ("next Saturday", "eight months")
    ]  # fmt: skip
    change = space.link_ends(*ends)
    assert {row.label for row in change.annotations} == {"inconsistency"}
    assert len(live(db)) == 2 and len(live(db, "links")) == 1
    space.undo()
    assert live(db) == [] and live(db, "links") == []


# -- no lost updates --------------------------------------------------------------------


def test_a_stale_note_edit_is_refused_and_says_who_changed_what(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    a, b = windows
    shown_in_a = tag(a, article, "agreed to reconvene")
    b.set_note(b.store.get_annotation(shown_in_a.id), "B's note")
    with pytest.raises(StaleError, match="note changed in another window") as refused:
        a.set_note(shown_in_a, "A's note")
    assert isinstance(refused.value.current, Annotation)
    assert refused.value.current.note == "B's note"  # what the screen shows instead
    assert a.store.get_annotation(shown_in_a.id).note == "B's note"


def test_another_analyst_is_named(db: Path, article: Article) -> None:
    with Store(db) as one, Store(db) as two:
        mine, theirs = Workspace(one, "ana"), Workspace(two, "ben")
        seen = tag(mine, article, "agreed to reconvene")
        theirs.relabel(two.get_annotation(seen.id), "quote")
        with pytest.raises(StaleError, match="label changed by ben"):
            mine.set_note(seen, "mine")


def test_an_editor_save_writes_only_what_changed(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    a, b = windows
    shown_in_a = tag(a, article, "agreed to reconvene")
    b.set_note(b.store.get_annotation(shown_in_a.id), "B's note")
    change = a.edit(shown_in_a)  # ctrl+s with nothing changed: nothing to write
    assert change.annotations == ()
    assert a.store.get_annotation(shown_in_a.id).note == "B's note"


def test_undo_of_a_row_changed_since_is_refused(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    a, b = windows
    tagged = tag(a, article, "agreed to reconvene")
    a.resize(tagged, tagged.start, tagged.end + 1,
             quote=article.text[tagged.start : tagged.end + 1],
             sha256=article.sha256)  # fmt: skip
    b.set_note(b.store.get_annotation(tagged.id), "B's note")
    with pytest.raises(StaleError, match="note changed"):
        a.undo()
    assert a.store.get_annotation(tagged.id).note == "B's note"
    assert a.history.can_undo  # the step stays: nothing was done


def test_redo_of_a_row_changed_since_is_refused(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    a, b = windows
    tagged = tag(a, article, "agreed to reconvene")
    a.relabel(tagged, "quote")
    a.undo()
    b.set_note(b.store.get_annotation(tagged.id), "B's note")
    with pytest.raises(StaleError):
        a.redo()
    row = a.store.get_annotation(tagged.id)
    assert (row.label, row.note) == ("claim", "B's note")


def test_undo_after_an_interleaved_foreign_edit_never_writes_back_a_stale_copy(
    windows: tuple[Workspace, Workspace], article: Article
) -> None:
    a, b = windows
    tagged = tag(a, article, "agreed to reconvene")
    a.set_note(tagged, "first")
    b.set_note(b.store.get_annotation(tagged.id), "B's note")
    a.set_note(a.store.get_annotation(tagged.id), "second")  # A saw B's note, then edited
    a.undo()  # back to B's note: fine
    assert a.store.get_annotation(tagged.id).note == "B's note"
    with pytest.raises(StaleError):
        a.undo()  # would put "first" over B's note
    assert a.store.get_annotation(tagged.id).note == "B's note"


def test_a_delete_in_another_window_refuses_an_edit(
    windows: tuple[Workspace, Workspace], article: Article
) -> None:
    a, b = windows
    seen = tag(a, article, "agreed to reconvene")
    b.delete(b.store.get_annotation(seen.id))
    with pytest.raises(StaleError, match="deleted in another window") as refused:
        a.relabel(seen, "quote")
    assert isinstance(refused.value.current, Annotation) and refused.value.current.deleted


def test_a_tag_on_text_that_changed_under_the_reader_is_refused(
    db: Path, article: Article, tmp_path: Path
) -> None:
    with Store(db) as store:
        space = Workspace(store, "ana")
        shown = article  # what the open reader shows
        changed = parse_article("A new first paragraph.\n\n" + TEXT, tmp_path / "story.txt")
        with Store(db) as shell:  # `newsmark import story.txt` in another terminal
            assert shell.import_article(changed).status == "updated"
        lead = "The two parties agreed to reconvene next Saturday, the minister said."
        start = shown.text.index(lead)
        with pytest.raises(TextChangedError) as refused:
            space.tag(shown.id, start, start + len(lead), "claim", quote=lead,
                      sha256=shown.sha256)  # fmt: skip
        assert refused.value.article_id == shown.id
        assert list(store.annotations()) == []
        # the reloaded reader tags the same words at their new place
        fresh = store.get_article(shown.id)
        start = fresh.text.index(lead)
        change = space.tag(fresh.id, start, start + len(lead), "claim", quote=lead,
                           sha256=fresh.sha256)  # fmt: skip
        assert change.first is not None and change.first.text == lead


def test_a_tag_whose_quote_differs_from_the_text_is_refused(
    windows: tuple[Workspace, Workspace], article: Article
) -> None:
    space, _ = windows
    start = article.text.index("eight")
    with pytest.raises(AnnotationError, match="quote does not match"):
        space.tag(article.id, start, start + 5, "claim", quote="nine ", sha256=article.sha256)


def test_a_reimport_that_moves_a_span_refuses_an_edit_based_on_the_old_place(
    db: Path, article: Article, tmp_path: Path
) -> None:
    with Store(db) as store:
        space = Workspace(store, "ana")
        seen = tag(space, article, "eight months")
        with Store(db) as shell:
            shell.import_article(
                parse_article("Breaking.\n\n" + TEXT, tmp_path / "story.txt")
            )
        with pytest.raises(StaleError, match="span changed by a re-import"):
            space.set_note(seen, "based on the old place")
        with pytest.raises(TextChangedError):
            space.resize(seen, seen.start, seen.end + 4,
                         quote=article.text[seen.start : seen.end + 4],
                         sha256=article.sha256)  # fmt: skip
        moved = store.get_annotation(seen.id)
        assert moved.text == "eight months" and moved.start == seen.start + len("Breaking.\n\n")


def test_revision_comparison_is_what_refuses(
    windows: tuple[Workspace, Workspace], article: Article
) -> None:
    """The refusal comes from the revision the write carries, not from the content."""
    a, b = windows
    seen = tag(a, article, "agreed to reconvene")
    b.set_note(b.store.get_annotation(seen.id), "")  # no-op for the content...
    b.set_note(b.store.get_annotation(seen.id), "x")
    b.set_note(b.store.get_annotation(seen.id), "")  # ...back to what A saw
    assert a.store.get_annotation(seen.id).note == seen.note
    with pytest.raises(StaleError):
        a.relabel(seen, "quote")
    assert replace(a.store.get_annotation(seen.id)).label == "claim"


def _flag(db: Path, annotation_id: str, status: str) -> None:
    """What a re-import does to an annotation whose passage changed or went away."""
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "UPDATE annotations SET status = ?, original_text = 'old words',"
            " revision = revision + 1 WHERE id = ?",
            (status, annotation_id),
        )


def test_review_accepts_a_changed_placement_or_places_an_orphan_as_one_step(
    windows: tuple[Workspace, Workspace], article: Article, db: Path
) -> None:
    space, _ = windows
    changed = tag(space, article, "eight months")
    orphan = tag(space, article, "agreed to reconvene")
    _flag(db, changed.id, "changed")
    _flag(db, orphan.id, "orphaned")
    store = space.store
    settled = space.settle(store.get_annotation(changed.id)).first
    assert settled is not None
    assert (settled.status, settled.original_text) == ("anchored", "")
    with pytest.raises(AnnotationError, match="select its text"):
        space.settle(store.get_annotation(orphan.id))
    quote = "next Saturday"
    start = article.text.index(quote)
    placed = space.place(store.get_annotation(orphan.id), start, start + len(quote),
                         quote=quote, sha256=article.sha256).first  # fmt: skip
    assert placed is not None
    assert (placed.status, placed.text, placed.start) == ("anchored", quote, start)
    space.undo()
    assert store.get_annotation(orphan.id).status == "orphaned"
    space.undo()
    assert store.get_annotation(changed.id).status == "changed"
