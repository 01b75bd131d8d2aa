"""Statement queries. A page costs three queries whatever its size: the statements joined with
their speakers and documents, then the topics and the countries of the whole page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, CompoundSelect, Row, Select, exists, select
from sqlalchemy.orm import Session, defer

from app.api.errors import InvalidParameterError
from app.api.pagination import Keyset
from app.api.statements.schemas import (
    DocumentRef,
    Span,
    SpeakerRef,
    StatementFilters,
    StatementPage,
    StatementPublic,
    StatementQuery,
)
from app.models import Document, Speaker, SpeakerAlias, Statement, StatementCountry, StatementTopic, Topic
from app.names import name_key

ORDERS = {
    "-date": Keyset("-date", Statement.sort_date, Statement.id, descending=True),
    "date": Keyset("date", Statement.sort_date, Statement.id, descending=False),
}

StatementRow = Row[Statement, Speaker, Document]


def _base() -> Select[Statement, Speaker, Document]:
    return (
        select(Statement, Speaker, Document)
        .join(Statement.speaker)
        .join(Statement.document)
        .options(defer(Document.body, raiseload=True))
    )


def speakers_named(name: str) -> CompoundSelect[int]:
    """Ids of the speakers whose name or one of whose aliases is ``name`` (compared by name key)."""
    key = name_key(name)
    if not key:
        raise InvalidParameterError(
            "speaker", "nothing is left to match once case, punctuation and a leading 'the' are dropped"
        )
    by_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias_key == key)
    return select(Speaker.id).where(Speaker.name_key == key).union(by_alias)


def filter_conditions(query: StatementFilters) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``Statement`` (joined with ``Speaker``) for every filter given."""
    where: list[ColumnElement[bool]] = []
    if query.speaker is not None:
        where.append(Statement.speaker_id.in_(speakers_named(query.speaker)))
    if query.speaker_id is not None:
        where.append(Statement.speaker_id == query.speaker_id)
    if query.speaker_country is not None:
        where.append(Speaker.country_code == query.speaker_country)
    for code in dict.fromkeys(query.country):
        where.append(
            exists().where(StatementCountry.statement_id == Statement.id, StatementCountry.country_code == code)
        )
    for slug in dict.fromkeys(query.topic):
        where.append(
            exists()
            .where(StatementTopic.statement_id == Statement.id)
            .where(StatementTopic.topic_id == select(Topic.id).where(Topic.slug == slug).scalar_subquery())
        )
    if query.kind is not None:
        where.append(Statement.kind == query.kind)
    if query.date_from is not None or query.date_to is not None:
        if query.date_from and query.date_to and query.date_from > query.date_to:
            raise InvalidParameterError("date_to", "must not be before date_from")
        # A dated statement's sort_date is its date: bounding sort_date lets the index do the work.
        where.append(Statement.date.is_not(None))
        if query.date_from is not None:
            where.append(Statement.sort_date >= query.date_from)
        if query.date_to is not None:
            where.append(Statement.sort_date <= query.date_to)
    if query.document_id is not None:
        where.append(Statement.document_id == query.document_id)
    if query.q is not None:
        for word in dict.fromkeys(query.q.split()):
            where.append(Statement.text.icontains(word, autoescape=True))
    return where


def _serialise(session: Session, rows: Sequence[StatementRow]) -> list[StatementPublic]:
    ids = [row[0].id for row in rows]
    topics: dict[int, list[str]] = defaultdict(list)
    countries: dict[int, list[str]] = defaultdict(list)
    if ids:
        topic_rows = session.execute(
            select(StatementTopic.statement_id, Topic.slug)
            .join(Topic, Topic.id == StatementTopic.topic_id)
            .where(StatementTopic.statement_id.in_(ids))
            .order_by(StatementTopic.statement_id, Topic.slug)
        )
        for statement_id, slug in topic_rows:
            topics[statement_id].append(slug)
        country_rows = session.execute(
            select(StatementCountry.statement_id, StatementCountry.country_code)
            .where(StatementCountry.statement_id.in_(ids))
            .order_by(StatementCountry.statement_id, StatementCountry.country_code)
        )
        for statement_id, code in country_rows:
            countries[statement_id].append(code)
    return [
        _public(statement, speaker, document, topics[statement.id], countries[statement.id])
        for statement, speaker, document in rows
    ]


def _public(
    statement: Statement, speaker: Speaker, document: Document, topics: list[str], countries: list[str]
) -> StatementPublic:
    return StatementPublic(
        id=statement.id,
        text=statement.text,
        kind=statement.kind,
        cue=statement.cue,
        date=statement.date,
        speaker=SpeakerRef(
            id=speaker.id,
            name=speaker.name,
            title=statement.speaker_title or speaker.title,
            country=speaker.country_code,
            kind=speaker.kind,
        ),
        topics=topics,
        countries=countries,
        document=DocumentRef(
            id=document.id,
            title=document.title,
            published=document.published_date,
            source_url=document.source_url,
        ),
        span=Span(start=statement.span_start, end=statement.span_end),
    )


def list_statements(*, session: Session, query: StatementQuery) -> StatementPage:
    """One page of the statements matching every filter of ``query``, in its order."""
    keyset = ORDERS[query.sort]
    stmt = keyset.apply(_base().where(*filter_conditions(query)), cursor=query.cursor, limit=query.limit)
    rows, next_cursor = keyset.page(
        session.execute(stmt).all(), limit=query.limit, key=lambda row: (row[0].sort_date, row[0].id)
    )
    return StatementPage(items=_serialise(session, rows), next_cursor=next_cursor)


def get_statement(*, session: Session, statement_id: int) -> StatementPublic | None:
    """The statement with this id, if any."""
    row = session.execute(_base().where(Statement.id == statement_id)).one_or_none()
    return _serialise(session, [row])[0] if row is not None else None


def statements_of_document(*, session: Session, document_id: int) -> list[StatementPublic]:
    """Every statement of a document, in the order they occur in its body."""
    stmt = _base().where(Statement.document_id == document_id).order_by(Statement.span_start, Statement.id)
    return _serialise(session, session.execute(stmt).all())
