"""The audit log: one row per write (who, when, what, which document), never updated.

Writers add their entry in the transaction of the write itself, so the log holds exactly the
writes that happened. Helpers flush, never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import AuditEntry

ACTIONS = ("document.create", "document.delete")


def record(session: Session, *, action: str, key_name: str | None, document_id: int | None, client: str | None) -> None:
    """Add one entry to the caller's transaction."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    session.add(
        AuditEntry(
            at=dt.datetime.now(dt.UTC),
            key_name=key_name,
            action=action,
            document_id=document_id,
            client=client[:64] if client else None,
        )
    )
    session.flush()


def latest(session: Session, *, limit: int = 100, key_name: str | None = None) -> Sequence[AuditEntry]:
    """The newest ``limit`` entries, newest first (optionally of one key)."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if key_name is not None:
        query = query.where(AuditEntry.key_name == key_name)
    return session.scalars(query).all()
