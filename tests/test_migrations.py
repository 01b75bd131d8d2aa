"""Migrations are code under test: one head, up and down on both databases, models in step."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from app import migrate
from app.db import make_engine
from app.ingest.integrity import check
from app.migrate import include_object
from app.models import Base
from tests.conftest import pg_base_url, with_search_path


def test_single_head() -> None:
    assert len(migrate.heads()) == 1


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, for migrating from scratch."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    base = pg_base_url()
    if base is None:
        pytest.skip("DYAD_TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    schema = f"dyad_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield with_search_path(base, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_upgrade_to_head_and_down_to_base(empty_url: str) -> None:
    migrate.upgrade(empty_url)
    engine = make_engine(empty_url)
    try:
        assert not migrate.pending(engine)
        tables = set(inspect(engine).get_table_names())
        assert {"document", "speaker", "speaker_alias", "statement", "topic", "country"} <= tables
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM topic")).scalar() == 12
            codes = {row[0] for row in conn.execute(text("SELECT code FROM country"))}
        assert {"CN", "RU", "US", "EU"} <= codes
        assert len(codes) > 240
        migrate.downgrade(empty_url, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert migrate.pending(engine)
        migrate.upgrade(empty_url)  # and back up again, cleanly
        assert not migrate.pending(engine)
    finally:
        engine.dispose()


def test_models_match_migrations(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def add_statements(conn: Any, ids: Sequence[int]) -> None:
    """Statements ``ids`` of one document by one speaker, in raw SQL (the models may be ahead of the schema)."""
    conn.execute(
        text(
            "INSERT INTO document (id, title, published_date, body, content_hash, extractor_version, "
            "ingested_at) VALUES (1, 'T', '2024-01-02', 'Body text.', 'h', 'v', '2024-01-02 00:00:00')"
        )
    )
    conn.execute(text("INSERT INTO speaker (id, name, name_key, kind) VALUES (1, 'A B', 'a b', 'person')"))
    conn.execute(
        text(
            "INSERT INTO statement (id, document_id, speaker_id, text, kind, sort_date, span_start, "
            "span_end, extractor_version) VALUES (:sid, 1, 1, 'Body', 'direct', '2024-01-02', 0, 4, 'v')"
        ),
        [{"sid": sid} for sid in ids],
    )


def test_links_on_statement_rows_are_backfilled(empty_url: str) -> None:
    """0005 copies each statement's topic slugs and country codes, sorted, onto its row."""
    migrate.upgrade(empty_url, "0004")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            add_statements(conn, [1, 2, 3])
            # topic ids do not follow slug order (diplomacy 1, trade_economy 2, energy 3): the backfill sorts
            for sid, slug in [(1, "trade_economy"), (1, "diplomacy"), (1, "energy"), (3, "health")]:
                conn.execute(
                    text(
                        "INSERT INTO statement_topic (statement_id, topic_id, sort_date) "
                        "SELECT :sid, id, '2024-01-02' FROM topic WHERE slug = :slug"
                    ),
                    {"sid": sid, "slug": slug},
                )
            for sid, code in [(1, "RU"), (1, "CN"), (2, "US"), (2, "FR"), (2, "DE")]:
                conn.execute(
                    text(
                        "INSERT INTO statement_country (statement_id, country_code, sort_date) "
                        "VALUES (:sid, :code, '2024-01-02')"
                    ),
                    {"sid": sid, "code": code},
                )
        migrate.upgrade(empty_url)
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, topic_slugs, country_codes FROM statement ORDER BY id")).all()
        assert [tuple(row) for row in rows] == [
            (1, "diplomacy;energy;trade_economy", "CN;RU"),
            (2, "", "DE;FR;US"),
            (3, "health", ""),
        ]
        migrate.downgrade(empty_url, "0004")
        assert "topic_slugs" not in {c["name"] for c in inspect(engine).get_columns("statement")}
        if engine.dialect.name == "sqlite":  # a table rebuild would have dropped the search triggers
            with engine.connect() as conn:
                triggers = conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).all()
            assert sorted(triggers) == ["statement_fts_delete", "statement_fts_insert", "statement_fts_update"]
    finally:
        engine.dispose()


