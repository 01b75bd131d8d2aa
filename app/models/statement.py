from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, get_args

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base

if TYPE_CHECKING:
    from app.models.document import Document
    from app.models.speaker import Speaker

# What the API accepts and shows as a statement's kind; the CHECK constraint below holds the same.
StatementKind = Literal["direct", "indirect", "mixed"]
STATEMENT_KINDS: tuple[str, ...] = get_args(StatementKind)
# Joins a statement's topic slugs and country codes on its row; neither ever contains it.
LINK_SEPARATOR = ";"


def join_links(values: Iterable[str]) -> str:
    """Slugs or codes as a statement's row keeps them: each once, sorted, joined ('' for none)."""
    return LINK_SEPARATOR.join(sorted(set(values)))


def split_links(joined: str) -> list[str]:
    """The slugs or codes ``join_links`` joined."""
    return joined.split(LINK_SEPARATOR) if joined else []


class Statement(Base):
    """What a speaker said, as an exact span ``[span_start, span_end)`` of its document's body."""

    __tablename__ = "statement"
    __table_args__ = (
        CheckConstraint("kind IN ('direct', 'indirect', 'mixed')", name="kind"),
        CheckConstraint("span_start >= 0 AND span_end > span_start", name="span"),
        Index("ix_statement_sort_date_id", "sort_date", "id"),
        Index("ix_statement_speaker_id_sort_date_id", "speaker_id", "sort_date", "id"),
        Index("ix_statement_document_id_span_start", "document_id", "span_start"),
        Index("ix_statement_kind_sort_date_id", "kind", "sort_date", "id"),
        Index("ix_statement_group_id", "group_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id"))
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str | None] = mapped_column(String(100))
    # The day the statement was made; null when the article does not say.
    date: Mapped[dt.date | None] = mapped_column(Date)
    # ``date``, or the document's publication date when ``date`` is null: a total order for lists.
    sort_date: Mapped[dt.date] = mapped_column(Date)
    span_start: Mapped[int]
    span_end: Mapped[int]
    # The speaker's title as this article gives it (offices change; the speaker keeps the latest).
    speaker_title: Mapped[str | None] = mapped_column(String(300))
    # What this article says of its speaker: the name it uses, and the country it gives or implies
    # with where that came from ('article' or 'inference'); the speaker's own fields are settled
    # from these over all its statements (app.speakers.settle). Null on rows stored before 0009.
    speaker_name: Mapped[str | None] = mapped_column(String(300))
    speaker_country: Mapped[str | None] = mapped_column(String(2))
    speaker_country_source: Mapped[str | None] = mapped_column(String(16))
    extractor_version: Mapped[str] = mapped_column(String(32))
    # The statement's topic slugs and country codes as ``join_links`` writes them: copies of its
    # rows in statement_topic and statement_country, written in the same transaction, so that a
    # statement is read whole from its own row (lists, exports). Filters and counts use the link
    # tables and their indexes.
    topic_slugs: Mapped[str] = mapped_column(Text, server_default="")
    country_codes: Mapped[str] = mapped_column(Text, server_default="")
    # The statement's group: the same speaker's same words in copies of one story (one row of
    # statement_group; no foreign key, as SQLite cannot add one to this table in place). Only the
    # group's earliest copy is ``group_first``: what ``distinct=true`` keeps. Both are written by
    # app/ingest/groups.py.
    group_id: Mapped[int] = mapped_column(server_default="0")
    group_first: Mapped[bool] = mapped_column(Boolean, server_default=true())

    document: Mapped[Document] = relationship(lazy="raise")
    speaker: Mapped[Speaker] = relationship(back_populates="statements", lazy="raise")
    # No relationships to the link tables: they are written with the row's copies (ingest/store.py).


# The link tables repeat their statement's sort_date, so a list filtered by a country, a pair or a
# topic reads its index in date order and never scans statements that do not match.


class StatementTopic(Base):
    __tablename__ = "statement_topic"
    __table_args__ = (
        Index("ix_statement_topic_topic_id_sort_date_statement_id", "topic_id", "sort_date", "statement_id"),
    )

    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)
    sort_date: Mapped[dt.date] = mapped_column(Date)


class StatementCountry(Base):
    """A country the statement concerns."""

    __tablename__ = "statement_country"
    __table_args__ = (
        Index("ix_statement_country_country_code_sort_date_statement_id", "country_code", "sort_date", "statement_id"),
    )

    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id", ondelete="CASCADE"), primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), primary_key=True)
    sort_date: Mapped[dt.date] = mapped_column(Date)


class StatementPair(Base):
    """Two countries one statement concerns together, ``country_a < country_b``: the relations index."""

    __tablename__ = "statement_pair"
    __table_args__ = (
        CheckConstraint("country_a < country_b", name="ordered"),
        Index(
            "ix_statement_pair_country_a_country_b_sort_date_statement_id",
            "country_a",
            "country_b",
            "sort_date",
            "statement_id",
        ),
    )

    statement_id: Mapped[int] = mapped_column(ForeignKey("statement.id", ondelete="CASCADE"), primary_key=True)
    country_a: Mapped[str] = mapped_column(ForeignKey("country.code"), primary_key=True)
    country_b: Mapped[str] = mapped_column(ForeignKey("country.code"), primary_key=True)
    sort_date: Mapped[dt.date] = mapped_column(Date)
    # The statement's ``group_first``, so the pair counts can count each group once.
    group_first: Mapped[bool] = mapped_column(Boolean, server_default=true())


class CountryPair(Base):
    """How many statements concern each two countries: ``statement_pair`` counted by pair.

    Kept by triggers on ``statement_pair`` (migrations 0006 and 0008), in the transaction that
    writes, updates or deletes its rows, cascades included; so it is never written by the
    application. ``distinct_count`` counts only the rows whose statement is its group's first.
    """

    __tablename__ = "country_pair"
    __table_args__ = (CheckConstraint("country_a < country_b", name="ordered"),)

    country_a: Mapped[str] = mapped_column(ForeignKey("country.code"), primary_key=True)
    country_b: Mapped[str] = mapped_column(ForeignKey("country.code"), primary_key=True)
    statement_count: Mapped[int]
    distinct_count: Mapped[int] = mapped_column(server_default="0")


class StatementGroup(Base):
    """Copies of one statement in the syndicated copies of a story; ``statement_count`` copies."""

    __tablename__ = "statement_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    statement_count: Mapped[int]
