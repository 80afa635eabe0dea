"""Suggested quotes: constructions added for recall (issue 11), on passages written here.

Made up in the style of wire copy; none comes from the development data.
"""

from __future__ import annotations

from tests.core.assist.test_quotes import _find, _text
from tui.core.assist import suggest_quotes


def test_a_bare_quantifier_is_the_speaker() -> None:
    text = "Asked about the ferry, some believe the new timetable will cost the port its trade."
    s = _find(text, "the new timetable will cost the port its trade")
    assert _text(s.speaker) == "some"
    assert _text(s.cue) == "believe"


def test_all_agreed_is_no_free_relative() -> None:
    text = "To a point, all agreed that the levy would fall hardest on small bakeries."
    s = _find(text, "that the levy would fall hardest on small bakeries")
    assert _text(s.speaker) == "all"


def test_a_floating_quantifier_joins_its_group() -> None:
    text = "The inspectors all suggested that the dam needed new sluice gates."
    s = _find(text, "that the dam needed new sluice gates")
    assert _text(s.speaker) == "The inspectors all"


def test_a_year_between_the_speaker_and_the_cue() -> None:
    text = "A review panel in 2019 found the harbour wall was too low for spring tides."
    s = _find(text, "the harbour wall was too low for spring tides")
    assert _text(s.speaker) == "A review panel"


def test_has_learned_closes_a_sentence() -> None:
    text = "The mill will shut its night shift next month, the Valley Gazette has learned."
    s = _find(text, "The mill will shut its night shift next month")
    assert _text(s.speaker) == "the Valley Gazette"
    assert _text(s.cue) == "learned"


def test_reports_closing_a_sentence_is_a_verb() -> None:
    text = "Ferry fares rose by a third over the summer, the Harbour Courier reports."
    s = _find(text, "Ferry fares rose by a third over the summer")
    assert _text(s.speaker) == "the Harbour Courier"


def test_a_closing_speaker_with_an_of_phrase() -> None:
    text = "Rents in the old town doubled in five years, an audit of council records shows."
    s = _find(text, "Rents in the old town doubled in five years")
    assert _text(s.speaker) == "an audit of council records"


def test_accused_of_without_an_agent_keeps_subject_and_charge() -> None:
    text = "The contractor was accused of billing the city twice for the same road."
    s = _find(text, "The contractor was accused of billing the city twice for the same road")
    assert s.speaker is None
    assert _text(s.cue) == "accused"


def test_seems_to_gives_what_is_thought_of_the_subject() -> None:
    text = "The council seems to favour a tram over new buses, as the minutes show."
    s = _find(text, "The council seems to favour a tram over new buses")
    assert _text(s.cue) == "seems"
    # but not "viewed as": a passive cue with "as" is too often no one's words
    text = "The old quarry is viewed as a danger to the children of the village."
    assert not any("viewed" in r for s in suggest_quotes(text) for r in s.reasons)


def test_but_and_a_modal_go_on_with_the_content_clause() -> None:
    text = "Several growers said they had doubts about the new levy, but could not afford to wait."
    _find(text, "they had doubts about the new levy, but could not afford to wait")


def test_as_clause_opening_the_sentence_gives_the_main_clause() -> None:
    text = "As one harbour pilot pointed out with a sketch, the channel is far too shallow at dusk."
    s = _find(text, "the channel is far too shallow at dusk")
    assert _text(s.speaker) == "one harbour pilot"


def test_as_clause_after_a_conjunction() -> None:
    text = "Yet, as Ms. Holm observed, in a dry summer the reservoir would empty in weeks."
    s = _find(text, "in a dry summer the reservoir would empty in weeks")
    assert _text(s.speaker) == "Ms. Holm"
    assert not any(x.text == "Yet" for x in suggest_quotes(text))


