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
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from app.api.deps import time_limit
from app.api.statements.selection import Selection
from app.api.statements.service import COLUMNS, links_of, record
from app.models import Document, Speaker, Statement

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


def filename(fmt: ExportFormat, today: dt.date | None = None) -> str:
    return f"dyad-statements-{(today or dt.date.today()).isoformat()}.{fmt}"


def _batches(
    sessions: sessionmaker[Session], chosen: Selection, *, descending: bool, timeout_ms: int, size: int
) -> Iterator[tuple[Sequence[Any], dict[int, list[str]], dict[int, list[str]]]]:
    key = tuple_(chosen.sort_date, chosen.statement_id)
    order = (
        (chosen.sort_date.desc(), chosen.statement_id.desc()) if descending else (chosen.sort_date, chosen.statement_id)
    )
    base = (
        chosen.statements(select(*COLUMNS))
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
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
            topics, countries = links_of(session, [row[0] for row in rows])
        yield rows, topics, countries
        if len(rows) < size:
            return
        after = (rows[-1][1], rows[-1][0])


def _csv_row(item: dict[str, Any]) -> list[object]:
    speaker, document = item["speaker"], item["document"]
    return [
        item["id"],
        item["date"] or "",
        item["kind"],
        item["cue"] or "",
        item["text"],
        speaker["id"],
        speaker["name"],
        speaker["title"] or "",
        speaker["country"] or "",
        speaker["kind"],
        ";".join(item["topics"]),
        ";".join(item["countries"]),
        document["id"],
        document["title"],
        document["published"],
        document["source_url"] or "",
        item["span"]["start"],
        item["span"]["end"],
    ]


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if fmt == "csv":
        writer.writerow(CSV_COLUMNS)
        yield buffer.getvalue().encode("utf-8")
    batches = _batches(sessions, chosen, descending=descending, timeout_ms=timeout_ms, size=size)
    for rows, topics, countries in batches:
        buffer.seek(0)
        buffer.truncate()
        records = (record(row, topics.get(row[0], []), countries.get(row[0], [])) for row in rows)
        if fmt == "csv":
            writer.writerows(_csv_row(item) for item in records)
        else:
            for item in records:
                buffer.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
                buffer.write("\n")
        yield buffer.getvalue().encode("utf-8")
