"""Who can be a speaker: people, offices, institutions and documents; never places or labels."""

from __future__ import annotations

from app.ingest.extract.model import ExtractedStatement
from tests.ingest.test_extract import only, run, spans


def test_a_region_or_a_sea_never_speaks() -> None:
    assert run("Europe said the sanctions would stay.") == []
    assert run("The Horn of Africa warned that the harvest had failed.") == []


def test_an_institution_with_its_acronym() -> None:
    s = only("The Andean Water Agency (AWA) announced on Wednesday that both dams would open in May.")
    assert (s.speaker.name, s.speaker.kind) == ("Andean Water Agency", "organization")


def test_a_body_known_by_its_initials_speaks() -> None:
    found = run(
        "The Coastal Fisheries Commission (CFC) met in Accra on Monday.",
        "The CFC said the quotas would be cut by a tenth.",
        "OPAL warned that the harbour fees were too high.",
    )
    assert [(s.speaker.name, s.speaker.kind, s.speaker.aliases) for s in found] == [
        ("Coastal Fisheries Commission", "organization", ("CFC",)),
        ("OPAL", "organization", ()),
    ]


def test_a_document_from_an_office_named_in_lower_case_is_the_offices() -> None:
    found = run(
        "According to a statement from the Zambian presidency, the two leaders agreed to open the bridge.",
        "A readout from the foreign ministry said the bridge would carry rail traffic too.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [
        ("Zambian presidency", "ZM"),
        ("foreign ministry", None),
    ]


def test_a_name_or_a_place_printed_in_capitals_is_not_a_body() -> None:
    assert run("NAIROBI said the quotas would be cut.") == []
    assert run("The quotas will be cut, ANA RUIZ said.") == []
    found = run("Trade Minister Ana Ruiz met the envoy.", "RUIZ said the quotas would be cut.")
    assert [(s.speaker.name, s.speaker.kind) for s in found] == [("Ana Ruiz", "person")]


