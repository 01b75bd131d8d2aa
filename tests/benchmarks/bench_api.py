"""API speed over HTTP on a large synthetic corpus, on SQLite and PostgreSQL, beside Datasette.

    python -m tests.benchmarks.bench_api --statements 1000000 [--backend sqlite|postgresql|both]
        [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432/test] [--db-dir DIR] [--reuse]
        [--duration SECONDS] [--concurrency N] [--workers W] [--seed S]
        [--no-datasette] [--skip-whole-exports]

For each backend the database is migrated (``dyad db upgrade``), filled with ``dyad synth`` and
analysed, then ``dyad serve`` is started and driven over HTTP. Filling a million statements takes
10 minutes on SQLite and half an hour on PostgreSQL, so ``--reuse`` keeps the filled database (a
SQLite file in ``--db-dir``, default ``$TMPDIR/dyad-bench``; a PostgreSQL schema
``dyad_bench_<statements>_<seed>``) and uses it again on the next run, after migrating it.
Without ``--reuse`` the PostgreSQL schema is dropped at the end, and so is the SQLite file unless
``--db-dir`` was given.

Each scenario is a rotation of requests built from the data (a frequent, a medium and a rare
speaker; busy and quiet country pairs; common and rare words). It runs twice for ``--duration``
seconds: once with one connection, for single-request latency (p50 and p99), and once with
``--concurrency`` connections, for throughput. Exports are downloaded whole and their lines
counted, for rows per second, while the server's memory (the RSS of its process tree, sampled
every 100 ms) is watched. On the SQLite file, Datasette (``pip install -e '.[bench]'``) answers the
equivalent queries in the same run, and the two are printed side by side. A summary closes the
run, against the targets below; endpoints the service does not offer yet are skipped with a note.

Targets (two cores): the filtered list (speaker and three months, 50 rows) at p50 <= 10 ms and at
least Datasette's requests/s; ``q`` search p50 <= 30 ms; facets and timeline over the whole table
p50 <= 500 ms; exports >= 50,000 rows/s in flat memory. Latencies are measured with warm caches
(each request is made once before timing); the client shares the machine with the server.

``dyad serve`` runs one worker unless ``--workers`` says otherwise. With more, the throughput
pass measures how its kept-alive connections happened to fall on the workers: a worker woken by
new connections accepts every one pending, so one pass may give all 8 to one worker and the next
split them 7 to 1 (seen with ``ss -tnp``: 290-340 against 600-1,000 requests/s on the same
SQLite file). One worker beside the one client is the repeatable measure on two cores.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.metadata
import importlib.util
import json
import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from app.config import Settings
from app.db import make_engine
from tests.benchmarks.api_scenarios import (
    FILTERED_LIST,
    Export,
    OpenApi,
    Params,
    Scenario,
    datasette_plan,
    dyad_plan,
    pick_parameters,
)
from tests.benchmarks.httpload import (
    REQUEST_TIMEOUT,
    Connection,
    HttpError,
    PassResult,
    reuse_penalty,
    run_pass,
    stream_lines,
)
from tests.benchmarks.serverproc import Server, ServerError

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BIN = Path(sys.executable).parent
MB = 1024 * 1024
WARMUP_REQUESTS = 20
KEEPALIVE_PENALTY = 0.02  # seconds
FLAT_MEMORY_MB = 50  # an export is "flat" when the server grows by less than this while it runs

TARGET_LIST_P50_MS = 10
TARGET_SEARCH_P50_MS = 30
TARGET_AGGREGATE_P50_MS = 500
TARGET_EXPORT_ROWS_PER_S = 50_000


# --- databases ---------------------------------------------------------------------------------


@dataclass
class Database:
    backend: str
    url: str
    sqlite_path: Path | None = None
    schema: str | None = None
    drop_after: bool = False


def dyad(url: str, *args: str) -> None:
    """Run the ``dyad`` command on ``url``; its progress goes to this terminal."""
    subprocess.run([str(BIN / "dyad"), *args], env={**os.environ, "DYAD_DATABASE_URL": url}, check=True)


def _scalar(engine: Engine, sql: str) -> Any:
    with engine.connect() as db:
        return db.execute(text(sql)).scalar()


def filled_with(url: str) -> int | None:
    """How many statements the database holds (None when it has no statement table)."""
    engine = make_engine(url)
    try:
        return int(_scalar(engine, "SELECT count(*) FROM statement"))
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        value = _scalar(engine, "SELECT version_num FROM alembic_version")
        return None if value is None else str(value)
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def analyze(db: Database) -> None:
    """Give the planner statistics and bring the database to the steady state a live one reaches:
    on PostgreSQL, vacuumed (index-only scans need the visibility map that autovacuum would
    build in its own time); on SQLite, the write-ahead log folded into the file."""
    started = time.perf_counter()
    engine = make_engine(db.url)
    try:
        if db.backend == "sqlite":
            with engine.begin() as conn:
                conn.execute(text("ANALYZE"))
            with engine.connect() as conn:
                conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        else:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:  # VACUUM needs it
                tables = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))
                for (table,) in tables.all():
                    conn.execute(text(f'VACUUM (ANALYZE) "{table}"'))
    finally:
        engine.dispose()
    print(f"  ANALYZE{'' if db.backend == 'sqlite' else ' and VACUUM'} done in {time.perf_counter() - started:.1f} s")


def has_statistics(db: Database) -> bool:
    engine = make_engine(db.url)
    try:
        if db.backend == "sqlite":
            return bool(_scalar(engine, "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'") == 1)
        analysed = (
            "SELECT coalesce(last_analyze, last_autoanalyze) FROM pg_stat_user_tables "
            "WHERE relid = 'statement'::regclass"
        )
        return _scalar(engine, analysed) is not None
    finally:
        engine.dispose()


def prepare(db: Database, *, statements: int, seed: int, reuse: bool, reset: Callable[[], None]) -> None:
    """Migrate and fill ``db`` unless ``reuse`` and it already holds exactly ``statements``."""
    held = filled_with(db.url) if reuse else None
    if held == statements:
        before = revision(db.url)
        print(f"  reusing {held:,} statements; migrating in case the schema moved on")
        dyad(db.url, "db", "upgrade")
        if revision(db.url) != before or not has_statistics(db):
            analyze(db)
        return
    reset()
    started = time.perf_counter()
    dyad(db.url, "db", "upgrade")
    dyad(db.url, "synth", "--statements", str(statements), "--seed", str(seed))
    print(f"  filled in {time.perf_counter() - started:.0f} s")
    analyze(db)


def sqlite_database(folder: Path, *, statements: int, seed: int, reuse: bool, prefix: str = "dyad-bench") -> Database:
    path = folder / f"{prefix}-{statements}-seed{seed}.db"
    db = Database("sqlite", f"sqlite:///{path}", sqlite_path=path)

    def reset() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    print(f"sqlite: {path}")
    prepare(db, statements=statements, seed=seed, reuse=reuse, reset=reset)
    return db


def with_search_path(url: str, schema: str) -> str:
    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def postgresql_database(
    base_url: str, *, statements: int, seed: int, reuse: bool, prefix: str = "dyad-bench"
) -> Database:
    base = Settings(database_url=base_url).database_url
    schema = f"{prefix.replace('-', '_')}_{statements}_{seed}"
    db = Database("postgresql", with_search_path(base, schema), schema=schema, drop_after=not reuse)
    admin = create_engine(base)

    def reset() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    print(f"postgresql: {make_url(base).render_as_string(hide_password=True)}, schema {schema}")
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        prepare(db, statements=statements, seed=seed, reuse=reuse, reset=reset)
    finally:
        admin.dispose()
    return db


def drop_schema(base_url: str, schema: str) -> None:
    admin = create_engine(Settings(database_url=base_url).database_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        admin.dispose()


# --- measuring ---------------------------------------------------------------------------------


@dataclass
class Measured:
    scenario: Scenario
    single: PassResult
    loaded: PassResult

    @property
    def p50_ms(self) -> float:
        return self.single.quantile(0.5) * 1000

    @property
    def p99_ms(self) -> float:
        return self.single.quantile(0.99) * 1000

    @property
    def errors(self) -> int:
        return self.single.errors + self.loaded.errors

    def failures(self) -> str:
        statuses = self.single.statuses + self.loaded.statuses
        return " ".join(f"{s}x{n}" for s, n in sorted(statuses.items()) if not s.startswith("2"))


@dataclass
class Exported:
    export: Export
    status: int
    rows: int
    seconds: float
    first_byte: float
    rss_start: int
    rss_end: int
    rss_peak: int

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else math.nan

    @property
    def growth_mb(self) -> float:
        return (self.rss_peak - self.rss_start) / MB


@dataclass
class Run:
    """Everything measured on one server."""

    label: str
    workers: int = 0
    measured: dict[str, Measured] = field(default_factory=dict)
    exports: dict[str, Exported] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    peak_rss: int = 0


def server_stack() -> str:
    """What uvicorn will run on in this environment (its "auto" choices prefer uvloop and httptools)."""
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return f"uvicorn {importlib.metadata.version('uvicorn')} on {loop} with {http}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _warm(port: int, targets: list[str], budget: float) -> None:
    """Make each request once (within ``budget`` seconds), so the passes measure warm caches."""
    connection = Connection("127.0.0.1", port)
    deadline = time.perf_counter() + budget
    try:
        for target in targets[:WARMUP_REQUESTS]:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                await connection.get(target)
            if time.perf_counter() > deadline:
                break
    finally:
        await connection.close()


HEADER = (
    f"{'scenario':40} {'c=1: n':>7} {'p50 ms':>8} {'p99 ms':>8} | "
    f"{'c=N: n':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} | errors"
)


def row(m: Measured) -> str:
    loaded = m.loaded
    errors = f"{m.errors} ({m.failures()})" if m.errors else "0"
    return (
        f"{m.scenario.key:40} {m.single.requests:7} {m.p50_ms:8.1f} {m.p99_ms:8.1f} | "
        f"{loaded.requests:7} {loaded.rate:8.1f} {loaded.quantile(0.5) * 1000:8.1f} "
        f"{loaded.quantile(0.99) * 1000:8.1f} | {errors}"
    )


def measure(server: Server, scenario: Scenario, *, duration: float, concurrency: int) -> Measured:
    try:
        asyncio.run(_warm(server.port, scenario.targets, duration))
    except (OSError, TimeoutError, asyncio.IncompleteReadError, HttpError) as exc:  # the passes count failures
        print(f"  warm-up of {scenario.key!r} failed: {exc!r}")
    single = asyncio.run(
        run_pass("127.0.0.1", server.port, scenario.targets, concurrency=1, duration=duration, follow=scenario.follow)
    )
    loaded = asyncio.run(
        run_pass(
            "127.0.0.1",
            server.port,
            scenario.targets,
            concurrency=concurrency,
            duration=duration,
            follow=scenario.follow,
        )
    )
    return Measured(scenario, single, loaded)


def export(server: Server, item: Export) -> Exported:
    assert server.memory is not None
    time.sleep(0.3)  # a few samples of the idle server before the export starts
    start_at, rss_start = time.monotonic(), server.memory.now()
    result = asyncio.run(stream_lines("127.0.0.1", server.port, item.target))
    end_at, rss_end = time.monotonic(), server.memory.now()
    return Exported(
        item,
        result.status,
        max(0, result.lines - item.header_lines),
        result.seconds,
        result.first_byte,
        rss_start,
        rss_end,
        server.memory.peak(start_at, end_at),
    )


def export_line(e: Exported) -> str:
    status = "" if e.status == 200 else f"  HTTP {e.status}"
    return (
        f"{e.export.key:40} {e.rows:>10,} rows {e.seconds:7.1f} s {e.rate:>9,.0f} rows/s  "
        f"first byte {e.first_byte * 1000:6.0f} ms  RSS start {e.rss_start / MB:5.0f} MB, "
        f"end {e.rss_end / MB:5.0f} MB, peak {e.rss_peak / MB:5.0f} MB{status}"
    )


def check_keepalive(server: Server, target: str, run: Run) -> None:
    """Warn when kept-alive connections are much slower than fresh ones (no TCP_NODELAY on the server)."""
    kept, fresh = asyncio.run(reuse_penalty("127.0.0.1", server.port, target))
    print(f"{target}: p50 {kept * 1000:.1f} ms on a kept-alive connection, {fresh * 1000:.1f} ms on new ones")
    if kept - fresh > KEEPALIVE_PENALTY:
        note = (
            f"kept-alive requests are {(kept - fresh) * 1000:.0f} ms slower than fresh ones: the server's sockets "
            "lack TCP_NODELAY (Nagle's algorithm meets delayed ACKs); every latency below includes it"
        )
        run.notes.append(note)
        print(f"WARNING: {note}")


def drive(
    server: Server, run: Run, scenarios: list[Scenario], exports: list[Export], *, args: argparse.Namespace
) -> None:
    print(f"\n{run.label}: {len(scenarios)} scenarios, {args.duration:g} s per pass, concurrency {args.concurrency}")
    print(HEADER)
    for scenario in scenarios:
        measured = measure(server, scenario, duration=args.duration, concurrency=args.concurrency)
        run.measured[scenario.key] = measured
        print(row(measured), flush=True)
    if exports:
        print()
    for item in exports:
        if item.whole_table and args.skip_whole_exports:
            continue
        exported = export(server, item)
        run.exports[item.key] = exported
        print(export_line(exported), flush=True)
    assert server.memory is not None
    run.peak_rss = server.memory.peak()
    print(f"peak server memory (RSS of the process tree, whole run): {run.peak_rss / MB:.0f} MB")


def fetch_json(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=30) as answer:
        loaded: dict[str, object] = json.load(answer)
        return loaded


def run_dyad(db: Database, params: Params, args: argparse.Namespace, logs: Path) -> Run:
    port = free_port()
    server = Server(
        [str(BIN / "dyad"), "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers)],
        port=port,
        # Access logs off: writing a line per request would cost the server more than some answers.
        # Rate limits off: every request of the run comes from one address.
        env={**os.environ, "DYAD_DATABASE_URL": db.url, "DYAD_LOG_LEVEL": "warning", "DYAD_RATE_LIMIT_READS": ""},
        log=logs / f"dyad-{db.backend}.log",
        name="dyad serve",
    )
    server.start(health="/healthz")
    run = Run(f"Dyad on {db.backend}")
    try:
        run.workers = args.workers
        api = OpenApi(fetch_json(server.base + "/openapi.json"))
        scenarios, exports, notes = dyad_plan(api, params)
        for note in notes:
            print(f"  skipped: {note}")
        check_keepalive(server, "/healthz", run)
        drive(server, run, scenarios, exports, args=args)
    finally:
        server.stop()
    return run


def fts_table(path: Path) -> str | None:
    """An FTS table over ``statement`` in the SQLite file, if the schema has one."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%VIRTUAL TABLE%USING fts%' "
                    "AND sql LIKE '%content%statement%' ORDER BY name"
                )
            ).scalar()
    finally:
        engine.dispose()
    return None if found is None else str(found)


