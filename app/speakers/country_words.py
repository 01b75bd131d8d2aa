"""Words that name a country in a speaker's title or name: names, demonyms, possessives, institutions.

Taken from the extractor's gazetteer (built from ``countryinfo`` and ``pycountry``); the table below
adds the forms a title uses that the gazetteer lacks (capitals standing for governments, short names).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from app.ingest.extract.places import gazetteer
from app.names import ascii_fold

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
# Forms that are names or words more often than countries in a title: 'European' begins the names
# of institutions ('European Commission'), which ``titles`` reads as organisations.
NOT_FORMS = frozenset({"mann", "manx", "viti", "eire", "chad", "european"})
# Longest form, in words: 'Democratic Republic of the Congo' and the like.
LONGEST_FORM = 6


@lru_cache(maxsize=1)
def forms() -> dict[str, str]:
    """Every known form (folded) -> ISO 3166-1 alpha-2 code.

    The names and demonyms of the extractor's gazetteer (``app/ingest/extract/places.py``, the one
    place country names are read from ``countryinfo`` and ``pycountry``), without its capitals,
    metonyms and plural demonyms, then ``NOT_FORMS`` out and ``EXTRA`` in.
    """
    named: dict[str, tuple[str, str]] = {}
    for tokens, (code, kind) in gazetteer().items():
        if code and kind in ("name", "demonym"):
            named.setdefault(ascii_fold(" ".join(tokens)), (code, kind))
    table = {
        form: code
        for form, (code, kind) in named.items()
        if not (kind == "demonym" and form.endswith("s") and named.get(form[:-1], ("",))[0] == code)
    }
    for noise in NOT_FORMS:
        table.pop(noise, None)
    table.update(EXTRA)
    return table


def country_at(words: Sequence[str], start: int) -> tuple[str, int] | None:
    """The country named by the longest form starting at ``words[start]``, and how many words it takes.

    ``words`` are folded words; a trailing possessive ('russia s', 'india s') counts as the name.
    """
    table = forms()
    for size in range(min(LONGEST_FORM, len(words) - start), 0, -1):
        phrase = " ".join(words[start : start + size])
        code = table.get(phrase)
        if code is not None:
            taken = size + (1 if start + size < len(words) and words[start + size] == "s" else 0)
            return code, taken
    return None
