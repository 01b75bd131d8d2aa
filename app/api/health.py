"""Liveness of the service and its database."""

from __future__ import annotations

from http import HTTPStatus
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import ConfigDict
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from app.api.deps import EngineDep
from app.api.errors import ProblemError, problem_responses
from app.api.schemas import ApiModel

router = APIRouter(tags=["health"])


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
def healthz(engine: EngineDep, response: Response) -> Health:
    """`{"status": "ok"}` when the service can reach its database; a 503 problem when it cannot."""
    response.headers["Cache-Control"] = "no-store"
    if not database_answers(engine=engine):
        raise ProblemError(HTTPStatus.SERVICE_UNAVAILABLE, "The database does not answer.")
    return Health(status="ok")
