"""Statement queries. The page itself is one query whatever its size: the statements joined with
their speakers and documents, each statement's topics and countries read from its own row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVarTuple
from urllib.parse import urlsplit

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from app import dialect
from app.api.errors import InvalidParameterError
from app.api.pagination import Keyset
from app.api.statements import search
from app.api.statements.schemas import (
    Copy,
    DocumentRef,
    StatementDetail,
    StatementFilters,
    StatementPublic,
    StatementQuery,
)
from app.api.statements.selection import select_statements
from app.models import Document, Speaker, Statement, StatementGroup, split_links

MAX_COPIES = 100

Ts = TypeVarTuple("Ts")

# One statement as a row of plain columns: the list and the document view read these,
# and never load ORM objects (a page of them is built many times a second).
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
    Statement.topic_slugs,
    Statement.country_codes,
    Speaker.id,
    Speaker.name,
    Speaker.title,
    Speaker.country_code,
    Speaker.kind,
    Document.id,
    Document.title,
    Document.published_date,
    Document.source_url,
    StatementGroup.id,
    StatementGroup.statement_count,
)


def _joined(query: Select[*Ts]) -> Select[*Ts]:
    """``query`` with each statement's speaker, document and group joined."""
    return (
        query.join(Speaker, Speaker.id == Statement.speaker_id)
        .join(Document, Document.id == Statement.document_id)
        .join(StatementGroup, StatementGroup.id == Statement.group_id)
    )


def _base() -> Select[*tuple[Any, ...]]:
    return _joined(select(*COLUMNS).select_from(Statement))


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def statement_json(row: Sequence[Any], snippet: str | None = None) -> dict[str, Any]:
    """A row of ``COLUMNS`` as the JSON object of a statement: the one definition of its shape
    (``StatementPublic`` documents it; ``public`` validates against it). Lists serialise these
    as they are, many at a time, with no model around each."""
    (sid, _sort, date, kind, cue, text, statement_title, start, end, topics, countries, *rest) = row
    (speaker_id, name, title, country, speaker_kind, document_id, doc_title, published, url, group, copies) = rest[:11]
    statement: dict[str, Any] = {
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
        "topics": split_links(topics),
        "countries": split_links(countries),
        "document": {"id": document_id, "title": doc_title, "published": _iso(published), "source_url": url},
        "span": {"start": start, "end": end},
        "group": {"id": group, "copies": copies},
    }
    if snippet is not None:
        statement["snippet"] = snippet
    return statement


def public(row: Sequence[Any]) -> StatementPublic:
    """A row of ``COLUMNS`` as the API's statement model, for single statements and document views."""
    return StatementPublic.model_validate(statement_json(row))


def list_statements(*, session: Session, query: StatementQuery) -> dict[str, Any]:
    """One page of the statements matching every filter of ``query``, in its order, as the JSON
    object ``StatementPage`` describes."""
    found = search.parse(query.q) if query.q is not None else None
    sort = query.sort or ("relevance" if found is not None else "-date")
    if sort == "relevance":
        if found is None:
            raise InvalidParameterError("sort", "relevance orders the matches of q: give q too")
        chosen = select_statements(query, session=session, with_text=False, drive=False)
        window = search.recent(session, found, chosen.read(select(Statement.id)), plain=chosen.empty)
        if chosen.empty and dialect.of(session).ranks_in_index:
            # ranked in the search index alone; only the page's rows are read and joined
            index = search.ranked_in_index(session, found, window)
            keyset = Keyset("relevance", index.selected_columns.score, index.selected_columns.id, descending=False)
            top = keyset.apply(index, cursor=query.cursor, limit=query.limit).subquery()
            stmt = _joined(
                select(*COLUMNS, top.c.score).select_from(top).join(Statement, Statement.id == top.c.id)
            ).order_by(top.c.score, top.c.id)
        else:
            score = search.score(session, found).label("score")
            keyset = Keyset("relevance", score, Statement.id, descending=False)
            base = _joined(chosen.statements(select(*COLUMNS)))
            ranked = search.ranked_join(session, base, found, window=window)
            stmt = keyset.apply(ranked.add_columns(score), cursor=query.cursor, limit=query.limit)
        rows, next_cursor = keyset.page(
            session.execute(stmt).all(), limit=query.limit, key=lambda row: (row[-1], row[0])
        )
    else:
        chosen = select_statements(query, session=session)
        keyset = Keyset(sort, chosen.sort_date, chosen.statement_id, descending=sort == "-date")
        stmt = keyset.apply(_joined(chosen.statements(select(*COLUMNS))), cursor=query.cursor, limit=query.limit)
        rows, next_cursor = keyset.page(
            session.execute(stmt).all(), limit=query.limit, key=lambda row: (row[1], row[0])
        )
    marked = search.snippets(session, found, [row[0] for row in rows]) if found is not None else {}
    page: dict[str, Any] = {
        "items": [statement_json(row, marked.get(row[0])) for row in rows],
        "next_cursor": next_cursor,
    }
    if query.count:
        page["total"] = count_statements(session=session, filters=query)
    return page


def count_statements(*, session: Session, filters: StatementFilters) -> int:
    """How many statements match every filter."""
    ids = select_statements(filters, session=session).ids()
    stmt = (
        select(func.count()).select_from(Statement) if ids is None else select(func.count()).select_from(ids.subquery())
    )
    return int(session.scalar(stmt) or 0)


def get_statement(*, session: Session, statement_id: int) -> StatementDetail | None:
    """The statement with this id, with the other articles that carried it, if any."""
    row = session.execute(_base().where(Statement.id == statement_id)).one_or_none()
    if row is None:
        return None
    statement = public(row)
    copies = []
    if statement.group.copies > 1:
        others = session.execute(
            select(Statement.id, Document.id, Document.title, Document.published_date, Document.source_url)
            .join(Document, Document.id == Statement.document_id)
            .where(Statement.group_id == statement.group.id, Statement.id != statement_id)
            .order_by(Document.published_date, Statement.id)
            .limit(MAX_COPIES)
        ).all()
        copies = [
            Copy.model_construct(
                statement_id=sid,
                outlet=urlsplit(url).hostname if url else None,
                document=DocumentRef.model_construct(id=did, title=title, published=day, source_url=url),
            )
            for sid, did, title, day, url in others
        ]
    return StatementDetail.model_construct(**dict(statement), carried_by=copies)


def statements_of_document(*, session: Session, document_id: int) -> list[StatementPublic]:
    """Every statement of a document, in the order they occur in its body."""
    stmt = _base().where(Statement.document_id == document_id).order_by(Statement.span_start, Statement.id)
    return [public(row) for row in session.execute(stmt)]
