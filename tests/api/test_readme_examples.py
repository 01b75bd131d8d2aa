"""Every curl example of the README answers as it says, on the sample article."""

from __future__ import annotations

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
