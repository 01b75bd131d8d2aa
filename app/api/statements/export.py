"""Bulk export: every statement matching the filters, streamed in keyset batches.

Memory stays flat whatever the result size: one batch of rows is read, written out and dropped
before the next is read, and batches follow the (sort_date, id) order, never an OFFSET. Each batch
is one query, run under the query time limit.

The database writes the lines. An NDJSON line is the dialect's ``json_object``, in the shape of
the items of ``GET /v1/statements``; a CSV line a concatenation, every text field quoted (RFC
4180), numbers bare, missing values empty. Python only joins the lines of a batch: formatting a
million rows field by field cost more than reading them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal,
    select,
    tuple_,
)
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker

from app import dialect
from app.api.statements.selection import Selection
from app.dialect import Dialect, JsonText
from app.models import LINK_SEPARATOR, Document, Speaker, Statement, StatementGroup

ExportFormat = Literal["csv", "ndjson"]
BATCH = 2000
CSV_COLUMNS = (
    "id",
    "date",
    "kind",
    "cue",
    "text",
    "speaker_id",
    "speaker_name",
    "speaker_title",
    "speaker_country",
    "speaker_kind",
    "topics",
    "countries",
    "document_id",
    "document_title",
    "document_published",
    "document_source_url",
    "span_start",
    "span_end",
    "group_id",
    "group_copies",
)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
NEWLINE = {"csv": "\r\n", "ndjson": "\n"}


def filename(fmt: ExportFormat, today: dt.date | None = None) -> str:
    return f"dyad-statements-{(today or dt.date.today()).isoformat()}.{fmt}"


def _json_array(joined: QueryableAttribute[str]) -> JsonText:
    """A statement's LINK_SEPARATOR-joined slugs or codes as the text of a JSON array: neither a
    slug nor a country code holds a character JSON would escape."""
    items = literal('["').op("||")(func.replace(joined, LINK_SEPARATOR, '","')).op("||")(literal('"]'))
    return JsonText(case((joined == "", literal("[]")), else_=items))


def _speaker_title() -> ColumnElement[str | None]:
    """The title the article gave, else the speaker's latest known."""
    return func.coalesce(func.nullif(Statement.speaker_title, ""), Speaker.title)


def _csv_line(sql: Dialect) -> ColumnElement[str]:
    def number(value: Any) -> ColumnElement[str]:
        return cast(value, Text)

    def quoted(value: Any) -> ColumnElement[str]:
        """A text field in double quotes, quotes doubled; empty when missing."""
        inner = literal('"').op("||")(func.replace(value, '"', '""')).op("||")(literal('"'))
        return func.coalesce(inner, "")

    def day(value: Any) -> ColumnElement[str]:
        return func.coalesce(sql.iso_day(value), "")

    fields = [
        number(Statement.id),
        day(Statement.date),
        quoted(Statement.kind),
        quoted(Statement.cue),
        quoted(Statement.text),
        number(Speaker.id),
        quoted(Speaker.name),
        quoted(_speaker_title()),
        quoted(Speaker.country_code),
        quoted(Speaker.kind),
        quoted(func.nullif(Statement.topic_slugs, "")),
        quoted(func.nullif(Statement.country_codes, "")),
        number(Document.id),
        quoted(Document.title),
        day(Document.published_date),
        quoted(Document.source_url),
        number(Statement.span_start),
        number(Statement.span_end),
        number(StatementGroup.id),
        number(StatementGroup.statement_count),
    ]
    line = fields[0]
    for field in fields[1:]:
        line = line.op("||")(literal(",")).op("||")(field)
    return line


def _json_line(sql: Dialect) -> ColumnElement[str]:
    return sql.json_object(
        {
            "id": Statement.id,
            "text": Statement.text,
            "kind": Statement.kind,
            "cue": Statement.cue,
            "date": Statement.date,
            "speaker": {
                "id": Speaker.id,
                "name": Speaker.name,
                "title": _speaker_title(),
                "country": Speaker.country_code,
                "kind": Speaker.kind,
            },
            "topics": _json_array(Statement.topic_slugs),
            "countries": _json_array(Statement.country_codes),
            "document": {
                "id": Document.id,
                "title": Document.title,
                "published": Document.published_date,
                "source_url": Document.source_url,
            },
            "span": {"start": Statement.span_start, "end": Statement.span_end},
            "group": {"id": StatementGroup.id, "copies": StatementGroup.statement_count},
        }
    )


def _batches(
    sessions: sessionmaker[Session],
    chosen: Selection,
    *,
    fmt: ExportFormat,
    descending: bool,
    timeout_ms: int,
    size: int,
) -> Iterator[Sequence[Sequence[Any]]]:
    """Rows of (line, sort_date, id), in batches of ``size``; lines are bytes where the dialect reads them so."""
    with sessions() as session:
        bind = session.get_bind()
    sql = dialect.of(bind)
    line = _csv_line(sql) if fmt == "csv" else _json_line(sql)
    key = tuple_(chosen.sort_date, chosen.statement_id)
    # the values are placeholders, replaced by each batch's own
    after_key = tuple_(bindparam("after_date", dt.date.min, type_=Date()), bindparam("after_id", 0, type_=Integer()))
    order = (
        (chosen.sort_date.desc(), chosen.statement_id.desc()) if descending else (chosen.sort_date, chosen.statement_id)
    )
    first = (
        chosen.statements(select(line, chosen.sort_date, chosen.statement_id))
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
        .join(StatementGroup, StatementGroup.id == Statement.group_id)
        .order_by(*order)
        .limit(size)
    )
    reader = sql.line_reader(bind, first, first.where(key < after_key if descending else key > after_key))
    values: dict[str, Any] = {}
    while True:
        with sessions() as session, sql.time_limit(session, timeout_ms):
            sql.plan_short_ordered_reads(session)
            rows = reader.read(session, values)
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        values = {"after_date": rows[-1][1], "after_id": rows[-1][2]}


def stream(
    sessions: sessionmaker[Session],
    chosen: Selection,
    *,
    fmt: ExportFormat,
    descending: bool,
    timeout_ms: int,
    size: int = BATCH,
) -> Iterator[bytes]:
    """The selected statements, chunk by chunk (one per batch, the CSV header first)."""
    newline = NEWLINE[fmt]
    if fmt == "csv":
        yield (",".join(CSV_COLUMNS) + newline).encode("utf-8")
    binary = newline.encode("utf-8")
    for rows in _batches(sessions, chosen, fmt=fmt, descending=descending, timeout_ms=timeout_ms, size=size):
        if isinstance(rows[0][0], bytes):
            yield binary.join(row[0] for row in rows) + binary
        else:
            yield (newline.join(row[0] for row in rows) + newline).encode("utf-8")
