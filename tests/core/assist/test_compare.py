"""Candidate contradictions across articles, on passages written for these tests and the seeds."""

from __future__ import annotations

from hypothesis import example, given, settings

from tests.core.assist.suggestion_text import ARTICLE_TEXT, on_word_boundary
from tui.core.articles import load_article
from tui.core.assist.compare import Contradiction, compare
from tui.core.text import canonicalise
from tui.seeds import seed_paths


def pairs(first: str, second: str, *more: str) -> list[Contradiction]:
    texts = [first, second, *more]
    return compare([(f"article-{index}", text) for index, text in enumerate(texts)])


def reasons(first: str, second: str) -> list[str]:
    return [reason for item in pairs(first, second) for reason in item.reasons]


def words_at(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[start:end] for start, end in spans]


# -- numbers and quantities ----------------------------------------------------------------


def test_different_counts_of_the_same_thing_are_flagged_with_both_numbers() -> None:
    first = "Officials said at least 12 people were injured in the blast near the station."
    second = "Officials said at least 15 people were injured in the blast near the station."
    [found] = pairs(first, second)
    assert found.reasons == ("number: 12 people vs 15 people",)
    assert words_at(first, found.a_words) == ["12 people"]
    assert words_at(second, found.b_words) == ["15 people"]


def test_a_spelled_number_equals_its_digits() -> None:
    first = "Officials said at least twelve people were injured in the blast near the station."
    second = "Officials said at least 12 people were injured in the blast near the station."
    assert pairs(first, second) == []


def test_spelled_and_digit_numbers_that_differ_are_flagged() -> None:
    first = "Rescuers pulled twenty-five survivors from the collapsed hotel on the coast."
    second = "Rescuers pulled 52 survivors from the collapsed hotel on the coast."
    assert reasons(first, second) == ["number: twenty-five survivors vs 52 survivors"]


def test_units_must_agree_before_numbers_are_compared() -> None:
    first = "The convoy of aid trucks travelled 40 kilometres to reach the border town."
    second = "The convoy of 40 aid trucks travelled 65 kilometres to reach the border town."
    assert reasons(first, second) == ["number: 40 kilometres vs 65 kilometres"]


def test_money_and_percentages() -> None:
    money = reasons(
        "The government approved a $4.2 billion package for the flooded provinces.",
        "The government approved a $2.4 billion package for the flooded provinces.",
    )
    assert money == ["money: $4.2 billion vs $2.4 billion"]
    percent = reasons(
        "Turnout in the northern provinces reached 61 percent according to officials.",
        "Turnout in the northern provinces reached 48% according to officials.",
    )
    assert percent == ["percent: 61 percent vs 48%"]


# -- dates, weekdays, durations ----------------------------------------------------------------


def test_dates_that_differ_are_flagged_and_compatible_ones_are_not() -> None:
    flagged = reasons(
        "The ceasefire agreement was signed in Geneva on 3 May 2021 by both delegations.",
        "The ceasefire agreement was signed in Geneva on 5 May 2021 by both delegations.",
    )
    assert flagged == ["date: 3 May 2021 vs 5 May 2021"]
    same_month = pairs(
        "The ceasefire agreement was signed in Geneva in May 2021 by both delegations.",
        "The ceasefire agreement was signed in Geneva on 3 May 2021 by both delegations.",
    )
    assert same_month == []


def test_weekdays_that_differ_are_flagged() -> None:
    assert reasons(
        "The two foreign ministers met in Vienna on Tuesday to discuss the grain corridor.",
        "The two foreign ministers met in Vienna on Wednesday to discuss the grain corridor.",
    ) == ["weekday: Tuesday vs Wednesday"]


def test_a_precise_duration_and_a_vague_one_that_cannot_both_hold() -> None:
    first = "Negotiators from both camps met for the first time in eight months on the island."
    second = "Negotiators from both camps met for the first time in years on the island."
    [found] = pairs(first, second)
    assert found.reasons == ("duration: eight months vs years",)
    assert words_at(first, found.a_words) == ["eight months"]
    assert words_at(second, found.b_words) == ["years"]


