"""Engines and sessions: SQLite tuned for a single writer and many readers, PostgreSQL pooled."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from app.config import get_settings

# Where a connection records the statement_timeout it was opened with (its pool record's info).
STATEMENT_TIMEOUT = "dyad_statement_timeout_ms"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, WAL so readers never block the writer, and a wait instead of 'locked'."""
    if not isinstance(dbapi_connection, sqlite3.Connection):  # pragma: no cover - other drivers
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def make_engine(url: str, *, statement_timeout_ms: int | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the settings its dialect needs.

    ``statement_timeout_ms`` becomes PostgreSQL's ``statement_timeout`` on every connection, set
    once when it opens rather than in every transaction (see ``app.api.deps.time_limit``).
    """
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _tune_sqlite)
        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    kwargs.setdefault("pool_pre_ping", True)
    # Fail fast when the server does not answer at all, so /healthz reports it promptly.
    kwargs.setdefault("connect_args", {"connect_timeout": 5})
    engine = create_engine(url, **kwargs)
    if statement_timeout_ms is not None:
        milliseconds = int(statement_timeout_ms)

        def limit(dbapi_connection: Any, record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET statement_timeout = {milliseconds}")
            dbapi_connection.commit()
            record.info[STATEMENT_TIMEOUT] = milliseconds

        event.listen(engine, "connect", limit)
    return engine


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default: the configured database)."""
    return make_engine(url or get_settings().database_url)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session whose owner commits explicitly; rolled back on error, always closed."""
    session = session_factory(engine)()
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def upsert(session: Session, table: Any) -> Any:
    """An INSERT that takes ON CONFLICT clauses, in the session's dialect (both spell them alike)."""
    from sqlalchemy.dialects import postgresql, sqlite

    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
