"""Each statement keeps its topic slugs and country codes on its own row; backfilled.

Lists and exports then read a statement from its row alone, without a query per page (lists)
or a subquery per row (exports) into the link tables, which remain the index for filters.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# column -> the statement's values, one row each, as (statement_id, value)
SOURCES = {
    "topic_slugs": "SELECT st.statement_id, t.slug AS value "
    "FROM statement_topic AS st JOIN topic AS t ON t.id = st.topic_id",
    "country_codes": "SELECT statement_id, country_code AS value FROM statement_country",
}


def upgrade() -> None:
    for column in SOURCES:
        op.add_column("statement", sa.Column(column, sa.Text(), server_default="", nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        # sorted by code point, as ingestion sorts them in Python, whatever the database's collation;
        # one UPDATE for both columns: each updated row is a new row version, so one pass, not two
        joined = {
            column: "SELECT statement_id, string_agg(value, ';' ORDER BY value COLLATE \"C\") AS value "
            f"FROM ({source}) AS linked GROUP BY statement_id"
            for column, source in SOURCES.items()
        }
        op.execute(
            "UPDATE statement SET topic_slugs = coalesce(both_.topics, ''), country_codes = coalesce(both_.codes, '') "
            "FROM (SELECT coalesce(t.statement_id, c.statement_id) AS statement_id, t.value AS topics, "
            f"c.value AS codes FROM ({joined['topic_slugs']}) AS t FULL JOIN ({joined['country_codes']}) AS c "
            "ON c.statement_id = t.statement_id) AS both_ WHERE statement.id = both_.statement_id"
        )
        return
    for column, source in SOURCES.items():
        # SQLite before 3.44 has no ORDER BY inside group_concat: the values arrive sorted
        op.execute(
            f"UPDATE statement SET {column} = joined.value FROM ("
            "SELECT statement_id, group_concat(value, ';') AS value FROM ("
            f"SELECT * FROM ({source}) ORDER BY statement_id, value) GROUP BY statement_id"
            ") AS joined WHERE statement.id = joined.statement_id"
        )


def downgrade() -> None:
    # a plain DROP COLUMN: a batch rebuild would drop the statement table's search triggers
    for column in reversed(SOURCES):
        op.drop_column("statement", column)
