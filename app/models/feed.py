"""Watched feeds and the items seen in them: ``dyad watch`` keeps its state here."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class Feed(Base):
    """An RSS or Atom feed: what its server last said (for conditional GET) and when to poll again."""

    __tablename__ = "feed"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    polled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Consecutive failed polls; the next poll waits longer after each (reset by a good poll).
    failures: Mapped[int] = mapped_column(server_default="0")
    next_poll_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItem(Base):
    """An item of a feed that was dealt with: ingested, already stored, or refused for good.

    Items whose page could not be fetched for a passing reason (a time-out, a server error) are
    not recorded, so the next poll tries them again.
    """

    __tablename__ = "feed_item"
    __table_args__ = (UniqueConstraint("feed_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feed.id", ondelete="CASCADE"))
    # The item's guid, else its link: what identifies it across polls.
    item_key: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="SET NULL"))
    error: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
