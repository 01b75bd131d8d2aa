"""Writing needs an API key: keys made on the command line, checked on every write, recorded in
the audit log; DELETE removes a document with its statements and keeps every count in step."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.api.main import create_app
from app.cli import cli
from app.config import get_settings
from app.db import get_engine
from app.keys import create_key, hash_key, revoke_key
from app.models import ApiKey, AuditEntry, CountryPair, Document, Speaker, SpeakerAlias, Statement, StatementPair

from .conftest import World, settings_for

ARTICLE = {"title": "Talks", "published": "2024-05-16", "body": "Kenyan President William Ruto said tea exports rose."}
runner = CliRunner()


@pytest.fixture
def keyed(db_url: str) -> Iterator[TestClient]:
    """The API as deployed: writes need a key."""
    with TestClient(create_app(settings_for(db_url, open_writes=False))) as client:
        yield client


@pytest.fixture
def key(session: Session) -> str:
    made = create_key(session, name="newsroom")
    session.commit()
    return made


def test_a_write_without_a_key_is_a_401_problem(keyed: TestClient, session: Session) -> None:
    response = keyed.post("/v1/documents", json=ARTICLE)
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "X-API-Key" in response.json()["detail"]
    assert keyed.delete("/v1/documents/1").status_code == 401
    assert session.scalar(select(func.count()).select_from(Document)) == 0


def test_a_wrong_or_revoked_key_is_a_403_problem(keyed: TestClient, session: Session, key: str) -> None:
    wrong = keyed.post("/v1/documents", json=ARTICLE, headers={"X-API-Key": key + "x"})
    assert wrong.status_code == 403
    assert wrong.json()["detail"] == "The API key sent is not a valid key."
    revoke_key(session, name="newsroom")
    session.commit()
    revoked = keyed.post("/v1/documents", json=ARTICLE, headers={"X-API-Key": key})
    assert revoked.status_code == 403
    assert "revoked" in revoked.json()["detail"]
    assert session.scalar(select(func.count()).select_from(Document)) == 0


@pytest.mark.parametrize("header", ["X-API-Key", "Authorization"])
def test_a_key_in_either_header_may_write_and_is_audited(
    keyed: TestClient, session: Session, key: str, header: str
) -> None:
    value = key if header == "X-API-Key" else f"Bearer {key}"
    created = keyed.post("/v1/documents", json=ARTICLE, headers={header: value})
    assert created.status_code == 201, created.text
    document_id = created.json()["id"]
    deleted = keyed.delete(f"/v1/documents/{document_id}", headers={header: value})
    assert deleted.status_code == 204
    session.rollback()
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.key_name, e.action, e.document_id) for e in entries] == [
        ("newsroom", "document.create", document_id),
        ("newsroom", "document.delete", document_id),
    ]
    assert entries[0].client == "testclient"


def test_only_the_hash_of_a_key_is_stored(session: Session, key: str) -> None:
    stored = session.scalars(select(ApiKey)).one()
    assert stored.key_hash == hash_key(key) != key
    assert key.startswith(stored.prefix)
    assert len(stored.prefix) < len(key) // 3
    assert session.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.key_hash.contains(key[5:20]))) == 0


def test_open_writes_need_no_key_and_are_audited_without_one(client: TestClient, session: Session) -> None:
    assert client.post("/v1/documents", json=ARTICLE).status_code == 201
    session.rollback()
    entry = session.scalars(select(AuditEntry)).one()
    assert (entry.key_name, entry.action) == (None, "document.create")


def test_an_unchanged_upload_writes_nothing_to_the_audit_log(client: TestClient, session: Session) -> None:
    assert client.post("/v1/documents", json=ARTICLE).status_code == 201
    assert client.post("/v1/documents", json=ARTICLE).status_code == 200
    session.rollback()
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


# Deleting


def pair_counts(session: Session) -> dict[tuple[str, str], int]:
    """The kept counts, and the counts recounted from statement_pair: they must agree."""
    session.rollback()
    kept = {(p.country_a, p.country_b): p.statement_count for p in session.scalars(select(CountryPair))}
    counted = {
        (a, b): n
        for a, b, n in session.execute(
            select(StatementPair.country_a, StatementPair.country_b, func.count()).group_by(
                StatementPair.country_a, StatementPair.country_b
            )
        )
    }
    assert {pair: n for pair, n in kept.items() if n} == counted
    return counted


def test_delete_removes_a_document_its_statements_and_only_its_own_speakers(
    client: TestClient, session: Session, world: World
) -> None:
    before = pair_counts(session)
    # d3 holds albares (only there) and blinken (only there); d2 holds mfa (only there) and putin (also in d1)
    assert client.delete(f"/v1/documents/{world.documents['d2']}").status_code == 204

    session.rollback()
    assert session.get(Document, world.documents["d2"]) is None
    assert session.scalar(select(func.count()).select_from(Statement)) == 4
    speakers = set(session.scalars(select(Speaker.id)))
    assert world.speakers["putin"] in speakers
    assert world.speakers["mfa"] not in speakers
    aliases = session.scalars(select(SpeakerAlias.speaker_id)).all()
    assert world.speakers["mfa"] not in aliases
    after = pair_counts(session)
    assert after[("CN", "US")] == before[("CN", "US")] - 1
    assert ("RU", "UA") not in after
    for table in ("statement_topic", "statement_country", "statement_pair"):
        orphans = session.scalar(
            text(f"SELECT count(*) FROM {table} WHERE statement_id NOT IN (SELECT id FROM statement)")
        )
        assert orphans == 0, table

    # the search index and the lists follow
    assert client.get("/v1/statements", params={"q": "tariffs"}).json()["items"] == []
    assert client.get("/v1/statements", params={"q": "partnership"}).json()["items"]
    assert client.get(f"/v1/documents/{world.documents['d2']}").status_code == 404
    relations = {(r["countries"][0], r["countries"][1]) for r in client.get("/v1/relations").json()["items"]}
    assert ("RU", "UA") not in relations
    assert ("UA", "RU") not in relations
    assert client.get(f"/v1/speakers/{world.speakers['putin']}").json()["statement_count"] == 1


def test_deleting_a_missing_document_is_a_404_problem(client: TestClient) -> None:
    response = client.delete("/v1/documents/12345")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_a_deleted_speaker_is_made_anew_by_a_later_upload(client: TestClient, session: Session) -> None:
    first = client.post("/v1/documents", json=ARTICLE).json()
    assert client.delete(f"/v1/documents/{first['id']}").status_code == 204
    again = client.post("/v1/documents", json=ARTICLE)
    assert again.status_code == 201
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Speaker)) == len(
        {s["speaker"]["id"] for s in again.json()["statements"]}
    )


# The command line


@pytest.fixture
def use_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    def point_at(url: str) -> None:
        monkeypatch.setenv("DYAD_DATABASE_URL", url)
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield point_at
    get_engine.cache_clear()
    get_settings.cache_clear()


def invoke(*args: str) -> Any:
    return runner.invoke(cli, list(args))


def test_keys_create_list_revoke_and_audit_on_the_command_line(
    use_database: Callable[[str], None], db_url: str
) -> None:
    use_database(db_url)
    created = invoke("keys", "create", "--name", "newsroom")
    assert created.exit_code == 0, created.output
    key = created.output.strip().splitlines()[-1]
    assert key.startswith("dyad_")
    assert len(key) > 40
    assert invoke("keys", "create", "--name", "newsroom").exit_code == 1
    assert invoke("keys", "create", "--name", "bad name").exit_code == 1

    with TestClient(create_app(settings_for(db_url, open_writes=False))) as keyed:
        assert keyed.post("/v1/documents", json=ARTICLE, headers={"X-API-Key": key}).status_code == 201
        listed = invoke("keys", "list")
        assert listed.exit_code == 0
        assert "newsroom" in listed.output
        assert "active" in listed.output
        assert key not in listed.output
        assert invoke("keys", "revoke", "newsroom").exit_code == 0
        assert "revoked" in invoke("keys", "list").output
        assert invoke("keys", "revoke", "nobody").exit_code == 1
        assert keyed.post("/v1/documents", json=ARTICLE, headers={"X-API-Key": key}).status_code == 403

    audit = invoke("audit")
    assert audit.exit_code == 0
    lines = audit.output.strip().splitlines()
    assert len(lines) == 1
    assert "\tnewsroom\tdocument.create\t1\t" in lines[0]
