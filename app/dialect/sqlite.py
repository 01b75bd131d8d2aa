"""SQLite: one writer, WAL for readers, FTS5 for full-text search (migration 0003)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Float,
    Integer,
    Select,
    Table,
    Text,
    bindparam,
    cast,
    column,
    create_engine,
    event,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
    true,
    type_coerce,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from app.dialect import base

# The FTS5 table: its rowid is the statement id; bm25 is only known on the rows of its own MATCH.
FTS = table("statement_fts", column("rowid", Integer))
# One row per indexed statement (FTS5 keeps each row's token counts there).
FTS_DOCSIZE = table("statement_fts_docsize", column("id", Integer))


def _tune(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, WAL so readers never block the writer, and a wait instead of 'locked'."""
    if not isinstance(dbapi_connection, sqlite3.Connection):  # pragma: no cover - other drivers
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.close()


def fts5_query(terms: base.SearchTerms) -> str:
    """The query as an FTS5 expression built only from quoted strings, so that no user text is ever
    read as FTS5 syntax."""

    def quoted(phrase: str) -> str:
        return '"' + phrase.replace('"', '""') + '"'

    groups = ["(" + " OR ".join(quoted(p) for p in group) + ")" for group in terms.required]
    expression = " AND ".join(groups)
    for phrase in terms.excluded:
        expression = f"({expression}) NOT {quoted(phrase)}"
    return expression


def _fts_match(terms: base.SearchTerms) -> ColumnElement[bool]:
    """The MATCH on the FTS5 table itself, which ``bm25`` needs to score its rows."""
    return literal_column("statement_fts").op("MATCH")(bindparam("fts_rank_query", fts5_query(terms), unique=True))


class _Rows(base.LineReader):
    def __init__(self, first: base.AnySelect, following: base.AnySelect) -> None:
        self.first, self.following = first, following

    def read(self, session: Session, values: dict[str, Any]) -> Sequence[Sequence[Any]]:
        return session.connection().execute(self.following if values else self.first, values).all()


