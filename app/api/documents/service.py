"""Document queries, and article upload and deletion: request bytes -> article -> ``app.ingest.uploads``."""

from __future__ import annotations

import codecs
import logging
import threading
from collections.abc import Sequence
from http import HTTPStatus

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, defer

from app import audit
from app.api.documents.schemas import DocumentDetail, DocumentPage, DocumentPublic, DocumentQuery
from app.api.errors import InvalidField, ProblemError
from app.api.pagination import Keyset
from app.api.statements.service import statements_of_document
from app.ingest import uploads
from app.ingest.uploads import Article
from app.models import Document, Statement

log = logging.getLogger(__name__)

NEWEST_FIRST = Keyset("-published", Document.published_date, Document.id, descending=True)
ARTICLE_MEDIA_TYPES: dict[str, uploads.UploadFormat] = {
    "text/plain": "text",
    "application/json": "json",
    "text/html": "html",
}
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
    # base64, rot13, zlib, ... are codecs too, but not text encodings: bytes in, text out is required
    if not getattr(codec, "_is_text_encoding", True):
        raise ProblemError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE, f"Charset {charset!r} is not a text encoding; send UTF-8."
        )
    try:
        return data.decode(codec.name)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if codec.name == "utf-8" else charset
        bad = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise InvalidArticleError(f"{ORIGIN}: not {label} text: {bad} cannot be decoded") from None


def read_article(*, content_type: str | None, data: bytes) -> Article:
    """The article in a request body: the plain-text article format, a JSON object or a saved web page."""
    media_type, charset = _content_type(content_type)
    fmt = ARTICLE_MEDIA_TYPES.get(media_type)
    if fmt is None:
        shown = media_type or "none"
        raise ProblemError(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"Content-Type {shown!r} is not accepted; send text/plain (the article format), application/json "
            "or text/html (a saved article page).",
        )
    # a page's bytes go as they are (it declares its own encoding); text is decoded here
    content = data if fmt == "html" else _decode(data, charset or "utf-8")
    try:
        return uploads.parse_upload(fmt, content, origin=ORIGIN)
    except uploads.ArticleFormatError as exc:
        raise InvalidArticleError(str(exc.error)) from None


class ClientGoneError(Exception):
    """The client disconnected before its upload was stored: nothing is stored."""


def ingest_article(
    *,
    session: Session,
    article: Article,
    key_name: str | None,
    client: str | None,
    timeout_s: float,
    cancelled: threading.Event,
    extraction_slots: threading.Semaphore,
) -> tuple[DocumentDetail, bool]:
    """Store the article and its statements unless its content is stored already.

    Extraction runs in a child process within ``timeout_s``, once one of ``extraction_slots`` is
    free (the wait counts against nothing but the request's own patience); once ``cancelled`` is set (the client
    went away) nothing is stored. The write and its audit entry commit together. Returns the
    document and whether it was created by this call.
    """

    def before_commit(document_id: int) -> None:
        if cancelled.is_set():
            raise ClientGoneError
        audit.record(session, action="document.create", key_name=key_name, document_id=document_id, client=client)

    try:
        document_id, created = uploads.store_upload(
            session,
            article=article,
            timeout_s=timeout_s,
            cancelled=cancelled,
            extraction_slots=extraction_slots,
            before_commit=before_commit,
        )
    except uploads.ExtractionCancelledError:
        raise ClientGoneError from None
    except uploads.ExtractionTimeoutError:
        raise ProblemError(
            HTTPStatus.SERVICE_UNAVAILABLE,
            f"Extracting this article took longer than {timeout_s:g} s, so nothing was stored; "
            "send it in smaller parts, or retry later.",
            headers={"Retry-After": "60"},
        ) from None
    except uploads.ExtractionFailedError as exc:
        log.error("extraction failed on an upload: %s", exc)
        raise InvalidArticleError(f"{ORIGIN}: the extractor could not process this article") from None
    document = get_document(session=session, document_id=document_id)
    if document is None:  # pragma: no cover - the pipeline has just committed it
        raise LookupError(f"document {document_id} vanished after ingestion")
    return document, created


def delete_document(*, session: Session, document_id: int, key_name: str | None, client: str | None) -> bool:
    """Remove a document, its statements and their links, and the speakers left with no statement,
    with an audit entry. Commits; returns False when there is no such document."""
    if not uploads.remove_document(session, document_id=document_id):
        return False
    audit.record(session, action="document.delete", key_name=key_name, document_id=document_id, client=client)
    session.commit()
    return True
