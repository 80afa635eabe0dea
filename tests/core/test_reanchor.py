"""Re-anchoring annotations when an article's text changes (issue 5).

Property tests edit an article away from its spans and check that every span
comes back on the same quote at the place the edits moved it to; example
tests cover fuzzy placement (a quote slightly edited) and orphans (a quote
removed: kept, exported as orphaned, never placed somewhere else).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from tui.core.articles import load_article
from tui.core.export import export_annotations
from tui.core.models import CONTEXT_CHARS
from tui.core.reanchor import MIN_EVIDENCE, reanchor
from tui.core.store import Store
from tui.core.text import canonicalise, grapheme_starts

# Words (so that quotes repeat, as they do in news), emoji with ZWJ, skin tone
# and flags, combining marks, CJK, Arabic, Persian, Hebrew, zero-width and bidi
# controls, terminal controls and line breaks of every kind.
PIECES = (
    "the ", "minister ", "said ", "bridge ", "would ", "reopen ", "in ", "May", ". ", ", ",
    "a", "b", " ", "\n", "\n\n",
    "👩\u200d👩\u200d👧", "👍🏽", "🇫🇷", "🏳️\u200d🌈",
    "e\u0301", "a\u0308\u0323", "\u0915\u094d\u0937", "o\u0302\u0301",
    "北京", "东京的", "新闻", "記者", "وزير ", "الخارجية ", "گفت ", "وزیر ", "שלום ",
    "\u200b", "\u200d", "\ufeff", "\u202e", "\u2067", "\u2069",
    "\x1b[2J", "\x1b]0;title\x07", "\x9b", "\x85", "\x00", "\x07", "\x7f", "\t", "\r\n", "\r",
)

pieces_text = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
# long enough that edits fit between spans kept CONTEXT_CHARS away from them
article_text = st.lists(st.sampled_from(PIECES), min_size=30, max_size=200).map("".join)


@dataclass(frozen=True)
class Edited:
    text: str
    spans: tuple[tuple[int, int], ...]  # where each original span is after the edits


def _free(length: int, spans: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Closed intervals of positions no edit may cross: each span widened by ``gap``."""
    zones = sorted((start - gap, end + gap) for start, end in spans)
    free: list[tuple[int, int]] = []
    cursor = 0
    for low, high in zones:
        if low >= cursor:
            free.append((cursor, min(low, length)))
        cursor = max(cursor, high)
    if cursor <= length:
        free.append((cursor, length))
    return [(low, high) for low, high in free if 0 <= low <= high <= length]


@st.composite
def edits_away(
    draw: st.DrawFn,
    text: str,
    spans: tuple[tuple[int, int], ...],
    gap: int,
    pieces: st.SearchStrategy[str],
) -> Edited:
    """Insertions, deletions and replacements that stay ``gap`` characters away from every span."""
    current = list(spans)
    for _ in range(draw(st.integers(1, 6))):
        free = _free(len(text), current, gap)
        if not free:
            break
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        low, high = draw(st.sampled_from(free))
        if kind == "insert" or high == low:
            a = b = draw(st.integers(low, high))
        else:
            a = draw(st.integers(low, high - 1))
            b = draw(st.integers(a + 1, high))
        inserted = "" if kind == "delete" else draw(pieces)
        text = text[:a] + inserted + text[b:]
        shift = len(inserted) - (b - a)
        current = [(s + shift, e + shift) if s >= b else (s, e) for s, e in current]
    return Edited(text, tuple(current))


def _occurrences(text: str, quote: str) -> int:
    """How many times ``quote`` occurs in ``text``, overlapping ones included."""
    count, index = 0, text.find(quote)
    while index != -1:
        count, index = count + 1, text.find(quote, index + 1)
    return count


def _context(text: str, start: int, end: int) -> tuple[str, str, str]:
    before = text[max(0, start - CONTEXT_CHARS) : start]
    return before, text[start:end], text[end : end + CONTEXT_CHARS]


def _same_context(text: str, start: int, prefix: str, quote: str, suffix: str) -> bool:
    """True when ``start`` shows the quote with exactly the stored context: indistinguishable."""
    shown = text[max(0, start - len(prefix)) : start + len(quote) + len(suffix)]
    return shown == prefix + quote + suffix


@st.composite
def article_with_spans(
    draw: st.DrawFn, pieces: st.SearchStrategy[str]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    text = draw(pieces.filter(lambda t: len(t) >= 2))
    count = draw(st.integers(1, 3))
    spans = []
    for _ in range(count):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, min(len(text), start + 40)))
        spans.append((start, end))
    return text, tuple(spans)


