"""Full-text search on statement text: FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL.

Both are kept up to date inside the writing transaction: by triggers on SQLite, by a generated
column on PostgreSQL. English stemming on both (porter / 'english').

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE statement_fts USING fts5("
    "text, content='statement', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER statement_fts_insert AFTER INSERT ON statement BEGIN "
    "INSERT INTO statement_fts (rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER statement_fts_delete AFTER DELETE ON statement BEGIN "
    "INSERT INTO statement_fts (statement_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER statement_fts_update AFTER UPDATE OF text ON statement BEGIN "
    "INSERT INTO statement_fts (statement_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO statement_fts (rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO statement_fts (statement_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER statement_fts_update",
    "DROP TRIGGER statement_fts_delete",
    "DROP TRIGGER statement_fts_insert",
    "DROP TABLE statement_fts",
)
POSTGRESQL_UP = (
    "ALTER TABLE statement ADD COLUMN text_search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX ix_statement_text_search ON statement USING gin (text_search)",
)
POSTGRESQL_DOWN = (
    "DROP INDEX ix_statement_text_search",
    "ALTER TABLE statement DROP COLUMN text_search",
)


def _run(statements: Sequence[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DOWN)
