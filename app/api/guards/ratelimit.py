"""Rate limits with the ``limits`` library: in process, or in Redis shared by every worker and replica.

Every request counts against its client address (``rate_limit_reads``); writes count again
against their API key (``rate_limit_writes``). Answers carry ``RateLimit-Limit``,
``RateLimit-Remaining`` and ``RateLimit-Reset`` (seconds) for the tightest rule; a request over
a limit gets ``429`` with ``Retry-After``. Counters use sliding windows (two counters per rule
and client, so a burst at a window's edge cannot double the rate). When Redis does not answer,
requests are let through and the failure is logged: an outage of the counters must not become
an outage of the service.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass
from http import HTTPStatus

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.errors import StorageError

from app.api.guards.asgi import UNGUARDED_PATHS, ASGIApp, Message, Receive, Scope, Send, add_headers, answer_problem
from app.config import Settings

log = logging.getLogger(__name__)


def parse_rules(text: str, *, setting: str) -> list[RateLimitItem]:
    """``"60/minute;1000/day"`` as rules; empty for none. A malformed value names its setting."""
    if not text.strip():
        return []
    try:
        return list(parse_many(text))
    except ValueError as exc:
        raise ValueError(f"DYAD_{setting.upper()}: {exc}") from None


def make_storage(settings: Settings) -> Storage:
    if settings.redis_url:
        uri = "async+" + settings.redis_url
        return RedisStorage(uri, implementation="redispy", key_prefix=settings.redis_prefix, wrap_exceptions=True)
    return MemoryStorage()


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    reset_s: int

    def headers(self) -> dict[str, str]:
        values = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_s),
        }
        if not self.allowed:
            values["Retry-After"] = str(max(1, self.reset_s))
        return values


class RateLimiter:
    """Counts hits of identifiers against rules, in the configured storage."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.strategy = SlidingWindowCounterRateLimiter(storage)

    async def hit(self, rules: list[RateLimitItem], *identifiers: str) -> Verdict | None:
        """Count one hit under every rule; None when there are no rules or the storage failed."""
        if not rules:
            return None
        tightest: Verdict | None = None
        try:
            for rule in rules:
                allowed = await self.strategy.hit(rule, *identifiers)
                stats = await self.strategy.get_window_stats(rule, *identifiers)
                verdict = Verdict(
                    allowed=allowed,
                    limit=rule.amount,
                    remaining=max(0, stats.remaining),
                    reset_s=max(0, math.ceil(stats.reset_time - time.time())),
                )
                if tightest is None or not allowed or (tightest.allowed and verdict.remaining < tightest.remaining):
                    tightest = verdict
                if not allowed:
                    break
        except StorageError as exc:
            log.warning("rate limits not counted, the storage failed: %s", exc)
            return None
        return tightest


def client_address(scope: Scope) -> str:
    """The client's address (after the trusted proxies' X-Forwarded-For, which the server applies)."""
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


class RateLimitMiddleware:
    """Every request but the health check counts against its client address."""

    def __init__(self, app: ASGIApp, *, limiter: RateLimiter, rules: list[RateLimitItem]) -> None:
        self.app = app
        self.limiter = limiter
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.rules or scope["path"] in UNGUARDED_PATHS:
            await self.app(scope, receive, send)
            return
        verdict = await self.limiter.hit(self.rules, "address", client_address(scope))
        if verdict is None:
            await self.app(scope, receive, send)
            return
        if not verdict.allowed:
            detail = f"More than {verdict.limit} requests from this address; retry in {verdict.reset_s} s."
            await answer_problem(scope, send, HTTPStatus.TOO_MANY_REQUESTS, detail, verdict.headers())
            return
        headers = [(k.lower().encode(), v.encode()) for k, v in verdict.headers().items()]

        async def with_headers(message: Message) -> None:
            # a write's own (tighter) limit, set by the route, wins over the address's
            if message["type"] == "http.response.start" and not any(
                name == b"ratelimit-limit" for name, _ in message.get("headers", [])
            ):
                add_headers(message, headers)
            await send(message)

        await self.app(scope, receive, with_headers)
