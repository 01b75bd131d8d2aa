"""Constructions of wire copy and official texts: announced quotations, summary bullets, relays."""

from __future__ import annotations

import datetime as dt

from tests.ingest.test_extract import only, run, spans


def test_a_name_with_a_suffix() -> None:
    s = only("PRESIDENT Ramon T. Reyes, Jr. on Wednesday said the islands were not for sale.")
    assert (s.speaker.name, s.date) == ("Ramon Reyes Jr", dt.date(2024, 3, 13))


def test_according_to_after_a_conjunction() -> None:
    assert spans("But according to Jonas Berg, the aim of the visit is to mend ties.") == [
        ("Jonas Berg", "the aim of the visit is to mend ties")
    ]


def test_a_reported_clause_then_said_x_and_a_quotation() -> None:
    body = "The floods had been a disaster, said Chancellor Otto Wendler: “We owe them help.”"
    assert spans(body) == [("Otto Wendler", "We owe them help")]


def test_one_speaker_one_sentence_runs_past_a_second_cue() -> None:
    body = (
        "Austria and Slovenia were partners, said Otto Wendler – something truer than ever, he added, since the floods."
    )
    s = only(body)
    assert body[s.start : s.end] == body.rstrip(".")


def test_an_outlet_reporting_someone_as_saying() -> None:
    found = spans(
        "Solomon Islands Prime Minister Jeremiah Tosi visited Canberra on Thursday.",
        '"We will not undermine anyone\'s security," the broadcaster reported Tosi as saying at the start.',
        '"I reiterate that no base will be built."',
    )
    assert found == [
        ("Jeremiah Tosi", "We will not undermine anyone's security"),
        ("Jeremiah Tosi", "I reiterate that no base will be built"),
    ]


def test_a_person_inside_an_outlets_report_keeps_the_words() -> None:
    found = run(
        "Prime Minister Jeremiah Tosi met his counterpart, and the broadcaster reported he said trade would grow."
    )
    assert [s.speaker.name for s in found] == ["Jeremiah Tosi"]


def test_a_document_is_named_by_its_kind() -> None:
    found = run("A joint statement issued by Brierley's office after the talks said the leaders discussed fishing.")
    assert [s.speaker.name for s in found] == ["joint statement"]


def test_a_message_reads_in_part_and_its_quotation_runs_over_paragraphs() -> None:
    found = spans(
        "The President of Russia warmly congratulated Prime Minister Ravi Kumar on his re-election.",
        "A congratulatory message was also sent to Ravi Kumar. The message reads, in part:",
        "“Your victory shows the trust of your voters.",
        "We value our partnership highly.",
        "I hope our dialogue will go on.”",
        "The leaders agreed to stay in touch.",
        title="Telephone conversation with President Pavel Sokolov",
    )
    assert [text for _, text in found] == [
        "Your victory shows the trust of your voters",
        "We value our partnership highly",
        "I hope our dialogue will go on",
    ]
    assert {name for name, _ in found} == {"Pavel Sokolov"}


def test_excerpts_of_a_speech_announced_by_a_colon() -> None:
    found = spans(
        "President Sipho Moyo on Tuesday addressed a joint session of parliament.",
        "Read excerpts from President Sipho Moyo’s address below:",
        "“Our first goal is closer economic ties.",
        "“We must build factories that create jobs.",
    )
    assert found == [
        ("Sipho Moyo", "Our first goal is closer economic ties"),
        ("Sipho Moyo", "We must build factories that create jobs"),
    ]


