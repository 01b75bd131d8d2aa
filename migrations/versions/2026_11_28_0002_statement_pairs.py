"""Country pairs per statement, the index behind the relations endpoints; backfilled.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "statement_pair",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("country_a", sa.String(length=2), nullable=False),
        sa.Column("country_b", sa.String(length=2), nullable=False),
        sa.CheckConstraint("country_a < country_b", name=op.f("ck_statement_pair_ordered")),
        sa.ForeignKeyConstraint(["country_a"], ["country.code"], name=op.f("fk_statement_pair_country_a_country")),
        sa.ForeignKeyConstraint(["country_b"], ["country.code"], name=op.f("fk_statement_pair_country_b_country")),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_pair_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "country_a", "country_b", name=op.f("pk_statement_pair")),
    )
    op.create_index(
        "ix_statement_pair_country_a_country_b_statement_id",
        "statement_pair",
        ["country_a", "country_b", "statement_id"],
    )
    op.execute(
        "INSERT INTO statement_pair (statement_id, country_a, country_b) "
        "SELECT a.statement_id, a.country_code, b.country_code FROM statement_country a "
        "JOIN statement_country b ON b.statement_id = a.statement_id AND a.country_code < b.country_code"
    )


def downgrade() -> None:
    op.drop_table("statement_pair")
