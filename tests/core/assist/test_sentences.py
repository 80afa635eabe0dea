"""Sentences for suggestions: the reader's sentence rule, in linear time, on safe boundaries."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.core.assist.suggestion_text import ARTICLE_TEXT, on_word_boundary
from tui.core.assist.sentences import line_sentences, split_sentences, words
from tui.core.text import canonicalise, sentence_bounds

PIECES = ["Mr. Smith went home.", "U.S. officials said so.", "It was J. Doe's idea!",
          "They met at 5 p.m. on Friday.", "Really? Yes.", "The reporters waited outside.",
          "“We are done,” she said.", "Prices rose… again."]  # fmt: skip


@settings(deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40))
def test_a_long_paragraph_cut_in_pieces_splits_like_the_reader(parts: list[str]) -> None:
    # Every few pieces a sentence that ends safely, as prose does (a word, a full stop).
    line = " ".join(f"{part} The crowd waited outside." for part in parts)
    assert line_sentences(line, chunk=30) == sentence_bounds(line)


def test_a_hostile_paragraph_is_still_cut_into_small_pieces() -> None:
    line = "Mr. " * 3_000 + "Smith arrived."
    found = line_sentences(line, chunk=100)
    assert [line[start:end] for start, end in found][-1].endswith("Smith arrived.")
    assert max(end - start for start, end in found) <= 500
    joined = "".join(line[start:end] for start, end in found)
    assert joined.replace(" ", "") == line.replace(" ", "")  # nothing lost, nothing repeated


@settings(deadline=None, max_examples=200)
@given(ARTICLE_TEXT)
@example(" \u0301 \u0301 The ministry said so.  \u0301 \u0301")
@example("👨\u200d👩\u200d👧. e\u0301. 🇫🇷 q\u0307\n\n«Oui», dit-il.")
@example("The \u200d ")  # a joiner glues the space after it to the space before
def test_sentences_and_words_quote_the_text_on_word_and_grapheme_boundaries(raw: str) -> None:
    text = canonicalise(raw)
    previous_end = 0
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.start >= previous_end
        assert on_word_boundary(text, sentence.start) and on_word_boundary(text, sentence.end)
        for start, end in words(text, sentence.start, sentence.end):
            assert on_word_boundary(text, start) and on_word_boundary(text, end)
        previous_end = sentence.end


def test_a_month_abbreviation_before_a_day_ends_no_sentence() -> None:
    text = "The vote on Nov. 8 decided it. Turnout rose in Sept. It was high."
    assert [item.text for item in split_sentences(text)] == [
        "The vote on Nov. 8 decided it.",
        "Turnout rose in Sept.",
        "It was high.",
    ]
