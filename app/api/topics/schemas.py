"""Topic responses."""

from __future__ import annotations

from pydantic import Field

from app.api.schemas import ApiModel


class TopicPublic(ApiModel):
    slug: str = Field(description="Identifier used by the `topic` filter of `GET /v1/statements`.")
    label: str
    description: str
    statement_count: int = Field(description="Number of statements tagged with the topic.")


class TopicList(ApiModel):
    items: list[TopicPublic]
