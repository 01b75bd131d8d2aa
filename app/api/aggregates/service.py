"""Facet and timeline queries.

Counts are grouped on ids and codes in one query, then labelled with one more for the few
buckets kept. Without filters, counts come straight from the link tables and their covering
indexes, never from a scan of the statements themselves.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Date, Select, cast, func, literal_column, select
from sqlalchemy.orm import Session

from app.api.aggregates.schemas import (
    Bucket,
    FacetQuery,
    Facets,
    GroupBy,
    Interval,
    Point,
    Series,
    Timeline,
    TimelineQuery,
)
from app.api.statements.service import filter_conditions
from app.models import Country, Speaker, Statement, StatementCountry, StatementTopic, Topic


def _grouping(field: str) -> ColumnElement[Any]:
    columns: dict[str, Any] = {
        "speaker": Statement.speaker_id,
        "speaker_country": Speaker.country_code,
        "country": StatementCountry.country_code,
        "topic": StatementTopic.topic_id,
        "kind": Statement.kind,
    }
    column: ColumnElement[Any] = columns[field]
    return column


def _counted(field: str, conditions: Sequence[ColumnElement[bool]], value: ColumnElement[Any]) -> Select[Any]:
    """``value, count`` over the selected statements, the cheapest way for ``field``."""
    count = func.count().label("n")
    if not conditions and field in {"country", "topic"}:
        link = StatementCountry if field == "country" else StatementTopic
        return select(value, count).select_from(link).group_by(value)
    if not conditions and field in {"speaker", "kind"}:
        return select(value, count).select_from(Statement).group_by(value)
    query = select(value, count).select_from(Statement).join(Speaker, Speaker.id == Statement.speaker_id)
    if field == "country":
        query = query.join(StatementCountry, StatementCountry.statement_id == Statement.id)
    elif field == "topic":
        query = query.join(StatementTopic, StatementTopic.statement_id == Statement.id)
    return query.where(*conditions).group_by(value)


def _named(session: Session, kind: str, keys: Sequence[Any]) -> dict[Any, tuple[str | int, str]]:
    """For each grouped key: the value the API shows and a readable label (one query at most)."""
    wanted = [k for k in keys if k is not None]
    if kind in {"country", "speaker_country"}:
        rows = session.execute(select(Country.code, Country.code, Country.name).where(Country.code.in_(wanted)))
    elif kind == "topic":
        rows = session.execute(select(Topic.id, Topic.slug, Topic.label).where(Topic.id.in_(wanted)))
    elif kind == "speaker":
        rows = session.execute(select(Speaker.id, Speaker.id, Speaker.name).where(Speaker.id.in_(wanted)))
    else:
        return {k: (k, k) for k in wanted}
    return {key: (value, label) for key, value, label in rows}


def _total(session: Session, conditions: Sequence[ColumnElement[bool]]) -> int:
    query = select(func.count()).select_from(Statement)
    if conditions:
        query = query.join(Speaker, Speaker.id == Statement.speaker_id).where(*conditions)
    return int(session.scalar(query) or 0)


def facets(*, session: Session, query: FacetQuery) -> Facets:
    """Statement counts by ``query.field`` among the statements the filters select."""
    conditions = filter_conditions(query, session=session)
    counted = _counted(query.field, conditions, _grouping(query.field)).subquery()
    key = counted.c[0]
    top = session.execute(
        select(key, counted.c.n).where(key.is_not(None)).order_by(counted.c.n.desc(), key).limit(query.limit)
    ).all()
    named = _named(session, query.field, [row[0] for row in top])
    buckets = [Bucket(value=named[k][0], label=named[k][1], count=n) for k, n in top if k in named]
    buckets.sort(key=lambda b: (-b.count, b.value))  # ties by the value shown (topic slug, not id)
    return Facets(field=query.field, total=_total(session, conditions), buckets=buckets)


def _period(dialect: str, interval: Interval) -> ColumnElement[Any]:
    """The first day of the statement date's period, as SQL for ``dialect``."""
    if dialect == "postgresql":
        return cast(func.date_trunc(interval, Statement.date), Date)
    column = "statement.date"
    sql = {
        "day": f"date({column})",
        "week": f"date({column}, '-' || ((CAST(strftime('%w', {column}) AS INTEGER) + 6) % 7) || ' days')",
        "month": f"strftime('%Y-%m-01', {column})",
        "year": f"strftime('%Y-01-01', {column})",
    }[interval]
    return literal_column(sql)


def _as_date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def timeline(*, session: Session, query: TimelineQuery) -> Timeline:
    """Statement counts per period, in one series or one per group."""
    conditions = [*filter_conditions(query, session=session), Statement.date.is_not(None)]
    period = _period(session.get_bind().dialect.name, query.interval).label("period")
    if query.group_by is None:
        counted = _dated(select(period, func.count()), conditions, None).group_by(period).order_by(period)
        single = [Point(period=_as_date(p), count=n) for p, n in session.execute(counted)]
        return Timeline(interval=query.interval, group_by=None, series=[Series(key=None, label=None, points=single)])
    group = _grouping(query.group_by)
    ranked = _dated(select(group, func.count().label("n")), conditions, query.group_by).group_by(group)
    top = [
        key
        for key, _ in session.execute(ranked.order_by(func.count().desc(), group).limit(query.groups))
        if key is not None
    ]
    counted = (
        _dated(select(group, period, func.count()), [*conditions, group.in_(top)], query.group_by)
        .group_by(group, period)
        .order_by(group, period)
    )
    points: dict[Any, list[Point]] = defaultdict(list)
    for key, p, n in session.execute(counted):
        points[key].append(Point(period=_as_date(p), count=n))
    named = _named(session, query.group_by, top)
    series = [Series(key=named[key][0], label=named[key][1], points=points[key]) for key in top if key in named]
    return Timeline(interval=query.interval, group_by=query.group_by, series=series)


def _dated(query: Select[Any], conditions: Sequence[ColumnElement[bool]], group_by: GroupBy | None) -> Select[Any]:
    query = query.select_from(Statement)
    if group_by == "speaker_country" or len(conditions) > 1:
        query = query.join(Speaker, Speaker.id == Statement.speaker_id)
    if group_by == "topic":
        query = query.join(StatementTopic, StatementTopic.statement_id == Statement.id)
    return query.where(*conditions)
