"""Which statements a filter selects, and the cheapest table to read them from.

A filter on countries or topics is best answered from its link table, whose index holds
(country or topic, sort_date, statement_id): the matching statements come out already in date
order, however rare or common the country is. A filter on the speaker is best answered from the
statement index (speaker_id, sort_date, id). A :class:`Selection` records that choice, the
"driver", and the remaining conditions; the list, the export, the counts, facets and timelines
all read through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, CompoundSelect, Select, exists, func, select, true
from sqlalchemy.orm import Session, aliased

from app import dialect
from app.api.errors import InvalidParameterError
from app.api.statements import search
from app.api.statements.schemas import StatementFilters
from app.models import (
    Speaker,
    SpeakerAlias,
    SpeakerRedirect,
    Statement,
    StatementCountry,
    StatementPair,
    StatementTopic,
    Topic,
)
from app.names import name_key

Ts = TypeVarTuple("Ts")
Link = type[StatementCountry] | type[StatementPair] | type[StatementTopic]


def speakers_named(name: str) -> CompoundSelect[int]:
    """Ids of the speakers whose name or one of whose aliases is ``name`` (compared by name key)."""
    key = name_key(name)
    if not key:
        raise InvalidParameterError(
            "speaker", "nothing is left to match once case, punctuation and a leading 'the' are dropped"
        )
    by_alias = select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias_key == key)
    return select(Speaker.id).where(Speaker.name_key == key).union(by_alias)


def topic_ids(session: Session, slugs: Sequence[str]) -> list[int]:
    """Ids of the topics named; a 422 naming ``topic`` for a slug the taxonomy does not have."""
    wanted = list(dict.fromkeys(slugs))
    if not wanted:
        return []
    known: dict[str, int] = dict(session.execute(select(Topic.slug, Topic.id).where(Topic.slug.in_(wanted))).all())
    unknown = [slug for slug in wanted if slug not in known]
    if unknown:
        raise InvalidParameterError("topic", f"unknown topic {unknown[0]!r}; GET /v1/topics lists the slugs")
    return [known[slug] for slug in wanted]


@dataclass
class Selection:
    """The statements a filter selects: read from ``driver`` (or ``statement``) under ``where``."""

    driver: Link | None = None
    driver_where: list[ColumnElement[bool]] = field(default_factory=list)
    where: list[ColumnElement[bool]] = field(default_factory=list)  # on statement (and speaker)
    link_where: list[ColumnElement[bool]] = field(default_factory=list)  # on the ids alone
    needs_speaker: bool = False

    @property
    def empty(self) -> bool:
        return self.driver is None and not (self.where or self.link_where)

    @property
    def needs_statement(self) -> bool:
        return bool(self.where) or self.needs_speaker

    @property
    def sort_date(self) -> Any:
        """The sort_date column of the table read (an InstrumentedAttribute)."""
        return self.driver.sort_date if self.driver is not None else Statement.sort_date

    @property
    def statement_id(self) -> Any:
        """The statement id column of the table read (an InstrumentedAttribute)."""
        return self.driver.statement_id if self.driver is not None else Statement.id

    def statements(self, query: Select[*Ts]) -> Select[*Ts]:
        """``query`` over the selected statements, joined from the driver when there is one."""
        if self.driver is not None:
            query = query.select_from(self.driver).join(Statement, Statement.id == self.driver.statement_id)
        else:
            query = query.select_from(Statement)
        return query.where(*self.driver_where, *self.link_where, *self.where)

    def read(self, query: Select[*Ts]) -> Select[*Ts]:
        """``query`` over the selected statements, from the driver alone when no condition needs
        the statement rows (then only ``sort_date`` and ``statement_id`` are at hand)."""
        if self.driver is not None and not self.needs_statement:
            return query.select_from(self.driver).where(*self.driver_where, *self.link_where)
        query = self.statements(query)
        if self.needs_speaker:
            query = query.join(Speaker, Speaker.id == Statement.speaker_id)
        return query

    def ids(self) -> Select[int] | None:
        """The selected statement ids, touching ``statement`` only when a condition needs it; None for all."""
        if self.empty:
            return None
        return self.read(select(self.statement_id))


def _link(model: Link, ident: ColumnElement[int], **values: Any) -> ColumnElement[bool]:
    # an alias, so that a second topic or country is not confused with the driver's own rows
    other: Any = aliased(model)
    return exists().where(other.statement_id == ident, *(getattr(other, k) == v for k, v in values.items()))


def select_statements(
    filters: StatementFilters, *, session: Session, with_text: bool = True, drive: bool = True
) -> Selection:
    """How to read the statements ``filters`` select; ``drive=False`` keeps ``statement`` as the table read."""
    chosen = Selection()
    by_speaker = filters.speaker is not None or filters.speaker_id is not None
    if filters.speaker is not None:
        # Resolved to ids first: one speaker's statements then come out of the (speaker_id,
        # sort_date, id) index already in order, where a subquery made the database sort them all.
        chosen.where.append(Statement.speaker_id.in_(session.scalars(speakers_named(filters.speaker)).all()))
    if filters.speaker_id is not None:
        # the id of a speaker merged into another stands for the survivor
        merged = select(SpeakerRedirect.speaker_id).where(SpeakerRedirect.old_id == filters.speaker_id)
        chosen.where.append(Statement.speaker_id == func.coalesce(merged.scalar_subquery(), filters.speaker_id))
    if filters.speaker_country is not None:
        chosen.where.append(Speaker.country_code == filters.speaker_country)
        chosen.needs_speaker = True

    # Countries two at a time through the pair index, then single countries, then topics.
    links: list[tuple[Link, dict[str, Any]]] = []
    codes = sorted(dict.fromkeys(filters.country))
    while len(codes) >= 2:
        links.append((StatementPair, {"country_a": codes.pop(0), "country_b": codes.pop(0)}))
    links += [(StatementCountry, {"country_code": code}) for code in codes]
    links += [(StatementTopic, {"topic_id": topic}) for topic in topic_ids(session, filters.topic)]
    if links and drive and not by_speaker:
        driver, values = links.pop(0)
        chosen.driver = driver
        chosen.driver_where = [getattr(driver, k) == v for k, v in values.items()]
    ident = chosen.statement_id
    chosen.link_where = [_link(model, ident, **values) for model, values in links]

    if filters.kind is not None:
        chosen.where.append(Statement.kind == filters.kind)
    if filters.date_from is not None or filters.date_to is not None:
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise InvalidParameterError("date_to", "must not be before date_from")
        # A dated statement's sort_date is its date: bounding sort_date lets the index do the work.
        chosen.where.append(Statement.date.is_not(None))
        if filters.date_from is not None:
            chosen.driver_where.append(chosen.sort_date >= filters.date_from)
        if filters.date_to is not None:
            chosen.driver_where.append(chosen.sort_date <= filters.date_to)
    if filters.document_id is not None:
        chosen.where.append(Statement.document_id == filters.document_id)
    if filters.distinct:
        chosen.where.append(Statement.group_first.is_(true()))
    if filters.q is not None and with_text:
        match = search.condition(session, search.parse(filters.q), ident)
        # an index that tests the id alone spares reading statement rows; a tsvector is on the row
        (chosen.link_where if dialect.of(session).matches_on_id else chosen.where).append(match)
    return chosen
