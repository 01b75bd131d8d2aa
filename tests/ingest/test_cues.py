"""Reported speech through cues other than 'say', and the checks that keep a cue honest."""

from __future__ import annotations

import pytest

from tests.ingest.test_extract import only, run, spans


@pytest.mark.parametrize("verb", ["disclosed", "revealed", "alleged", "contended"])
def test_verbs_of_disclosure(verb: str) -> None:
    assert spans(f"The Fijian Foreign Ministry {verb} that two patrol boats had been sold.") == [
        ("Fijian Foreign Ministry", "two patrol boats had been sold")
    ]


def test_a_news_agency_reporting() -> None:
    assert spans("The port of Lobito will reopen next month, the state news agency reported.") == [
        ("state news agency", "The port of Lobito will reopen next month")
    ]


def test_a_report_of_nothing_but_this_is_not_a_statement() -> None:
    found = run(
        "Peruvian Foreign Minister Elmer Rojas said the embassy would reopen.",
        "The Andes Herald reports this on the basis of a wire report.",
    )
    assert [s.speaker.name for s in found] == ["Elmer Rojas"]


def test_continued_is_a_cue_only_before_a_quotation() -> None:
    found = spans(
        "Angolan Foreign Minister Domingos Kiala said the corridor was ready.",
        "He continued, “Trains will run by May.”",
        "The talks continued into the night.",
    )
    assert found == [("Domingos Kiala", "the corridor was ready"), ("Domingos Kiala", "Trains will run by May")]


def test_an_opinion_verb_with_a_clause_without_that() -> None:
    assert spans("Estonian Prime Minister Liis Mets believes the pipeline will be repaired by June.") == [
        ("Liis Mets", "the pipeline will be repaired by June")
    ]


def test_an_opinion_verb_with_an_infinitive_says_nothing() -> None:
    assert run("Estonian Prime Minister Liis Mets hopes to visit Riga.") == []


@pytest.mark.parametrize(
    ("cue", "rest"),
    [
        ("expressed", "support for the ceasefire plan"),
        ("conveyed", "her readiness to host the next round"),
        ("voiced", "strong opposition to the new tariffs"),
        ("expressed", "her delight at the growth of bilateral ties"),
        ("welcomed", "the accord as a milestone for the region"),
    ],
)
def test_stances_that_carry_content(cue: str, rest: str) -> None:
    assert spans(f"Kenyan Foreign Minister Alice Wambui {cue} {rest}.") == [("Alice Wambui", rest)]


@pytest.mark.parametrize("rest", ["condolences to the families", "warm greetings to the people of Chile"])
def test_courtesies_carry_none(rest: str) -> None:
    assert run(f"Kenyan Foreign Minister Alice Wambui expressed {rest}.") == []


def test_a_source_relayed_by_a_reporter() -> None:
    s = only("The presidents held talks behind closed doors, the Andes Agency learned from the presidential office.")
    assert s.speaker.name == "presidential office"
    assert s.cue == "learned from"


def test_the_clause_that_reports_another_cue_wins() -> None:
    body = "Hanoi expects more river trade with its neighbour, said Prime Minister Tran Van Long."
    s = only(body)
    assert s.speaker.name == "Tran Van Long"
    assert body[s.start : s.end] == "Hanoi expects more river trade with its neighbour"


def test_a_front_adverbial_is_not_content() -> None:
    assert spans("Today, the Bolivian Foreign Ministry said talks would resume.") == [
        ("Bolivian Foreign Ministry", "talks would resume")
    ]


def test_a_quotation_a_participle_introduces_is_the_content() -> None:
    body = 'Both capitals must trade "more freely", Uzbek Foreign Minister Jasur Nazarov said, adding: "We will."'
    assert spans(body) == [("Jasur Nazarov", "We will")]


def test_readout_continues_past_a_noun_that_looks_like_a_cue() -> None:
    found = spans(
        "Slovak Foreign Minister Marek Hudak said the budget could fund the aid. "
        "However, it will be reviewed every year by the member states."
    )
    assert found == [
        ("Marek Hudak", "the budget could fund the aid"),
        ("Marek Hudak", "However, it will be reviewed every year by the member states"),
    ]


def test_no_continuation_into_someone_elses_sentence() -> None:
    found = spans(
        "The Japanese Foreign Ministry said five citizens were still missing. "
        "Former leader Ri Chol Ho in 1998 admitted the kidnappings. "
        "The Seoul Herald reports this on the basis of a wire report."
    )
    assert found == [("Japanese Foreign Ministry", "five citizens were still missing")]


def test_coordinated_cues_of_one_subject_are_one_statement() -> None:
    body = "Dilshod Rakhimov thanked his host for the generous reception and underlined the value of the trip."
    s = only(body)
    assert (s.speaker.name, s.cue) == ("Dilshod Rakhimov", "thanked")
    assert body[s.start : s.end] == "his host for the generous reception and underlined the value of the trip"


