"""Facets and timelines: counts over the statements the filters select, on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from .conftest import World


def get(client: TestClient, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def buckets(client: TestClient, **params: Any) -> list[tuple[Any, int]]:
    return [(b["value"], b["count"]) for b in get(client, "/v1/statements/facets", **params)["buckets"]]


def test_country_facet(client: TestClient, world: World) -> None:
    result = get(client, "/v1/statements/facets", field="country")
    assert result["total"] == 6
    assert [(b["value"], b["label"], b["count"]) for b in result["buckets"]][:2] == [
        ("CN", "China", 5),
        ("RU", "Russian Federation", 4),
    ]
    assert buckets(client, field="country") == [("CN", 5), ("RU", 4), ("US", 2), ("ES", 1), ("UA", 1)]


def test_facets_take_the_filters(client: TestClient, world: World) -> None:
    assert buckets(client, field="country", kind="direct") == [("RU", 3), ("CN", 2), ("UA", 1), ("US", 1)]
    assert get(client, "/v1/statements/facets", field="country", kind="direct")["total"] == 3
    assert buckets(client, field="topic", country=["CN", "RU"]) == [
        ("diplomacy", 3),
        ("security_defense", 1),
        ("trade_economy", 1),
    ]
    assert buckets(client, field="kind", q="china") == [("direct", 2), ("indirect", 1), ("mixed", 1)]


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            "topic",
            [
                ("diplomacy", 3),
                ("security_defense", 2),
                ("trade_economy", 2),
                ("conflict_crisis", 1),
                ("multilateral", 1),
            ],
        ),
        ("speaker_country", [("CN", 2), ("RU", 2), ("ES", 1), ("US", 1)]),
        ("kind", [("direct", 3), ("indirect", 2), ("mixed", 1)]),
    ],
)
def test_facet_fields(client: TestClient, world: World, field: str, expected: list[tuple[str, int]]) -> None:
    assert buckets(client, field=field) == expected


def test_speaker_facet_names_speakers(client: TestClient, world: World) -> None:
    result = get(client, "/v1/statements/facets", field="speaker", limit=2)
    assert result["buckets"][0] == {"value": world.speakers["putin"], "label": "Vladimir Putin", "count": 2}
    assert len(result["buckets"]) == 2


def test_facet_counts_agree_with_the_list(client: TestClient, world: World) -> None:
    for value, count in buckets(client, field="topic", date_to="2024-02-01"):
        listed = get(client, "/v1/statements", topic=value, date_to="2024-02-01", limit=500)["items"]
        assert len(listed) == count


def test_monthly_timeline_counts_undated_statements_on_their_publication_date(client: TestClient, world: World) -> None:
    result = get(client, "/v1/statements/timeline", interval="month")
    assert result["group_by"] is None
    [series] = result["series"]
    assert series["points"] == [
        {"period": "2024-01-01", "count": 3},
        {"period": "2024-02-01", "count": 1},  # putin_ua: undated, published 2024-02-01
        {"period": "2024-03-01", "count": 2},
    ]


@pytest.mark.parametrize(
    ("interval", "expected"),
    [
        ("week", [("2024-01-08", 2), ("2024-01-29", 2), ("2024-03-04", 2)]),
        ("year", [("2024-01-01", 6)]),
        (
            "day",
            [
                ("2024-01-09", 1),
                ("2024-01-10", 1),
                ("2024-01-30", 1),
                ("2024-02-01", 1),
                ("2024-03-04", 1),
                ("2024-03-05", 1),
            ],
        ),
    ],
)
def test_timeline_intervals(client: TestClient, world: World, interval: str, expected: list[tuple[str, int]]) -> None:
    [series] = get(client, "/v1/statements/timeline", interval=interval)["series"]
    assert [(p["period"], p["count"]) for p in series["points"]] == expected


def test_timeline_by_topic(client: TestClient, world: World) -> None:
    result = get(client, "/v1/statements/timeline", interval="month", group_by="topic", groups=2)
    assert [(s["key"], s["label"]) for s in result["series"]] == [
        ("diplomacy", "Diplomacy"),
        ("trade_economy", "Trade and economy"),
    ]
    assert result["series"][0]["points"] == [{"period": "2024-01-01", "count": 2}, {"period": "2024-03-01", "count": 1}]
    assert result["series"][1]["points"] == [{"period": "2024-01-01", "count": 2}]


def test_timeline_by_speaker_country_with_a_filter(client: TestClient, world: World) -> None:
    result = get(client, "/v1/statements/timeline", interval="year", group_by="speaker_country", country="RU")
    assert [(s["key"], s["points"][0]["count"]) for s in result["series"]] == [("RU", 2), ("CN", 1), ("US", 1)]


@pytest.mark.parametrize(
    ("path", "query", "parameter"),
    [
        ("/v1/statements/facets", "", "field"),
        ("/v1/statements/facets", "field=colour", "field"),
        ("/v1/statements/facets", "field=kind&limit=0", "limit"),
        ("/v1/statements/facets", "field=kind&topic=nope", "topic"),
        ("/v1/statements/timeline", "interval=fortnight", "interval"),
        ("/v1/statements/timeline", "group_by=weather", "group_by"),
        ("/v1/statements/timeline", "group_by=topic&groups=0", "groups"),
        ("/v1/statements/timeline", "country=QQ", "country"),
    ],
)
def test_bad_aggregate_parameters(client: TestClient, path: str, query: str, parameter: str) -> None:
    response = client.get(f"{path}?{query}")
    assert response.status_code == 422
    assert [e["parameter"] for e in response.json()["errors"]] == [parameter]