def test_pair_counts_are_backfilled_then_kept_by_triggers(empty_url: str) -> None:
    migrate.upgrade(empty_url, "0005")
    engine = make_engine(empty_url)

    def counts() -> list[tuple[str, str, int]]:
        with engine.connect() as conn:
            query = "SELECT country_a, country_b, statement_count FROM country_pair ORDER BY country_a, country_b"
            return [(a, b, n) for a, b, n in conn.execute(text(query))]

    def add_pairs(conn: Any, rows: list[tuple[int, str, str]]) -> None:
        conn.execute(
            text(
                "INSERT INTO statement_pair (statement_id, country_a, country_b, sort_date) "
                "VALUES (:sid, :a, :b, '2024-01-02')"
            ),
            [{"sid": sid, "a": a, "b": b} for sid, a, b in rows],
        )

    try:
        with engine.begin() as conn:
            add_statements(conn, [1, 2, 3])
            add_pairs(conn, [(1, "CN", "RU"), (2, "CN", "RU"), (2, "CN", "US")])
        migrate.upgrade(empty_url)
        assert counts() == [("CN", "RU", 2), ("CN", "US", 1)]

        with engine.begin() as conn:  # one statement adding several rows, one of them a new pair
            add_pairs(conn, [(3, "CN", "RU"), (3, "CN", "US"), (3, "RU", "US")])
        assert counts() == [("CN", "RU", 3), ("CN", "US", 2), ("RU", "US", 1)]
        with engine.begin() as conn:  # statements deleted: their pairs go by cascade
            conn.execute(text("DELETE FROM statement WHERE id IN (2, 3)"))
        assert counts() == [("CN", "RU", 1), ("CN", "US", 0), ("RU", "US", 0)]
        if engine.dialect.name == "postgresql":  # TRUNCATE runs no DELETE trigger: one of its own
            with engine.begin() as conn:
                conn.execute(text("TRUNCATE statement_pair"))
            assert counts() == []

        migrate.downgrade(empty_url, "0005")
        assert "country_pair" not in inspect(engine).get_table_names()
        with engine.begin() as conn:  # and the triggers left with the table
            add_pairs(conn, [(1, "CN", "US")])
    finally:
        engine.dispose()


