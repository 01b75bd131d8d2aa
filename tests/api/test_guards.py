"""The guards of the open internet: rate limits (in process and in Redis), load shedding, pool
exhaustion, hosts, HEAD, security headers and links; slow and short requests on a real server."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.api.guards.shedding import LoadSheddingMiddleware
from app.api.main import create_app
from app.config import get_settings
from app.keys import create_key
from app.server import PROTOCOL, uvicorn_options
from tests.api.conftest import World, settings_for

REDIS_URL = "redis://127.0.0.1:6379/0"
ARTICLE = {"title": "Talks", "published": "2024-05-16", "body": "Kenyan President William Ruto said tea exports rose."}


def limited_client(db_url: str, **overrides: Any) -> TestClient:
    return TestClient(create_app(settings_for(db_url, **overrides)))


# Rate limits


def test_reads_are_limited_per_address_with_headers_and_retry_after(db_url: str) -> None:
    with limited_client(db_url, rate_limit_reads="3/minute") as client:
        answers = [client.get("/v1/topics") for _ in range(4)]
        assert [a.status_code for a in answers] == [200, 200, 200, 429]
        assert [a.headers["ratelimit-remaining"] for a in answers[:3]] == ["2", "1", "0"]
        assert answers[0].headers["ratelimit-limit"] == "3"
        assert 0 < int(answers[0].headers["ratelimit-reset"]) <= 60
        refused = answers[3]
        assert refused.headers["content-type"] == "application/problem+json"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert refused.json()["status"] == 429
        # the health check is never limited
        assert client.get("/healthz").status_code == 200


def test_writes_are_limited_per_key(db_url: str, session: Any) -> None:
    key = create_key(session, name="newsroom")
    other = create_key(session, name="other")
    session.commit()
    with limited_client(db_url, open_writes=False, rate_limit_writes="2/minute") as client:
        statuses = []
        for title in ("a", "b", "c"):
            answer = client.post("/v1/documents", json={**ARTICLE, "title": title}, headers={"X-API-Key": key})
            statuses.append(answer.status_code)
        assert statuses == [201, 201, 429]
        assert answer.headers["retry-after"]
        assert answer.headers["ratelimit-limit"] == "2"
        # another key has a budget of its own
        assert (
            client.post("/v1/documents", json=ARTICLE | {"title": "d"}, headers={"X-API-Key": other}).status_code == 201
        )


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this test alone in the real Redis; its keys are removed afterwards."""
    prefix = f"dyad-test-{uuid.uuid4().hex[:12]}"
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    yield prefix
    for name in connection.scan_iter(f"{prefix}*"):
        connection.delete(name)
    connection.close()


def test_redis_counts_one_budget_across_workers(db_url: str, redis_prefix: str) -> None:
    # two apps stand for two workers (or replicas): with Redis they share the address's budget
    settings: dict[str, Any] = {"rate_limit_reads": "4/minute", "redis_url": REDIS_URL, "redis_prefix": redis_prefix}
    with limited_client(db_url, **settings) as first, limited_client(db_url, **settings) as second:
        statuses = [client.get("/v1/topics").status_code for client in (first, second, first, second, first)]
    assert statuses == [200, 200, 200, 200, 429]
    assert redis.Redis.from_url(REDIS_URL).keys(f"{redis_prefix}*")


def test_without_redis_each_process_counts_alone(db_url: str) -> None:
    with (
        limited_client(db_url, rate_limit_reads="2/minute") as first,
        limited_client(db_url, rate_limit_reads="2/minute") as second,
    ):
        assert [first.get("/v1/topics").status_code for _ in range(2)] == [200, 200]
        assert second.get("/v1/topics").status_code == 200


def test_an_unreachable_redis_lets_requests_through(db_url: str) -> None:
    with limited_client(db_url, rate_limit_reads="1/minute", redis_url="redis://127.0.0.1:1/0") as client:
        assert [client.get("/v1/topics").status_code for _ in range(3)] == [200, 200, 200]


# Load shedding and the pools


