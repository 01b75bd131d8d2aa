"""Who may write: a holder of an API key (``X-API-Key`` or ``Authorization: Bearer``), or anyone
while ``open_writes`` is on. Each write then counts against the key's rate limit."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.orm import Session

from app.api.deps import app_sessions, app_settings
from app.api.errors import ProblemError
from app.api.guards.ratelimit import RateLimiter, client_address
from app.keys import find_key

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="dyad"'}


@dataclass(frozen=True)
class Writer:
    """Who is writing: the key's name (None when writes are open and no key was sent) and from where."""

    key_name: str | None
    client: str


def presented_key(request: Request) -> str | None:
    """The key in ``X-API-Key``, or in ``Authorization: Bearer <key>``."""
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


def identify_writer(request: Request) -> Writer:
    """The writer of this request; 401 without a key (unless writes are open), 403 with a bad one."""
    client = client_address(request.scope)
    key = presented_key(request)
    if key is None:
        if app_settings(request).open_writes:
            return Writer(key_name=None, client=client)
        raise ProblemError(
            HTTPStatus.UNAUTHORIZED,
            "Writing needs an API key: send it in X-API-Key or as Authorization: Bearer.",
            headers=CHALLENGE,
        )
    sessions = app_sessions(request)
    session: Session
    with sessions() as session:
        stored = find_key(session, key=key)
    if stored is None or stored.revoked_at is not None:
        state = "revoked" if stored is not None else "not a valid key"
        raise ProblemError(HTTPStatus.FORBIDDEN, f"The API key sent is {state}.")
    return Writer(key_name=stored.name, client=client)


async def count_write(
    request: Request, response: Response, writer: Annotated[Writer, Depends(identify_writer)]
) -> Writer:
    """Count the write against its key; 429 past the limit.

    Open writes without a key count only against the address's limit, as every request does:
    they are for a service on one's own machine, fed by scripts.
    """
    if writer.key_name is None:
        return writer
    limiter: RateLimiter = request.app.state.rate_limiter
    verdict = await limiter.hit(request.app.state.write_rules, "write", writer.key_name)
    if verdict is None:
        return writer
    if not verdict.allowed:
        raise ProblemError(
            HTTPStatus.TOO_MANY_REQUESTS,
            f"More than {verdict.limit} writes in the window; retry in {verdict.reset_s} s.",
            headers=verdict.headers(),
        )
    response.headers.update(verdict.headers())
    return writer


WriterDep = Annotated[Writer, Depends(count_write)]
