"""Statement parameters and responses."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from app.api.params import DEFAULT_LIMIT, CountryCode, Cursor, IsoDate, Limit, RowId, ShortText
from app.api.schemas import ApiModel, Page

StatementKind = Literal["direct", "indirect", "mixed"]
StatementSort = Literal["date", "-date", "relevance"]


class StatementFilters(BaseModel):
    """The filters of ``GET /v1/statements``, shared by every endpoint that selects statements."""

    speaker: ShortText | None = Field(
        default=None,
        description="Speaker name or alias, e.g. `Xi Jinping` or `Kremlin`. Case, accents and punctuation "
        "are ignored; the whole name must match.",
    )
    speaker_id: RowId | None = Field(default=None, description="Id of the speaker.")
    speaker_country: CountryCode | None = Field(
        default=None, description="Country of the speaker, ISO 3166-1 alpha-2 (`EU` for the European Union)."
    )
    country: list[CountryCode] = Field(
        default_factory=list,
        description="A country the statement concerns, ISO 3166-1 alpha-2. Repeat it for a dyad: "
        "`country=CN&country=RU` keeps statements that concern both.",
    )
    topic: list[ShortText] = Field(
        default_factory=list,
        description="Slug of a topic (see `GET /v1/topics`). Repeatable; statements must have every one.",
    )
    kind: StatementKind | None = Field(
        default=None,
        description="`direct` (a quotation), `indirect` (reported speech) or `mixed` (both in one span).",
    )
    date_from: IsoDate | None = Field(
        default=None,
        description="Earliest statement date, YYYY-MM-DD, inclusive. Statements whose date is unknown "
        "are left out when a date bound is given.",
    )
    date_to: IsoDate | None = Field(default=None, description="Latest statement date, YYYY-MM-DD, inclusive.")
    document_id: RowId | None = Field(default=None, description="Id of the document the statements come from.")
    q: ShortText | None = Field(
        default=None,
        description="Words that must all occur in the statement text (case-insensitive substring match).",
    )


class StatementQuery(StatementFilters):
    """The filters, order and page of ``GET /v1/statements``; every filter given must match."""

    sort: StatementSort | None = Field(
        default=None,
        description="`-date` for newest first, `date` for oldest first, `relevance` for the best matches "
        "of `q` first. The default is `relevance` when `q` is given, else `-date`. A statement without a "
        "date sorts by its document's publication date; ties go by id.",
        examples=["-date"],
    )
    count: bool = Field(
        default=False,
        description="Also return `total`, the number of statements matching the filters (costs a count).",
        examples=[True],
    )
    limit: Limit = Field(default=DEFAULT_LIMIT, description="Page size, 1 to 500.")
    cursor: Cursor | None = Field(
        default=None,
        description="`next_cursor` of the previous page, to continue the list (with the same `sort`).",
    )


class ExportQuery(StatementFilters):
    """The filters, order and format of ``GET /v1/statements/export``."""

    format: Literal["csv", "ndjson"] = Field(
        default="csv",
        description="`csv` (one row per statement, topics and countries joined with `;`) or `ndjson` "
        "(one JSON object per line, shaped like the items of `GET /v1/statements`).",
        examples=["csv"],
    )
    sort: Literal["date", "-date"] = Field(
        default="-date", description="`-date` for newest first (default) or `date` for oldest first.", examples=["date"]
    )


class SpeakerRef(ApiModel):
    id: int
    name: str
    title: str | None = Field(description="The speaker's title as the article gives it, else the latest known.")
    country: str | None = Field(description="ISO 3166-1 alpha-2 code of the speaker's country.")
    kind: Literal["person", "organization"]


class DocumentRef(ApiModel):
    id: int
    title: str
    published: dt.date = Field(description="Publication date of the article.")
    source_url: str | None


class Span(ApiModel):
    """Character offsets of the statement in its document's body: ``body[start:end] == text``."""

    start: int
    end: int


class StatementPublic(ApiModel):
    id: int
    text: str = Field(description="What was said, exactly as it appears in the article.")
    kind: StatementKind
    cue: str | None = Field(description="The reporting verb or phrase, e.g. `said`.")
    date: dt.date | None = Field(description="The day the statement was made; null when the article does not say.")
    speaker: SpeakerRef
    topics: list[str] = Field(description="Topic slugs.")
    countries: list[str] = Field(description="ISO 3166-1 alpha-2 codes of the countries the statement concerns.")
    document: DocumentRef
    span: Span
    snippet: str | None = Field(
        default=None,
        description="With `q`: an HTML-escaped excerpt around the matches, each match in `<mark>…</mark>`. "
        "Absent otherwise.",
    )

    @model_serializer(mode="wrap")
    def _without_empty_snippet(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("snippet") is None:
            data.pop("snippet", None)
        return data


class StatementPage(Page[StatementPublic]):
    total: int | None = Field(
        default=None, description="With `count=true`: how many statements match the filters in all."
    )

    @model_serializer(mode="wrap")
    def _without_empty_total(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if data.get("total") is None:
            data.pop("total", None)
        return data