def test_a_full_queue_is_refused_at_once_with_503_and_retry_after() -> None:
    release = asyncio.Event()
    started: list[str] = []

    async def slow(scope: Any, receive: Any, send: Any) -> None:
        started.append(scope["path"])
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    shedder = LoadSheddingMiddleware(slow, capacity=1, queue=1, wait_s=30)

    async def call(path: str) -> tuple[int, dict[bytes, bytes], float]:
        sent: list[dict[str, Any]] = []

        async def send(message: Any) -> None:
            sent.append(message)

        async def receive() -> Any:
            return {"type": "http.request", "body": b"", "more_body": False}

        began = time.perf_counter()
        scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
        await shedder(scope, receive, send)
        return sent[0]["status"], dict(sent[0]["headers"]), time.perf_counter() - began

    async def scenario() -> list[tuple[int, dict[bytes, bytes], float]]:
        working = asyncio.create_task(call("/a"))
        queued = asyncio.create_task(call("/b"))
        await asyncio.sleep(0.05)
        refused = await call("/c")
        release.set()
        return [await working, await queued, refused]

    working, queued, refused = asyncio.run(scenario())
    assert (working[0], queued[0], refused[0]) == (200, 200, 503)
    assert refused[1][b"retry-after"] == b"30"
    assert refused[1][b"content-type"] == b"application/problem+json"
    assert refused[2] < 0.5
    assert started == ["/a", "/b"]


def test_a_queued_request_gives_up_after_the_queue_timeout() -> None:
    async def never(scope: Any, receive: Any, send: Any) -> None:
        await asyncio.sleep(5)

    shedder = LoadSheddingMiddleware(never, capacity=1, queue=5, wait_s=0.1)
    statuses: list[int] = []

    async def send(message: Any) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def receive() -> Any:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def scenario() -> None:
        scope = {"type": "http", "method": "GET", "path": "/x", "headers": [], "query_string": b""}
        busy = asyncio.create_task(shedder(scope, receive, send))
        await asyncio.sleep(0.01)
        await shedder(scope, receive, send)
        busy.cancel()

    asyncio.run(scenario())
    assert statuses == [503]


def test_an_exhausted_pool_answers_503_and_health_still_answers(db_url: str, world: World) -> None:
    app = create_app(settings_for(db_url, max_concurrency=1, queue_timeout_ms=200))
    with TestClient(app) as client:
        held = app.state.engine.connect()  # the pool's only connection
        try:
            busy = client.get("/v1/topics")
            health = client.get("/healthz")
        finally:
            held.close()
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "1"
        assert busy.headers["content-type"] == "application/problem+json"
        assert health.status_code == 200
        assert client.get("/v1/topics").status_code == 200


# Hosts, HEAD, security headers, links


def test_links_never_come_from_the_host_header(db_url: str, world: World) -> None:
    with limited_client(db_url) as client:
        page = client.get("/v1/statements", params={"limit": 1}, headers={"Host": "evil.example"})
        assert page.headers["link"].startswith("</v1/statements?")
        created = client.post("/v1/documents", json=ARTICLE, headers={"Host": "evil.example"})
        assert created.headers["location"] == f"/v1/documents/{created.json()['id']}"
    with limited_client(db_url, public_url="https://dyad.example.org/") as client:
        page = client.get("/v1/statements", params={"limit": 1}, headers={"Host": "evil.example"})
        assert page.headers["link"].startswith("<https://dyad.example.org/v1/statements?limit=1&cursor=")
        assert "evil" not in page.headers["link"]


def test_only_the_allowed_hosts_are_served(db_url: str) -> None:
    with limited_client(db_url, allowed_hosts=["dyad.example.org", "*.dyad.test"]) as client:
        assert client.get("/v1/topics", headers={"Host": "dyad.example.org"}).status_code == 200
        assert client.get("/v1/topics", headers={"Host": "api.dyad.test:8443"}).status_code == 200
        refused = client.get("/v1/topics", headers={"Host": "evil.example"})
        assert refused.status_code == 400
        assert refused.headers["content-type"] == "application/problem+json"
        assert "evil.example" in refused.json()["detail"]


