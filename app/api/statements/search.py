"""Full-text search over statement text, one syntax on both databases.

Users write words (all must occur), ``"quoted phrases"``, ``OR`` between alternatives and
``-word`` or ``-"phrase"`` to exclude. PostgreSQL reads that syntax natively
(``websearch_to_tsquery``); for SQLite it is translated into an FTS5 expression built only from
quoted strings, so no user text is ever parsed as FTS5 syntax. Both stem English words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVarTuple

from sqlalchemy import (
    ColumnElement,
    Float,
    Integer,
    Select,
    bindparam,
    column,
    literal_column,
    select,
    table,
    text,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import ColumnClause, FunctionElement
from sqlalchemy.types import Boolean

from app.api.errors import InvalidParameterError

Ts = TypeVarTuple("Ts")
TERM = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"[^\W_]+")
# Markers the databases put around matches; replaced by <mark> after the text is HTML-escaped.
OPEN_MARK, CLOSE_MARK = "\x02", "\x03"
SNIPPET_WORDS = 24
# Relevance ranks this many of the most recently stored matches: ranking costs per match, and a
# word found in a third of a million statements must still answer in milliseconds.
RELEVANCE_WINDOW = 500


@dataclass(frozen=True)
class Search:
    """A parsed ``q``: groups of alternatives that must all match, and excluded terms."""

    text: str
    required: tuple[tuple[str, ...], ...]  # each group: alternatives, each a phrase of words
    excluded: tuple[str, ...]

    def fts5(self) -> str:
        """The query as an FTS5 expression of quoted strings."""

        def quoted(phrase: str) -> str:
            return '"' + phrase.replace('"', '""') + '"'

        groups = ["(" + " OR ".join(quoted(p) for p in group) + ")" for group in self.required]
        expression = " AND ".join(groups)
        for phrase in self.excluded:
            expression = f"({expression}) NOT {quoted(phrase)}"
        return expression


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


class TextMatch(ColumnClause[bool]):
    """Statements whose text matches a search (compiled per database).

    On SQLite the test is on a statement id (``ident``, which may be a link table's
    statement_id), so the statement rows need not be read; PostgreSQL tests the row's tsvector.
    """

    inherit_cache = False

    def __init__(self, search: Search, ident: ColumnElement[int]) -> None:
        super().__init__("text_match", type_=Boolean())
        self.search = search
        self.ident = ident


@compiles(TextMatch, "sqlite")
def _match_sqlite(element: TextMatch, compiler: Any, **kw: Any) -> str:
    param = compiler.process(bindparam("fts_query", element.search.fts5(), unique=True), **kw)
    ident = compiler.process(element.ident, **kw)
    return f"{ident} IN (SELECT rowid FROM statement_fts WHERE statement_fts MATCH {param})"


@compiles(TextMatch, "postgresql")
def _match_postgresql(element: TextMatch, compiler: Any, **kw: Any) -> str:
    param = compiler.process(bindparam("ts_query", element.search.text, unique=True), **kw)
    return f"statement.text_search @@ websearch_to_tsquery('english', {param})"


class TextScore(FunctionElement[float]):
    """How well a statement matches, lower is better, on the statement_fts join (SQLite) or the row."""

    type = Float()
    inherit_cache = False

    def __init__(self, search: Search) -> None:
        super().__init__()
        self.search = search


@compiles(TextScore, "sqlite")
def _score_sqlite(element: TextScore, compiler: Any, **kw: Any) -> str:
    return "bm25(statement_fts)"  # cheaper than the rank column, the same order


@compiles(TextScore, "postgresql")
def _score_postgresql(element: TextScore, compiler: Any, **kw: Any) -> str:
    param = compiler.process(bindparam("ts_rank_query", element.search.text, unique=True), **kw)
    # float8: the cursor keeps the value as a double, and must compare equal to it
    return f"(-CAST(ts_rank(statement.text_search, websearch_to_tsquery('english', {param})) AS DOUBLE PRECISION))"


def condition(search: Search, ident: ColumnElement[int] | None = None) -> ColumnElement[bool]:
    return TextMatch(search, ident if ident is not None else literal_column("statement.id"))


def score(search: Search) -> ColumnElement[float]:
    return TextScore(search)


# The FTS5 table, for ranking on SQLite: bm25 is only known on the rows of its own MATCH.
FTS = table("statement_fts", column("rowid", Integer))


def _fts_match(search: Search) -> ColumnElement[bool]:
    """The MATCH on the FTS5 table itself, which ``bm25`` needs to score its rows."""
    return literal_column("statement_fts").op("MATCH")(bindparam("fts_rank_query", search.fts5(), unique=True))


def ranked_join(select_: Select[*Ts], search: Search, dialect: str, *, window: ColumnElement[bool]) -> Select[*Ts]:
    """``select_`` restricted to matching statements inside ``window`` (see ``recent``), with what
    ``score()`` needs to rank them."""
    if dialect != "sqlite":
        return select_.where(condition(search), window)
    return select_.join(FTS, FTS.c.rowid == literal_column("statement.id")).where(_fts_match(search), window)


def ranked_in_index(search: Search, window: ColumnElement[bool]) -> Select[tuple[int, float]]:
    """SQLite, no other filter: (id, score) of the matches inside ``window``, from the search
    index alone, so that only a page's rows are then read and joined."""
    return (
        select(FTS.c.rowid.label("id"), score(search).label("score")).select_from(FTS).where(_fts_match(search), window)
    )


