"""Document parameters and responses, and the JSON article format accepted for upload."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.api import examples
from app.api.params import DEFAULT_LIMIT, Cursor, Limit
from app.api.schemas import ApiModel, Page
from app.api.statements.schemas import StatementPublic


class DocumentQuery(BaseModel):
    """The page of ``GET /v1/documents``."""

    limit: Limit = Field(default=DEFAULT_LIMIT, description="Page size, 1 to 500.", examples=[20])
    cursor: Cursor | None = Field(
        default=None,
        description="`next_cursor` of the previous page, to continue the list.",
        examples=["eyJzb3J0IjoiLXB1Ymxpc2hlZCIsImFmdGVyIjpbIjIwMjMtMTItMzEiLDFdfQ"],
    )


class DocumentPublic(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.DOCUMENT]})

    id: int
    title: str = Field(description="The headline.")
    published: dt.date = Field(description="Publication date of the article.")
    source_url: str | None = Field(description="Where the article was published, when known.")
    ingested_at: dt.datetime = Field(description="When the article was stored (UTC).")
    extractor_version: str = Field(description="Version of the extractor that found its statements.")
    statement_count: int = Field(description="Number of statements found in the article.")

    @field_validator("ingested_at")
    @classmethod
    def _in_utc(cls, value: dt.datetime) -> dt.datetime:
        # SQLite hands back naive timestamps; they were written in UTC.
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class DocumentDetail(DocumentPublic):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.DOCUMENT_DETAIL]})

    body: str = Field(description="The article text; statement spans are character offsets into it.")
    statements: list[StatementPublic] = Field(description="The statements found, in the order of the text.")


class DocumentPage(Page[DocumentPublic]):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [examples.DOCUMENT], "next_cursor": None}]})


class ArticleIn(BaseModel):
    """An article sent as JSON to ``POST /v1/documents``."""

    title: str = Field(default="", description="The headline.")
    published: dt.date = Field(description="Publication date, YYYY-MM-DD.")
    body: str = Field(description="The article text, paragraphs separated by blank lines.")
    source_url: str | None = Field(default=None, description="Where the article was published.")