# -- the pure function ----------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_edits_away_from_a_span_leave_it_on_the_same_quote(data: st.DataObject) -> None:
    text, spans = data.draw(article_with_spans(article_text))
    edited = data.draw(edits_away(text, spans, CONTEXT_CHARS, pieces_text))
    for (start, end), (new_start, new_end) in zip(spans, edited.spans, strict=True):
        prefix, quote, suffix = _context(text, start, end)
        place = reanchor(edited.text, quote, prefix, suffix, start)
        assert place is not None, (quote, edited.text)
        assert edited.text[place[0] : place[1]] == quote
        assert place == (new_start, new_end) or _same_context(
            edited.text, place[0], prefix, quote, suffix
        )


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_edits_touching_the_context_never_misplace_a_unique_quote(data: st.DataObject) -> None:
    """Edits may rewrite the context up to the quote's edge; the quote itself is intact."""
    text, spans = data.draw(article_with_spans(article_text))
    edited = data.draw(edits_away(text, spans, 0, pieces_text))
    for (start, end), (new_start, new_end) in zip(spans, edited.spans, strict=True):
        prefix, quote, suffix = _context(text, start, end)
        place = reanchor(edited.text, quote, prefix, suffix, start)
        if _occurrences(edited.text, quote) == 1:
            assert place in (None, (new_start, new_end))
            if len(quote) >= MIN_EVIDENCE:
                assert place == (new_start, new_end)
        if place is not None:
            assert edited.text[place[0] : place[1]] == quote or place == (new_start, new_end)


def _boundaries(text: str) -> list[int]:
    """Grapheme starts of ``text`` that a selection could start or end at."""
    return [i for i in grapheme_starts(text) if i == len(text) or not text[i].isspace()]


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_slightly_edited_quote_is_placed_on_its_new_text(data: st.DataObject) -> None:
    """A few characters changed inside a quote of 30+: placed on the edited text, context intact."""
    text = data.draw(article_text)
    starts = [i for i in _boundaries(text) if i < len(text) and not text[i].isspace()]
    assume(starts)
    start = data.draw(st.sampled_from(starts))
    ends = [i for i in _boundaries(text) if i >= start + 30 and not text[i - 1].isspace()]
    assume(ends)
    end = data.draw(st.sampled_from(ends[:20]))
    a = data.draw(st.integers(start + 6, end - 10))
    b = data.draw(st.integers(a, a + 4))
    inserted = data.draw(st.text(alphabet="xyzXYZ019-", max_size=4))
    assume(inserted != text[a:b])
    new = text[:a] + inserted + text[b:]
    prefix, quote, suffix = _context(text, start, end)
    assume(quote not in new)
    place = reanchor(new, quote, prefix, suffix, start)
    assert place == (start, end + len(inserted) - (b - a))


@settings(max_examples=200, deadline=None)
@given(text=pieces_text, data=st.data())
def test_a_removed_quote_is_never_placed_on_text_unlike_it(text: str, data: st.DataObject) -> None:
    quote = data.draw(
        st.text(alphabet="QXZJKWVqxzjkwv0123456789", min_size=4, max_size=40)
    )
    at = data.draw(st.integers(0, len(text)))
    old = text[:at] + quote + text[at:]
    prefix, _, suffix = _context(old, at, at + len(quote))
    assert reanchor(text, quote, prefix, suffix, at) is None


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_place_is_always_a_range_of_the_text_on_grapheme_boundaries(
    data: st.DataObject,
) -> None:
    """Edits anywhere, the quote's own included: a place is a non-empty range of the new
    text, and a fuzzy one (not the quote itself) never cuts an emoji or a letter from its
    accents."""
    old, spans = data.draw(article_with_spans(article_text))
    start, end = spans[0]
    prefix, quote, suffix = _context(old, start, end)
    text = old
    for _ in range(data.draw(st.integers(1, 3))):
        a = data.draw(st.integers(max(0, start - 10), min(len(text), end + 10)))
        b = data.draw(st.integers(a, min(len(text), a + 6)))
        text = text[:a] + data.draw(pieces_text) + text[b:]
    place = reanchor(text, quote, prefix, suffix, start)
    if place is not None:
        assert 0 <= place[0] < place[1] <= len(text)
        if text[place[0] : place[1]] != quote:
            event("fuzzy place")
            starts = grapheme_starts(text)
            assert place[0] in starts and place[1] in starts


# -- examples -------------------------------------------------------------------

STORY = (
    "Officials met on Monday in the capital. The minister said the bridge would reopen in May, "
    "despite the engineers' report. Critics said the cost had doubled since 2019, and the "
    "opposition asked for an inquiry. The minister said nothing else.\n\n"
    "In a statement, the ministry added that traffic would be diverted until then."
)
QUOTE = "the bridge would reopen in May"


