"""The synthetic corpus: reproducible, stored like real articles, shaped like the news."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.models import Document, Statement, StatementCountry, StatementPair
from app.synth import fill, synthetic_articles


def test_same_seed_same_corpus() -> None:
    first = [(a.title, a.body, len(items)) for a, items in synthetic_articles(statements=300, seed=3)]
    again = [(a.title, a.body, len(items)) for a, items in synthetic_articles(statements=300, seed=3)]
    other = [(a.title, a.body, len(items)) for a, items in synthetic_articles(statements=300, seed=4)]
    assert first == again != other
    assert sum(n for _, _, n in first) == 300


def test_spans_point_at_the_statement_text() -> None:
    for article, items in synthetic_articles(statements=200, seed=1):
        for item in items:
            text = article.body[item.start : item.end]
            assert text
            assert not text.startswith((" ", "\u201c"))
            assert not text.endswith((" ", ".", ","))


def test_fill_stores_through_the_ingestion_code(engine: Engine, session: Session) -> None:
    assert fill(engine, statements=2000, seed=5) == 2000
    assert session.scalar(select(func.count()).select_from(Statement)) == 2000
    assert session.scalar(select(func.count()).select_from(Document)) == 100
    speakers = Counter(session.scalars(select(Statement.speaker_id)).all())
    top, *_ = speakers.most_common(1)
    assert top[1] > 10 * (2000 / len(speakers))  # skewed: the busiest speaker far above the mean
    countries = session.scalar(select(func.count(func.distinct(StatementCountry.country_code))))
    assert countries is not None
    assert countries >= 150
    assert session.scalar(select(func.count()).select_from(StatementPair)) > 0
    first, last = session.execute(select(func.min(Statement.date), func.max(Statement.date))).one()
    assert (last - first).days > 15 * 365
