"""Migrations are code under test: one head, up and down on both databases, models in step."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from app import migrate
from app.db import make_engine
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
