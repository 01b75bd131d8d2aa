"""One error shape everywhere: RFC 9457 problem documents, for every kind of failure."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.api.deps import SessionDep
from app.api.main import create_app

from .conftest import settings_for

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/nowhere", 404),
        ("GET", "/v1/statements/1", 404),
        ("GET", "/v1/speakers/1", 404),
        ("GET", "/v1/documents/1", 404),
        ("GET", "/v1/statements?limit=0", 422),
        ("GET", "/v1/speakers?kind=x", 422),
        ("GET", "/v1/documents?limit=x", 422),
        ("GET", "/v1/statements/x", 422),
        ("GET", "/v1/speakers/x", 422),
        ("GET", "/v1/documents/x", 422),
        ("POST", "/v1/statements", 405),
        ("PUT", "/v1/documents/1", 405),
        ("POST", "/v1/documents", 415),
    ],
)
def test_every_error_is_a_problem(client: TestClient, method: str, path: str, status: int) -> None:
    response = client.request(method, path)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert PROBLEM_KEYS <= set(problem) <= {*PROBLEM_KEYS, "errors"}
    assert problem["status"] == status
    assert problem["type"] == "about:blank"
    assert problem["instance"] == path.split("?")[0]
    assert problem["detail"]
    assert ("errors" in problem) == (status == 422)


def test_method_not_allowed_says_which_are(client: TestClient) -> None:
    response = client.post("/v1/statements")

    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.json()["detail"] == "POST is not allowed on /v1/statements."


def test_unexpected_exception_is_a_500_without_internals(app: FastAPI) -> None:
    @app.get("/explode")
    def explode() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/explode")

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": "An unexpected error occurred.",
        "instance": "/explode",
    }


@pytest.fixture
def slow_app(db_url: str) -> FastAPI:
    app = create_app(settings_for(db_url, query_timeout_ms=50))

    @app.get("/slow")
    def slow(session: SessionDep) -> None:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_sleep(5)"))
        else:
            session.execute(
                text(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
                    "SELECT count(*) FROM n"
                )
            )

    return app


def test_query_over_the_time_limit_is_503(slow_app: FastAPI) -> None:
    with TestClient(slow_app) as client:
        response = client.get("/slow")
        after = client.get("/v1/statements")

    assert response.status_code == 503
    assert "time limit" in response.json()["detail"]
    assert after.status_code == 200  # the connection went back to the pool in working order


def test_read_responses_may_be_cached(client: TestClient) -> None:
    for path in ("/v1/statements", "/v1/speakers", "/v1/documents", "/v1/topics"):
        assert client.get(path).headers["cache-control"] == "public, max-age=60", path
    assert "cache-control" not in client.get("/v1/statements?limit=0").headers


def test_cors_allows_the_configured_origins(db_url: str) -> None:
    app = create_app(settings_for(db_url, cors_origins="https://app.example, https://other.example"))
    with TestClient(app) as client:
        allowed = client.get("/v1/topics", headers={"Origin": "https://other.example"})
        refused = client.get("/v1/topics", headers={"Origin": "https://evil.example"})

    assert allowed.headers["access-control-allow-origin"] == "https://other.example"
    assert "access-control-allow-origin" not in refused.headers
