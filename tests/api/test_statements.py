from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session

from . import factories as make
from .conftest import World


def ids(client: TestClient, **params: Any) -> list[int]:
    response = client.get("/v1/statements", params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def named(world: World, *names: str) -> list[int]:
    return [world.statements[name] for name in names]


NEWEST_FIRST = ("blinken", "albares", "putin_ua", "mfa", "putin_cn", "xi")


def test_list_is_newest_first_in_an_envelope(client: TestClient, world: World) -> None:
    response = client.get("/v1/statements")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"items", "next_cursor"}
    assert body["next_cursor"] is None
    assert [item["id"] for item in body["items"]] == named(world, *NEWEST_FIRST)


def test_sort_by_date_is_oldest_first(client: TestClient, world: World) -> None:
    assert ids(client, sort="date") == named(world, *reversed(NEWEST_FIRST))


def test_statement_is_serialised_exactly(client: TestClient, world: World) -> None:
    item = client.get(f"/v1/statements/{world.statements['albares']}").json()

    body = client.get(f"/v1/documents/{world.documents['d3']}").json()["body"]
    start = body.index("Spain wants")
    assert item == {
        "id": world.statements["albares"],
        "text": 'Spain wants stable trade ties with China, "and we mean it."',
        "kind": "mixed",
        "cue": "said",
        "date": "2024-03-04",
        "speaker": {
            "id": world.speakers["albares"],
            "name": "José Manuel Albares",
            "title": "Acting Foreign Minister",
            "country": "ES",
            "kind": "person",
        },
        "topics": ["multilateral"],
        "countries": ["CN", "ES"],
        "document": {
            "id": world.documents["d3"],
            "title": "Madrid and Washington on Beijing",
            "published": "2024-03-05",
            "source_url": None,
        },
        "span": {"start": start, "end": start + len(item["text"])},
        "group": {"id": item["group"]["id"], "copies": 1},
        "carried_by": [],
    }


def test_undated_statement_has_null_date_and_speaker_title_falls_back(client: TestClient, world: World) -> None:
    item = client.get(f"/v1/statements/{world.statements['putin_ua']}").json()

    assert item["date"] is None
    assert item["document"]["published"] == "2024-02-01"
    assert item["speaker"]["title"] == "President"
    assert item["topics"] == ["conflict_crisis", "security_defense"]


def test_every_text_is_its_span_of_the_body(client: TestClient, world: World) -> None:
    bodies = {doc_id: client.get(f"/v1/documents/{doc_id}").json()["body"] for doc_id in world.documents.values()}
    items = client.get("/v1/statements").json()["items"]

    assert len(items) == 6
    for item in items:
        span = item["span"]
        assert bodies[item["document"]["id"]][span["start"] : span["end"]] == item["text"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "Xi Jinping"}, ["xi"]),
        ({"speaker": "XI JINPING"}, ["xi"]),
        ({"speaker": "xi"}, ["xi"]),
        ({"speaker": "putin"}, ["putin_ua", "putin_cn"]),
        ({"speaker": "Jose Manuel Albares"}, ["albares"]),
        ({"speaker": "the Chinese Foreign Ministry"}, ["mfa"]),
        ({"speaker": "Jinping"}, []),
        ({"speaker": "Nobody"}, []),
        ({"speaker_country": "cn"}, ["mfa", "xi"]),
        ({"speaker_country": "RU"}, ["putin_ua", "putin_cn"]),
        ({"country": "CN"}, ["blinken", "albares", "mfa", "putin_cn", "xi"]),
        ({"country": ["CN", "RU"]}, ["blinken", "putin_cn", "xi"]),
        ({"country": ["cn", "ru", "us"]}, ["blinken"]),
        ({"country": ["UA", "CN"]}, []),
        ({"country": ["RU", "RU"]}, ["blinken", "putin_ua", "putin_cn", "xi"]),
        ({"topic": "diplomacy"}, ["blinken", "putin_cn", "xi"]),
        ({"topic": ["diplomacy", "trade_economy"]}, ["xi"]),
        ({"topic": ["security_defense", "diplomacy"]}, ["blinken"]),
        ({"kind": "direct"}, ["blinken", "putin_ua", "putin_cn"]),
        ({"kind": "indirect"}, ["mfa", "xi"]),
        ({"kind": "mixed"}, ["albares"]),
        ({"date_from": "2024-01-10", "date_to": "2024-02-01"}, ["mfa", "putin_cn"]),
        ({"date_from": "2024-03-04"}, ["blinken", "albares"]),
        ({"date_to": "2024-01-09"}, ["xi"]),
        ({"date_from": "2024-01-09", "date_to": "2024-01-09"}, ["xi"]),
        ({"q": "china russia", "sort": "-date"}, ["blinken", "xi"]),
        ({"q": "CHINA", "sort": "-date"}, ["blinken", "albares", "putin_cn", "xi"]),
        ({"q": "partnerships"}, ["putin_cn"]),
        ({"q": "partner"}, []),
        ({"speaker_country": "RU", "kind": "direct", "country": "UA"}, ["putin_ua"]),
        ({"topic": "diplomacy", "date_to": "2024-01-31", "sort": "date"}, ["xi", "putin_cn"]),
    ],
)
def test_filters(client: TestClient, world: World, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, **params) == named(world, *expected)


