from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ingest.extract import ExtractedStatement, SpeakerInfo
from app.models import Document, Speaker, Statement

from . import factories as make
from .conftest import World

SUMMARY_KEYS = {
    "id",
    "title",
    "published",
    "source_url",
    "ingested_at",
    "extractor_version",
    "statement_count",
}

ARTICLE = (
    " date 2024-05-16 Ministers meet in Beijing\n\n"
    "The two countries will deepen their cooperation, the foreign minister said on Thursday.\n\n"
    "Talks covered trade and energy.\n\n"
    "Both sides want more flights between their capitals, the minister said."
)


def paragraph_extractor(article: Any, _taxonomy: Any) -> list[ExtractedStatement]:
    """Stands in for the extractor: every paragraph with 'said' is a statement by the same minister."""
    found, start = [], 0
    for paragraph in article.body.split("\n\n"):
        if " said" in paragraph:
            found.append(
                ExtractedStatement(
                    speaker=SpeakerInfo(name="Wang Yi", title="Foreign Minister", country="CN"),
                    start=start,
                    end=start + len(paragraph),
                    kind="indirect",
                    cue="said",
                    date=None,
                    topics=("diplomacy",),
                    countries=("CN",),
                )
            )
        start += len(paragraph) + 2
    return found


@pytest.fixture
def extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("app.ingest.pipeline.extract", paragraph_extractor)
    # uploads are extracted in a child process, which is sent the function by name
    monkeypatch.setattr("app.ingest.isolated.extract", paragraph_extractor)


def counts(session: Session) -> tuple[int, int, int]:
    session.rollback()  # a fresh snapshot: the API wrote through its own connections
    return (
        session.scalar(select(func.count()).select_from(Document)) or 0,
        session.scalar(select(func.count()).select_from(Statement)) or 0,
        session.scalar(select(func.count()).select_from(Speaker)) or 0,
    )


