"""Bulk export: every statement matching the filters, streamed in keyset batches.

Memory stays flat whatever the result size: one batch of rows is read, written out and dropped
before the next is read, and batches follow the (sort_date, id) order, never an OFFSET. Each batch
costs three queries (statements with speakers and documents, their topics, their countries) and
runs under the query time limit.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from sqlalchemy import ColumnElement, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from app.api.deps import time_limit
from app.models import Document, Speaker, Statement, StatementCountry, StatementTopic, Topic

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
)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "ndjson": "application/x-ndjson"}
COLUMNS = (
    Statement.id,
    Statement.sort_date,
    Statement.date,
    Statement.kind,
    Statement.cue,
    Statement.text,
    Statement.speaker_title,
    Statement.span_start,
    Statement.span_end,
    Speaker.id,
    Speaker.name,
    Speaker.title,
    Speaker.country_code,
    Speaker.kind,
    Document.id,
    Document.title,
    Document.published_date,
    Document.source_url,
)


def filename(fmt: ExportFormat, today: dt.date | None = None) -> str:
    return f"dyad-statements-{(today or dt.date.today()).isoformat()}.{fmt}"


def _batches(
    sessions: sessionmaker[Session],
    conditions: Sequence[ColumnElement[bool]],
    *,
    descending: bool,
    timeout_ms: int,
    size: int,
) -> Iterator[tuple[Sequence[Any], dict[int, list[str]], dict[int, list[str]]]]:
    key = tuple_(Statement.sort_date, Statement.id)
    order = (Statement.sort_date.desc(), Statement.id.desc()) if descending else (Statement.sort_date, Statement.id)
    base = (
        select(*COLUMNS)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
        .where(*conditions)
        .order_by(*order)
        .limit(size)
    )
    after: tuple[dt.date, int] | None = None
    while True:
        with sessions() as session, time_limit(session, timeout_ms):
            query = base if after is None else base.where(key < after if descending else key > after)
            rows = session.execute(query).all()
            if not rows:
                return
            ids = [row[0] for row in rows]
            topics: dict[int, list[str]] = defaultdict(list)
            for statement_id, slug in session.execute(
                select(StatementTopic.statement_id, Topic.slug)
                .join(Topic, Topic.id == StatementTopic.topic_id)
                .where(StatementTopic.statement_id.in_(ids))
                .order_by(StatementTopic.statement_id, Topic.slug)
            ):
                topics[statement_id].append(slug)
            countries: dict[int, list[str]] = defaultdict(list)
            for statement_id, code in session.execute(
                select(StatementCountry.statement_id, StatementCountry.country_code)
                .where(StatementCountry.statement_id.in_(ids))
                .order_by(StatementCountry.statement_id, StatementCountry.country_code)
            ):
                countries[statement_id].append(code)
        yield rows, topics, countries
        if len(rows) < size:
            return
        after = (rows[-1][1], rows[-1][0])


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _record(row: Sequence[Any], topics: list[str], countries: list[str]) -> dict[str, Any]:
    """One statement in the shape of ``GET /v1/statements`` items."""
    (sid, _sort, date, kind, cue, text, statement_title, start, end, *rest) = tuple(row)
    (speaker_id, name, title, country, speaker_kind, document_id, doc_title, published, url) = rest
    return {
        "id": sid,
        "text": text,
        "kind": kind,
        "cue": cue,
        "date": _iso(date),
        "speaker": {
            "id": speaker_id,
            "name": name,
            "title": statement_title or title,
            "country": country,
            "kind": speaker_kind,
        },
        "topics": topics,
        "countries": countries,
        "document": {"id": document_id, "title": doc_title, "published": _iso(published), "source_url": url},
        "span": {"start": start, "end": end},
    }


def _csv_row(record: dict[str, Any]) -> list[object]:
    speaker, document = record["speaker"], record["document"]
    return [
        record["id"],
        record["date"] or "",
        record["kind"],
        record["cue"] or "",
        record["text"],
        speaker["id"],
        speaker["name"],
        speaker["title"] or "",
        speaker["country"] or "",
        speaker["kind"],
        ";".join(record["topics"]),
        ";".join(record["countries"]),
        document["id"],
        document["title"],
        document["published"],
        document["source_url"] or "",
        record["span"]["start"],
        record["span"]["end"],
    ]


def stream(
    sessions: sessionmaker[Session],
    conditions: Sequence[ColumnElement[bool]],
    *,
    fmt: ExportFormat,
    descending: bool,
    timeout_ms: int,
    size: int = BATCH,
) -> Iterator[bytes]:
    """The statements matching ``conditions``, chunk by chunk (one per batch, the CSV header first)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if fmt == "csv":
        writer.writerow(CSV_COLUMNS)
        yield buffer.getvalue().encode("utf-8")
    batches = _batches(sessions, conditions, descending=descending, timeout_ms=timeout_ms, size=size)
    for rows, topics, countries in batches:
        buffer.seek(0)
        buffer.truncate()
        records = (_record(row, topics.get(row[0], []), countries.get(row[0], [])) for row in rows)
        if fmt == "csv":
            writer.writerows(_csv_row(record) for record in records)
        else:
            for record in records:
                buffer.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
                buffer.write("\n")
        yield buffer.getvalue().encode("utf-8")
