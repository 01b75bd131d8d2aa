"""Keyset pagination: every list has a total order, a capped page size and an opaque cursor.

A cursor is the base64url form of ``{"sort": ..., "after": [...]}``: the order it was made for
and the key of the last row served. The next page starts strictly after that key, so rows added
meanwhile never shift a page, and no page costs more than the rows it returns.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, TypeVarTuple

from fastapi import Request, Response
from sqlalchemy import ColumnElement, Select, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from app.api.errors import InvalidParameterError
from app.api.links import link
from app.api.params import MAX_ID

Ts = TypeVarTuple("Ts")
R = TypeVar("R")

FOREIGN = "not a cursor this API issued; pass next_cursor back unchanged"


def _to_json(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _from_json(value: object, python_type: type) -> object:
    if python_type is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if python_type is int and type(value) is int and 0 <= value <= MAX_ID:
        return value
    if python_type is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if python_type is str and isinstance(value, str) and len(value) <= 1000:
        return value
    raise ValueError(f"unexpected key {value!r}")


class Keyset:
    """A named total order over ``columns`` (the last one unique), all ascending or all descending."""

    def __init__(self, sort: str, *columns: InstrumentedAttribute[Any] | ColumnElement[Any], descending: bool) -> None:
        self.sort = sort
        self.columns = columns
        self.descending = descending

    def apply(self, query: Select[*Ts], *, cursor: str | None, limit: int) -> Select[*Ts]:
        """``query`` in this order, after the cursor's row, with one row beyond the page."""
        if cursor is not None:
            key = tuple_(*self.columns)
            after = tuple_(*self.decode(cursor))
            query = query.where(key < after if self.descending else key > after)
        order = [column.desc() if self.descending else column.asc() for column in self.columns]
        return query.order_by(*order).limit(limit + 1)

    def page(self, rows: Sequence[R], *, limit: int, key: Callable[[R], tuple[Any, ...]]) -> tuple[list[R], str | None]:
        """The rows of the page, and the cursor of the next page when there is one."""
        if len(rows) <= limit:
            return list(rows), None
        return list(rows[:limit]), self.encode(key(rows[limit - 1]))

    def encode(self, values: tuple[Any, ...]) -> str:
        payload = {"sort": self.sort, "after": [_to_json(v) for v in values]}
        raw = json.dumps(payload, separators=(",", ":")).encode("utf-8")
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")

    def decode(self, cursor: str) -> list[Any]:
        """The key a cursor holds; a 422 naming ``cursor`` when it is not one of ours for this order."""
        try:
            payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            sort, after = payload["sort"], payload["after"]
        except (binascii.Error, ValueError, TypeError, KeyError):
            raise InvalidParameterError("cursor", FOREIGN) from None
        if sort != self.sort:
            raise InvalidParameterError(
                "cursor",
                f"this cursor continues sort={sort!r}, not sort={self.sort!r}; keep the first page's sort",
            )
        types = [column.type.python_type for column in self.columns]
        if not isinstance(after, list) or len(after) != len(types):
            raise InvalidParameterError("cursor", FOREIGN)
        try:
            return [_from_json(value, t) for value, t in zip(after, types, strict=True)]
        except ValueError:
            raise InvalidParameterError("cursor", FOREIGN) from None


def link_next(request: Request, response: Response, next_cursor: str | None) -> None:
    """``Link: <…>; rel="next"``: the next page's URL, every other parameter kept."""
    if next_cursor is None:
        return
    url = request.url.remove_query_params("cursor").include_query_params(cursor=next_cursor)
    target = link(request, f"{url.path}?{url.query}")
    response.headers["Link"] = f'<{target}>; rel="next"'


def json_response(content: Any, response: Response) -> Response:
    """``content`` (plain JSON values) as the answer, with the headers set on ``response`` so far.

    For the busiest lists: their items are built as plain values and serialised once, skipping
    a model per item; the route still declares its response model for the documentation.
    """
    body = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Response(body, media_type="application/json", headers=dict(response.headers))
