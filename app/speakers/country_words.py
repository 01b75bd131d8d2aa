"""Words that name a country in a speaker's title or name: names, demonyms, possessives, institutions.

Built from ``countryinfo`` and ``pycountry``; the table below adds the forms of news English that
neither carries (institutions that stand for a country, short names, the European Union).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pycountry
from anyascii import anyascii
from countryinfo import all_countries

# Forms the libraries lack, folded. Capitals stand for their governments ('Beijing's envoy');
# institutions ('Kremlin') are organisations, in ``titles``.
EXTRA = {
    "us": "US",
    "u s": "US",
    "usa": "US",
    "america": "US",
    "washington": "US",
    "britain": "GB",
    "great britain": "GB",
    "uk": "GB",
    "u k": "GB",
    "prc": "CN",
    "beijing": "CN",
    "moscow": "RU",
    "korea": "KR",
    "korean": "KR",
    "south korea": "KR",
    "rok": "KR",
    "north korea": "KP",
    "dprk": "KP",
    "turkiye": "TR",
    "uae": "AE",
    "emirati": "AE",
    "saudi": "SA",
    "philippine": "PH",
    "filipino": "PH",
    "argentine": "AR",
    "kazakh": "KZ",
    "uzbek": "UZ",
    "kyrgyz": "KG",
    "tajik": "TJ",
    "lao": "LA",
    "nepali": "NP",
    "vatican": "VA",
    "holy see": "VA",
    "eu": "EU",
    "european union": "EU",
    "brussels": "EU",
    "taiwan": "TW",
    "taiwanese": "TW",
    "hong kong": "HK",
    "palestinian": "PS",
    "palestine": "PS",
    "iranian": "IR",
    "iran": "IR",
    "russia": "RU",
    "syria": "SY",
    "vietnam": "VN",
    "viet nam": "VN",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czech": "CZ",
    "czechia": "CZ",
}
# Library forms that are names or words more often than countries in a title.
NOT_FORMS = frozenset({"mann", "manx", "viti", "eire", "chad"})
# Longest form, in words: 'Democratic Republic of the Congo' and the like.
MAX_WORDS = 6


def fold(text: str) -> str:
    """Lower case, ASCII, words separated by single spaces ('Côte d’Ivoire' -> 'cote d ivoire')."""
    ascii_text = anyascii(text).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in ascii_text).split())


@lru_cache(maxsize=1)
def forms() -> dict[str, str]:
    """Every known form (folded) -> ISO 3166-1 alpha-2 code."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                table.setdefault(fold(value), country.alpha_2)
    # a demonym several countries share ('Indian') belongs to the most populous of them
    for _population, code, info in sorted(_with_codes(), key=lambda row: (-row[0], row[1])):
        for value in (info.name(), info.demonym(), *(info.alt_spellings() or ())):
            if value and len(value) > 3:
                table.setdefault(fold(value), code)
    for noise in NOT_FORMS:
        table.pop(noise, None)
    table.update(EXTRA)
    return table


def _with_codes() -> list[tuple[int, str, Any]]:
    rows = []
    for info in all_countries():
        try:
            code, population = info.iso(2), int(info.population() or 0)
        except (KeyError, TypeError, ValueError):  # entries without codes or figures
            continue
        if code:
            rows.append((population, code, info))
    return rows


def country_at(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """The country named by the longest form starting at ``words[start]``, and how many words it takes.

    ``words`` are folded words; a trailing possessive ('russia s', 'india s') counts as the name.
    """
    table = forms()
    for size in range(min(MAX_WORDS, len(words) - start), 0, -1):
        phrase = " ".join(words[start : start + size])
        code = table.get(phrase)
        if code is not None:
            taken = size + (1 if start + size < len(words) and words[start + size] == "s" else 0)
            return code, taken
    return None


def countries_in(text: str) -> list[str]:
    """The countries a phrase names, in order (each once)."""
    words = fold(text).split()
    found: list[str] = []
    i = 0
    while i < len(words):
        hit = country_at(words, i)
        if hit is None:
            i += 1
            continue
        if hit[0] not in found:
            found.append(hit[0])
        i += hit[1]
    return found
