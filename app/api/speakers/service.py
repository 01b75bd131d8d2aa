"""Speaker queries: a page of speakers, then the aliases of the whole page in one query."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.orm import Session

from app.api.errors import InvalidParameterError
from app.api.pagination import Keyset
from app.api.speakers.schemas import SpeakerPage, SpeakerPublic, SpeakerQuery
from app.models import Speaker, SpeakerAlias, Statement
from app.names import name_key

# Alphabetical by name key (case and accents ignored), then id: a stable order that an index
# serves, unlike statement counts, which change with every article.
BY_NAME = Keyset("name", Speaker.name_key, Speaker.id, descending=False)

SpeakerRow = Row[Speaker, int]


def _base() -> Select[Speaker, int]:
    count = select(func.count()).where(Statement.speaker_id == Speaker.id).scalar_subquery()
    return select(Speaker, count)


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
    return where


def _serialise(session: Session, rows: Sequence[SpeakerRow]) -> list[SpeakerPublic]:
    aliases: dict[int, list[str]] = defaultdict(list)
    ids = [speaker.id for speaker, _count in rows]
    if ids:
        alias_rows = session.execute(
            select(SpeakerAlias.speaker_id, SpeakerAlias.alias)
            .where(SpeakerAlias.speaker_id.in_(ids))
            .order_by(SpeakerAlias.speaker_id, SpeakerAlias.id)
        )
        for speaker_id, alias in alias_rows:
            aliases[speaker_id].append(alias)
    return [
        SpeakerPublic(
            id=speaker.id,
            name=speaker.name,
            kind=speaker.kind,
            title=speaker.title,
            country=speaker.country_code,
            aliases=aliases[speaker.id],
            statement_count=count,
        )
        for speaker, count in rows
    ]


def list_speakers(*, session: Session, query: SpeakerQuery) -> SpeakerPage:
    """One page of the speakers matching ``query``, in alphabetical order."""
    stmt = BY_NAME.apply(_base().where(*_conditions(query)), cursor=query.cursor, limit=query.limit)
    rows, next_cursor = BY_NAME.page(
        session.execute(stmt).all(), limit=query.limit, key=lambda row: (row[0].name_key, row[0].id)
    )
    return SpeakerPage(items=_serialise(session, rows), next_cursor=next_cursor)


def get_speaker(*, session: Session, speaker_id: int) -> SpeakerPublic | None:
    """The speaker with this id, if any."""
    row = session.execute(_base().where(Speaker.id == speaker_id)).one_or_none()
    return _serialise(session, [row])[0] if row is not None else None
