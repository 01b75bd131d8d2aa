"""HTTP routes of relations between countries."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from app.api.deps import SessionDep, cache_for_readers
from app.api.errors import InvalidParameterError, problem_responses
from app.api.params import COUNTRY_CODES
from app.api.relations import service
from app.api.relations.schemas import RelationList, RelationQuery, RelationSummary

router = APIRouter(prefix="/relations", tags=["relations"], dependencies=[Depends(cache_for_readers)])
PAIR = re.compile(r"^([A-Za-z]{2})-([A-Za-z]{2})$")


@router.get("", responses=problem_responses(422, 503))
def list_relations(session: SessionDep, query: Annotated[RelationQuery, Query()]) -> RelationList:
    """Pairs of countries that statements concern together, with how many statements each pair has.

    The busiest pairs come first; `country` keeps the pairs one country is part of. Summaries of
    one pair are at `GET /v1/relations/{A}-{B}`.
    """
    return service.list_relations(session=session, query=query)


@router.get("/{pair}", responses=problem_responses(422, 503))
def relation_summary(
    session: SessionDep,
    pair: Annotated[
        str,
        Path(
            description="Two ISO 3166-1 alpha-2 codes joined by a hyphen, in either order: `CN-RU` or `RU-CN`.",
            examples=["CN-RU"],
        ),
    ],
    distinct: Annotated[
        bool,
        Query(description="Count each statement group once (syndicated copies repeat statements).", examples=[True]),
    ] = False,
) -> RelationSummary:
    """A pair of countries: how many statements concern both, when, by whom on each side, about what.

    The order of the two codes does not matter; the answer lists them alphabetically.
    """
    match = PAIR.match(pair)
    if match is None:
        raise InvalidParameterError("pair", "expected two country codes joined by '-', e.g. CN-RU", location="path")
    codes = sorted({match.group(1).upper(), match.group(2).upper()})
    if len(codes) != 2:
        raise InvalidParameterError("pair", "a relation needs two different countries", location="path")
    unknown = [code for code in codes if code not in COUNTRY_CODES]
    if unknown:
        raise InvalidParameterError("pair", f"unknown country code {unknown[0]!r}", location="path")
    return service.relation_summary(session=session, a=codes[0], b=codes[1], distinct=distinct)
