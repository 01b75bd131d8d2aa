"""Test databases: every test that asks for ``db_url`` runs on SQLite and, when
``DYAD_TEST_DATABASE_URL`` names a PostgreSQL server, on PostgreSQL too.

Each backend is migrated once per session through Alembic (the schema under test is the one the
migrations build). Tests are isolated: SQLite tests get a fresh copy of the migrated file; on
PostgreSQL the session works in a schema of its own, emptied after each test.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from app import migrate
from app.config import Settings, get_settings
from app.db import get_engine, make_engine, session_factory
from app.taxonomy import load as load_taxonomy
from tests.web import Site, serve

PG_ENV = "DYAD_TEST_DATABASE_URL"
DATA_TABLES = (
    "feed_item",
    "feed",
    "story_band",
    "document_signature",
    "statement_group",
    "statement_pair",
    "statement_topic",
    "statement_country",
    "statement",
    "speaker_correction",
    "speaker_redirect",
    "speaker_office",
    "speaker_alias",
    "speaker",
    "document",
    "api_key",
    "audit_entry",
)
SEED = Path(__file__).resolve().parent.parent / "app" / "sample" / "2023-12-31_xi-putin-new-year-greetings.txt"


def pg_base_url() -> str | None:
    url = os.environ.get(PG_ENV)
    return Settings(database_url=url).database_url if url else None


def with_search_path(url: str, schema: str) -> str:
    return str(
        make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    )


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    base = pg_base_url()
    if base is None:
        pytest.skip(f"{PG_ENV} is not set: PostgreSQL tests skipped")
    schema = f"dyad_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = with_search_path(base, schema)
    try:
        migrate.upgrade(url)
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def reset_postgresql(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(DATA_TABLES)} RESTART IDENTITY CASCADE"))
            conn.execute(text("DELETE FROM topic"))
            for topic in load_taxonomy():
                conn.execute(
                    text(
                        "INSERT INTO topic (slug, label, description, keywords) "
                        "VALUES (:slug, :label, :description, CAST(:keywords AS JSON))"
                    ),
                    {**topic, "keywords": json.dumps(topic["keywords"])},
                )
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database of each backend; reference data (countries, topics) loaded."""
    if request.param == "sqlite":
        path = tmp_path / "dyad.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url = request.getfixturevalue("pg_schema_url")
    try:
        yield url
    finally:
        reset_postgresql(url)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with session_factory(engine)() as session:
        yield session


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def site() -> Iterator[Site]:
    """A local HTTP server serving what the test puts in it."""
    yield from serve()


@pytest.fixture
def use_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Point the command at a database (settings and engines are cached per process)."""

    def point_at(url: str) -> None:
        monkeypatch.setenv("DYAD_DATABASE_URL", url)
        get_settings.cache_clear()
        get_engine.cache_clear()

    yield point_at
    get_engine.cache_clear()
    get_settings.cache_clear()