def run_datasette(db: Database, params: Params, args: argparse.Namespace, logs: Path) -> Run | None:
    executable = BIN / "datasette"
    if not executable.exists():
        print("\nDatasette is not installed: pip install -e '.[bench]' to compare with it")
        return None
    assert db.sqlite_path is not None
    port = free_port()
    settings = {
        "sql_time_limit_ms": "5000",
        "facet_time_limit_ms": "5000",
        "max_returned_rows": "1000",
        "max_csv_mb": "0",
    }
    command = [str(executable), "serve", "--immutable", str(db.sqlite_path), "-h", "127.0.0.1", "-p", str(port)]
    for name, value in settings.items():
        command += ["--setting", name, value]
    server = Server(command, port=port, env=dict(os.environ), log=logs / "datasette.log", name="datasette")
    server.start(health="/-/versions.json")
    run = Run("Datasette on sqlite")
    try:
        run.workers = 1
        name = db.sqlite_path.stem
        fts = fts_table(db.sqlite_path)
        scenarios, exports = datasette_plan(name, params, fts=fts)
        versions = fetch_json(server.base + "/-/versions.json").get("datasette", {})
        version = versions.get("version", "?") if isinstance(versions, dict) else "?"
        print(
            f"\nDatasette {version}: one process, {', '.join(f'{k}={v}' for k, v in settings.items())}; "
            f"search through {fts or 'LIKE (no FTS table)'}"
        )
        check_keepalive(server, "/-/versions.json", run)
        drive(server, run, scenarios, exports, args=args)
    finally:
        server.stop()
    return run


