"""``dyad db check``: a consistent database passes every check, and each invariant broken on purpose
(in raw SQL, as a crash or an edit by hand would leave it) is named with its table and ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import cli
from app.ingest.integrity import check
from app.ingest.pipeline import Ingestor, reextract_documents
from app.ingest.read import Article, parse_text
from app.ingest.uploads import remove_document
from tests.api import factories as make

runner = CliRunner()
WIRE = (
    "Chinese Foreign Minister Wang Yi said China and Russia would deepen their coordination on energy. "
    "Russian Foreign Minister Sergei Lavrov said the two countries would hold talks in Moscow next month. "
    "The meeting in Beijing also touched on trade with the United States, officials said."
)


@dataclass(frozen=True)
class Rows:
    first: int  # a statement about CN, RU and US, its group's first copy
    copy: int  # the same words in a later article: a copy in the first's group
    group: int


@pytest.fixture
def rows(session: Session) -> Rows:
    """Two articles, one statement and its copy, written by the factories (through app.ingest.links)."""
    xi = make.speaker(session, name="Xi Jinping", title="President", country="CN")
    words = "China and Russia will deepen their coordination"
    d1 = make.document(session, body=f"{words}, Xi said.", published=dt.date(2024, 1, 10))
    d2 = make.document(session, body=f"{words}, Xi said on Friday.", published=dt.date(2024, 1, 12))
    first = make.statement(
        session, document=d1, speaker=xi, text=words, topics=["diplomacy", "energy"], countries=["CN", "RU", "US"]
    )
    copy = make.statement(
        session, document=d2, speaker=xi, text=words, topics=["diplomacy"], countries=["CN", "RU"], group=first
    )
    session.commit()
    return Rows(first.id, copy.id, first.group_id)


def problems_after(engine: Engine, statements: list[str]) -> list[tuple[str, str, list[object]]]:
    """(check, table, ids) of what the check finds once ``statements`` ran, in one transaction rolled back."""
    with engine.connect() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)
        found = [(p.check, p.table, p.ids) for p in check(connection)]
        connection.rollback()
    return found


def test_factory_rows_are_consistent(engine: Engine, rows: Rows) -> None:
    assert problems_after(engine, []) == []


def test_ingested_regrouped_reextracted_and_deleted_rows_are_consistent(engine: Engine, session: Session) -> None:
    ingestor = Ingestor(session)
    day = dt.date(2024, 3, 1)
    ingestor.ingest(Article("Talks", day + dt.timedelta(days=1), WIRE, origin="a"))
    earlier = ingestor.ingest(Article("Talks (wire)", day, WIRE + " More later.", origin="b"))  # the first copies
    ingestor.ingest(Article("Elsewhere", day, "Kenyan President William Ruto said tea exports to China rose."))
    copied = session.scalar(text("SELECT count(*) FROM statement_group WHERE statement_count = 2"))
    assert copied == 2  # each of the wire's statements and its copy
    assert problems_after(engine, []) == []
    totals = reextract_documents(engine)
    assert totals.failures == []
    # deleting the first copies promotes the others (the check's "group firsts" would say otherwise)
    assert remove_document(session, document_id=earlier.document_id)
    session.commit()
    assert session.scalar(text("SELECT count(*) FROM statement_group WHERE statement_count = 2")) == 0
    assert problems_after(engine, []) == []


def test_the_seed_article_is_consistent(engine: Engine, session: Session, seed_path: Path) -> None:
    Ingestor(session).ingest(parse_text(seed_path.read_text(encoding="utf-8")))
    assert problems_after(engine, []) == []


# Each case: what to do, the check that must name it, its table, and the ids it must give
# ("first", "copy", "group" stand for the fixture's rows).
@dataclass(frozen=True)
class Breakage:
    name: str
    sql: tuple[str, ...]
    check: str
    table: str
    ids: tuple[object, ...]
    postgresql: tuple[str, ...] | None = None  # other statements on PostgreSQL


FOREIGN_KEYS_OFF = {"sqlite": "PRAGMA foreign_keys = OFF", "postgresql": "SET LOCAL session_replication_role = replica"}
BREAKAGES = [
    Breakage(
        "a topic copy edited",
        ("UPDATE statement SET topic_slugs = 'diplomacy' WHERE id = {first}",),
        "topic links",
        "statement",
        ("first",),
    ),
    Breakage(
        "a topic link lost",
        ("DELETE FROM statement_topic WHERE statement_id = {copy}",),
        "topic links",
        "statement",
        ("copy",),
    ),
    Breakage(
        "a country link's date out of step",
        ("UPDATE statement_country SET sort_date = '2000-01-01' WHERE statement_id = {first} AND country_code = 'US'",),
        "country links",
        "statement",
        ("first",),
    ),
    Breakage(
        "a country copy edited",
        ("UPDATE statement SET country_codes = 'CN;RU;UA' WHERE id = {copy}",),
        "country links",
        "statement",
        ("copy",),
    ),
    Breakage(
        "a pair row lost",
        ("DELETE FROM statement_pair WHERE statement_id = {first} AND country_a = 'CN' AND country_b = 'US'",),
        "pair links",
        "statement",
        ("first",),
    ),
    Breakage(
        "a pair row's group_first out of step",
        ("UPDATE statement_pair SET group_first = false WHERE statement_id = {first}",),
        "pair links",
        "statement",
        ("first",),
    ),
    Breakage(
        "a pair count edited",
        ("UPDATE country_pair SET statement_count = statement_count + 1 WHERE country_a = 'CN' AND country_b = 'RU'",),
        "pair counts",
        "country_pair",
        ("CN-RU",),
    ),
    Breakage(
        "a distinct count edited",
        ("UPDATE country_pair SET distinct_count = 0 WHERE country_a = 'CN' AND country_b = 'US'",),
        "pair counts",
        "country_pair",
        ("CN-US",),
    ),
    Breakage(
        "a group count edited",
        ("UPDATE statement_group SET statement_count = 7 WHERE id = {group}",),
        "group counts",
        "statement_group",
        ("group",),
    ),
    Breakage(
        "two first copies in a group",
        ("UPDATE statement SET group_first = true WHERE id = {copy}",),
        "group firsts",
        "statement",
        ("copy",),
    ),
    Breakage(
        "a statement in a group that does not exist",
        ("UPDATE statement SET group_id = 999999 WHERE id = {copy}",),
        "group members",
        "statement",
        ("copy",),
    ),
    Breakage(
        "an empty group",
        ("INSERT INTO statement_group (id, statement_count) VALUES (999999, 0)",),
        "orphan rows",
        "statement_group",
        (999999,),
    ),
    Breakage(
        "a span that is not the text",
        ("UPDATE statement SET span_start = span_start + 1 WHERE id = {first}",),
        "spans",
        "statement",
        ("first",),
    ),
    Breakage(
        "a sort date that is not the statement's",
        ("UPDATE statement SET sort_date = '2001-01-01' WHERE id = {copy}",),
        "sort dates",
        "statement",
        ("copy",),
    ),
    Breakage(
        "a statement missing from the search index",
        (
            "INSERT INTO statement_fts (statement_fts, rowid, text) "
            "SELECT 'delete', id, text FROM statement WHERE id = {first}",
        ),
        "search index",
        "statement",
        ("first",),
        postgresql=("DROP INDEX ix_statement_text_search",),
    ),
    Breakage(
        "a search entry for no statement",
        ("INSERT INTO statement_fts (rowid, text) VALUES (999999, 'ghost words')",),
        "search index",
        "statement_fts",
        (999999,),
        postgresql=("ALTER TABLE statement DROP COLUMN text_search",),
    ),
    Breakage(
        "a link row of a statement that does not exist",
        (
            "{foreign_keys_off}",
            "INSERT INTO statement_topic (statement_id, topic_id, sort_date) "
            "SELECT 999999, id, '2024-01-10' FROM topic WHERE slug = 'energy'",
        ),
        "orphan rows",
        "statement_topic",
        (999999,),
    ),
    Breakage(
        "an alias of a speaker that does not exist",
        (
            "{foreign_keys_off}",
            "INSERT INTO speaker_alias (id, speaker_id, alias, alias_key) VALUES (999999, 999999, 'Ghost', 'ghost')",
        ),
        "orphan rows",
        "speaker_alias",
        (999999,),
    ),
    Breakage(
        "a similarity band of a document that does not exist",
        (
            "{foreign_keys_off}",
            "INSERT INTO story_band (band, bucket, document_id) VALUES (0, 1, 999999)",
        ),
        "orphan rows",
        "story_band",
        (999999,),
    ),
]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.name for b in BREAKAGES])
def test_each_broken_invariant_is_named(engine: Engine, rows: Rows, breakage: Breakage) -> None:
    postgresql = engine.dialect.name == "postgresql"
    names = {"first": rows.first, "copy": rows.copy, "group": rows.group}
    statements = breakage.postgresql if postgresql and breakage.postgresql else breakage.sql
    values = {**names, "foreign_keys_off": FOREIGN_KEYS_OFF[engine.dialect.name]}
    found = problems_after(engine, [statement.format(**values) for statement in statements])
    if postgresql and breakage.postgresql:  # the index is structure there (a column, an index): no ids
        assert [(check, table) for check, table, _ids in found] == [(breakage.check, "statement")]
        return
    expected = (breakage.check, breakage.table, [names.get(str(i), i) for i in breakage.ids])
    assert expected in found


def test_dyad_db_check_exits_1_and_says_what_is_wrong(
    use_database: Callable[[str], None], db_url: str, engine: Engine, rows: Rows
) -> None:
    use_database(db_url)
    result = runner.invoke(cli, ["db", "check"])
    assert result.exit_code == 0, result.output
    assert "consistent: links, pair counts, groups, statements, orphans, search index checked" in result.output
    with engine.begin() as connection:
        connection.execute(text("UPDATE statement_group SET statement_count = 7 WHERE id = :g"), {"g": rows.group})
    result = runner.invoke(cli, ["db", "check"])
    assert result.exit_code == 1
    wrong = "whose statement_count is not their statements' number"
    assert result.output.splitlines() == [
        f"group counts: 1 statement_group row(s) {wrong} (ids {rows.group})",
        "1 problem(s) found",
    ]
