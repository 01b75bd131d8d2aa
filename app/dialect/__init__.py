"""What SQLite and PostgreSQL do differently, in one place: the rest of the code reads as one query.

A :class:`Dialect` (``sqlite.py``, ``postgresql.py``) answers for its database: how an engine is
tuned, how a query is time-limited, how a transaction-wide lock or a planner setting is taken,
how the full-text index is queried, and how export lines are read. SQL expressions that differ
(a period's first day, a date as text, a JSON object built by the database, a text match and
its score) are the dialect's methods too. Services ask ``of(session)`` for the dialect and never
test its name themselves; the import contracts keep every other module off the drivers.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from app.dialect.base import Dialect, IndexFault, JsonText, SearchTerms
from app.dialect.postgresql import PostgreSQL
from app.dialect.sqlite import SQLite

__all__ = ["Dialect", "IndexFault", "JsonText", "SearchTerms", "for_url", "of"]

DIALECTS: dict[str, Dialect] = {"sqlite": SQLite(), "postgresql": PostgreSQL()}


def for_url(url: str) -> Dialect:
    """The dialect of a database URL."""
    from sqlalchemy.engine import make_url

    return DIALECTS[make_url(url).get_backend_name()]


def of(bound: Session | Connection | Engine) -> Dialect:
    """The dialect of a session, connection or engine."""
    bind = bound.get_bind() if isinstance(bound, Session) else bound
    return DIALECTS[bind.dialect.name]
