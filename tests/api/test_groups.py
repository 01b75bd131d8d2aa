"""Statement groups in the API: every statement carries its group, distinct=true keeps the earliest
copy of each, counts follow, a statement lists the outlets that carried it; pages upload as HTML."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.web import PORT_DEAL, page

from . import factories as make
from .test_query_counts import cost

WORDS = "China and Russia will deepen their strategic coordination"


@pytest.fixture
def copies(session: Session) -> dict[str, int]:
    """One statement carried by three outlets, and one carried once."""
    xi = make.speaker(session, name="Xi Jinping", country="CN")
    ids: dict[str, int] = {}
    first = None
    for day, outlet in ((2, "wire.example"), (3, "daily.example"), (5, "weekly.example")):
        doc = make.document(
            session,
            body=f"{WORDS}, Xi said.",
            published=dt.date(2024, 1, day),
            source_url=f"https://{outlet}/xi",
            title=outlet,
        )
        row = make.statement(
            session, document=doc, speaker=xi, text=WORDS, topics=["diplomacy"], countries=["CN", "RU"], group=first
        )
        first = first or row
        ids[outlet] = row.id
    other = make.document(session, body="Trade will grow, Xi said.", published=dt.date(2024, 1, 4))
    ids["alone"] = make.statement(
        session, document=other, speaker=xi, text="Trade will grow", countries=["CN", "RU"]
    ).id
    session.commit()
    return ids


def test_every_statement_carries_its_group(client: TestClient, copies: dict[str, int]) -> None:
    items = client.get("/v1/statements", params={"sort": "date"}).json()["items"]
    assert [(i["id"], i["group"]["copies"]) for i in items] == [
        (copies["wire.example"], 3),
        (copies["daily.example"], 3),
        (copies["alone"], 1),
        (copies["weekly.example"], 3),
    ]
    assert len({i["group"]["id"] for i in items}) == 2


def test_distinct_keeps_the_earliest_copy_of_each_group(client: TestClient, copies: dict[str, int]) -> None:
    params: dict[str, Any] = {"distinct": "true", "sort": "date", "count": "true"}
    page_ = client.get("/v1/statements", params=params).json()
    assert [i["id"] for i in page_["items"]] == [copies["wire.example"], copies["alone"]]
    assert page_["total"] == 2


def test_counts_timelines_and_relations_take_distinct(client: TestClient, copies: dict[str, int]) -> None:
    def facet(distinct: bool) -> tuple[int, list[int]]:
        body = client.get("/v1/statements/facets", params={"field": "topic", "distinct": distinct}).json()
        return body["total"], [b["count"] for b in body["buckets"]]

    assert facet(False) == (4, [3])
    assert facet(True) == (2, [1])
    timeline = client.get("/v1/statements/timeline", params={"interval": "year", "distinct": "true"}).json()
    assert timeline["series"][0]["points"] == [{"period": "2024-01-01", "count": 2}]
    for distinct, expected in ((False, 4), (True, 2)):
        listed = client.get("/v1/relations", params={"distinct": distinct}).json()["items"]
        assert [r["statement_count"] for r in listed] == [expected]
        summary = client.get("/v1/relations/CN-RU", params={"distinct": distinct}).json()
        assert summary["statement_count"] == expected


def test_a_statement_lists_the_other_outlets_that_carried_it(client: TestClient, copies: dict[str, int]) -> None:
    detail = client.get(f"/v1/statements/{copies['daily.example']}").json()
    assert [(c["statement_id"], c["outlet"], c["document"]["published"]) for c in detail["carried_by"]] == [
        (copies["wire.example"], "wire.example", "2024-01-02"),
        (copies["weekly.example"], "weekly.example", "2024-01-05"),
    ]
    assert client.get(f"/v1/statements/{copies['alone']}").json()["carried_by"] == []


def test_distinct_costs_no_more_statements(app: FastAPI, client: TestClient, copies: dict[str, int]) -> None:
    for path, params in (
        ("/v1/statements", {"country": ["CN", "RU"]}),
        ("/v1/statements/facets", {"field": "country"}),
        ("/v1/relations", {}),
    ):
        assert cost(app, client, path, **params, distinct="true") == cost(app, client, path, **params)
    assert cost(app, client, f"/v1/statements/{copies['daily.example']}") <= 2  # the statement, its copies


def test_a_saved_page_uploads_as_html(client: TestClient) -> None:
    data = page("Ministers agree on port deal", PORT_DEAL, canonical="https://ledger.example/port")
    created = client.post("/v1/documents", content=data, headers={"Content-Type": "text/html"})
    assert created.status_code == 201, created.text
    document = created.json()
    assert (document["title"], document["published"]) == ("Ministers agree on port deal", "2024-03-14")
    assert document["source_url"] == "https://ledger.example/port"
    assert document["statements"]
    again = client.post("/v1/documents", content=data, headers={"Content-Type": "text/html; charset=utf-8"})
    assert again.status_code == 200


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (page("Home", ["Latest", "Weather"]), "body: no article text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "body: not an HTML page"),
        (page("Ministers agree on port deal", PORT_DEAL, published=None), "body: no publication date"),
    ],
)
def test_a_page_that_is_no_article_is_422_naming_the_body(client: TestClient, data: bytes, detail: str) -> None:
    response = client.post("/v1/documents", content=data, headers={"Content-Type": "text/html"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith(detail)
    assert response.json()["errors"][0]["parameter"] == "body"
    assert client.get("/v1/documents").json()["items"] == []
