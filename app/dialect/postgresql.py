"""PostgreSQL: pooled connections with a statement timeout, a generated tsvector for full-text search
(migration 0003), advisory locks, and transaction-local planner settings where a query needs them."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from psycopg.abc import Buffer
from psycopg.adapt import Loader
from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Double,
    Engine,
    Select,
    Table,
    Text,
    bindparam,
    cast,
    create_engine,
    event,
    func,
    literal_column,
    select,
    text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Compiled
from sqlalchemy.orm import Session

from app.dialect import base

# Where a connection records the statement_timeout it was opened with (its pool record's info).
STATEMENT_TIMEOUT = "dyad_statement_timeout_ms"
SEARCH_COLUMN = "text_search"
SEARCH_INDEX = "ix_statement_text_search"


def _set_local(session: Session, name: str, value: str) -> None:
    """A planner or limit setting for the current transaction alone."""
    session.execute(text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value})


def _tsquery(terms: base.SearchTerms, name: str) -> ColumnElement[Any]:
    return func.websearch_to_tsquery(literal_column("'english'"), bindparam(name, terms.text, unique=True))


class _RawText(Loader):
    """PostgreSQL text as the UTF-8 bytes it arrives in: export lines go out as they came in."""

    def load(self, data: Buffer) -> bytes:
        return bytes(data)


class _RawLines(base.LineReader):
    """Queries compiled once; each batch goes straight to the driver, text columns left as bytes."""

    def __init__(self, bind: Engine | Connection, first: base.AnySelect, following: base.AnySelect) -> None:
        postcompile = {"render_postcompile": True}
        self.first: Compiled = first.compile(dialect=bind.dialect, compile_kwargs=postcompile)
        self.following: Compiled = following.compile(dialect=bind.dialect, compile_kwargs=postcompile)

    def read(self, session: Session, values: dict[str, Any]) -> Sequence[Sequence[Any]]:
        compiled = self.following if values else self.first
        driver = session.connection().connection.driver_connection
        assert driver is not None
        with driver.cursor() as cursor:
            cursor.adapters.register_loader("text", _RawText)
            cursor.execute(str(compiled), {**compiled.params, **values})
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows


class PostgreSQL(base.Dialect):
    name = "postgresql"
    matches_on_id = False
    ranks_in_index = False
    alters_by_copy = False

    def create_engine(self, url: str, *, statement_timeout_ms: int | None = None, **kwargs: Any) -> Engine:
        """``statement_timeout_ms`` becomes ``statement_timeout`` on every connection, set once when it
        opens rather than in every transaction."""
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
        kwargs.setdefault("pool_pre_ping", True)
        # Fail fast when the server does not answer at all, so /healthz reports it promptly.
        kwargs.setdefault("connect_args", {"connect_timeout": 5})
        engine = create_engine(url, **kwargs)
        if statement_timeout_ms is not None:
            milliseconds = int(statement_timeout_ms)

            def limit(dbapi_connection: Any, record: Any) -> None:
                with dbapi_connection.cursor() as cursor:
                    cursor.execute(f"SET statement_timeout = {milliseconds}")
                dbapi_connection.commit()
                record.info[STATEMENT_TIMEOUT] = milliseconds

            event.listen(engine, "connect", limit)
        return engine

    def upsert(self, table: Table | Any) -> Any:
        return postgresql.insert(table)

    @contextmanager
    def time_limit(self, session: Session, milliseconds: int) -> Iterator[None]:
        """Enforced per statement: connections opened with this limit keep it, any other is set for
        the transaction alone."""
        if session.connection().info.get(STATEMENT_TIMEOUT) != milliseconds:
            _set_local(session, "statement_timeout", str(milliseconds))
        yield

    def lock_transaction(self, session: Session, key: int) -> None:
        session.execute(select(func.pg_advisory_xact_lock(key)))

    def plan_short_ordered_reads(self, session: Session) -> None:
        # Parallel workers only add their start-up to a short ordered read, and take the cores the
        # export's own formatting and sending need.
        _set_local(session, "max_parallel_workers_per_gather", "0")

    def plan_counts_in_index_order(self, session: Session) -> None:
        # Count in the order of the index, as SQLite does: hashing millions of (key, day) pairs is
        # slower, and spills to disk at the default work_mem.
        _set_local(session, "enable_hashagg", "off")

    def period_start(self, day: ColumnElement[Any], interval: str) -> ColumnElement[Any]:
        if interval == "day":
            return cast(day, Date)
        return cast(func.date_trunc(interval, cast(day, DateTime)), Date)  # not via timestamptz

    def iso_day(self, value: ColumnElement[Any]) -> ColumnElement[str]:
        return func.to_char(value, "YYYY-MM-DD")

    def json_object(self, fields: base.JsonFields) -> ColumnElement[str]:
        """By concatenation: each value through ``to_json``, nested dictionaries as nested objects,
        ready JSON as it is. A third cheaper than ``json_build_object`` per row."""
        parts: list[Any] = []
        for position, (name, value) in enumerate(fields.items()):
            parts.append(literal_column("'" + ("{" if position == 0 else ",") + json.dumps(name) + ":'"))
            if isinstance(value, dict):
                parts.append(self.json_object(value))
            elif isinstance(value, base.JsonText):
                parts.append(value.expression)
            else:
                parts.append(func.coalesce(cast(func.to_json(value), Text), literal_column("'null'")))
        line: ColumnElement[str] = parts[0]
        for part in [*parts[1:], literal_column("'}'")]:
            line = line.op("||")(part)
        return line

    def line_reader(
        self, bind: Engine | Connection, first: base.AnySelect, following: base.AnySelect
    ) -> base.LineReader:
        return _RawLines(bind, first, following)

    def text_match(self, terms: base.SearchTerms, ident: ColumnElement[int]) -> ColumnElement[bool]:
        return literal_column(f"statement.{SEARCH_COLUMN}").op("@@")(_tsquery(terms, "ts_query"))

    def text_score(self, terms: base.SearchTerms) -> ColumnElement[float]:
        rank = func.ts_rank(literal_column(f"statement.{SEARCH_COLUMN}"), _tsquery(terms, "ts_rank_query"))
        # float8: the cursor keeps the value as a double, and must compare equal to it
        return -cast(rank, Double())

    def ranked_join(
        self, query: Select[*base.Ts], terms: base.SearchTerms, window: ColumnElement[bool]
    ) -> Select[*base.Ts]:
        return query.where(self.text_match(terms, literal_column("statement.id")), window)

    def ranked_in_index(self, terms: base.SearchTerms, window: ColumnElement[bool]) -> Select[int, float]:
        raise NotImplementedError("a tsvector is ranked on the statement rows (ranks_in_index is false)")

    def snippets(
        self, session: Session, terms: base.SearchTerms, ids: Sequence[int], words: int
    ) -> Iterator[tuple[int, str]]:
        options = (
            f"StartSel={base.OPEN_MARK}, StopSel={base.CLOSE_MARK}, MaxWords={words}, MinWords=8, "
            'MaxFragments=2, FragmentDelimiter=" … "'
        )
        sql = text(
            "SELECT id, ts_headline('english', text, websearch_to_tsquery('english', :query), :options) "
            "FROM statement WHERE id IN :ids"
        ).bindparams(bindparam("ids", expanding=True))
        for row in session.execute(sql, {"query": terms.text, "ids": list(ids), "options": options}):
            yield row[0], row[1]

    def search_index_faults(self, connection: Connection) -> list[base.IndexFault]:
        """The index is a generated column with a GIN index over it: both must be there (and the
        index valid), and every statement must have its tsvector."""
        generated = connection.scalar(
            text(
                "SELECT attgenerated FROM pg_attribute WHERE attrelid = to_regclass('statement') "
                "AND attname = :column AND NOT attisdropped"
            ),
            {"column": SEARCH_COLUMN},
        )
        if generated != "s":
            what = f"without the generated column {SEARCH_COLUMN} (migration 0003)"
            return [base.IndexFault("statement", what, 1)]
        faults = []
        valid = connection.scalar(
            text("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(:index)"), {"index": SEARCH_INDEX}
        )
        if not valid:
            faults.append(base.IndexFault("statement", f"without a valid search index {SEARCH_INDEX}", 1))
        lacking = connection.scalars(text(f"SELECT id FROM statement WHERE {SEARCH_COLUMN} IS NULL ORDER BY id")).all()
        if lacking:
            faults.append(base.IndexFault("statement", "without a tsvector", len(lacking), tuple(lacking[:10])))
        return faults