# --- reporting ---------------------------------------------------------------------------------


def compare(dyad_run: Run, datasette: Run) -> None:
    print(f"\n{dyad_run.label} vs {datasette.label} (req/s at concurrency N, p50 at concurrency 1)")
    print(f"{'scenario':40} {'Dyad req/s':>11} {'Datasette':>10} {'ratio':>7} | {'Dyad p50':>9} {'Datasette':>10}  how")
    for key, theirs in datasette.measured.items():
        ours = dyad_run.measured.get(key)
        if ours is None:
            continue
        ratio = ours.loaded.rate / theirs.loaded.rate if theirs.loaded.rate else math.nan
        print(
            f"{key:40} {ours.loaded.rate:11.1f} {theirs.loaded.rate:10.1f} {ratio:7.2f} | "
            f"{ours.p50_ms:9.1f} {theirs.p50_ms:10.1f}  {theirs.scenario.note}"
        )
    for key, theirs_export in datasette.exports.items():
        ours_export = dyad_run.exports.get(key)
        if ours_export is not None:
            print(
                f"{key:40} Dyad {ours_export.rate:,.0f} rows/s, Datasette {theirs_export.rate:,.0f} rows/s "
                f"(ratio {ours_export.rate / theirs_export.rate:.2f})"
            )


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("ok" if ok else "BELOW TARGET")


