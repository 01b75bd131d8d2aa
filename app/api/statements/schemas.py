"""Statement parameters and responses."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.api import examples
from app.api.params import DEFAULT_LIMIT, CountryCode, Cursor, IsoDate, Limit, RowId, ShortText
from app.api.schemas import ApiModel, Page
from app.api.statements.search import RELEVANCE_WINDOW
from app.models import SpeakerKind, StatementKind

StatementSort = Literal["date", "-date", "relevance"]


class StatementFilters(BaseModel):
    """The filters of ``GET /v1/statements``, shared by every endpoint that selects statements."""

    speaker: ShortText | None = Field(
        default=None,
        description="Speaker name or alias, e.g. `Xi Jinping` or `Kremlin`. Case, accents and punctuation "
        "are ignored; the whole name must match.",
        examples=["Xi Jinping"],
    )
    speaker_id: RowId | None = Field(
        default=None,
        description="Id of the speaker; the id of a speaker merged into another gives the survivor's statements.",
        examples=[12],
    )
    speaker_country: CountryCode | None = Field(
        default=None,
        description="Country of the speaker, ISO 3166-1 alpha-2 (`EU` for the European Union).",
        examples=["CN"],
    )
    country: list[CountryCode] = Field(
        default_factory=list,
        description="A country the statement concerns, ISO 3166-1 alpha-2. Repeat it for a dyad: "
        "`country=CN&country=RU` keeps statements that concern both.",
        examples=[["CN", "RU"]],
    )
    topic: list[ShortText] = Field(
        default_factory=list,
        description="Slug of a topic (see `GET /v1/topics`). Repeatable; statements must have every one.",
        examples=[["trade_economy"]],
    )
    kind: StatementKind | None = Field(
        default=None,
        description="`direct` (a quotation), `indirect` (reported speech) or `mixed` (both in one span).",
        examples=["indirect"],
    )
    date_from: IsoDate | None = Field(
        default=None,
        description="Earliest statement date, YYYY-MM-DD, inclusive. Statements whose date is unknown "
        "are left out when a date bound is given.",
        examples=["2023-12-01"],
    )
    date_to: IsoDate | None = Field(
        default=None, description="Latest statement date, YYYY-MM-DD, inclusive.", examples=["2023-12-31"]
    )
    document_id: RowId | None = Field(
        default=None, description="Id of the document the statements come from.", examples=[3]
    )
    q: ShortText | None = Field(
        default=None,
        description="Full-text search in the statement text, English words matched by their stem: "
        'every word must occur, `"a phrase"` matches words in a row, `OR` between terms accepts either, '
        '`-word` or `-"a phrase"` excludes. Ranked by relevance unless `sort` says otherwise; '
        f"relevance ranks the {RELEVANCE_WINDOW:,} most recently stored matches (sort by date, or export, "
        "for all of them).",
        examples=['"mutual trust" OR partnership -sanctions'],
    )
    distinct: bool = Field(
        default=False,
        description="One statement per group: syndicated copies of a story repeat its statements, and "
        "`distinct=true` keeps only the copy in the earliest published article (see `group`).",
        examples=[True],
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
    limit: Limit = Field(default=DEFAULT_LIMIT, description="Page size, 1 to 500.", examples=[50])
    cursor: Cursor | None = Field(
        default=None,
        description="`next_cursor` of the previous page, to continue the list (with the same `sort`).",
        examples=["eyJzb3J0IjoiLWRhdGUiLCJhZnRlciI6WyIyMDIzLTEyLTMxIiw5OV19"],
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
    kind: SpeakerKind


class DocumentRef(ApiModel):
    id: int
    title: str
    published: dt.date = Field(description="Publication date of the article.")
    source_url: str | None


class Span(ApiModel):
    """Character offsets of the statement in its document's body: ``body[start:end] == text``."""

    start: int
    end: int


class GroupRef(ApiModel):
    """The statement's group: the same speaker's same words in the copies of one story."""

    id: int = Field(description="Id of the group, shared by all its copies.")
    copies: int = Field(description="How many statements the group holds, this one included (1: no copies).")


class StatementPublic(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.STATEMENT]})

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
    group: GroupRef
    snippet: str | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="With `q`: an HTML-escaped excerpt around the matches, each match in `<mark>…</mark>`. "
        "Absent otherwise.",
    )


class Copy(ApiModel):
    """Another article that carried the same statement."""

    statement_id: int = Field(description="Id of the statement in that article.")
    outlet: str | None = Field(description="Host name of the article's URL, when known.")
    document: DocumentRef


class StatementDetail(StatementPublic):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.STATEMENT_DETAIL]})

    carried_by: list[Copy] = Field(
        description="The other copies of the statement, earliest published first (at most 100; `group.copies` "
        "counts them all)."
    )


class StatementPage(Page[StatementPublic]):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.STATEMENT_PAGE]})

    total: int | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="With `count=true`: how many statements match the filters in all.",
    )
