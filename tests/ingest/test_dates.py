"""When a statement was made: its own sentence, the same speaker's dated remarks, the lead's day."""

from __future__ import annotations

import datetime as dt

from tests.ingest.test_extract import run

# Published on a Thursday.


def test_a_speakers_dated_remarks_date_the_undated_ones_on_either_side() -> None:
    found = run(
        "Cambodian Prime Minister Sok Vanna has dismissed the idea of a joint patrol along the river "
        "with the navy of the neighbouring country, according to state media.",
        "The plan was “no longer on the table”, Sok Vanna said in a statement on Tuesday.",
        "The talks covered fisheries and border posts.",
        "The border would stay open to traders, Sok Vanna said.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 12)] * 3


def test_the_leads_meeting_day_dates_its_actors_remarks() -> None:
    found = run(
        "Zambian President Mwila Banda met his Malawian counterpart in Lusaka on Monday.",
        "Banda said the railway would be finished by 2026.",
        "The railway was first proposed in 2019.",
        "The Malawian Ministry of Transport said the tender would open in May.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [
        ("Mwila Banda", dt.date(2024, 3, 11)),
        ("Malawian Ministry of Transport", dt.date(2024, 3, 14)),
    ]


def test_an_older_date_in_the_lead_is_background_not_the_day_of_the_remarks() -> None:
    found = run(
        "Latvian Foreign Minister Ilze Ozola recalled the visit of her counterpart on 19 November.",
        "Ozola said talks at every level were planned.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 14), dt.date(2024, 3, 14)]


def test_earlier_without_a_day_leaves_the_date_open() -> None:
    found = run(
        "Nepali Foreign Minister Sita Thapaliya said on Wednesday the border talks would resume.",
        "Earlier, Foreign Minister Thapaliya said the river treaty was outdated.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 13), None]


def test_an_opening_adverbial_of_time_without_a_day_leaves_the_date_open() -> None:
    found = run(
        "Last week, Bolivian Foreign Minister Teresa Quispe said the lithium talks had stalled.",
        "In January, the Bolivian Ministry of Mining said exports would double.",
        "On Tuesday, Quispe said the talks would resume.",
        "As exports grew last year, Quispe said on Monday that prices were fair.",
    )
    assert [s.date for s in found] == [None, None, dt.date(2024, 3, 12), dt.date(2024, 3, 11)]


def test_a_weekday_in_the_cue_phrase_governs_its_statement_and_its_speaker_only() -> None:
    found = run(
        "Tongan Prime Minister Sione Fifita said on Monday the cable had been repaired.",
        "The repair took three weeks.",
        "Fijian Prime Minister Josaia Naivalu later said the ferry would run weekly.",
        "Fifita said the next cable would be laid in 2026.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [
        ("Sione Fifita", dt.date(2024, 3, 11)),
        ("Josaia Naivalu", dt.date(2024, 3, 14)),
        ("Sione Fifita", dt.date(2024, 3, 11)),
    ]
    assert found[0].end - found[0].start == len("the cable had been repaired")


def test_a_sentence_that_dates_the_remarks() -> None:
    found = run(
        "Nigerian Minister of State Ada Okafor reaffirmed the commitment to close ties with Ghana.",
        "The minister also said the ties would extend to traders.",
        "Okafor made this known on Tuesday during a visit to Accra.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 12)] * 2


def test_a_day_still_to_come_is_not_the_day_of_the_remarks() -> None:
    found = run("Israeli Prime Minister Avi Golan's spokesman Omer Dostal said the delegation would leave on Sunday.")
    assert [s.date for s in found] == [dt.date(2024, 3, 14)]


def test_the_datelines_day_is_the_reports_not_the_meetings() -> None:
    found = run(
        "LUSAKA, March 14 (Reuters) - Zambia and Malawi on Tuesday agreed to reopen the rail link, "
        "Zambian President Mwila Banda said.",
        "Banda said the railway would be finished by 2026.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 12)] * 2


def test_a_news_agency_dateline_with_slashes_is_not_part_of_the_statement() -> None:
    body = "LUSAKA, March 14. /ZNA/. The rail link will reopen next month, President Mwila Banda said on Tuesday."
    [s] = run(body)
    assert (body[s.start : s.end], s.date) == ("The rail link will reopen next month", dt.date(2024, 3, 12))


def test_a_dateline_standing_alone_does_not_push_the_lead_down() -> None:
    found = run(
        "LUSAKA",
        "Zambia and Malawi on Tuesday agreed to reopen the rail link during a visit by Malawi's president.",
        "Zambian President Mwila Banda, speaking at a joint news conference with his guest, said the line "
        "would carry copper.",
        "“This is a new chapter,” Banda said.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 12)] * 2


def test_a_vaguely_dated_statement_dates_none_of_the_speakers_others() -> None:
    found = run(
        "Peruvian Foreign Minister Ana Ruiz told reporters in Lima that the port would reopen.",
        "Ruiz had said last month that the border would stay shut.",
        "“We are ready now,” Ruiz said.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 14), None, dt.date(2024, 3, 14)]


def test_a_day_in_a_relative_clause_dates_what_the_source_did_not_the_words() -> None:
    found = run(
        "Peruvian Trade Minister Lucia Paredes, who landed in Quito on Monday, said the tariff talks were over.",
        "Paredes, speaking on Tuesday, said the new quotas would start in May.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 12), dt.date(2024, 3, 12)]


def test_a_release_line_above_a_readout_is_not_its_lead() -> None:
    found = run(
        "Press release, Ministry of Foreign Affairs, 14 March 2024",
        "Foreign Minister Ines Carvalho met her Angolan counterpart, Jose Bento, in Luanda on Tuesday.",
        "The Minister welcomed the new ferry link and said trade would double by 2027.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [("Ines Carvalho", dt.date(2024, 3, 12))]


def test_an_agency_dateline_with_the_country_in_brackets() -> None:
    found = run("Pune [India], March 12 (NNA): The port would reopen on Monday, the Maritime Board said on Tuesday.")
    assert [(s.speaker.name, s.date) for s in found] == [("Maritime Board", dt.date(2024, 3, 12))]
    body = "Pune [India], March 12 (NNA): The port would reopen on Monday, the Maritime Board said on Tuesday."
    assert body[found[0].start : found[0].end] == "The port would reopen on Monday"


def test_had_said_with_a_day_is_that_day_and_without_one_none() -> None:
    found = run(
        "The Pacific Islands Secretariat, in a statement issued Saturday in Suva, had welcomed what it "
        "called “a new chapter of trust” as a model for the region.",
        "Tongan Prime Minister Sione Fifita had earlier said the cable would be repaired.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [
        ("Pacific Islands Secretariat", dt.date(2024, 3, 9)),
        ("Sione Fifita", None),
    ]


def test_a_gathering_the_lead_dates_dates_the_undated_remarks_of_everyone_there() -> None:
    found = run(
        "Officials of Chile and Bolivia said at a trade forum held in Arica on Tuesday that rail ties would grow.",
        "The forum drew some 300 delegates from both countries.",
        "Chilean Deputy Minister Rosa Vidal said the line would reopen by 2027.",
        "Bolivian envoy Juan Quispe said freight volumes had doubled.",
        "The Bolivian Ministry of Transport said in a statement that the tender would open in May.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [
        ("Rosa Vidal", dt.date(2024, 3, 12)),
        ("Juan Quispe", dt.date(2024, 3, 12)),
        ("Bolivian Ministry of Transport", dt.date(2024, 3, 14)),
    ]


def test_without_a_gathering_a_later_speaker_keeps_the_publication_day() -> None:
    found = run(
        "Chilean Foreign Minister Rosa Vidal said on Tuesday the rail line would reopen by 2027.",
        "The line was closed in 2019 after a landslide.",
        "Bolivian envoy Juan Quispe said freight volumes had doubled.",
    )
    assert [s.date for s in found] == [dt.date(2024, 3, 12), dt.date(2024, 3, 14)]


def test_words_quoted_from_an_institutions_dated_statement_are_of_its_day() -> None:
    found = run(
        "Experts of the Atlantic Fisheries Agency found the catch legal, the agency said on Monday.",
        "“The quotas were respected,” team leader Ines Moreau said in the agency’s statement.",
        "She noted in the statement that a second visit would follow.",
        "Moreau's deputy, Paul Girard, said in a separate statement that the port was safe.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [
        ("Atlantic Fisheries Agency", dt.date(2024, 3, 11)),
        ("Ines Moreau", dt.date(2024, 3, 11)),
        ("Ines Moreau", dt.date(2024, 3, 11)),
        ("Paul Girard", dt.date(2024, 3, 14)),
    ]