def test_summary_bullets_before_the_body_are_nobodys_statements() -> None:
    found = run(
        "– Moyo speaks about easing trade frictions between the two countries",
        "– The president recalls how his hosts sheltered exiles",
        "President Sipho Moyo on Tuesday, March 12, addressed a joint session of parliament.",
        "Moyo said the two countries were like brothers.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [("Sipho Moyo", dt.date(2024, 3, 12))]


def test_this_is_what_x_said_gives_the_sentence_before() -> None:
    found = spans(
        "As neighbours and partners, the two countries had carried a heavy past. "
        "This is what Chancellor Otto Wendler said on Monday during the trip."
    )
    assert found == [("Otto Wendler", "As neighbours and partners, the two countries had carried a heavy past")]


def test_told_a_listener_and_a_day_then_a_clause() -> None:
    body = "Prime Minister Jeremiah Tosi told his Fijian counterpart on Friday (Mar 8) he would not allow bases."
    assert spans(body) == [("Jeremiah Tosi", "he would not allow bases")]
    assert spans("Lawyer Mateo Ibarra told local radio he fears for the consul's safety.") == [
        ("Mateo Ibarra", "he fears for the consul's safety")
    ]


def test_renewed_its_call() -> None:
    found = run(
        "The minister spoke after the Andean cabinet renewed its call on Monday for foreign trawlers to leave the bay."
    )
    assert [(s.speaker.name, s.date) for s in found] == [("Andean cabinet", dt.date(2024, 3, 11))]


def test_a_reported_clause_that_goes_on_with_and_that() -> None:
    found = spans(
        "In a statement, the President’s Office said the two met for an hour. "
        "The leaders “held wide-ranging talks,” and that the visiting president “offered help.”"
    )
    assert [name for name, _ in found] == ["President’s Office", "President’s Office"]


def test_a_numbered_channel_reports() -> None:
    assert spans("Channel 12 reported that the meeting went well.") == [("Channel 12", "the meeting went well")]


def test_a_statement_after_the_meeting_is_dated_by_the_meeting() -> None:
    found = run(
        "In a busy day Monday, Prime Minister Dan Avrahami met Jordanian Foreign Minister Omar Nabil.",
        "The two leaders spoke for an hour.",
        "In a statement after the meeting, Jordanian spokesperson Samir Adel said the talks had been frank.",
    )
    assert [(s.speaker.name, s.date) for s in found] == [("Samir Adel", dt.date(2024, 3, 11))]


def test_quotations_after_a_briefing_are_the_briefers() -> None:
    found = spans(
        "Mokoena's spokesperson Vusi Ndlovu held a media briefing on Wednesday.",
        "“Talks are going on in the background.",
        "“In the end, the two presidents will speak.”",
        "Ndlovu said the US remained a key trading partner.",
        "“This partnership has served both countries well.”",
        "It is important to keep building on it.",
        "There will be further meetings with officials.",
    )
    assert {name for name, _ in found} == {"Vusi Ndlovu"}
    assert [text for _, text in found][-2:] == [
        "It is important to keep building on it",
        "There will be further meetings with officials",
    ]


def test_a_briefing_opens_with_its_hosts_remarks_under_headings() -> None:
    found = spans(
        "Briefing by Foreign Ministry Spokeswoman Irina Volkova, October 2, 2025",
        "On the Foreign Minister’s talks in Bamako",
        "On October 4, the Foreign Minister will hold talks in Bamako on trade and energy.",
        "Question: Will the two sides sign an agreement?",
        "Answer: Documents are being prepared, and we expect them to be signed.",
        title="Briefing by Foreign Ministry Spokeswoman Irina Volkova, October 2, 2025",
        published=dt.date(2025, 10, 3),
    )
    assert found == [
        ("Irina Volkova", "On October 4, the Foreign Minister will hold talks in Bamako on trade and energy"),
        ("Irina Volkova", "Documents are being prepared, and we expect them to be signed"),
    ]


def test_an_honorific_label_is_the_briefer_the_header_line_names() -> None:
    found = run(
        "Dana Reyes, Department Spokesperson\nWashington, DC",
        "MS REYES: Good afternoon. We welcome the ceasefire along the river.",
        "QUESTION: Will you send observers?",
        "MS REYES: We are talking to both governments about it.",
        "(The briefing was concluded at 2:10 p.m.)",
        title="Department Press Briefing",
    )
    assert [(s.speaker.name, s.speaker.title) for s in found] == [("Dana Reyes", "Department Spokesperson")] * 2


def test_the_following_statement_runs_to_the_end_and_takes_the_announcements_day() -> None:
    found = run(
        "Lusaka, March 14 (ZNA) -- Deputy Minister Chanda Mwale issued the following press statement on Tuesday:",
        "The drills near our border are a provocation.",
        "We will take every measure needed to defend our territory.",
    )
    assert [(s.speaker.name, s.kind, s.date) for s in found] == [("Chanda Mwale", "direct", dt.date(2024, 3, 12))] * 2


def test_the_following_statement_stops_where_reporting_resumes() -> None:
    found = spans(
        "The Chilean Foreign Ministry issued the following statement on Monday:",
        "Chile will reopen the crossing to freight on 1 April.",
        "Peruvian envoy Pedro Reyes said on Thursday that trucks would cross first.",
        "(Reporting by Ana Costa; Editing by Tom Hale)",
    )
    assert found == [
        ("Chilean Foreign Ministry", "Chile will reopen the crossing to freight on 1 April"),
        ("Pedro Reyes", "trucks would cross first"),
    ]


def test_said_the_following_gives_the_next_paragraph_with_its_own_cue() -> None:
    [s] = run("Minister Ana Ruiz said the following on Monday:", "We will open the port in May.")
    assert (s.speaker.name, s.cue, s.date) == ("Ana Ruiz", "said", dt.date(2024, 3, 11))


def test_a_cue_before_a_colon_is_reporting_not_a_transcript_label() -> None:
    found = spans(
        "Chile and Peru agreed on Monday to reopen the port.",
        "Ruiz told reporters: We will open the port next month.",
        "The port handles a third of the trade between the two countries.",
        "Reyes added: Passenger traffic will follow.",
        "Officials expect the first trucks in April.",
    )
    assert [text for _, text in found] == ["We will open the port next month", "Passenger traffic will follow"]


def test_an_answer_labelled_by_title_alone_is_the_briefers() -> None:
    paragraphs = (
        "The following is a transcript of the weekly briefing given by Ms. Ana Ruiz, Spokesperson of the Ministry.",
        "Spokesperson Ana Ruiz: Good afternoon. The minister will travel to Quito next week.",
        "Question: Will he raise the fishing dispute?",
        "Spokesperson: Yes, the fishing dispute is on the agenda.",
    )
    assert spans(*paragraphs, title="Weekly press briefing by the Spokesperson") == [
        ("Ana Ruiz", "Good afternoon. The minister will travel to Quito next week"),
        ("Ana Ruiz", "Yes, the fishing dispute is on the agenda"),
    ]


def test_words_under_a_speakers_heading_are_theirs_and_of_the_meeting_day() -> None:
    found = run(
        "The Council on Tuesday held a debate on the border. The following are excerpts of the statements.",
        "LENA BRUN-SOLHEIM, Special Envoy of the Secretary-General for the Great Lakes:",
        "The situation has worsened since my last briefing. I call on all parties to respect the truce.",
        "PAUL MUGABO, Minister for Foreign Affairs of Burundi:",
        "My country has come before this Council many times. We want the troops withdrawn.",
        "We remain committed to the talks.",
    )
    assert [(s.speaker.name, s.speaker.country, s.kind, s.date) for s in found] == [
        ("Lena Brun-Solheim", None, "direct", dt.date(2024, 3, 12)),
        ("Paul Mugabo", "BI", "direct", dt.date(2024, 3, 12)),
        ("Paul Mugabo", "BI", "direct", dt.date(2024, 3, 12)),
    ]


def test_an_answer_label_after_the_briefer_spoke_by_name_is_hers() -> None:
    found = run(
        "Regular press briefing of the Ministry of Foreign Affairs (excerpts)",
        "Ines Duarte: Good morning. The minister will travel to Riga on Friday.",
        "Q: Will the crossing reopen?",
        "A: There are no plans to reopen the crossing at this time.",
    )
    assert [s.speaker.name for s in found] == ["Ines Duarte", "Ines Duarte"]


def test_a_spokesman_relays_the_ministers_words_and_the_statement_is_the_ministers() -> None:
    found = run(
        "Minister of Foreign Affairs and Emigration Karim Nassar received a call from his Omani counterpart.",
        "Spokesman Tamer Oweida said in a statement that Nassar underscored the depth of the ties.",
        "The two sides agreed to keep in touch, the statement concluded.",
    )
    assert [(s.speaker.name, s.speaker.title) for s in found] == [
        ("Karim Nassar", "Minister of Foreign Affairs and Emigration"),
        ("Karim Nassar", "Minister of Foreign Affairs and Emigration"),
    ]


def test_a_line_that_reports_or_introduces_is_no_speakers_heading() -> None:
    found = run(
        "The council met on Tuesday. Here is the full text:",
        "The port will open in May, and we will pay for it.",
        "Vera Osei, the envoy, told reporters on Wednesday:",
        "“We are ready.”",
        "Other business:",
        "Ana Ruiz: Good afternoon.",
        "Q: Will it open?",
        "A: Yes, in May.",
    )
    assert [(s.speaker.name, s.cue, s.date) for s in found] == [
        ("Vera Osei", "told", dt.date(2024, 3, 13)),
        ("Ana Ruiz", ":", dt.date(2024, 3, 14)),
        ("Ana Ruiz", ":", dt.date(2024, 3, 14)),
    ]
