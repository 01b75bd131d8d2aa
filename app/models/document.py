from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Document(Base):
    """An ingested article. ``content_hash`` makes ingestion idempotent."""

    __tablename__ = "document"
    __table_args__ = (Index("ix_document_story_id", "story_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    published_date: Mapped[dt.date] = mapped_column(Date, index=True)
    body: Mapped[str] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    extractor_version: Mapped[str] = mapped_column(String(32))
    # The story the article belongs to: near-identical bodies (syndicated copies) share it. It is
    # the id of the story's first stored document (0 only before ingestion sets it; see
    # app/ingest/groups.py).
    story_id: Mapped[int] = mapped_column(server_default="0")
