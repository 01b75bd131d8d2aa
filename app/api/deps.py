"""Request dependencies: the app's settings and engine, read and write sessions, cache headers.

Read sessions carry the query time limit (``query_timeout_ms``); the write session is a plain
session handed to the ingestion pipeline, which commits once per article.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings
from app.db import STATEMENT_TIMEOUT


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _sessions(request: Request) -> sessionmaker[Session]:
    sessions: sessionmaker[Session] = request.app.state.sessions
    return sessions


@contextmanager
def time_limit(session: Session, milliseconds: int) -> Iterator[None]:
    """Cancel the session's queries once they run longer than ``milliseconds``.

    PostgreSQL enforces it per statement (``statement_timeout``): the API's connections are opened
    with it (``make_engine``), and any other limit is set for the transaction alone. SQLite has no
    such setting: a progress handler interrupts any query once the request's time is up.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        if connection.info.get(STATEMENT_TIMEOUT) != milliseconds:
            connection.execute(text("SELECT set_config('statement_timeout', :ms, true)"), {"ms": str(milliseconds)})
        yield
        return
    driver = connection.connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):  # pragma: no cover - other drivers have no handler
        yield
        return
    deadline = time.monotonic() + milliseconds / 1000

    def interrupt() -> int:
        return 1 if time.monotonic() > deadline else 0

    driver.set_progress_handler(interrupt, 10_000)
    try:
        yield
    finally:
        driver.set_progress_handler(None, 0)


def get_read_session(request: Request) -> Iterator[Session]:
    """A session for reading, with the query time limit; nothing is written through it."""
    with _sessions(request)() as session, time_limit(session, get_settings(request).query_timeout_ms):
        yield session


def get_write_session(request: Request) -> Iterator[Session]:
    """A session for the ingestion pipeline, which owns its transactions."""
    with _sessions(request)() as session:
        yield session


def cache_for_readers(request: Request, response: Response) -> None:
    """Let clients and proxies keep read responses for ``cache_max_age`` seconds."""
    response.headers["Cache-Control"] = f"public, max-age={get_settings(request).cache_max_age}"


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
SessionDep = Annotated[Session, Depends(get_read_session)]
WriteSessionDep = Annotated[Session, Depends(get_write_session)]
