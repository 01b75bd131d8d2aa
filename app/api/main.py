"""The application: ``create_app()`` builds it (``uvicorn app.api.main:create_app --factory``)."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.api import errors, health
from app.api.aggregates.router import router as aggregates_router
from app.api.conditional import ConditionalGetMiddleware
from app.api.documents.router import router as documents_router
from app.api.guards.http import HttpHygieneMiddleware
from app.api.guards.ratelimit import RateLimiter, RateLimitMiddleware, make_storage, parse_rules
from app.api.guards.shedding import LoadSheddingMiddleware
from app.api.guards.slowclient import BodyTimeoutMiddleware
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


# Threads beyond the admitted requests' own: spare, for the server's own calls to threads.
SPARE_THREADS = 4


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API for ``settings`` (default: the environment), with its own database engines.

    Capacity is sized from ``max_concurrency``: that many requests at work (the rest queue or
    get a 503), at least as many threads, and as many database connections, so an admitted
    request never waits for a thread or a connection. The health check has an engine of its own
    with one connection, so it answers while every other connection is busy.
    """
    settings = settings or get_settings()
    engine = make_engine(
        settings.database_url,
        statement_timeout_ms=settings.query_timeout_ms,
        pool_size=settings.max_concurrency,
        max_overflow=0,
        # it should never have to wait; if it does, no longer than a queued request waits for a slot
        pool_timeout=settings.queue_timeout_ms / 1000,
    )
    health_engine = make_engine(
        settings.database_url, statement_timeout_ms=1000, pool_size=1, max_overflow=1, pool_timeout=1
    )
    write_rules = parse_rules(settings.rate_limit_writes, setting="rate_limit_writes")
    read_rules = parse_rules(settings.rate_limit_reads, setting="rate_limit_reads")
    limiter = RateLimiter(make_storage(settings))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threads = anyio.to_thread.current_default_thread_limiter()
        # each admitted request uses one thread at a time (dependency, then route, then teardown)
        threads.total_tokens = settings.max_concurrency + SPARE_THREADS
        yield
        engine.dispose()
        health_engine.dispose()

    app = DyadAPI(title="Dyad", version=_version(), description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.engine = engine
    app.state.health_engine = health_engine
    app.state.sessions = session_factory(engine)
    app.state.rate_limiter = limiter
    app.state.write_rules = write_rules
    app.state.extraction_slots = threading.Semaphore(settings.extraction_workers)

    # Added innermost first: a request meets them in the reverse order.
    app.add_middleware(ConditionalGetMiddleware)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "POST", "DELETE", "OPTIONS"],
            allow_headers=["Content-Type", "If-None-Match", "X-API-Key", "Authorization"],
            expose_headers=[
                "Location",
                "ETag",
                "Link",
                "Content-Disposition",
                "Retry-After",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset",
            ],
        )
    app.add_middleware(BodyTimeoutMiddleware, seconds=settings.body_timeout_s)
    app.add_middleware(
        LoadSheddingMiddleware,
        capacity=settings.max_concurrency,
        queue=settings.max_queue,
        wait_s=settings.queue_timeout_ms / 1000,
    )
    app.add_middleware(RateLimitMiddleware, limiter=limiter, rules=read_rules)
    app.add_middleware(HttpHygieneMiddleware, allowed_hosts=settings.allowed_hosts)
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
