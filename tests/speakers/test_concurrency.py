"""Concurrent writers on PostgreSQL: one speaker row per person, and deadlocks retried, not failed."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.db import session_factory
from app.ingest.extract.model import ExtractedStatement, SpeakerInfo
from app.ingest.pipeline import Ingestor, reextract_documents
from app.ingest.read import Article
from app.models import Document, Speaker, SpeakerAlias, Statement

THREADS = 50


@pytest.fixture
def postgresql(engine: Engine) -> Engine:
    if engine.dialect.name != "postgresql":
        pytest.skip("one writer at a time on SQLite: concurrency is PostgreSQL's case")
    return engine


def run_together(count: int, work: Callable[[int], object]) -> list[object]:
    """``work(i)`` in ``count`` threads released at once; their results (or exceptions) in order."""
    start = threading.Barrier(count)

    def one(i: int) -> object:
        start.wait()
        try:
            return work(i)
        except Exception as exc:  # collected, so that the test reports every failure
            return exc

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(one, range(count)))


def quoting(i: int) -> tuple[Article, list[ExtractedStatement]]:
    body = f"Beijing will keep its promise number {i}, Zhou said."
    item = ExtractedStatement(
        speaker=SpeakerInfo("Zhou Minghua", title="Chinese President", aliases=("Zhou",)),
        start=0,
        end=body.index(", Zhou"),
        kind="indirect",
        cue="said",
        date=None,
        countries=("CN",),
    )
    return Article(title=f"Promise {i}", published=dt.date(2024, 2, 1 + i % 28), body=body), [item]


def test_fifty_concurrent_uploads_quoting_one_person_make_one_speaker(postgresql: Engine, session: Session) -> None:
    def ingest(i: int) -> bool:
        article, items = quoting(i)
        with session_factory(postgresql)() as own:
            return Ingestor(own).ingest(article, items).created

    results = run_together(THREADS, ingest)

    assert results == [True] * THREADS
    assert session.scalars(select(Speaker.name)).all() == ["Zhou Minghua"]
    assert session.scalar(select(func.count()).select_from(Statement)) == THREADS
    assert sorted(session.scalars(select(SpeakerAlias.alias))) == ["Zhou", "Zhou Minghua"]
    speaker = session.scalars(select(Speaker)).one()
    assert (speaker.country_code, speaker.office) == ("CN", "President")


def test_concurrent_reextractions_sharing_speakers_all_succeed(postgresql: Engine, session: Session) -> None:
    kiprono = "Kenyan President Samuel Kiprono said the railway would open in {n}."
    okello = "Ugandan President Joseph Okello said the border would stay open in {n}."
    ingestor = Ingestor(session)
    for n in range(12):
        first, second = (kiprono, okello) if n % 2 else (okello, kiprono)
        body = f"{first.format(n=2030 + n)}\n\n{second.format(n=2040 + n)}"
        ingestor.ingest(Article(title=f"Talks {n}", published=dt.date(2024, 3, 1 + n), body=body))
    ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    session.execute(Document.__table__.update().values(extractor_version="0"))
    session.commit()

    results = run_together(len(ids), lambda i: reextract_documents(postgresql, document_ids=[ids[i]]))

    assert [getattr(r, "failed", r) for r in results] == [0] * len(ids)
    assert sorted(session.scalars(select(Speaker.name))) == ["Joseph Okello", "Samuel Kiprono"]
