from __future__ import annotations

from fastapi.testclient import TestClient

from app.taxonomy import load

from .conftest import World


def test_topics_list_the_taxonomy_by_slug(client: TestClient) -> None:
    response = client.get("/v1/topics")

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"items"}
    expected = sorted(
        ({"slug": t["slug"], "label": t["label"], "description": t["description"]} for t in load()),
        key=lambda t: t["slug"],
    )
    assert [{k: v for k, v in item.items() if k != "statement_count"} for item in body["items"]] == expected


def test_topics_count_their_statements(client: TestClient, world: World) -> None:
    counts = {item["slug"]: item["statement_count"] for item in client.get("/v1/topics").json()["items"]}

    assert counts["diplomacy"] == 3
    assert counts["security_defense"] == 2
    assert counts["multilateral"] == 1
    assert counts["health"] == 0
