"""Articles that change, through the store, the CLI and the exports (issue 9).

A file is imported, annotated, edited and imported again: each annotation's
row says what became of it (status, original_text, offsets, revision), the
import summary lists each changed and orphaned one, any earlier text can come
back, and ``newsmark history`` shows what each version changed.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.core.test_reanchor import (
    _context,
    _same_context,
    article_text,
    article_with_spans,
    edits_away,
    pieces_text,
)
from tui.cli import cli
from tui.core.articles import load_article, parse_article
from tui.core.errors import StaleError
from tui.core.export import COLUMNS, export_annotations
from tui.core.models import CONTEXT_CHARS, Annotation
from tui.core.schema import MIGRATIONS
from tui.core.session import articles_to_open, describe, flagged_lines
from tui.core.store import REIMPORT, Store
from tui.core.text import canonicalise, is_safe
from tui.core.versions import word_diff

ORIGINAL = (
    "Iran and US resume talks\n\n"
    "The talks had stalled for eight months, the envoy told reporters in Geneva. "
    "Friday’s talks were hosted by Muscat, which has mediated before.\n\n"
    "On Tuesday, 15 people were killed and 42 wounded in the port city, the health "
    "ministry said. Rescue teams were still searching the rubble late at night.\n\n"
    "On Wednesday, 9 people were killed and 12 wounded in the capital, the ministry said.\n\n"
    "Diplomats in Muscat declined to comment on the next round."
)
LAST_SENTENCE = "Diplomats in Muscat declined to comment on the next round."
EDITED = (
    ORIGINAL.replace("eight months", "nine months")
    .replace("Friday’s talks were hosted by Muscat", "Saturday’s talks were hosted")
    .replace("15 people were killed and 42 wounded", "11 people were killed and 24 wounded")
    .replace(LAST_SENTENCE, "")
)
QUOTES = {
    "months": "eight months",
    "host": "Friday’s talks were hosted by Muscat",
    "tally": "15 people were killed and 42 wounded",
    "name": "Muscat",  # its second mention, whose sentence goes
    "rescue": "Rescue teams were still searching",
    "headline": "Iran and US resume talks",
}


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


def _annotate(store: Store, article_id: str, text: str) -> dict[str, Annotation]:
    notes: dict[str, Annotation] = {}
    for key, quote in QUOTES.items():
        start = text.rindex(quote) if key == "name" else text.index(quote)
        notes[key] = store.add_annotation(article_id, start, start + len(quote), "claim")
    return notes


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.txt"
    _write(path, ORIGINAL)
    return path


def _rows(store: Store) -> dict[str, dict[str, str]]:
    out = io.StringIO()
    export_annotations(store, out, raw=True)
    return {row["id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}


def test_each_annotation_gets_its_truthful_outcome(story: Path, store: Store) -> None:
    article_id = store.import_article(load_article(story)).article_id
    notes = _annotate(store, article_id, ORIGINAL)
    _write(story, EDITED)
    result = store.import_article(load_article(story))
    assert (result.status, result.article_id, result.earlier_version) == (
        "updated",
        article_id,
        False,
    )
    assert (result.unchanged, result.moved, result.changed, result.orphaned) == (1, 1, 3, 1)
    text = store.get_article(article_id).text
    expected = {
        "months": ("changed", "nine months"),
        "host": ("changed", "Saturday’s talks were hosted"),
        "tally": ("changed", "11 people were killed and 24 wounded"),
        "name": ("orphaned", "Muscat"),
        "rescue": ("anchored", "Rescue teams were still searching"),
        "headline": ("anchored", "Iran and US resume talks"),
    }
    for key, (status, quote) in expected.items():
        after = store.get_annotation(notes[key].id)
        assert (after.status, after.text) == (status, quote), key
        if status != "orphaned":
            assert text[after.start : after.end] == after.text
            assert after.prefix == text[max(0, after.start - CONTEXT_CHARS) : after.start]
            assert after.suffix == text[after.end : after.end + CONTEXT_CHARS]
        # the quote the analyst tagged is kept while the words differ
        assert after.original_text == (QUOTES[key] if status == "changed" else "")
        written = after != notes[key]
        assert after.revision == notes[key].revision + written
        assert after.updated_by == (REIMPORT if written else notes[key].updated_by)
    headline = store.get_annotation(notes["headline"].id)
    assert (headline.start, headline.end, headline.revision) == (0, 24, 2)  # new suffix only
    flagged = {item.annotation_id: item for item in result.flagged}
    assert {(item.outcome, item.old_quote, item.new_quote) for item in flagged.values()} == {
        ("changed", "eight months", "nine months"),
        ("changed", "Friday’s talks were hosted by Muscat", "Saturday’s talks were hosted"),
        (
            "changed",
            "15 people were killed and 42 wounded",
            "11 people were killed and 24 wounded",
        ),
        ("orphaned", "Muscat", ""),
    }
    rows = _rows(store)
    assert COLUMNS[COLUMNS.index("status") + 1] == "original_text"
    assert (rows[notes["tally"].id]["status"], rows[notes["tally"].id]["original_text"]) == (
        "changed",
        "15 people were killed and 42 wounded",
    )
    assert rows[notes["name"].id]["status"] == "orphaned"
    assert rows[notes["rescue"].id]["original_text"] == ""


def test_an_annotation_the_edit_did_not_touch_is_not_written(story: Path, store: Store) -> None:
    article_id = store.import_article(load_article(story)).article_id
    notes = _annotate(store, article_id, ORIGINAL)
    _write(story, ORIGINAL.replace(LAST_SENTENCE, ""))
    result = store.import_article(load_article(story))
    assert (result.unchanged, result.orphaned) == (5, 1)
    for key in ("months", "host", "tally", "rescue", "headline"):
        assert store.get_annotation(notes[key].id) == notes[key]  # same revision: no write


def test_a_write_based_on_the_old_place_is_refused(story: Path, store: Store) -> None:
    article_id = store.import_article(load_article(story)).article_id
    seen = _annotate(store, article_id, ORIGINAL)["months"]
    _write(story, EDITED)
    store.import_article(load_article(story))
    with pytest.raises(StaleError, match="re-import"):
        store.update_annotation(seen, note="seen before the edit")
    # re-selecting the passage (the review step) makes it anchored again
    current = store.get_annotation(seen.id)
    text = store.get_article(article_id).text
    start = text.index("nine months")
    reviewed = store.update_annotation(current, start=start, end=start + len("nine months"))
    assert (reviewed.status, reviewed.original_text) == ("anchored", "")


def test_an_earlier_text_comes_back_from_another_path(story: Path, store: Store) -> None:
    """Import, edit, re-import, then the original again from a copy: no UNIQUE failure,
    the original is the current text again and the changed annotations read as tagged."""
    first = store.import_article(load_article(story))
    notes = _annotate(store, first.article_id, ORIGINAL)
    _write(story, EDITED)
    store.import_article(load_article(story))
    copy = story.with_name("copy-of-original.txt")
    _write(copy, ORIGINAL)
    back = store.import_article(load_article(copy))
    assert (back.status, back.article_id, back.earlier_version) == (
        "updated",
        first.article_id,
        True,
    )
    assert store.get_article(first.article_id).text == ORIGINAL
    assert [summary.id for summary in store.articles()] == [first.article_id]
    assert {(item.outcome, item.new_quote, item.as_tagged) for item in back.flagged} >= {
        ("changed", "eight months", True),
        ("changed", "15 people were killed and 42 wounded", True),
    }
    months = next(line for line in flagged_lines(back) if "“eight months”" in line)
    assert months.endswith("“nine months” -> “eight months” (as tagged again: anchored)")
    for key, note in notes.items():
        after = store.get_annotation(note.id)
        assert (after.text, after.original_text) == (QUOTES[key], ""), key
        assert after.status == "anchored" and ORIGINAL[after.start : after.end] == after.text
        assert (after.start, after.end) == (note.start, note.end)
    # the edited text again, this time from its own path: also an earlier version
    again = store.import_article(load_article(story))
    assert (again.status, again.earlier_version) == ("updated", True)
    assert store.get_annotation(notes["months"].id).status == "changed"
    assert store.import_article(load_article(story)).status == "unchanged"
    history = store.article_history(first.article_id)
    assert [version.text for version in history] == [ORIGINAL, EDITED, ORIGINAL, EDITED]
    assert [version.current_from for version in history] == sorted(
        version.current_from for version in history
    )
    assert [Path(version.path).name for version in history] == [
        "story.txt",
        "story.txt",
        "copy-of-original.txt",
        "story.txt",
    ]


def test_a_changed_annotation_changed_again_keeps_what_was_tagged(
    story: Path, store: Store
) -> None:
    article_id = store.import_article(load_article(story)).article_id
    note = _annotate(store, article_id, ORIGINAL)["months"]
    for wording in ("nine months", "ten months"):
        _write(story, ORIGINAL.replace("eight months", wording))
        store.import_article(load_article(story))
        after = store.get_annotation(note.id)
        assert (after.status, after.text, after.original_text) == (
            "changed",
            wording,
            "eight months",
        )


def test_an_orphan_comes_back_with_its_quote(story: Path, store: Store) -> None:
    article_id = store.import_article(load_article(story)).article_id
    orphan = _annotate(store, article_id, ORIGINAL)["name"]
    _write(story, EDITED)
    store.import_article(load_article(story))
    assert store.get_annotation(orphan.id).status == "orphaned"
    _write(story, "Update at 14:00.\n\n" + ORIGINAL)
    result = store.import_article(load_article(story))
    back = store.get_annotation(orphan.id)
    text = store.get_article(article_id).text
    assert (back.status, text[back.start : back.end]) == ("anchored", "Muscat")
    assert back.start == text.rindex("Muscat")  # its own mention, not the first one
    assert result.orphaned == 0


# -- summaries: the CLI and the reader's start-up messages -------------------------


HOSTILE_QUOTE = "the envoy \x1b]0;owned\x07 told reporters"


def test_the_import_summary_lists_changed_and_orphaned_annotations(
    story: Path, tmp_path: Path
) -> None:
    db = tmp_path / "cli.db"
    runner = CliRunner()
    first = runner.invoke(cli, ["import", str(story), "--db", str(db)])
    assert first.exit_code == 0, first.output
    with Store(db) as store:
        article_id = store.articles()[0].id
        notes = _annotate(store, article_id, ORIGINAL)
    _write(story, EDITED)
    second = runner.invoke(cli, ["import", str(story), "--db", str(db)])
    assert second.exit_code == 0, second.output
    lines = second.output.splitlines()
    assert lines[0].startswith(f"updated   {article_id}  Iran and US resume talks")
    assert lines[0].endswith("1 unchanged, 1 moved, 3 changed, 1 orphaned")
    listed = sorted(lines[1:])
    assert listed == sorted(
        [
            f"  changed  {notes['months'].id[:8]}  “eight months” -> “nine months”",
            f"  changed  {notes['host'].id[:8]}  “Friday’s talks were hosted by Muscat”"
            " -> “Saturday’s talks were hosted”",
            f"  changed  {notes['tally'].id[:8]}  “15 people were killed and 42 wounded”"
            " -> “11 people were killed and 24 wounded”",
            f"  orphaned {notes['name'].id[:8]}  “Muscat” (passage gone; kept with its quote)",
        ]
    )


def test_summaries_are_sanitised(tmp_path: Path) -> None:
    """Quotes hold what the article said: a control in it never reaches the terminal."""
    raw = ORIGINAL.replace("the envoy told reporters", HOSTILE_QUOTE)
    story = tmp_path / "s\x1b[2Jtory.txt"
    _write(story, raw)
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        article = load_article(story)
        store.import_article(article)
        start = article.text.index("the envoy")
        store.add_annotation(article.id, start, article.text.index("reporters") + 9, "quote")
        _write(story, raw.replace("the envoy", "an envoy"))
        ids, messages = articles_to_open(store, [story], [])
        assert ids == [article.id]
    [message] = messages
    assert "the envoy ␛]0;owned␇ told reporters" in message  # visible, harmless
    for line in message.split("\n"):
        assert is_safe(line)
    result = CliRunner().invoke(cli, ["history", article.id, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "the envoy -> an envoy" in result.output or "the -> an" in result.output


def test_describe_lists_at_most_a_screenful(story: Path, store: Store) -> None:
    article_id = store.import_article(load_article(story)).article_id
    text = ORIGINAL
    start = text.index("eight months")
    for _ in range(25):
        store.add_annotation(article_id, start, start + len("eight months"), "claim")
    _write(story, EDITED)
    result = store.import_article(load_article(story))
    message = describe(result, store.get_article(article_id).title)
    assert message is not None
    lines = message.split("\n")
    assert lines[0].startswith("Iran and US resume talks: the text changed; annotations:")
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "… and 5 more in the list (L)"
    assert describe(store.import_article(load_article(story)), "t") is None  # unchanged


# -- history ---------------------------------------------------------------------------


def test_history_lists_versions_and_the_words_they_changed(story: Path, tmp_path: Path) -> None:
    db = tmp_path / "history.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(story), "--db", str(db)]).exit_code == 0
    _write(story, EDITED)
    assert runner.invoke(cli, ["import", str(story), "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        article_id = store.articles()[0].id
    for key in (article_id, article_id[:6], str(story)):
        result = runner.invoke(cli, ["history", key, "--db", str(db)])
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines[0] == f"{article_id}  Iran and US resume talks"
        assert lines[1].startswith("v1  ") and f"{len(ORIGINAL)} chars" in lines[1]
        assert lines[2].startswith("v2  ") and f"{len(EDITED)} chars" in lines[2]
        changes = [line.strip().split(" ", 1)[1] for line in lines[3:]]
        assert changes == [
            "~ eight -> nine",
            "~ Friday’s -> Saturday’s",
            "- by Muscat",
            "~ 15 -> 11",
            "~ 42 -> 24",
            "- Diplomats in Muscat declined to comment on the next round.",
        ], lines
    missing = runner.invoke(cli, ["history", "nope\x1b[2J", "--db", str(db)])
    assert missing.exit_code == 2
    assert "\x1b" not in missing.output and "no article nope␛[2J" in missing.output


def test_word_diff_offsets_point_into_the_new_text() -> None:
    old = "The minister said the bridge would reopen in May."
    new = "The mayor said the bridge would probably reopen in June."
    changes = word_diff(old, new)
    assert [(change.removed, change.added) for change in changes] == [
        ("minister", "mayor"),
        ("", "probably"),
        ("May", "June"),
    ]
    for change in changes:
        assert new[change.offset :].startswith(change.added)
    assert word_diff(new, new) == []
    assert [(c.removed, c.added) for c in word_diff("a  b", "a b")] == []  # whitespace only


def test_a_database_of_schema_two_gets_its_history(tmp_path: Path) -> None:
    """Databases made before the history table: their texts are listed in order."""
    db = tmp_path / "v2.db"
    with closing(sqlite3.connect(db)) as conn:
        for statements in MIGRATIONS[:2]:
            for statement in statements:
                conn.execute(statement)
        conn.execute("PRAGMA user_version = 2")
        conn.execute(
            "INSERT INTO articles (id, title, path, text, sha256, imported_at, updated_at)"
            " VALUES ('a1', 'T', '/x.txt', 'third', 's3', '2024-01-01', '2024-03-01')"
        )
        conn.executemany(
            "INSERT INTO article_versions VALUES ('a1', ?, ?, ?)",
            [("s1", "first", "2024-02-01"), ("s2", "second", "2024-03-01")],
        )
        conn.commit()
    with Store(db) as store:
        history = store.article_history("a1")
    assert [(v.text, v.current_from) for v in history] == [
        ("first", "2024-01-01"),
        ("second", "2024-02-01"),
        ("third", "2024-03-01"),
    ]


# -- end to end, random edits ------------------------------------------------------------


@pytest.fixture(scope="module")
def article_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reanchor")


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_reimporting_an_edited_file_keeps_every_annotation_on_its_quote(
    article_dir: Path, data: st.DataObject
) -> None:
    """File -> store -> file edited away from the spans -> store: nothing changed or lost."""
    raw, spans = data.draw(article_with_spans(article_text))
    text = canonicalise(raw)
    assume(text.strip() and canonicalise(text) == text)
    spans = tuple((min(s, len(text) - 1), min(e, len(text))) for s, e in spans)
    spans = tuple((s, max(e, s + 1)) for s, e in spans)
    edited = data.draw(edits_away(text, spans, CONTEXT_CHARS, pieces_text.map(canonicalise)))
    assume(edited.text.strip() and canonicalise(edited.text) == edited.text)
    path = article_dir / "article.txt"
    _write(path, text)
    with Store(":memory:") as store:
        article_id = store.import_article(load_article(path)).article_id
        ids = [store.add_annotation(article_id, s, e, "claim").id for s, e in spans]
        _write(path, edited.text)
        result = store.import_article(load_article(path))
        article = store.get_article(article_id)
        assert article.text == edited.text
        assert (result.orphaned, result.changed, result.flagged) == (0, 0, ())
        moved = 0
        for annotation_id, (start, end), (new_start, new_end) in zip(
            ids, spans, edited.spans, strict=True
        ):
            annotation = store.get_annotation(annotation_id)
            prefix, quote, suffix = _context(text, start, end)
            assert annotation.status == "anchored"
            assert annotation.text == quote == article.text[annotation.start : annotation.end]
            assert (annotation.start, annotation.end) == (new_start, new_end) or _same_context(
                article.text, annotation.start, prefix, quote, suffix
            )
            moved += annotation.start != start
        if edited.text != text:
            assert result.status == "updated"
            assert (result.moved, result.unchanged) == (moved, len(ids) - moved)


def test_parse_article_of_an_earlier_text_has_the_first_id(store: Store) -> None:
    """An article keeps the id of its first text; an unrelated text with a clashing id
    prefix (a 40-bit coincidence) gets a longer one instead of a UNIQUE failure."""
    first = parse_article("One text.\n", "a.txt")
    store.import_article(first)
    other = parse_article("Another text.\n", "b.txt")
    clash = type(other)(**{**other.__dict__, "id": first.id})
    result = store.import_article(clash)
    assert result.status == "new" and result.article_id == other.sha256[:16]
    assert len(store.articles()) == 2


def test_history_of_an_article_no_import_logged(store: Store) -> None:
    """An article inserted as it was (newsmark's own JSON Lines) still lists its text."""
    store.conn.execute(
        "INSERT INTO articles (id, title, path, text, sha256, imported_at, updated_at)"
        " VALUES ('a1', 'T', '', 'only text', 's1', '2024-01-01', '2024-01-01')"
    )
    [version] = store.article_history("a1")
    assert (version.text, version.current_from) == ("only text", "2024-01-01")


def test_history_names_an_article_by_a_copy_imported_from_another_path(
    story: Path, tmp_path: Path
) -> None:
    """The copy's import said "unchanged" and kept the first path; the copy still names
    the article, as does a file holding one of its earlier texts."""
    db = tmp_path / "history.db"
    runner = CliRunner()
    copy = tmp_path / "elsewhere" / "copy.md"
    copy.parent.mkdir()
    copy.write_bytes(story.read_bytes())
    assert runner.invoke(cli, ["import", str(story), "--db", str(db)]).exit_code == 0
    assert runner.invoke(cli, ["import", str(copy), "--db", str(db)]).exit_code == 0
    _write(story, EDITED)
    assert runner.invoke(cli, ["import", str(story), "--db", str(db)]).exit_code == 0
    with Store(db) as store:
        [article_id] = [summary.id for summary in store.articles()]
    result = runner.invoke(cli, ["history", str(copy), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith(article_id)
    other = tmp_path / "other.md"
    other.write_text("Nothing like it was imported.\n", encoding="utf-8")
    missing = runner.invoke(cli, ["history", str(other), "--db", str(db)])
    assert missing.exit_code == 2 and "no article" in missing.output
