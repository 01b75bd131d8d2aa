"""The dyad command: ingest with a summary and an exit status, refusing unmigrated databases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import cli
from app.ingest.integrity import check
from app.ingest.pipeline import Ingestor
from app.ingest.read import Article
from app.models import Document

runner = CliRunner()


def test_ingest_reports_every_outcome(
    use_database: Callable[[str], None], db_url: str, session: Session, seed_path: Path, tmp_path: Path
) -> None:
    use_database(db_url)
    (tmp_path / "seed.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"title": "x", "published": "2024-01-01", "body": ')
    (tmp_path / "feed.jsonl").write_text(
        json.dumps(
            {
                "title": "T",
                "published": "2024-02-02",
                "body": "Kenyan President William Ruto said tea exports rose.",
            }
        )
    )
    result = runner.invoke(cli, ["ingest", "--quiet", str(tmp_path)])
    assert result.exit_code == 1
    assert f"failed {tmp_path / 'broken.json'}: malformed JSON at line 1, column" in " ".join(result.output.split())
    assert "ingested 2" in result.output
    assert "unchanged 0, skipped 0, failed 1" in result.output
    assert session.scalar(select(func.count()).select_from(Document)) == 2

    again = runner.invoke(cli, ["ingest", "--quiet", str(tmp_path / "seed.txt")])
    assert again.exit_code == 0
    assert "ingested 0 (0 statements), unchanged 1, skipped 0, failed 0" in again.output


def test_commands_refuse_an_unmigrated_database(use_database: Callable[[str], None], tmp_path: Path) -> None:
    use_database(f"sqlite:///{tmp_path / 'new.db'}")
    for args in (["serve"], ["ingest", str(tmp_path)], ["reextract"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, args
        assert "not migrated" in result.output
        assert "dyad db upgrade" in result.output


def test_db_upgrade_then_current(use_database: Callable[[str], None], tmp_path: Path) -> None:
    use_database(f"sqlite:///{tmp_path / 'new.db'}")
    assert "pending migrations" in runner.invoke(cli, ["db", "current"]).output
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0
    assert "up to date" in runner.invoke(cli, ["db", "current"]).output


def test_extract_prints_statements_without_storing(seed_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(seed_path)])
    assert result.exit_code == 0
    statements = json.loads(result.output)[seed_path.name]
    assert {s["speaker"]["name"] for s in statements} >= {"Xi Jinping", "Vladimir Putin"}


def test_quickstart_serves_on_loopback_with_open_writes(
    use_database: Callable[[str], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server is not started here: what quickstart would serve is caught at the hand-over."""
    use_database(f"sqlite:///{tmp_path / 'quick.db'}")
    served: dict[str, object] = {}

    def hand_over(app: object, *, host: str, port: int, workers: int) -> None:
        served.update(app=app, host=host, port=port, workers=workers)

    monkeypatch.setattr("app.cli._run", hand_over)
    result = runner.invoke(cli, ["quickstart", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (served["host"], served["port"], served["workers"]) == ("127.0.0.1", 8123, 1)
    assert served["app"].state.settings.open_writes is True  # type: ignore[attr-defined]
    assert "--host" not in runner.invoke(cli, ["quickstart", "--help"]).output


REFUSE_UPDATES = {
    # the database refuses to change document 1's statements: a real failure inside re-extraction
    "sqlite": [
        "CREATE TRIGGER refuse AFTER UPDATE ON statement WHEN new.document_id = 1 "
        "BEGIN SELECT RAISE(ABORT, 'statement rows of document 1 are read-only'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "RAISE EXCEPTION 'statement rows of document 1 are read-only'; END $$",
        "CREATE TRIGGER refuse AFTER UPDATE ON statement FOR EACH ROW WHEN (new.document_id = 1) "
        "EXECUTE FUNCTION refuse()",
    ],
}


ALLOW_UPDATES = {"sqlite": "DROP TRIGGER refuse", "postgresql": "DROP FUNCTION refuse() CASCADE"}


def test_reextract_reports_each_failure_and_exits_1(
    use_database: Callable[[str], None], db_url: str, session: Session, engine: Engine
) -> None:
    use_database(db_url)
    ingestor = Ingestor(session)
    for day, body in ((1, "Kenyan President William Ruto said tea exports rose."), (2, "Ruto said talks went well.")):
        ingestor.ingest(Article("Talks", dt.date(2024, 5, day), body))
    with engine.begin() as connection:
        for statement in REFUSE_UPDATES[engine.dialect.name]:
            connection.exec_driver_sql(statement)
    try:
        result = runner.invoke(cli, ["reextract"])
    finally:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "DROP TRIGGER refuse" + (" ON statement" if db_url.startswith("postgres") else "")
            )
            if engine.dialect.name == "postgresql":
                connection.exec_driver_sql("DROP FUNCTION refuse()")
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert "failed document 1: " in said
    assert "statement rows of document 1 are read-only" in said
    assert "documents 2: statements kept 1, added 0, removed 0, failed 1" in said
    with engine.connect() as connection:
        assert check(connection) == []