def test_filter_by_ids(client: TestClient, world: World) -> None:
    assert ids(client, speaker_id=world.speakers["putin"]) == named(world, "putin_ua", "putin_cn")
    assert ids(client, document_id=world.documents["d2"]) == named(world, "putin_ua", "mfa")
    assert ids(client, document_id=world.documents["d2"], speaker_id=world.speakers["xi"]) == []


def test_get_unknown_statement_is_404(client: TestClient, world: World) -> None:
    response = client.get("/v1/statements/999999")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "No statement with id 999999."


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("limit=ten", "limit"),
        ("kind=quote", "kind"),
        ("sort=newest", "sort"),
        ("sort=date&sort=bogus", "sort"),
        ("date_from=2024-02-30", "date_from"),
        ("date_from=20240101", "date_from"),
        ("date_to=1700000000", "date_to"),
        ("date_from=2024-03-01&date_to=2024-02-01", "date_to"),
        ("country=CHN", "country"),
        ("country=CN&country=1", "country"),
        ("speaker_country=China", "speaker_country"),
        ("speaker_id=0", "speaker_id"),
        ("speaker_id=99999999999", "speaker_id"),
        ("document_id=x", "document_id"),
        ("speaker=%21%21%21", "speaker"),
        ("speaker=", "speaker"),
        ("q=a%00b", "q"),
        ("topic=" + "x" * 201, "topic"),
        ("topic=no_such_topic", "topic"),
        ("topic=diplomacy&topic=warfare", "topic"),
        ("country=XX", "country"),
        ("country=CN&country=QQ", "country"),
        ("speaker_country=ZZ", "speaker_country"),
        ("sort=relevance", "sort"),
        ("q=-only", "q"),
        ("cursor=not-a-cursor", "cursor"),
        ("cursor=" + "A" * 1001, "cursor"),
    ],
)
def test_bad_parameter_is_422_naming_it(client: TestClient, query: str, parameter: str) -> None:
    response = client.get(f"/v1/statements?{query}")

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert [(e["parameter"], e["in"]) for e in problem["errors"]] == [(parameter, "query")]
    assert problem["detail"].startswith(f"{parameter}: ")


