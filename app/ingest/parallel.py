"""Extraction in worker processes while one writer stores the results, in the input's order.

Extraction is pure and CPU-bound; storing is a single writer's job. With more than one core,
the workers extract ahead of the writer, so bulk ingestion is bounded by the slower of the two
rather than by their sum. Workers are forked after the parent has built its lookup tables
(countries, sentence segmenter), so they start warm.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

from app.ingest.extract import ExtractedStatement, Taxonomy, extract
from app.ingest.read import Article

T = TypeVar("T")
Extraction = list[ExtractedStatement] | Exception

_taxonomy: Taxonomy | None = None


def _start_worker(keywords: dict[str, list[str]]) -> None:
    global _taxonomy
    _taxonomy = Taxonomy.from_keywords(keywords)


def _extract(article: Article) -> Extraction:
    assert _taxonomy is not None
    try:
        return extract(article, _taxonomy)
    except Exception as exc:  # reported as this article's failure, never the batch's
        return exc


def default_workers() -> int:
    """One extraction process per core beyond the writer's (none on a single core)."""
    return max(0, (os.cpu_count() or 1) - 1)


def extract_ahead(
    items: Iterable[T],
    *,
    keywords: dict[str, list[str]],
    workers: int,
    wanted: Callable[[T], Article | None],
    window: int = 64,
) -> Iterator[tuple[T, Extraction | None]]:
    """Each item with the extraction of its article (None when ``wanted`` gives no article).

    Up to ``window`` articles are extracted ahead of the consumer; results come back in order.
    """
    if workers < 1:
        for item in items:
            yield item, None
        return
    _warm(keywords)
    context = multiprocessing.get_context("fork")
    pending: deque[tuple[T, Future[Extraction] | None]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(keywords,)) as pool:
        for item in items:
            article = wanted(item)
            pending.append((item, pool.submit(_extract, article) if article is not None else None))
            while len(pending) > window or (pending and _ready(pending[0][1])):
                yield _take(pending)
        while pending:
            yield _take(pending)


def _warm(keywords: dict[str, list[str]]) -> None:
    """Build the lookup tables once here, so forked workers inherit them."""
    sample = Article(
        title="", published=dt.date(2000, 1, 1), body="Trade will grow, Kenyan President William Ruto said."
    )
    extract(sample, Taxonomy.from_keywords(keywords))


def _ready(future: Future[Extraction] | None) -> bool:
    return future is None or future.done()


def _take(pending: deque[tuple[T, Future[Extraction] | None]]) -> tuple[T, Extraction | None]:
    item, future = pending.popleft()
    return item, (future.result() if future is not None else None)
