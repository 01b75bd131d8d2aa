"""Alembic, driven from code: the ``dyad db`` commands and the tests use these functions."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.config import get_settings

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave out of autogenerate what the models do not describe: the full-text search objects
    (the FTS5 tables on SQLite; the generated tsvector column and its index on PostgreSQL)."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith("statement_fts")
    return not (type_ in {"column", "index"} and name in {"text_search", "ix_statement_text_search"})


def alembic_config(url: str | None = None) -> Config:
    if not MIGRATIONS_DIR.is_dir():
        raise RuntimeError(f"migrations folder not found at {MIGRATIONS_DIR}; install Dyad from its source tree")
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(rev)s_%%(slug)s")
    cfg.set_main_option("sqlalchemy.url", (url or get_settings().database_url).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "-1") -> None:
    command.downgrade(alembic_config(url), revision)


def heads() -> list[str]:
    return list(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def pending(engine: Engine) -> bool:
    """True when the database is not at the latest revision (including never migrated)."""
    return set(heads()) != ({current_revision(engine)} - {None})
