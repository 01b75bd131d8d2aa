"""The extractor, construction by construction, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest

from app.ingest.extract import Taxonomy, extract
from app.ingest.extract.model import ExtractedStatement
from app.ingest.read import Article
from app.taxonomy import TaxonomyError, load

TAXONOMY = Taxonomy.from_keywords({t["slug"]: t["keywords"] for t in load()})
PUBLISHED = dt.date(2024, 3, 14)  # a Thursday


def run(*paragraphs: str, title: str = "A meeting", published: dt.date = PUBLISHED) -> list[ExtractedStatement]:
    body = "\n\n".join(paragraphs)
    return extract(Article(title=title, published=published, body=body), TAXONOMY)


def spans(*paragraphs: str, **kwargs: object) -> list[tuple[str, str]]:
    body = "\n\n".join(paragraphs)
    return [(s.speaker.name, body[s.start : s.end]) for s in run(*paragraphs, **kwargs)]  # type: ignore[arg-type]


def only(*paragraphs: str, **kwargs: object) -> ExtractedStatement:
    found = run(*paragraphs, **kwargs)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


# Direct quotations ---------------------------------------------------------------------------


def test_curly_quote_then_cue() -> None:
    s = only("“Our ports are open to every partner,” Finnish President Aleksi Harjula said.")
    assert (s.speaker.name, s.kind, s.cue) == ("Aleksi Harjula", "direct", "said")
    assert (s.speaker.title, s.speaker.country) == ("President", "FI")


def test_straight_quotes_and_inverted_cue() -> None:
    assert spans('"We expect nothing less than full compliance," said Norwegian Foreign Minister Sindre Aas Moen.') == [
        ("Sindre Aas Moen", "We expect nothing less than full compliance")
    ]


def test_quote_split_by_the_cue_is_one_statement() -> None:
    body = "“The door stays open,” Chilean President Ignacio Ovalle said, “but the terms have changed.”"
    s = only(body)
    assert s.speaker.name == "Ignacio Ovalle"
    assert s.kind == "direct"
    assert body[s.start : s.end].startswith("The door stays open")
    assert body[s.start : s.end].endswith("the terms have changed")


def test_quote_of_several_sentences() -> None:
    s = only(
        "“We talked for hours. We agreed on a plan. Now comes the work,” Mexican Foreign Minister Lucia Arriaga said."
    )
    assert s.kind == "direct"
    assert s.speaker.name == "Lucia Arriaga"


def test_quote_continued_in_the_next_sentence_and_paragraph() -> None:
    found = spans(
        "“The harvest was good,” Kenyan President Samuel Kiprono said. “Exports will rise.”",
        "“And the farmers will be paid on time.”",
    )
    assert found == [
        ("Samuel Kiprono", "The harvest was good"),
        ("Samuel Kiprono", "Exports will rise"),
        ("Samuel Kiprono", "And the farmers will be paid on time"),
    ]


def test_apostrophes_are_not_quotation_marks() -> None:
    s = only(
        "Under the two ministers' guidance and the region's plans, trade will grow, "
        "Vietnamese Prime Minister Vu Duc Thanh said."
    )
    assert s.kind == "indirect"
    assert s.speaker.name == "Vu Duc Thanh"


def test_single_quotation_marks() -> None:
    s = only("'We will be ready by summer,' said Irish Prime Minister Cian Doherty.")
    assert (s.speaker.name, s.kind) == ("Cian Doherty", "direct")


def test_colon_before_a_quotation() -> None:
    s = only("Asked about the border, Thai Prime Minister Anucha Phromsiri said: “The talks will continue.”")
    assert (s.speaker.name, s.kind) == ("Anucha Phromsiri", "direct")


def test_possessive_remark_before_a_colon() -> None:
    found = spans(
        "Peruvian President Rosa Quispe opened the forum.",
        "Quispe’s remark set the tone: “We came here to sign, not to talk.”",
    )
    assert found == [("Rosa Quispe", "We came here to sign, not to talk")]


# Reported speech ------------------------------------------------------------------------------


def test_cue_before_with_that() -> None:
    body = "Spanish Foreign Minister Jose Luis Arrieta said that Madrid would open a consulate in Osaka."
    s = only(body)
    assert body[s.start : s.end] == "Madrid would open a consulate in Osaka"
    assert (s.kind, s.cue, s.speaker.country) == ("indirect", "said", "ES")


def test_cue_after_the_content() -> None:
    body = "The fishing agreement will be renewed for five years, Icelandic Prime Minister Gunnar Thorvaldsson said."
    s = only(body)
    assert body[s.start : s.end] == "The fishing agreement will be renewed for five years"


def test_inverted_cue_after_the_content() -> None:
    assert spans("Both navies will hold drills in May, said Philippine Defence Secretary Ernesto Dimaculangan.") == [
        ("Ernesto Dimaculangan", "Both navies will hold drills in May")
    ]


def test_according_to_before_and_after() -> None:
    found = spans(
        "Qatari Prime Minister Hamad bin Yousef Al Sulaiti hosted the talks.",
        "According to Al Sulaiti, the next round will take place in Doha.",
        "The delegations will meet again within a month, according to the Qatari Foreign Ministry.",
    )
    assert found[0] == ("Hamad bin Yousef Al Sulaiti", "the next round will take place in Doha")
    assert found[1] == ("Qatari Foreign Ministry", "The delegations will meet again within a month")


def test_participial_cue_runs_to_the_end() -> None:
    body = "Ghanaian President Kofi Asante-Mensah said the loan was approved, adding that repayments start in 2026."
    s = only(body)
    assert body[s.start : s.end] == "the loan was approved, adding that repayments start in 2026"


def test_leading_participle_is_not_content() -> None:
    body = (
        "Noting that the river is shared, Laotian Prime Minister Khamla Phommachanh said both dams would be reviewed."
    )
    s = only(body)
    assert body[s.start : s.end] == "both dams would be reviewed"


def test_told_reporters_and_in_a_statement() -> None:
    found = spans(
        "Omani Foreign Minister Salim Alhinai told reporters after the meeting that the corridor would reopen.",
        "The Omani Foreign Ministry said in a statement that the two sides had signed three memorandums.",
    )
    assert found == [
        ("Salim Alhinai", "the corridor would reopen"),
        ("Omani Foreign Ministry", "the two sides had signed three memorandums"),
    ]


def test_in_his_message_and_quoted_as_saying() -> None:
    found = spans(
        "In his message, Portuguese President Duarte Pinheiro de Castro wrote that the friendship was centuries old.",
        "Pinheiro de Castro was quoted as saying that a state visit would follow.",
    )
    assert found == [
        ("Duarte Pinheiro de Castro", "the friendship was centuries old"),
        ("Duarte Pinheiro de Castro", "a state visit would follow"),
    ]


@pytest.mark.parametrize(
    ("verb", "rest"),
    [
        ("reiterated", "that the treaty remains in force"),
        ("reaffirmed", "that the partnership is strategic"),
        ("stressed", "that dialogue is the only way"),
        ("underscored", "the need for fair elections in the region"),
        ("called on", "both parties to return to the table"),
        ("urged", "the neighbours to lift the blockade"),
        ("pledged", "to double scholarships for students"),
        ("pointed out", "that trade grew by a fifth last year"),
        ("warned", "that sanctions would hurt farmers"),
        ("welcomed", "the decision to reopen the embassy, calling it overdue"),
        ("condemned", "the attack on the convoy as a violation of the truce"),
        ("expressed", "hope that the ceasefire would hold"),
    ],
)
def test_diplomatic_register(verb: str, rest: str) -> None:
    body = f"Malaysian Foreign Minister Azlan Yusof {verb} {rest}."
    s = only(body)
    assert s.speaker.name == "Azlan Yusof"
    assert body[s.start : s.end].endswith(rest.split()[-1])
    assert s.cue == verb


def test_courtesies_without_content_are_not_statements() -> None:
    assert (
        run(
            "Croatian President Davor Kovacevic thanked his host for the hospitality.",
            "Kovacevic extended congratulations to the people of Slovakia.",
        )
        == []
    )


# Speakers -------------------------------------------------------------------------------------


def test_surname_pronoun_and_role_resolve_to_the_full_name() -> None:
    found = spans(
        "Indonesian President Budi Hartanto met Australian Prime Minister Callum Brierley in Jakarta.",
        "Hartanto said nickel exports would double.",
        "The trade deal is close, he added.",
        "The Indonesian president said the navy would join the patrols.",
        "Brierley said Canberra would fund the port.",
        "The Australian leader said the visit was overdue.",
    )
    assert [name for name, _ in found] == ["Budi Hartanto"] * 3 + ["Callum Brierley"] * 2


def test_full_name_given_after_the_first_mention() -> None:
    found = spans(
        "“Everyone is watching,” Halasz said.",
        "Hungarian Prime Minister Bence Halasz met Serbian President Milos Jankovic in Belgrade.",
    )
    assert found == [("Bence Halasz", "Everyone is watching")]


def test_shared_surname_is_not_merged() -> None:
    found = run(
        "Chinese Premier Zhou Minghua met the delegation. Vice Minister Zhou Lan also attended.",
        "Zhou Minghua said the talks were useful.",
        "Zhou Lan said a visa agreement was ready.",
    )
    assert [s.speaker.name for s in found] == ["Zhou Minghua", "Zhou Lan"]
    assert "Zhou" not in found[0].speaker.aliases


def test_institutions_are_organisation_speakers() -> None:
    found = run(
        "The Kremlin said the invitation had been accepted.",
        "The Chinese Foreign Ministry said the visit would strengthen trust.",
        "Delegates will meet in June, according to a joint statement by Egypt and Jordan.",
    )
    assert [(s.speaker.name, s.speaker.kind, s.speaker.country) for s in found] == [
        ("Kremlin", "organization", "RU"),
        ("Chinese Foreign Ministry", "organization", "CN"),
        ("joint statement by Egypt and Jordan", "organization", None),
    ]


def test_apposition_gives_title_and_country() -> None:
    s = only("Yerlan Abdikarimov, Deputy Foreign Minister of Kazakhstan, said the pipeline would be extended.")
    assert (s.speaker.name, s.speaker.country) == ("Yerlan Abdikarimov", "KZ")
    assert s.speaker.title == "Deputy Foreign Minister"


def test_title_and_country_from_premodifiers() -> None:
    s = only("Russian Prime Minister Yegor Belyakov said the new bridge would open in 2027.")
    assert (s.speaker.title, s.speaker.country) == ("Prime Minister", "RU")


def test_transcript_answers_are_statements_and_questions_are_not() -> None:
    found = spans(
        "Nordic Press: Will the minister visit Oslo next month?",
        "Henrik Lund: The dates are not fixed yet. We will announce them soon.",
        "We value the partnership with Norway.",
        "Q: Is the agreement delayed?",
        "Henrik Lund: No. It is on schedule.",
        title="Spokesperson Henrik Lund's press briefing",
    )
    assert found == [
        ("Henrik Lund", "The dates are not fixed yet. We will announce them soon"),
        ("Henrik Lund", "We value the partnership with Norway"),
        ("Henrik Lund", "No. It is on schedule"),
    ]


def test_readout_sentences_continue_the_speaker() -> None:
    found = spans(
        "Ecuadorian President Andres Quiroga said the two countries share a long coast. "
        "Ecuador supports a joint coast guard. Ecuador will host the next summit."
    )
    assert [name for name, _ in found] == ["Andres Quiroga"] * 3


# Not statements --------------------------------------------------------------------------------


def test_events_narration_and_unnamed_sources_are_not_statements() -> None:
    assert (
        run(
            "Latvian President Arturs Kalnins arrived in Vilnius on Monday for a two-day visit.",
            "The two leaders held talks and signed three agreements.",
            "Analysts said the visit signalled closer ties.",
            "A senior official said the talks had gone well.",
            "The ministers will tell parliament about the plan next week.",
        )
        == []
    )


# Dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("", dt.date(2024, 3, 14)),
        (" on Tuesday", dt.date(2024, 3, 12)),
        (" on Thursday", dt.date(2024, 3, 14)),
        (" yesterday", dt.date(2024, 3, 13)),
        (" on March 10", dt.date(2024, 3, 10)),
        (" on 2 December", dt.date(2023, 12, 2)),
        (" last month", None),
    ],
)
def test_statement_dates(when: str, expected: dt.date | None) -> None:
    s = only(f"Uruguayan President Martin Echeverry Paz said{when} that beef exports would resume.")
    assert s.date == expected


def test_meeting_day_dates_the_statements() -> None:
    found = run(
        "Swiss President Regula Baumli met Austrian Chancellor Franz Riedl in Bern on Monday.",
        "Baumli said the rail link would be finished by 2030.",
    )
    assert found[0].date == dt.date(2024, 3, 11)


def test_had_earlier_said_has_no_date() -> None:
    s = only("Baumli had earlier said that the tunnel would be closed.", published=PUBLISHED)
    assert s.date is None


# Topics and countries --------------------------------------------------------------------------


def test_topics_from_the_taxonomy() -> None:
    s = only("Egyptian President Tarek Nabil al-Fiqi said gas exports and the new pipeline would grow.")
    assert "energy" in s.topics


def test_a_keyword_in_the_possessive_still_names_its_topic() -> None:
    taxonomy = Taxonomy.from_keywords({"multilateral": ["EU", "bloc"], "diplomacy": ["talks"]})
    assert taxonomy.tag("at the EU’s next council") == ("multilateral",)
    assert taxonomy.tag("under the bloc's rules, after the talks") == ("multilateral", "diplomacy")
    assert taxonomy.tag("the euro-dollar rate") == ()


def test_countries_named_and_the_two_countries() -> None:
    found = run(
        "Peruvian President Rosa Quispe met Bolivian President Ramiro Mamani in Lima.",
        "Quispe said the two countries would share water data.",
        "Mamani said Bolivia and Chile had resumed talks.",
    )
    assert set(found[0].countries) == {"PE", "BO"}
    assert {"BO", "CL"} <= set(found[1].countries)


def test_the_taxonomy_is_data() -> None:
    taxonomy = Taxonomy.from_keywords({"fisheries": ["fish*", "-fishing rod"]})
    article = Article(
        title="t",
        published=PUBLISHED,
        body="Faroese Prime Minister Sjurdur Hansen said fishing quotas would be cut.",
    )
    assert extract(article, taxonomy)[0].topics == ("fisheries",)


@pytest.mark.parametrize("slug", ["Trade", "trade economy", "trade;economy", 'say "hi"', "_trade"])
def test_taxonomy_slugs_are_plain_words(tmp_path: Path, slug: str) -> None:
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps({"topics": [{"slug": slug, "keywords": ["trade"]}]}), encoding="utf-8")
    with pytest.raises(TaxonomyError, match=f"{path}, topic 0: slug"):
        load(path)


# More of newswire's habits ----------------------------------------------------------------------


def test_listener_phrases_after_told() -> None:
    found = spans(
        "Japanese Chief Cabinet Secretary Kenji Morita told a press conference on Tuesday "
        "that the loans would be signed.",
        "“We are ready,” Morita told state television.",
        published=dt.date(2024, 3, 14),
    )
    assert found == [
        ("Kenji Morita", "the loans would be signed"),
        ("Kenji Morita", "We are ready"),
    ]
    assert run("Morita told a press conference on Tuesday that the loans would be signed.")[0].date == dt.date(
        2024, 3, 12
    )


def test_called_with_a_quotation() -> None:
    s = only("Moldovan President Elena Rusu called the vote “a victory for the whole region”.")
    assert (s.speaker.name, s.kind, s.cue) == ("Elena Rusu", "mixed", "called")


def test_coordinated_cue_shares_the_subject() -> None:
    body = "Nepali Prime Minister Bishnu Kumar Ghimire held talks in Delhi and said the border would stay open."
    s = only(body)
    assert (s.speaker.name, body[s.start : s.end]) == ("Bishnu Kumar Ghimire", "the border would stay open")


def test_parenthetical_between_subject_and_cue() -> None:
    found = spans(
        "Armenian Prime Minister Levon Hakobyan, speaking through an interpreter, said the corridor was open.",
        "The Armenian Foreign Ministry, in a separate statement, accused Baku of delaying the talks.",
    )
    assert found == [
        ("Levon Hakobyan", "the corridor was open"),
        ("Armenian Foreign Ministry", "Baku of delaying the talks"),
    ]


def test_offices_speaking_for_someone() -> None:
    found = run(
        "Weidinger’s office said the chancellor would travel to Warsaw.",
        "A Kremlin spokesman said the proposal was being studied.",
        "A senior diplomat said nothing had been decided.",
    )
    assert [(s.speaker.name, s.speaker.kind) for s in found] == [
        ("Weidinger’s office", "organization"),
        ("Kremlin spokesman", "organization"),
    ]
    assert found[1].speaker.country == "RU"


def test_relaying_source_is_not_part_of_the_content() -> None:
    body = "Chinese Foreign Minister Tang Wenbo urged Tokyo to keep its promises, the ministry said."
    s = only(body)
    assert (s.speaker.name, body[s.start : s.end]) == ("Tang Wenbo", "Tokyo to keep its promises")


def test_social_media_post_after_a_colon_is_direct() -> None:
    s = only("Estonian Prime Minister Kaarel Tamm wrote on X: Great talks with our Finnish friends today.")
    assert (s.kind, s.speaker.name) == ("direct", "Kaarel Tamm")


def test_quotation_left_open_across_paragraphs() -> None:
    found = spans(
        "Brazilian President Antonio Carlos Pereira da Cunha spoke at length.",
        "“We will not accept a world divided into blocs.",
        "“And we want a seat at the table,” he said.",
    )
    assert found == [
        ("Antonio Carlos Pereira da Cunha", "We will not accept a world divided into blocs"),
        ("Antonio Carlos Pereira da Cunha", "And we want a seat at the table"),
    ]


def test_future_and_passive_cues_are_not_statements() -> None:
    assert (
        run(
            "Belgian Prime Minister Pieter De Smedt will tell the summit that the plan is ready.",
            "De Smedt was told that the plan would be delayed.",
        )
        == []
    )


# Robustness -------------------------------------------------------------------------------------

NOISE_WORDS = (
    "said “ ” \" ' ‘ ’ , . : ; — ( ) the minister Foreign Ministry he she it told reporters that according to "
    "President Ana Lopes Kenya Chile on Monday yesterday adding Q: A: Guo Lan: statement joint both sides "
    "\n\n \n Zhou al-Fiqi U.S. Mr. Dr. (1) 2024 March 10 's"
).split(" ")


def test_arbitrary_text_never_breaks_the_extractor() -> None:
    rng = random.Random(11)
    for _ in range(400):
        body = " ".join(rng.choice(NOISE_WORDS) for _ in range(rng.randint(1, 120))).strip()
        if not body:
            continue
        for s in extract(Article(title="t", published=PUBLISHED, body=body), TAXONOMY):
            text = body[s.start : s.end]
            assert 0 <= s.start < s.end <= len(body)
            assert text == text.strip()
            assert s.kind in {"direct", "indirect", "mixed"}


def test_transcript_with_capitalised_labels_and_interpreted_speech() -> None:
    found = spans(
        "PRESIDENT HOLLOWAY: Welcome to the White House. Our alliance is stronger than ever.",
        "Prime Minister Morikawa (as interpreted): Thank you. Japan will double its defence spending.",
        "Voz Andina: Will the sanctions be lifted this year?",
        "PRESIDENT HOLLOWAY: We will see.",
        title="Remarks by President Holloway and Prime Minister Morikawa",
    )
    assert [name for name, _ in found] == ["Holloway", "Morikawa", "Holloway"]
    assert found[1][1] == "Thank you. Japan will double its defence spending"


def test_office_of_a_titled_person_and_whose_clauses() -> None:
    found = spans(
        "The two sides agreed to resume the dialogue, President Felipe Arango's office said.",
        "Chilean President Ignacio Ovalle, whose government signed the pact last year, said the talks were useful.",
        "The summit ended with a joint declaration expressing concern over the drought.",
    )
    assert found == [
        ("Felipe Arango's office", "The two sides agreed to resume the dialogue"),
        ("Ignacio Ovalle", "the talks were useful"),
    ]


def test_transcript_labels_find_everyone_the_headline_names() -> None:
    found = spans(
        "PRESIDENT TEIXEIRA: Today we signed three agreements on energy and trade.",
        "PRIME MINISTER BERG: Our countries have never been closer.",
        "Q: Mr. Prime Minister, will you raise tariffs?",
        "PRIME MINISTER BERG: No. We will lower them.",
        title="Remarks by President Maria Teixeira and Prime Minister Jonas Berg at a joint press conference",
    )
    assert found == [
        ("Maria Teixeira", "Today we signed three agreements on energy and trade"),
        ("Jonas Berg", "Our countries have never been closer"),
        ("Jonas Berg", "No. We will lower them"),
    ]


def test_answers_belong_to_the_spokesperson_the_opening_paragraph_names() -> None:
    found = spans(
        "The following is a transcript of the briefing by Foreign Ministry spokesperson Zhao Min.",
        "Question: The other side said it will send more ships. What is your comment?",
        "Answer: We firmly oppose any provocation.",
        title="Press briefing",
    )
    assert found == [("Zhao Min", "We firmly oppose any provocation")]


def test_the_first_part_of_a_country_named_with_and_stands_for_it() -> None:
    found = run(
        "Energy Minister Ravi Persad said Trinidad's plants would take the gas by 2027.",
        "Trade Minister Lena Trinidad, a former banker, said the port would open.",
    )
    assert [s.speaker.name for s in found] == ["Ravi Persad", "Lena Trinidad"]
    assert "TT" in found[0].countries
