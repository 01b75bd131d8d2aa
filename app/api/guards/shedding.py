"""Load shedding: a fixed number of requests at work, a bounded queue, and a fast 503 beyond it.

Each worker process serves at most ``max_concurrency`` requests at once; that is also the size
of its thread pool and of its database connection pool (``create_app``), so an admitted request
always finds a thread and a connection and never waits on either. Up to ``max_queue`` more wait,
each at most ``queue_timeout_ms``; any further request, or one that waited too long, is answered
at once with a ``503`` problem and ``Retry-After`` (the queue timeout, rounded up), and the
connection is closed. The health check is never queued.
"""

from __future__ import annotations

import asyncio
import math
from http import HTTPStatus

from app.api.guards.asgi import UNGUARDED_PATHS, ASGIApp, Receive, Scope, Send, answer_problem


class LoadSheddingMiddleware:
    def __init__(self, app: ASGIApp, *, capacity: int, queue: int, wait_s: float) -> None:
        self.app = app
        self.slots = asyncio.Semaphore(capacity)
        self.queue = queue
        self.wait_s = wait_s
        self.waiting = 0
        # Ask refused clients back once a full queue has had time to drain: retrying sooner would
        # mostly be refused again, and a crowd retrying every second keeps the server busy refusing.
        self.retry_after = str(max(1, math.ceil(wait_s)))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNGUARDED_PATHS:
            await self.app(scope, receive, send)
            return
        if self.slots.locked():
            if self.waiting >= self.queue:
                await self._refuse(scope, send, "The service is at capacity; retry shortly.")
                return
            self.waiting += 1
            try:
                async with asyncio.timeout(self.wait_s):
                    await self.slots.acquire()
            except TimeoutError:
                await self._refuse(scope, send, "The service is busy; the request waited too long. Retry shortly.")
                return
            finally:
                self.waiting -= 1
        else:
            await self.slots.acquire()
        try:
            await self.app(scope, receive, send)
        finally:
            self.slots.release()

    async def _refuse(self, scope: Scope, send: Send, detail: str) -> None:
        # The connection is closed too: a client that asks again at once must connect again,
        # and the connections of a crowd being turned away do not stay open.
        headers = {"Retry-After": self.retry_after}
        await answer_problem(scope, send, HTTPStatus.SERVICE_UNAVAILABLE, detail, headers, close=True)