def summary(dyad_run: Run, datasette: Run | None) -> list[str]:
    lines = []

    def line(what: str, value: str, ok: bool | None) -> None:
        lines.append(f"  {what:44} {value:44} {verdict(ok)}")

    def worst(groups: set[str]) -> Measured | None:
        found = [m for m in dyad_run.measured.values() if m.scenario.group in groups]
        return max(found, key=lambda m: m.p50_ms if not math.isnan(m.p50_ms) else math.inf, default=None)

    listed = dyad_run.measured.get(FILTERED_LIST)
    if listed is not None:
        line(
            f"filtered list p50 <= {TARGET_LIST_P50_MS} ms",
            f"{listed.p50_ms:.1f} ms",
            listed.p50_ms <= TARGET_LIST_P50_MS,
        )
        theirs = datasette.measured.get(FILTERED_LIST) if datasette else None
        if theirs is None:
            line("filtered list req/s >= Datasette", f"{listed.loaded.rate:.0f} req/s (no Datasette run)", None)
        else:
            line(
                "filtered list req/s >= Datasette",
                f"{listed.loaded.rate:.0f} vs {theirs.loaded.rate:.0f} req/s ({datasette.label if datasette else ''})",
                listed.loaded.rate >= theirs.loaded.rate,
            )
    for label, groups, target in (
        ("q search", {"search"}, TARGET_SEARCH_P50_MS),
        ("facets, whole table", {"facets"}, TARGET_AGGREGATE_P50_MS),
        ("timeline, whole table", {"timeline"}, TARGET_AGGREGATE_P50_MS),
    ):
        slowest = worst(groups)
        if slowest is None:
            line(f"{label} p50 <= {target} ms", "not measured (endpoint missing)", None)
        else:
            failed = f", {slowest.errors} errors" if slowest.errors else ""
            line(
                f"{label} p50 <= {target} ms",
                f"slowest {slowest.scenario.key!r} {slowest.p50_ms:.1f} ms{failed}",
                slowest.p50_ms <= target and not slowest.errors,
            )
    if not dyad_run.exports:
        line(f"export >= {TARGET_EXPORT_ROWS_PER_S:,} rows/s", "not measured (endpoint missing)", None)
    else:
        slowest_export = min(dyad_run.exports.values(), key=lambda e: e.rate)
        line(
            f"export >= {TARGET_EXPORT_ROWS_PER_S:,} rows/s",
            f"slowest {slowest_export.export.key!r} {slowest_export.rate:,.0f}",
            slowest_export.rate >= TARGET_EXPORT_ROWS_PER_S and slowest_export.status == 200,
        )
        growing = max(dyad_run.exports.values(), key=lambda e: e.growth_mb)
        line(
            f"export memory flat (< +{FLAT_MEMORY_MB} MB)",
            f"largest growth {growing.growth_mb:+.0f} MB ({growing.export.key})",
            growing.growth_mb < FLAT_MEMORY_MB,
        )
    lines.append(f"  {'peak server memory (whole run)':44} {dyad_run.peak_rss / MB:.0f} MB, {dyad_run.workers} workers")
    lines.extend(f"  note: {note}" for note in dyad_run.notes)
    return lines


