"""Who may write (API keys, stored as hashes only) and what each write did (the audit log)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class ApiKey(Base):
    """A named key that may write. Only the SHA-256 of the key is kept; the key is shown once."""

    __tablename__ = "api_key"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The key's first characters, so that a holder can tell which key a listing means.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """One write: who (key name, or none when writes are open), when, what, and on which document.

    ``document_id`` is a plain number, not a foreign key: the entry outlives a deleted document.
    """

    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_at_id", "at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    key_name: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    document_id: Mapped[int | None]
    client: Mapped[str | None] = mapped_column(String(64))
