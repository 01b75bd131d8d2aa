"""Every curl example of the README answers as it says, on the sample article."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import SEED

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
BASE = "http://127.0.0.1:8000"


def curl_commands(text: str) -> list[list[str]]:
    """The README's curl commands as argument lists (continued lines and quoted newlines joined)."""
    commands, pending = [], ""
    for line in text.splitlines():
        if not pending and not line.startswith("curl "):
            continue
        pending += line.removesuffix("\\") + "\n"
        if line.endswith("\\"):
            continue
        try:
            args = shlex.split(pending, comments=True)
        except ValueError:  # a quotation still open: the command goes on
            continue
        commands.append(args)
        pending = ""
    return commands


COMMANDS = curl_commands(README)
GETS = [next(a for a in args if a.startswith(BASE)) for args in COMMANDS if "-X" not in args]


def test_the_readme_has_examples() -> None:
    assert len(GETS) >= 15
    assert any(path.startswith(f"{BASE}/v1/statements/export") for path in GETS)


@pytest.mark.parametrize("url", GETS)
def test_readme_get_examples_answer(client: TestClient, url: str) -> None:
    created = client.post(
        "/v1/documents", content=SEED.read_bytes(), headers={"Content-Type": "text/plain; charset=utf-8"}
    )
    assert created.status_code == 201, created.text
    response = client.get(url.removeprefix(BASE))
    assert response.status_code == 200, f"{url}: {response.text}"


def test_readme_post_examples_ingest(client: TestClient) -> None:
    # the quickstart's open writes; the keyed examples are tested in test_auth.py
    posts = [args for args in COMMANDS if "-X" in args and not any("X-API-Key" in a for a in args)]
    assert len(posts) == 3
    for args in posts:
        header = args[args.index("-H") + 1]
        body = args[args.index("--data-binary") + 1] if "--data-binary" in args else args[args.index("-d") + 1]
        content = Path(body[1:]).read_bytes() if body.startswith("@") else body.encode()
        response = client.post(
            next(a for a in args if a.startswith(BASE)).removeprefix(BASE),
            content=content,
            headers={"Content-Type": header.split(": ", 1)[1]},
        )
        assert response.status_code == 201, response.text
        assert response.json()["statements"], args


def _matches(shown: object, real: object, where: str = "statement") -> None:
    """``shown`` (the README's) is ``real`` (the API's), key for key; a text shown cut short ends in ' …'."""
    if isinstance(shown, dict):
        assert isinstance(real, dict), where
        assert list(shown) == list(real), f"{where}: the README shows {list(shown)}, the API answers {list(real)}"
        for key, value in shown.items():
            _matches(value, real[key], f"{where}.{key}")
    elif isinstance(shown, str) and shown.endswith(" …"):
        assert isinstance(real, str), where
        assert real.startswith(shown.removesuffix(" …")), f"{where}: the README shows {shown!r}, the API {real!r}"
    else:
        assert shown == real, f"{where}: the README shows {shown!r}, the API answers {real!r}"


def test_the_readme_statement_is_what_the_api_answers(client: TestClient) -> None:
    shown = json.loads(README.split("A statement looks like this:")[1].split("```json")[1].split("```")[0])
    created = client.post("/v1/documents", content=SEED.read_bytes(), headers={"Content-Type": "text/plain"})
    assert created.status_code == 201
    real = client.get(f"/v1/statements/{shown['id']}").json()
    assert real.pop("carried_by") == []
    _matches(shown, real)
    listed = client.get("/v1/statements", params={"document_id": 1, "limit": 100}).json()["items"]
    assert next(item for item in listed if item["id"] == shown["id"]) == real  # one shape for lists and single


def test_the_readme_says_which_lists_are_pages(client: TestClient) -> None:
    """Lists with ``next_cursor`` are the ones the README calls pages; the others it says come whole."""
    described = client.get("/openapi.json").json()
    paths, schemas = described["paths"], described["components"]["schemas"]
    paged, whole = set(), set()
    for path, operations in paths.items():
        schema = operations.get("get", {}).get("responses", {}).get("200", {}).get("content", {})
        reference = schema.get("application/json", {}).get("schema", {}).get("$ref", "")
        fields = schemas.get(reference.split("/")[-1], {}).get("properties", {})
        if "items" in fields:
            (paged if "next_cursor" in fields else whole).add(path)
    assert paged == {"/v1/statements", "/v1/speakers", "/v1/documents"}
    assert whole == {"/v1/topics", "/v1/relations"}
    said = " ".join(README.split())
    assert "Lists of statements, speakers and documents are pages" in said
    assert "The topics (the whole taxonomy) and the relations (the `limit` largest country pairs" in said