# --- main --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--statements", type=int, default=1_000_000, help="size of the synthetic corpus")
    parser.add_argument("--seed", type=int, default=7, help="seed of the corpus and of the parameter choice")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="PostgreSQL database to hold the benchmark schema")
    parser.add_argument("--db-dir", type=Path, help="folder of the SQLite file (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="keep the filled databases and reuse them next time")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of each pass of each scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="connections of the throughput pass")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes of dyad serve (default 1: Datasette's one process, and a core left for the client)",
    )
    parser.add_argument("--no-datasette", action="store_true", help="do not run Datasette beside Dyad on SQLite")
    parser.add_argument("--skip-whole-exports", action="store_true", help="export subsets only, not the whole table")
    args = parser.parse_args()

    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    temporary = None
    folder = args.db_dir
    if folder is None:
        folder = Path(tempfile.gettempdir()) / "dyad-bench" if args.reuse else None
        if folder is None:
            temporary = tempfile.mkdtemp(prefix="dyad-bench-")
            folder = Path(temporary)
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores; dyad serve with {args.workers} workers, {server_stack()}")
    print(f"logs and SQLite files in {folder}")

    summaries: list[tuple[str, list[str]]] = []
    reference: Run | None = None  # Datasette on the SQLite file, the yardstick for both backends
    try:
        for backend in backends:
            print(f"\n=== {backend} ===")
            if backend == "sqlite":
                db = sqlite_database(folder, statements=args.statements, seed=args.seed, reuse=args.reuse)
            else:
                db = postgresql_database(args.pg_url, statements=args.statements, seed=args.seed, reuse=args.reuse)
            try:
                engine = make_engine(db.url)
                try:
                    params = pick_parameters(engine, seed=args.seed)
                finally:
                    engine.dispose()
                for description in params.describe():
                    print(f"  {description}")
                dyad_run = run_dyad(db, params, args, folder)
                if backend == "sqlite" and not args.no_datasette:
                    reference = run_datasette(db, params, args, folder)
                    if reference is not None:
                        compare(dyad_run, reference)
                summaries.append((f"{backend} ({args.statements:,} statements)", summary(dyad_run, reference)))
            finally:
                if db.drop_after and db.schema:
                    drop_schema(args.pg_url, db.schema)
    except ServerError as exc:
        sys.exit(str(exc))
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)

    print("\n=== summary (p50 at concurrency 1, req/s at concurrency N) ===")
    for title, lines in summaries:
        print(title)
        print("\n".join(lines))


if __name__ == "__main__":
    main()
