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

from app import dialect
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
    top = _top_groups(session, query.field, chosen, query.limit)
    named = _named(session, query.field, [k for k, _ in top])
    buckets = [Bucket(value=named[k][0], label=named[k][1], count=n) for k, n in top if k in named]
    buckets.sort(key=lambda b: (-b.count, b.value))  # ties by the value shown (topic slug, not id)
    return Facets(field=query.field, total=_total(session, chosen), buckets=buckets)


def _per_period(session: Session, by_day: Select[Any], interval: Interval, keys: int) -> list[tuple[Any, ...]]:
    """``by_day``'s rows (``keys`` key columns, a day, a count) summed per period.

    Days are counted first, in the order of the index read, and periods are summed over those
    few thousand rows: grouping a million rows on a computed period would sort them all.
    """
    sql = dialect.of(session)
    sql.plan_counts_in_index_order(session)
    days = by_day.subquery()
    columns = list(days.c)
    key_columns, day, count = columns[:keys], columns[keys], columns[keys + 1]
    period = sql.period_start(day, interval).label("period")
    summed = select(*key_columns, period, func.sum(count)).group_by(*key_columns, period)
    return [tuple(row) for row in session.execute(summed)]


def _points(periods: Iterable[tuple[dt.date, int]]) -> list[Point]:
    return [Point(period=period, count=int(n)) for period, n in sorted(periods)]


def _top_groups(session: Session, group_by: str, chosen: Selection, limit: int) -> list[tuple[Any, int]]:
    """The ``limit`` largest groups (a facet's buckets, a timeline's series) with their counts."""
    if group_by == "speaker_country":
        folded = _by_speaker_country(session, session.execute(_grouped("speaker", chosen)))
        return _largest(((key[0], n) for key, n in folded.items()), limit)
    return _largest(((k, n) for k, n in session.execute(_grouped(group_by, chosen))), limit)


def timeline(*, session: Session, query: TimelineQuery) -> Timeline:
    """Statement counts per period, in one series or one per group.

    With ``group_by``, the largest groups are found first, and days are counted for those alone:
    a thousand speakers over twenty years are a million (speaker, day) pairs, ten are a few
    thousand. Topics, few by nature, are counted in one pass.
    """
    chosen = select_statements(query, session=session)
    if query.group_by is None:
        by_day = chosen.read(select(chosen.sort_date, func.count())).group_by(chosen.sort_date)
        periods = _per_period(session, by_day, query.interval, keys=0)
        return Timeline(
            interval=query.interval,
            group_by=None,
            series=[Series(key=None, label=None, points=_points((period, n) for period, n in periods))],
        )
    field = "speaker" if query.group_by == "speaker_country" else query.group_by
    sort_date: Any = LINKS[field].sort_date if field in LINKS else Statement.sort_date
    by_day = _grouped(field, chosen, sort_date)
    if field == "topic":  # a taxonomy is small: every topic's days at once, totals from them
        counted = _per_period(session, by_day, query.interval, keys=1)
        totals: Counter[Any] = Counter()
        for key, _, n in counted:
            totals[key] += int(n)
        keys = [key for key, _ in _largest(totals.items(), query.groups)]
    else:
        keys = [key for key, _ in _top_groups(session, query.group_by, chosen, query.groups)]
        wanted = (
            Statement.speaker_id.in_(select(Speaker.id).where(Speaker.country_code.in_(keys)))
            if query.group_by == "speaker_country"
            else KEYS[field].in_(keys)
        )
        counted = _per_period(session, by_day.where(wanted), query.interval, keys=1)
    per_group: dict[Any, list[tuple[dt.date, int]]] = defaultdict(list)
    if query.group_by == "speaker_country":
        for (code, period), n in _by_speaker_country(session, counted).items():
            per_group[code].append((period, n))
    else:
        for key, period, n in counted:
            per_group[key].append((period, n))
    named = _named(session, query.group_by, keys)
    series = [
        Series(key=named[key][0], label=named[key][1], points=_points(per_group[key])) for key in keys if key in named
    ]
    return Timeline(interval=query.interval, group_by=query.group_by, series=series)
