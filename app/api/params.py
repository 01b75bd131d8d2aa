"""Parameter types shared by the routers: ids, limits, country codes, ISO dates, bounded text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import pycountry
from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

# Integer primary keys are 32-bit on PostgreSQL: a larger id is bad input, not a database error.
MAX_ID = 2**31 - 1
MAX_LIMIT = 500
DEFAULT_LIMIT = 50

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    # Without this, pydantic would also take Unix timestamps ('1700000000') for dates.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise PydanticCustomError("iso_date", "Input should be an ISO 8601 date, YYYY-MM-DD")
    return value


def _no_nul(value: str) -> str:
    # PostgreSQL cannot compare text holding NUL; refuse it here rather than fail in the query.
    if "\x00" in value:
        raise PydanticCustomError("nul_character", "Input should not contain NUL characters")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _known_country(value: str) -> str:
    if value not in COUNTRY_CODES:
        raise PydanticCustomError(
            "country_code", "Unknown country code {code}: use ISO 3166-1 alpha-2, or EU", {"code": repr(value)}
        )
    return value


# The codes the country table holds: ISO 3166-1 alpha-2 from pycountry, and EU.
COUNTRY_CODES = frozenset(c.alpha_2 for c in pycountry.countries) | {"EU"}
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2}$", to_upper=True), AfterValidator(_known_country)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_no_nul)]
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
Cursor = Annotated[str, StringConstraints(max_length=1000)]
