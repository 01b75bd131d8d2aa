"""Full-text search: words, phrases, OR, exclusion, stemming, relevance, snippets, on both databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.api.statements import search as search_module

from . import factories as make

TEXTS = {
    "ports": "The two ports will open to fishing fleets from both countries next spring.",
    "port_again": "Port fees, port security and port labour were discussed; the ports agreement is close.",
    "grain": "Grain exports through the Black Sea corridor must continue without interruption.",
    "fishing": "Fishing quotas in the northern waters will be reviewed by a joint commission.",
    "markup": "Tariffs <b>hurt</b> farmers & traders, and fishing towns suffer most.",
    "trade": "Trading ties grew while trade talks stalled over grain tariffs.",
}


@pytest.fixture
def texts(session: Session) -> dict[str, int]:
    speaker = make.speaker(session, name="Nadia Kerimova", country="AZ")
    ids = {}
    for day, (name, text) in enumerate(TEXTS.items(), start=1):
        document = make.document(session, body=text, published=dt.date(2024, 4, day))
        row = make.statement(session, document=document, speaker=speaker, text=text, date=dt.date(2024, 4, day))
        ids[name] = row.id
    session.commit()
    return ids


def search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/v1/statements", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def found(client: TestClient, texts: dict[str, int], q: str, **params: Any) -> set[str]:
    names = {v: k for k, v in texts.items()}
    return {names[item["id"]] for item in search(client, q=q, limit=50, **params)["items"]}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("grain", {"grain", "trade"}),
        ("grain tariffs", {"trade"}),
        ("fish", {"ports", "fishing", "markup"}),  # stemming: fishing -> fish
        ("traded", {"trade"}),  # trading / trade / traded share a stem
        ('"fishing quotas"', {"fishing"}),
        ('"quotas fishing"', set()),
        ("grain OR quotas", {"grain", "trade", "fishing"}),
        ("fishing -quotas", {"ports", "markup"}),
        ('port -"ports agreement"', {"ports"}),
        ("PORTS", {"ports", "port_again"}),
        ("nothingmatches", set()),
    ],
)
def test_search_syntax(client: TestClient, texts: dict[str, int], q: str, expected: set[str]) -> None:
    assert found(client, texts, q) == expected


def test_relevance_is_the_default_with_q(client: TestClient, texts: dict[str, int]) -> None:
    items = search(client, q="port")["items"]
    assert [item["id"] for item in items] == [texts["port_again"], texts["ports"]]  # four mentions beat one
    by_date = search(client, q="port", sort="date")["items"]
    assert [item["id"] for item in by_date] == [texts["ports"], texts["port_again"]]


def test_snippets_mark_the_matches_and_escape_the_text(client: TestClient, texts: dict[str, int]) -> None:
    [hit] = search(client, q="farmers")["items"]
    assert "<mark>farmers</mark>" in hit["snippet"]
    # the article's own markup never comes through as markup (escaped, or dropped by PostgreSQL)
    assert "<b>" not in hit["snippet"]
    assert "hurt" in hit["snippet"]
    assert "&amp;" in hit["snippet"]
    assert hit["text"] == TEXTS["markup"]
    assert "snippet" not in search(client)["items"][0]


def test_relevance_pages_have_no_gaps_or_repeats(client: TestClient, texts: dict[str, int]) -> None:
    whole = [item["id"] for item in search(client, q="fishing OR grain OR port", limit=50)["items"]]
    seen: list[int] = []
    cursor = None
    while True:
        page = search(client, q="fishing OR grain OR port", limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == whole
    assert len(whole) == 6


def test_count_adds_the_total(client: TestClient, texts: dict[str, int]) -> None:
    page = search(client, q="fishing", limit=1, count="true")
    assert page["total"] == 3
    assert len(page["items"]) == 1
    assert "total" not in search(client, q="fishing")


@pytest.mark.parametrize("narrowed", [{}, {"kind": "indirect"}, {"speaker": "Nadia Kerimova"}])
def test_relevance_ranks_the_most_recently_stored_matches(
    client: TestClient, texts: dict[str, int], monkeypatch: pytest.MonkeyPatch, narrowed: dict[str, str]
) -> None:
    monkeypatch.setattr(search_module, "RELEVANCE_WINDOW", 2)
    q = "fishing OR grain OR port"
    ranked = search(client, q=q, count="true", **narrowed)
    assert {item["id"] for item in ranked["items"]} == {texts["markup"], texts["trade"]}
    assert ranked["total"] == 6  # the count covers every match
    assert len(search(client, q=q, sort="-date", **narrowed)["items"]) == 6
    # fewer matches than the window: all are ranked
    assert {item["id"] for item in search(client, q="port", **narrowed)["items"]} == {
        texts["ports"],
        texts["port_again"],
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sort": "relevance"}, "sort: relevance orders the matches of q"),
        ({"q": "-fishing"}, "q: nothing to look for"),
        ({"q": '""'}, "q: nothing to look for"),
        ({"q": "%%"}, "q: nothing to look for"),
    ],
)
def test_bad_search_parameters(client: TestClient, texts: dict[str, int], params: dict[str, str], message: str) -> None:
    response = client.get("/v1/statements", params=params)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(message)
    assert response.json()["errors"][0]["parameter"] == message.split(":")[0]


def test_a_relevance_cursor_does_not_continue_a_date_sort(client: TestClient, texts: dict[str, int]) -> None:
    cursor = search(client, q="fishing OR grain", limit=1)["next_cursor"]
    response = client.get("/v1/statements", params={"q": "fishing OR grain", "sort": "-date", "cursor": cursor})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_search_sees_new_and_removed_statements(client: TestClient, session: Session, texts: dict[str, int]) -> None:
    speaker = make.speaker(session, name="Ivo Petrov", country="BG")
    document = make.document(session, body="Saffron imports doubled.")
    row = make.statement(session, document=document, speaker=speaker, text="Saffron imports doubled.")
    session.commit()
    assert [item["id"] for item in search(client, q="saffron")["items"]] == [row.id]
    session.delete(row)
    session.commit()
    assert search(client, q="saffron")["items"] == []
