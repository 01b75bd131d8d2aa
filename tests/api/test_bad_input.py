"""Every bad upload is a 4xx problem naming what is wrong, and stores nothing: odd charsets, lone
surrogates, deep nesting and huge numbers in every JSON field, dates out of range, non-web URLs;
an extraction past its budget is a 503, and an upload whose client has gone is not stored."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.api.main import create_app
from app.models import AuditEntry, Document
from tests.api.conftest import settings_for

GOOD = {"title": "Talks", "published": "2024-05-16", "body": "Kenyan President William Ruto said tea exports rose."}
FIELDS = ("title", "published", "body", "source_url")


def stored(session: Session) -> int:
    session.rollback()
    return session.scalar(select(func.count()).select_from(Document)) or 0


def post_json(client: TestClient, raw: str) -> Any:
    return client.post("/v1/documents", content=raw.encode(), headers={"Content-Type": "application/json"})


def assert_problem(answer: Any, status: int, *words: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    for word in words:
        assert word in answer.json()["detail"], answer.json()["detail"]


@pytest.mark.parametrize("charset", ["base64", "rot13", "zlib", "hex", "uu", "quopri", "bz2"])
def test_a_charset_that_is_not_a_text_encoding_is_a_415(client: TestClient, session: Session, charset: str) -> None:
    answer = client.post(
        "/v1/documents",
        content=b" date 2024-01-01 T\n\nbody",
        headers={"Content-Type": f"text/plain; charset={charset}"},
    )
    assert_problem(answer, 415, charset)
    assert stored(session) == 0


@pytest.mark.parametrize("field", FIELDS)
def test_a_lone_surrogate_in_any_field_is_a_422(client: TestClient, session: Session, field: str) -> None:
    article = {**GOOD, "source_url": "https://example.org/a"}
    raw = json.dumps(article).replace(json.dumps(article[field]), json.dumps(article[field])[:-1] + '\\ud800"', 1)
    answer = post_json(client, raw)
    assert_problem(answer, 422, field)
    assert stored(session) == 0


@pytest.mark.parametrize("field", FIELDS)
def test_deep_nesting_in_any_field_is_a_422(client: TestClient, session: Session, field: str) -> None:
    raw = json.dumps({**GOOD, field: "PLACEHOLDER"}).replace('"PLACEHOLDER"', "[" * 100_000 + "]" * 100_000)
    assert_problem(post_json(client, raw), 422, "nested too deeply")
    assert stored(session) == 0


@pytest.mark.parametrize("field", FIELDS)
def test_a_number_of_5000_digits_in_any_field_is_a_422(client: TestClient, session: Session, field: str) -> None:
    raw = json.dumps({**GOOD, field: "PLACEHOLDER"}).replace('"PLACEHOLDER"', "9" * 5000)
    assert_problem(post_json(client, raw), 422, "digits")
    assert stored(session) == 0


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value", [12, 1.5, True, [], {}, "\x00"])
def test_a_value_of_the_wrong_kind_in_any_field_is_a_422(
    client: TestClient, session: Session, field: str, value: object
) -> None:
    answer = client.post("/v1/documents", json={**GOOD, field: value})
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert field in answer.json()["detail"]
    assert stored(session) == 0


def tomorrow() -> dt.date:
    return dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)


@pytest.mark.parametrize("published", ["1899-12-31", "0001-01-01", "9999-12-31", "+10000-01-01"])
def test_dates_outside_1900_to_tomorrow_are_refused(client: TestClient, session: Session, published: str) -> None:
    assert_problem(client.post("/v1/documents", json={**GOOD, "published": published}), 422, "published")
    text = f" date {published} Headline\n\nKenyan President William Ruto said tea exports rose."
    answer = client.post("/v1/documents", content=text.encode(), headers={"Content-Type": "text/plain"})
    assert_problem(answer, 422, "line 1")
    assert stored(session) == 0


def test_the_bounds_themselves_are_accepted(client: TestClient) -> None:
    for day, title in ((dt.date(1900, 1, 1), "old"), (tomorrow(), "new")):
        answer = client.post("/v1/documents", json={**GOOD, "title": title, "published": day.isoformat()})
        assert answer.status_code == 201, answer.text
    too_late = (tomorrow() + dt.timedelta(days=1)).isoformat()
    assert client.post("/v1/documents", json={**GOOD, "published": too_late}).status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://example.org/a",
        "file:///etc/passwd",
        "//example.org/a",
        "http://",
        "https://exa mple.org/",
        "http://[::1",
        "https://example.org/" + "a" * 3000,
    ],
)
def test_a_source_url_that_is_not_http_is_refused(client: TestClient, session: Session, url: str) -> None:
    assert_problem(client.post("/v1/documents", json={**GOOD, "source_url": url}), 422, "source_url")
    assert stored(session) == 0


def test_an_http_source_url_is_kept(client: TestClient) -> None:
    answer = client.post("/v1/documents", json={**GOOD, "source_url": "https://example.org/news?id=1"})
    assert answer.status_code == 201
    assert answer.json()["source_url"] == "https://example.org/news?id=1"


def test_an_extraction_past_its_budget_is_a_503_and_stores_nothing(db_url: str, session: Session) -> None:
    # 430 KB: seconds of work today, and far more than 0.1 s at any linear speed
    body = "Kenyan President William Ruto said tea exports rose. " * 8000
    with TestClient(create_app(settings_for(db_url, extraction_timeout_s=0.1))) as client:
        answer = client.post("/v1/documents", json={**GOOD, "body": body})
    assert_problem(answer, 503, "longer than 0.1 s")
    assert answer.headers["retry-after"]
    assert stored(session) == 0


def test_an_upload_whose_client_has_gone_is_not_stored(db_url: str, session: Session) -> None:
    """The client sends its article and hangs up while it is extracted: nothing is stored."""
    app = create_app(settings_for(db_url))
    body = json.dumps({**GOOD, "body": "Kenyan President William Ruto said tea exports rose. " * 2000}).encode()
    sent: list[dict[str, Any]] = []

    async def scenario() -> None:
        messages = [{"type": "http.request", "body": body, "more_body": False}]

        async def receive() -> dict[str, Any]:
            if messages:
                return messages.pop()
            # the client goes away while the article (100 KB: a good half second of work) is extracted
            await asyncio.sleep(0.05)
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/v1/documents",
            "raw_path": b"/v1/documents",
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"test"), (b"content-type", b"application/json")],
            "client": ("127.0.0.1", 5000),
            "server": ("127.0.0.1", 8000),
        }
        async with app.router.lifespan_context(app):
            await app(scope, receive, send)

    asyncio.run(scenario())
    assert stored(session) == 0
    assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    assert sent[0]["status"] == 499
