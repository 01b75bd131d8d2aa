"""Links the API hands out: absolute under ``public_url`` when one is configured, relative otherwise.

Never built from the request's ``Host`` header: a forged Host must not reach a ``Link`` or a
``Location`` that a cache then keeps for everyone.
"""

from __future__ import annotations

from fastapi import Request


def link(request: Request, path_and_query: str) -> str:
    """``path_and_query`` (starting with ``/``) as a link for responses."""
    base: str | None = request.app.state.settings.public_url
    return f"{base}{path_and_query}" if base else path_and_query


def link_to(request: Request, route: str, **params: object) -> str:
    """The link of a named route."""
    return link(request, request.app.url_path_for(route, **params))