def test_duplicate_speakers_are_merged_into_one_identity(empty_url: str) -> None:
    """0009 merges speakers stored twice under one name and kind; namesakes of two countries stay apart."""
    migrate.upgrade(empty_url, "0006")
    engine = make_engine(empty_url)
    speakers = [
        (1, "Xi Jinping", "xi jinping", None),
        (2, "Xi Jinping", "xi jinping", "CN"),
        (3, "XI JINPING", "xi jinping", None),
        (4, "Ali Khan", "ali khan", "PK"),
        (5, "Ali Khan", "ali khan", "IN"),
    ]
    try:
        with engine.begin() as conn:
            add_statements(conn, [99])  # the document; its statement and speaker make way for these
            conn.execute(text("DELETE FROM statement"))
            conn.execute(text("DELETE FROM speaker"))
            conn.execute(
                text("INSERT INTO speaker (id, name, name_key, kind, country_code) VALUES (:id, :n, :k, 'person', :c)"),
                [{"id": i, "n": n, "k": k, "c": c} for i, n, k, c in speakers],
            )
            conn.execute(
                text(
                    "INSERT INTO speaker_alias (speaker_id, alias, alias_key) VALUES "
                    "(1, 'Xi', 'xi'), (2, 'Xi', 'xi'), (3, 'President Xi', 'president xi')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO statement (id, document_id, speaker_id, text, kind, sort_date, span_start, "
                    "span_end, extractor_version) VALUES (:sid, 1, :speaker, 'Body', 'direct', '2024-01-02', 0, 4, 'v')"
                ),
                [{"sid": sid, "speaker": speaker} for sid, speaker in [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]],
            )
        migrate.upgrade(empty_url)
        with engine.connect() as conn:
            rows = conn.execute(
                text("SELECT id, country_code, country_source, identity_key FROM speaker ORDER BY id")
            ).all()
            statements = conn.execute(text("SELECT id, speaker_id FROM statement ORDER BY id")).all()
            aliases = conn.execute(text("SELECT speaker_id, alias_key FROM speaker_alias ORDER BY alias_key")).all()
            redirects = conn.execute(text("SELECT old_id, speaker_id FROM speaker_redirect ORDER BY old_id")).all()
        assert [tuple(r) for r in rows] == [
            (1, "CN", "article", "person:xi jinping"),
            (4, "PK", "article", "person:ali khan"),
            (5, "IN", "article", "person:ali khan#IN"),
        ]
        assert [tuple(s) for s in statements] == [(1, 1), (2, 1), (3, 1), (4, 4), (5, 5)]
        assert [tuple(a) for a in aliases] == [(1, "president xi"), (1, "xi")]
        assert [tuple(r) for r in redirects] == [(2, 1), (3, 1)]
        migrate.downgrade(empty_url, "0006")
        assert "speaker_redirect" not in inspect(engine).get_table_names()
        assert "identity_key" not in {c["name"] for c in inspect(engine).get_columns("speaker")}
    finally:
        engine.dispose()


def test_data_stored_before_the_copies_pairs_counts_and_groups_passes_every_check(empty_url: str) -> None:
    """Statements stored at 0001, with only their link rows, come out of the backfills of 0002 (pairs),
    0004 (dates on links), 0005 (copies), 0006 (pair counts) and 0008 (groups) as ingestion writes
    them today: ``dyad db check`` (app.ingest.integrity) finds nothing wrong."""
    migrate.upgrade(empty_url, "0001")
    engine = make_engine(empty_url)
    try:
        with engine.begin() as conn:
            add_statements(conn, [1, 2, 3])
            conn.execute(
                text(
                    "INSERT INTO statement_topic (statement_id, topic_id) SELECT :sid, id FROM topic WHERE slug = :slug"
                ),
                [{"sid": 1, "slug": "trade_economy"}, {"sid": 1, "slug": "diplomacy"}, {"sid": 3, "slug": "energy"}],
            )
            conn.execute(
                text("INSERT INTO statement_country (statement_id, country_code) VALUES (:sid, :code)"),
                [{"sid": sid, "code": code} for sid, code in [(1, "RU"), (1, "CN"), (1, "US"), (2, "FR"), (2, "DE")]],
            )
        migrate.upgrade(empty_url)
        with engine.connect() as conn:
            assert [str(problem) for problem in check(conn)] == []
            pairs = conn.execute(text("SELECT country_a, country_b, statement_count FROM country_pair ORDER BY 1, 2"))
            assert [tuple(row) for row in pairs] == [("CN", "RU", 1), ("CN", "US", 1), ("DE", "FR", 1), ("RU", "US", 1)]
    finally:
        engine.dispose()


def test_the_extractor_gives_the_kinds_the_database_stores() -> None:
    """The extractor is a pure package with its own vocabulary; what it gives must be what is stored."""
    from typing import get_args

    from app.ingest.extract import model
    from app.models import SPEAKER_KINDS, STATEMENT_KINDS

    assert get_args(model.StatementKind) == STATEMENT_KINDS
    assert get_args(model.SpeakerKind) == SPEAKER_KINDS
    checks = [str(c.sqltext) for c in Base.metadata.tables["statement"].constraints if hasattr(c, "sqltext")]
    assert "kind IN (" + ", ".join(f"'{kind}'" for kind in STATEMENT_KINDS) + ")" in checks
