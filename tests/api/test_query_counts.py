"""No N+1: a request costs the same number of SQL statements whatever the size of its page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event

from .conftest import World


@contextmanager
def counted(app: FastAPI) -> Iterator[list[str]]:
    """SQL statements the app runs meanwhile (per-transaction settings, such as the time limit, left out)."""
    statements: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.startswith("SELECT set_config("):
            statements.append(statement)

    engine = app.state.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def cost(app: FastAPI, client: TestClient, path: str, **params: Any) -> int:
    with counted(app) as statements:
        response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return len(statements)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/v1/statements", {}),
        ("/v1/statements", {"country": ["CN", "RU"], "topic": "diplomacy"}),
        ("/v1/statements", {"q": "china", "count": "true"}),
        ("/v1/speakers", {}),
        ("/v1/speakers", {"sort": "-statement_count", "office": "President"}),
        ("/v1/documents", {}),
        ("/v1/statements/facets", {"field": "speaker"}),
        ("/v1/statements/facets", {"field": "topic", "kind": "direct"}),
        ("/v1/relations", {}),
    ],
)
def test_small_and_full_pages_cost_the_same(
    app: FastAPI, client: TestClient, world: World, path: str, params: dict[str, Any]
) -> None:
    assert cost(app, client, path, limit=1, **params) == cost(app, client, path, limit=500, **params)


@pytest.mark.parametrize(
    ("path", "params", "most"),
    [
        ("/v1/statements", {}, 1),  # the page, each statement whole from its row and joins
        ("/v1/statements", {"topic": "diplomacy"}, 2),  # and the topic's id
        ("/v1/statements", {"q": "china"}, 3),  # the newest matches, the ranked page, its snippets
        ("/v1/speakers", {}, 3),
        ("/v1/speakers", {"sort": "-statement_count"}, 3),
        ("/v1/documents", {}, 2),
        ("/v1/topics", {}, 1),
        ("/v1/statements/facets", {"field": "country"}, 3),  # buckets, labels, total
        ("/v1/statements/timeline", {"interval": "month"}, 1),
        ("/v1/statements/timeline", {"interval": "month", "group_by": "speaker"}, 3),  # top, their days, names
        ("/v1/statements/timeline", {"interval": "year", "group_by": "speaker_country"}, 5),
        ("/v1/relations", {}, 2),
        ("/v1/relations/CN-RU", {}, 6),
    ],
)
def test_requests_cost_a_fixed_number_of_statements(
    app: FastAPI, client: TestClient, world: World, path: str, params: dict[str, Any], most: int
) -> None:
    assert cost(app, client, path, **params) <= most


def test_a_document_with_its_statements_costs_the_same_as_without(
    app: FastAPI, client: TestClient, world: World
) -> None:
    one = cost(app, client, f"/v1/documents/{world.documents['d1']}")
    three = cost(app, client, f"/v1/documents/{world.documents['d3']}")
    assert one == three <= 2  # the document, then its statements


def test_a_speaker_costs_the_same_whatever_it_said(app: FastAPI, client: TestClient, world: World) -> None:
    one = cost(app, client, f"/v1/speakers/{world.speakers['xi']}")
    two = cost(app, client, f"/v1/speakers/{world.speakers['putin']}")
    assert one == two <= 4  # the speaker with its dates, its offices, its counterparts, its aliases
