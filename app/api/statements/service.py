"""Statement queries. A page costs three queries whatever its size: the statements joined with
their speakers and documents, then the topics and the countries of the whole page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, CompoundSelect, Row, Select, exists, func, select
from sqlalchemy.orm import Session, defer

from app.api.errors import InvalidParameterError
from app.api.pagination import Keyset
from app.api.statements import search
from app.api.statements.schemas import (
    DocumentRef,
    Span,
    SpeakerRef,
    StatementFilters,
    StatementPage,
    StatementPublic,
    StatementQuery,
)
from app.models import (
    Document,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementCountry,
    StatementPair,
    StatementTopic,
    Topic,
)
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


def topic_ids(session: Session, slugs: Sequence[str]) -> list[int]:
    """Ids of the topics named; a 422 naming ``topic`` for a slug the taxonomy does not have."""
    wanted = list(dict.fromkeys(slugs))
    if not wanted:
        return []
    known: dict[str, int] = dict(session.execute(select(Topic.slug, Topic.id).where(Topic.slug.in_(wanted))).all())
    unknown = [slug for slug in wanted if slug not in known]
    if unknown:
        raise InvalidParameterError("topic", f"unknown topic {unknown[0]!r}; GET /v1/topics lists the slugs")
    return [known[slug] for slug in wanted]


def filter_conditions(
    query: StatementFilters, *, session: Session, with_text: bool = True
) -> list[ColumnElement[bool]]:
    """WHERE conditions on ``Statement`` (joined with ``Speaker``) for every filter given.

    ``with_text=False`` leaves ``q`` to the caller (ranking joins the search index itself).
    """
    where: list[ColumnElement[bool]] = []
    if query.speaker is not None:
        where.append(Statement.speaker_id.in_(speakers_named(query.speaker)))
    if query.speaker_id is not None:
        where.append(Statement.speaker_id == query.speaker_id)
    if query.speaker_country is not None:
        where.append(Speaker.country_code == query.speaker_country)
    where.extend(country_conditions(list(dict.fromkeys(query.country))))
    for topic_id in topic_ids(session, query.topic):
        where.append(exists().where(StatementTopic.statement_id == Statement.id, StatementTopic.topic_id == topic_id))
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
    if query.q is not None and with_text:
        where.append(search.condition(search.parse(query.q)))
    return where


def country_conditions(codes: Sequence[str]) -> list[ColumnElement[bool]]:
    """Statements about every one of ``codes``: two at a time through the pair index."""
    where: list[ColumnElement[bool]] = []
    pending = sorted(codes)
    while len(pending) >= 2:
        a, b = pending.pop(0), pending.pop(0)
        where.append(
            exists().where(
                StatementPair.statement_id == Statement.id, StatementPair.country_a == a, StatementPair.country_b == b
            )
        )
    for code in pending:
        where.append(
            exists().where(StatementCountry.statement_id == Statement.id, StatementCountry.country_code == code)
        )
    return where


def _serialise(
    session: Session, rows: Sequence[StatementRow | tuple[Statement, Speaker, Document]]
) -> list[StatementPublic]:
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
    found = search.parse(query.q) if query.q is not None else None
    sort = query.sort or ("relevance" if found is not None else "-date")
    if sort == "relevance":
        if found is None:
            raise InvalidParameterError("sort", "relevance orders the matches of q: give q too")
        score = search.score(found).label("score")
        keyset = Keyset("relevance", score, Statement.id, descending=False)
        base = search.ranked_join(_base(), found, session.get_bind().dialect.name).add_columns(score)
        stmt = keyset.apply(
            base.where(*filter_conditions(query, session=session, with_text=False)),
            cursor=query.cursor,
            limit=query.limit,
        )
        rows, next_cursor = keyset.page(
            session.execute(stmt).all(), limit=query.limit, key=lambda row: (row[3], row[0].id)
        )
    else:
        keyset = ORDERS[sort]
        stmt = keyset.apply(
            _base().where(*filter_conditions(query, session=session)), cursor=query.cursor, limit=query.limit
        )
        rows, next_cursor = keyset.page(
            session.execute(stmt).all(), limit=query.limit, key=lambda row: (row[0].sort_date, row[0].id)
        )
    items = _serialise(session, [(row[0], row[1], row[2]) for row in rows])
    if found is not None:
        marked = search.snippets(session, found, [item.id for item in items])
        items = [item.model_copy(update={"snippet": marked.get(item.id)}) for item in items]
    total = count_statements(session=session, filters=query) if query.count else None
    return StatementPage(items=items, next_cursor=next_cursor, total=total)


def count_statements(*, session: Session, filters: StatementFilters) -> int:
    """How many statements match every filter."""
    stmt = (
        select(func.count())
        .select_from(Statement)
        .join(Statement.speaker)
        .where(*filter_conditions(filters, session=session))
    )
    return int(session.scalar(stmt) or 0)


def get_statement(*, session: Session, statement_id: int) -> StatementPublic | None:
    """The statement with this id, if any."""
    row = session.execute(_base().where(Statement.id == statement_id)).one_or_none()
    return _serialise(session, [row])[0] if row is not None else None


def statements_of_document(*, session: Session, document_id: int) -> list[StatementPublic]:
    """Every statement of a document, in the order they occur in its body."""
    stmt = _base().where(Statement.document_id == document_id).order_by(Statement.span_start, Statement.id)
    return _serialise(session, session.execute(stmt).all())
