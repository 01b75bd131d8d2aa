"""One article, one transaction: read -> extract -> store, idempotent by content hash."""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import session_factory
from app.ingest.extract import EXTRACTOR_VERSION, ExtractedStatement, extract
from app.ingest.extract.topics import Taxonomy
from app.ingest.fetch import Fetcher, FetchError, is_url
from app.ingest.pages import is_html_type, read_page
from app.ingest.parallel import Extraction, extract_ahead
from app.ingest.read import Article, ArticleError, expand_paths, read_path
from app.ingest.store import Catalog, add_document, find_document_id, replace_statements
from app.models import Document, Topic
from app.speakers.resolve import SpeakerResolver

Status = Literal["ingested", "unchanged", "skipped", "failed"]
T = TypeVar("T")
# SQLSTATEs of a transaction PostgreSQL rolled back only because of others: a deadlock, a
# serialisation failure. The article is tried again, up to TRANSIENT_RETRIES times in all.
TRANSIENT = frozenset({"40P01", "40001"})
TRANSIENT_RETRIES = 5


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    origin: str
    document_id: int | None = None
    statements: int = 0
    error: str | None = None
    skip: str | None = None  # with "skipped": the short reason it is counted under


@dataclass(frozen=True, slots=True)
class Ingested:
    document_id: int
    created: bool
    statements: int = 0


@dataclass
class Summary:
    """Counts of a run, and its failures; not every outcome, so that a crawl of millions of pages
    is summed in constant memory."""

    counts: Counter[Status] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    statements: int = 0
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.statements += outcome.statements
        if outcome.status == "failed":
            self.failures.append(outcome)
        elif outcome.status == "skipped":
            self.skipped[outcome.skip or "other"] += 1

    def count(self, status: Status) -> int:
        return self.counts[status]

    def line(self) -> str:
        """The run in one line: what was stored, left as it was, skipped (by reason) and failed."""
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(self.skipped.items(), key=lambda p: (-p[1], p[0])))
        return (
            f"ingested {self.count('ingested')} ({self.statements} statements), "
            f"unchanged {self.count('unchanged')}, skipped {self.count('skipped')}"
            + (f" ({reasons})" if reasons else "")
            + f", failed {self.count('failed')}"
        )


def load_keywords(session: Session) -> dict[str, list[str]]:
    """The stored taxonomy: each topic's keywords, in the taxonomy's order."""
    rows = session.execute(select(Topic.slug, Topic.keywords).order_by(Topic.id)).all()
    return {slug: list(keywords) for slug, keywords in rows}


def stored_taxonomy(session: Session) -> Taxonomy:
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
    ) -> Ingested:
        """Store ``article`` unless the same content is stored already (extracting it unless given).

        ``before_commit`` is called with the new document's id inside the transaction: it may add
        rows of its own (an audit entry) or raise to store nothing.
        """
        existing = find_document_id(self.session, article.content_hash)
        if existing is not None:
            return Ingested(existing, created=False)
        items = extracted if extracted is not None else extract(article, self.taxonomy)

        def store() -> int:
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
            return document_id

        try:
            document_id = self._retrying(store)
        except IntegrityError:
            # Another writer stored the same content first: theirs is the document.
            self.rollback()
            existing = find_document_id(self.session, article.content_hash)
            if existing is None:
                raise
            return Ingested(existing, created=False)
        except BaseException:
            self.rollback()
            raise
        return Ingested(document_id, created=True, statements=len(items))

    def reextract(self, document: Document) -> tuple[int, int, int]:
        """Run the current extractor over a stored document; returns (kept, added, removed)."""
        article = Article(
            title=document.title,
            published=document.published_date,
            body=document.body,
            source_url=document.source_url,
            origin=f"document {document.id}",
        )
        items = extract(article, self.taxonomy)
        document_id = document.id
        try:
            return self._retrying(
                lambda: replace_statements(
                    self.session,
                    document=self.session.get_one(Document, document_id),
                    items=items,
                    speakers=self.speakers,
                    catalog=self.catalog,
                    version=EXTRACTOR_VERSION,
                )
            )
        except BaseException:
            self.rollback()
            raise

    def _retrying(self, work: Callable[[], T]) -> T:
        """``work`` committed; run again from the start when PostgreSQL chose this transaction as a
        deadlock's victim or could not serialise it (concurrent writers sharing speakers or pairs)."""
        for attempt in range(1, TRANSIENT_RETRIES + 1):
            try:
                result = work()
                self.session.commit()
                return result
            except OperationalError as exc:
                self.rollback()
                if attempt == TRANSIENT_RETRIES or getattr(exc.orig, "sqlstate", None) not in TRANSIENT:
                    raise
                time.sleep(random.uniform(0.01, 0.05) * attempt)
        raise AssertionError("unreachable")

    def rollback(self) -> None:
        self.session.rollback()
        self.speakers.forget()

    def ingest_outcome(self, item: Article | ArticleError, extracted: Extraction | None = None) -> Outcome:
        """Ingest one read result, turning every failure into an :class:`Outcome` that says why."""
        if isinstance(item, ArticleError):
            if item.skip is not None:
                return Outcome("skipped", item.origin, error=item.reason, skip=item.skip)
            return Outcome("failed", item.origin, error=item.reason)
        try:
            if isinstance(extracted, Exception):
                raise extracted
            stored = self.ingest(item, extracted)
        except Exception as exc:  # one bad article must not stop the others
            return Outcome("failed", item.origin, error=f"{type(exc).__name__}: {exc}")
        status: Status = "ingested" if stored.created else "unchanged"
        return Outcome(status, item.origin, stored.document_id, stored.statements)


