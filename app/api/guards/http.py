"""HTTP hygiene: only the configured host names, HEAD wherever GET is, security headers on every answer.

Links are never built from the Host header (see ``app.api.links``), and this middleware refuses
a Host that is not configured, so a forged one can poison neither a link nor a cache.
"""

from __future__ import annotations

from http import HTTPStatus

from app.api.guards.asgi import ASGIApp, Message, Receive, Scope, Send, add_headers, answer_problem

# The API answers JSON: nothing in it may run, load or be framed.
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# HTML pages (the interactive documentation at /docs and /redoc) load their scripts and styles
# from this service or the CDN FastAPI takes them from, and run one inline script.
PAGE_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
    "https://cdn.redoc.ly; worker-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)
COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


def host_allowed(host: str, allowed: list[str]) -> bool:
    """Whether ``host`` (a Host header, port and all) is one of ``allowed`` (``*``, exact or ``*.domain``)."""
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.lower()
    for pattern in allowed:
        if pattern == "*" or name == pattern.lower():
            return True
        if pattern.startswith("*.") and name.endswith(pattern[1:].lower()):
            return True
    return False


class HttpHygieneMiddleware:
    """Refuses unknown hosts (400), serves HEAD as GET without the body, and adds security headers."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers", [])).get(b"content-type", b"")
                policy = PAGE_POLICY if content_type.startswith(b"text/html") else API_POLICY
                add_headers(message, [*COMMON, (b"content-security-policy", policy.encode())])
            elif message["type"] == "http.response.body" and head:
                if message.get("more_body", False):
                    return  # HEAD: the body is computed as for GET, and dropped
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        if "*" not in self.allowed_hosts:
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            if not host_allowed(host, self.allowed_hosts):
                await answer_problem(scope, guarded, HTTPStatus.BAD_REQUEST, f"Host {host[:100]!r} is not served here.")
                return
        if head:
            scope = {**scope, "method": "GET"}
        await self.app(scope, receive, guarded)