def all_statements(client: TestClient, document_id: int) -> list[dict[str, Any]]:
    """The statements of a document the way a client pages through them, 100 at a time."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _page in range(100):
        params: dict[str, Any] = {"document_id": document_id, "limit": 100}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/statements", params=params).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items
    raise AssertionError("no last page")


# Reading


def test_list_is_newest_first_without_bodies(client: TestClient, session: Session, world: World) -> None:
    same_day = make.document(session, body="Nothing was said.", published=dt.date(2024, 3, 5))
    session.commit()

    response = client.get("/v1/documents")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [same_day.id, *(world.documents[d] for d in ("d3", "d2", "d1"))]
    assert all(set(item) == SUMMARY_KEYS for item in items)
    assert items[1] == {
        "id": world.documents["d3"],
        "title": "Madrid and Washington on Beijing",
        "published": "2024-03-05",
        "source_url": None,
        "ingested_at": "2024-06-01T12:00:00Z",
        "extractor_version": "test",
        "statement_count": 2,
    }
    assert items[0]["statement_count"] == 0


def test_documents_page(client: TestClient, world: World) -> None:
    first = client.get("/v1/documents", params={"limit": 2}).json()
    second = client.get("/v1/documents", params={"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [i["id"] for i in first["items"] + second["items"]] == [world.documents[d] for d in ("d3", "d2", "d1")]
    assert second["next_cursor"] is None


def test_document_detail_has_body_and_statements_in_text_order(client: TestClient, world: World) -> None:
    response = client.get(f"/v1/documents/{world.documents['d2']}")

    assert response.status_code == 200
    document = response.json()
    assert set(document) == {*SUMMARY_KEYS, "body", "statements"}
    assert document["statement_count"] == 2
    assert [s["id"] for s in document["statements"]] == [
        world.statements["mfa"],
        world.statements["putin_ua"],
    ]
    for statement in document["statements"]:
        assert {**statement, "carried_by": []} == client.get(f"/v1/statements/{statement['id']}").json()
        assert document["body"][statement["span"]["start"] : statement["span"]["end"]] == statement["text"]


def test_unknown_document_is_404(client: TestClient) -> None:
    response = client.get("/v1/documents/77")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(("query", "parameter"), [("limit=0", "limit"), ("cursor=%3D%3D", "cursor")])
def test_bad_list_parameter_is_422(client: TestClient, query: str, parameter: str) -> None:
    response = client.get(f"/v1/documents?{query}")

    assert response.status_code == 422
    assert [e["parameter"] for e in response.json()["errors"]] == [parameter]


# Writing


@pytest.mark.usefixtures("extractor")
def test_post_text_creates_then_finds_the_same_document(client: TestClient, session: Session) -> None:
    created = client.post(
        "/v1/documents", content=ARTICLE.encode(), headers={"Content-Type": "text/plain; charset=utf-8"}
    )

    assert created.status_code == 201, created.text
    document = created.json()
    assert created.headers["location"] == f"/v1/documents/{document['id']}"
    assert document["title"] == "Ministers meet in Beijing"
    assert document["published"] == "2024-05-16"
    assert document["body"].startswith("The two countries")
    assert document["statement_count"] == len(document["statements"]) == 2
    assert document == client.get(f"/v1/documents/{document['id']}").json()
    stored = counts(session)

    again = client.post("/v1/documents", content=ARTICLE.encode(), headers={"Content-Type": "text/plain"})

    assert again.status_code == 200
    assert "location" not in again.headers
    assert again.json() == document
    assert counts(session) == stored


@pytest.mark.usefixtures("extractor")
def test_posted_statements_are_served_by_the_statements_endpoint(client: TestClient) -> None:
    document = client.post("/v1/documents", content=ARTICLE, headers={"Content-Type": "text/plain"}).json()

    items = all_statements(client, document["id"])

    assert sorted(items, key=lambda s: s["span"]["start"]) == document["statements"]
    for item in items:
        assert item["speaker"]["name"] == "Wang Yi"
        assert item["document"]["id"] == document["id"]
        assert document["body"][item["span"]["start"] : item["span"]["end"]] == item["text"]


@pytest.mark.usefixtures("extractor")
def test_post_json_creates_then_finds_the_same_document(client: TestClient, session: Session) -> None:
    article = {
        "title": "Ministers meet in Beijing",
        "published": "2024-05-16",
        "body": "Both sides want more flights, the minister said.",
        "source_url": "https://news.example/flights",
    }

    created = client.post("/v1/documents", json=article)

    assert created.status_code == 201, created.text
    document = created.json()
    assert document["source_url"] == "https://news.example/flights"
    assert document["body"] == article["body"]
    assert len(document["statements"]) == 1
    stored = counts(session)

    again = client.post(
        "/v1/documents",
        content=json.dumps(article).encode(),
        headers={"Content-Type": "application/json; charset=UTF-8"},
    )

    assert again.status_code == 200
    assert again.json()["id"] == document["id"]
    assert counts(session) == stored


@pytest.mark.usefixtures("extractor")
def test_post_honours_the_charset(client: TestClient) -> None:
    article = " date 2024-05-16 Réunion à Genève\n\nLe ministre a parlé, the minister said."

    response = client.post(
        "/v1/documents",
        content=article.encode("latin-1"),
        headers={"Content-Type": "text/plain; charset=latin-1"},
    )

    assert response.status_code == 201
    assert response.json()["title"] == "Réunion à Genève"


@pytest.mark.parametrize(
    ("content_type", "data", "status", "message"),
    [
        ("text/plain", b"Ministers meet\n\nThe minister said so.", 422, "line 1: no date line"),
        ("text/plain", b" date 2024-02-30 Ministers meet\n\nThe minister said so.", 422, "invalid date"),
        ("text/plain", b" date 2024-05-16 Ministers meet\n\n   \n", 422, "empty body"),
        ("text/plain", b"", 422, "no date line"),
        ("text/plain; charset=utf-8", b" date 2024-05-16 Caf\xe9\n\nSaid.", 422, "not UTF-8 text: byte 0xe9"),
        ("text/plain", b" date 2024-05-16 Ministers\n\nThe minister\x00 said.", 422, "NUL character"),
        ("application/json", b'{"title": "x", "published": ', 422, "malformed JSON at line 1, column 29"),
        ("application/json", b'{"title": "x", "body": "y"}', 422, "missing field 'published'"),
        ("application/json", b'{"published": "16 May", "body": "y"}', 422, "invalid date '16 May'"),
        ("application/json", b'[{"published": "2024-05-16", "body": "y"}]', 422, "expected a JSON object"),
        ("application/json", b'{"published": "2024-05-16", "body": "a\\u0000"}', 422, "NUL character"),
        ("application/xml", b"<article/>", 415, "'application/xml' is not accepted"),
        ("", b" date 2024-05-16 Ministers\n\nSaid.", 415, "'none' is not accepted"),
        ("text/plain; charset=klingon", b" date 2024-05-16 Ministers\n\nSaid.", 415, "charset 'klingon'"),
    ],
)
def test_bad_article_is_a_problem_saying_why(
    client: TestClient, session: Session, content_type: str, data: bytes, status: int, message: str
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}

    response = client.post("/v1/documents", content=data, headers=headers)

    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert message in problem["detail"]
    if status == 422:
        assert problem["errors"] == [{"parameter": "body", "in": "body", "message": problem["detail"]}]
    assert counts(session) == (0, 0, 0)


def test_oversized_article_is_413(client: TestClient) -> None:
    data = b" date 2024-05-16 Long\n\n" + b"x" * 5_000_001

    response = client.post("/v1/documents", content=data, headers={"Content-Type": "text/plain"})

    assert response.status_code == 413


def test_post_runs_the_real_extractor(client: TestClient, seed_path: Path) -> None:
    """The path the scorer takes: post an article file as UTF-8 text, then page its statements."""
    response = client.post(
        "/v1/documents", content=seed_path.read_bytes(), headers={"Content-Type": "text/plain; charset=utf-8"}
    )

    assert response.status_code == 201, response.text
    document = response.json()
    items = all_statements(client, document["id"])
    assert len(items) == document["statement_count"] == len(document["statements"])
    for item in items:
        assert document["body"][item["span"]["start"] : item["span"]["end"]] == item["text"]
