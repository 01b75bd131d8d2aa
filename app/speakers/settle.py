"""A speaker's own fields, settled from its statements: offices over time, the latest office, and the
country most of its articles give (an article's words beat an inference; a curator's setting is
never overwritten). Helpers flush, never commit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import cast

from sqlalchemy import Table, case, delete, func, select, update
from sqlalchemy.orm import Session

from app import dialect
from app.models import Speaker, SpeakerOffice, Statement
from app.speakers.inference import CURATOR, RANK, Evidence
from app.speakers.titles import parse_title

OFFICE = cast(Table, SpeakerOffice.__table__)


def record_office(
    session: Session,
    *,
    speaker_id: int,
    office: str,
    title: str,
    organization: str | None,
    first: dt.date,
    last: dt.date,
) -> None:
    """Widen the speaker's dates in ``office`` (an upsert); the latest article's phrase is kept."""
    stmt = (
        dialect.of(session)
        .upsert(OFFICE)
        .values(
            speaker_id=speaker_id,
            office=office,
            title=title,
            organization=organization,
            first_date=first,
            last_date=last,
        )
    )
    new = stmt.excluded
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["speaker_id", "office"],
            set_={
                "first_date": case((new.first_date < OFFICE.c.first_date, new.first_date), else_=OFFICE.c.first_date),
                "last_date": case((new.last_date > OFFICE.c.last_date, new.last_date), else_=OFFICE.c.last_date),
                "title": case((new.last_date >= OFFICE.c.last_date, new.title), else_=OFFICE.c.title),
                "organization": func.coalesce(new.organization, OFFICE.c.organization),
            },
        )
    )


def settle_article(session: Session, evidence: Mapping[int, Evidence], with_office: Iterable[int]) -> None:
    """Settle the speakers one article touched: ``evidence`` is the country it gave each of them,
    ``with_office`` those it gave an office. Only a disagreement costs a count over statements."""
    ids = sorted(evidence)
    if not ids:
        _latest_office(session, set(with_office))
        return
    current = {
        sid: (country, source)
        for sid, country, source in session.execute(
            select(Speaker.id, Speaker.country_code, Speaker.country_source).where(Speaker.id.in_(ids))
        )
    }
    recount: set[int] = set()
    for sid in ids:
        found, (country, source) = evidence[sid], current.get(sid, (None, None))
        if found.country is None or source == CURATOR:
            continue
        if country is None or (found.country != country and RANK[found.source] > RANK[source]):
            _set_country(session, sid, found.country, found.source)
        elif found.country == country and RANK[found.source] > RANK[source]:
            _set_country(session, sid, country, found.source)
        elif found.country != country and RANK[found.source] == RANK[source]:
            recount.add(sid)
    _recount_countries(session, recount)
    _latest_office(session, set(with_office))


def settle_speakers(session: Session, speaker_ids: Iterable[int]) -> None:
    """Everything of these speakers again from their statements (after a merge, a split or a
    re-extraction): offices rebuilt, the latest office, the country counted."""
    ids = sorted(set(speaker_ids))
    if not ids:
        return
    phrases = {
        (sid, office): title
        for sid, office, title in session.execute(
            select(SpeakerOffice.speaker_id, SpeakerOffice.office, SpeakerOffice.title).where(
                SpeakerOffice.speaker_id.in_(ids)
            )
        )
    }
    spans: dict[tuple[int, str], tuple[dt.date, dt.date, str, str | None]] = {}
    rows = session.execute(
        select(
            Statement.speaker_id, Statement.speaker_title, func.min(Statement.sort_date), func.max(Statement.sort_date)
        )
        .where(Statement.speaker_id.in_(ids), Statement.speaker_title.is_not(None))
        .group_by(Statement.speaker_id, Statement.speaker_title)
    )
    for sid, phrase, first, last in rows:
        if phrase is None:
            continue
        title = parse_title(phrase)
        if title.office is None:
            continue
        known = spans.get((sid, title.office))
        if known is None:
            spans[(sid, title.office)] = (first, last, phrase, title.organization)
        else:
            newer = last >= known[1]
            spans[(sid, title.office)] = (
                min(first, known[0]),
                max(last, known[1]),
                phrase if newer else known[2],
                (title.organization if newer else known[3]) or known[3],
            )
    session.execute(delete(SpeakerOffice).where(SpeakerOffice.speaker_id.in_(ids)))
    if spans:
        session.execute(
            OFFICE.insert(),
            [
                {
                    "speaker_id": sid,
                    "office": office,
                    "title": phrases.get((sid, office), phrase)[:300],
                    "organization": organization,
                    "first_date": first,
                    "last_date": last,
                }
                for (sid, office), (first, last, phrase, organization) in sorted(spans.items())
            ],
        )
    _recount_countries(session, set(ids))
    _latest_office(session, set(ids))


def _set_country(session: Session, speaker_id: int, country: str | None, source: str | None) -> None:
    session.execute(update(Speaker).where(Speaker.id == speaker_id).values(country_code=country, country_source=source))


def _recount_countries(session: Session, ids: set[int]) -> None:
    """The country most of a speaker's articles give, the strongest source first; a speaker whose
    statements give none keeps what it has, and a curator's country is never counted over."""
    if not ids:
        return
    votes: dict[int, Counter[tuple[int, str]]] = defaultdict(Counter)
    rows = session.execute(
        select(
            Statement.speaker_id,
            Statement.speaker_country,
            Statement.speaker_country_source,
            func.count(func.distinct(Statement.document_id)),
        )
        .where(Statement.speaker_id.in_(sorted(ids)), Statement.speaker_country.is_not(None))
        .group_by(Statement.speaker_id, Statement.speaker_country, Statement.speaker_country_source)
    )
    for sid, country, source, documents in rows:
        if country is None:
            continue
        votes[sid][(RANK.get(source, 0), country)] += documents
    chosen = select(Speaker.id, Speaker.country_source).where(Speaker.id.in_(sorted(votes)))
    sources = {row.id: row.country_source for row in session.execute(chosen)}
    for sid, counted in sorted(votes.items()):
        if sources.get(sid) == CURATOR:
            continue
        # strongest source, then most articles, then the code (so the order of ingestion never decides)
        (rank, country), _n = max(counted.items(), key=lambda item: (item[0][0], item[1], item[0][1]))
        source = next(name for name, value in RANK.items() if value == rank)
        _set_country(session, sid, country, source)


def _latest_office(session: Session, ids: set[int]) -> None:
    """The speaker's office, organisation and title are those of the office it held last."""
    if not ids:
        return
    latest: dict[int, tuple[dt.date, str, str, str | None]] = {}
    rows = session.execute(
        select(
            SpeakerOffice.speaker_id,
            SpeakerOffice.last_date,
            SpeakerOffice.office,
            SpeakerOffice.title,
            SpeakerOffice.organization,
        ).where(SpeakerOffice.speaker_id.in_(sorted(ids)))
    )
    for sid, last, office, title, organization in rows:
        if sid not in latest or (last, office) > latest[sid][:2]:
            latest[sid] = (last, office, title, organization)
    for sid in sorted(ids):
        if sid not in latest:
            continue
        _last, office, phrase, organization = latest[sid]
        clean = parse_title(phrase).title or office
        session.execute(
            update(Speaker).where(Speaker.id == sid).values(office=office, title=clean[:300], organization=organization)
        )
