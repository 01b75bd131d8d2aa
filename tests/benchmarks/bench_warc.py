"""Web archive ingestion: pages per second and memory, from a generated WARC.

    python -m tests.benchmarks.bench_warc [--pages 10000] [--workers N]

Writes a gzipped WARC of ``--pages`` generated English article pages (each a different story of
invented sentences, with navigation and a footer around it, plus one request record per page as
crawls have), then runs ``dyad ingest``'s pipeline over it into a fresh SQLite database: read,
extract in worker processes, group and store. Prints pages per second, and the resident memory
of the writing process sampled after each tenth of the pages, so flat memory shows as a flat row.
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from app import migrate
from app.db import make_engine
from app.ingest.parallel import default_workers
from app.ingest.pipeline import Outcome, ingest_paths
from tests.web import page

PEOPLE = [("Valdorian", "Foreign Minister", "Amelia Tarkos"), ("Estmark", "President", "Joren Velt")]
PEOPLE += [("Kenyan", "President", "Samuel Kiprono"), ("Norwegian", "Prime Minister", "Sindre Aas Moen")]
TOPICS = ["trade", "the port", "fisheries", "energy prices", "the border", "rail links", "tariffs", "security"]
VERBS = ["said", "told reporters", "stressed", "noted"]
FILLER = [
    "Officials from both ministries met for two days behind closed doors.",
    "The talks followed months of preparation by negotiators in both capitals.",
    "Business groups welcomed the announcement but asked for details on financing.",
    "Opposition lawmakers said they would examine the agreement when it reaches parliament.",
    "The meeting was the first at this level since the election last year.",
]


def story(rng: random.Random, n: int) -> list[str]:
    paragraphs = []
    for i in range(6):
        nationality, title, name = rng.choice(PEOPLE)
        topic = rng.choice(TOPICS)
        paragraphs.append(
            f"{nationality} {title} {name} {rng.choice(VERBS)} on day {n} that cooperation on {topic} "
            f"would grow by {rng.randint(2, 90)} percent in {2024 + i % 3}, item {n}-{i}."
        )
        paragraphs.append(" ".join(rng.sample(FILLER, 2)) + f" Reference {n * 7 + i}.")
    return paragraphs


def write_warc(path: Path, pages: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(pages):
            url = f"https://news{n % 50}.example/world/{n}"
            body = page(f"Talks on day {n}", story(rng, n), published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}")
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            )
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "crawl.warc.gz"
        started = time.perf_counter()
        write_warc(archive, args.pages)
        print(
            f"warc            {args.pages} pages, {archive.stat().st_size / 1e6:.1f} MB gzipped, "
            f"written in {time.perf_counter() - started:.1f} s"
        )
        url = f"sqlite:///{tmp}/bench.db"
        migrate.upgrade(url)
        engine = make_engine(url)
        samples: list[float] = []
        done = 0

        def sample(_outcome: Outcome) -> None:
            nonlocal done
            done += 1
            if done % max(1, args.pages // 10) == 0:
                samples.append(rss_mb())

        started = time.perf_counter()
        summary = ingest_paths(engine, [archive], workers=args.workers, on_outcome=sample)
        elapsed = time.perf_counter() - started
        engine.dispose()
    if summary.failures:
        sys.exit(f"failed: {summary.failures[0]}")
    print(f"ingested        {summary.line()}")
    print(
        f"throughput      {summary.count('ingested') / elapsed:.1f} pages/s "
        f"({elapsed:.1f} s, {args.workers} extractor(s))"
    )
    print("memory (MB)     " + " ".join(f"{m:.0f}" for m in samples) + "  (resident, after each tenth of the pages)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory     {peak:.0f} MB writer, largest extraction worker {workers:.0f} MB")


if __name__ == "__main__":
    main()
