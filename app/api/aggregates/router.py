"""HTTP routes of facets and timelines; mounted under /v1/statements before its /{statement_id}."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from app.api.aggregates import service
from app.api.aggregates.schemas import FacetQuery, Facets, Timeline, TimelineQuery
from app.api.deps import SessionDep, cache_for_readers
from app.api.errors import problem_responses

router = APIRouter(prefix="/statements", tags=["aggregates"], dependencies=[Depends(cache_for_readers)])


@router.get("/facets", responses=problem_responses(422, 503))
def statement_facets(session: SessionDep, query: Annotated[FacetQuery, Query()]) -> Facets:
    """How many statements there are per speaker, speaker country, country, topic or kind.

    Takes every filter of `GET /v1/statements`, so `field=speaker&country=CN&country=US` names who
    speaks most about China and the United States together. A statement concerning several
    countries (or tagged with several topics) counts once in each of their buckets; `total`
    counts each statement once.
    """
    return service.facets(session=session, query=query)


@router.get("/timeline", responses=problem_responses(422, 503))
def statement_timeline(session: SessionDep, query: Annotated[TimelineQuery, Query()]) -> Timeline:
    """How many statements were made per day, week, month or year, optionally one series per group.

    Takes every filter of `GET /v1/statements`. Periods are named by their first day (weeks start
    on Monday). A statement counts on its date, or on its article's publication date when the
    article does not say when it was made (the order of `GET /v1/statements`). Periods without
    statements are absent rather than zero.
    """
    return service.timeline(session=session, query=query)