Source = Path | str  # a file or folder, or the URL of a page


def read_url(url: str, fetcher: Fetcher) -> Article | ArticleError:
    """The article of the page at ``url``, or why there is none (named by the URL)."""
    try:
        response = fetcher.get(url, accept="text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
    except FetchError as exc:
        return ArticleError(exc.url, exc.reason)
    if not is_html_type(response.content_type):
        return ArticleError(response.url, f"not a web page: Content-Type {response.content_type!r}")
    return read_page(response.body, origin=response.url, url=response.url)


def _read_all(sources: Iterable[Source], fetcher: Fetcher | None) -> Iterator[Article | ArticleError | Source]:
    """Every read result of ``sources``; each file or URL follows its last article."""
    paths: list[Path] = []
    for source in sources:
        if isinstance(source, str) and is_url(source):
            yield read_url(source, fetcher or Fetcher.from_settings(get_settings()))
            yield source
        else:
            paths.append(Path(source))
    for path in expand_paths(paths):
        if isinstance(path, ArticleError):
            yield path
            continue
        yield from read_path(path)
        yield path


def ingest_paths(
    engine: Engine,
    paths: Iterable[Source],
    *,
    workers: int = 0,
    on_outcome: Callable[[Outcome], None] | None = None,
    on_file: Callable[[Source], None] | None = None,
    fetcher: Fetcher | None = None,
) -> Summary:
    """Ingest every article of ``paths`` (files, folders, page URLs); failures are collected, never raised.

    With ``workers`` > 0, articles are extracted in that many processes while this one stores.
    """
    summary = Summary()
    with session_factory(engine)() as session:
        ingestor = Ingestor(session)

        def new_article(item: Article | ArticleError | Source) -> Article | None:
            if isinstance(item, Article) and find_document_id(session, item.content_hash) is None:
                return item
            return None

        stream = extract_ahead(
            _read_all(paths, fetcher), keywords=ingestor.keywords, workers=workers, wanted=new_article
        )
        for item, extracted in stream:
            if isinstance(item, Path | str):
                if on_file is not None:
                    on_file(item)
                continue
            outcome = ingestor.ingest_outcome(item, extracted)
            summary.add(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return summary


@dataclass
class ReextractTotals:
    documents: int = 0
    kept: int = 0
    added: int = 0
    removed: int = 0
    # (document id, why), for each document left as it was
    failures: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)


def reextract_documents(
    engine: Engine,
    *,
    document_ids: Iterable[int] | None = None,
    on_failure: Callable[[int, str], None] | None = None,
) -> ReextractTotals:
    """Re-run extraction over stored documents, one transaction each. A document that fails is left
    as it was, and its id and the reason are collected (and passed to ``on_failure``); the others go on."""
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
            except Exception as exc:  # one bad document must not stop the others
                reason = f"{type(exc).__name__}: {exc}"
                totals.failures.append((document_id, reason))
                if on_failure is not None:
                    on_failure(document_id, reason)
                continue
            totals.kept += kept
            totals.added += added
            totals.removed += removed
    return totals
