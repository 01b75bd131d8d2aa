from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Document, SpeakerOffice
from app.speakers.curation import merge_speakers

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
        "office": "President",
        "organization": None,
        "country": "RU",
        "country_source": "article",
        "aliases": ["Putin"],
        "statement_count": 2,
        "offices": [],
        "first_statement_date": "2024-01-10",
        "last_statement_date": "2024-02-01",
        "counterpart_countries": [{"code": "CN", "statement_count": 1}, {"code": "UA", "statement_count": 1}],
    }


def test_offices_over_time_and_counterparts(client: TestClient, session: Session, world: World) -> None:
    for office, title, first, last in [
        ("Foreign Minister", "Spain's foreign minister", dt.date(2023, 11, 1), dt.date(2024, 3, 4)),
        ("Deputy Prime Minister", "Deputy Prime Minister", dt.date(2021, 7, 12), dt.date(2023, 10, 2)),
    ]:
        session.add(
            SpeakerOffice(
                speaker_id=world.speakers["albares"], office=office, title=title, first_date=first, last_date=last
            )
        )
    session.commit()

    body = client.get(f"/v1/speakers/{world.speakers['albares']}").json()

    assert body["offices"] == [
        {
            "office": "Deputy Prime Minister",
            "title": "Deputy Prime Minister",
            "organization": None,
            "first_seen": "2021-07-12",
            "last_seen": "2023-10-02",
        },
        {
            "office": "Foreign Minister",
            "title": "Spain's foreign minister",
            "organization": None,
            "first_seen": "2023-11-01",
            "last_seen": "2024-03-04",
        },
    ]
    assert body["counterpart_countries"] == [{"code": "CN", "statement_count": 1}]  # its own country left out
    assert ids(client, office="foreign minister") == named(world, "albares")
    assert ids(client, office="Deputy Prime Minister") == named(world, "albares")


def test_list_items_are_the_detail_without_its_extras(client: TestClient, world: World) -> None:
    items = client.get("/v1/speakers").json()["items"]

    for item in items:
        detail = client.get(f"/v1/speakers/{item['id']}").json()
        assert item == {key: detail[key] for key in item}
        assert set(detail) - set(item) == {
            "offices",
            "first_statement_date",
            "last_statement_date",
            "counterpart_countries",
        }
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
        ({"office": "president"}, []),  # offices are those seen in statements (none in this world)
        ({"sort": "-statement_count"}, ["putin", "blinken", "albares", "mfa", "xi"]),
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
        ("office=Emperor", "office"),
        ("sort=count", "sort"),
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


def test_pages_by_statement_count(client: TestClient, world: World) -> None:
    seen: list[int] = []
    cursor = None
    for _page in range(5):
        params: dict[str, Any] = {"limit": 2, "sort": "-statement_count", **({"cursor": cursor} if cursor else {})}
        page = client.get("/v1/speakers", params=params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == named(world, "putin", "blinken", "albares", "mfa", "xi")
    mixed = client.get("/v1/speakers", params={"sort": "name", "cursor": cursor or _first_cursor(client)})
    assert mixed.status_code == 422


def _first_cursor(client: TestClient) -> str:
    cursor: str = client.get("/v1/speakers", params={"limit": 1, "sort": "-statement_count"}).json()["next_cursor"]
    return cursor


def test_organisation_filter(client: TestClient, session: Session, world: World) -> None:
    spokesperson = make.speaker(session, name="Lin Jian", title="Foreign Ministry spokesperson", country="CN")
    spokesperson.organization = "Ministry of Foreign Affairs"
    session.commit()
    assert ids(client, organization="ministry of foreign affairs") == [spokesperson.id]


def test_a_merged_id_redirects_and_its_statements_answer_at_the_survivor(
    client: TestClient, session: Session, world: World
) -> None:
    twin = make.speaker(session, name="V. Putin", country="RU")
    make.statement(
        session,
        document=session.get_one(Document, world.documents["d2"]),
        speaker=twin,
        text="The ministry said tariffs",
    )
    session.commit()
    merge_speakers(session, target=world.speakers["putin"], others=[twin.id])
    session.commit()

    response = client.get(f"/v1/speakers/{twin.id}", follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == f"/v1/speakers/{world.speakers['putin']}"
    assert client.get(f"/v1/speakers/{twin.id}").json()["statement_count"] == 3
    by_old = client.get("/v1/statements", params={"speaker_id": twin.id}).json()["items"]
    by_new = client.get("/v1/statements", params={"speaker_id": world.speakers["putin"]}).json()["items"]
    assert by_old == by_new
    assert len(by_new) == 3