def test_durations_written_differently_but_equal_are_not_flagged() -> None:
    assert (
        pairs(
            "The miners were trapped underground for two weeks before the rescue team arrived.",
            "The miners were trapped underground for 14 days before the rescue team arrived.",
        )
        == []
    )
    assert (
        pairs(
            "The miners were trapped underground for months before the rescue team arrived.",
            "The miners were trapped underground for five months before the rescue team arrived.",
        )
        == []
    )


# -- names, titles, attendees ----------------------------------------------------------------


def test_a_shortened_first_name_is_flagged_as_a_name_difference() -> None:
    first = "The talks were chaired by the mediator Alex Brandt in the old town hall."
    second = "The talks were chaired by the mediator Alexander Brandt in the old town hall."
    [found] = pairs(first, second)
    assert found.reasons == ("name: Alex Brandt vs Alexander Brandt",)
    assert words_at(first, found.a_words) == ["Alex Brandt"]
    assert words_at(second, found.b_words) == ["Alexander Brandt"]


def test_a_surname_alone_does_not_contradict_the_full_name() -> None:
    assert (
        pairs(
            "The talks were chaired by the mediator Alexander Brandt in the old town hall.",
            "The talks were chaired by the mediator Brandt in the old town hall.",
        )
        == []
    )


def test_different_titles_for_one_person() -> None:
    assert reasons(
        "The delegation was led by Defence Minister Ruth Okafor during the two-day visit.",
        "The delegation was led by Finance Minister Ruth Okafor during the two-day visit.",
    ) == ["title: defence minister Ruth Okafor vs finance minister Ruth Okafor"]


def test_different_attendee_lists_name_who_is_missing_on_each_side() -> None:
    first = (
        "The summit was attended by Chancellor Olaf Weber, President Ines Moreau "
        "and Minister Karl Lind."
    )
    second = (
        "The summit was attended by Chancellor Olaf Weber, President Ines Moreau "
        "and Minister Pia Sand."
    )
    [found] = pairs(first, second)
    assert found.reasons == ("people: Karl Lind only in a; Pia Sand only in b",)
    assert words_at(first, found.a_words) == ["Karl Lind"]
    assert words_at(second, found.b_words) == ["Pia Sand"]


# -- negation, antonyms, speakers, schedules ----------------------------------------------------


def test_a_negated_verb_against_the_plain_one() -> None:
    first = "The dock workers union agreed to the new contract after a long night of talks."
    second = "The dock workers union did not agree to the new contract after a long night of talks."
    [found] = pairs(first, second)
    assert found.reasons == ("negation: agreed vs not agree",)
    assert words_at(second, found.b_words) == ["not agree"]


def test_antonyms_are_flagged() -> None:
    assert reasons(
        "The city council approved the disputed budget for the harbour on Monday night.",
        "The city council rejected the disputed budget for the harbour on Monday night.",
    ) == ["antonym: approved vs rejected"]


def test_the_same_quote_attributed_to_different_speakers() -> None:
    first = "“We will rebuild every single school in this valley,” said Mayor Lena Ortiz."
    second = "“We will rebuild every single school in this valley,” said Governor Paul Kim."
    [found] = pairs(first, second)
    assert found.reasons[0].startswith("speaker: Lena Ortiz vs Paul Kim")
    assert words_at(first, found.a_words) == ["Lena Ortiz"]
    assert words_at(second, found.b_words) == ["Paul Kim"]


def test_a_quote_resolves_a_pronoun_speaker_to_the_last_person_named() -> None:
    first = (
        "Mayor Lena Ortiz toured the flooded district. "
        "“We will rebuild every single school in this valley,” she said."
    )
    second = "“We will rebuild every single school in this valley,” said Governor Paul Kim."
    assert any(
        reason.startswith("speaker: Lena Ortiz vs Paul Kim") for reason in reasons(first, second)
    )


def test_a_fixed_date_against_a_decision_left_open() -> None:
    first = "The two delegations agreed to meet again next Tuesday in the same hotel."
    second = (
        "The two delegations agreed to decide on another meeting in the same hotel "
        "after consulting their governments."
    )
    [found] = pairs(first, second)
    assert found.reasons == ("timing: next Tuesday vs decide … consulting",)


def test_sentences_that_agree_give_no_candidate() -> None:
    text = "The bridge reopened on Sunday after 40 days of repairs, the mayor Ana Silva said."
    assert pairs(text, text) == []


