"""Extraction and ingestion speed, and the run's peak memory.

    python -m tests.benchmarks.bench_ingest [--corpus DIR] [--articles 2000]

The corpus is repeated until there are ``--articles`` articles; each copy gets its own headline so
that every one is really stored (identical content would be skipped as already ingested).
Prints articles per second for extraction alone (one core) and for end-to-end ingestion into a
fresh SQLite database, and the peak resident memory of the whole run.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import sys
import tempfile
import time
from pathlib import Path

from app import migrate
from app.db import make_engine, session_factory
from app.ingest.extract import extract
from app.ingest.pipeline import Ingestor, load_taxonomy
from app.ingest.read import Article, ArticleError, expand_paths, read_path

DEFAULT_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"


def load_corpus(folder: Path, count: int) -> list[Article]:
    originals = [
        item
        for path in expand_paths([folder])
        if isinstance(path, Path)
        for item in read_path(path)
        if not isinstance(item, ArticleError)
    ]
    if not originals:
        sys.exit(f"no articles under {folder}")
    return [
        dataclasses.replace(originals[i % len(originals)], title=f"{originals[i % len(originals)].title} #{i}")
        for i in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of articles to repeat")
    parser.add_argument("--articles", type=int, default=2000, help="how many articles to process")
    args = parser.parse_args()
    articles = load_corpus(args.corpus, args.articles)

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        migrate.upgrade(url)
        engine = make_engine(url)
        with session_factory(engine)() as session:
            taxonomy = load_taxonomy(session)

        extract(articles[0], taxonomy)  # warm the gazetteer and the segmenter
        started = time.perf_counter()
        statements = sum(len(extract(article, taxonomy)) for article in articles)
        extraction = time.perf_counter() - started

        started = time.perf_counter()
        with session_factory(engine)() as session:
            ingestor = Ingestor(session)
            stored = sum(1 for article in articles if ingestor.ingest(article).created)
        ingestion = time.perf_counter() - started
        engine.dispose()

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles                 {len(articles)} ({statements} statements)")
    print(f"extraction only          {len(articles) / extraction:8.1f} articles/s (target >= 300)")
    print(f"ingestion into SQLite    {stored / ingestion:8.1f} articles/s (target >= 150)")
    print(f"peak memory (whole run)  {peak_mb:8.1f} MB (target <= 300)")


if __name__ == "__main__":
    main()
