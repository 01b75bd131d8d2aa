"""Relations queries: the list from the pair counts (country_pair), a pair's summary from the
country-pair index (statement_pair).

With ``distinct``, the list reads ``country_pair.distinct_count``, which the same triggers keep
beside ``statement_count`` from the ``group_first`` copy on each statement_pair row: counting
groups per pair at read time would group the whole pair index again (what country_pair exists
to avoid), so the distinct answer is one more column of the same small table. A summary filters
its pair's rows on that copy, within the pair's index range.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, or_, select, true
from sqlalchemy.orm import Session

from app.api.relations.schemas import (
    Relation,
    RelationList,
    RelationQuery,
    RelationSummary,
    Side,
    SpeakerCount,
    TopicCount,
)
from app.models import Country, CountryPair, Speaker, Statement, StatementPair, StatementTopic, Topic

TOP = 5


def _names(session: Session, codes: Sequence[str]) -> dict[str, str]:
    return dict(session.execute(select(Country.code, Country.name).where(Country.code.in_(list(codes)))).all())


def list_relations(*, session: Session, query: RelationQuery) -> RelationList:
    """Country pairs by number of statements (or statement groups) concerning both."""
    counted = CountryPair.distinct_count if query.distinct else CountryPair.statement_count
    pairs = select(CountryPair.country_a, CountryPair.country_b, counted).where(counted > 0)
    if query.country is not None:
        pairs = pairs.where(or_(CountryPair.country_a == query.country, CountryPair.country_b == query.country))
    rows = session.execute(
        pairs.order_by(counted.desc(), CountryPair.country_a, CountryPair.country_b).limit(query.limit)
    ).all()
    names = _names(session, sorted({code for a, b, _ in rows for code in (a, b)}))
    return RelationList(
        items=[
            Relation(countries=(a, b), names=(names.get(a, a), names.get(b, b)), statement_count=n) for a, b, n in rows
        ]
    )


def _pair(a: str, b: str, distinct: bool) -> list[ColumnElement[bool]]:
    pair = [StatementPair.country_a == a, StatementPair.country_b == b]
    return [*pair, StatementPair.group_first.is_(true())] if distinct else pair


def _side(session: Session, pair: list[ColumnElement[bool]], code: str, name: str) -> Side:
    count = func.count().label("n")
    rows = session.execute(
        select(Speaker.id, Speaker.name, Speaker.title, count)
        .select_from(StatementPair)
        .join(Statement, Statement.id == StatementPair.statement_id)
        .join(Speaker, Speaker.id == Statement.speaker_id)
        .where(*pair, Speaker.country_code == code)
        .group_by(Speaker.id, Speaker.name, Speaker.title)
        .order_by(count.desc(), Speaker.id)
        .limit(TOP)
    ).all()
    speakers = [SpeakerCount(id=i, name=n, title=t, statement_count=c) for i, n, t, c in rows]
    return Side(country=code, name=name, top_speakers=speakers)


def relation_summary(*, session: Session, a: str, b: str, distinct: bool = False) -> RelationSummary:
    """What statements about two countries add up to (``a`` < ``b``), each group once with ``distinct``."""
    pair = _pair(a, b, distinct)
    statements = (
        select(func.count(), func.min(Statement.date), func.max(Statement.date))
        .select_from(StatementPair)
        .join(Statement, Statement.id == StatementPair.statement_id)
        .where(*pair)
    )
    total, first, last = session.execute(statements).one()
    count = func.count().label("n")
    topics = session.execute(
        select(Topic.slug, Topic.label, count)
        .select_from(StatementPair)
        .join(StatementTopic, StatementTopic.statement_id == StatementPair.statement_id)
        .join(Topic, Topic.id == StatementTopic.topic_id)
        .where(*pair)
        .group_by(Topic.slug, Topic.label)
        .order_by(count.desc(), Topic.slug)
    ).all()
    latest = session.scalars(
        select(Statement.id)
        .join(StatementPair, StatementPair.statement_id == Statement.id)
        .where(*pair)
        .order_by(Statement.sort_date.desc(), Statement.id.desc())
        .limit(TOP)
    ).all()
    names = _names(session, [a, b])
    return RelationSummary(
        countries=(a, b),
        statement_count=int(total),
        first_date=first,
        last_date=last,
        sides=(_side(session, pair, a, names.get(a, a)), _side(session, pair, b, names.get(b, b))),
        topics=[TopicCount(slug=slug, label=label, statement_count=n) for slug, label, n in topics],
        latest_statement_ids=list(latest),
    )
