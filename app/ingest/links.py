"""The one writer of what a statement's row implies elsewhere, and the rule the check holds it to.

A statement's topics and countries are stored four ways: as copies on its row (``topic_slugs``,
``country_codes``, read whole by lists and exports), as link rows (``statement_topic``,
``statement_country``, the indexes of filters), as pair rows (``statement_pair``, each two of its
countries in code order, the relations index) and, through triggers on the pair rows, as
``country_pair`` counts. Its group is stored twice: ``statement.group_id`` / ``group_first`` and
``statement_group.statement_count``, with ``group_first`` repeated on its pair rows so that the
triggers keep ``country_pair.distinct_count``. Every one of those rows is written here, in the
caller's transaction (helpers flush, never commit); ``app.ingest.integrity`` checks a stored
database against :func:`expected_links`, and the test factories write through this module.

Link rows are deleted explicitly before their statements, not left to ``ON DELETE CASCADE``, so
that the triggers keeping the search index and the pair counts run on every dialect.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import cast

from sqlalchemy import Table, bindparam, delete, insert, select, true, update
from sqlalchemy.orm import Session

from app.ingest.groups import text_key
from app.models import (
    Document,
    Statement,
    StatementCountry,
    StatementGroup,
    StatementPair,
    StatementTopic,
    join_links,
    split_links,
)

STATEMENT_TABLE = cast(Table, Statement.__table__)
STATEMENT_PAIR = cast(Table, StatementPair.__table__)
STATEMENT_GROUP = cast(Table, StatementGroup.__table__)
INSERT_TOPICS = insert(cast(Table, StatementTopic.__table__))
INSERT_COUNTRIES = insert(cast(Table, StatementCountry.__table__))
INSERT_PAIRS = insert(STATEMENT_PAIR)
LINK_TABLES = (StatementPair, StatementTopic, StatementCountry)


def copies(
    topics: Iterable[str], countries: Iterable[str], *, topic_ids: Mapping[str, int], known_countries: Collection[str]
) -> dict[str, str]:
    """The copies a statement's row keeps: only the slugs and codes the database knows, as the
    link tables can hold only those; each once, sorted (``join_links``)."""
    return {
        "topic_slugs": join_links(slug for slug in topics if slug in topic_ids),
        "country_codes": join_links(code for code in countries if code in known_countries),
    }


@dataclass(frozen=True, slots=True)
class Links:
    """The link and pair rows one statement implies, as tuples: the rule the integrity check applies."""

    topics: frozenset[tuple[int, dt.date]] = field(default_factory=frozenset)  # (topic_id, sort_date)
    countries: frozenset[tuple[str, dt.date]] = field(default_factory=frozenset)  # (code, sort_date)
    pairs: frozenset[tuple[str, str, dt.date, bool]] = field(default_factory=frozenset)  # (a, b, sort_date, first)


def expected_links(
    *, topic_slugs: str, country_codes: str, sort_date: dt.date, group_first: bool, topic_ids: Mapping[str, int]
) -> Links:
    """The rows a statement's copies imply: a topic row per slug, a country row per code and a pair
    row for each two codes in code order, each with the statement's ``sort_date``; pair rows repeat
    ``group_first``. A slug the taxonomy lacks implies a row that cannot exist, so it shows as missing."""
    codes = split_links(country_codes)  # sorted, so each pair comes out in code order
    return Links(
        topics=frozenset((topic_ids.get(slug, -1), sort_date) for slug in split_links(topic_slugs)),
        countries=frozenset((code, sort_date) for code in codes),
        pairs=frozenset((a, b, sort_date, group_first) for a, b in combinations(codes, 2)),
    )


def insert_links(
    session: Session, ids: Sequence[int], rows: Sequence[Mapping[str, object]], *, topic_ids: Mapping[str, int]
) -> None:
    """The link and pair rows of statements ``ids``, from the copies, ``sort_date`` and
    ``group_first`` of their ``rows`` (as the statement rows were written)."""
    topics: list[dict[str, object]] = []
    countries: list[dict[str, object]] = []
    pairs: list[dict[str, object]] = []
    for statement_id, row in zip(ids, rows, strict=True):
        implied = expected_links(
            topic_slugs=str(row["topic_slugs"]),
            country_codes=str(row["country_codes"]),
            sort_date=cast(dt.date, row["sort_date"]),
            group_first=bool(row["group_first"]),
            topic_ids=topic_ids,
        )
        topics += [{"statement_id": statement_id, "topic_id": t, "sort_date": day} for t, day in sorted(implied.topics)]
        countries += [
            {"statement_id": statement_id, "country_code": c, "sort_date": day} for c, day in sorted(implied.countries)
        ]
        pairs += [
            {"statement_id": statement_id, "country_a": a, "country_b": b, "sort_date": day, "group_first": first}
            for a, b, day, first in sorted(implied.pairs)
        ]
    for stmt, values in ((INSERT_TOPICS, topics), (INSERT_COUNTRIES, countries), (INSERT_PAIRS, pairs)):
        if values:
            session.execute(stmt, values)


def delete_links(session: Session, statement_ids: Sequence[int]) -> None:
    """The link and pair rows of statements ``ids`` (the pair counts follow by trigger)."""
    if statement_ids:
        for link in LINK_TABLES:
            session.execute(delete(link).where(link.statement_id.in_(statement_ids)))


def delete_statements(session: Session, statement_ids: Sequence[int]) -> None:
    """Statements ``ids`` with their links, taken out of their groups first (see :func:`release`)."""
    if not statement_ids:
        return
    release(session, statement_ids)
    delete_links(session, statement_ids)
    session.execute(delete(Statement).where(Statement.id.in_(statement_ids)))


# -- groups: the same speaker's same words in the copies of one story ------------------------------


@dataclass(frozen=True, slots=True)
class Membership:
    """The group a new statement joins and whether it is the group's first copy."""

    group_id: int
    first: bool


