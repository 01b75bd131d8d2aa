"""Engines and sessions: one engine per database URL, tuned by its dialect (``app/dialect``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app import dialect
from app.config import get_settings


def make_engine(url: str, *, statement_timeout_ms: int | None = None, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the settings its dialect needs; ``statement_timeout_ms`` limits each
    statement where the database can (``Dialect.create_engine``)."""
    return dialect.for_url(url).create_engine(url, statement_timeout_ms=statement_timeout_ms, **kwargs)


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
