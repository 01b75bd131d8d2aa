"""Every invariant of a stored database, checked: what ``dyad db check`` runs.

Facts kept twice for speed must agree (``app/ingest/links.py`` writes them): a statement's topic
and country copies with its link rows, its pair rows with the pairs of its countries, the pair
counts with the pair rows, group counts and first copies with the statements, one search-index
entry per statement; rows must not outlive what they belong to; and each statement's text and
sort date follow from its document. Useful after a crash, a restore or an edit by hand.

Each check reads with plain queries and reports what is wrong as an :class:`Inconsistency`: the
check's name, the table, how many rows and the first few of their ids. Nothing is written. The
link rows are compared with :func:`app.ingest.links.expected_links`, the rule their writer follows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Select, case, func, literal, select
from sqlalchemy.orm import aliased

from app import dialect
from app.ingest.links import Links, expected_links
from app.models import (
    CountryPair,
    Document,
    DocumentSignature,
    Feed,
    FeedItem,
    Speaker,
    SpeakerAlias,
    SpeakerOffice,
    SpeakerRedirect,
    Statement,
    StatementCountry,
    StatementGroup,
    StatementPair,
    StatementTopic,
    StoryBand,
    Topic,
)

SHOWN_IDS = 10  # ids printed per problem; the count says how many there are
READ_BATCH = 5000


@dataclass
class Inconsistency:
    """One invariant broken: ``count`` rows of ``table``, the first of them ``ids``."""

    check: str
    table: str
    what: str
    count: int = 0
    ids: list[Any] = field(default_factory=list)

    def add(self, ident: Any) -> None:
        self.count += 1
        if len(self.ids) < SHOWN_IDS:
            self.ids.append(ident)

    def __str__(self) -> str:
        line = f"{self.check}: {self.count} {self.table} row(s) {self.what}"
        if not self.ids:
            return line
        more = ", …" if self.count > len(self.ids) else ""
        return f"{line} (ids {', '.join(str(i) for i in self.ids)}{more})"


CheckFunction = Callable[[Connection], list[Inconsistency]]


def _found(problem: Inconsistency, rows: Iterator[Any] | Sequence[Any]) -> list[Inconsistency]:
    for row in rows:
        problem.add(row[0] if len(row) == 1 else "-".join(str(value) for value in row))
    return [problem] if problem.count else []


def _stream(connection: Connection, query: Select[*tuple[Any, ...]]) -> Iterator[Any]:
    """The rows of ``query`` a batch at a time (a server-side cursor on PostgreSQL)."""
    # per execution: Connection.execution_options() would change the caller's connection for good
    yield from connection.execute(query, execution_options={"yield_per": READ_BATCH})


# -- a statement's links: copies, link rows and pair rows --------------------------------------------


class _Grouped:
    """Rows ordered by statement id, taken a statement at a time; rows of ids never asked for are orphans."""

    def __init__(self, rows: Iterator[Any], orphans: Inconsistency) -> None:
        self._groups = ((key, [tuple(row[1:]) for row in group]) for key, group in groupby(rows, key=lambda r: r[0]))
        self._next = next(self._groups, None)
        self.orphans = orphans

    def take(self, statement_id: int) -> list[tuple[Any, ...]]:
        while self._next is not None and self._next[0] < statement_id:
            self.orphans.add(self._next[0])
            self._next = next(self._groups, None)
        if self._next is None or self._next[0] != statement_id:
            return []
        rows = self._next[1]
        self._next = next(self._groups, None)
        return rows

    def finish(self) -> None:
        while self._next is not None:
            self.orphans.add(self._next[0])
            self._next = next(self._groups, None)


ORPHANED_LINKS = "of statements that do not exist (statement ids)"
# (name, the link table's rows in statement order, what a statement with wrong rows is said to have)
LINK_READS: tuple[tuple[str, Any, str], ...] = (
    (
        "topic links",
        select(StatementTopic.statement_id, StatementTopic.topic_id, StatementTopic.sort_date).order_by(
            StatementTopic.statement_id
        ),
        "whose topic_slugs differ from their statement_topic rows",
    ),
    (
        "country links",
        select(StatementCountry.statement_id, StatementCountry.country_code, StatementCountry.sort_date).order_by(
            StatementCountry.statement_id
        ),
        "whose country_codes differ from their statement_country rows",
    ),
    (
        "pair links",
        select(
            StatementPair.statement_id,
            StatementPair.country_a,
            StatementPair.country_b,
            StatementPair.sort_date,
            StatementPair.group_first,
        ).order_by(StatementPair.statement_id),
        "whose statement_pair rows are not the pairs of their countries (with sort_date and group_first)",
    ),
)


def _implied(links: Links) -> tuple[frozenset[Any], ...]:
    return links.topics, links.countries, links.pairs


def check_links(connection: Connection) -> list[Inconsistency]:
    """Each statement's link and pair rows are exactly what its copies imply (``links.expected_links``),
    read as four streams in statement order, so memory stays flat whatever the size."""
    topic_ids: Mapping[str, int] = dict(connection.execute(select(Topic.slug, Topic.id)).all())
    wrong = [Inconsistency(name, "statement", what) for name, _query, what in LINK_READS]
    streams = [
        _Grouped(
            _stream(connection, query),
            Inconsistency(
                "orphan rows", query.get_final_froms()[0].name, "of statements that do not exist (statement ids)"
            ),
        )
        for _name, query, _what in LINK_READS
    ]
    statements = _stream(
        connection,
        select(
            Statement.id, Statement.topic_slugs, Statement.country_codes, Statement.sort_date, Statement.group_first
        ).order_by(Statement.id),
    )
    for statement_id, topic_slugs, country_codes, sort_date, group_first in statements:
        wanted = expected_links(
            topic_slugs=topic_slugs,
            country_codes=country_codes,
            sort_date=sort_date,
            group_first=group_first,
            topic_ids=topic_ids,
        )
        for problem, stream, implied in zip(wrong, streams, _implied(wanted), strict=True):
            if frozenset(stream.take(statement_id)) != implied:
                problem.add(statement_id)
    for stream in streams:
        stream.finish()
    return [problem for problem in (*wrong, *(stream.orphans for stream in streams)) if problem.count]


# -- counts kept beside the rows they count --------------------------------------------------------


def check_pair_counts(connection: Connection) -> list[Inconsistency]:
    """``country_pair`` holds, for every pair, how many pair rows it has and how many of them are
    their group's first (a pair may stay at zero once its rows are gone)."""
    firsts = func.sum(case((StatementPair.group_first, 1), else_=0))
    counted = {
        (a, b): (int(n), int(d or 0))
        for a, b, n, d in connection.execute(
            select(StatementPair.country_a, StatementPair.country_b, func.count(), firsts).group_by(
                StatementPair.country_a, StatementPair.country_b
            )
        )
    }
    kept = {
        (a, b): (n, d)
        for a, b, n, d in connection.execute(
            select(
                CountryPair.country_a, CountryPair.country_b, CountryPair.statement_count, CountryPair.distinct_count
            )
        )
    }
    problem = Inconsistency(
        "pair counts", "country_pair", "whose statement_count or distinct_count differ from their statement_pair rows"
    )
    for pair in sorted(set(counted) | set(kept)):
        if counted.get(pair, (0, 0)) != kept.get(pair, (0, 0)):
            problem.add("-".join(pair))
    return [problem] if problem.count else []


