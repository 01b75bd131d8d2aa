"""The questions each database answers its own way (see ``app/dialect/__init__.py``)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias, TypeVarTuple

from sqlalchemy import ColumnElement, Connection, Engine, Select, Table, literal_column
from sqlalchemy.orm import Session

# Markers the databases put around search matches in snippets.
OPEN_MARK, CLOSE_MARK = "\x02", "\x03"

Ts = TypeVarTuple("Ts")
AnySelect: TypeAlias = "Select[*tuple[Any, ...]]"


class SearchTerms(Protocol):
    """A parsed full-text query: groups of alternative phrases that must all match, excluded phrases,
    and the user's text as written (which PostgreSQL's ``websearch_to_tsquery`` reads itself)."""

    @property
    def text(self) -> str: ...

    @property
    def required(self) -> tuple[tuple[str, ...], ...]: ...

    @property
    def excluded(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class JsonText:
    """An expression whose text already is JSON, to be embedded in a :meth:`Dialect.json_object` as it is."""

    expression: ColumnElement[str]


# A JSON object's fields: names to columns, nested objects, or ready JSON.
JsonFields = dict[str, Any]


@dataclass(frozen=True)
class IndexFault:
    """What a search-index check found wrong: ``count`` rows of ``table``, the first being ``ids``."""

    table: str
    what: str
    count: int
    ids: tuple[Any, ...] = ()


class LineReader(ABC):
    """Reads batches of export lines, each row (line, sort_date, id), by two queries: the first
    batch, and the batch after a given (after_date, after_id)."""

    @abstractmethod
    def read(self, session: Session, values: dict[str, Any]) -> Sequence[Sequence[Any]]:
        """One batch; lines may be ``bytes`` (already encoded) or ``str``."""


class Dialect(ABC):
    """One database's way with each thing the services need."""

    name: str
    # The search index tests a statement id alone (SQLite's FTS5 holds its own rowids), so a text
    # condition can stand on a link table's statement_id; a tsvector lives on the statement row.
    matches_on_id: bool
    # The search index can rank its matches alone, before any statement row is read.
    ranks_in_index: bool
    # ALTER TABLE is limited, so migrations rebuild a table to change it (Alembic's batch mode).
    alters_by_copy: bool

    # -- engines, sessions and transactions --------------------------------------------------------

    @abstractmethod
    def create_engine(self, url: str, *, statement_timeout_ms: int | None = None, **kwargs: Any) -> Engine:
        """An engine tuned for this database; ``statement_timeout_ms`` limits every statement where
        the database can (see :meth:`time_limit`)."""

    @abstractmethod
    def upsert(self, table: Table | Any) -> Any:
        """An INSERT that takes ``on_conflict_do_update`` / ``on_conflict_do_nothing`` (both spell them alike)."""

    @abstractmethod
    def time_limit(self, session: Session, milliseconds: int) -> AbstractContextManager[None]:
        """Cancel the session's queries once they run longer than ``milliseconds``."""

    @abstractmethod
    def lock_transaction(self, session: Session, key: int) -> None:
        """Hold lock ``key`` to the end of the transaction, so one writer at a time does what follows."""

    # -- planner settings, each for one kind of read (transaction-local; no-ops where there is no planner to tell)

    @abstractmethod
    def plan_short_ordered_reads(self, session: Session) -> None:
        """For a batch of an export: a short read in index order."""

    @abstractmethod
    def plan_counts_in_index_order(self, session: Session) -> None:
        """For counts grouped by (key, day) over an index already in that order."""

    # -- SQL expressions -----------------------------------------------------------------------------

    @abstractmethod
    def period_start(self, day: ColumnElement[Any], interval: str) -> ColumnElement[Any]:
        """The first day of the ``interval`` (day, week, month or year) holding ``day``; weeks start on Monday."""

    @abstractmethod
    def iso_day(self, value: ColumnElement[Any]) -> ColumnElement[str]:
        """A date as 'YYYY-MM-DD' text (NULL stays NULL)."""

    @abstractmethod
    def json_object(self, fields: JsonFields) -> ColumnElement[str]:
        """The text of a JSON object built by the database: each value a column (strings escaped,
        dates ISO 8601, NULL as null), a nested dict (an object) or :class:`JsonText` (as it is)."""

    @abstractmethod
    def line_reader(self, bind: Engine | Connection, first: AnySelect, following: AnySelect) -> LineReader:
        """Reads export batches by ``first`` and ``following`` (whose parameters are the batch's)."""

    # -- full-text search ----------------------------------------------------------------------------

    @abstractmethod
    def text_match(self, terms: SearchTerms, ident: ColumnElement[int]) -> ColumnElement[bool]:
        """Statements whose text matches ``terms``; ``ident`` is the statement id (see ``matches_on_id``)."""

    @abstractmethod
    def text_score(self, terms: SearchTerms) -> ColumnElement[float]:
        """How well a statement matches, lower is better, on the query :meth:`ranked_join` builds."""

    @abstractmethod
    def ranked_join(self, query: Select[*Ts], terms: SearchTerms, window: ColumnElement[bool]) -> Select[*Ts]:
        """``query`` (over ``statement``) restricted to matches inside ``window``, with what
        :meth:`text_score` needs."""

    @abstractmethod
    def ranked_in_index(self, terms: SearchTerms, window: ColumnElement[bool]) -> Select[int, float]:
        """(id, score) of the matches inside ``window`` from the index alone (where ``ranks_in_index``)."""

    def recent_matches(
        self, session: Session, terms: SearchTerms, matching: AnySelect, *, plain: bool, size: int
    ) -> ColumnElement[bool]:
        """The ``size`` most recently stored matches among ``matching`` (ids of the statements passing
        the other filters; ``plain``: there are none), as a condition on the ranked query: here a
        subquery of the ranked query itself, so the matches are found once."""
        ident: ColumnElement[Any] = literal_column("statement.id")
        newest = matching.where(self.text_match(terms, ident)).order_by(ident.desc()).limit(size)
        return ident.in_(newest.scalar_subquery())

    @abstractmethod
    def snippets(
        self, session: Session, terms: SearchTerms, ids: Sequence[int], words: int
    ) -> Iterator[tuple[int, str]]:
        """(id, excerpt) of each statement around its matches, matches between OPEN_MARK and CLOSE_MARK."""

    # -- integrity -------------------------------------------------------------------------------------

    @abstractmethod
    def search_index_faults(self, connection: Connection) -> list[IndexFault]:
        """What is wrong with the search index: statements it lacks, entries it keeps for no statement,
        or text it holds that is no longer the statement's."""