def recent(session: Session, search: Search, matching: Select[Any], *, plain: bool) -> ColumnElement[bool]:
    """The ``RELEVANCE_WINDOW`` most recently stored matches, as a condition on the ranked query.

    ``matching`` selects the ids of statements passing the other filters; ``plain`` says there
    are none. Then SQLite's search index finds where the window starts, reading its matches in
    reverse, and the ranking reads the index from there on. Otherwise the window is a subquery
    of the ranked query itself, so the matches are found once, not once to bound and again to rank.
    """
    if plain and session.get_bind().dialect.name == "sqlite":
        reverse = text(
            "SELECT rowid FROM statement_fts WHERE statement_fts MATCH :query ORDER BY rowid DESC LIMIT 1 OFFSET :skip"
        )
        since = session.scalar(reverse, {"query": search.fts5(), "skip": RELEVANCE_WINDOW - 1})
        return FTS.c.rowid >= int(since) if since is not None else true()
    ident: ColumnElement[Any] = literal_column("statement.id")
    newest = matching.where(condition(search)).order_by(ident.desc()).limit(RELEVANCE_WINDOW)
    return ident.in_(newest.scalar_subquery())


def snippets(session: Session, search: Search, ids: Sequence[int]) -> dict[int, str]:
    """A short excerpt of each statement around its matches, matches in ``<mark>``, HTML-escaped."""
    if not ids:
        return {}
    dialect = session.get_bind().dialect.name
    marks = {"open": OPEN_MARK, "close": CLOSE_MARK}
    if dialect == "sqlite":
        sql = text(
            "SELECT rowid, snippet(statement_fts, 0, :open, :close, '…', :words) FROM statement_fts "
            "WHERE statement_fts MATCH :query AND rowid IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        params: dict[str, Any] = {"query": search.fts5(), "ids": list(ids), "words": SNIPPET_WORDS, **marks}
    else:
        options = (
            f"StartSel={OPEN_MARK}, StopSel={CLOSE_MARK}, MaxWords={SNIPPET_WORDS}, MinWords=8, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        sql = text(
            "SELECT id, ts_headline('english', text, websearch_to_tsquery('english', :query), :options) "
            "FROM statement WHERE id IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        params = {"query": search.text, "ids": list(ids), "options": options}
    return {row[0]: _marked(row[1]) for row in session.execute(sql, params)}


def _marked(raw: str) -> str:
    return html.escape(raw, quote=False).replace(OPEN_MARK, "<mark>").replace(CLOSE_MARK, "</mark>")
