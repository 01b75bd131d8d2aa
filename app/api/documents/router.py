"""HTTP routes of documents: reading them, and uploading an article."""

from __future__ import annotations

import asyncio
import threading
from http import HTTPStatus
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app.api.auth import WriterDep
from app.api.deps import ExtractionSlotsDep, SessionDep, SettingsDep, WriteSessionDep, cache_for_readers
from app.api.documents import service
from app.api.documents.schemas import ArticleIn, DocumentDetail, DocumentPage, DocumentQuery
from app.api.errors import NotFoundError, ProblemError, problem_responses
from app.api.links import link_to
from app.api.pagination import link_next
from app.api.params import MAX_ID
from app.ingest.uploads import Article

MAX_ARTICLE_BYTES = 5_000_000

EXAMPLE_ARTICLE = (
    " date 2024-05-16 Leaders meet in Beijing\n\n"
    "The two countries will deepen their cooperation, the foreign minister said on Thursday.\n"
)

EXAMPLE_PAGE = (
    '<html><head><title>Leaders meet in Beijing</title><link rel="canonical" href="https://news.example/a">'
    '<meta property="article:published_time" content="2024-05-16"></head><body><article><p>The two countries '
    "will deepen their cooperation, the foreign minister said on Thursday.</p></article></body></html>"
)

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", dependencies=[Depends(cache_for_readers)], responses=problem_responses(422, 503))
def list_documents(
    request: Request, response: Response, session: SessionDep, query: Annotated[DocumentQuery, Query()]
) -> DocumentPage:
    """Ingested articles, most recently published first (ties: highest id first), without their text.

    Pages work as in `GET /v1/statements`: pass `next_cursor` back as `cursor`.
    """
    page = service.list_documents(session=session, query=query)
    link_next(request, response, page.next_cursor)
    return page


DocumentId = Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the document.", examples=[1])]
WRITE_PROBLEMS = (401, 403, 422, 429, 503)


@router.get("/{document_id}", dependencies=[Depends(cache_for_readers)], responses=problem_responses(404, 422, 503))
def get_document(session: SessionDep, document_id: DocumentId) -> DocumentDetail:
    """One article with its full text and every statement found in it, in the order of the text."""
    document = service.get_document(session=session, document_id=document_id)
    if document is None:
        raise NotFoundError("document", document_id)
    return document


async def article_from_request(request: Request) -> Article:
    """The article in the request body (read here, asynchronously, so the handler can stay sync)."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_ARTICLE_BYTES:
            raise ProblemError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"An article may not exceed {MAX_ARTICLE_BYTES} bytes."
            )
        chunks.append(chunk)
    return service.read_article(content_type=request.headers.get("content-type"), data=b"".join(chunks))


@router.post(
    "",
    status_code=HTTPStatus.CREATED,
    response_model=DocumentDetail,
    responses={
        HTTPStatus.OK: {
            "model": DocumentDetail,
            "description": "The same article was stored before: the stored document, unchanged.",
        },
        HTTPStatus.CREATED: {"description": "The article was stored; `Location` is its URL."},
        **problem_responses(*WRITE_PROBLEMS, 408, 413, 415),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "One article, as text in the article format, as a JSON object or as a saved web page.",
            "content": {
                "text/plain": {"schema": {"type": "string"}, "example": EXAMPLE_ARTICLE},
                "application/json": {"schema": ArticleIn.model_json_schema()},
                "text/html": {"schema": {"type": "string"}, "example": EXAMPLE_PAGE},
            },
        }
    },
)
async def create_document(
    request: Request,
    response: Response,
    session: WriteSessionDep,
    settings: SettingsDep,
    writer: WriterDep,
    slots: ExtractionSlotsDep,
    article: Annotated[Article, Depends(article_from_request)],
) -> DocumentDetail | Response:
    """Extract the statements of one article and store it with them. Needs an API key.

    Send either `text/plain` in the article format (a first line ` date YYYY-MM-DD <headline>`,
    a blank line, then the body) or `application/json` with `title`, `published`, `body` and
    optionally `source_url` (http or https); text must be UTF-8 unless a `charset` says otherwise.
    Or send `text/html`, a saved article page: its main text, headline, publication date and
    canonical URL are taken from the page, which must be in English. The publication date must lie
    between 1900-01-01 and tomorrow. A new article answers 201 with the stored document and its
    statements. Sending content that is stored already answers 200 with the existing document, and
    stores nothing. An article that cannot be read answers 422, and the problem's `detail` says
    what is wrong and where. The key goes in `X-API-Key` or `Authorization: Bearer`; writes are
    rate-limited per key (`RateLimit-*` headers, 429 past the limit). An upload whose client
    disconnects before it is stored is not stored.
    """
    cancelled = threading.Event()
    gone = asyncio.create_task(_disconnected(request))
    gone.add_done_callback(lambda _task: cancelled.set())
    try:
        document, created = await run_in_threadpool(
            lambda: service.ingest_article(
                session=session,
                article=article,
                key_name=writer.key_name,
                client=writer.client,
                timeout_s=settings.extraction_timeout_s,
                cancelled=cancelled,
                extraction_slots=slots,
            )
        )
    except service.ClientGoneError:
        # Nobody is listening; the status only shows in the access log.
        return Response(status_code=499)
    finally:
        gone.cancel()
    if created:
        response.headers["Location"] = link_to(request, "get_document", document_id=document.id)
    else:
        response.status_code = HTTPStatus.OK
    return document


async def _disconnected(request: Request) -> None:
    """Returns once the client has gone away (the body has been read, so only a disconnect can come)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


@router.delete(
    "/{document_id}",
    status_code=HTTPStatus.NO_CONTENT,
    response_class=Response,
    responses={
        HTTPStatus.NO_CONTENT: {"description": "The document is deleted."},
        **problem_responses(404, *WRITE_PROBLEMS),
    },
)
def delete_document(session: WriteSessionDep, writer: WriterDep, document_id: DocumentId) -> Response:
    """Delete a document with its statements. Needs an API key.

    Speakers quoted elsewhere stay; a speaker quoted only in this document is deleted with it.
    """
    deleted = service.delete_document(
        session=session, document_id=document_id, key_name=writer.key_name, client=writer.client
    )
    if not deleted:
        raise NotFoundError("document", document_id)
    return Response(status_code=HTTPStatus.NO_CONTENT)