def test_as_clause_closing_the_sentence() -> None:
    text = "The ferry left without its pilot on board, as the coastguard has said."
    s = _find(text, "The ferry left without its pilot on board")
    assert _text(s.speaker) == "the coastguard"


def test_a_straight_quote_closing_after_a_spaced_inner_quote() -> None:
    text = ("\"I never liked the word 'heritage district,' \" she told the council, adding that "
            "the old market deserved better.")
    s = _find(text, "\"I never liked the word 'heritage district,' \"")
    assert _text(s.speaker) == "she"
    assert _text(s.cue) == "told"


def test_a_short_capitalised_quotation_that_goes_on_speaking() -> None:
    text = "“Here comes the tide,” he said, laughing. “The Harbour. Finally.”"
    s = _find(text, "“The Harbour. Finally.”")
    assert _text(s.speaker) == "he"
    # a title stays out, even beside a quotation
    text = "“We watch it every week,” she said. “Songs of the Valley.”"
    assert not any(x.text == "“Songs of the Valley.”" for x in suggest_quotes(text))


def test_an_infinitive_cue_speaks_for_the_subject_of_the_sentence() -> None:
    text = "Mayor Ruiz took the stage to explain why the ferry would stop at the old pier."
    s = _find(text, "why the ferry would stop at the old pier")
    assert _text(s.speaker) == "Mayor Ruiz"
    # not when the subject is no one who speaks
    text = "Batting first, the home side went on to post a record total at the old ground."
    assert not any(x.cue is not None and x.cue.text == "post" for x in suggest_quotes(text))


def test_an_intending_cue_past_a_day() -> None:
    text = "The harbour board voted Thursday to close the north quay for the winter."
    s = _find(text, "to close the north quay for the winter")
    assert _text(s.speaker) == "The harbour board"


def test_a_name_and_its_appositive_before_the_cue_is_its_subject() -> None:
    text = "Lena Berg, the ferry line's chief engineer, noted the fault in her report last week."
    s = _find(text, "the fault in her report last week")
    assert _text(s.speaker) == "Lena Berg, the ferry line's chief engineer"
    assert not any(x.text.startswith("Lena Berg") for x in suggest_quotes(text))


def test_show_before_a_subject_pronoun_is_a_verb() -> None:
    text = "Leaked pages from his old tax return show he took a large loss that year."
    s = _find(text, "he took a large loss that year")
    assert _text(s.cue) == "show"


def test_a_relative_after_a_dash() -> None:
    text = "The audit -- which notes that most ferries run late -- should worry the board."
    s = _find(text, "that most ferries run late")
    assert _text(s.cue) == "notes"


def test_verbs_of_attitude_take_their_object() -> None:
    text = "The minister downplayed the risk of flooding in the lower town."
    s = _find(text, "the risk of flooding in the lower town")
    assert _text(s.speaker) == "The minister"
    text = "Her new book chronicles the decline of the fishing fleet."
    assert _text(_find(text, "the decline of the fishing fleet").cue) == "chronicles"


def test_an_editors_label_before_a_colon_is_nobody() -> None:
    text = "Correction: An earlier version of this story gave the wrong date for the vote."
    assert not any(x.speaker is not None and x.speaker.text == "Correction"
                   for x in suggest_quotes(text))
    text = "Mayor Ruiz: the tram will run again by the spring"
    assert _text(_find(text, "the tram will run again by the spring").speaker) == "Mayor Ruiz"


def test_an_appositive_after_a_closing_speaker_is_not_content() -> None:
    text = "Veterans are dying at home, says Paul Berg, founder and head of the Harbour Club."
    found = [x.text for x in suggest_quotes(text)]
    assert "Veterans are dying at home" in found
    assert not any(x.startswith("founder") for x in found)


def test_questions_about_give_their_topic_without_an_owner() -> None:
    text = "The board has faced questions about the cost of the new harbour wall."
    s = _find(text, "the cost of the new harbour wall")
    assert _text(s.cue) == "questions about"
    assert s.speaker is None