def get_routes(app: FastAPI, world: World) -> list[str]:
    """Every GET route of the API, its path parameters filled from the world."""
    ids = {
        "statement_id": world.statements["xi"],
        "speaker_id": world.speakers["xi"],
        "document_id": world.documents["d1"],
        "pair": "CN-RU",
    }
    paths = []
    for path, operations in app.openapi()["paths"].items():
        if "get" in operations:
            paths.append(path.format(**ids))
    return sorted(paths)


def test_head_answers_wherever_get_does_without_a_body(db_url: str, world: World) -> None:
    app = create_app(settings_for(db_url))
    with TestClient(app) as client:
        routes = get_routes(app, world)
        assert len(routes) >= 12
        for path in routes:
            target = path + ("?field=topic" if path.endswith("facets") else "")
            get, head = client.get(target), client.head(target)
            assert head.status_code == get.status_code == 200, path
            assert head.content == b"", path
            assert head.headers["content-type"] == get.headers["content-type"], path


def test_security_headers_and_a_policy_the_docs_can_live_with(db_url: str) -> None:
    with limited_client(db_url) as client:
        for path in ("/v1/topics", "/nowhere", "/docs"):
            answer = client.get(path)
            assert answer.headers["x-content-type-options"] == "nosniff"
            assert answer.headers["referrer-policy"] == "no-referrer"
            assert answer.headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        api_policy = client.get("/v1/topics").headers["content-security-policy"]
        assert api_policy.startswith("default-src 'none'")
        docs = client.get("/docs")
        policy = docs.headers["content-security-policy"]
        # every script and style the page loads comes from a source the policy allows
        for url in ("https://cdn.jsdelivr.net", "'unsafe-inline'"):
            assert url in policy
        assert "cdn.jsdelivr.net" in docs.text


# A real server: slow headers, slow and short bodies, no banner


@pytest.fixture
def server(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """``dyad serve``'s uvicorn configuration on a free port, with half-second client timeouts."""
    monkeypatch.setenv("DYAD_HEADER_TIMEOUT_S", "0.5")
    get_settings.cache_clear()
    settings = settings_for(db_url, header_timeout_s=0.5, body_timeout_s=0.5)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = uvicorn_options(settings) | {"log_level": "warning"}
    assert options["http"] == PROTOCOL
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, **options)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not instance.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield port
    instance.should_exit = True
    thread.join(10)
    get_settings.cache_clear()


def exchange(port: int, pieces: list[bytes], *, pause: float = 0.0, wait: float = 5.0) -> tuple[bytes, float]:
    """Send ``pieces`` with ``pause`` between them; what the server answered, and when."""
    began = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as connection:
        try:
            for piece in pieces:
                connection.sendall(piece)
                time.sleep(pause)
        except OSError:
            pass  # the server closed the connection first: read its answer
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer, time.monotonic() - began


def test_headers_sent_a_byte_at_a_time_are_cut_off(server: int) -> None:
    request = b"GET /v1/topics HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
    answer, seconds = exchange(server, [bytes([b]) for b in request], pause=0.05)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"application/problem+json" in answer
    assert 0.4 < seconds < 3


def test_a_silent_connection_is_closed(server: int) -> None:
    answer, seconds = exchange(server, [])
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert seconds < 3


def test_a_body_shorter_than_its_length_is_a_408_not_a_hang(server: int) -> None:
    head = b"POST /v1/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    answer, seconds = exchange(server, [head + b'{"title": "'], wait=5)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert b"did not arrive within 0.5 s" in answer
    assert seconds < 3


def test_a_body_sent_slowly_is_cut_off(server: int) -> None:
    head = b"POST /v1/documents HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
    answer, seconds = exchange(server, [head] + [b" "] * 40, pause=0.05)
    assert answer.startswith(b"HTTP/1.1 408 ")
    assert seconds < 4


def test_no_server_banner_and_requests_still_served(server: int) -> None:
    answer, _ = exchange(server, [b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"])
    head = answer.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 200 ")
    assert b"\r\nserver:" not in head
    assert b"x-content-type-options: nosniff" in head