def test_a_courtesy_call_is_not_speech() -> None:
    assert run("Prime Minister Omar Rahim called on President Chen Wei and Premier Lin Tao in Beijing.") == []
    assert spans("Prime Minister Omar Rahim called on both sides to return to the talks.") == [
        ("Omar Rahim", "both sides to return to the talks")
    ]


def test_quoted_as_saying() -> None:
    assert spans("State news agency KNS quoted Ri Chol Su as saying the drill was a warning.") == [
        ("Ri Chol Su", "the drill was a warning")
    ]
    body = "Lithuanian President Darius Rimas was quoted by local media as saying that the border would stay shut."
    assert spans(body) == [("Darius Rimas", "the border would stay shut")]


def test_a_relaying_outlet_closes_the_content() -> None:
    body = "Iran's Supreme Leader Reza Karimi warned that any attack would be met with force, state TV reported."
    assert spans(body) == [("Reza Karimi", "any attack would be met with force")]


def test_cited_as_saying() -> None:
    assert spans("State news agency CNB cited President Gao Wen as saying that China would support the process.") == [
        ("Gao Wen", "China would support the process")
    ]


def test_a_clause_then_a_participle_cue() -> None:
    body = "Ecuador's President Andres Quiroga defended the ban, saying the consulate had hidden a suspect."
    assert spans(body) == [("Andres Quiroga", "the consulate had hidden a suspect")]


def test_a_demonym_before_a_role_is_not_the_subject() -> None:
    found = run(
        "Somali Prime Minister Amina Warsame hosted the envoy.",
        "For her part, the Somali premier highlighted the ties, expressing confidence that trade would grow.",
    )
    assert [s.speaker.name for s in found] == ["Amina Warsame"]


def test_a_source_and_cue_between_commas_split_one_clause() -> None:
    found = spans(
        "Iranian Foreign Minister Mehdi Rostami said talks had ended.", "The deal, he added, would be signed next week."
    )
    assert found[-1] == ("Mehdi Rostami", "The deal, he added, would be signed next week")


def test_a_joint_statement_of_a_leader_and_his_counterpart() -> None:
    body = "President Joao Moura and his Argentine counterpart Ricardo Ruiz said in a joint statement that trade grew."
    assert run(body) == []


def test_a_cue_inside_a_quotation_belongs_to_the_quoted_words() -> None:
    body = "“Everyone wants a base here. Nobody asked us what we need,” said Lani Tavita, a researcher in Apia."
    assert spans(body) == [("Lani Tavita", "Everyone wants a base here. Nobody asked us what we need")]


def test_an_attribution_inside_an_unfinished_clause_keeps_the_whole_sentence() -> None:
    found = spans(
        "Minister Ana Ruiz said the talks were useful.",
        "There was, she said, no evidence linking the ship to the navy.",
    )
    assert found[-1] == ("Ana Ruiz", "There was, she said, no evidence linking the ship to the navy")


def test_according_to_a_pronoun_and_a_relative_clause_and_a_bare_plural_verb() -> None:
    assert spans(
        "Kremlin spokesman Ivan Orlov said the plant was on schedule.",
        "According to him, the issue was discussed during a call on Monday.",
        "He also reacted to remarks by State Department spokesperson Mark Tory, who said last week that "
        "Washington remained open to diplomacy.",
        "Russia and Hungary intend to finish the plant, Orlov told reporters.",
    ) == [
        ("Ivan Orlov", "the plant was on schedule"),
        ("Ivan Orlov", "the issue was discussed during a call on Monday"),
        ("Mark Tory", "Washington remained open to diplomacy"),
        ("Ivan Orlov", "Russia and Hungary intend to finish the plant"),
    ]


def test_a_second_clause_with_its_own_source_ends_the_first_cues_content() -> None:
    assert spans(
        "President Ama Osei welcomed the visitors, and Trade Minister Kojo Darko said the fair would open in June."
    ) == [("Kojo Darko", "the fair would open in June")]
    assert spans("Osei said exports had grown, and Darko said the fair would open in June.") == [
        ("Osei", "exports had grown")
    ]
    assert spans("Osei rejected the report; the ministry said the figures were wrong.") == [
        ("ministry", "the figures were wrong")
    ]


def test_when_and_where_someone_answered_is_not_what_they_said() -> None:
    assert run("Foreign Minister Eleni Pappas responded within hours in a post on X.") == []
    assert run("Pappas replied later that evening.") == []


def test_a_cue_word_used_as_a_noun_in_the_gap_before_that() -> None:
    assert spans("The Commission said in a written reply to questions that it took note of the row.") == [
        ("Commission", "it took note of the row")
    ]


def test_the_words_a_later_clause_attributes_to_another_are_not_the_first_sources() -> None:
    body = "Ruiz said on Monday after the minister warned that prices would rise."
    found = run(body)
    assert [s.speaker.name for s in found] == ["Ruiz"]
    assert body[found[0].start : found[0].end] != "prices would rise"
