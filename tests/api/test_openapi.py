"""The OpenAPI document is the API's reference: every operation and parameter is described."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.api.main import create_app

from .conftest import settings_for


@pytest.fixture(scope="module")
def openapi(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # Building the document touches no database.
    url = f"sqlite:///{Path(tmp_path_factory.mktemp('openapi')) / 'unused.db'}"
    with TestClient(create_app(settings_for(url))) as client:
        document: dict[str, Any] = client.get("/openapi.json").json()
    return document


def operations(openapi: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (f"{method.upper()} {path}", operation)
        for path, methods in openapi["paths"].items()
        for method, operation in methods.items()
    ]


def test_every_operation_is_described(openapi: dict[str, Any]) -> None:
    found = operations(openapi)

    assert {name for name, _ in found} == {
        "GET /v1/statements",
        "GET /v1/statements/{statement_id}",
        "GET /v1/statements/export",
        "GET /v1/statements/facets",
        "GET /v1/statements/timeline",
        "GET /v1/relations",
        "GET /v1/relations/{pair}",
        "GET /v1/speakers",
        "GET /v1/speakers/{speaker_id}",
        "GET /v1/documents",
        "POST /v1/documents",
        "GET /v1/documents/{document_id}",
        "DELETE /v1/documents/{document_id}",
        "GET /v1/topics",
        "GET /healthz",
    }
    undescribed = [name for name, operation in found if not operation.get("description", "").strip()]
    assert undescribed == []


def test_every_parameter_is_described(openapi: dict[str, Any]) -> None:
    undescribed = [
        f"{name}: {parameter['name']}"
        for name, operation in operations(openapi)
        for parameter in operation.get("parameters", [])
        if not parameter.get("description", "").strip()
    ]
    assert undescribed == []
    assert sum(len(operation.get("parameters", [])) for _, operation in operations(openapi)) >= 20


def test_errors_are_documented_as_problems(openapi: dict[str, Any]) -> None:
    for name, operation in operations(openapi):
        for status, response in operation["responses"].items():
            if status.startswith(("4", "5")):
                assert list(response["content"]) == ["application/problem+json"], f"{name} {status}"


def test_upload_documents_every_article_format(openapi: dict[str, Any]) -> None:
    body = openapi["paths"]["/v1/documents"]["post"]["requestBody"]

    assert set(body["content"]) == {"text/plain", "application/json", "text/html"}
    assert set(body["content"]["application/json"]["schema"]["required"]) == {"published", "body"}


def _has_example(obj: dict[str, Any]) -> bool:
    return "example" in obj or "examples" in obj


def test_every_parameter_has_an_example(openapi: dict[str, Any]) -> None:
    missing = [
        f"{name}: {parameter['name']}"
        for name, operation in operations(openapi)
        for parameter in operation.get("parameters", [])
        if not (_has_example(parameter) or _has_example(parameter.get("schema", {})))
    ]
    assert missing == []


def test_every_response_has_an_example(openapi: dict[str, Any]) -> None:
    schemas = openapi["components"]["schemas"]

    def exemplified(content: dict[str, Any]) -> bool:
        ref = content.get("schema", {}).get("$ref", "")
        return _has_example(content) or (bool(ref) and _has_example(schemas[ref.rsplit("/", 1)[-1]]))

    missing = [
        f"{name} {status}"
        for name, operation in operations(openapi)
        for status, response in operation["responses"].items()
        if response.get("content") and not all(exemplified(c) for c in response["content"].values())
    ]
    assert missing == []


def test_the_document_is_openapi_3_1(openapi: dict[str, Any]) -> None:
    assert openapi["openapi"].startswith("3.1")
    assert openapi["info"]["description"].strip()
