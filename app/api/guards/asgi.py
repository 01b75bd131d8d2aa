"""The ASGI types the guards share, and a problem document answered from inside a middleware."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from starlette.requests import Request

from app.api.errors import problem_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


async def answer_problem(
    scope: Scope, receive: Receive, send: Send, status: int, detail: str, headers: Mapping[str, str] | None = None
) -> None:
    """Answer the request with a problem document, without reaching the routes."""
    response = problem_response(Request(scope), status, detail, headers=headers)
    await response(scope, receive, send)


def add_headers(message: Message, headers: list[tuple[bytes, bytes]]) -> None:
    """Add ``headers`` to an ``http.response.start`` message, replacing any of the same name."""
    names = {name for name, _ in headers}
    kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
    message["headers"] = kept + headers