# -- ranking and the result's shape -------------------------------------------------------------


def test_the_closest_disagreeing_pair_ranks_first_and_top_limits_the_list() -> None:
    first = (
        "The storm destroyed 300 homes in the fishing villages on Friday. "
        "Officials counted 12 dead after the river burst its banks. "
        "The prime minister will visit the region next week."
    )
    second = (
        "Relief workers arrived in the region over the weekend. "
        "Officials counted 19 dead after the river burst its banks. "
        "The storm destroyed 300 homes in the fishing villages on Friday."
    )
    found = pairs(first, second)
    assert found[0].reasons == ("number: 12 dead vs 19 dead",)
    assert [item.score for item in found] == sorted((item.score for item in found), reverse=True)
    assert pairs(first, second)[:1] == compare([("article-0", first), ("article-1", second)], top=1)


def test_side_a_comes_from_the_article_given_first() -> None:
    first = "Officials said at least 12 people were injured in the blast near the station."
    second = "Officials said at least 15 people were injured in the blast near the station."
    [found] = compare([("zeta", first), ("alpha", second)])
    assert (found.a.article_id, found.b.article_id) == ("zeta", "alpha")
    assert found.a.text == first and found.b.text == second


def test_three_articles_are_compared_pairwise() -> None:
    found = pairs(
        "Officials said at least 12 people were injured in the blast near the station.",
        "Officials said at least 15 people were injured in the blast near the station.",
        "Officials said at least 12 people were injured in the blast near the station.",
    )
    assert sorted((item.a.article_id, item.b.article_id) for item in found) == [
        ("article-0", "article-1"),
        ("article-1", "article-2"),
    ]


def test_headings_and_navigation_are_not_compared() -> None:
    assert pairs("Storm Kills 12 In Northern Villages", "Storm Kills 19 In Northern Villages") == []


# -- the seeds -------------------------------------------------------------------------------


def test_the_three_real_disagreements_of_the_seeds_rank_in_the_top_ten() -> None:
    articles = [load_article(path) for path in seed_paths()]
    found = compare([(article.id, article.text) for article in articles], top=10)

    def rank(matches: object) -> int | None:
        return next((index for index, item in enumerate(found, 1) if matches(item)), None)  # type: ignore[operator]

    last_talks = rank(lambda c: any("eight months" in r and "years" in r for r in c.reasons))
    next_round = rank(
        lambda c: (
            "after consulting with their capitals" in c.a.text
            and "reconvene next Saturday" in c.b.text
        )
    )
    envoy = rank(lambda c: "name: Steve Witkoff vs Steven Witkoff" in c.reasons)
    assert last_talks is not None and next_round is not None and envoy is not None
    for item in found:  # every side quotes its article exactly
        by_id = {article.id: article.text for article in articles}
        assert by_id[item.a.article_id][item.a.start : item.a.end] == item.a.text
        assert by_id[item.b.article_id][item.b.start : item.b.end] == item.b.text


# -- offsets ---------------------------------------------------------------------------------

TEMPLATE = "Officials said at least {} people were injured in the blast near the station on {}."


@settings(deadline=None, max_examples=150)
@given(ARTICLE_TEXT, ARTICLE_TEXT)
@example("Méxiсо\u0301 said 12 people. 👨\u200d👩\u200d👧 said 13 people.", "עברית said 14 people.")
def test_every_side_and_word_quotes_its_article_on_word_boundaries(raw_a: str, raw_b: str) -> None:
    text_a = canonicalise(raw_a + "\n" + TEMPLATE.format(12, "Friday") + " " + raw_b)
    text_b = canonicalise(raw_b + " " + TEMPLATE.format("fifteen", "Monday") + "\n" + raw_a)
    texts = {"a": text_a, "b": text_b}
    found = compare(list(texts.items()))
    for item in found:
        for side, spans in ((item.a, item.a_words), (item.b, item.b_words)):
            text = texts[side.article_id]
            assert text[side.start : side.end] == side.text
            assert side.text.strip() == side.text and side.text
            for start, end in ((side.start, side.end), *spans):
                assert 0 <= start < end <= len(text)
                assert on_word_boundary(text, start) and on_word_boundary(text, end)
    assert any("number: 12 people vs fifteen people" in item.reasons for item in found)