def check_groups(connection: Connection) -> list[Inconsistency]:
    """Groups count their statements, every statement's group exists, and each group has exactly one
    first copy: its statement in the earliest published document (ties: the lowest id)."""
    members = func.count(Statement.id)
    counts = connection.execute(
        select(StatementGroup.id)
        .outerjoin(Statement, Statement.group_id == StatementGroup.id)
        .group_by(StatementGroup.id, StatementGroup.statement_count)
        .having(members != StatementGroup.statement_count, members > 0)
        .order_by(StatementGroup.id)
    )
    empty = connection.execute(
        select(StatementGroup.id)
        .outerjoin(Statement, Statement.group_id == StatementGroup.id)
        .where(Statement.id.is_(None))
        .order_by(StatementGroup.id)
    )
    missing = connection.execute(
        select(Statement.id)
        .outerjoin(StatementGroup, StatementGroup.id == Statement.group_id)
        .where(StatementGroup.id.is_(None))
        .order_by(Statement.id)
    )
    rank = (
        func.row_number()
        .over(partition_by=Statement.group_id, order_by=(Document.published_date, Statement.id))
        .label("rank")
    )
    ranked = (
        select(Statement.id, Statement.group_first, rank)
        .join(Document, Document.id == Statement.document_id)
        .subquery()
    )
    should_be_first = ranked.c.rank == literal(1)
    firsts = connection.execute(
        select(ranked.c.id).where(should_be_first != ranked.c.group_first).order_by(ranked.c.id)
    )
    return [
        *_found(
            Inconsistency("group counts", "statement_group", "whose statement_count is not their statements' number"),
            counts,
        ),
        *_found(Inconsistency("orphan rows", "statement_group", "with no statement"), empty),
        *_found(Inconsistency("group members", "statement", "whose group_id names no statement_group"), missing),
        *_found(
            Inconsistency(
                "group firsts",
                "statement",
                "whose group_first is wrong: a group's first is its copy in the earliest published document",
            ),
            firsts,
        ),
    ]


