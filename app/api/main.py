"""The application: ``create_app()`` builds it (``uvicorn app.api.main:create_app --factory``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api import errors, health
from app.api.aggregates.router import router as aggregates_router
from app.api.conditional import ConditionalGetMiddleware
from app.api.documents.router import router as documents_router
from app.api.relations.router import router as relations_router
from app.api.speakers.router import router as speakers_router
from app.api.statements.router import router as statements_router
from app.api.topics.router import router as topics_router
from app.config import Settings, get_settings
from app.db import make_engine, session_factory

DESCRIPTION = """\
Statements about international relations, extracted from news articles: who said what, when,
about which countries and topics, with the exact place in the article it comes from.

Lists are paged: follow `next_cursor`. Every error is an RFC 9457 problem document
(`application/problem+json`).
"""


def _version() -> str:
    try:
        return version("dyad")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "0.0.0"


class DyadAPI(FastAPI):
    """FastAPI, with error responses documented only as ``application/problem+json``."""

    def openapi(self) -> dict[str, Any]:
        if self.openapi_schema is None:
            errors.problems_only(super().openapi())
        return super().openapi()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API for ``settings`` (default: the environment), with its own database engine."""
    settings = settings or get_settings()
    engine = make_engine(settings.database_url, statement_timeout_ms=settings.query_timeout_ms)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = DyadAPI(title="Dyad", version=_version(), description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = session_factory(engine)

    app.add_middleware(ConditionalGetMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type", "If-None-Match"],
            expose_headers=["Location", "ETag", "Link", "Content-Disposition"],
        )
    errors.install(app)

    v1 = APIRouter(prefix="/v1")
    # aggregates first: their /statements/facets and /timeline must not reach /statements/{id}
    for router in (
        aggregates_router,
        statements_router,
        speakers_router,
        documents_router,
        topics_router,
        relations_router,
    ):
        v1.include_router(router)
    app.include_router(v1)
    app.include_router(health.router)
    return app
