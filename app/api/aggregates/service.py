"""Facet and timeline queries.

Counts are grouped on ids, codes and days in the database, then labelled (one query for the few
buckets kept) and, for timelines, folded into weeks, months or years here. Reads go through the
narrowest table that answers: the link tables for countries and topics, the statement indexes
for speakers, kinds and days; statement rows are read only when a filter needs them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from app.api.aggregates.schemas import Bucket, FacetQuery, Facets, Interval, Point, Series, Timeline, TimelineQuery
from app.api.statements.selection import Selection, select_statements
from app.models import Country, Speaker, Statement, StatementCountry, StatementTopic, Topic

LINKS: dict[str, Any] = {"country": StatementCountry, "topic": StatementTopic}
KEYS: dict[str, Any] = {
    "country": StatementCountry.country_code,
    "topic": StatementTopic.topic_id,
    "speaker": Statement.speaker_id,
    "kind": Statement.kind,
}


def _grouped(field: str, chosen: Selection, *extra: ColumnElement[Any]) -> Select[Any]:
    """``key, *extra, count`` per key over the selected statements (``field`` not speaker_country)."""
    key = KEYS[field]
    query = select(key, *extra, func.count()).group_by(key, *extra)
    ids = chosen.ids()
    if field in LINKS:
        link = LINKS[field]
        query = query.select_from(link)
        return query if ids is None else query.where(link.statement_id.in_(ids))
    query = query.select_from(Statement)
    return query if ids is None else query.where(Statement.id.in_(ids))


def _by_speaker_country(session: Session, counts: Iterable[tuple[Any, ...]]) -> Counter[tuple[Any, ...]]:
    """Counts keyed by speaker id (first element) folded into counts keyed by the speakers' countries."""
    rows = list(counts)
    countries = dict(
        session.execute(select(Speaker.id, Speaker.country_code).where(Speaker.id.in_({row[0] for row in rows}))).all()
    )
    folded: Counter[tuple[Any, ...]] = Counter()
    for speaker_id, *rest, n in rows:
        code = countries.get(speaker_id)
        if code is not None:
            folded[(code, *rest)] += n
    return folded


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


def _total(session: Session, chosen: Selection) -> int:
    ids = chosen.ids()
    counted = select(func.count()).select_from(Statement if ids is None else ids.subquery())
    return int(session.scalar(counted) or 0)


def _largest(counts: Iterable[tuple[Any, int]], limit: int) -> list[tuple[Any, int]]:
    return sorted((pair for pair in counts if pair[0] is not None), key=lambda p: (-p[1], p[0]))[:limit]


def facets(*, session: Session, query: FacetQuery) -> Facets:
    """Statement counts by ``query.field`` among the statements the filters select."""
    chosen = select_statements(query, session=session)
    if query.field == "speaker_country":
        folded = _by_speaker_country(session, session.execute(_grouped("speaker", chosen)))
        top = _largest(((key[0], n) for key, n in folded.items()), query.limit)
    else:
        top = _largest(((k, n) for k, n in session.execute(_grouped(query.field, chosen))), query.limit)
    named = _named(session, query.field, [k for k, _ in top])
    buckets = [Bucket(value=named[k][0], label=named[k][1], count=n) for k, n in top if k in named]
    buckets.sort(key=lambda b: (-b.count, b.value))  # ties by the value shown (topic slug, not id)
    return Facets(field=query.field, total=_total(session, chosen), buckets=buckets)


def _period(day: dt.date, interval: Interval) -> dt.date:
    if interval == "week":
        return day - dt.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    if interval == "year":
        return day.replace(month=1, day=1)
    return day


def _points(days: Iterable[tuple[Any, int]], interval: Interval) -> list[Point]:
    periods: Counter[dt.date] = Counter()
    for day, n in days:
        periods[_period(day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)), interval)] += n
    return [Point(period=period, count=periods[period]) for period in sorted(periods)]


def timeline(*, session: Session, query: TimelineQuery) -> Timeline:
    """Statement counts per period, in one series or one per group (counted per day, then folded)."""
    chosen = select_statements(query, session=session)
    if query.group_by is None:
        days = session.execute(chosen.read(select(chosen.sort_date, func.count())).group_by(chosen.sort_date)).all()
        return Timeline(
            interval=query.interval,
            group_by=None,
            series=[Series(key=None, label=None, points=_points(((d, n) for d, n in days), query.interval))],
        )
    field = "speaker" if query.group_by == "speaker_country" else query.group_by
    sort_date: Any = LINKS[field].sort_date if field in LINKS else Statement.sort_date
    by_day = session.execute(_grouped(field, chosen, sort_date)).all()
    per_group: dict[Any, list[tuple[Any, int]]] = defaultdict(list)
    if query.group_by == "speaker_country":
        for (code, day), n in _by_speaker_country(session, by_day).items():
            per_group[code].append((day, n))
    else:
        for row in by_day:
            per_group[row[0]].append((row[1], row[2]))
    top = _largest(((key, sum(n for _, n in days)) for key, days in per_group.items()), query.groups)
    named = _named(session, query.group_by, [key for key, _ in top])
    series = [
        Series(key=named[key][0], label=named[key][1], points=_points(per_group[key], query.interval))
        for key, _ in top
        if key in named
    ]
    return Timeline(interval=query.interval, group_by=query.group_by, series=series)
