"""Document queries, and article upload: request bytes -> article -> the ingestion pipeline."""

from __future__ import annotations

import codecs
import logging
import threading
from collections.abc import Sequence
from http import HTTPStatus

from sqlalchemy import Row, Select, delete, exists, func, select
from sqlalchemy.orm import Session, defer

from app import audit
from app.api.documents.schemas import DocumentDetail, DocumentPage, DocumentPublic, DocumentQuery
from app.api.errors import InvalidField, ProblemError
from app.api.pagination import Keyset
from app.api.statements.service import statements_of_document
from app.ingest.extract import ExtractedStatement
from app.ingest.isolated import (
    ExtractionCancelledError,
    ExtractionFailedError,
    ExtractionTimeoutError,
    extract_in_child,
)
from app.ingest.pages import parse_html
from app.ingest.pipeline import Ingestor
from app.ingest.read import Article, ArticleFormatError, parse_json, parse_text
from app.ingest.store import find_document_id
from app.models import Document, Speaker, SpeakerAlias, Statement, StatementCountry, StatementPair, StatementTopic

log = logging.getLogger(__name__)

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


class ClientGoneError(Exception):
    """The client disconnected before its upload was stored: nothing is stored."""


def _extract(
    article: Article, *, keywords: dict[str, list[str]], timeout_s: float, cancelled: threading.Event
) -> list[ExtractedStatement]:
    try:
        return extract_in_child(article, keywords=keywords, timeout_s=timeout_s, cancelled=cancelled)
    except ExtractionCancelledError:
        raise ClientGoneError from None
    except ExtractionTimeoutError:
        raise ProblemError(
            HTTPStatus.SERVICE_UNAVAILABLE,
            f"Extracting this article took longer than {timeout_s:g} s, so nothing was stored; "
            "send it in smaller parts, or retry later.",
            headers={"Retry-After": "60"},
        ) from None
    except ExtractionFailedError as exc:
        log.error("extraction failed on an upload: %s", exc)
        raise InvalidArticleError(f"{ORIGIN}: the extractor could not process this article") from None


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
    ingestor = Ingestor(session)
    existing = find_document_id(session, article.content_hash)
    if existing is None:
        session.rollback()  # end the read; no connection is held while the child extracts
        with extraction_slots:  # uploads extract one after another; reads keep the other cores
            items = _extract(article, keywords=ingestor.keywords, timeout_s=timeout_s, cancelled=cancelled)

        def before_commit(document_id: int) -> None:
            if cancelled.is_set():
                raise ClientGoneError
            audit.record(session, action="document.create", key_name=key_name, document_id=document_id, client=client)

        existing = ingestor.ingest(article, items, before_commit=before_commit).document_id
        created = True
    else:
        created = False
    document = get_document(session=session, document_id=existing)
    if document is None:  # pragma: no cover - the pipeline has just committed it
        raise LookupError(f"document {existing} vanished after ingestion")
    return document, created


def delete_document(*, session: Session, document_id: int, key_name: str | None, client: str | None) -> bool:
    """Remove a document, its statements and their links, and the speakers left with no statement.

    Speakers quoted in other documents stay. The link rows are deleted explicitly (not left to
    the cascade) so that the triggers keeping the search index and the pair counts run on every
    dialect. Commits; returns False when there is no such document.
    """
    if session.get(Document, document_id) is None:
        return False
    of_document = select(Statement.id).where(Statement.document_id == document_id)
    speaker_ids = list(
        session.scalars(select(Statement.speaker_id).where(Statement.document_id == document_id).distinct())
    )
    for link in (StatementPair, StatementTopic, StatementCountry):
        session.execute(delete(link).where(link.statement_id.in_(of_document)))
    session.execute(delete(Statement).where(Statement.document_id == document_id))
    session.execute(delete(Document).where(Document.id == document_id))
    if speaker_ids:
        unused = select(Speaker.id).where(
            Speaker.id.in_(speaker_ids), ~exists().where(Statement.speaker_id == Speaker.id)
        )
        orphans = list(session.scalars(unused))
        if orphans:
            session.execute(delete(SpeakerAlias).where(SpeakerAlias.speaker_id.in_(orphans)))
            session.execute(delete(Speaker).where(Speaker.id.in_(orphans)))
    audit.record(session, action="document.delete", key_name=key_name, document_id=document_id, client=client)
    session.commit()
    return True
