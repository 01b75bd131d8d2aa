"""Speaker parameters and responses."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from app.api import examples
from app.api.params import DEFAULT_LIMIT, CountryCode, Cursor, Limit, ShortText
from app.api.schemas import ApiModel, Page
from app.models import SpeakerKind
from app.speakers.titles import OFFICES

CountrySource = Literal["article", "inference", "curator"]
SpeakerSort = Literal["name", "-statement_count"]
_OFFICES = {office.lower(): office for office in OFFICES}


def _known_office(value: str) -> str:
    office = _OFFICES.get(value.strip().lower())
    if office is None:
        raise PydanticCustomError(
            "office", "Unknown office {office}: one of {known}", {"office": repr(value), "known": ", ".join(OFFICES)}
        )
    return office


Office = Annotated[ShortText, AfterValidator(_known_office)]


class SpeakerQuery(BaseModel):
    """The filters, order and page of ``GET /v1/speakers``; every filter given must match."""

    q: ShortText | None = Field(
        default=None,
        description="Part of the speaker's name or of one of its aliases; case, accents and punctuation "
        "are ignored (`lavrov` finds Sergey Lavrov).",
        examples=["lavrov"],
    )
    country: CountryCode | None = Field(
        default=None,
        description="Country of the speaker, ISO 3166-1 alpha-2 (`EU` for the European Union).",
        examples=["RU"],
    )
    kind: SpeakerKind | None = Field(default=None, description="`person` or `organization`.", examples=["person"])
    office: Office | None = Field(
        default=None,
        description="An office the speaker was seen holding, from the office vocabulary (case ignored): "
        + ", ".join(f"`{office}`" for office in OFFICES)
        + ".",
        examples=["Foreign Minister"],
    )
    organization: ShortText | None = Field(
        default=None,
        description="The speaker's organisation, as `organization` gives it (case ignored).",
        examples=["Ministry of Foreign Affairs"],
    )
    sort: SpeakerSort = Field(
        default="name",
        description="`name`: alphabetical (case and accents ignored), then by id. `-statement_count`: "
        "most statements first, then the newest id first; counts change as articles arrive, so a long walk through "
        "the pages may see a speaker move.",
        examples=["-statement_count"],
    )
    limit: Limit = Field(default=DEFAULT_LIMIT, description="Page size, 1 to 500.", examples=[50])
    cursor: Cursor | None = Field(
        default=None,
        description="`next_cursor` of the previous page, to continue the list (with the same `sort`).",
        examples=["eyJzb3J0IjoibmFtZSIsImFmdGVyIjpbInhpIGppbnBpbmciLDFdfQ"],
    )


class SpeakerPublic(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEAKER]})

    id: int
    name: str = Field(description="The fullest name known.")
    kind: SpeakerKind
    title: str | None = Field(description="The title of the office the speaker held last, as an article wrote it.")
    office: str | None = Field(description="The office the speaker held last, from the office vocabulary.")
    organization: str | None = Field(description="The organisation the speaker speaks for, where known.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of the country the speaker speaks for.")
    country_source: CountrySource | None = Field(
        description="Where `country` comes from: `article` (an article's own words), `inference` (the "
        "organisation, the person the speaker works for, an office held in one country only, the form of "
        "the name), or `curator`."
    )
    aliases: list[str] = Field(description="Other names the speaker appears under.")
    statement_count: int = Field(description="Number of statements attributed to the speaker.")


class OfficeHeld(ApiModel):
    office: str = Field(description="The office, from the office vocabulary.")
    title: str = Field(description="The phrase the latest article used for it, as written.")
    organization: str | None
    first_seen: dt.date = Field(description="Date of the first statement that gave this office.")
    last_seen: dt.date = Field(description="Date of the last statement that gave this office.")


class CountryCount(ApiModel):
    code: str = Field(description="ISO 3166-1 alpha-2 code.")
    statement_count: int = Field(description="How many of the speaker's statements concern this country.")


class SpeakerDetail(SpeakerPublic):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEAKER_DETAIL]})

    offices: list[OfficeHeld] = Field(description="Offices over time, earliest first.")
    first_statement_date: dt.date | None = Field(description="Date of the speaker's earliest statement.")
    last_statement_date: dt.date | None = Field(description="Date of the speaker's latest statement.")
    counterpart_countries: list[CountryCount] = Field(
        description="The countries other than its own that the speaker's statements concern most, at most five."
    )


class SpeakerPage(Page[SpeakerPublic]):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [examples.SPEAKER], "next_cursor": None}]})
