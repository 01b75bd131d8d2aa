from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.base import Base

if TYPE_CHECKING:
    from app.models.statement import Statement

SPEAKER_KINDS = ("person", "organization")


class Speaker(Base):
    """One real source: a person or an institution, shared by all documents that quote it."""

    __tablename__ = "speaker"
    __table_args__ = (
        CheckConstraint("kind IN ('person', 'organization')", name="kind"),
        Index("ix_speaker_country_code_name_key", "country_code", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # Lower-cased, accent-free form of ``name``: the lookup key for matching and filtering.
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(String(300))
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"))

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
