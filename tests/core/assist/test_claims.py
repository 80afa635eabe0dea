"""Suggested claims: checkable sentences found, opinion and filler left out, offsets exact."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings

from tests.core.assist.suggestion_text import ARTICLE_TEXT, on_word_boundary
from tui.core.articles import load_article
from tui.core.assist.claims import ClaimSuggestion, score_sentences, suggest_claims
from tui.core.text import canonicalise
from tui.seeds import seed_paths


def only(text: str) -> ClaimSuggestion:
    [found] = suggest_claims(text)
    assert text[found.start : found.end] == found.text
    return found


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        (
            "The ministry said 1,250 people were evacuated from the coastal town.",
            "number: 1,250 people",
        ),
        (
            "Rescuers pulled twenty-five survivors from the rubble overnight.",
            "number: twenty-five survivors",
        ),
        ("Inflation in the eurozone rose to 7.5% last month.", "percent: 7.5%"),
        ("Unemployment fell to 4 per cent across the region.", "percent: 4 per cent"),
        (
            "The government approved a $4.2 billion rescue package for farmers.",
            "money: $4.2 billion",
        ),
        ("The region has exported 300 tonnes of grain to its neighbours.", "number: 300 tonnes"),
        (
            "The treaty was signed by both governments on 12 March 2021 in Oslo.",
            "date: 12 March 2021",
        ),
        ("The port was closed in June after the explosion damaged two cranes.", "date: June"),
        ("Parliament will hold the final vote on Thursday in the capital.", "weekday: Thursday"),
        (
            "The dock workers' strike lasted eight months and ended with a deal.",
            "duration: eight months",
        ),
        ("The families have waited for years for the bodies to be returned.", "duration: years"),
        ("A 12-day war followed the attack on the northern border posts.", "duration: 12-day"),
    ],
)
def test_numbers_quantities_dates_and_durations_make_a_claim(sentence: str, reason: str) -> None:
    assert reason in only(sentence).reasons


def test_comparatives_and_superlatives_count() -> None:
    found = only(
        "It was the largest protest in the capital since 1989, with more than 40,000 people."
    )
    assert "comparative: the largest" in found.reasons
    assert "comparative: more than" in found.reasons


def test_a_named_person_doing_something_is_a_claim() -> None:
    found = only("Prime Minister Ana Lopes resigned after Eduardo Reis won the party vote.")
    assert "person: Ana Lopes" in found.reasons


def test_an_attributed_statement_is_a_claim() -> None:
    found = only("Police spokesperson Tom Reyes said the coastal road had reopened to traffic.")
    assert "attribution: said" in found.reasons
    assert "person: Tom Reyes" in found.reasons


@pytest.mark.parametrize(
    "sentence",
    [
        "It is a moment to reflect on what could happen next for the whole region.",
        "Many observers believe the mood may soon change for the better.",
        "How many people were really affected by the decision?",
        "What Happens Next",
        "The atmosphere was tense but hopeful as the evening went on.",
        "He added that trust must first be rebuilt before anything else can happen.",
    ],
)
def test_opinion_questions_headings_and_hedged_talk_are_not_claims(sentence: str) -> None:
    assert suggest_claims(sentence) == []


def test_the_definite_two_sides_is_not_a_count() -> None:
    assert suggest_claims("Both sides and the two parties talked about the weather again.") == []


def test_suggestions_come_in_reading_order_with_their_reasons() -> None:
    text = (
        "Storm Hits The Coast\n\n"
        "The storm destroyed 300 homes on Friday. Residents were shocked.\n"
        "It could take a long time to recover. Officials counted 12 dead in two villages."
    )
    found = suggest_claims(text)
    assert [item.text for item in found] == [
        "The storm destroyed 300 homes on Friday.",
        "Officials counted 12 dead in two villages.",
    ]
    assert found[0].reasons[:2] == ("number: 300 homes", "weekday: Friday")
    assert all(item.label == "claim" and 0 < item.score <= 1 for item in found)
    assert [item.start for item in found] == sorted(item.start for item in found)


# -- the seeds: factual sentences rank above the rest ----------------------------------------

FACTUAL = [
    "The previous round of negotiations was halted following Israel’s attack in June",
    "sat down for talks for the first time in eight months",
    "Friday’s talks were hosted by Muscat and attended by",
    "The meeting, hosted by Oman, brought together",
    "The two parties agreed to reconvene next Saturday",
]
NOT_FACTUAL = [
    "He added that this atmosphere of mistrust must first be overcome",
    "It marks a critical juncture where both sides appear willing",
    "With both sides agreeing to meet again soon",
    "What Was Discussed?",
    "The very deep mistrust that has developed during this period",
]


def test_on_the_seeds_factual_sentences_are_suggested_and_score_above_the_rest() -> None:
    scored: dict[str, float] = {}
    suggested: set[str] = set()
    for path in seed_paths():
        text = load_article(path).text
        for item in score_sentences(text):
            scored[item.text] = item.score
        suggested |= {item.text for item in suggest_claims(text)}

    def score(prefix: str) -> float:
        [value] = [value for text, value in scored.items() if prefix in text]
        return value

    assert min(score(prefix) for prefix in FACTUAL) > max(score(p) for p in NOT_FACTUAL)
    assert all(any(prefix in text for text in suggested) for prefix in FACTUAL)
    assert not any(prefix in text for prefix in NOT_FACTUAL for text in suggested)
    total = sum(1 for path in seed_paths() for _ in score_sentences(load_article(path).text))
    assert len(suggested) <= total * 0.6  # a short list, not every sentence


# -- offsets -------------------------------------------------------------------------------


@settings(deadline=None, max_examples=200)
@given(ARTICLE_TEXT)
@example("Ana\u0301 Lopes said 12 people. 中文字 in June 2021 👍🏽.")
@example("q\u0307 12 people were counted on Friday, \u200d the minister said.")
def test_every_suggestion_quotes_the_text_on_word_boundaries(raw: str) -> None:
    text = canonicalise(raw + " The ministry said 40 people were hurt on Friday. " + raw)
    found = suggest_claims(text)
    for item in found:
        assert text[item.start : item.end] == item.text
        assert item.text.strip() == item.text and item.text
        assert on_word_boundary(text, item.start) and on_word_boundary(text, item.end)
    assert any("The ministry said 40 people were hurt on Friday." in item.text for item in found)
