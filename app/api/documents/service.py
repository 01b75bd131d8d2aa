"""Document queries, and article upload: request bytes -> article -> the ingestion pipeline."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from http import HTTPStatus

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, defer

from app.api.documents.schemas import DocumentDetail, DocumentPage, DocumentPublic, DocumentQuery
from app.api.errors import InvalidField, ProblemError
from app.api.pagination import Keyset
from app.api.statements.service import statements_of_document
from app.ingest.pages import parse_html
from app.ingest.pipeline import Ingestor
from app.ingest.read import Article, ArticleFormatError, parse_json, parse_text
from app.models import Document, Statement

NEWEST_FIRST = Keyset("-published", Document.published_date, Document.id, descending=True)
ARTICLE_MEDIA_TYPES = ("text/plain", "application/json", "text/html")
ORIGIN = "body"

DocumentRow = Row[Document, int]


def _base() -> Select[Document, int]:
    count = select(func.count()).where(Statement.document_id == Document.id).scalar_subquery()
    return select(Document, count)


def _public(document: Document, statement_count: int) -> DocumentPublic:
    return DocumentPublic(
        id=document.id,
        title=document.title,
        published=document.published_date,
        source_url=document.source_url,
        ingested_at=document.ingested_at,
        extractor_version=document.extractor_version,
        statement_count=statement_count,
    )


def list_documents(*, session: Session, query: DocumentQuery) -> DocumentPage:
    """One page of documents, newest publication first."""
    stmt = NEWEST_FIRST.apply(
        _base().options(defer(Document.body, raiseload=True)), cursor=query.cursor, limit=query.limit
    )
    rows: Sequence[DocumentRow]
    rows, next_cursor = NEWEST_FIRST.page(
        session.execute(stmt).all(), limit=query.limit, key=lambda row: (row[0].published_date, row[0].id)
    )
    return DocumentPage(items=[_public(document, count) for document, count in rows], next_cursor=next_cursor)


def get_document(*, session: Session, document_id: int) -> DocumentDetail | None:
    """The document with this id, with its body and statements, if any."""
    document = session.get(Document, document_id)
    if document is None:
        return None
    statements = statements_of_document(session=session, document_id=document_id)
    summary = _public(document, len(statements))
    return DocumentDetail(**summary.model_dump(), body=document.body, statements=statements)


class InvalidArticleError(ProblemError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            detail,
            errors=[InvalidField(parameter="body", in_="body", message=detail)],
        )


def _content_type(header: str | None) -> tuple[str, str | None]:
    """The media type of a Content-Type header, lower-cased, and its charset if one is given."""
    media_type, *params = (header or "").split(";")
    charset = None
    for param in params:
        name, _sep, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media_type.strip().lower(), charset


def _decode(data: bytes, charset: str) -> str:
    try:
        codec = codecs.lookup(charset)
    except LookupError:
        raise ProblemError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"Unknown charset {charset!r}; send UTF-8.") from None
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if codec.name == "utf-8" else charset
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise InvalidArticleError(f"{ORIGIN}: not {label} text: {bad} cannot be decoded") from None


def read_article(*, content_type: str | None, data: bytes) -> Article:
    """The article in a request body: the plain-text article format, a JSON object or a saved web page."""
    media_type, charset = _content_type(content_type)
    if media_type not in ARTICLE_MEDIA_TYPES:
        shown = media_type or "none"
        raise ProblemError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"Content-Type {shown!r} is not accepted; send text/plain (the article format), application/json "
            "or text/html (a saved article page).",
        )
    try:
        if media_type == "text/html":  # bytes as they are: a page declares its own encoding
            return parse_html(data, origin=ORIGIN)
    except ArticleFormatError as exc:
        raise InvalidArticleError(str(exc.error)) from None
    text = _decode(data, charset or "utf-8")
    try:
        if media_type == "text/plain":
            return parse_text(text, origin=ORIGIN)
        return parse_json(text, origin=ORIGIN)
    except ArticleFormatError as exc:
        raise InvalidArticleError(str(exc.error)) from None


def ingest_article(*, session: Session, article: Article) -> tuple[DocumentDetail, bool]:
    """Store the article and its statements unless its content is stored already.

    Returns the document and whether it was created by this call.
    """
    stored = Ingestor(session).ingest(article)
    document = get_document(session=session, document_id=stored.document_id)
    if document is None:  # pragma: no cover - the pipeline has just committed it
        raise LookupError(f"document {stored.document_id} vanished after ingestion")
    return document, stored.created
