"""One article, one transaction: read -> extract -> store, idempotent by content hash."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import session_factory
from app.ingest.extract import EXTRACTOR_VERSION, ExtractedStatement, extract
from app.ingest.extract.topics import Taxonomy
from app.ingest.parallel import Extraction, extract_ahead
from app.ingest.read import Article, ArticleError, expand_paths, read_path
from app.ingest.store import Catalog, SpeakerResolver, add_document, find_document_id, replace_statements
from app.models import Document, Topic

Status = Literal["ingested", "unchanged", "failed"]


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    origin: str
    document_id: int | None = None
    statements: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Stored:
    document_id: int
    created: bool
    statements: int = 0


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


def load_keywords(session: Session) -> dict[str, list[str]]:
    """The stored taxonomy: each topic's keywords, in the taxonomy's order."""
    rows = session.execute(select(Topic.slug, Topic.keywords).order_by(Topic.id)).all()
    return {slug: list(keywords) for slug, keywords in rows}


def load_taxonomy(session: Session) -> Taxonomy:
    return Taxonomy.from_keywords(load_keywords(session))


class Ingestor:
    """Stores articles through one session, committing once per article."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.keywords = load_keywords(session)
        self.taxonomy = Taxonomy.from_keywords(self.keywords)
        self.catalog = Catalog.load(session)
        self.speakers = SpeakerResolver(session)

    def ingest(
        self,
        article: Article,
        extracted: list[ExtractedStatement] | None = None,
        *,
        before_commit: Callable[[int], None] | None = None,
    ) -> Stored:
        """Store ``article`` unless the same content is stored already (extracting it unless given).

        ``before_commit`` is called with the new document's id inside the transaction: it may add
        rows of its own (an audit entry) or raise to store nothing.
        """
        existing = find_document_id(self.session, article.content_hash)
        if existing is not None:
            return Stored(existing, created=False)
        items = extracted if extracted is not None else extract(article, self.taxonomy)
        try:
            document_id = add_document(
                self.session,
                article=article,
                items=items,
                speakers=self.speakers,
                catalog=self.catalog,
                version=EXTRACTOR_VERSION,
            )
            if before_commit is not None:
                before_commit(document_id)
            self.session.commit()
        except IntegrityError:
            # Another writer stored the same content first: theirs is the document.
            self.rollback()
            existing = find_document_id(self.session, article.content_hash)
            if existing is None:
                raise
            return Stored(existing, created=False)
        except BaseException:
            self.rollback()
            raise
        return Stored(document_id, created=True, statements=len(items))

    def reextract(self, document: Document) -> tuple[int, int, int]:
        """Run the current extractor over a stored document; returns (kept, added, removed)."""
        article = Article(
            title=document.title,
            published=document.published_date,
            body=document.body,
            source_url=document.source_url,
            origin=f"document {document.id}",
        )
        try:
            counts = replace_statements(
                self.session,
                document=document,
                items=extract(article, self.taxonomy),
                speakers=self.speakers,
                catalog=self.catalog,
                version=EXTRACTOR_VERSION,
            )
            self.session.commit()
        except BaseException:
            self.rollback()
            raise
        return counts

    def rollback(self) -> None:
        self.session.rollback()
        self.speakers.forget()

    def ingest_outcome(self, item: Article | ArticleError, extracted: Extraction | None = None) -> Outcome:
        """Ingest one read result, turning every failure into an :class:`Outcome` that says why."""
        if isinstance(item, ArticleError):
            return Outcome("failed", item.origin, error=item.reason)
        try:
            if isinstance(extracted, Exception):
                raise extracted
            stored = self.ingest(item, extracted)
        except Exception as exc:  # one bad article must not stop the others
            return Outcome("failed", item.origin, error=f"{type(exc).__name__}: {exc}")
        status: Status = "ingested" if stored.created else "unchanged"
        return Outcome(status, item.origin, stored.document_id, stored.statements)


def _read_all(paths: Iterable[Path]) -> Iterator[Article | ArticleError | Path]:
    """Every read result under ``paths``; a file's ``Path`` follows its last article."""
    for path in expand_paths(paths):
        if isinstance(path, ArticleError):
            yield path
            continue
        yield from read_path(path)
        yield path


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path],
    *,
    workers: int = 0,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> Summary:
    """Ingest every article under ``paths``; failures are collected, never raised.

    With ``workers`` > 0, articles are extracted in that many processes while this one stores.
    """
    summary = Summary()
    with session_factory(engine)() as session:
        ingestor = Ingestor(session)

        def new_article(item: Article | ArticleError | Path) -> Article | None:
            if isinstance(item, Article) and find_document_id(session, item.content_hash) is None:
                return item
            return None

        stream = extract_ahead(_read_all(paths), keywords=ingestor.keywords, workers=workers, wanted=new_article)
        for item, extracted in stream:
            if isinstance(item, Path):
                if on_file is not None:
                    on_file(item)
                continue
            outcome = ingestor.ingest_outcome(item, extracted)
            summary.outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return summary


@dataclass
class ReextractTotals:
    documents: int = 0
    kept: int = 0
    added: int = 0
    removed: int = 0
    failed: int = 0


def reextract_documents(engine: Engine, *, document_ids: Iterable[int] | None = None) -> ReextractTotals:
    """Re-run extraction over stored documents, one transaction each; failures are counted."""
    totals = ReextractTotals()
    with session_factory(engine)() as session:
        query = select(Document.id).order_by(Document.id)
        if document_ids is not None:
            query = query.where(Document.id.in_(list(document_ids)))
        ids = list(session.scalars(query).all())
        ingestor = Ingestor(session)
        for document_id in ids:
            totals.documents += 1
            try:
                kept, added, removed = ingestor.reextract(session.get_one(Document, document_id))
            except Exception:
                totals.failed += 1
                continue
            totals.kept += kept
            totals.added += added
            totals.removed += removed
    return totals