def _anchor(text: str, quote: str, occurrence: int = 0) -> tuple[str, str, str, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    prefix, _, suffix = _context(text, start, start + len(quote))
    return prefix, quote, suffix, start


def _place(new: str, anchor: tuple[str, str, str, int]) -> str | None:
    prefix, quote, suffix, start = anchor
    place = reanchor(new, quote, prefix, suffix, start)
    return None if place is None else new[place[0] : place[1]]


def test_unchanged_text_keeps_the_place() -> None:
    prefix, quote, suffix, start = _anchor(STORY, QUOTE)
    assert reanchor(STORY, quote, prefix, suffix, start) == (start, start + len(quote))


def test_text_inserted_before_moves_the_span() -> None:
    anchor = _anchor(STORY, QUOTE)
    new = "UPDATED 14:02. " * 40 + STORY
    prefix, quote, suffix, start = anchor
    assert reanchor(new, quote, prefix, suffix, start) == (start + 600, start + 600 + len(quote))


def test_the_context_chooses_between_copies_of_the_quote() -> None:
    anchor = _anchor(STORY, "The minister said", occurrence=1)
    # the first sentence moves to the end: the nearer copy is now the wrong one
    first, rest = STORY.split(". ", 1)
    new = rest + " " + first + "."
    prefix, quote, suffix, _ = anchor
    place = reanchor(new, quote, prefix, suffix, anchor[3])
    assert place is not None
    assert new[place[1] : place[1] + len(" nothing else")] == " nothing else"


def test_an_edited_word_is_placed_fuzzily_on_the_new_words() -> None:
    new = STORY.replace("reopen in May", "reopen in June")
    assert _place(new, _anchor(STORY, QUOTE)) == "the bridge would reopen in June"


def test_a_quote_that_grew_a_little_is_placed_whole() -> None:
    new = STORY.replace("would reopen", "would probably reopen")
    assert _place(new, _anchor(STORY, QUOTE)) == "the bridge would probably reopen in May"


def test_a_long_quote_with_an_inserted_clause_is_placed_whole() -> None:
    quote = "Critics said the cost had doubled since 2019, and the opposition asked for an inquiry."
    new = STORY.replace("since 2019,", "since 2019 (to 4.1 billion),")
    assert _place(new, _anchor(STORY, quote)) == (
        "Critics said the cost had doubled since 2019 (to 4.1 billion), and the opposition asked"
        " for an inquiry."
    )


def test_a_quote_that_lost_words_is_placed_on_what_is_left() -> None:
    quote = "Critics said the cost had doubled since 2019, and the opposition asked for an inquiry."
    new = STORY.replace(" since 2019", "")
    assert _place(new, _anchor(STORY, quote)) == (
        "Critics said the cost had doubled, and the opposition asked for an inquiry."
    )


def test_a_removed_quote_is_orphaned() -> None:
    sentence = "The minister said the bridge would reopen in May, despite the engineers' report. "
    new = STORY.replace(sentence, "")
    assert _place(new, _anchor(STORY, QUOTE)) is None


def test_a_rewritten_sentence_is_orphaned_not_placed_on_a_lookalike() -> None:
    new = STORY.replace(
        "The minister said the bridge would reopen in May, despite the engineers' report.",
        "The mayor said the tunnel should reopen in March, whatever the report said.",
    )
    assert _place(new, _anchor(STORY, QUOTE)) is None


def test_a_short_quote_found_elsewhere_with_other_context_is_orphaned() -> None:
    anchor = _anchor(STORY, "Critics")
    new = STORY.replace("Critics said the cost had doubled since 2019, and", "And") + (
        "\n\nCritics of the plan were not available."
    )
    assert _place(new, anchor) is None


def test_a_short_quote_is_found_by_its_context() -> None:
    anchor = _anchor(STORY, "Critics")
    new = "Late update: the vote is on Friday.\n\n" + STORY
    assert _place(new, anchor) == "Critics"


def test_the_quote_moved_to_another_paragraph_keeps_its_context() -> None:
    sentence = (
        "Critics said the cost had doubled since 2019, and the opposition asked for an inquiry. "
    )
    anchor = _anchor(STORY, "the cost had doubled")
    new = STORY.replace(sentence, "") + "\n\n" + sentence
    assert _place(new, anchor) == "the cost had doubled"


@pytest.mark.parametrize(
    ("old_word", "new_word"),
    [
        ("👩\u200d👩\u200d👧", "👩\u200d👩\u200d👧\u200d👦"),  # a ZWJ family grows
        ("cafe\u0301", "cafe\u0301s"),  # combining acute
        ("北京市", "北京市的"),
        ("وزير الخارجية", "وزيرة الخارجية"),
    ],
)
def test_fuzzy_places_end_on_grapheme_boundaries(old_word: str, new_word: str) -> None:
    old = f"Reporters gathered early. The headline read {old_word} again today, said the editor."
    quote = f"read {old_word} again today"
    new = old.replace(old_word, new_word)
    placed = _place(new, _anchor(old, quote))
    assert placed == f"read {new_word} again today"


def test_a_frequent_quote_in_a_huge_text_is_found_near_its_old_place() -> None:
    filler = "the minister said the bridge would reopen. " * 30_000  # about 1.3 MB
    old = filler + "Only here: the bridge would reopen in May. " + filler
    start = old.index("Only here: ") + len("Only here: ")
    prefix, quote, suffix = _context(old, start, start + len("the bridge"))
    # a new lead and a changed word before the quote: its whole context is gone, and
    # tens of thousands of copies of the quote come before it
    new = "Breaking. " + old.replace("Only here: ", "Right here: ")
    start += 1
    assert reanchor(new, quote, prefix, suffix, start) == (start + 10, start + 10 + len(quote))


def test_a_place_never_starts_or_ends_with_whitespace_after_fuzzy_matching() -> None:
    quote = "doubled since 2019"
    new = STORY.replace("doubled since 2019", "doubled  since\n2019")
    placed = _place(new, _anchor(STORY, quote))
    assert placed == "doubled  since\n2019"


# -- through the store ------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


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
    """The issue's property, end to end: file -> store -> edited file -> store."""
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
        assert result.orphaned == 0
        moved = 0
        for annotation_id, (start, end), (new_start, new_end) in zip(
            ids, spans, edited.spans, strict=True
        ):
            annotation = store.get_annotation(annotation_id)
            prefix, quote, suffix = _context(text, start, end)
            assert not annotation.orphaned
            assert annotation.text == quote == article.text[annotation.start : annotation.end]
            assert (annotation.start, annotation.end) == (new_start, new_end) or _same_context(
                article.text, annotation.start, prefix, quote, suffix
            )
            moved += annotation.start != start
        if edited.text != text:
            assert result.status == "updated"
            assert result.moved == moved


def _rows(store: Store) -> list[dict[str, str]]:
    out = io.StringIO()
    export_annotations(store, out, raw=True)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_store_places_an_edited_quote_and_updates_its_text(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    _write(path, STORY)
    with Store(tmp_path / "db.sqlite") as store:
        article_id = store.import_article(load_article(path)).article_id
        start = STORY.index(QUOTE)
        annotation = store.add_annotation(article_id, start, start + len(QUOTE), "claim", note="n")
        _write(path, "Correction appended.\n\n" + STORY.replace("in May", "in June"))
        result = store.import_article(load_article(path))
        assert (result.status, result.moved, result.orphaned) == ("updated", 1, 0)
        after = store.get_annotation(annotation.id)
        text = store.get_article(article_id).text
        assert after.text == "the bridge would reopen in June" == text[after.start : after.end]
        assert not after.orphaned and after.note == "n"
        assert after.prefix == text[after.start - CONTEXT_CHARS : after.start]
        assert after.suffix == text[after.end : after.end + CONTEXT_CHARS]
        [row] = _rows(store)
        assert (row["text"], row["status"]) == ("the bridge would reopen in June", "anchored")


def test_store_keeps_an_orphan_and_exports_it_with_its_quote(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    _write(path, STORY)
    with Store(tmp_path / "db.sqlite") as store:
        article_id = store.import_article(load_article(path)).article_id
        start = STORY.index(QUOTE)
        gone = store.add_annotation(article_id, start, start + len(QUOTE), "claim")
        kept_start = STORY.index("the ministry added")
        kept = store.add_annotation(article_id, kept_start, kept_start + 18, "quote")
        _write(path, STORY.replace("The minister said the bridge would reopen in May, ", "Yet, "))
        result = store.import_article(load_article(path))
        assert (result.status, result.moved, result.orphaned) == ("updated", 1, 1)
        orphan = store.get_annotation(gone.id)
        assert orphan.orphaned and orphan.text == QUOTE  # kept with its quote, not moved
        text = store.get_article(article_id).text
        assert QUOTE not in text
        moved = store.get_annotation(kept.id)
        assert moved.text == "the ministry added" == text[moved.start : moved.end]
        rows = {row["id"]: row for row in _rows(store)}
        assert rows[gone.id]["status"] == "orphaned" and rows[gone.id]["text"] == QUOTE
        assert rows[kept.id]["status"] == "anchored"
        # importing the same file again changes nothing and orphans nothing more
        again = store.import_article(load_article(path))
        assert (again.status, again.orphaned) == ("unchanged", 0)
        assert store.get_annotation(gone.id).orphaned
