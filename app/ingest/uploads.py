"""Ingestion as the API uses it: the one module of ``app.ingest`` that ``app.api`` imports.

An upload is parsed here (``parse_upload``), stored here (``store_upload``) and a stored
document deleted here (``remove_document``); the API adds what is HTTP's (media types, charsets,
problem documents, the audit entry) and owns the transaction. The import contracts in
``pyproject.toml`` hold the API to this module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Literal

from sqlalchemy import delete, exists, select
from sqlalchemy.orm import Session

from app.ingest import links
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
from app.models import Document, Statement
from app.speakers.curation import drop_unquoted

__all__ = [
    "Article",
    "ArticleFormatError",
    "ExtractionCancelledError",
    "ExtractionFailedError",
    "ExtractionTimeoutError",
    "parse_upload",
    "remove_document",
    "store_upload",
]

UploadFormat = Literal["text", "json", "html"]


def parse_upload(fmt: UploadFormat, content: str | bytes, *, origin: str) -> Article:
    """The article of an upload: the article format or a JSON object (text), or a saved web page
    (bytes as sent, as a page declares its own encoding). Raises :class:`ArticleFormatError`."""
    if fmt == "html":
        return parse_html(content if isinstance(content, bytes) else content.encode("utf-8"), origin=origin)
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    return parse_text(text, origin=origin) if fmt == "text" else parse_json(text, origin=origin)


def store_upload(
    session: Session,
    *,
    article: Article,
    timeout_s: float,
    cancelled: threading.Event,
    extraction_slots: threading.Semaphore,
    before_commit: Callable[[int], None],
) -> tuple[int, bool]:
    """Store an uploaded article unless its content is stored already; returns (document id, created).

    Extraction runs in a child process within ``timeout_s`` once one of ``extraction_slots`` is
    free, with no database connection held meanwhile; it raises :class:`ExtractionTimeoutError`,
    :class:`ExtractionCancelledError` (once ``cancelled`` is set) or :class:`ExtractionFailedError`,
    and then nothing is stored. ``before_commit`` runs inside the storing transaction with the new
    document's id (an audit entry; raising stores nothing).
    """
    ingestor = Ingestor(session)
    existing = find_document_id(session, article.content_hash)
    if existing is not None:
        return existing, False
    session.rollback()  # end the read; no connection is held while the child extracts
    with extraction_slots:  # uploads extract one after another; reads keep the other cores
        items = extract_in_child(article, keywords=ingestor.keywords, timeout_s=timeout_s, cancelled=cancelled)
    stored = ingestor.ingest(article, items, before_commit=before_commit)
    return stored.document_id, stored.created


def remove_document(session: Session, *, document_id: int) -> bool:
    """Remove a document, its statements with their links and groups, and the speakers left with no
    statement (speakers quoted elsewhere stay). Flushes; the caller commits. False when there is no
    such document."""
    if session.scalar(select(exists().where(Document.id == document_id))) is not True:
        return False
    statements = session.execute(
        select(Statement.id, Statement.speaker_id).where(Statement.document_id == document_id)
    ).all()
    links.delete_statements(session, [statement_id for statement_id, _speaker in statements])
    session.execute(delete(Document).where(Document.id == document_id))
    drop_unquoted(session, {speaker_id for _statement, speaker_id in statements})
    return True
