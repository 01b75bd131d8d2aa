"""Serving the API: uvicorn, configured for the open internet.

uvicorn times out idle kept-alive connections but not a request whose headers trickle in (a
client may send one byte a second for ever). :class:`HeaderTimeoutProtocol` adds that limit to
uvicorn's httptools protocol: from a connection's opening, or from the first byte of each next
request, the headers must be complete within ``header_timeout_s``, or the client gets a ``408``
problem and the connection is closed. Bodies are the application's to time out
(``app.api.guards.slowclient``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from app.api.errors import problem_body
from app.config import Settings, get_settings

PROTOCOL = "app.server:HeaderTimeoutProtocol"


def _timeout_response(seconds: float) -> bytes:
    body = problem_body(408, f"The request headers did not arrive within {seconds:g} s.", "")
    head = (
        "HTTP/1.1 408 Request Timeout\r\ncontent-type: application/problem+json\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("latin-1") + body


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline for each request's headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = get_settings().header_timeout_s
        self._header_deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_too_slow(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.write(_timeout_response(self.header_timeout))
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # a connection that never sends a request is closed too

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """What ``uvicorn.run`` is given besides the app, host, port and workers."""
    return {
        "http": PROTOCOL,
        "server_header": False,
        "timeout_keep_alive": max(1, round(settings.keepalive_timeout_s)),
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "log_level": settings.log_level,
    }
