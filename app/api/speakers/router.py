"""HTTP routes of speakers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import RedirectResponse

from app.api.deps import SessionDep, cache_for_readers
from app.api.errors import NotFoundError, problem_responses
from app.api.pagination import link_next
from app.api.params import MAX_ID
from app.api.speakers import service
from app.api.speakers.schemas import SpeakerDetail, SpeakerPage, SpeakerQuery

router = APIRouter(prefix="/speakers", tags=["speakers"], dependencies=[Depends(cache_for_readers)])


@router.get("", responses=problem_responses(422, 503))
def list_speakers(
    request: Request, response: Response, session: SessionDep, query: Annotated[SpeakerQuery, Query()]
) -> SpeakerPage:
    """Speakers in alphabetical order of name (case and accents ignored), or by statement count.

    Each speaker comes with its aliases, its latest office, its country and where that country
    comes from, and its number of statements; filter by office (the office vocabulary of the
    README) or organisation. To read what a speaker said, use `GET /v1/statements?speaker_id=…`.
    Pages work as in `GET /v1/statements`.
    """
    page = service.list_speakers(session=session, query=query)
    link_next(request, response, page.next_cursor)
    return page


@router.get(
    "/{speaker_id}",
    response_model=SpeakerDetail,
    responses={
        **problem_responses(404, 422, 503),
        301: {"description": "The id of a speaker merged into another: `Location` gives the surviving speaker."},
    },
)
def get_speaker(
    session: SessionDep,
    speaker_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the speaker.", examples=[1])],
) -> SpeakerDetail | Response:
    """One speaker, with its aliases, offices over time, country and its source, organisation,
    statement count, first and last statement dates and the countries its statements concern most.

    The id of a speaker that a curator (or resolution) merged into another answers
    `301 Moved Permanently` with the surviving speaker's URL; its statements answer at the
    surviving id, and `GET /v1/statements?speaker_id=` with the old id lists them too.
    """
    speaker = service.get_speaker(session=session, speaker_id=speaker_id)
    if speaker is not None:
        return speaker
    survivor = service.redirect_of(session=session, speaker_id=speaker_id)
    if survivor is None:
        raise NotFoundError("speaker", speaker_id)
    return RedirectResponse(f"/v1/speakers/{survivor}", status_code=301)