def test_an_opponent_of_gives_what_is_opposed() -> None:
    text = "The new councillor is a staunch opponent of the plan to sell the old school."
    s = _find(text, "the plan to sell the old school")
    assert _text(s.cue) == "opponent of"


def test_a_cue_after_yet_shares_the_subject() -> None:
    text = "It was odd that the mayor thanked crews, yet questioned whether the bridge was safe."
    s = _find(text, "whether the bridge was safe")
    assert s.speaker is not None


def test_nouns_spelled_like_cues_are_no_cues() -> None:
    for text in (
        "The fund raised its forecast by 0.2 percentage points to 3.1 percent.",
        "Clinics now treat post-traumatic stress disorder in the old barracks.",
        "The mill had the financial backing of a bank in the capital.",
    ):
        assert suggest_quotes(text) == [], text


def test_a_noun_of_thinking_and_the_copula() -> None:
    text = "The harbour master's view is that the old pier cannot survive another winter."
    s = _find(text, "that the old pier cannot survive another winter")
    assert _text(s.speaker) == "The harbour master's"
    text = "The lesson is clear: the ferry needs a second engine before the storms."
    assert suggest_quotes(text) == []  # "lesson" is no one's words
    text = "The implication is clear: the ferry needs a second engine before the storms."
    _find(text, "the ferry needs a second engine before the storms")


def test_an_attitude_with_a_clause_and_no_that() -> None:
    text = "After the storm, we are convinced this is the last winter for the old pier."
    s = _find(text, "this is the last winter for the old pier")
    assert _text(s.speaker) == "we"
    text = "It was clear Mayor Ruiz is hoping to win back the harbour vote."
    _find(text, "Mayor Ruiz is hoping to win back the harbour vote")


def test_a_verb_outside_the_lexicon_with_a_that_clause() -> None:
    text = "Harbour engineers have also discovered that the north wall was built on sand."
    s = _find(text, "that the north wall was built on sand")
    assert _text(s.speaker) == "Harbour engineers"
    assert _text(s.cue) == "discovered"
    text = "In this season of storms, we might wish that the council had built the dyke higher."
    s = _find(text, "that the council had built the dyke higher")
    assert _text(s.speaker) == "we"


def test_that_as_a_determiner_or_a_purpose_is_no_clause() -> None:
    for text in (
        "The ferry crews worked that night to clear the slipway.",
        "The toll was raised so that the bridge could be painted.",
        "The new rota means that the night crews will rest on Sundays.",
    ):
        assert suggest_quotes(text) == [], text


def test_verbs_of_examining_and_presenting_take_their_object() -> None:
    text = "The harbour board examined the ferry company's accounts for the past decade."
    s = _find(text, "the ferry company's accounts for the past decade")
    assert _text(s.speaker) == "The harbour board"
    text = "The mayor also outlined her plan for a second ferry terminal."
    _find(text, "her plan for a second ferry terminal")
    text = "The old film documents the building of the harbour wall in 1902."
    _find(text, "the building of the harbour wall in 1902")


def test_understood_is_a_verb_of_thinking() -> None:
    text = "The pilots understood the tide would turn before the ferry reached the bar."
    s = _find(text, "the tide would turn before the ferry reached the bar")
    assert _text(s.cue) == "understood"


def test_a_verb_of_judging_with_an_as_complement() -> None:
    text = "Many skippers see the new levy as a tax on small boats."
    s = _find(text, "the new levy as a tax on small boats")
    assert _text(s.speaker) == "Many skippers"
    assert _text(s.cue) == "see"
    text = "The inspectors rated 40% of the moorings as unsafe for winter."
    _find(text, "40% of the moorings as unsafe for winter")


def test_see_with_a_comparison_is_no_judgement() -> None:
    for text in (
        "Small boats would see their fees go up by as much as a third.",
        "The yard sees work such as hull repairs all winter.",
        "The pilots saw the ferry, as it turned, strike the buoy.",
    ):
        assert not any(s.cue and s.cue.text.lower().startswith(("see", "saw"))
                       for s in suggest_quotes(text)), text


