"""HTTP routes of statements: parameters in, one service call, a schema out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from app.api.deps import SessionDep, SessionsDep, SettingsDep, cache_for_readers
from app.api.errors import NotFoundError, problem_responses
from app.api.pagination import json_response, link_next
from app.api.params import MAX_ID
from app.api.statements import export, service
from app.api.statements.schemas import ExportQuery, StatementDetail, StatementPage, StatementQuery
from app.api.statements.selection import select_statements

router = APIRouter(prefix="/statements", tags=["statements"], dependencies=[Depends(cache_for_readers)])


@router.get("", response_model=StatementPage, responses=problem_responses(422, 503))
def list_statements(
    request: Request, response: Response, session: SessionDep, query: Annotated[StatementQuery, Query()]
) -> Response:
    """Statements, newest first, filtered by speaker, countries, topics, kind, date and words.

    Every filter given must match: `country=CN&country=RU` finds what was said about China and
    Russia together. Results come in pages of `limit` items; while `next_cursor` is not null,
    pass it back as `cursor` (with the same `sort`) to get the next page.
    """
    page = service.list_statements(session=session, query=query)
    link_next(request, response, page["next_cursor"])
    return json_response(page, response)


EXPORT_EXAMPLE_CSV = (
    "id,date,kind,cue,text,speaker_id,speaker_name,speaker_title,speaker_country,speaker_kind,topics,countries,"
    "document_id,document_title,document_published,document_source_url,span_start,span_end,group_id,group_copies\r\n"
    '3,2023-12-31,indirect,said,"China-Russia relations have always maintained healthy and stable development",'
    "1,Xi Jinping,President,CN,person,diplomacy,CN;RU,1,New Year greetings,2023-12-31,,1066,1284,3,1\r\n"
)


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The whole result set, streamed; a file name is given in Content-Disposition.",
            "content": {
                "text/csv": {"schema": {"type": "string"}, "example": EXPORT_EXAMPLE_CSV},
                "application/x-ndjson": {"schema": {"type": "string"}, "example": '{"id": 3, "text": "…"}\n'},
            },
        },
        **problem_responses(422, 503),
    },
)
def export_statements(
    sessions: SessionsDep, settings: SettingsDep, query: Annotated[ExportQuery, Query()]
) -> StreamingResponse:
    """Every statement matching the filters, as CSV or NDJSON, streamed without a row limit.

    Takes every filter of `GET /v1/statements`. Rows come in the chosen date order and are read in
    batches, so exports of any size use little memory on both ends.
    """
    with sessions() as session:
        chosen = select_statements(query, session=session)  # bad filters: 422 before streaming
    body = export.stream(
        sessions,
        chosen,
        fmt=query.format,
        descending=query.sort == "-date",
        timeout_ms=settings.query_timeout_ms,
    )
    disposition = f'attachment; filename="{export.filename(query.format)}"'
    return StreamingResponse(
        body, media_type=export.MEDIA_TYPES[query.format], headers={"Content-Disposition": disposition}
    )


@router.get("/{statement_id}", responses=problem_responses(404, 422, 503))
def get_statement(
    session: SessionDep,
    statement_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the statement.", examples=[1])],
) -> StatementDetail:
    """One statement, with its speaker, topics, countries and the article it comes from, and the
    other articles that carried it (syndicated copies of the same story)."""
    statement = service.get_statement(session=session, statement_id=statement_id)
    if statement is None:
        raise NotFoundError("statement", statement_id)
    return statement
