"""HTTP routes of topics."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from app.api.deps import SessionDep, cache_for_readers
from app.api.errors import problem_responses
from app.api.topics import service
from app.api.topics.schemas import TopicList

router = APIRouter(prefix="/topics", tags=["topics"], dependencies=[Depends(cache_for_readers)])


@router.get("", responses=problem_responses(503))
def list_topics(session: SessionDep) -> TopicList:
    """Every topic statements can be tagged with, in order of slug, with its number of statements.

    Use a slug with the `topic` filter of `GET /v1/statements`. The list is short and is not paged.
    """
    return service.list_topics(session=session)
