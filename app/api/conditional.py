"""Conditional GET: an ETag on every successful JSON read, and 304 when the client has it already.

The tag is a hash of the response body, so it changes exactly when the answer does. Streamed
responses (exports) pass through untouched: they are never buffered.
"""

from __future__ import annotations

import hashlib
from collections.abc import MutableMapping
from typing import Any

from app.api.guards.asgi import ASGIApp, Message, Receive, Send

# Headers a 304 keeps (RFC 9110 15.4.5): the validator and what governs caching.
KEPT_ON_304 = {b"etag", b"cache-control", b"vary", b"expires", b"content-location", b"date"}


def etag_of(body: bytes) -> str:
    return 'W/"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'


def _matches(if_none_match: str, etag: str) -> bool:
    candidates = {part.strip() for part in if_none_match.split(",")}
    weak = etag.removeprefix("W/")
    return "*" in candidates or etag in candidates or weak in candidates


class ConditionalGetMiddleware:
    """Adds ``ETag`` to 200 JSON answers of GET and HEAD, and answers ``If-None-Match`` with 304."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in {"GET", "HEAD"}:
            await self.app(scope, receive, send)
            return
        request_headers = dict(scope["headers"])
        if_none_match = request_headers.get(b"if-none-match", b"").decode("latin-1")
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def buffered(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                json_ok = message["status"] == 200 and content_type.startswith(b"application/json")
                if not json_ok:
                    passing = True
                    await send(message)
                    return
                start = message
                return
            if message["type"] != "http.response.body" or passing:
                await send(message)
                return
            assert start is not None
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            etag = etag_of(body)
            headers: list[tuple[bytes, bytes]] = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"etag"]
            headers.append((b"etag", etag.encode("latin-1")))
            if if_none_match and _matches(if_none_match, etag):
                kept = [(k, v) for k, v in headers if k.lower() in KEPT_ON_304]
                await send({"type": "http.response.start", "status": 304, "headers": kept})
                await send({"type": "http.response.body", "body": b""})
                return
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, buffered)
