"""The ``dyad`` command: database migrations, ingestion, re-extraction and the API server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app import migrate
from app.config import get_settings
from app.db import get_engine

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"

cli = typer.Typer(help="Dyad: statements in international relations, from news articles to JSON.", no_args_is_help=True)
db_cli = typer.Typer(help="Create and migrate the database.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
keys_cli = typer.Typer(help="API keys: who may write.", no_args_is_help=True)
cli.add_typer(keys_cli, name="keys")

out = Console()
err = Console(stderr=True)


@db_cli.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the database (DYAD_DATABASE_URL) up to REVISION."""
    migrate.upgrade(revision=revision)
    out.print(f"database at {migrate.current_revision(get_engine())}")


@db_cli.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision ('base' empties it).")],
) -> None:
    """Migrate the database down to REVISION."""
    migrate.downgrade(revision=revision)
    out.print(f"database at {migrate.current_revision(get_engine())}")


@db_cli.command("current")
def db_current() -> None:
    """Print the database's revision and whether migrations are pending."""
    engine = get_engine()
    state = "pending migrations: run 'dyad db upgrade'" if migrate.pending(engine) else "up to date"
    out.print(f"{migrate.current_revision(engine) or 'empty'} ({state})")


def require_migrated() -> None:
    if migrate.pending(get_engine()):
        err.print(
            f"[red]The database {get_settings().database_url} is not migrated to the latest schema.[/red]\n"
            "Run 'dyad db upgrade' first."
        )
        raise typer.Exit(code=2)


@cli.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .json, .jsonl) or folders of them.")],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(help="Extraction processes beside the writer (default: one per extra core; 0: none).", min=0),
    ] = None,
) -> None:
    """Extract and store the statements of articles; exits 1 if any article failed."""
    from app.ingest.parallel import default_workers
    from app.ingest.pipeline import Outcome, ingest_paths
    from app.ingest.read import expand_paths

    require_migrated()
    files = [p for p in expand_paths(paths) if isinstance(p, Path)]
    progress = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet or len(files) < 2,
        transient=True,
    )

    def report(outcome: Outcome) -> None:
        if outcome.status == "failed":
            progress.console.print(f"[red]failed[/red] {outcome.origin}: {outcome.error}")

    with progress:
        task = progress.add_task("ingest", total=len(files))
        summary = ingest_paths(
            get_engine(),
            paths,
            workers=default_workers() if workers is None else workers,
            on_outcome=report,
            on_file=lambda _path: progress.advance(task),
        )
    statements = sum(o.statements for o in summary.outcomes)
    out.print(
        f"ingested {summary.count('ingested')} ({statements} statements), "
        f"unchanged {summary.count('unchanged')}, failed {summary.count('failed')}"
    )
    if summary.failures:
        raise typer.Exit(code=1)


@cli.command()
def reextract(
    document_id: Annotated[
        list[int] | None, typer.Option("--document-id", help="Only these documents (repeatable).")
    ] = None,
) -> None:
    """Run the current extractor over stored documents, one transaction per document."""
    from app.ingest.pipeline import reextract_documents

    require_migrated()
    totals = reextract_documents(get_engine(), document_ids=document_id)
    out.print(
        f"documents {totals.documents}: statements kept {totals.kept}, added {totals.added}, "
        f"removed {totals.removed}, failed {totals.failed}"
    )
    if totals.failed:
        raise typer.Exit(code=1)


@cli.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .json, .jsonl) or folders.")],
    taxonomy: Annotated[Path | None, typer.Option(help="Taxonomy JSON file (default: the bundled taxonomy).")] = None,
) -> None:
    """Print the statements extracted from articles as JSON, keyed by file; nothing is stored."""
    import json

    from app import taxonomy as taxonomies
    from app.ingest.extract import Taxonomy
    from app.ingest.extract import extract as run_extract
    from app.ingest.read import ArticleError, expand_paths, read_path

    topics = taxonomies.load(taxonomy) if taxonomy else taxonomies.load()
    tagger = Taxonomy.from_keywords({t["slug"]: t["keywords"] for t in topics})
    result: dict[str, list[dict[str, object]]] = {}
    failed = False
    for path in expand_paths(paths):
        if isinstance(path, ArticleError):
            err.print(f"[red]failed[/red] {path}")
            failed = True
            continue
        for item in read_path(path):
            if isinstance(item, ArticleError):
                err.print(f"[red]failed[/red] {item}")
                failed = True
                continue
            result[item.origin if item.origin != str(path) else path.name] = [
                {
                    "speaker": {
                        "name": s.speaker.name,
                        "kind": s.speaker.kind,
                        "title": s.speaker.title,
                        "country": s.speaker.country,
                    },
                    "text": item.body[s.start : s.end],
                    "kind": s.kind,
                    "cue": s.cue,
                    "date": s.date.isoformat() if s.date else None,
                    "topics": list(s.topics),
                    "countries": list(s.countries),
                    "span": {"start": s.start, "end": s.end},
                }
                for s in run_extract(item, tagger)
            ]
    typer.echo(json.dumps(result, ensure_ascii=False, indent=1))
    if failed:
        raise typer.Exit(code=1)


