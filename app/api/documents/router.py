"""HTTP routes of documents: reading them, and uploading an article."""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from app.api.deps import SessionDep, WriteSessionDep, cache_for_readers
from app.api.documents import service
from app.api.documents.schemas import ArticleIn, DocumentDetail, DocumentPage, DocumentQuery
from app.api.errors import NotFoundError, ProblemError, problem_responses
from app.api.pagination import link_next
from app.api.params import MAX_ID
from app.ingest.read import Article

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


@router.get("/{document_id}", dependencies=[Depends(cache_for_readers)], responses=problem_responses(404, 422, 503))
def get_document(
    session: SessionDep,
    document_id: Annotated[int, Path(ge=1, le=MAX_ID, description="Id of the document.", examples=[1])],
) -> DocumentDetail:
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
    responses={
        HTTPStatus.OK: {
            "model": DocumentDetail,
            "description": "The same article was stored before: the stored document, unchanged.",
        },
        HTTPStatus.CREATED: {"description": "The article was stored; `Location` is its URL."},
        **problem_responses(413, 415, 422, 503),
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
def create_document(
    request: Request,
    response: Response,
    session: WriteSessionDep,
    article: Annotated[Article, Depends(article_from_request)],
) -> DocumentDetail:
    """Extract the statements of one article and store it with them.

    Send either `text/plain` in the article format (a first line ` date YYYY-MM-DD <headline>`,
    a blank line, then the body) or `application/json` with `title`, `published`, `body` and
    optionally `source_url`; text must be UTF-8 unless a `charset` says otherwise. Or send
    `text/html`, a saved article page: its main text, headline, publication date and canonical
    URL are taken from the page, which must be in English. A new article
    answers 201 with the stored document and its statements. Sending content that is stored
    already answers 200 with the existing document, and stores nothing. An article that cannot
    be read answers 422, and the problem's `detail` says what is wrong and where.
    """
    document, created = service.ingest_article(session=session, article=article)
    if created:
        response.headers["Location"] = str(request.url_for("get_document", document_id=document.id))
    else:
        response.status_code = HTTPStatus.OK
    return document
