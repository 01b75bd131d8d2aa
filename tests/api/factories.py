"""Rows for API tests, inserted directly: each helper flushes, the test commits.

Statements are written with their copies and links by ``app.ingest.links``, the one writer of
them; groups are made here, and a test (``tests/test_integrity.py``) checks the rows these
helpers make against every invariant of ``dyad db check``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ingest import links
from app.models import Country, Document, Speaker, SpeakerAlias, Statement, StatementGroup, Topic
from app.names import name_key
from app.speakers.resolve import identity_key
from app.speakers.titles import parse_title

VERSION = "test"
_serial = itertools.count(1)


def document(
    session: Session,
    *,
    body: str,
    title: str = "Talks in Beijing",
    published: dt.date = dt.date(2024, 1, 10),
    source_url: str | None = None,
) -> Document:
    row = Document(
        title=title,
        published_date=published,
        body=body,
        source_url=source_url,
        content_hash=hashlib.sha256(f"{next(_serial)}:{title}:{body}".encode()).hexdigest(),
        extractor_version=VERSION,
        ingested_at=dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC),
    )
    session.add(row)
    session.flush()
    return row


def speaker(
    session: Session,
    *,
    name: str,
    kind: str = "person",
    title: str | None = None,
    country: str | None = None,
    aliases: Iterable[str] = (),
) -> Speaker:
    key = name_key(name)
    identity = identity_key(kind, key)
    if session.scalar(select(Speaker.id).where(Speaker.identity_key == identity)) is not None:
        identity = identity_key(kind, key, country)  # a namesake, as resolution would store it
    row = Speaker(
        name=name,
        name_key=key,
        identity_key=identity,
        kind=kind,
        title=title,
        office=parse_title(title).office if title else None,
        country_code=country,
        country_source="article" if country else None,
    )
    session.add(row)
    session.flush()
    for alias in aliases:
        session.add(SpeakerAlias(speaker_id=row.id, alias=alias, alias_key=name_key(alias)))
    session.flush()
    return row


def statement(
    session: Session,
    *,
    document: Document,
    speaker: Speaker,
    text: str,
    kind: str = "indirect",
    cue: str | None = "said",
    date: dt.date | None = None,
    topics: Iterable[str] = (),
    countries: Iterable[str] = (),
    speaker_title: str | None = None,
    said_of_speaker: tuple[str | None, str | None, str | None] = (None, None, None),
    group: Statement | None = None,
) -> Statement:
    """A statement whose span is where ``text`` first occurs in the document's body, in a group of its
    own unless ``group`` (another statement) says whose copy it is. ``said_of_speaker`` is what the
    article says of its speaker: (name, country, the country's source), as resolution gives them."""
    start = document.body.index(text)
    if group is None:
        new_group = StatementGroup(statement_count=1)
        session.add(new_group)
        session.flush()
        group_id, first = new_group.id, True
    else:
        group_id, first = group.group_id, False
        session.get_one(StatementGroup, group_id).statement_count += 1
    topic_ids = dict(session.execute(select(Topic.slug, Topic.id)).all())
    known = session.scalars(select(Country.code).where(Country.code.in_(set(countries)))).all()
    row = Statement(
        document_id=document.id,
        speaker_id=speaker.id,
        text=text,
        kind=kind,
        cue=cue,
        date=date,
        sort_date=date or document.published_date,
        span_start=start,
        span_end=start + len(text),
        speaker_title=speaker_title,
        speaker_name=said_of_speaker[0],
        speaker_country=said_of_speaker[1],
        speaker_country_source=said_of_speaker[2],
        extractor_version=VERSION,
        group_id=group_id,
        group_first=first,
        # the copies and the link rows as ingestion writes them, so lists, filters and relations agree
        **links.copies(topics, countries, topic_ids=topic_ids, known_countries=set(known)),
    )
    session.add(row)
    session.flush()
    values = {column: getattr(row, column) for column in ("topic_slugs", "country_codes", "sort_date", "group_first")}
    links.insert_links(session, [row.id], [values], topic_ids=topic_ids)
    session.flush()
    return row
