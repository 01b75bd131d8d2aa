"""The title normaliser on invented phrases: offices, organisations, countries, and what is never a title."""

from __future__ import annotations

import pytest

from app.speakers.titles import OFFICES, parse_title


@pytest.mark.parametrize(
    ("raw", "title", "office", "countries"),
    [
        ("Ruritania’s president", "President", "President", ()),
        ("Russia’s president", "President", "President", ("RU",)),
        ("Turkey's president", "President", "President", ("TR",)),
        ("the Chinese president", "President", "President", ("CN",)),
        ("Prime Minister of Vanuatu", "Prime Minister", "Prime Minister", ("VU",)),
        ("India's External Affairs Minister", "External Affairs Minister", "Foreign Minister", ("IN",)),
        ("Israel's defence minister", "Defence minister", "Defence Minister", ("IL",)),
        ("Minister for Foreign Affairs of Singapore", "Minister for Foreign Affairs", "Foreign Minister", ("SG",)),
        ("Deputy Foreign Minister", "Deputy Foreign Minister", "Deputy Foreign Minister", ()),
        (
            "Chinese Foreign Ministry spokesperson",
            "Foreign Ministry spokesperson",
            "Foreign Ministry Spokesperson",
            ("CN",),
        ),
        ("spokesperson for the ministry", "Spokesperson for the ministry", "Spokesperson", ()),
        ("Chinese Ambassador to the United States", "Ambassador to the United States", "Ambassador", ("CN",)),
        ("Ambassador of Brazil to Kenya", "Ambassador to Kenya", "Ambassador", ("BR",)),
        ("Special Envoy for Ukraine", "Special Envoy for Ukraine", "Envoy", ()),
        ("US Secretary of State", "Secretary of State", "Secretary of State", ("US",)),
    ],
)
def test_offices_and_countries(raw: str, title: str, office: str, countries: tuple[str, ...]) -> None:
    parsed = parse_title(raw)
    assert (parsed.title, parsed.office, parsed.countries) == (title, office, countries)
    assert parsed.office in OFFICES


@pytest.mark.parametrize(
    "raw",
    ["counterpart", "his counterpart", "leader", "the two leaders", "who met the envoy on Monday", "said on Friday"],
)
def test_relations_and_fragments_are_never_titles(raw: str) -> None:
    parsed = parse_title(raw)
    assert (parsed.title, parsed.office) == (None, None)


def test_a_demonym_before_a_relation_still_gives_the_country() -> None:
    parsed = parse_title("his Chinese counterpart")
    assert (parsed.title, parsed.office, parsed.countries) == (None, None, ("CN",))


def test_a_leading_conjunction_is_dropped() -> None:
    parsed = parse_title("and President of the European Commission")
    assert parsed.title == "President of the European Commission"
    assert (parsed.office, parsed.organization, parsed.organization_country) == (
        "President",
        "European Commission",
        "EU",
    )


def test_organisations_give_their_country_as_an_inference() -> None:
    kremlin = parse_title("Kremlin spokesman")
    assert (kremlin.office, kremlin.organization, kremlin.organization_country, kremlin.countries) == (
        "Spokesperson",
        "Kremlin",
        "RU",
        (),
    )
    ministry = parse_title("Foreign Ministry spokesperson")
    assert (ministry.office, ministry.organization, ministry.countries) == (
        "Foreign Ministry Spokesperson",
        "Ministry of Foreign Affairs",
        (),
    )


def test_a_persons_possessive_names_whose_office_it_is() -> None:
    parsed = parse_title("Zorbo's spokesman")
    assert (parsed.title, parsed.office, parsed.possessor) == ("Spokesman", "Spokesperson", "Zorbo")


def test_offices_held_in_a_few_countries_say_where() -> None:
    assert parse_title("Vice Premier").office_countries == frozenset({"CN"})
    assert parse_title("Chancellor").office_countries == frozenset({"DE", "AT"})
    assert parse_title("President").office_countries == frozenset()


def test_a_former_office_is_not_held() -> None:
    for raw in ("former President", "ex-president"):
        parsed = parse_title(raw)
        assert (parsed.title, parsed.office, parsed.former) == ("President", None, True)


def test_a_clean_title_reads_back_to_the_same_office() -> None:
    for raw in ("Russia's foreign minister", "Chinese Foreign Ministry spokesperson", "Putin's spokesman"):
        first = parse_title(raw)
        assert first.title is not None
        assert parse_title(first.title).office == first.office