@cli.command()
def synth(
    statements: Annotated[int, typer.Option(help="How many statements to generate.", min=1)] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same corpus.")] = 7,
) -> None:
    """Fill the database with a synthetic corpus, for benchmarks (stored like ingested articles)."""
    from app.synth import fill

    require_migrated()
    progress = Progress(
        TextColumn("generating"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("statements"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    with progress:
        task = progress.add_task("synth", total=statements)
        stored = fill(get_engine(), statements=statements, seed=seed, on_article=lambda n: progress.advance(task, n))
    out.print(f"stored {stored} synthetic statements")


@keys_cli.command("create")
def keys_create(name: Annotated[str, typer.Option("--name", help="A name for the key's holder.")]) -> None:
    """Create an API key; it is printed once, on the last line, and only its hash is stored."""
    from app.db import session_scope
    from app.keys import KeyRequestError, create_key

    require_migrated()
    with session_scope(get_engine()) as session:
        try:
            key = create_key(session, name=name)
        except KeyRequestError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(code=1) from None
        session.commit()
    out.print(f"API key {name!r} created. It is shown this once; send it as X-API-Key or Authorization: Bearer.")
    typer.echo(key)


@keys_cli.command("list")
def keys_list() -> None:
    """List the keys: name, first characters, when created, whether revoked."""
    from app.db import session_scope
    from app.keys import list_keys

    require_migrated()
    with session_scope(get_engine()) as session:
        for key in list_keys(session):
            state = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
            typer.echo(f"{key.name}\t{key.prefix}…\tcreated {key.created_at:%Y-%m-%d %H:%M}\t{state}")


@keys_cli.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="Name of the key.")]) -> None:
    """Revoke a key: writes with it are refused from now on."""
    from app.db import session_scope
    from app.keys import KeyRequestError, revoke_key

    require_migrated()
    with session_scope(get_engine()) as session:
        try:
            revoke_key(session, name=name)
        except KeyRequestError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(code=1) from None
        session.commit()
    out.print(f"API key {name!r} revoked")


@cli.command()
def audit(
    limit: Annotated[int, typer.Option(help="How many entries.", min=1, max=10_000)] = 50,
    key: Annotated[str | None, typer.Option(help="Only the writes of this key.")] = None,
) -> None:
    """List the latest writes, newest first: time, key, action, document, client address."""
    from app import audit as audit_log
    from app.db import session_scope

    require_migrated()
    with session_scope(get_engine()) as session:
        for entry in audit_log.latest(session, limit=limit, key_name=key):
            who = entry.key_name or "(open writes)"
            typer.echo(
                f"{entry.at:%Y-%m-%dT%H:%M:%S}\t{who}\t{entry.action}\t{entry.document_id}\t{entry.client or ''}"
            )


def _run(app: object, *, host: str, port: int, workers: int) -> None:
    import uvicorn

    from app.server import uvicorn_options

    factory = isinstance(app, str)
    uvicorn.run(app, factory=factory, host=host, port=port, workers=workers, **uvicorn_options(get_settings()))  # type: ignore[arg-type]


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes (about one per core).", min=1)] = 1,
) -> None:
    """Serve the API with uvicorn. Refuses to start on a database that is not migrated."""
    require_migrated()
    _run("app.api.main:create_app", host=host, port=port, workers=workers)


@cli.command()
def quickstart(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Migrate the database, ingest the bundled sample article, and serve the API on 127.0.0.1
    with writes open to anyone on this machine (no API key needed)."""
    from app.api.main import create_app
    from app.ingest.pipeline import ingest_paths

    migrate.upgrade()
    summary = ingest_paths(get_engine(), [SAMPLE_DIR])
    for failure in summary.failures:
        err.print(f"[red]failed[/red] {failure.origin}: {failure.error}")
    out.print(
        f"sample: ingested {summary.count('ingested')}, unchanged {summary.count('unchanged')}; "
        f"try: curl 'http://127.0.0.1:{port}/v1/statements?limit=5'"
    )
    local = get_settings().model_copy(update={"open_writes": True})
    _run(create_app(local), host="127.0.0.1", port=port, workers=1)


def main() -> None:
    cli()
