"""Slow bodies: a request's body must arrive within ``body_timeout_s``, or it is answered 408.

This bounds a body sent at one byte a second and a body shorter than its Content-Length (the
server would otherwise wait for the rest for good). Slow headers are the server's to time out
(``app.server``), as the application sees a request only once its headers are in.
"""

from __future__ import annotations

import asyncio
import time
from http import HTTPStatus

from app.api.errors import ProblemError
from app.api.guards.asgi import ASGIApp, Message, Receive, Scope, Send


class BodyTimeoutError(ProblemError):
    def __init__(self, seconds: float) -> None:
        super().__init__(
            HTTPStatus.REQUEST_TIMEOUT,
            f"The request body did not arrive within {seconds:g} s.",
            headers={"Connection": "close"},
        )


class BodyTimeoutMiddleware:
    """Bounds the time from the start of a request to the last piece of its body."""

    def __init__(self, app: ASGIApp, *, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        deadline = time.monotonic() + self.seconds
        complete = False

        async def bounded() -> Message:
            nonlocal complete
            if complete:  # the body is in: what follows is the wait for a disconnect, unbounded
                return await receive()
            try:
                async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                    message = await receive()
            except TimeoutError:
                raise BodyTimeoutError(self.seconds) from None
            if message["type"] != "http.request" or not message.get("more_body", False):
                complete = True
            return message

        await self.app(scope, bounded, send)
