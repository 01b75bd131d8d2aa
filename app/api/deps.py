"""Request dependencies: the app's settings, session factory and extraction slots, read and write
sessions, cache headers. Routes take these rather than reading ``request.app.state`` themselves.

Read sessions carry the query time limit (``query_timeout_ms``, applied by the dialect); the write
session is a plain session handed to ``app.ingest.uploads``, which commits once per article.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session, sessionmaker

from app import dialect
from app.config import Settings


def app_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def app_sessions(request: Request) -> sessionmaker[Session]:
    """The app's session factory, for work that outlives the request's own session (a streamed export)."""
    sessions: sessionmaker[Session] = request.app.state.sessions
    return sessions


def extraction_slots(request: Request) -> threading.Semaphore:
    """How many uploads this worker extracts at once (``extraction_workers``)."""
    slots: threading.Semaphore = request.app.state.extraction_slots
    return slots


def get_read_session(request: Request) -> Iterator[Session]:
    """A session for reading, with the query time limit; nothing is written through it."""
    limit = app_settings(request).query_timeout_ms
    with app_sessions(request)() as session, dialect.of(session).time_limit(session, limit):
        yield session


def get_write_session(request: Request) -> Iterator[Session]:
    """A session for the ingestion pipeline, which owns its transactions."""
    with app_sessions(request)() as session:
        yield session


def cache_for_readers(request: Request, response: Response) -> None:
    """Let clients and proxies keep read responses for ``cache_max_age`` seconds."""
    response.headers["Cache-Control"] = f"public, max-age={app_settings(request).cache_max_age}"


SettingsDep = Annotated[Settings, Depends(app_settings)]
SessionsDep = Annotated[sessionmaker[Session], Depends(app_sessions)]
ExtractionSlotsDep = Annotated[threading.Semaphore, Depends(extraction_slots)]
SessionDep = Annotated[Session, Depends(get_read_session)]
WriteSessionDep = Annotated[Session, Depends(get_write_session)]
