"""Speaker parameters and responses."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.api import examples
from app.api.params import DEFAULT_LIMIT, CountryCode, Cursor, Limit, ShortText
from app.api.schemas import ApiModel, Page

SpeakerKind = Literal["person", "organization"]


class SpeakerQuery(BaseModel):
    """The filters and page of ``GET /v1/speakers``; every filter given must match."""

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
    limit: Limit = Field(default=DEFAULT_LIMIT, description="Page size, 1 to 500.", examples=[50])
    cursor: Cursor | None = Field(
        default=None,
        description="`next_cursor` of the previous page, to continue the list.",
        examples=["eyJzb3J0IjoibmFtZSIsImFmdGVyIjpbInhpIGppbnBpbmciLDFdfQ"],
    )


class SpeakerPublic(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SPEAKER]})

    id: int
    name: str = Field(description="The fullest name known.")
    kind: SpeakerKind
    title: str | None = Field(description="The latest title the speaker was given, e.g. `Foreign Minister`.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of the speaker's country.")
    aliases: list[str] = Field(description="Other names the speaker appears under.")
    statement_count: int = Field(description="Number of statements attributed to the speaker.")


class SpeakerPage(Page[SpeakerPublic]):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [examples.SPEAKER], "next_cursor": None}]})
