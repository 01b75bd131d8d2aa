"""Relations parameters and responses."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from app.api import examples
from app.api.params import CountryCode
from app.api.schemas import ApiModel


class RelationQuery(BaseModel):
    """Which pairs to list."""

    country: CountryCode | None = Field(
        default=None, description="Only pairs that include this country (ISO 3166-1 alpha-2, or EU).", examples=["CN"]
    )
    limit: int = Field(default=50, ge=1, le=500, description="Most pairs returned, largest first.", examples=[20])
    distinct: bool = Field(
        default=False,
        description="Count each statement group once (syndicated copies of a story repeat its statements).",
        examples=[True],
    )


class Relation(ApiModel):
    countries: tuple[str, str] = Field(description="The two country codes, in alphabetical order.")
    names: tuple[str, str] = Field(description="The two country names.")
    statement_count: int = Field(description="Statements that concern both countries.")


class RelationList(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RELATIONS]})

    items: list[Relation] = Field(description="Pairs with the most statements first; ties by codes.")


class SpeakerCount(ApiModel):
    id: int
    name: str
    title: str | None
    statement_count: int = Field(description="The speaker's statements about the pair.")


class Side(ApiModel):
    country: str = Field(description="Country code of this side.")
    name: str = Field(description="Country name.")
    top_speakers: list[SpeakerCount] = Field(
        description="Speakers of this country who said the most about the pair, most first."
    )


class TopicCount(ApiModel):
    slug: str
    label: str
    statement_count: int


class RelationSummary(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.RELATION_SUMMARY]})

    countries: tuple[str, str] = Field(description="The two country codes, in alphabetical order.")
    statement_count: int = Field(description="Statements that concern both countries.")
    first_date: dt.date | None = Field(description="Date of the earliest dated statement about the pair.")
    last_date: dt.date | None = Field(description="Date of the latest dated statement about the pair.")
    sides: tuple[Side, Side] = Field(description="Each country's most active speakers on the pair.")
    topics: list[TopicCount] = Field(description="Topics of the pair's statements, most frequent first.")
    latest_statement_ids: list[int] = Field(
        description="Ids of the five most recent statements (GET /v1/statements/{id}, or filter "
        "GET /v1/statements with both countries)."
    )
