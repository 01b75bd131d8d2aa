"""Who can be a speaker: people, offices, institutions and documents; never places or labels."""

from __future__ import annotations

from tests.ingest.test_extract import only, run, spans


def test_a_region_or_a_sea_never_speaks() -> None:
    assert run("Europe said the sanctions would stay.") == []
    assert run("The Horn of Africa warned that the harvest had failed.") == []


def test_an_institution_with_its_acronym() -> None:
    s = only("The Andean Water Agency (AWA) announced on Wednesday that both dams would open in May.")
    assert (s.speaker.name, s.speaker.kind) == ("Andean Water Agency", "organization")


def test_a_role_with_its_country_after_of() -> None:
    found = run(
        "Serbian President Dragan Novak met the envoy in the morning.",
        "Later, the President of Serbia said there would be more talks.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [("Dragan Novak", "RS")]


def test_a_name_with_its_country_after_of() -> None:
    s = only("King Faisal of Jordan stressed that aid to the camps would continue.")
    assert (s.speaker.name, s.speaker.country) == ("King Faisal", "JO")


def test_a_monarch_or_pontiff_keeps_the_title_in_a_one_word_name() -> None:
    assert spans("Pope Leo said peace was still possible.") == [("Pope Leo", "peace was still possible")]
    assert spans("Queen Ingrid told the guests that the palace was theirs.") == [
        ("Queen Ingrid", "the palace was theirs")
    ]


def test_kosovo_is_a_party_with_its_own_code() -> None:
    s = only("Prime Minister of Kosovo Arben Dushi said the bridge would reopen.")
    assert (s.speaker.name, s.speaker.country) == ("Arben Dushi", "XK")


def test_section_labels_are_not_speakers() -> None:
    found = run(
        "Ukrainian Foreign Minister Olena Marchuk said the talks would resume in spring.",
        "Source: an interview with a local radio station",
        "Details: Marchuk recalled the visit of her counterpart in December.",
        'Quote: "We saw a willingness to solve problems," the minister emphasised.',
    )
    assert {s.speaker.name for s in found} == {"Olena Marchuk"}
    assert any(s.cue == "emphasised" and s.kind == "direct" for s in found)


def test_existential_there_after_the_cue_is_content() -> None:
    assert spans("Chilean Foreign Minister Rosa Vidal said there would be no new tariffs.") == [
        ("Rosa Vidal", "there would be no new tariffs")
    ]


def test_a_new_quoted_sentence_after_an_attribution_is_its_own_statement() -> None:
    found = spans('“We are one people,” said President Ana Torres. "It is unnatural to separate. We begin today.”')
    assert found == [
        ("Ana Torres", "We are one people"),
        ("Ana Torres", "It is unnatural to separate. We begin today"),
    ]
