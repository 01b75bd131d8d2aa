"""Liveness of the service and its database."""

from __future__ import annotations

from http import HTTPStatus
from typing import Literal

import anyio
from fastapi import APIRouter, Request, Response
from pydantic import ConfigDict
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from app.api.errors import ProblemError, problem_responses
from app.api.schemas import ApiModel

router = APIRouter(tags=["health"])

# The health check's own threads: it must not queue behind the requests that fill the others.
_THREADS = anyio.CapacityLimiter(2)


class Health(ApiModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"]


def database_answers(*, engine: Engine) -> bool:
    """Whether the database answers a trivial query."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return False
    return True


@router.get("/healthz", responses=problem_responses(503))
async def healthz(request: Request, response: Response) -> Health:
    """`{"status": "ok"}` when the service can reach its database; a 503 problem when it cannot.

    Never queued, never rate-limited, and checked on a connection of its own, so it answers at
    once however busy the service is.
    """
    response.headers["Cache-Control"] = "no-store"
    engine: Engine = request.app.state.health_engine
    if not await anyio.to_thread.run_sync(lambda: database_answers(engine=engine), limiter=_THREADS):
        raise ProblemError(HTTPStatus.SERVICE_UNAVAILABLE, "The database does not answer.")
    return Health(status="ok")