# -- a statement and its document ----------------------------------------------------------------


def check_statements(connection: Connection) -> list[Inconsistency]:
    """A statement's text is its span of the document's body, and its sort_date its date, else the
    document's publication date."""
    length = Statement.span_end - Statement.span_start
    spans = connection.execute(
        select(Statement.id)
        .join(Document, Document.id == Statement.document_id)
        .where(func.substr(Document.body, Statement.span_start + 1, length) != Statement.text)
        .order_by(Statement.id)
    )
    days = connection.execute(
        select(Statement.id)
        .join(Document, Document.id == Statement.document_id)
        .where(Statement.sort_date != func.coalesce(Statement.date, Document.published_date))
        .order_by(Statement.id)
    )
    return [
        *_found(
            Inconsistency("spans", "statement", "whose text is not body[span_start:span_end] of their document"), spans
        ),
        *_found(
            Inconsistency("sort dates", "statement", "whose sort_date is not their date or their document's"), days
        ),
    ]


# -- rows that outlived their owner ----------------------------------------------------------------

# (table, its key, the column naming the owner, the owner's key): rows whose owner is gone. Most are
# foreign keys with a cascade, so only an edit with foreign keys off leaves such rows.
OWNED: tuple[tuple[Any, Any, Any, Any], ...] = (
    (Statement, Statement.id, Statement.document_id, Document.id),
    (Statement, Statement.id, Statement.speaker_id, Speaker.id),
    (StoryBand, StoryBand.document_id, StoryBand.document_id, Document.id),
    (DocumentSignature, DocumentSignature.document_id, DocumentSignature.document_id, Document.id),
    (SpeakerAlias, SpeakerAlias.id, SpeakerAlias.speaker_id, Speaker.id),
    (SpeakerOffice, SpeakerOffice.speaker_id, SpeakerOffice.speaker_id, Speaker.id),
    (SpeakerRedirect, SpeakerRedirect.old_id, SpeakerRedirect.speaker_id, Speaker.id),
    (FeedItem, FeedItem.id, FeedItem.feed_id, Feed.id),
)


def check_orphans(connection: Connection) -> list[Inconsistency]:
    """Rows whose owner (document, speaker, feed) no longer exists."""
    problems: list[Inconsistency] = []
    for model, key, owner_column, owner_key in OWNED:
        owner = aliased(owner_key.class_)
        owner_id = getattr(owner, owner_key.key)
        rows = connection.execute(
            select(key)
            .select_from(model)
            .outerjoin(owner, owner_id == owner_column)
            .where(owner_id.is_(None))
            .distinct()
            .order_by(key)
        )
        table = model.__tablename__
        problems += _found(
            Inconsistency("orphan rows", table, f"whose {owner_column.key} names no {owner.__tablename__}"), rows
        )
    return problems


def check_search_index(connection: Connection) -> list[Inconsistency]:
    """One search-index entry per statement, matching its text (the dialect says how it is kept)."""
    faults = dialect.of(connection).search_index_faults(connection)
    return [Inconsistency("search index", fault.table, fault.what, fault.count, list(fault.ids)) for fault in faults]


CHECKS: dict[str, CheckFunction] = {
    "links": check_links,
    "pair counts": check_pair_counts,
    "groups": check_groups,
    "statements": check_statements,
    "orphans": check_orphans,
    "search index": check_search_index,
}


def check(connection: Connection) -> list[Inconsistency]:
    """Every invariant's problems, none when the database is consistent."""
    problems: list[Inconsistency] = []
    for run in CHECKS.values():
        problems += run(connection)
    return problems
