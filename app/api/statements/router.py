"""HTTP routes of statements: parameters in, one service call, a schema out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.api.deps import SessionDep, cache_for_readers
from app.api.errors import NotFoundError, problem_responses
from app.api.params import MAX_ID
from app.api.statements import service
from app.api.statements.schemas import StatementPage, StatementPublic, StatementQuery

router = APIRouter(prefix="/statements", tags=["statements"], dependencies=[Depends(cache_for_readers)])


@router.get("", responses=problem_responses(422, 503))
def list_statements(session: SessionDep, query: Annotated[StatementQuery, Query()]) -> StatementPage:
    """Statements, newest first, filtered by speaker, countries, topics, kind, date and words.

    Every filter given must match: `country=CN&country=RU` finds what was said about China and
    Russia together. Results come in pages of `limit` items; while `next_cursor` is not null,
    pass it back as `cursor` (with the same `sort`) to get the next page.
    """
    return service.list_statements(session=session, query=query)


@router.get("/{statement_id}", responses=problem_responses(404, 422, 503))
def get_statement(
    session: SessionDep,
    statement_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the statement.")],
) -> StatementPublic:
    """One statement, with its speaker, topics, countries and the article it comes from."""
    statement = service.get_statement(session=session, statement_id=statement_id)
    if statement is None:
        raise NotFoundError("statement", statement_id)
    return statement