@dataclass
class _Group:
    group_id: int
    first_id: int | None  # None: a group started by this document
    published: dt.date
    added: int = 0


def assign(
    session: Session, *, story_id: int, published: dt.date, statements: Sequence[tuple[int, str]]
) -> list[Membership]:
    """Groups for a new document's statements, given as (speaker id, text), in order.

    A statement joins the group of the story's stored statement with the same speaker and text
    key, or starts one; the group's first is its copy in the earliest published document (ties:
    the first stored). Counts are updated, new groups created and earlier firsts demoted here; the
    caller writes each statement with its :class:`Membership` and then its links.
    """
    stored = session.execute(
        select(Statement.id, Statement.group_id, Statement.speaker_id, Statement.text, Document.published_date)
        .join(Document, Document.id == Statement.document_id)
        .where(Document.story_id == story_id, Statement.group_first.is_(true()))
    ).all()
    groups = {
        (speaker_id, text_key(text)): _Group(group_id, first_id, day)
        for first_id, group_id, speaker_id, text, day in stored
    }
    keys = [(speaker_id, text_key(text)) for speaker_id, text in statements]
    fresh = [key for key in dict.fromkeys(keys) if key not in groups]
    if fresh:
        ids = session.scalars(
            insert(StatementGroup).returning(StatementGroup.id, sort_by_parameter_order=True),
            [{"statement_count": 0} for _ in fresh],
        ).all()
        for key, group_id in zip(fresh, ids, strict=True):
            groups[key] = _Group(group_id, None, published)
    demoted: list[int] = []
    memberships = []
    for key in keys:
        group = groups[key]
        first = group.added == 0 and (group.first_id is None or published < group.published)
        if first and group.first_id is not None:
            demoted.append(group.first_id)
        group.added += 1
        memberships.append(Membership(group.group_id, first))
    session.execute(
        update(STATEMENT_GROUP)
        .where(STATEMENT_GROUP.c.id == bindparam("gid"))
        .values(statement_count=STATEMENT_GROUP.c.statement_count + bindparam("added")),
        [{"gid": g.group_id, "added": g.added} for g in groups.values() if g.added],
    )
    set_group_first(session, demoted, first=False)
    return memberships


def set_group_first(session: Session, statement_ids: Iterable[int], *, first: bool) -> None:
    """Mark statements as their group's first copy or not, on their rows and their pair rows."""
    ids = list(statement_ids)
    if not ids:
        return
    session.execute(update(STATEMENT_TABLE).where(STATEMENT_TABLE.c.id.in_(ids)).values(group_first=first))
    session.execute(update(STATEMENT_PAIR).where(STATEMENT_PAIR.c.statement_id.in_(ids)).values(group_first=first))


def release(session: Session, statement_ids: Sequence[int]) -> None:
    """Take statements about to be deleted out of their groups: counts drop, empty groups go,
    and a group whose first copy leaves gets the next earliest as its first."""
    if not statement_ids:
        return
    leaving = session.execute(
        select(Statement.id, Statement.group_id, Statement.group_first).where(Statement.id.in_(statement_ids))
    ).all()
    counts: dict[int, int] = {}
    for _sid, group_id, _first in leaving:
        counts[group_id] = counts.get(group_id, 0) + 1
    session.execute(
        update(STATEMENT_GROUP)
        .where(STATEMENT_GROUP.c.id == bindparam("gid"))
        .values(statement_count=STATEMENT_GROUP.c.statement_count - bindparam("gone")),
        [{"gid": gid, "gone": n} for gid, n in counts.items()],
    )
    session.execute(delete(StatementGroup).where(StatementGroup.id.in_(counts), StatementGroup.statement_count <= 0))
    promoted = []
    for group_id in {group_id for _sid, group_id, first in leaving if first}:
        successor = session.scalar(
            select(Statement.id)
            .join(Document, Document.id == Statement.document_id)
            .where(Statement.group_id == group_id, Statement.id.not_in(statement_ids))
            .order_by(Document.published_date, Statement.id)
            .limit(1)
        )
        if successor is not None:
            promoted.append(successor)
    set_group_first(session, promoted, first=True)
