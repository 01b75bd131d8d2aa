from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app

from .conftest import settings_for


def test_healthy(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    "url",
    ["sqlite:///{tmp}/missing/folder/dyad.db", "postgresql+psycopg://nobody@127.0.0.1:9/nothing"],
    ids=["sqlite", "postgresql"],
)
def test_unreachable_database_is_503(tmp_path: Path, url: str) -> None:
    app = create_app(settings_for(url.format(tmp=tmp_path)))
    with TestClient(app) as client:
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "Service Unavailable"


def test_reads_on_an_unreachable_database_are_503(tmp_path: Path) -> None:
    app = create_app(settings_for(f"sqlite:///{tmp_path}/missing/folder/dyad.db"))
    with TestClient(app) as client:
        response = client.get("/v1/statements")

    assert response.status_code == 503
    assert response.json()["detail"] == "The database is unavailable; try again later."
