"""The API under load: 10, 200 and 1,000 concurrent connections, on SQLite and PostgreSQL.

    python -m tests.benchmarks.bench_load [--statements 1000000] [--backend sqlite|postgresql|both]
        [--connections 10,200,1000] [--duration 30] [--workers W] [--timeout 15]
        [--db-dir DIR] [--pg-url URL] [--reuse] [--source TREE]

The databases are filled as for ``bench_api`` (``dyad synth``; ``--reuse`` keeps them, in a SQLite
file ``dyad-load-<statements>-seed<seed>.db`` and a PostgreSQL schema ``dyad_load_<statements>_<seed>``).
``dyad serve`` is started on each and every connection count is one pass of ``--duration``
seconds, all connections requesting at once a rotation of ordinary reads (filtered lists, one
statement, speaker search, full-text search, relations). ``--source`` serves the code of another
source tree (a checkout of an earlier commit), to measure before and after a change on the same
databases; the databases are then neither migrated nor filled by it.

Each pass prints requests per second, p50 and p99 of the successful answers and of every answer
(a fast 503 is an answer), the count of each status and failure (a request unanswered after
``--timeout`` seconds counts as ``TimeoutError``), the server's RSS before and after, and how
``/healthz`` answered during the pass and in the five seconds after it (probed every half
second on a new connection). Connections answered 503 or 429 wait as ``Retry-After`` says
before asking again, as a crowd of browsers and well-behaved clients would; ``--impatient``
asks again at once, as an attacker would. Rate limits are lifted for the run (``DYAD_RATE_LIMIT_READS=``),
as they would answer 429 to a single client long before the server is full.

Targets (issue "Ready for the open internet"): every request answered or refused fast with 503,
never a 500 and never a hang; throughput at 200 connections at least 80 % of that at 10;
``/healthz`` within 1 s during and right after the load.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from app.db import make_engine
from tests.benchmarks.api_scenarios import OpenApi, dyad_plan, pick_parameters
from tests.benchmarks.bench_api import (
    DEFAULT_PG_URL,
    Database,
    fetch_json,
    free_port,
    postgresql_database,
    server_stack,
    sqlite_database,
)
from tests.benchmarks.httpload import Connection, PassResult, percentile, run_pass
from tests.benchmarks.serverproc import Server, ServerError

MB = 1024 * 1024
LOAD_GROUPS = ("list", "get", "speakers", "search", "relations")
HEALTH_INTERVAL = 0.5
HEALTH_TIMEOUT = 5.0
AFTER_LOAD = 5.0
TARGET_HEALTH_S = 1.0
TARGET_RATIO = 0.8


@dataclass
class HealthProbe:
    """``/healthz`` latencies (``nan`` for a failure or a non-200) during and after a pass."""

    during: list[float] = field(default_factory=list)
    after: list[float] = field(default_factory=list)

    @staticmethod
    def worst(values: list[float]) -> str:
        if not values:
            return "-"
        failed = sum(1 for v in values if math.isnan(v))
        slowest = max((v for v in values if not math.isnan(v)), default=math.nan)
        shown = f"max {slowest * 1000:.0f} ms" if not math.isnan(slowest) else "no answer"
        return f"{shown}" + (f", {failed}/{len(values)} failed" if failed else "")

    def ok(self) -> bool:
        values = self.during + self.after
        return bool(values) and all(not math.isnan(v) and v <= TARGET_HEALTH_S for v in values)


async def _probe_once(port: int) -> float:
    connection = Connection("127.0.0.1", port)
    began = time.perf_counter()
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT):
            response = await connection.get("/healthz")
        return time.perf_counter() - began if response.status == 200 else math.nan
    except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError, Exception):
        return math.nan
    finally:
        await connection.close()


async def _load_with_probe(
    port: int, targets: list[str], *, connections: int, duration: float, timeout: float, polite: bool
) -> tuple[PassResult, HealthProbe]:
    probe = HealthProbe()
    done = asyncio.Event()

    async def watch() -> None:
        while not done.is_set():
            probe.during.append(await _probe_once(port))
            await asyncio.sleep(HEALTH_INTERVAL)
        ends = time.perf_counter() + AFTER_LOAD
        while time.perf_counter() < ends:
            probe.after.append(await _probe_once(port))
            await asyncio.sleep(HEALTH_INTERVAL)

    watcher = asyncio.create_task(watch())
    try:
        result = await run_pass(
            "127.0.0.1",
            port,
            targets,
            concurrency=connections,
            duration=duration,
            timeout=timeout,
            honor_retry_after=polite,
        )
    finally:
        done.set()
    await watcher
    return result, probe


@dataclass
class Measured:
    connections: int
    result: PassResult
    health: HealthProbe
    rss_before: int
    rss_after: int


def _ms(values: list[float], fraction: float) -> str:
    value = percentile(sorted(values), fraction)
    return "-" if math.isnan(value) else f"{value * 1000:.0f}"


HEADER = (
    f"{'conns':>5} {'requests':>8} {'req/s':>7} {'2xx p50':>8} {'2xx p99':>8} {'all p50':>8} {'all p99':>8} "
    f"{'RSS MB before/after':>20}  healthz during | after  statuses"
)


def line(m: Measured) -> str:
    r = m.result
    statuses = " ".join(f"{s}x{n}" for s, n in sorted(r.statuses.items()))
    good = sum(n for s, n in r.statuses.items() if s.startswith("2"))
    rss = f"{m.rss_before / MB:.0f}/{m.rss_after / MB:.0f}"
    return (
        f"{m.connections:5} {r.requests:8} {good / r.elapsed:7.1f} {_ms(r.latencies, 0.5):>8} "
        f"{_ms(r.latencies, 0.99):>8} {_ms(r.answered, 0.5):>8} {_ms(r.answered, 0.99):>8} {rss:>20}  "
        f"{HealthProbe.worst(m.health.during)} | {HealthProbe.worst(m.health.after)}  {statuses}"
    )


def load_targets(server: Server, db: Database, seed: int) -> list[str]:
    """Ordinary reads, interleaved, from the scenarios of ``bench_api`` (no aggregates, no exports)."""
    engine = make_engine(db.url)
    try:
        params = pick_parameters(engine, seed=seed)
    finally:
        engine.dispose()
    scenarios, _exports, _notes = dyad_plan(OpenApi(fetch_json(server.base + "/openapi.json")), params)
    lists = [s.targets for s in scenarios if s.group in LOAD_GROUPS]
    longest = max(len(t) for t in lists)
    return [t[i] for i in range(longest) for t in lists if i < len(t)]


def serve(db: Database, args: argparse.Namespace, logs: Path) -> Server:
    port = free_port()
    env = {
        **os.environ,
        "DYAD_DATABASE_URL": db.url,
        "DYAD_LOG_LEVEL": "warning",
        "DYAD_RATE_LIMIT_READS": "",
        "PYTHONPATH": str(args.source),
    }
    # -P: the working directory is not put on the path, so PYTHONPATH alone says whose code runs
    command = [sys.executable, "-P", "-c", "from app.cli import main; main()", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(args.workers)]
    server = Server(command, port=port, env=env, log=logs / f"load-{db.backend}.log", name="dyad serve")
    server.start(health="/healthz")
    return server


def run_backend(db: Database, args: argparse.Namespace, logs: Path) -> list[Measured]:
    server = serve(db, args, logs)
    measured: list[Measured] = []
    try:
        targets = load_targets(server, db, args.seed)
        print(f"{len(targets)} distinct requests in rotation; {args.duration:g} s per pass")
        print(HEADER)
        for connections in args.connections:
            assert server.memory is not None
            rss_before = server.memory.now()
            result, health = asyncio.run(
                _load_with_probe(
                    server.port,
                    targets,
                    connections=connections,
                    duration=args.duration,
                    timeout=args.timeout,
                    polite=not args.impatient,
                )
            )
            m = Measured(connections, result, health, rss_before, server.memory.now())
            measured.append(m)
            print(line(m), flush=True)
    finally:
        server.stop()
    return measured


def verdicts(measured: list[Measured]) -> list[str]:
    out = []
    by = {m.connections: m for m in measured}
    for m in measured:
        bad = {s: n for s, n in m.result.statuses.items() if (s.startswith("5") and s != "503") or not s.isdigit()}
        out.append(f"  {m.connections:5} connections: no 500 and no hang: {'ok' if not bad else f'FAILED {bad}'}")
        out.append(
            f"  {m.connections:5} connections: /healthz <= {TARGET_HEALTH_S:g} s: {'ok' if m.health.ok() else 'FAILED'}"
        )
    if 10 in by and 200 in by:

        def good(m: Measured) -> float:
            return sum(n for s, n in m.result.statuses.items() if s.startswith("2")) / m.result.elapsed

        ratio = good(by[200]) / good(by[10]) if good(by[10]) else math.nan
        verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
        out.append(f"  throughput at 200 / at 10 connections: {ratio:.2f} (target >= {TARGET_RATIO}) {verdict}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--db-dir", type=Path, default=Path(tempfile.gettempdir()) / "dyad-load")
    parser.add_argument("--reuse", action="store_true", help="keep the filled databases and reuse them")
    parser.add_argument("--connections", type=lambda v: [int(x) for x in v.split(",")], default=[10, 200, 1000])
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds after which a request counts as hung")
    parser.add_argument("--workers", type=int, default=1, help="worker processes of dyad serve")
    parser.add_argument(
        "--impatient",
        action="store_true",
        help="ask again at once after a 503 or 429 (a hostile client) instead of waiting Retry-After",
    )
    parser.add_argument(
        "--source", type=Path, default=Path(__file__).resolve().parents[2], help="source tree whose code is served"
    )
    args = parser.parse_args()
    args.db_dir.mkdir(parents=True, exist_ok=True)
    foreign = args.source.resolve() != Path(__file__).resolve().parents[2]
    print(f"{os.cpu_count()} cores; {server_stack()}; dyad serve --workers {args.workers} from {args.source}")
    results: dict[str, list[Measured]] = {}
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    try:
        for backend in backends:
            print(f"\n=== {backend} ===")
            if foreign:  # another tree's code: its databases must be ready, this tree's migrations do not apply
                db = _existing(backend, args)
            elif backend == "sqlite":
                db = sqlite_database(
                    args.db_dir, statements=args.statements, seed=args.seed, reuse=args.reuse, prefix="dyad-load"
                )
            else:
                db = postgresql_database(
                    args.pg_url, statements=args.statements, seed=args.seed, reuse=args.reuse, prefix="dyad-load"
                )
            results[backend] = run_backend(db, args, args.db_dir)
    except ServerError as exc:
        sys.exit(str(exc))
    print("\n=== summary ===")
    for backend, measured in results.items():
        print(backend)
        print("\n".join(verdicts(measured)))
    print(json.dumps({b: [_summary(m) for m in ms] for b, ms in results.items()}))


def _existing(backend: str, args: argparse.Namespace) -> Database:
    if backend == "sqlite":
        path = args.db_dir / f"dyad-load-{args.statements}-seed{args.seed}.db"
        return Database("sqlite", f"sqlite:///{path}", sqlite_path=path)
    from app.config import Settings
    from tests.benchmarks.bench_api import with_search_path

    schema = f"dyad_load_{args.statements}_{args.seed}"
    return Database(
        "postgresql", with_search_path(Settings(database_url=args.pg_url).database_url, schema), schema=schema
    )


def _summary(m: Measured) -> dict[str, object]:
    r = m.result
    return {
        "connections": m.connections,
        "requests": r.requests,
        "ok_per_s": round(sum(n for s, n in r.statuses.items() if s.startswith("2")) / r.elapsed, 1),
        "p50_ms": _ms(r.latencies, 0.5),
        "p99_ms": _ms(r.latencies, 0.99),
        "statuses": dict(r.statuses),
        "rss_mb": [round(m.rss_before / MB), round(m.rss_after / MB)],
        "healthz_during": HealthProbe.worst(m.health.during),
        "healthz_after": HealthProbe.worst(m.health.after),
    }


if __name__ == "__main__":
    main()
