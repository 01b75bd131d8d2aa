"""The ``dyad`` command: database migrations, ingestion, re-extraction and the API server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app import migrate
from app.config import get_settings
from app.db import get_engine

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"

cli = typer.Typer(help="Dyad: statements in international relations, from news articles to JSON.", no_args_is_help=True)
db_cli = typer.Typer(help="Create and migrate the database.", no_args_is_help=True)
cli.add_typer(db_cli, name="db")
speakers_cli = typer.Typer(
    help="Correct speakers: merge, split, set fields; each correction is kept as a rule.", no_args_is_help=True
)
cli.add_typer(speakers_cli, name="speakers")
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


@db_cli.command("check")
def db_check() -> None:
    """Check every invariant of the stored data; print what is wrong and exit 1, or exit 0.

    Copies on statement rows against link tables, pair rows against each statement's countries,
    pair counts, statement groups, the search index, spans and dates, and rows left without their
    owner. Reads only; run it after a crash, a restore or an edit by hand.
    """
    from app.ingest.integrity import CHECKS, check

    require_migrated()
    with get_engine().connect() as connection:
        problems = check(connection)
        connection.rollback()
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) found")
        raise typer.Exit(code=1)
    typer.echo(f"consistent: {', '.join(CHECKS)} checked")


def require_migrated() -> None:
    if migrate.pending(get_engine()):
        err.print(
            f"[red]The database {get_settings().database_url} is not migrated to the latest schema.[/red]\n"
            "Run 'dyad db upgrade' first."
        )
        raise typer.Exit(code=2)


@cli.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Article files (.txt, .json, .jsonl), saved web pages (.html), web archives (.warc, .warc.gz), "
            "folders of them, or URLs of web pages."
        ),
    ],
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    workers: Annotated[
        int | None,
        typer.Option(help="Extraction processes beside the writer (default: one per extra core; 0: none).", min=0),
    ] = None,
) -> None:
    """Extract and store the statements of articles; exits 1 if any article failed.

    Pages that are not articles (no article text, not English, not HTML) are skipped and counted
    by reason, not failed: most pages of a web archive are such pages.
    """
    from app.ingest.fetch import is_url
    from app.ingest.parallel import default_workers
    from app.ingest.pipeline import Outcome, ingest_paths
    from app.ingest.read import expand_paths, format_of

    require_migrated()
    urls = [p for p in paths if is_url(p)]
    files = [p for p in expand_paths(Path(p) for p in paths if not is_url(p)) if isinstance(p, Path)]
    archives = any(format_of(path) == "warc" for path in files)
    progress = Progress(
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("inputs, {task.fields[articles]} articles"),
        TimeRemainingColumn(),
        console=err,
        disable=quiet or (len(files) + len(urls) < 2 and not archives),
        transient=True,
    )

    def report(outcome: Outcome) -> None:
        progress.update(task, articles=progress.tasks[task].fields["articles"] + 1)
        if outcome.status == "failed":
            progress.console.print(f"[red]failed[/red] {outcome.origin}: {outcome.error}", markup=True, highlight=False)

    with progress:
        task = progress.add_task("ingest", total=len(files) + len(urls), articles=0)
        summary = ingest_paths(
            get_engine(),
            paths,
            workers=default_workers() if workers is None else workers,
            on_outcome=report,
            on_file=lambda _source: progress.advance(task),
        )
    out.print(summary.line())
    if summary.failures:
        raise typer.Exit(code=1)


@cli.command()
def watch(
    feeds: Annotated[list[str] | None, typer.Argument(help="URLs of RSS or Atom feeds.")] = None,
    feeds_file: Annotated[
        Path | None,
        typer.Option(
            "--feeds", help="A file of feed URLs, one per line ('#' starts a comment); read again each round."
        ),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every feed once, then exit (for cron and tests).")] = False,
) -> None:
    """Poll feeds, fetch each new item's page and ingest it; one log line per item.

    What was seen is kept in the database, so a restart neither ingests an item twice nor
    misses one. With --once, exits 1 if a feed could not be polled.
    """
    import datetime as dt
    import signal
    import threading

    from app.ingest.fetch import Fetcher, is_url
    from app.ingest.watch import Watcher, read_feeds_file, run

    require_migrated()
    settings = get_settings()
    bad = [url for url in feeds or [] if not is_url(url)]
    if bad:
        err.print(f"[red]not an http or https URL:[/red] {bad[0]}")
        raise typer.Exit(code=2)
    if not feeds and feeds_file is None:
        err.print("[red]give at least one FEED_URL or --feeds FILE[/red]")
        raise typer.Exit(code=2)

    def current() -> list[str]:
        return [*(feeds or []), *(read_feeds_file(feeds_file) if feeds_file is not None else [])]

    try:
        current()
    except (OSError, ValueError) as exc:
        err.print(f"[red]cannot read the feeds file:[/red] {exc}")
        raise typer.Exit(code=2) from None
    watcher = Watcher(
        get_engine(), fetcher=Fetcher.from_settings(settings), interval=dt.timedelta(seconds=settings.watch_interval_s)
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_args: stop.set())
    reports = run(watcher, current, once=once, stop=stop)
    if once:
        failed = [r for r in reports if r.error is not None]
        out.print(
            f"feeds {len(reports)}: new items {sum(r.new for r in reports)}, "
            f"to retry {sum(r.retry for r in reports)}, failed feeds {len(failed)}"
        )
        if failed:
            raise typer.Exit(code=1)


@cli.command()
def reextract(
    document_id: Annotated[
        list[int] | None, typer.Option("--document-id", help="Only these documents (repeatable).")
    ] = None,
) -> None:
    """Run the current extractor over stored documents, one transaction per document.

    A document that fails is left as it was and reported with its id and the reason; the others
    are re-extracted, and the command exits 1.
    """
    from app.ingest.pipeline import reextract_documents

    require_migrated()

    def report(failed_id: int, reason: str) -> None:
        from rich.markup import escape

        err.print(f"[red]failed[/red] document {failed_id}: {escape(reason)}", highlight=False)

    totals = reextract_documents(get_engine(), document_ids=document_id, on_failure=report)
    out.print(
        f"documents {totals.documents}: statements kept {totals.kept}, added {totals.added}, "
        f"removed {totals.removed}, failed {totals.failed}"
    )
    if totals.failed:
        raise typer.Exit(code=1)


@cli.command("extract")
def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files (.txt, .json, .jsonl) or folders.")],
    taxonomy: Annotated[Path | None, typer.Option(help="Taxonomy JSON file (default: the bundled taxonomy).")] = None,
    explain: Annotated[
        bool, typer.Option("--explain", help="Print, sentence by sentence, why each did or did not give a statement.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="With --explain: also every construction that did not apply.")
    ] = False,
) -> None:
    """Print the statements extracted from articles as JSON, keyed by file; nothing is stored.

    With --explain, print instead the extractor's reasoning: for each sentence its speech cues, the
    constructions tried, the checks that rejected a candidate, and the statements it gave.
    """
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
            if explain:
                from app.ingest.extract.explain import explain as explain_article

                typer.echo(f"== {item.origin}")
                typer.echo(explain_article(item, tagger, verbose=verbose))
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
    if not explain:
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


def _correct(change: Callable[[Session], str]) -> None:
    """Run one correction in its own transaction; a refused one exits 1 with the reason."""
    from app.db import session_factory
    from app.speakers.curation import CorrectionError

    require_migrated()
    with session_factory(get_engine())() as session:
        try:
            said = change(session)
        except CorrectionError as exc:
            session.rollback()
            err.print(f"[red]refused[/red]: {exc}")
            raise typer.Exit(code=1) from None
        session.commit()
    out.print(said)


@speakers_cli.command("merge")
def speakers_merge(
    keep: Annotated[int, typer.Argument(help="Id of the speaker that stays.")],
    others: Annotated[list[int], typer.Argument(help="Ids of the speakers merged into it.")],
) -> None:
    """Merge speakers OTHERS into KEEP: statements, names and offices; their ids redirect to KEEP."""
    from app.speakers.curation import merge_speakers

    def change(session: Session) -> str:
        merge_speakers(session, target=keep, others=others)
        return f"merged {', '.join(map(str, others))} into {keep}"

    _correct(change)


@speakers_cli.command("split")
def speakers_split(
    speaker_id: Annotated[int, typer.Argument(help="Id of the speaker to split.")],
    alias: Annotated[str | None, typer.Option(help="Move the statements given under this name.")] = None,
    document: Annotated[int | None, typer.Option(help="Move the statements of this document.")] = None,
    name: Annotated[
        str | None, typer.Option(help="Name of the new speaker (default: the alias or the old name).")
    ] = None,
) -> None:
    """Move some statements of a speaker to a new speaker: those of one alias, of one document, or both."""
    from app.speakers.curation import split_speaker

    def change(session: Session) -> str:
        new = split_speaker(session, speaker_id=speaker_id, alias=alias, document_id=document, name=name)
        return f"split from {speaker_id}: new speaker {new}"

    _correct(change)


@speakers_cli.command("set")
def speakers_set(
    speaker_id: Annotated[int, typer.Argument(help="Id of the speaker.")],
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code (EU for the European Union).")] = None,
    name: Annotated[str | None, typer.Option(help="The speaker's name; the old one becomes an alias.")] = None,
    kind: Annotated[str | None, typer.Option(help="person or organization.")] = None,
) -> None:
    """Set a speaker's country, name or kind; ingestion never overwrites them."""
    from app.speakers.curation import set_speaker

    def change(session: Session) -> str:
        set_speaker(session, speaker_id=speaker_id, country=country, name=name, kind=kind)
        return f"speaker {speaker_id} updated"

    _correct(change)


@speakers_cli.command("corrections")
def speakers_corrections() -> None:
    """List every correction, oldest first: id, action, speaker, name, document, what was done."""
    from app.db import session_factory
    from app.speakers.curation import corrections

    require_migrated()
    with session_factory(get_engine())() as session:
        rows = corrections(session)
    for row in rows:
        scope = f" in document {row.document_id}" if row.document_id is not None else ""
        name = f" name {row.name_key!r}" if row.name_key is not None else ""
        typer.echo(f"{row.id}\t{row.action}\tspeaker {row.speaker_id}{name}{scope}\t{row.detail}")
    if not rows:
        typer.echo("no corrections")


def main() -> None:
    """The console entry point. Dyad's own log lines (the watcher's one line per item) go to standard
    error at ``DYAD_LOG_LEVEL``, other libraries' from warnings up; configured here once for the
    process rather than by a command, so that commands run in-process leave the root logger alone."""
    import logging

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("dyad").setLevel(get_settings().log_level.upper())
    cli()
