"""Posts quoted without quotation marks: direct speech of their author, dated by their signature."""

from __future__ import annotations

import datetime as dt

from tests.ingest.test_extract import run, spans


def test_an_embedded_post_closed_by_its_signature_line() -> None:
    found = run(
        "Indian Prime Minister Arjun Mehra met his Greek counterpart in Athens.",
        "Productive talks today with my friend on shipping and trade. pic.twitter.com/abc123",
        "— Arjun Mehra (@arjunmehra) March 12, 2024",
    )
    assert len(found) == 1
    s = found[0]
    assert (s.speaker.name, s.kind, s.date) == ("Arjun Mehra", "direct", dt.date(2024, 3, 12))


def test_the_post_text_leaves_out_the_embeds_link() -> None:
    found = spans(
        "Productive talks today with my friend on shipping and trade. pic.twitter.com/abc123",
        "— Arjun Mehra (@arjunmehra) March 12, 2024",
    )
    assert found == [("Arjun Mehra", "Productive talks today with my friend on shipping and trade")]


def test_a_post_announced_by_a_colon_is_the_next_paragraph() -> None:
    found = run(
        "Greek Prime Minister Nikos Petrakis wrote on X:",
        "Met with my counterpart today. Our ports will work together.",
        "The two ministers then toured the harbour.",
    )
    assert [(s.speaker.name, s.kind) for s in found] == [("Nikos Petrakis", "direct")]


def test_a_capitalised_verb_opening_a_post_is_not_a_name() -> None:
    found = run(
        "Greek Prime Minister Nikos Petrakis wrote on X:",
        "Met with Lena Vos today. Discussed energy and trade.",
    )
    assert {s.speaker.name for s in found} == {"Nikos Petrakis"}


def test_the_text_of_a_speech_the_headline_announces() -> None:
    found = run(
        "Mr Speaker, Honourable Members,",
        "I am honoured to address this house on behalf of the people of Namibia.",
        "Our two countries fought side by side for freedom, and we will trade side by side for prosperity.",
        "We thank you for your warm welcome and your friendship over many decades.",
        title="President Tjeripo Shikongo's speech to the National Assembly of Angola",
    )
    assert [(s.speaker.name, s.kind) for s in found] == [("Tjeripo Shikongo", "direct")] * 3


def test_a_report_about_a_speech_is_not_its_text() -> None:
    found = run(
        "Namibian President Tjeripo Shikongo told lawmakers in Luanda that trade would double.",
        "The president also visited the port and met business leaders.",
        "Shikongo said both countries had fought for freedom together.",
        title="Shikongo's speech to Angolan lawmakers stresses trade",
    )
    assert [s.kind for s in found] == ["indirect", "indirect"]


def test_an_adverb_opening_a_sentence_is_not_a_name() -> None:
    found = run(
        "Warmly welcoming his counterpart, the Kazakh President said ties had never been closer.",
        "Kazakh President Nurlan Abenov hosted the talks.",
    )
    assert [s.speaker.name for s in found] == ["Nurlan Abenov"]


def test_a_cue_closing_on_a_colon_announces_the_next_paragraph() -> None:
    assert spans(
        "Minister Ana Ruiz wrote on X that the border was closed.",
        "In a second post minutes later, she said:",
        "We have given evidence again and again. The time for words is over.",
    ) == [
        ("Ana Ruiz", "the border was closed"),
        ("Ana Ruiz", "We have given evidence again and again. The time for words is over"),
    ]


def test_a_post_of_several_paragraphs_announced_and_signed() -> None:
    found = run(
        "Foreign Minister Vesna Ilievska replied later that evening, posting:",
        "We keep every agreement we sign. No one can tell a people what to call themselves.",
        "Our hand remains extended. Dialogue, not ultimatums.",
        "— Vesna Ilievska (@VIlievska) March 13, 2024",
        "The post was shared widely.",
    )
    assert [(s.speaker.name, s.kind, s.date) for s in found] == [
        ("Vesna Ilievska", "direct", dt.date(2024, 3, 13)),
        ("Vesna Ilievska", "direct", dt.date(2024, 3, 13)),
    ]


def test_a_post_announced_by_a_colon_runs_on_while_it_speaks_in_person() -> None:
    found = run(
        "Malawi's Deputy Minister of Information, Chikondi Banda, posted on X late on Friday:",
        "This ban has nothing to do with disease. Our vets declared the outbreak over in March.",
        "The rules are clear. You cannot use health as a cover for protectionism.",
        "Trade between the two countries is worth $300 million a year.",
        "Zambia's Minister of Commerce, Mwila Tembo, replied on Saturday:",
        "With respect, Deputy Minister, we take no lessons from anyone.",
    )
    assert [(s.speaker.name, s.kind) for s in found] == [
        ("Chikondi Banda", "direct"),
        ("Chikondi Banda", "direct"),
        ("Mwila Tembo", "direct"),
    ]