class SQLite(base.Dialect):
    name = "sqlite"
    matches_on_id = True
    ranks_in_index = True
    alters_by_copy = True

    def create_engine(self, url: str, *, statement_timeout_ms: int | None = None, **kwargs: Any) -> Engine:
        # statements are limited per request instead (time_limit): SQLite has no setting for it
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _tune)
        return engine

    def upsert(self, table: Table | Any) -> Any:
        return sqlite.insert(table)

    @contextmanager
    def time_limit(self, session: Session, milliseconds: int) -> Iterator[None]:
        """A progress handler interrupts any query once the time is up."""
        driver = session.connection().connection.driver_connection
        if not isinstance(driver, sqlite3.Connection):  # pragma: no cover - other drivers have no handler
            yield
            return
        deadline = time.monotonic() + milliseconds / 1000

        def interrupt() -> int:
            return 1 if time.monotonic() > deadline else 0

        driver.set_progress_handler(interrupt, 10_000)
        try:
            yield
        finally:
            driver.set_progress_handler(None, 0)

    def lock_transaction(self, session: Session, key: int) -> None:
        """Nothing to do: SQLite has one writer at a time."""

    def plan_short_ordered_reads(self, session: Session) -> None:
        """Nothing to tell: SQLite reads in index order by itself."""

    def plan_counts_in_index_order(self, session: Session) -> None:
        """Nothing to tell: SQLite groups in index order by itself."""

    def period_start(self, day: ColumnElement[Any], interval: str) -> ColumnElement[Any]:
        if interval == "day":
            return type_coerce(day, Date)
        if interval == "week":  # strftime('%w') is 0 on Sunday: step back to Monday
            back = literal("-").op("||")((cast(func.strftime("%w", day), Integer) + 6) % 7).op("||")(literal(" days"))
            return func.date(day, back, type_=Date)
        start, rest = (7, "-01") if interval == "month" else (4, "-01-01")
        return type_coerce(func.substr(day, 1, start).op("||")(literal(rest)), Date)

    def iso_day(self, value: ColumnElement[Any]) -> ColumnElement[str]:
        return cast(value, Text)  # SQLite keeps dates as ISO 8601 text

    def json_object(self, fields: base.JsonFields) -> ColumnElement[str]:
        args: list[Any] = []
        for name, value in fields.items():
            if isinstance(value, dict):
                value = self.json_object(value)
            elif isinstance(value, base.JsonText):
                value = func.json(value.expression)
            args += [literal_column(f"'{name}'"), value]
        return func.json_object(*args)

    def line_reader(
        self, bind: Engine | Connection, first: base.AnySelect, following: base.AnySelect
    ) -> base.LineReader:
        return _Rows(first, following)

    def text_match(self, terms: base.SearchTerms, ident: ColumnElement[int]) -> ColumnElement[bool]:
        matching = select(FTS.c.rowid).where(
            literal_column("statement_fts").op("MATCH")(bindparam("fts_query", fts5_query(terms), unique=True))
        )
        return ident.in_(matching.scalar_subquery())

    def text_score(self, terms: base.SearchTerms) -> ColumnElement[float]:
        return literal_column("bm25(statement_fts)", type_=Float())  # cheaper than the rank column, the same order

    def ranked_join(
        self, query: Select[*base.Ts], terms: base.SearchTerms, window: ColumnElement[bool]
    ) -> Select[*base.Ts]:
        return query.join(FTS, FTS.c.rowid == literal_column("statement.id")).where(_fts_match(terms), window)

    def ranked_in_index(self, terms: base.SearchTerms, window: ColumnElement[bool]) -> Select[int, float]:
        score = self.text_score(terms).label("score")
        return select(FTS.c.rowid.label("id"), score).select_from(FTS).where(_fts_match(terms), window)

    def recent_matches(
        self, session: Session, terms: base.SearchTerms, matching: base.AnySelect, *, plain: bool, size: int
    ) -> ColumnElement[bool]:
        """With no other filter, the search index finds where the window starts, reading its matches
        in reverse, and the ranking reads the index from there on; otherwise as every dialect does."""
        if not plain:
            return super().recent_matches(session, terms, matching, plain=plain, size=size)
        reverse = text(
            "SELECT rowid FROM statement_fts WHERE statement_fts MATCH :query ORDER BY rowid DESC LIMIT 1 OFFSET :skip"
        )
        since = session.scalar(reverse, {"query": fts5_query(terms), "skip": size - 1})
        return FTS.c.rowid >= int(since) if since is not None else true()

    def snippets(
        self, session: Session, terms: base.SearchTerms, ids: Sequence[int], words: int
    ) -> Iterator[tuple[int, str]]:
        sql = text(
            "SELECT rowid, snippet(statement_fts, 0, :open, :close, '…', :words) FROM statement_fts "
            "WHERE statement_fts MATCH :query AND rowid IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        params = {
            "query": fts5_query(terms),
            "ids": list(ids),
            "words": words,
            "open": base.OPEN_MARK,
            "close": base.CLOSE_MARK,
        }
        for row in session.execute(sql, params):
            yield row[0], row[1]

    def search_index_faults(self, connection: Connection) -> list[base.IndexFault]:
        """Statements without an FTS5 entry, entries without a statement, and FTS5's own check of
        its index against the statement texts."""
        statement = table("statement", column("id", Integer))
        faults = [
            _unmatched(
                connection, statement, FTS_DOCSIZE, "statement", "missing from the search index (statement_fts)"
            ),
            _unmatched(connection, FTS_DOCSIZE, statement, "statement_fts", "kept for statements that do not exist"),
        ]
        try:
            with connection.begin_nested():
                connection.execute(
                    text("INSERT INTO statement_fts (statement_fts, rank) VALUES ('integrity-check', 1)")
                )
        except DatabaseError:  # FTS5 says "malformed" when its index and the texts disagree
            what = "whose index does not match the statement texts (FTS5 integrity-check)"
            faults.append(base.IndexFault("statement_fts", what, 1))
        return [fault for fault in faults if fault is not None]


def _unmatched(connection: Connection, rows: Any, others: Any, name: str, what: str) -> base.IndexFault | None:
    """Ids of ``rows`` that ``others`` lack, as a fault of table ``name``."""
    ids = connection.scalars(
        select(rows.c.id).outerjoin(others, others.c.id == rows.c.id).where(others.c.id.is_(None)).order_by(rows.c.id)
    ).all()
    return base.IndexFault(name, what, len(ids), tuple(ids[:10])) if ids else None
