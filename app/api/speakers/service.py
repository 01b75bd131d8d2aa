"""Speaker queries: a page of speakers, then the aliases of the whole page in one query; one speaker
with its offices, dates and counterpart countries in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import Session

from app.api.errors import InvalidParameterError
from app.api.pagination import Keyset
from app.api.speakers.schemas import (
    CountryCount,
    OfficeHeld,
    SpeakerDetail,
    SpeakerPage,
    SpeakerPublic,
    SpeakerQuery,
)
from app.models import Speaker, SpeakerAlias, SpeakerOffice, SpeakerRedirect, Statement, StatementCountry
from app.names import name_key

# How many counterpart countries a speaker's detail lists.
COUNTERPARTS = 5

STATEMENT_COUNT = (
    select(func.count()).where(Statement.speaker_id == Speaker.id).correlate(Speaker).scalar_subquery()
).label("statement_count")
# Alphabetical by name key (case and accents ignored), then id: a stable order that an index serves.
BY_NAME = Keyset("name", Speaker.name_key, Speaker.id, descending=False)
# Most statements first: counted per speaker, as statements arrive all the time.
BY_COUNT = Keyset("-statement_count", STATEMENT_COUNT, Speaker.id, descending=True)

SpeakerRow = Row[Speaker, int]


def _base() -> Select[Speaker, int]:
    return select(Speaker, STATEMENT_COUNT)


def _conditions(query: SpeakerQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.q is not None:
        key = name_key(query.q)
        if not key:
            raise InvalidParameterError(
                "q", "nothing is left to match once case, punctuation and a leading 'the' are dropped"
            )
        aliased = select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias_key.contains(key, autoescape=True))
        where.append(Speaker.name_key.contains(key, autoescape=True) | Speaker.id.in_(aliased))
    if query.country is not None:
        where.append(Speaker.country_code == query.country)
    if query.kind is not None:
        where.append(Speaker.kind == query.kind)
    if query.office is not None:
        where.append(Speaker.id.in_(select(SpeakerOffice.speaker_id).where(SpeakerOffice.office == query.office)))
    if query.organization is not None:
        where.append(func.lower(Speaker.organization) == query.organization.lower())
    return where


def _fields(speaker: Speaker, count: int, aliases: list[str]) -> dict[str, Any]:
    return {
        "id": speaker.id,
        "name": speaker.name,
        "kind": speaker.kind,
        "title": speaker.title,
        "office": speaker.office,
        "organization": speaker.organization,
        "country": speaker.country_code,
        "country_source": speaker.country_source,
        "aliases": aliases,
        "statement_count": count,
    }


def _aliases(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    aliases: dict[int, list[str]] = defaultdict(list)
    if ids:
        alias_rows = session.execute(
            select(SpeakerAlias.speaker_id, SpeakerAlias.alias, SpeakerAlias.alias_key)
            .join(Speaker, Speaker.id == SpeakerAlias.speaker_id)
            .where(SpeakerAlias.speaker_id.in_(ids), SpeakerAlias.alias_key != Speaker.name_key)
            .order_by(SpeakerAlias.speaker_id, SpeakerAlias.id)
        )
        for speaker_id, alias, _key in alias_rows:
            aliases[speaker_id].append(alias)
    return aliases


def list_speakers(*, session: Session, query: SpeakerQuery) -> SpeakerPage:
    """One page of the speakers matching ``query``, in its order."""
    keyset = BY_NAME if query.sort == "name" else BY_COUNT
    stmt = keyset.apply(_base().where(*_conditions(query)), cursor=query.cursor, limit=query.limit)
    rows: Sequence[SpeakerRow] = session.execute(stmt).all()

    def key(row: SpeakerRow) -> tuple[Any, ...]:
        return (row[0].name_key, row[0].id) if keyset is BY_NAME else (row[1], row[0].id)

    page, next_cursor = keyset.page(rows, limit=query.limit, key=key)
    aliases = _aliases(session, [speaker.id for speaker, _count in page])
    items = [SpeakerPublic(**_fields(speaker, count, aliases[speaker.id])) for speaker, count in page]
    return SpeakerPage(items=items, next_cursor=next_cursor)


def redirect_of(*, session: Session, speaker_id: int) -> int | None:
    """The speaker a merged-away id now belongs to, if any."""
    return session.scalar(select(SpeakerRedirect.speaker_id).where(SpeakerRedirect.old_id == speaker_id))


def get_speaker(*, session: Session, speaker_id: int) -> SpeakerDetail | None:
    """The speaker with this id, with its offices, its statement dates and its counterpart countries."""
    dates = (
        select(func.count(), func.min(Statement.sort_date), func.max(Statement.sort_date))
        .where(Statement.speaker_id == speaker_id)
        .subquery()
    )
    row = session.execute(
        select(Speaker, *dates.c).select_from(Speaker).join(dates, Speaker.id == speaker_id)
    ).one_or_none()
    if row is None:
        return None
    speaker, count, first, last = row
    offices = session.execute(
        select(
            SpeakerOffice.office,
            SpeakerOffice.title,
            SpeakerOffice.organization,
            SpeakerOffice.first_date,
            SpeakerOffice.last_date,
        )
        .where(SpeakerOffice.speaker_id == speaker_id)
        .order_by(SpeakerOffice.first_date, SpeakerOffice.office)
    ).all()
    counted = func.count().label("n")
    counterparts = session.execute(
        select(StatementCountry.country_code, counted)
        .join(Statement, Statement.id == StatementCountry.statement_id)
        .where(
            Statement.speaker_id == speaker_id, StatementCountry.country_code != func.coalesce(speaker.country_code, "")
        )
        .group_by(StatementCountry.country_code)
        .order_by(counted.desc(), StatementCountry.country_code)
        .limit(COUNTERPARTS)
    ).all()
    return SpeakerDetail(
        **_fields(speaker, count, _aliases(session, [speaker_id])[speaker_id]),
        offices=[
            OfficeHeld(office=o, title=t, organization=org, first_seen=f, last_seen=la) for o, t, org, f, la in offices
        ],
        first_statement_date=first,
        last_statement_date=last,
        counterpart_countries=[CountryCount(code=code, statement_count=n) for code, n in counterparts],
    )
