"""Link tables carry their statement's sort_date, indexed for date-ordered reads; an index on kind.

Lists filtered by a country, a pair of countries or a topic then read one index range in date
order, and counts by country, topic or kind read narrow indexes instead of statements.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> (old index and its columns, new index and its columns)
LINKS = {
    "statement_topic": (
        ("ix_statement_topic_topic_id_statement_id", ["topic_id", "statement_id"]),
        ("ix_statement_topic_topic_id_sort_date_statement_id", ["topic_id", "sort_date", "statement_id"]),
    ),
    "statement_country": (
        ("ix_statement_country_country_code_statement_id", ["country_code", "statement_id"]),
        ("ix_statement_country_country_code_sort_date_statement_id", ["country_code", "sort_date", "statement_id"]),
    ),
    "statement_pair": (
        ("ix_statement_pair_country_a_country_b_statement_id", ["country_a", "country_b", "statement_id"]),
        (
            "ix_statement_pair_country_a_country_b_sort_date_statement_id",
            ["country_a", "country_b", "sort_date", "statement_id"],
        ),
    ),
}


def upgrade() -> None:
    for table, ((old_index, _), (new_index, columns)) in LINKS.items():
        op.drop_index(old_index, table_name=table)
        op.add_column(table, sa.Column("sort_date", sa.Date(), nullable=True))
        op.execute(
            f"UPDATE {table} SET sort_date = statement.sort_date "
            f"FROM statement WHERE statement.id = {table}.statement_id"
        )
        with op.batch_alter_table(table) as batch:
            batch.alter_column("sort_date", existing_type=sa.Date(), nullable=False)
        op.create_index(new_index, table, columns)
    op.create_index("ix_statement_kind_sort_date_id", "statement", ["kind", "sort_date", "id"])


def downgrade() -> None:
    op.drop_index("ix_statement_kind_sort_date_id", table_name="statement")
    for table, ((old_index, old_columns), (new_index, _)) in LINKS.items():
        op.drop_index(new_index, table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("sort_date")
        op.create_index(old_index, table, old_columns)
