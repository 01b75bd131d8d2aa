"""Documents and statements from extracted statements. Helpers here flush, never commit: the caller
owns the transaction. What a statement's row implies elsewhere (links, pairs, groups) is written
through ``app/ingest/links.py``."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.ingest import groups, links
from app.ingest.extract.model import ExtractedStatement, SpeakerInfo
from app.ingest.read import Article
from app.models import Country, Document, Statement, Topic
from app.speakers.resolve import Resolved, SpeakerResolver
from app.speakers.settle import settle_speakers

# Core tables for bulk inserts: these rows need no ORM bookkeeping, and ingestion speed depends on them.
STATEMENT_TABLE = cast(Table, Statement.__table__)
DOCUMENT_TABLE = cast(Table, Document.__table__)


class StoredDocument(NamedTuple):
    """What statements need of their document: its id, its body (for the text), its date and story."""

    id: int
    body: str
    published: dt.date
    story_id: int


# Built once: constructing statements per article costs more than running them.
FIND_DOCUMENT = select(DOCUMENT_TABLE.c.id).where(DOCUMENT_TABLE.c.content_hash == bindparam("content_hash"))
INSERT_DOCUMENT = insert(DOCUMENT_TABLE).returning(DOCUMENT_TABLE.c.id)
INSERT_STATEMENTS = insert(STATEMENT_TABLE).returning(STATEMENT_TABLE.c.id, sort_by_parameter_order=True)


def find_document_id(session: Session, content_hash: str) -> int | None:
    """The id of the document stored with this content, if any."""
    return session.scalar(FIND_DOCUMENT, {"content_hash": content_hash})


@dataclass
class Catalog:
    """Reference data one ingestion run needs: topic ids by slug and the known country codes."""

    topic_ids: dict[str, int]
    countries: frozenset[str]

    def speaker(self, info: SpeakerInfo) -> SpeakerInfo:
        """The speaker as it can be stored: a country the database does not know is left out."""
        if info.country is None or info.country in self.countries:
            return info
        return dataclasses.replace(info, country=None)

    def known(self, items: Sequence[ExtractedStatement]) -> list[ExtractedStatement]:
        """``items`` with each speaker as it can be stored (see ``speaker``)."""
        return [
            item
            if self.speaker(item.speaker) is item.speaker
            else dataclasses.replace(item, speaker=self.speaker(item.speaker))
            for item in items
        ]

    @classmethod
    def load(cls, session: Session) -> Catalog:
        topics = dict(session.execute(select(Topic.slug, Topic.id)).all())
        countries = frozenset(session.scalars(select(Country.code)).all())
        return cls(topic_ids=topics, countries=countries)


def _statement_row(
    document: StoredDocument, item: ExtractedStatement, speaker: Resolved, catalog: Catalog, version: str
) -> dict[str, object]:
    return {
        "document_id": document.id,
        "speaker_id": speaker.speaker_id,
        "text": document.body[item.start : item.end],
        "kind": item.kind,
        "cue": item.cue[:100] if item.cue else None,
        "date": item.date,
        "sort_date": item.date or document.published,
        "span_start": item.start,
        "span_end": item.end,
        "speaker_title": speaker.title,
        "speaker_name": speaker.name,
        "speaker_country": speaker.country,
        "speaker_country_source": speaker.country_source,
        "extractor_version": version,
        **links.copies(item.topics, item.countries, topic_ids=catalog.topic_ids, known_countries=catalog.countries),
    }


def insert_statements(
    session: Session,
    *,
    document: StoredDocument,
    items: Sequence[ExtractedStatement],
    speakers: SpeakerResolver,
    catalog: Catalog,
    version: str,
) -> list[int]:
    """Insert statements, in their groups, with their topic and country links; returns their ids in order."""
    if not items:
        return []
    resolved = speakers.resolve_article(catalog.known(items), published=document.published, document_id=document.id)
    ids = _insert_resolved(session, document=document, items=items, resolved=resolved, catalog=catalog, version=version)
    speakers.finish_article()
    return ids


def _insert_resolved(
    session: Session,
    *,
    document: StoredDocument,
    items: Sequence[ExtractedStatement],
    resolved: Sequence[Resolved],
    catalog: Catalog,
    version: str,
) -> list[int]:
    """Insert resolved statements in their syndication groups, with their links; returns their ids."""
    if not items:
        return []
    rows = [_statement_row(document, item, who, catalog, version) for item, who in zip(items, resolved, strict=True)]
    members = links.assign(
        session,
        story_id=document.story_id,
        published=document.published,
        statements=[(int(str(row["speaker_id"])), str(row["text"])) for row in rows],
    )
    for row, member in zip(rows, members, strict=True):
        row["group_id"], row["group_first"] = member.group_id, member.first
    ids = list(session.scalars(INSERT_STATEMENTS, rows).all())
    links.insert_links(session, ids, rows, topic_ids=catalog.topic_ids)
    return ids


def add_document(
    session: Session,
    *,
    article: Article,
    items: Sequence[ExtractedStatement],
    speakers: SpeakerResolver,
    catalog: Catalog,
    version: str,
    signature: groups.BodySignature | None = None,
) -> int:
    """Insert a new document and its statements into the caller's transaction; returns its id.

    The document joins the story of a stored near-copy, or starts its own; ``signature`` is its
    body's (computed here unless given).
    """
    sig = signature if signature is not None else groups.body_signature(article.body)
    groups.lock(session)
    story_id = groups.find_story(session, sig)
    values = {
        "title": article.title,
        "published_date": article.published,
        "body": article.body,
        "source_url": article.source_url,
        "content_hash": article.content_hash,
        "extractor_version": version,
        "ingested_at": dt.datetime.now(dt.UTC),
        "story_id": story_id or 0,
    }
    document_id = session.execute(INSERT_DOCUMENT, values).scalar_one()
    if story_id is None:  # a story of its own, named after its first document
        story_id = document_id
        session.execute(update(DOCUMENT_TABLE).where(DOCUMENT_TABLE.c.id == document_id).values(story_id=story_id))
    groups.index_document(session, document_id=document_id, sig=sig)
    stored = StoredDocument(document_id, article.body, article.published, story_id)
    insert_statements(session, document=stored, items=items, speakers=speakers, catalog=catalog, version=version)
    return int(document_id)


def replace_statements(
    session: Session,
    *,
    document: Document,
    items: Sequence[ExtractedStatement],
    speakers: SpeakerResolver,
    catalog: Catalog,
    version: str,
) -> tuple[int, int, int]:
    """Bring a document's statements in line with a new extraction; returns (kept, added, removed).

    A statement with the same span and speaker as before keeps its id (its other fields are
    updated); the rest are deleted or inserted.
    """
    groups.lock(session)
    existing: dict[tuple[int, int, int], tuple[int, bool]] = {
        (row.span_start, row.span_end, row.speaker_id): (row.id, row.group_first)
        for row in session.execute(
            select(
                Statement.id, Statement.span_start, Statement.span_end, Statement.speaker_id, Statement.group_first
            ).where(Statement.document_id == document.id)
        )
    }
    touched = {speaker_id for _start, _end, speaker_id in existing}
    stored = StoredDocument(document.id, document.body, document.published_date, document.story_id)
    resolved = speakers.resolve_article(
        catalog.known(items), published=document.published_date, document_id=document.id
    )
    kept_ids: list[int] = []
    kept_rows: list[dict[str, object]] = []
    new_items: list[ExtractedStatement] = []
    new_resolved: list[Resolved] = []
    for item, who in zip(items, resolved, strict=True):
        touched.add(who.speaker_id)
        found = existing.pop((item.start, item.end, who.speaker_id), None)
        if found is None:
            new_items.append(item)
            new_resolved.append(who)
            continue
        statement_id, first = found
        row = _statement_row(stored, item, who, catalog, version)
        session.execute(update(Statement).where(Statement.id == statement_id).values(**row))
        kept_ids.append(statement_id)
        kept_rows.append({**row, "group_first": first})
    if existing:
        links.delete_statements(session, [statement_id for statement_id, _first in existing.values()])
        # a kept statement may have become its group's first in its place
        firsts = dict(
            session.execute(select(Statement.id, Statement.group_first).where(Statement.id.in_(kept_ids))).all()
        )
        for statement_id, row in zip(kept_ids, kept_rows, strict=True):
            row["group_first"] = firsts[statement_id]
    links.delete_links(session, kept_ids)
    links.insert_links(session, kept_ids, kept_rows, topic_ids=catalog.topic_ids)
    _insert_resolved(session, document=stored, items=new_items, resolved=new_resolved, catalog=catalog, version=version)
    speakers.finish_article()
    # statements may have left speakers or come to others: settle all of them from what they now hold
    settle_speakers(session, touched)
    document.extractor_version = version
    return len(kept_ids), len(new_items), len(existing)
