"""Extraction and ingestion speed, and the run's peak memory.

    python -m tests.benchmarks.bench_ingest [--corpus DIR] [--articles 2000]

The corpus is repeated until there are ``--articles`` articles; each copy gets its own headline so
that every one is really stored (identical content would be skipped as already ingested).
Prints articles per second for extraction alone (one core) and for end-to-end ingestion into a
fresh SQLite database, and the peak resident memory of the whole run. Each measurement is repeated
(``--repeat``, a fresh database each time) and reported as the best and the median run: on a
shared machine the best run shows what the code costs, the median what to expect.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from app import migrate
from app.db import make_engine, session_factory
from app.ingest.extract import Taxonomy, extract
from app.ingest.parallel import default_workers
from app.ingest.pipeline import ingest_paths, stored_taxonomy
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


def measure_extraction(articles: list[Article], taxonomy: Taxonomy) -> tuple[float, int]:
    started = time.perf_counter()
    statements = sum(len(extract(article, taxonomy)) for article in articles)
    return len(articles) / (time.perf_counter() - started), statements


def write_feed(articles: list[Article], path: Path) -> Path:
    """The articles as a JSON Lines file, so ingestion runs end to end: read, extract, store."""
    with path.open("w", encoding="utf-8") as feed:
        for a in articles:
            record = {"title": a.title, "published": a.published.isoformat(), "body": a.body}
            feed.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def measure_ingestion(feed: Path, folder: str, run: int, workers: int) -> float:
    url = f"sqlite:///{folder}/bench-{workers}-{run}.db"
    migrate.upgrade(url)
    engine = make_engine(url)
    try:
        started = time.perf_counter()
        summary = ingest_paths(engine, [feed], workers=workers)
        elapsed = time.perf_counter() - started
        if summary.failures:
            sys.exit(f"ingestion failed: {summary.failures[0]}")
        return summary.count("ingested") / elapsed
    finally:
        engine.dispose()


def report(label: str, rates: list[float], target: str) -> None:
    print(f"{label:24} best {max(rates):7.1f}  median {statistics.median(rates):7.1f} articles/s  ({target})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of articles to repeat")
    parser.add_argument("--articles", type=int, default=2000, help="how many articles to process")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement")
    args = parser.parse_args()
    articles = load_corpus(args.corpus, args.articles)

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/taxonomy.db"
        migrate.upgrade(url)
        engine = make_engine(url)
        with session_factory(engine)() as session:
            taxonomy = stored_taxonomy(session)
        engine.dispose()

        extract(articles[0], taxonomy)  # warm the gazetteer and the segmenter
        extraction = [measure_extraction(articles, taxonomy) for _ in range(args.repeat)]
        feed = write_feed(articles, Path(tmp) / "feed.jsonl")
        workers = default_workers()
        serial = [measure_ingestion(feed, tmp, run, 0) for run in range(args.repeat)]
        parallel = [measure_ingestion(feed, tmp, run, workers) for run in range(args.repeat)] if workers else []

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"articles                 {len(articles)} ({extraction[0][1]} statements), {args.repeat} runs each")
    report("extraction only", [rate for rate, _ in extraction], "target >= 300, one core")
    report("ingestion, one process", serial, "read, extract and store into SQLite")
    if parallel:
        report(f"ingestion, {workers} extractor(s)", parallel, "target >= 150; what dyad ingest does")
    print(f"peak memory (whole run)  {peak_mb:7.1f} MB, largest extraction worker {worker_mb:.1f} MB (target <= 300)")


if __name__ == "__main__":
    main()
