"""Relations: country pairs and the summary of one pair."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete
from sqlalchemy.orm import Session

from app.models import Statement

from .conftest import World


def test_pairs_by_statement_count(client: TestClient, world: World) -> None:
    response = client.get("/v1/relations")
    assert response.status_code == 200
    assert [(tuple(r["countries"]), r["statement_count"]) for r in response.json()["items"]] == [
        (("CN", "RU"), 3),
        (("CN", "US"), 2),
        (("CN", "ES"), 1),
        (("RU", "UA"), 1),
        (("RU", "US"), 1),
    ]
    assert response.json()["items"][0]["names"] == ["China", "Russian Federation"]


def test_pairs_without_statements_left_are_not_listed(client: TestClient, world: World, session: Session) -> None:
    # the only statement about Russia and Ukraine goes; its pair's count falls to zero
    session.execute(delete(Statement).where(Statement.id == world.statements["putin_ua"]))
    session.commit()
    listed = [tuple(r["countries"]) for r in client.get("/v1/relations").json()["items"]]
    assert listed == [("CN", "RU"), ("CN", "US"), ("CN", "ES"), ("RU", "US")]
    assert client.get("/v1/relations", params={"country": "UA"}).json()["items"] == []


def test_pairs_of_one_country(client: TestClient, world: World) -> None:
    items = client.get("/v1/relations", params={"country": "ua"}).json()["items"]
    assert [(tuple(r["countries"]), r["statement_count"]) for r in items] == [(("RU", "UA"), 1)]


@pytest.mark.parametrize("pair", ["CN-RU", "RU-CN", "ru-cn"])
def test_pair_summary_whatever_the_order(client: TestClient, world: World, pair: str) -> None:
    response = client.get(f"/v1/relations/{pair}")
    assert response.status_code == 200
    summary = response.json()
    assert summary["countries"] == ["CN", "RU"]
    assert summary["statement_count"] == 3
    assert (summary["first_date"], summary["last_date"]) == ("2024-01-09", "2024-03-05")
    cn, ru = summary["sides"]
    assert [s["name"] for s in cn["top_speakers"]] == ["Xi Jinping"]
    assert [(s["name"], s["statement_count"]) for s in ru["top_speakers"]] == [("Vladimir Putin", 1)]
    assert [(t["slug"], t["statement_count"]) for t in summary["topics"]] == [
        ("diplomacy", 3),
        ("security_defense", 1),
        ("trade_economy", 1),
    ]
    s = world.statements
    assert summary["latest_statement_ids"] == [s["blinken"], s["putin_cn"], s["xi"]]


def test_pair_without_statements(client: TestClient, world: World) -> None:
    summary = client.get("/v1/relations/FR-DE").json()
    assert summary["countries"] == ["DE", "FR"]
    assert summary["statement_count"] == 0
    assert summary["first_date"] is None
    assert summary["topics"] == []


@pytest.mark.parametrize("pair", ["CN", "CN-RU-US", "CN-CN", "CN-QQ", "C1-RU"])
def test_bad_pairs_are_422(client: TestClient, pair: str) -> None:
    response = client.get(f"/v1/relations/{pair}")
    assert response.status_code == 422
    assert response.json()["errors"][0] == {
        "parameter": "pair",
        "in": "path",
        "message": response.json()["errors"][0]["message"],
    }


@pytest.mark.parametrize("query", ["country=QQ", "limit=0", "limit=501"])
def test_bad_relation_parameters(client: TestClient, query: str) -> None:
    response = client.get(f"/v1/relations?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == query.split("=")[0]
