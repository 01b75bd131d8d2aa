"""Bulk export: every matching statement, streamed in batches, as CSV or NDJSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.api.statements import export

from . import factories as make
from .conftest import World


def listed(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/statements", params={"limit": 500, **params})
    assert response.status_code == 200
    items: list[dict[str, Any]] = response.json()["items"]
    return items


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of two rows, so the six statements of the test world take several batches."""
    original = export._batches

    def two_at_a_time(*args: Any, **kwargs: Any) -> Any:
        kwargs["size"] = 2
        return original(*args, **kwargs)

    monkeypatch.setattr(export, "_batches", two_at_a_time)


def test_ndjson_lines_are_the_list_items(client: TestClient, world: World, small_batches: None) -> None:
    response = client.get("/v1/statements/export", params={"format": "ndjson"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.headers["content-disposition"].startswith('attachment; filename="dyad-statements-')
    assert response.headers["content-disposition"].endswith('.ndjson"')
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines == listed(client)
    assert "etag" not in response.headers  # streamed, never buffered for a tag


def flat(item: dict[str, Any]) -> dict[str, str]:
    """A list item as its CSV row: nested fields as ``speaker_name``, lists joined by ';', missing as ''."""
    row: dict[str, str] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            row.update({f"{key}_{name}": "" if v is None else str(v) for name, v in value.items()})
        else:
            row[key] = ";".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return row


def test_csv_has_one_row_per_statement(client: TestClient, world: World, small_batches: None) -> None:
    response = client.get("/v1/statements/export", params={"sort": "date"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    items = listed(client, sort="date")
    assert [int(row["id"]) for row in rows] == [item["id"] for item in items]
    assert list(rows[0]) == list(export.CSV_COLUMNS)
    by_id = {item["id"]: item for item in items}
    for row in rows:
        item = flat(by_id[int(row["id"])])
        assert set(item) == set(row)  # every field of the list item is a column, and no other
        assert row == item  # quotes, commas and newlines survive the round trip


def test_exports_keep_awkward_text_intact(client: TestClient, session: Session) -> None:
    text = 'He said: "Nǐ hǎo… \\ back\tslash", then\r\nleft — 🙂 <b>&amp;</b>'
    speaker = make.speaker(session, name="Lena Ødegaard", country="NO", title="Minister")
    document = make.document(session, body=text, title='A "title", with commas')
    make.statement(
        session,
        document=document,
        speaker=speaker,
        text=text,
        topics=["trade_economy", "diplomacy"],
        countries=["SE", "NO"],
    )
    session.commit()
    [item] = listed(client)
    ndjson = client.get("/v1/statements/export", params={"format": "ndjson"}).text.splitlines()
    assert [json.loads(line) for line in ndjson] == [item]
    [row] = list(csv.DictReader(io.StringIO(client.get("/v1/statements/export").text, newline="")))
    assert row["text"] == text
    assert row["document_title"] == 'A "title", with commas'
    assert row["topics"] == "diplomacy;trade_economy"
    assert row["countries"] == "NO;SE"


def test_a_statement_without_topics_or_countries(client: TestClient, session: Session) -> None:
    speaker = make.speaker(session, name="Lena Ødegaard", country="NO")
    document = make.document(session, body="The talks went well.")
    make.statement(session, document=document, speaker=speaker, text="The talks went well.")
    session.commit()
    [item] = listed(client)
    assert (item["topics"], item["countries"]) == ([], [])
    ndjson = client.get("/v1/statements/export", params={"format": "ndjson"}).text.splitlines()
    assert [json.loads(line) for line in ndjson] == [item]
    [row] = list(csv.DictReader(io.StringIO(client.get("/v1/statements/export").text, newline="")))
    assert (row["topics"], row["countries"]) == ("", "")


@pytest.mark.parametrize(
    "params",
    [
        {"country": ["CN", "RU"]},
        {"speaker": "putin"},
        {"topic": "diplomacy", "kind": "direct"},
        {"q": "china"},
        {"date_from": "2024-02-01"},
    ],
)
def test_export_applies_every_filter(
    client: TestClient, world: World, small_batches: None, params: dict[str, Any]
) -> None:
    response = client.get("/v1/statements/export", params={"format": "ndjson", **params})
    exported = [json.loads(line)["id"] for line in response.text.splitlines()]
    assert exported == [item["id"] for item in listed(client, sort="-date", **params)]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("format=xlsx", "format"), ("sort=relevance", "sort"), ("topic=nope", "topic"), ("country=QQ", "country")],
)
def test_bad_export_parameters_are_422_before_streaming(client: TestClient, query: str, parameter: str) -> None:
    response = client.get(f"/v1/statements/export?{query}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == parameter


def test_empty_export_is_just_the_header(client: TestClient, world: World) -> None:
    response = client.get("/v1/statements/export", params={"speaker": "nobody at all"})
    assert response.text.splitlines() == [",".join(export.CSV_COLUMNS)]
