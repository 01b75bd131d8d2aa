"""Load shedding: a fixed number of requests at work, a bounded queue, and a fast 503 beyond it.

Each worker process serves at most ``max_concurrency`` requests at once; that is also the size
of its thread pool and of its database connection pool (``create_app``), so an admitted request
always finds a thread and a connection and never waits on either. Up to ``max_queue`` more wait,
each at most ``queue_timeout_ms``; any further request, or one that waited too long, is answered
at once with a ``503`` problem and ``Retry-After``. The health check is never queued.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus

from app.api.guards.asgi import ASGIApp, Receive, Scope, Send, answer_problem

EXEMPT_PATHS = frozenset({"/healthz"})
RETRY_AFTER_S = 1


class LoadSheddingMiddleware:
    def __init__(self, app: ASGIApp, *, capacity: int, queue: int, wait_s: float) -> None:
        self.app = app
        self.slots = asyncio.Semaphore(capacity)
        self.queue = queue
        self.wait_s = wait_s
        self.waiting = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        if self.slots.locked():
            if self.waiting >= self.queue:
                await self._refuse(scope, receive, send, "The service is at capacity; retry shortly.")
                return
            self.waiting += 1
            try:
                async with asyncio.timeout(self.wait_s):
                    await self.slots.acquire()
            except TimeoutError:
                await self._refuse(
                    scope, receive, send, "The service is busy; the request waited too long. Retry shortly."
                )
                return
            finally:
                self.waiting -= 1
        else:
            await self.slots.acquire()
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, detail: str) -> None:
        headers = {"Retry-After": str(RETRY_AFTER_S)}
        await answer_problem(scope, receive, send, HTTPStatus.SERVICE_UNAVAILABLE, detail, headers)
