"""The ASGI types the guards share, and a problem document answered from inside a middleware."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from app.api.errors import PROBLEM_MEDIA_TYPE, problem_body

Scope = MutableMapping[str, Any]
# Paths no guard holds back: the health check answers whatever the load.
UNGUARDED_PATHS = frozenset({"/healthz"})
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def answer_problem(
    scope: Scope,
    send: Send,
    status: int,
    detail: str,
    headers: Mapping[str, str] | None = None,
    *,
    close: bool = False,
) -> None:
    """Answer the request with a problem document, without reaching the routes.

    Built directly, as it may be sent thousands of times a second to a crowd being turned away;
    ``close`` ends the connection after it, so a client that asks again must connect again.
    """
    body = problem_body(status, detail, scope["path"])
    raw = [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
        (b"content-length", str(len(body)).encode()),
        *((name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (headers or {}).items()),
    ]
    if close:
        raw.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def add_headers(message: Message, headers: list[tuple[bytes, bytes]]) -> None:
    """Add ``headers`` to an ``http.response.start`` message, replacing any of the same name."""
    names = {name for name, _ in headers}
    kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
    message["headers"] = kept + headers
