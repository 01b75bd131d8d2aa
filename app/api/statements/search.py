"""Full-text search over statement text, one syntax on both databases.

Users write words (all must occur), ``"quoted phrases"``, ``OR`` between alternatives and
``-word`` or ``-"phrase"`` to exclude. PostgreSQL reads that syntax natively
(``websearch_to_tsquery``); for SQLite it is translated into an FTS5 expression built only from
quoted strings, so no user text is ever parsed as FTS5 syntax. Both stem English words. Parsing
is done here; what each database's index is asked is the dialect's (``app/dialect``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVarTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    literal_column,
)
from sqlalchemy.orm import Session

from app import dialect
from app.api.errors import InvalidParameterError
from app.dialect.base import CLOSE_MARK, OPEN_MARK

Ts = TypeVarTuple("Ts")
TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"[^\W_]+")
SNIPPET_WORDS = 24
# Relevance ranks this many of the most recently stored matches: ranking costs per match, and a
# word found in a third of a million statements must still answer in milliseconds.
RELEVANCE_WINDOW = 500


@dataclass(frozen=True)
class Search:
    """A parsed ``q``: groups of alternatives that must all match, and excluded terms (``SearchTerms``)."""

    text: str
    required: tuple[tuple[str, ...], ...]  # each group: alternatives, each a phrase of words
    excluded: tuple[str, ...]


def parse(q: str) -> Search:
    """Parse the ``q`` parameter; a 422 naming ``q`` when nothing is left to look for."""
    required: list[list[str]] = []
    excluded: list[str] = []
    pending_or = False
    for match in TERM.finditer(q):
        negated, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare == "OR":
            pending_or = bool(required)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negated, bare = "-", bare[1:]
        words = " ".join(WORD.findall(phrase if phrase is not None else bare or ""))
        if not words:
            continue
        if negated:
            excluded.append(words)
        elif pending_or:
            required[-1].append(words)
        else:
            required.append([words])
        pending_or = False
    if not required:
        raise InvalidParameterError(
            "q", "nothing to look for: give at least one word or phrase that is not excluded with '-'"
        )
    return Search(q, tuple(tuple(group) for group in required), tuple(excluded))


def condition(session: Session, search: Search, ident: ColumnElement[int] | None = None) -> ColumnElement[bool]:
    """Statements whose text matches; ``ident`` is the statement id to test (default: ``statement.id``)."""
    return dialect.of(session).text_match(search, ident if ident is not None else literal_column("statement.id"))


def score(session: Session, search: Search) -> ColumnElement[float]:
    """How well a statement matches, lower is better, on a query built by :func:`ranked_join`."""
    return dialect.of(session).text_score(search)


def ranked_join(session: Session, select_: Select[*Ts], search: Search, *, window: ColumnElement[bool]) -> Select[*Ts]:
    """``select_`` restricted to matching statements inside ``window`` (see ``recent``), with what
    ``score()`` needs to rank them."""
    return dialect.of(session).ranked_join(select_, search, window)


def ranked_in_index(session: Session, search: Search, window: ColumnElement[bool]) -> Select[int, float]:
    """(id, score) of the matches inside ``window``, from the search index alone, so that only a
    page's rows are then read and joined (where the dialect ``ranks_in_index``)."""
    return dialect.of(session).ranked_in_index(search, window)


def recent(session: Session, search: Search, matching: Select[Any], *, plain: bool) -> ColumnElement[bool]:
    """The ``RELEVANCE_WINDOW`` most recently stored matches, as a condition on the ranked query.

    ``matching`` selects the ids of statements passing the other filters; ``plain`` says there
    are none.
    """
    return dialect.of(session).recent_matches(session, search, matching, plain=plain, size=RELEVANCE_WINDOW)


def snippets(session: Session, search: Search, ids: Sequence[int]) -> dict[int, str]:
    """A short excerpt of each statement around its matches, matches in ``<mark>``, HTML-escaped."""
    if not ids:
        return {}
    return {sid: _marked(raw) for sid, raw in dialect.of(session).snippets(session, search, ids, SNIPPET_WORDS)}


def _marked(raw: str) -> str:
    return html.escape(raw, quote=False).replace(OPEN_MARK, "<mark>").replace(CLOSE_MARK, "</mark>")
