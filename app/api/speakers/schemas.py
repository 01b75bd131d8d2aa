"""Speaker parameters and responses."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from app.api.params import DEFAULT_LIMIT, CountryCode, Cursor, Limit, ShortText
from app.api.schemas import ApiModel, Page

SpeakerKind = Literal["person", "organization"]


class SpeakerQuery(BaseModel):
    """The filters and page of ``GET /v1/speakers``; every filter given must match."""

    q: ShortText | None = Field(
        default=None,
        description="Part of the speaker's name or of one of its aliases; case, accents and punctuation "
        "are ignored (`lavrov` finds Sergey Lavrov).",
    )
    country: CountryCode | None = Field(
        default=None, description="Country of the speaker, ISO 3166-1 alpha-2 (`EU` for the European Union)."
    )
    kind: SpeakerKind | None = Field(default=None, description="`person` or `organization`.")
    limit: Limit = Field(default=DEFAULT_LIMIT, description="Page size, 1 to 500.")
    cursor: Cursor | None = Field(default=None, description="`next_cursor` of the previous page, to continue the list.")


class SpeakerPublic(ApiModel):
    id: int
    name: str = Field(description="The fullest name known.")
    kind: SpeakerKind
    title: str | None = Field(description="The latest title the speaker was given, e.g. `Foreign Minister`.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of the speaker's country.")
    aliases: list[str] = Field(description="Other names the speaker appears under.")
    statement_count: int = Field(description="Number of statements attributed to the speaker.")


class SpeakerPage(Page[SpeakerPublic]):
    pass
