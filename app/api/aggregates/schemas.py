"""Facet and timeline parameters and responses."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field

from app.api import examples
from app.api.schemas import ApiModel
from app.api.statements.schemas import StatementFilters

FacetField = Literal["speaker", "speaker_country", "country", "topic", "kind"]
Interval = Literal["day", "week", "month", "year"]
GroupBy = Literal["topic", "speaker", "speaker_country"]


class FacetQuery(StatementFilters):
    """What to count, among the statements every filter of ``GET /v1/statements`` selects."""

    field: FacetField = Field(
        description="What to count by: `speaker`, `speaker_country`, `country` (the countries statements "
        "concern), `topic` or `kind`.",
        examples=["country"],
    )
    limit: int = Field(default=50, ge=1, le=500, description="Most buckets returned, largest first.", examples=[10])


class Bucket(ApiModel):
    value: str | int = Field(description="The counted value: a code, a slug, a kind, or a speaker id.")
    label: str = Field(description="Readable name of the value (country or speaker name, topic label).")
    count: int = Field(description="Statements with this value.")


class Facets(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.FACETS]})

    field: FacetField
    total: int = Field(description="Statements matching the filters (a statement may count in several buckets).")
    buckets: list[Bucket] = Field(description="Largest first; ties by value.")


class TimelineQuery(StatementFilters):
    """Statements per period among those every filter selects (by their sort date)."""

    interval: Interval = Field(
        default="month",
        description="Length of a period: `day`, `week` (starting on Monday), `month` or `year`.",
        examples=["month"],
    )
    group_by: GroupBy | None = Field(
        default=None,
        description="Split the counts into one series per `topic`, `speaker` or `speaker_country`.",
        examples=["topic"],
    )
    groups: int = Field(
        default=10, ge=1, le=50, description="With `group_by`: how many series, the largest.", examples=[5]
    )


class Point(ApiModel):
    period: dt.date = Field(description="First day of the period.")
    count: int = Field(description="Statements made in the period.")


class Series(ApiModel):
    key: str | int | None = Field(description="The group's value (null without `group_by`).")
    label: str | None = Field(description="Readable name of the group.")
    points: list[Point] = Field(description="Periods in order; periods without statements are left out.")


class Timeline(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.TIMELINE]})

    interval: Interval
    group_by: GroupBy | None
    series: list[Series]
