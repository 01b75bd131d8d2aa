from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from . import factories as make
from .conftest import World

# Alphabetical by name key: accents and case ignored.
ALPHABETICAL = ("blinken", "albares", "mfa", "putin", "xi")


def ids(client: TestClient, **params: Any) -> list[int]:
    response = client.get("/v1/speakers", params=params)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def named(world: World, *names: str) -> list[int]:
    return [world.speakers[name] for name in names]


def test_list_is_alphabetical_in_an_envelope(client: TestClient, world: World) -> None:
    response = client.get("/v1/speakers")

    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    assert [item["id"] for item in body["items"]] == named(world, *ALPHABETICAL)


def test_speaker_is_serialised_exactly(client: TestClient, world: World) -> None:
    response = client.get(f"/v1/speakers/{world.speakers['putin']}")

    assert response.status_code == 200
    assert response.json() == {
        "id": world.speakers["putin"],
        "name": "Vladimir Putin",
        "kind": "person",
        "title": "President",
        "country": "RU",
        "aliases": ["Putin"],
        "statement_count": 2,
    }


def test_list_items_have_the_detail_shape(client: TestClient, world: World) -> None:
    items = client.get("/v1/speakers").json()["items"]

    for item in items:
        assert item == client.get(f"/v1/speakers/{item['id']}").json()
    assert {item["name"]: item["statement_count"] for item in items} == {
        "Antony Blinken": 1,
        "José Manuel Albares": 1,
        "Ministry of Foreign Affairs": 1,
        "Vladimir Putin": 2,
        "Xi Jinping": 1,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "putin"}, ["putin"]),
        ({"q": "PUT"}, ["putin"]),
        ({"q": "josé"}, ["albares"]),
        ({"q": "jose manuel"}, ["albares"]),
        ({"q": "foreign ministry"}, ["mfa"]),
        ({"q": "in"}, ["blinken", "mfa", "putin", "xi"]),
        ({"q": "lavrov"}, []),
        ({"country": "cn"}, ["mfa", "xi"]),
        ({"kind": "organization"}, ["mfa"]),
        ({"kind": "person", "country": "CN"}, ["xi"]),
    ],
)
def test_filters(client: TestClient, world: World, params: dict[str, Any], expected: list[str]) -> None:
    assert ids(client, **params) == named(world, *expected)


def test_pages_in_name_order_with_ties(client: TestClient, session: Session, world: World) -> None:
    twins = [make.speaker(session, name="Wang Yi", country=code).id for code in ("CN", "SG", "MY")]
    session.commit()
    expected = [*named(world, "blinken", "albares", "mfa", "putin"), *twins, world.speakers["xi"]]

    seen: list[int] = []
    cursor = None
    for _page in range(len(expected)):
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/speakers", params=params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == expected
    assert cursor is None


def test_get_unknown_speaker_is_404(client: TestClient) -> None:
    response = client.get("/v1/speakers/424242")

    assert response.status_code == 404
    assert response.json()["detail"] == "No speaker with id 424242."


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("kind=robot", "kind"),
        ("country=Spain", "country"),
        ("limit=0", "limit"),
        ("limit=501", "limit"),
        ("q=", "q"),
        ("q=%2A%2A", "q"),
        ("cursor=xyz", "cursor"),
    ],
)
def test_bad_parameter_is_422_naming_it(client: TestClient, query: str, parameter: str) -> None:
    response = client.get(f"/v1/speakers?{query}")

    assert response.status_code == 422
    assert [e["parameter"] for e in response.json()["errors"]] == [parameter]


def test_a_statements_cursor_is_not_a_speakers_cursor(client: TestClient, world: World) -> None:
    cursor = client.get("/v1/statements", params={"limit": 1}).json()["next_cursor"]

    response = client.get("/v1/speakers", params={"cursor": cursor})

    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "cursor"