@pytest.mark.parametrize("path", ["/v1/statements/abc", "/v1/statements/0", "/v1/statements/3000000000"])
def test_bad_statement_id_is_422_naming_it(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 422
    assert [(e["parameter"], e["in"]) for e in response.json()["errors"]] == [("statement_id", "path")]


def test_several_bad_parameters_are_all_named(client: TestClient) -> None:
    response = client.get("/v1/statements?limit=0&kind=quote")

    assert response.status_code == 422
    assert {e["parameter"] for e in response.json()["errors"]} == {"limit", "kind"}


# Pagination: ties on date must neither repeat nor skip a statement across pages.


@pytest.fixture
def crowded(session: Session) -> list[tuple[dt.date, int]]:
    """Fifteen statements, most of them on one day; returns their (sort_date, id)."""
    texts = [f"Statement number {n} was made." for n in range(15)]
    doc = make.document(session, body="\n\n".join(texts), published=dt.date(2024, 5, 1))
    wang = make.speaker(session, name="Wang Yi", country="CN")
    days = [dt.date(2024, 4, 30)] * 9 + [dt.date(2024, 4, 2), None, None, dt.date(2024, 4, 29), None, None]
    rows = [
        make.statement(session, document=doc, speaker=wang, text=text, date=day, countries=["CN"])
        for text, day in zip(texts, days, strict=True)
    ]
    session.commit()
    return [(row.sort_date, row.id) for row in rows]


def walk(client: TestClient, limit: int, **params: Any) -> tuple[list[int], int]:
    """Every id through every page; returns the ids and the number of pages."""
    seen: list[int] = []
    cursor: str | None = None
    pages = 0
    while pages <= 100:  # a cursor that never advances must fail the test, not hang it
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = client.get("/v1/statements", params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        pages += 1
        assert len(page["items"]) <= limit
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return seen, pages
    raise AssertionError(f"no last page after {pages} pages")


@pytest.mark.parametrize("limit", [1, 2, 4, 15])
@pytest.mark.parametrize("sort", ["-date", "date"])
def test_pages_cover_everything_once_in_order(
    client: TestClient, crowded: list[tuple[dt.date, int]], sort: str, limit: int
) -> None:
    expected = [row_id for _day, row_id in sorted(crowded, reverse=sort == "-date")]

    seen, pages = walk(client, limit, sort=sort)

    assert seen == expected
    assert pages == -(-len(expected) // limit)


def test_pages_with_filters(client: TestClient, crowded: list[tuple[dt.date, int]], world: World) -> None:
    everything, _pages = walk(client, 500, country="CN")
    assert len(everything) == len(crowded) + 5

    seen, pages = walk(client, 3, country="CN")

    assert seen == everything
    assert pages == 7


def test_a_full_last_page_has_no_cursor(client: TestClient, world: World) -> None:
    first = client.get("/v1/statements", params={"limit": 3}).json()
    second = client.get("/v1/statements", params={"limit": 3, "cursor": first["next_cursor"]}).json()

    assert first["next_cursor"] is not None
    assert [item["id"] for item in second["items"]] == named(world, "mfa", "putin_cn", "xi")
    assert second["next_cursor"] is None


def test_cursor_of_another_sort_is_422(client: TestClient, world: World) -> None:
    cursor = client.get("/v1/statements", params={"limit": 2}).json()["next_cursor"]

    response = client.get("/v1/statements", params={"cursor": cursor, "sort": "date"})

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "cursor"
    assert "sort" in response.json()["detail"]


def forge(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        forge({"sort": "-date", "after": ["2024-13-01", 1]}),
        forge({"sort": "-date", "after": ["2024-01-01", "1"]}),
        forge({"sort": "-date", "after": ["2024-01-01", 2**40]}),
        forge({"sort": "-date", "after": ["2024-01-01"]}),
        forge({"sort": "-date"}),
        forge(["-date", "2024-01-01", 1]),
        forge("hello"),
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
        "!!!",
    ],
)
def test_forged_cursor_is_422(client: TestClient, world: World, cursor: str) -> None:
    response = client.get("/v1/statements", params={"cursor": cursor})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"parameter": "cursor", "in": "query", "message": response.json()["errors"][0]["message"]}
    ]


# No N+1: a page costs the same number of queries whatever its size.


def count_queries(app: FastAPI, client: TestClient, url: str) -> int:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    engine = app.state.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def test_query_count_does_not_grow_with_the_page(app: FastAPI, client: TestClient, world: World) -> None:
    client.get("/healthz")  # a warm pool: connecting runs no counted statements either way

    small = count_queries(app, client, "/v1/statements?limit=1")
    large = count_queries(app, client, "/v1/statements?limit=6")
    document = count_queries(app, client, f"/v1/documents/{world.documents['d3']}")

    assert small == large
    # The page (and on PostgreSQL the statement time limit).
    assert large <= 2
    assert document <= large + 1
