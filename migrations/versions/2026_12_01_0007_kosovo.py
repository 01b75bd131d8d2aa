"""Kosovo (XK) as a country: news names it as a party, and ISO 3166-1 leaves it a user-assigned code.

The extractor now recognises Kosovo, so its statements, speakers and pairs need the row their
foreign keys point at. Downgrading removes the row only while nothing refers to it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTRY = sa.table("country", sa.column("code", sa.String), sa.column("name", sa.String))


def upgrade() -> None:
    op.bulk_insert(COUNTRY, [{"code": "XK", "name": "Kosovo"}])


def downgrade() -> None:
    bind = op.get_bind()
    used = bind.scalar(
        sa.text(
            "SELECT (SELECT count(*) FROM speaker WHERE country_code = 'XK')"
            " + (SELECT count(*) FROM statement_country WHERE country_code = 'XK')"
        )
    )
    if used:
        raise RuntimeError(
            f"Kosovo (XK) is still referenced {used} times by speakers and statements; "
            "delete or re-extract those documents before downgrading below revision 0007"
        )
    op.execute(COUNTRY.delete().where(COUNTRY.c.code == "XK"))
