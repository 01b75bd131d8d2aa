"""Bulk export: every statement matching the filters, streamed in keyset batches.

Memory stays flat whatever the result size: one batch of rows is read, written out and dropped
before the next is read, and batches follow the (sort_date, id) order, never an OFFSET. Each batch
is one query, run under the query time limit.

The database writes the lines. An NDJSON line is built by SQLite's ``json_object`` or by
concatenating PostgreSQL's ``to_json`` of each value, in the shape of the items of
``GET /v1/statements``; a CSV line by concatenation, every text field quoted (RFC 4180), numbers
bare, missing values empty. Python only joins the lines of a batch: formatting a million rows
field by field cost more than reading them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from psycopg.abc import Buffer
from psycopg.adapt import Loader
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
    literal_column,
    select,
    text,
    tuple_,
)
from sqlalchemy.engine import Compiled
from sqlalchemy.orm import QueryableAttribute, Session, sessionmaker

from app.api.deps import time_limit
from app.api.statements.selection import Selection
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


@dataclass(frozen=True)
class _JsonText:
    """An expression whose text already is JSON, to be embedded as it is."""

    expression: ColumnElement[str]


def _json_array(joined: QueryableAttribute[str]) -> _JsonText:
    """A statement's LINK_SEPARATOR-joined slugs or codes as the text of a JSON array: neither a
    slug nor a country code holds a character JSON would escape."""
    items = literal('["').op("||")(func.replace(joined, LINK_SEPARATOR, '","')).op("||")(literal('"]'))
    return _JsonText(case((joined == "", literal("[]")), else_=items))


def _speaker_title() -> ColumnElement[str | None]:
    """The title the article gave, else the speaker's latest known."""
    return func.coalesce(func.nullif(Statement.speaker_title, ""), Speaker.title)


def _csv_line(dialect: str) -> ColumnElement[str]:
    def number(value: Any) -> ColumnElement[str]:
        return cast(value, Text)

    def quoted(value: Any) -> ColumnElement[str]:
        """A text field in double quotes, quotes doubled; empty when missing."""
        inner = literal('"').op("||")(func.replace(value, '"', '""')).op("||")(literal('"'))
        return func.coalesce(inner, "")

    def day(value: Any) -> ColumnElement[str]:
        iso = func.to_char(value, "YYYY-MM-DD") if dialect != "sqlite" else cast(value, Text)
        return func.coalesce(iso, "")

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


def _concatenated_json(fields: dict[str, Any]) -> ColumnElement[str]:
    """A JSON object as PostgreSQL text, by concatenation: each value through ``to_json`` (strings
    escaped, dates ISO 8601, NULL as null), nested dictionaries as nested objects, and ready JSON
    (the link arrays) as it is. A third cheaper than ``json_build_object`` per row."""
    parts: list[Any] = []
    for position, (name, value) in enumerate(fields.items()):
        parts.append(literal_column("'" + ("{" if position == 0 else ",") + json.dumps(name) + ":'"))
        if isinstance(value, dict):
            parts.append(_concatenated_json(value))
        elif isinstance(value, _JsonText):
            parts.append(value.expression)
        else:
            parts.append(func.coalesce(cast(func.to_json(value), Text), literal_column("'null'")))
    line: ColumnElement[str] = parts[0]
    for part in [*parts[1:], literal_column("'}'")]:
        line = line.op("||")(part)
    return line


def _json_line(dialect: str) -> ColumnElement[str]:
    fields: dict[str, Any] = {
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
    if dialect != "sqlite":
        return _concatenated_json(fields)

    def build(values: dict[str, Any]) -> ColumnElement[Any]:
        args: list[Any] = []
        for name, value in values.items():
            if isinstance(value, dict):
                value = build(value)
            elif isinstance(value, _JsonText):
                value = func.json(value.expression)
            args += [literal_column(f"'{name}'"), value]
        return func.json_object(*args)

    return build(fields)


class _RawText(Loader):
    """PostgreSQL text as the UTF-8 bytes it arrives in: export lines go out as they came in."""

    def load(self, data: Buffer) -> bytes:
        return bytes(data)


def _raw_rows(session: Session, compiled: Compiled, values: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Run ``compiled`` on the session's PostgreSQL connection, text columns left as bytes."""
    driver = session.connection().connection.driver_connection
    assert driver is not None
    with driver.cursor() as cursor:
        cursor.adapters.register_loader("text", _RawText)
        cursor.execute(str(compiled), {**compiled.params, **values})
        rows: list[tuple[Any, ...]] = cursor.fetchall()
        return rows


def _batches(
    sessions: sessionmaker[Session],
    chosen: Selection,
    *,
    fmt: ExportFormat,
    descending: bool,
    timeout_ms: int,
    size: int,
) -> Iterator[Sequence[Sequence[Any]]]:
    """Rows of (line, sort_date, id), in batches of ``size``; lines are bytes on PostgreSQL."""
    with sessions() as session:
        bind = session.get_bind()
    dialect = bind.dialect.name
    line = _csv_line(dialect) if fmt == "csv" else _json_line(dialect)
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
    following = first.where(key < after_key if descending else key > after_key)
    if dialect == "postgresql":  # compiled once, then each batch goes straight to the driver
        postcompile = {"render_postcompile": True}
        compiled = [query.compile(dialect=bind.dialect, compile_kwargs=postcompile) for query in (first, following)]
    after: tuple[Any, int] | None = None
    while True:
        values = {} if after is None else {"after_date": after[0], "after_id": after[1]}
        with sessions() as session, time_limit(session, timeout_ms):
            if dialect == "postgresql":
                # A batch is a short ordered read: parallel workers only add their start-up, and
                # take the cores the export's own formatting and sending need.
                session.execute(text("SELECT set_config('max_parallel_workers_per_gather', '0', true)"))
                rows: Sequence[Sequence[Any]] = _raw_rows(session, compiled[after is not None], values)
            else:
                rows = session.connection().execute(first if after is None else following, values).all()
        if not rows:
            return
        yield rows
        if len(rows) < size:
            return
        after = (rows[-1][1], rows[-1][2])


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