def test_a_suffix_after_the_name_of_the_speaker() -> None:
    text = "Walter Brand Jr. said the harbour would reopen before the spring tides."
    s = _find(text, "the harbour would reopen before the spring tides")
    assert _text(s.speaker) == "Walter Brand Jr."


def test_speaking_of_a_topic_after_an_adverb_or_an_adjunct() -> None:
    text = "The harbour master spoke emotionally of the night the old pier burned."
    s = _find(text, "the night the old pier burned")
    assert _text(s.speaker) == "The harbour master"
    text = "The ferry captain talks to the crew about the storm that sank the dredger."
    _find(text, "the storm that sank the dredger")


def test_speaking_to_a_gathering_of_people_has_no_topic() -> None:
    for text in (
        "The mayor spoke to a gathering of ferry workers in the old hall.",
        "The two captains spoke for about ten minutes on the quay.",
    ):
        assert suggest_quotes(text) == [], text


def test_a_poll_or_a_memo_named_in_an_opening_phrase_is_the_source() -> None:
    text = "In the latest harbour survey, conducted in May, two in three skippers paid less."
    s = _find(text, "two in three skippers paid less")
    assert _text(s.speaker) == "the latest harbour survey"
    text = "In a memo to the board, the ferry company's costs were put at four million."
    _find(text, "the ferry company's costs were put at four million")


def test_an_opening_phrase_leaves_a_cue_of_the_sentence_its_own() -> None:
    text = "In a statement, the ferry company said the crossing would resume on Monday."
    s = _find(text, "the crossing would resume on Monday")
    assert _text(s.speaker) == "the ferry company"
    text = "In the old harbour, two in three boats were moored for the winter."
    assert suggest_quotes(text) == []


def test_that_with_a_noun_after_an_adjunct_is_a_determiner() -> None:
    text = "Please read the guide I wrote in 2019 for skippers in that position."
    assert suggest_quotes(text) == []
    text = "The mayor said at a meeting in the town hall that the pier would close."
    _find(text, "that the pier would close")


def test_a_pronoun_object_and_a_reason_are_no_content() -> None:
    for text in (
        "I write this because I have sailed from this harbour for forty years.",
        "The crews understood it when the second storm came in.",
    ):
        assert suggest_quotes(text) == [], text


def test_a_cue_ending_a_relative_clause_before_a_dash() -> None:
    text = "The best one I know of -- the one the pilots use -- comes from the old lighthouse."
    assert suggest_quotes(text) == []


def test_more_nouns_of_thinking_with_a_that_clause_or_an_object() -> None:
    text = "The report reflects a consensus that the pier was beyond repair."
    _find(text, "that the pier was beyond repair")
    text = "Despite early pronouncements that the ferry would be saved, the line closed in May."
    _find(text, "that the ferry would be saved")
    text = "The captain repeated his endorsement of the island's night crossing."
    s = _find(text, "the island's night crossing")
    assert _text(s.speaker) == "his"


def test_seems_with_an_adjective_is_a_view_of_the_subject() -> None:
    text = "For many skippers, mooring in the outer harbour seems too risky in winter."
    s = _find(text, "mooring in the outer harbour seems too risky in winter")
    assert _text(s.cue) == "seems"
    text = "The council seems to the visitors a quiet place."
    assert suggest_quotes(text) == []


def test_no_one_is_a_speaker() -> None:
    text = "No one expected the ferry to run through the whole winter."
    s = _find(text, "the ferry to run through the whole winter")
    assert _text(s.speaker) == "No one"


