"""The base every response schema shares, and the page envelope of list endpoints."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ApiModel(BaseModel):
    """Response schemas are plain values built by the services, never ORM objects."""

    model_config = ConfigDict(frozen=True, validate_by_name=True, validate_by_alias=True)


class Page(ApiModel, Generic[T]):
    """One page of a list; pass ``next_cursor`` back as ``cursor`` for the next one."""

    items: list[T]
    next_cursor: str | None = Field(
        description="Opaque token for the next page (the `cursor` parameter); null on the last page."
    )
