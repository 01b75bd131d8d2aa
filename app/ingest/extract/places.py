"""Countries in text: names, demonyms, capitals and a few metonyms, mapped to ISO 3166-1 alpha-2.

Names, alternative spellings, demonyms and capitals come from ``countryinfo`` and ``pycountry``;
the short table below only adds forms news English uses that neither library carries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import pycountry
from countryinfo import all_countries

from app.ingest.extract.text import Token, tokenize
from app.names import strip_accents

FormKind = Literal["name", "demonym", "capital", "metonym"]

EXTRA_FORMS: dict[str, tuple[str, FormKind]] = {
    "U.S.": ("US", "name"),
    "US": ("US", "name"),
    "USA": ("US", "name"),
    "U.S.A.": ("US", "name"),
    "America": ("US", "name"),
    "Washington": ("US", "capital"),
    "White House": ("US", "metonym"),
    "Pentagon": ("US", "metonym"),
    "State Department": ("US", "metonym"),
    "Capitol Hill": ("US", "metonym"),
    "Britain": ("GB", "name"),
    "UK": ("GB", "name"),
    "U.K.": ("GB", "name"),
    "England": ("GB", "name"),
    "Scotland": ("GB", "name"),
    "Northern Ireland": ("GB", "name"),
    "Wales": ("GB", "name"),
    "Downing Street": ("GB", "metonym"),
    "Whitehall": ("GB", "metonym"),
    "Kremlin": ("RU", "metonym"),
    "Élysée": ("FR", "metonym"),
    "Elysee": ("FR", "metonym"),
    "Quai d'Orsay": ("FR", "metonym"),
    "Zhongnanhai": ("CN", "metonym"),
    # the first part of a name joined by 'and', as news copy shortens it
    "Trinidad": ("TT", "name"),
    "Bosnia": ("BA", "name"),
    "Antigua": ("AG", "name"),
    "Korea": ("KR", "name"),
    "ROK": ("KR", "name"),
    "DPRK": ("KP", "name"),
    "PRC": ("CN", "name"),
    "UAE": ("AE", "name"),
    "Türkiye": ("TR", "name"),
    "Turkiye": ("TR", "name"),
    "Saudi": ("SA", "demonym"),
    "Saudis": ("SA", "demonym"),
    "Argentine": ("AR", "demonym"),
    "Argentinian": ("AR", "demonym"),
    "Filipino": ("PH", "demonym"),
    "Philippine": ("PH", "demonym"),
    "Emirati": ("AE", "demonym"),
    "Kazakh": ("KZ", "demonym"),
    "Uzbek": ("UZ", "demonym"),
    "Kyrgyz": ("KG", "demonym"),
    "Tajik": ("TJ", "demonym"),
    "Lao": ("LA", "demonym"),
    "Slovenian": ("SI", "demonym"),
    "Ecuadorian": ("EC", "demonym"),
    "Bosnian": ("BA", "demonym"),
    "Nepali": ("NP", "demonym"),
    "Icelandic": ("IS", "demonym"),
    "Vatican": ("VA", "name"),
    "Holy See": ("VA", "name"),
    "Delhi": ("IN", "capital"),
    "Kiev": ("UA", "capital"),
    "Gaza": ("PS", "name"),
    "West Bank": ("PS", "name"),
    "Crimea": ("UA", "name"),
    "Donbas": ("UA", "name"),
    "Hong Kong": ("HK", "name"),
    "Macau": ("MO", "name"),
    "Macao": ("MO", "name"),
    "EU": ("EU", "name"),
    "E.U.": ("EU", "name"),
    "European Union": ("EU", "name"),
    "European": ("EU", "demonym"),
    "Europeans": ("EU", "demonym"),
    "Brussels": ("EU", "capital"),
    # Kosovo has the user-assigned code XK, which neither library carries.
    "Kosovo": ("XK", "name"),
    "Kosovar": ("XK", "demonym"),
    "Kosovars": ("XK", "demonym"),
    "Pristina": ("XK", "capital"),
    "Prishtina": ("XK", "capital"),
}
# Codes outside ISO 3166-1 that news English names as parties: the EU and Kosovo.
EXTRA_CODES = frozenset({"EU", "XK"})
# First parts of compounds such as Sino-US or Franco-German.
COMBINING_FORMS = {
    "sino": "CN",
    "indo": "IN",
    "franco": "FR",
    "russo": "RU",
    "anglo": "GB",
    "italo": "IT",
    "turco": "TR",
    "greco": "GR",
    "nippo": "JP",
    "americo": "US",
    "afghano": "AF",
}
# World regions, seas and groupings of countries: places, but never a country and never a speaker.
# ``countryinfo`` adds the UN regions and subregions it records for every country.
REGIONS = frozenset(
    {
        "Asia-Pacific",
        "Southeast Asia",
        "South Asia",
        "East Asia",
        "West Asia",
        "Central Asia",
        "West Africa",
        "East Africa",
        "North Africa",
        "Southern Africa",
        "Central Africa",
        "Horn of Africa",
        "Sahel",
        "Maghreb",
        "Levant",
        "Balkans",
        "Western Balkans",
        "Caucasus",
        "South Caucasus",
        "Scandinavia",
        "Baltics",
        "Gulf",
        "Persian Gulf",
        "Arabian Gulf",
        "Arctic",
        "Antarctica",
        "Antarctic",
        "Pacific",
        "South Pacific",
        "Atlantic",
        "Mediterranean",
        "Caribbean",
        "Eurasia",
        "Global South",
        "Global North",
        "Western Hemisphere",
        "Africa",
        "Asia",
        "Europe",
        "Americas",
        "Oceania",
        # the adjectives of regions and continents: 'African Affairs', 'Central Asian states'
        "African",
        "Pan-African",
        "East African",
        "West African",
        "North African",
        "Southern African",
        "Asian",
        "Central Asian",
        "South Asian",
        "Southeast Asian",
        "East Asian",
        "Arab",
        "Middle Eastern",
        "Nordic",
        "Baltic",
        "Balkan",
        "Eurasian",
        "Caucasian",
        "Sub-Saharan",
    }
)
# Forms that are usually something else in news English.
NOT_COUNTRIES = frozenset(
    {
        "Victoria",
        "Kingston",
        "Male",
        "Georgetown",
        "Praia",
        "Indian Ocean",
        "Latin American",
        "South American",
        "North American",
        "Central American",
        "Latin America",
        "South America",
        "North America",
        "Central America",
        "Indo-Pacific",
        "Anglo-Saxon",
        "New Year",
        "Chinese New Year",
        "French Polynesia",
        "Middle East",
    }
)


@dataclass(frozen=True, slots=True)
class Place:
    """A country mention: tokens ``[first, last]`` of a token list."""

    first: int
    last: int
    code: str
    kind: FormKind
    possessive: bool = False


def _latin(text: str) -> bool:
    return all(c.isascii() or (unicodedata.category(c).startswith("L") and c < "ɏ") for c in text)


@lru_cache(maxsize=1)
def gazetteer() -> dict[tuple[str, ...], tuple[str, FormKind]]:
    """Token sequence -> (country code, kind of form); accent-free variants included.

    A form shared by several countries (French, Indian, American) goes to the most populous;
    forms that are usually something else map to an empty code, so they are consumed unmatched.
    """
    current = {c.alpha_2 for c in pycountry.countries} | EXTRA_CODES
    candidates: dict[str, list[tuple[int, str, FormKind]]] = {}

    def add(form: str | None, code: str, kind: FormKind, weight: int) -> None:
        if not form or "," in form or not _latin(form) or code not in current:
            return
        if len(form) < 3 and form not in EXTRA_FORMS:
            return
        for variant in {form, strip_accents(form)}:
            candidates.setdefault(variant, []).append((weight, code, kind))

    for name, (code, kind) in EXTRA_FORMS.items():
        add(name, code, kind, 1 << 62)
    for info in all_countries():
        try:
            code = info.iso(2)
            population = int(info.population() or 0)
        except (KeyError, TypeError, ValueError):
            continue
        if not code:
            continue
        add(info.name(), code, "name", population + (1 << 40))
        for alt in info.alt_spellings() or ():
            if len(alt) > 3:
                add(alt, code, "name", population)
        demonym = info.demonym()
        if demonym:
            add(demonym, code, "demonym", population)
            if not demonym.endswith(("ese", "ss", "sh", "ch", "s")):
                add(demonym + "s", code, "demonym", population)
        capitals = info.capital()
        for capital in [capitals] if isinstance(capitals, str) else capitals or ():
            add(capital.replace(" D.C.", ""), code, "capital", population)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            add(getattr(country, attr, None), country.alpha_2, "name", 1 << 41)

    table: dict[tuple[str, ...], tuple[str, FormKind]] = {}
    for form, options in candidates.items():
        _, code, kind = max(options, key=lambda o: o[0])
        table.setdefault(tuple(t.text for t in tokenize(form)), (code, kind))
        if "'" in form:  # news copy prints "People’s Republic" with a curly apostrophe
            table.setdefault(tuple(t.text for t in tokenize(form.replace("'", "’"))), (code, kind))
    regions = set(REGIONS)
    for info in all_countries():
        try:
            regions.update(r for r in (info.region(), info.subregion()) if r)
        except (KeyError, TypeError, ValueError):
            continue
    for form in NOT_COUNTRIES | regions:
        table[tuple(t.text for t in tokenize(form))] = ("", "name")
    return table


@lru_cache(maxsize=1)
def _first_words() -> dict[str, int]:
    """For each word that can start a form, the length of the longest form it starts."""
    longest: dict[str, int] = {}
    for key in gazetteer():
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


def country_of_token(token: str) -> str | None:
    """The country a single word names (a name, a demonym or a capital), if any."""
    hit = gazetteer().get((token,))
    return hit[0] if hit and hit[0] else None


def _compound_parts(text: str) -> list[str] | None:
    """Codes of a hyphenated compound such as China-Russia, Sino-US or Japan-ROK-US."""
    parts = re.split(r"-(?=[A-Z])", text)
    if len(parts) < 2:
        return None
    codes = []
    for i, part in enumerate(parts):
        code = COMBINING_FORMS.get(part.lower()) if i < len(parts) - 1 else None
        if code is None:
            hit = gazetteer().get((part,))
            if hit is None or not hit[0]:
                return None
            code = hit[0]
        codes.append(code)
    return codes


def find_places(tokens: Sequence[Token], others: list[tuple[int, int]] | None = None) -> list[Place]:
    """Country mentions among ``tokens``, longest match first, left to right.

    Forms that name no country (a region, an ocean, 'Middle East') are consumed unmatched; their
    token ranges go to ``others`` when given.
    """
    table = gazetteer()
    starts = _first_words()
    found: list[Place] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        if not tok.text[:1].isupper():
            i += 1
            continue
        matched = False
        for size in range(min(starts.get(tok.text, 0), n - i), 0, -1):
            key = tuple(t.text for t in tokens[i : i + size])
            hit = table.get(key)
            if hit is not None:
                last = i + size - 1
                if not hit[0]:
                    if others is not None:
                        others.append((i, last))
                    i += size
                    matched = True
                    break
                possessive = last + 1 < n and tokens[last + 1].text in ("’s", "'s")
                found.append(Place(i, last, hit[0], hit[1], possessive))
                i += size
                matched = True
                break
        if matched:
            continue
        if "-" in tok.text:
            codes = _compound_parts(tok.text)
            if codes:
                found.extend(Place(i, i, code, "name") for code in codes)
        i += 1
    return found


def codes_in(tokens: Sequence[Token]) -> list[str]:
    """Distinct country codes mentioned among ``tokens``, in order of first mention."""
    return list(dict.fromkeys(p.code for p in find_places(tokens)))
