"""Topic responses."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from app.api import examples
from app.api.schemas import ApiModel


class TopicPublic(ApiModel):
    slug: str = Field(description="Identifier used by the `topic` filter of `GET /v1/statements`.")
    label: str
    description: str
    statement_count: int = Field(description="Number of statements tagged with the topic.")


class TopicList(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [examples.TOPIC]}]})

    items: list[TopicPublic]
