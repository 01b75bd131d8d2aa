"""HTTP behaviour shared by the read endpoints: ETag and 304, Link to the next page, CORS."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app

from .conftest import World, settings_for


@pytest.mark.parametrize("path", ["/v1/statements", "/v1/speakers", "/v1/documents", "/v1/topics", "/v1/statements/1"])
def test_etag_and_not_modified(client: TestClient, world: World, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('W/"')
    assert first.headers["cache-control"] == "public, max-age=60"
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    assert client.get(path, headers={"If-None-Match": 'W/"something-else"'}).status_code == 200


def test_etag_changes_with_the_answer(client: TestClient, world: World) -> None:
    assert client.get("/v1/statements?limit=1").headers["etag"] != client.get("/v1/statements?limit=2").headers["etag"]


def test_errors_carry_no_etag(client: TestClient) -> None:
    response = client.get("/v1/statements/999999")
    assert response.status_code == 404
    assert "etag" not in response.headers


@pytest.mark.parametrize("path", ["/v1/statements", "/v1/speakers", "/v1/documents"])
def test_link_to_the_next_page_keeps_the_parameters(client: TestClient, world: World, path: str) -> None:
    response = client.get(path, params={"limit": 1, "kind": "direct"} if path == "/v1/statements" else {"limit": 1})
    link = response.headers["link"]
    assert link.endswith('>; rel="next"')
    url = link[1 : link.index(">")]
    assert f"cursor={response.json()['next_cursor']}" in url
    assert "limit=1" in url
    following = client.get(url)
    assert following.status_code == 200
    assert following.json()["items"][0]["id"] != response.json()["items"][0]["id"]


def test_no_link_on_the_last_page(client: TestClient, world: World) -> None:
    assert "link" not in client.get("/v1/statements", params={"limit": 500}).headers


def test_cors_origins_come_from_settings(db_url: str, world: World) -> None:
    app = create_app(settings_for(db_url, cors_origins=["https://app.example"]))
    with TestClient(app) as client:
        response = client.get("/v1/statements?limit=1", headers={"Origin": "https://app.example"})
        assert response.headers["access-control-allow-origin"] == "https://app.example"
        exposed = response.headers["access-control-expose-headers"].lower()
        assert {"etag", "link", "content-disposition"} <= {h.strip() for h in exposed.split(",")}
        preflight = client.options(
            "/v1/statements",
            headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
        )
        assert preflight.status_code == 200
        other = client.get("/v1/statements?limit=1", headers={"Origin": "https://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