def test_a_name_before_a_cue_spelled_like_a_noun_makes_it_a_verb() -> None:
    text = "It is odd that Ruiz demands openness from the harbour board but hides his own accounts."
    s = _find(text, "openness from the harbour board but hides his own accounts")
    assert _text(s.speaker) == "Ruiz"
    text = "The Harbour Board demands were read out at noon."
    assert suggest_quotes(text) == []


def test_a_clause_before_in_a_poll_is_the_poll_finding() -> None:
    text = "The ferry levy did fare well in two harbour surveys conducted in May."
    s = _find(text, "The ferry levy did fare well")
    assert _text(s.speaker) == "two harbour surveys"
    text = "Despite early claims that the toll was popular, it did not gain in the latest poll."
    _find(text, "it did not gain")
    text = "The crews met in the poll station on the quay."
    assert suggest_quotes(text) == []


def test_an_attitude_after_a_verb_of_telling_spelled_alike() -> None:
    text = "The pilots toured the bar and came away convinced that deeper channels were needed."
    _find(text, "that deeper channels were needed")


def test_said_as_much() -> None:
    text = "The harbour master said as much in an interview on Friday."
    s = _find(text, "as much")
    assert _text(s.speaker) == "The harbour master"


def test_a_cue_in_a_relative_aside_ends_at_its_comma() -> None:
    text = "The mayor, who believed the pier was safe, told the crews to reopen it."
    _find(text, "the pier was safe")
    s = _find(text, "to reopen it")
    assert _text(s.speaker) == "The mayor"


def test_verbs_of_sensing_and_foreseeing_take_a_clause() -> None:
    text = "The old skippers sensed the harbour board would sell the pier."
    s = _find(text, "the harbour board would sell the pier")
    assert _text(s.cue) == "sensed"
    text = "No one could have envisioned how fast the channel would silt up."
    _find(text, "how fast the channel would silt up")


def test_responding_by_doing_something_is_the_answer() -> None:
    text = "Ruiz responded by citing the cost of the new dredger."
    s = _find(text, "by citing the cost of the new dredger")
    assert _text(s.speaker) == "Ruiz"
    text = "The plan proposed by the harbour board was shelved."
    assert suggest_quotes(text) == []


def test_in_her_view_gives_whose_view_a_clause_is() -> None:
    text = "In her view, the old pier is lost for good."
    s = _find(text, "the old pier is lost for good")
    assert _text(s.speaker) == "her"
    text = "Only the night ferry is worth keeping in his eyes."
    _find(text, "Only the night ferry is worth keeping")
    text = "The captain had faith in his judgment."
    assert suggest_quotes(text) == []


def test_able_to_and_attempting_to_lead_to_the_speaker() -> None:
    text = "The mayor was able to consistently tout her harbour budget."
    s = _find(text, "her harbour budget")
    assert _text(s.speaker) == "The mayor"
    text = "He won't be able to brag about the new ferry this year."
    s = _find(text, "the new ferry this year")
    assert _text(s.speaker) == "He"


def test_an_infinitive_after_an_adjunct_of_deciding() -> None:
    text = "The harbour board decided after a lengthy review not to close the pier."
    s = _find(text, "not to close the pier")
    assert _text(s.speaker) == "The harbour board"
    text = "The mayor pledged to push for a new law to protect the pier."
    _find(text, "to push for a new law to protect the pier")


def test_the_subject_of_the_sentence_speaks_an_object_cue_in_an_infinitive() -> None:
    text = "Ruiz took to the radio overnight to accuse the harbour board of hiding the costs."
    s = _find(text, "the harbour board of hiding the costs")
    assert _text(s.speaker) == "Ruiz"
    text = "The council has three ways to seek repayment of the harbour loan."
    assert suggest_quotes(text) == []


def test_a_participle_phrase_cue_after_a_comma() -> None:
    text = "A group of skippers wrote to the harbour board, calling for the toll to be scrapped."
    _find(text, "the toll to be scrapped")
    text = "Reporting by Ana Ruiz; editing by Jane Doe."
    assert suggest_quotes(text) == []
