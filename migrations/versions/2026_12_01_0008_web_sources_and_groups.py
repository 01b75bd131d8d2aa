"""Feeds watched, the similarity index of document bodies, stories and statement groups.

Syndicated copies of a story are grouped: each document gets a ``story_id``, each statement a
``group_id`` (a ``statement_group`` row counting its copies) and ``group_first``, true for the
group's earliest copy. ``statement_pair`` repeats ``group_first`` so that its triggers keep, beside
``country_pair.statement_count``, a ``distinct_count`` that counts each group once: the pair
counts of ``distinct=true`` stay one small-table read. The triggers of 0006 are replaced by ones
that also keep that count, and an UPDATE trigger follows a group's earliest copy changing.

Stored data is backfilled as it stands: every document is a story of its own, every statement a
group of one (one ``statement_group`` row per statement, and each statement row rewritten).
Documents stored before this revision have no signature, so later copies do not join them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = (
    "CREATE TRIGGER country_pair_add AFTER INSERT ON statement_pair BEGIN "
    "INSERT INTO country_pair (country_a, country_b, statement_count, distinct_count) "
    "VALUES (new.country_a, new.country_b, 1, new.group_first) "
    "ON CONFLICT (country_a, country_b) DO UPDATE SET statement_count = statement_count + 1, "
    "distinct_count = distinct_count + excluded.distinct_count; END",
    "CREATE TRIGGER country_pair_remove AFTER DELETE ON statement_pair BEGIN "
    "UPDATE country_pair SET statement_count = statement_count - 1, distinct_count = distinct_count - old.group_first "
    "WHERE country_a = old.country_a AND country_b = old.country_b; END",
    "CREATE TRIGGER country_pair_regroup AFTER UPDATE OF group_first ON statement_pair BEGIN "
    "UPDATE country_pair SET distinct_count = distinct_count + new.group_first - old.group_first "
    "WHERE country_a = new.country_a AND country_b = new.country_b; END",
)
# Upserts of the changes per pair, in pair order (see 0006): added rows, removed rows, and for an
# UPDATE the new rows less the old.
_UPSERT = (
    "INSERT INTO country_pair (country_a, country_b, statement_count, distinct_count) "
    "SELECT country_a, country_b, sum(n), sum(d) FROM ({rows}) AS changed "
    "GROUP BY country_a, country_b ORDER BY country_a, country_b "
    "ON CONFLICT (country_a, country_b) DO UPDATE SET "
    "statement_count = country_pair.statement_count + excluded.statement_count, "
    "distinct_count = country_pair.distinct_count + excluded.distinct_count; "
)


def _rows(table: str, sign: str) -> str:
    return f"SELECT country_a, country_b, {sign}1 AS n, {sign}(group_first::int) AS d FROM {table}"


def _function(name: str, rows: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + _UPSERT.format(rows=rows)
        + "RETURN NULL; END $$"
    )


POSTGRESQL_TRIGGERS = (
    _function("country_pair_add", _rows("added", "")),
    _function("country_pair_remove", _rows("removed", "-")),
    _function("country_pair_regroup", f"{_rows('after_', '')} UNION ALL {_rows('before_', '-')}"),
    "CREATE TRIGGER country_pair_regroup AFTER UPDATE ON statement_pair "
    "REFERENCING OLD TABLE AS before_ NEW TABLE AS after_ FOR EACH STATEMENT EXECUTE FUNCTION country_pair_regroup()",
)

# 0006's triggers, put back by the downgrade.
SQLITE_TRIGGERS_0006 = (
    "CREATE TRIGGER country_pair_add AFTER INSERT ON statement_pair BEGIN "
    "INSERT INTO country_pair (country_a, country_b, statement_count) VALUES (new.country_a, new.country_b, 1) "
    "ON CONFLICT (country_a, country_b) DO UPDATE SET statement_count = statement_count + 1; END",
    "CREATE TRIGGER country_pair_remove AFTER DELETE ON statement_pair BEGIN "
    "UPDATE country_pair SET statement_count = statement_count - 1 "
    "WHERE country_a = old.country_a AND country_b = old.country_b; END",
)
POSTGRESQL_FUNCTIONS_0006 = (
    "CREATE OR REPLACE FUNCTION country_pair_add() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO country_pair (country_a, country_b, statement_count) "
    "SELECT country_a, country_b, count(*) FROM added GROUP BY country_a, country_b ORDER BY country_a, country_b "
    "ON CONFLICT (country_a, country_b) "
    "DO UPDATE SET statement_count = country_pair.statement_count + excluded.statement_count; "
    "RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION country_pair_remove() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO country_pair (country_a, country_b, statement_count) "
    "SELECT country_a, country_b, -count(*) FROM removed GROUP BY country_a, country_b ORDER BY country_a, country_b "
    "ON CONFLICT (country_a, country_b) "
    "DO UPDATE SET statement_count = country_pair.statement_count + excluded.statement_count; "
    "RETURN NULL; END $$",
)


def _create_tables() -> None:
    op.create_table(
        "feed",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_poll_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed")),
        sa.UniqueConstraint("url", name=op.f("uq_feed_url")),
    )
    op.create_table(
        "feed_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feed_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["feed_id"], ["feed.id"], name=op.f("fk_feed_item_feed_id_feed"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_feed_item_document_id_document"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_item")),
        sa.UniqueConstraint("feed_id", "item_key", name=op.f("uq_feed_item_feed_id_item_key")),
    )
    op.create_table(
        "document_signature",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_document_signature_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_document_signature")),
    )
    op.create_table(
        "story_band",
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_story_band_document_id_document"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("band", "bucket", "document_id", name=op.f("pk_story_band")),
    )
    op.create_index("ix_story_band_document_id", "story_band", ["document_id"])
    op.create_table(
        "statement_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement_group")),
    )


def upgrade() -> None:
    _create_tables()
    sqlite = op.get_bind().dialect.name == "sqlite"
    # Plain ADD COLUMN: a batch rebuild of statement would drop its search triggers.
    op.add_column("document", sa.Column("story_id", sa.Integer(), server_default="0", nullable=False))
    op.add_column("statement", sa.Column("group_id", sa.Integer(), server_default="0", nullable=False))
    op.add_column("statement", sa.Column("group_first", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column("statement_pair", sa.Column("group_first", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column("country_pair", sa.Column("distinct_count", sa.Integer(), server_default="0", nullable=False))

    if not sqlite:  # no pair may change between the backfill and the new triggers
        op.execute("LOCK TABLE statement_pair IN SHARE ROW EXCLUSIVE MODE")
    op.execute("UPDATE document SET story_id = id")
    op.execute("INSERT INTO statement_group (id, statement_count) SELECT id, 1 FROM statement")
    op.execute("UPDATE statement SET group_id = id")
    if not sqlite:
        op.execute(
            "SELECT setval(pg_get_serial_sequence('statement_group', 'id'), "
            "coalesce((SELECT max(id) FROM statement_group), 0) + 1, false)"
        )
    op.execute("UPDATE country_pair SET distinct_count = statement_count")
    op.create_index("ix_document_story_id", "document", ["story_id"])
    op.create_index("ix_statement_group_id", "statement", ["group_id"])

    if sqlite:
        op.execute("DROP TRIGGER country_pair_remove")
        op.execute("DROP TRIGGER country_pair_add")
    for statement in SQLITE_TRIGGERS if sqlite else POSTGRESQL_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        for name in ("country_pair_regroup", "country_pair_remove", "country_pair_add"):
            op.execute(f"DROP TRIGGER {name}")
        for statement in SQLITE_TRIGGERS_0006:
            op.execute(statement)
    else:
        op.execute("DROP TRIGGER country_pair_regroup ON statement_pair")
        op.execute("DROP FUNCTION country_pair_regroup()")
        for statement in POSTGRESQL_FUNCTIONS_0006:
            op.execute(statement)
    op.drop_index("ix_statement_group_id", table_name="statement")
    op.drop_index("ix_document_story_id", table_name="document")
    op.drop_column("country_pair", "distinct_count")
    op.drop_column("statement_pair", "group_first")
    op.drop_column("statement", "group_first")
    op.drop_column("statement", "group_id")
    op.drop_column("document", "story_id")
    op.drop_table("statement_group")
    op.drop_index("ix_story_band_document_id", table_name="story_band")
    op.drop_table("story_band")
    op.drop_table("document_signature")
    op.drop_table("feed_item")
    op.drop_table("feed")
