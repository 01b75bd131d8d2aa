"""HTTP routes of speakers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.api.deps import SessionDep, cache_for_readers
from app.api.errors import NotFoundError, problem_responses
from app.api.pagination import link_next
from app.api.params import MAX_ID
from app.api.speakers import service
from app.api.speakers.schemas import SpeakerPage, SpeakerPublic, SpeakerQuery

router = APIRouter(prefix="/speakers", tags=["speakers"], dependencies=[Depends(cache_for_readers)])


@router.get("", responses=problem_responses(422, 503))
def list_speakers(
    request: Request, response: Response, session: SessionDep, query: Annotated[SpeakerQuery, Query()]
) -> SpeakerPage:
    """Speakers in alphabetical order of name (case and accents ignored), then by id.

    Each speaker comes with its aliases and its number of statements; to read what a speaker
    said, use `GET /v1/statements?speaker_id=…`. Pages work as in `GET /v1/statements`.
    """
    page = service.list_speakers(session=session, query=query)
    link_next(request, response, page.next_cursor)
    return page


@router.get("/{speaker_id}", responses=problem_responses(404, 422, 503))
def get_speaker(
    session: SessionDep,
    speaker_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the speaker.", examples=[1])],
) -> SpeakerPublic:
    """One speaker, with its aliases and its number of statements."""
    speaker = service.get_speaker(session=session, speaker_id=speaker_id)
    if speaker is None:
        raise NotFoundError("speaker", speaker_id)
    return speaker