def test_a_role_with_its_country_after_of() -> None:
    found = run(
        "Moldovan President Ion Ciobanu met the envoy in the morning.",
        "Later, the President of Moldova said further talks would follow.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [("Ion Ciobanu", "MD")]


def test_a_name_with_its_country_after_of() -> None:
    s = only("King Zayan of Jordan stressed that aid to the camps would continue.")
    assert (s.speaker.name, s.speaker.country) == ("King Zayan", "JO")


def test_a_monarch_or_pontiff_keeps_the_title_in_a_one_word_name() -> None:
    assert spans("Pope Anselm said peace was still possible.") == [("Pope Anselm", "peace was still possible")]
    assert spans("Queen Sigrun told the guests that the palace was theirs.") == [
        ("Queen Sigrun", "the palace was theirs")
    ]


def test_kosovo_is_a_party_with_its_own_code() -> None:
    s = only("Prime Minister of Kosovo Arben Dushi said the bridge would reopen.")
    assert (s.speaker.name, s.speaker.country) == ("Arben Dushi", "XK")


def test_section_labels_are_not_speakers() -> None:
    found = run(
        "Ukrainian Foreign Minister Olena Marchuk said the talks would resume in spring.",
        "Source: an interview with a local radio station",
        "Details: Marchuk described her counterpart's visit in December.",
        'Quote: "We saw real readiness to settle the disputes," the minister emphasised.',
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


def test_an_unnamed_office_of_a_named_body_speaks() -> None:
    s = only("Speaking to reporters on Monday, the Foreign Ministry spokesperson said the visit had gone well.")
    assert s.speaker.name == "Foreign Ministry spokesperson"


def test_a_definite_document_is_the_one_of_the_same_kind() -> None:
    found = run(
        "A joint communiqué said both sides would expand trade in grain.",
        "According to the readout, the leaders agreed to resume flights.",
        "The communiqué also said a new consulate would open.",
    )
    assert [s.speaker.name for s in found] == ["joint communiqué", "readout", "joint communiqué"]


def test_his_highness_is_the_person_given_that_title() -> None:
    found = run(
        "His Highness Sheikh Rashid bin Hamad welcomed the delegation to the palace.",
        "His Highness Sheikh Rashid bin Hamad emphasised that trade had doubled.",
        "“Our ties are strong,” His Highness stated.",
    )
    assert [s.speaker.name for s in found] == ["Rashid bin Hamad", "Rashid bin Hamad"]


def test_a_statement_by_a_named_spokesman_is_his_and_it_refers_back_to_him() -> None:
    found = run(
        "According to a statement by the press aide to the Minister of Trade, Dr. Tunde Bello, "
        "his principal had travelled to Accra to meet traders.",
        "It stated: “The minister met the traders’ union on Tuesday.”",
        "He disclosed that more meetings would follow.",
    )
    assert [s.speaker.name for s in found] == ["Tunde Bello", "Tunde Bello", "Tunde Bello"]
    assert found[0].speaker.title == "press aide to the Minister of Trade"


def test_a_role_goes_to_the_person_whose_title_does_not_say_otherwise() -> None:
    found = run(
        "Rahul Mehta and European Commission President Greta Lind agreed on a deal on Monday.",
        "The prime minister said the two had reached a turning point.",
    )
    assert [s.speaker.name for s in found] == ["Rahul Mehta"]


def test_a_shared_surname_goes_to_the_one_with_that_title() -> None:
    found = run(
        "Foreign Minister Karim Rahman said the talks were useful.",
        "Meanwhile, Foreign Secretary Jamil Rahman is travelling to Beijing.",
        "Earlier, Foreign Minister Rahman said the border would stay open.",
    )
    assert [s.speaker.name for s in found] == ["Karim Rahman", "Karim Rahman"]


def test_a_name_described_by_an_apposition_speaks() -> None:
    s = only(
        "Pak Sol Hui, the niece of the ruling party's chairman and a senior official herself, "
        "has dismissed the idea of a summit with the neighbouring country's premier."
    )
    assert s.speaker.name == "Pak Sol Hui"


def test_a_demonym_and_a_role_are_not_an_office_of_their_own() -> None:
    found = run(
        "Somali Prime Minister Abdi Warsame arrived in Doha.",
        "The Somali premier highlighted the close ties between his country and Qatar.",
    )
    assert [s.speaker.name for s in found] == ["Abdi Warsame"]


def test_two_apostrophes_quote_like_a_double_mark() -> None:
    s = only("''The two countries are maintaining good ties,'' Sheikh Hamad bin Rashid stated.")
    assert (s.speaker.name, s.kind) == ("Hamad bin Rashid", "direct")


def test_a_reported_clause_after_a_quotation_is_not_part_of_it() -> None:
    body = '“Friendship must be kept,” said President Ana Torres, adding that "separation is suicide."'
    s = only(body)
    assert body[s.start : s.end] == "Friendship must be kept"


def test_an_institution_named_with_of_and_its_acronym_later() -> None:
    found = run(
        "BRUSSELS – The European Fisheries Board (EFB) announced on Wednesday that quotas would be cut.",
        "According to the statement of EFB, the cut will apply from June.",
    )
    assert [s.speaker.name for s in found] == ["European Fisheries Board", "European Fisheries Board"]


def test_according_to_inside_the_sentence() -> None:
    body = "The talks, according to the Ministry of Home Affairs, covered ways to expand trade."
    s = only(body)
    assert s.speaker.name == "Ministry of Home Affairs"
    assert body[s.start : s.end] == body.rstrip(".")


def test_the_medium_between_source_and_cue_is_not_the_source() -> None:
    s = only("The Ministry of Home Affairs on Facebook also said the two envoys discussed trade.")
    assert s.speaker.name == "Ministry of Home Affairs"


def test_a_single_quotation_left_open_runs_into_the_next_paragraph() -> None:
    found = run(
        "‘The minister also met the new ambassador at the ministry today.",
        "‘The two sides looked at ways to widen cooperation,’ the Ministry of Foreign Affairs said.",
    )
    assert [(s.speaker.name, s.kind) for s in found] == [("Ministry of Foreign Affairs", "direct")] * 2


def test_a_name_after_an_article_is_a_things() -> None:
    found = run(
        "Aroha Ngata and European Council President Pieter Claes agreed a deal on Monday.",
        'The prime minister said the deal, known as the "Tasman Framework", was historic.',
    )
    assert [s.speaker.name for s in found] == ["Aroha Ngata"]


def test_a_name_in_apposition_to_a_role() -> None:
    s = only("The spokesperson for the ministry, Jane Doyle, said the embassy would reopen.")
    assert (s.speaker.name, s.speaker.title) == ("Jane Doyle", "spokesperson for the ministry")


def test_a_readout_from_an_institution_is_the_institutions() -> None:
    assert spans("The talks will resume in April, according to a readout from the White House.") == [
        ("White House", "The talks will resume in April")
    ]


def test_a_surname_that_is_also_a_capital() -> None:
    found = run(
        "In a televised address, Brazilian President Paulo Lima said the deal was fair.",
        "Asked whether it would work, Lima said: “Time will tell.”",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [("Paulo Lima", "BR")] * 2


def test_countries_speaking_stay_apart_and_keep_their_names() -> None:
    found = run("Peru said the border would reopen.", "China said it opposed the visit.")
    assert [s.speaker.name for s in found] == ["Peru", "China"]


def test_where_an_institution_sits_is_not_the_source() -> None:
    assert spans("The Foreign Ministry in New Delhi said it opposed the visit.") == [
        ("Foreign Ministry", "it opposed the visit")
    ]


def test_a_person_named_in_the_content_brings_their_country() -> None:
    found = run(
        "Serbian President Dragan Novak met envoys on Monday.",
        "Prime Minister of Kosovo Arben Dushi said there could be no deal with Novak.",
    )
    assert "RS" in found[0].countries


def test_the_articles_pair_counts_its_speakers_countries() -> None:
    found = run(
        "Mongolian President Batbayar Enkh said the talks were open.",
        "Kazakh President Nurlan Sadykov said ties were strong.",
        "The world is watching, Enkh said.",
        title="Enkh hosts Sadykov in Ulaanbaatar",
    )
    assert set(found[-1].countries) == {"MN", "KZ"}


def test_northern_ireland_is_part_of_the_united_kingdom() -> None:
    s = only("Irish Prime Minister Sean Byrne said trade with Northern Ireland would grow.")
    assert "GB" in s.countries


def test_pm_is_a_prime_minister() -> None:
    found = run(
        "Vietnamese Prime Minister Tran Duc Hieu received the visiting minister.",
        "The PM proposed that both sides keep the river talks going.",
    )
    assert [s.speaker.name for s in found] == ["Tran Duc Hieu"]


def test_a_statement_from_someones_office_is_the_offices() -> None:
    assert spans("A statement from Golan's office said the talks had been constructive.") == [
        ("Golan's office", "the talks had been constructive")
    ]


def test_told_reporters_then_a_clause_without_that() -> None:
    assert spans("Kremlin spokesman Ilya Voronin told reporters such a meeting was not on the agenda.") == [
        ("Ilya Voronin", "such a meeting was not on the agenda")
    ]


def test_a_role_tells_the_country_and_title_of_someone_named_without_them() -> None:
    found = run(
        "Almaz Toktogulov thanked Nurlan Abenov for his hospitality and praised the visit.",
        "“Our meeting will strengthen the ties,” the Kyrgyz President said.",
    )
    assert [(s.speaker.name, s.speaker.country, s.speaker.title) for s in found][-1] == (
        "Almaz Toktogulov",
        "KG",
        "Kyrgyz President",
    )


def test_the_other_side_of_the_articles_pair_is_implied_not_stated() -> None:
    found = run(
        "US Secretary of State Mark Reed met Raj Mehta in Geneva.",
        "“We have a remarkable partnership with India,” Reed said.",
        "“Our ties with the United States have never been stronger,” Mehta said.",
        title="In Geneva, Mehta and Reed talk on India-US ties",
    )
    by_name = {s.speaker.name: s.speaker for s in found}
    assert (by_name["Mark Reed"].country, by_name["Mark Reed"].implied_country) == ("US", None)
    assert (by_name["Raj Mehta"].country, by_name["Raj Mehta"].implied_country) == (None, "IN")


def test_a_possessive_role_then_a_name_in_apposition() -> None:
    s = only("The ministry’s spokesman, Karim Nassar, said the embassy would stay open.")
    assert s.speaker.name == "Karim Nassar"


def test_a_ministers_role_is_not_a_ministrys_spokesman() -> None:
    found = run(
        "The ministry’s spokesman, Karim Nassar, said the embassy would stay open.",
        "Foreign Minister Leila Haddad met the envoy.",
        "Asked about the sanctions, the minister replied: “They will not work.”",
    )
    assert [s.speaker.name for s in found] == ["Karim Nassar", "Leila Haddad"]


def test_an_envoy_posted_to_a_country_speaks_for_the_one_he_comes_from() -> None:
    found = run(
        "Minister of Foreign Affairs Joseph Mwangi received the Envoy of the People’s Republic of Bangladesh "
        "to Kenya, Ambassador Rezaul Karim, on Wednesday.",
        "The Ministry of Foreign Affairs said both had discussed trade.",
        title="Mwangi meets Bangladeshi envoy in Nairobi",
    )
    [s] = found
    assert (s.speaker.name, s.speaker.country, s.speaker.implied_country) == ("Ministry of Foreign Affairs", None, "KE")


def test_a_spokesperson_of_a_person_follows_that_persons_side() -> None:
    found = run(
        "US President Dan Reeves said he would cut aid.",
        "Nkosi's spokesperson Lwazi Khumalo said the two leaders would talk soon.",
        title="South Africa's presidency says Nkosi will still host Reeves",
    )
    assert [(s.speaker.name, s.speaker.implied_country) for s in found] == [
        ("Dan Reeves", None),
        ("Lwazi Khumalo", "ZA"),
    ]


def test_a_monarch_of_a_country_keeps_it_when_named_again() -> None:
    found = run(
        "The President invited His Majesty King Samir of Jordan to join the talks.",
        "King Samir stressed Jordan’s support for Lebanon.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [("King Samir", "JO")]


def test_a_calendar_abbreviation_can_close_a_name() -> None:
    assert only("Chinese envoy Gao Jun said the talks were frank.").speaker.name == "Gao Jun"


def _talks(*quoted: str) -> list[ExtractedStatement]:
    return run(
        "Chile and Peru agreed to reopen the border crossing on Monday.",
        "Peru’s trade ministry welcomed the step, and Chile’s farmers hope for more exports.",
        *quoted,
        title="Border crossing to reopen",
    )


def test_the_country_a_speaker_calls_the_other_party_is_not_theirs() -> None:
    [s] = _talks("“We are in close touch with our Peruvian counterparts,” said spokesman Tomas Vidal.")
    assert (s.speaker.name, s.speaker.country, s.speaker.implied_country) == ("Tomas Vidal", None, "CL")


def test_a_role_the_speaker_names_on_the_other_side_counts_too() -> None:
    [s] = _talks("Spokesman Tomas Vidal said the Peruvian president would visit next month.")
    assert s.speaker.implied_country == "CL"


def test_no_side_is_implied_when_the_other_party_leaves_two_countries() -> None:
    [s] = run(
        "Chile, Bolivia and Peru agreed to reopen the border crossing on Monday.",
        "Peru’s trade ministry welcomed the step, Bolivia’s drivers cheered, and Chile’s farmers hope for more.",
        "“We are in close touch with our Peruvian counterparts,” said spokesman Tomas Vidal.",
        title="Border crossing to reopen",
    )
    assert (s.speaker.country, s.speaker.implied_country) == (None, None)


def test_a_principal_of_the_lead_takes_one_side_of_the_pair() -> None:
    [s] = run(
        "Japanese Prime Minister Ken Aoki hosted William Otieno in Tokyo on Monday.",
        "“Kenya welcomes investors from Japan,” Otieno said.",
        title="Kenya and Japan sign a port deal",
    )
    assert (s.speaker.name, s.speaker.country, s.speaker.implied_country) == ("William Otieno", None, "KE")


def test_a_role_with_a_qualifier_is_the_person_whose_title_has_it() -> None:
    found = run(
        "Zambia's foreign minister said on Tuesday the border would reopen.",
        "Foreign Minister Chanda Mwale spoke after talks in Lusaka.",
        "Earlier, Zambia's Home Affairs Minister Joseph Phiri told parliament that smuggling had fallen.",
    )
    assert [s.speaker.name for s in found] == ["Chanda Mwale", "Joseph Phiri"]


def test_the_statement_named_again_speaks_for_its_issuer() -> None:
    found = spans(
        "The tariffs will be lifted at midnight, according to a statement issued on Monday by Zambia's presidency.",
        "The statement said power exports would resume.",
    )
    assert [speaker for speaker, _ in found] == ["Zambia's presidency", "Zambia's presidency"]


def test_a_statement_from_a_ministry_with_a_long_name_speaks_for_the_ministry() -> None:
    s = only(
        "According to a statement from Zambia's Ministry of Foreign Affairs and International Cooperation, "
        "the border will reopen next week."
    )
    assert s.speaker.name == "Zambia's Ministry of Foreign Affairs and International Cooperation"


def test_a_name_in_apposition_to_a_role_with_modifiers_and_a_rank() -> None:
    assert spans(
        "In Maputo, Kivara Province's information minister, Tomas Mabunda, told reporters that the road was open.",
        "The army spokesperson, Col. Rui Macuacua, said that troops had withdrawn.",
        "A Navy spokesperson, Commodore Lidia Matsinhe, said in a statement that patrols would continue.",
    ) == [
        ("Tomas Mabunda", "the road was open"),
        ("Rui Macuacua", "troops had withdrawn"),
        ("Lidia Matsinhe", "patrols would continue"),
    ]


def test_a_word_capitalised_for_opening_a_sentence_is_nobody() -> None:
    found = spans(
        "Good morning and welcome to our coverage of the talks. Follow the latest updates below.",
        "09:05 CET Foreign Minister Lidia Moraru has welcomed the delegations.",
        "“We are here to work,” she told journalists.",
    )
    assert found == [("Lidia Moraru", "We are here to work")]


def test_an_embassy_is_named_with_its_city_and_two_embassies_stay_two() -> None:
    assert spans(
        "The Chilean embassy in Lima said in a post that the claims were absurd.",
        "In a statement, the Bolivian Embassy in Santiago said the ambassador had visited the family.",
        "The embassy said the visit was private.",
    ) == [
        ("Chilean embassy in Lima", "the claims were absurd"),
        ("Bolivian Embassy in Santiago", "the ambassador had visited the family"),
        ("Bolivian Embassy in Santiago", "the visit was private"),
    ]


def test_a_portfolio_between_title_and_name_is_not_part_of_the_name() -> None:
    s = only("The Commissioner for Enlargement Petra Novak said the chapters were closed.")
    assert s.speaker.name == "Petra Novak"


def test_a_ministry_named_for_its_portfolio_is_not_a_person() -> None:
    assert spans(
        "The catch fell by a third, according to the Ministry of Fisheries.",
        "Prices will rise, said Minister of Health Ana Ruiz.",
    ) == [("Ministry of Fisheries", "The catch fell by a third"), ("Ana Ruiz", "Prices will rise")]


def test_a_portfolio_is_part_of_the_title_before_or_after_it() -> None:
    found = run(
        "Malian Energy Minister Oumar Traore said the dam would be finished in June.",
        "Minister of Health Awa Keita said the clinics would stay open.",
    )
    assert [(s.speaker.name, s.speaker.title, s.speaker.country) for s in found] == [
        ("Oumar Traore", "Energy Minister", "ML"),
        ("Awa Keita", "Minister of Health", None),
    ]


def test_a_minister_named_by_portfolio_alone_is_named_by_the_office() -> None:
    s = only("The Minister of Fisheries said the quota was fair.")
    assert (s.speaker.name, s.speaker.title) == ("Minister of Fisheries", "Minister of Fisheries")


def test_a_surname_in_ing_opening_a_sentence_is_a_name() -> None:
    assert spans(
        "Fleming, speaking after the talks, said the port would reopen.",
        "Citing security concerns, the ministry said the border would stay shut.",
    ) == [("Fleming", "the port would reopen"), ("ministry", "the border would stay shut")]


def test_a_given_name_like_a_portfolio_stays_after_a_plain_of() -> None:
    s = only("The envoy met the brother of Clarence Kofi Mensah, who said the talks were useful.")
    assert s.speaker.name == "Clarence Kofi Mensah"


def test_a_name_with_an_age_in_apposition() -> None:
    assert spans("“We only want them home,” Tomas Vidal, 54, said.", "Rosa Vidal, 51, said the boats were seized.") == [
        ("Tomas Vidal", "We only want them home"),
        ("Rosa Vidal", "the boats were seized"),
    ]


def test_joint_documents_and_analysts_take_no_side_of_the_pair() -> None:
    found = run(
        "US Secretary of State Mark Reed met Raj Mehta in Munich.",
        "“We have an extraordinary partnership with India,” Reed said.",
        "A joint statement said trade would grow.",
        "Analyst Mira Hasse said the deal was fragile.",
        title="In Munich, Mehta and Reed talk on India-US ties",
    )
    assert [(s.speaker.name, s.speaker.implied_country) for s in found][1:] == [
        ("joint statement", None),
        ("Mira Hasse", None),
    ]


def test_an_institution_with_its_initials_inside_the_name() -> None:
    s = only("The Southern Lakes Union (SLU) secretariat said in a statement that it welcomed the deal.")
    assert (s.speaker.name, s.speaker.aliases) == ("Southern Lakes Union secretariat", ("SLU",))


def test_the_given_name_said_inside_a_name_is_not_the_verb() -> None:
    assert spans("Amina Said Kombo said the ferry would resume.") == [("Amina Said Kombo", "the ferry would resume")]


def test_a_title_with_a_long_portfolio_before_a_comma_and_the_name() -> None:
    s = only("Uganda's Minister for Trade and Regional Cooperation, Ruth Nakato, said the tariffs would fall.")
    assert (s.speaker.name, s.speaker.country) == ("Ruth Nakato", "UG")
    assert s.speaker.title == "Uganda's Minister for Trade and Regional Cooperation"


def test_a_person_described_by_nationality_speaks_for_that_country() -> None:
    found = run(
        "“We have waited a week,” said Peter Odaro, a Kenyan trucker bound for the coast.",
        "Lina Haddad, a Jordanian farmer, said the water had not come.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [("Peter Odaro", "KE"), ("Lina Haddad", "JO")]


def test_a_role_in_the_lead_finds_the_person_named_after_it_by_portfolio() -> None:
    found = run(
        "Rwanda agreed on Wednesday to lift the fuel levy, Rwanda's trade minister said.",
        "“The trucks can move again,” Trade Cabinet Secretary Alice Uwase told reporters.",
        "“I have waited four days,” said Eric Habimana, a Rwandan driver.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [
        ("Alice Uwase", "RW"),
        ("Alice Uwase", "RW"),
        ("Eric Habimana", "RW"),
    ]


def test_a_country_acting_inside_reported_words_is_not_their_source() -> None:
    assert run("Rwanda agreed to lift the fuel levy, Rwanda's trade minister said.") == []


def test_a_title_with_a_list_of_portfolios_before_the_name() -> None:
    s = only("Fiji's Minister of Lands, Forests and Mineral Resources, Sala Tuilagi, said the mine would close.")
    assert (s.speaker.name, s.speaker.country) == ("Sala Tuilagi", "FJ")
    assert s.speaker.title == "Fiji's Minister of Lands, Forests and Mineral Resources"


def test_a_participle_after_a_comma_has_no_source_after_it() -> None:
    assert spans(
        "Chile has raised the detentions with Peru, the foreign ministry said, urging Lima to free the crews."
    ) == [("foreign ministry", "Chile has raised the detentions with Peru")]


def test_one_persons_offices_in_a_row_before_the_name() -> None:
    found = run(
        "Minister of State, Minister of Foreign Affairs and Nationals Abroad, Karim Benali, received "
        "his Tunisian counterpart, Minister of Foreign Affairs, Cooperation and Tunisians Abroad, Hedi Mansour.",
        "Benali said the two countries shared the same resolve.",
        "The minister pointed out that the border crossing would open in May.",
        "For his part, the Tunisian minister stressed the need for a second crossing.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [
        ("Karim Benali", None),
        ("Karim Benali", None),
        ("Hedi Mansour", "TN"),
    ]
    assert found[2].speaker.title == "Minister of Foreign Affairs, Cooperation and Tunisians Abroad"


def test_the_adjective_of_a_continent_or_region_is_not_a_name() -> None:
    s = only("Minister for Trade and African Affairs, Ana Mbeki, said the corridor was ready.")
    assert (s.speaker.name, s.speaker.title) == ("Ana Mbeki", "Minister for Trade and African Affairs")
    s = only("Benin's Minister for Foreign Affairs and West African Integration, Paul Agbo, said the port was open.")
    assert (s.speaker.name, s.speaker.country) == ("Paul Agbo", "BJ")


def test_an_ambassador_in_a_capital_speaks_for_the_country_that_sent_her() -> None:
    found = run(
        "Chile’s ambassador in Lima, Rosa Vidal Soto, described the talks as “hard but fair” and said "
        "both sides wanted a deal.",
        "“We will get there,” she told this newspaper.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [("Rosa Vidal Soto", "CL")] * 2
    assert found[0].cue == "described"


def test_he_after_a_sentence_whose_subject_is_a_name_with_its_apposition() -> None:
    found = run(
        "“The river is ours to share,” Nurlan Abenov said in an interview on Wednesday.",
        "In Khujand, Ilyas Dosov, deputy head of the water agency, struck a similar note. "
        "“The treaty shows we can agree,” he told reporters on Tuesday.",
    )
    assert [(s.speaker.name, s.speaker.title) for s in found] == [
        ("Nurlan Abenov", None),
        ("Ilyas Dosov", "deputy head of the water agency"),
    ]


def test_a_body_named_inside_a_title_before_the_name() -> None:
    found = run(
        "Malian government spokesman Oumar Keita said the talks would resume.",
        "“We are ready,” Guinea's Armed Forces Minister Sekou Camara said at the ceremony.",
        "Ivorian President Awa Kone met her Ghanaian counterpart, President Kofi Asante, in Abidjan.",
        "Asante said the border would reopen.",
    )
    assert [(s.speaker.name, s.speaker.title, s.speaker.country) for s in found] == [
        ("Oumar Keita", "government spokesman", "ML"),
        ("Sekou Camara", "Armed Forces Minister", "GN"),
        ("Kofi Asante", "President", "GH"),
    ]


def test_a_body_with_its_initials_between_commas() -> None:
    s = only("The U.N. food agency, WFP, said it was “deeply worried” and urged both sides to open the roads.")
    assert (s.speaker.name, s.speaker.aliases) == ("U.N. food agency", ("WFP",))


def test_a_place_after_in_is_where_the_source_is() -> None:
    assert spans(
        "Pedro Lima in Lisbon said the port was open.",
        "One reader in Kavala wrote that the name mattered.",
    ) == [("Pedro Lima", "the port was open")]


def test_portfolios_joined_by_and_are_one_title_not_two_sources() -> None:
    found = run(
        "Namibia and Angola will reopen the rail link next month, Namibia's transport minister said on Thursday, "
        "as queues of trucks that carry fuel grew longer.",
        "“We have agreed on a date,” Transport and Logistics Minister Selma Nangolo told reporters.",
        "Ana Ruiz and President Tomas Lee said the talks were useful.",
    )
    assert [(s.speaker.name, s.speaker.title) for s in found] == [
        ("Selma Nangolo", "Transport and Logistics Minister"),
        ("Selma Nangolo", "Transport and Logistics Minister"),
    ]
    assert found[0].end - found[0].start == len("Namibia and Angola will reopen the rail link next month")


def test_the_head_of_a_countrys_diplomacy_is_its_foreign_minister() -> None:
    found = run(
        "Bolivian Foreign Minister Celia Anquiro met her Peruvian counterpart in Copacabana.",
        "At the close of the meeting, the head of Bolivian diplomacy stated that the plan would cost millions.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [("Celia Anquiro", "BO")]


def test_a_body_named_with_its_country_after_of() -> None:
    found = run(
        "The Growers Association of Zambia welcomed the ban, saying farmers had lost sales.",
        "The Ministry of Foreign Affairs of Chile said the talks went well.",
        "His Excellency Omar Al-Qastani said the fund would help.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [
        ("Growers Association of Zambia", "ZM"),
        ("Ministry of Foreign Affairs of Chile", "CL"),
        ("Omar Al-Qastani", None),
    ]


def test_a_title_of_a_named_body_before_the_comma_and_the_name() -> None:
    found = run(
        "The head of the Joint Chamber of Commerce, Reza Karimi, told the programme that trade would grow.",
        "The governor of Peru's Tacna department, Ana Soto Vidal, told a local radio station that the road was shut.",
        "Soto conceded that the repairs were late, but insisted the road would reopen.",
    )
    assert [(s.speaker.name, s.speaker.country) for s in found] == [
        ("Reza Karimi", None),
        ("Ana Soto Vidal", "PE"),
        ("Ana Soto Vidal", "PE"),
    ]
    assert found[2].cue == "conceded"


def test_an_apposition_naming_the_body_a_title_is_of() -> None:
    s = only("K Murugan, president of the Lakeside Boat Owners' Association, told reporters the boats would stay in.")
    assert (s.speaker.name, s.speaker.title) == ("K Murugan", "president of the Lakeside Boat Owners' Association")
