from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal, get_args

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base

if TYPE_CHECKING:
    from app.models.statement import Statement

SpeakerKind = Literal["person", "organization"]
SPEAKER_KINDS: tuple[str, ...] = get_args(SpeakerKind)
# Where a speaker's country comes from, weakest first: inferred (from its organisation, an office
# found in one country only, a person it works for), stated by an article, set by a curator.
COUNTRY_SOURCES = ("inference", "article", "curator")
CORRECTION_ACTIONS = ("merge", "split", "set")


class Speaker(Base):
    """One real source: a person or an institution, shared by all documents that quote it."""

    __tablename__ = "speaker"
    __table_args__ = (
        CheckConstraint("kind IN ('person', 'organization')", name="kind"),
        Index("ix_speaker_country_code_name_key", "country_code", "name_key"),
        # One row per identity, enforced by the database: concurrent writers upsert on it.
        Index("uq_speaker_identity_key", "identity_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lower-cased, accent-free form of ``name``: the lookup key for matching and filtering.
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    # 'kind:name_key', with '#…' after it for a second person of the same name (see app.speakers.resolve).
    identity_key: Mapped[str] = mapped_column(String(340), server_default="")
    kind: Mapped[str] = mapped_column(String(16))
    # The latest clean title (app.speakers.titles) and the office it names.
    title: Mapped[str | None] = mapped_column(String(300))
    office: Mapped[str | None] = mapped_column(String(100))
    organization: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"))
    # One of COUNTRY_SOURCES when country_code is set (a plain column: SQLite adds it in place).
    country_source: Mapped[str | None] = mapped_column(String(16))

    aliases: Mapped[list[SpeakerAlias]] = relationship(
        back_populates="speaker", lazy="raise", cascade="all, delete-orphan", order_by="SpeakerAlias.id"
    )
    statements: Mapped[list[Statement]] = relationship(back_populates="speaker", lazy="raise")


class SpeakerAlias(Base):
    """Another name the same speaker goes by (a surname, a spelling, an acronym)."""

    __tablename__ = "speaker_alias"
    __table_args__ = (
        UniqueConstraint("speaker_id", "alias_key"),
        Index("ix_speaker_alias_alias_key", "alias_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(300))
    alias_key: Mapped[str] = mapped_column(String(300))

    speaker: Mapped[Speaker] = relationship(back_populates="aliases", lazy="raise")


class SpeakerOffice(Base):
    """An office a speaker was seen holding, from the first to the last statement that gave it."""

    __tablename__ = "speaker_office"
    __table_args__ = (Index("ix_speaker_office_office_speaker_id", "office", "speaker_id"),)

    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id", ondelete="CASCADE"), primary_key=True)
    office: Mapped[str] = mapped_column(String(100), primary_key=True)
    # The phrase an article last used for it, as written ('Russia’s foreign minister').
    title: Mapped[str] = mapped_column(String(300))
    organization: Mapped[str | None] = mapped_column(String(200))
    first_date: Mapped[dt.date] = mapped_column(Date)
    last_date: Mapped[dt.date] = mapped_column(Date)


class SpeakerRedirect(Base):
    """The id of a speaker merged into another: requests for it are sent to the survivor."""

    __tablename__ = "speaker_redirect"

    old_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id", ondelete="CASCADE"), index=True)


class SpeakerCorrection(Base):
    """A curator's correction, kept as a rule that resolution applies to every later extraction.

    ``merge``: the name ``name_key`` means speaker ``speaker_id``. ``split``: the name ``name_key``
    (in document ``document_id`` only, when given) means speaker ``speaker_id``. ``set``: the fields
    in ``detail`` were set on ``speaker_id`` and ingestion never overwrites them.
    """

    __tablename__ = "speaker_correction"
    __table_args__ = (
        CheckConstraint("action IN ('merge', 'split', 'set')", name="action"),
        Index("ix_speaker_correction_name_key", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    speaker_id: Mapped[int] = mapped_column(ForeignKey("speaker.id", ondelete="CASCADE"), index=True)
    name_key: Mapped[str | None] = mapped_column(String(300))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
