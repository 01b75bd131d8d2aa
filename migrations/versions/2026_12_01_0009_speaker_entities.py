"""Speakers as entities: one row per identity, offices over time, country sources, curators' rules.

Adds to ``speaker`` its identity key (unique, so concurrent writers upsert instead of adding a row
each), its office, organisation and the source of its country; to ``statement`` what its article
says of the speaker (name, country and its source). New tables: ``speaker_office``,
``speaker_redirect`` (ids merged away) and ``speaker_correction`` (curators' rules).

Speakers stored twice under one name and kind are merged first: the lowest id survives, takes the
others' statements and aliases, and their ids redirect to it. Rows of one name with different
countries stay apart, as different people. Columns are added in place (no table rebuild), so
SQLite keeps the search triggers on ``statement``; offices and statement-level facts fill in as
documents are re-extracted (``dyad reextract``). Merges are not undone by the downgrade.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

speaker = sa.table(
    "speaker",
    sa.column("id", sa.Integer),
    sa.column("name_key", sa.String),
    sa.column("kind", sa.String),
    sa.column("country_code", sa.String),
    sa.column("country_source", sa.String),
    sa.column("identity_key", sa.String),
)
alias = sa.table("speaker_alias", sa.column("speaker_id", sa.Integer), sa.column("alias_key", sa.String))
statement = sa.table("statement", sa.column("speaker_id", sa.Integer))
redirect = sa.table("speaker_redirect", sa.column("old_id", sa.Integer), sa.column("speaker_id", sa.Integer))


def _clusters(rows: Sequence[sa.Row[tuple[int, str, str, str | None]]]) -> list[list[int]]:
    """Ids that are one speaker: one kind and name key, and no two different countries."""
    groups: dict[tuple[str, str], list[tuple[int, str | None]]] = defaultdict(list)
    for sid, key, kind, country in rows:
        groups[(kind, key)].append((sid, country))
    clusters: list[list[int]] = []
    for members in groups.values():
        countries = {country for _sid, country in members if country is not None}
        if len(countries) <= 1:
            clusters.append(sorted(sid for sid, _country in members))
            continue
        # several countries: one speaker per country; rows without one cannot be placed and stay
        by_country: dict[str | None, list[int]] = defaultdict(list)
        for sid, country in members:
            by_country[country].append(sid) if country is not None else clusters.append([sid])
        clusters += [sorted(ids) for ids in by_country.values()]
    return sorted(clusters)


def _merge(conn: sa.Connection, survivor: int, others: list[int]) -> None:
    known = set(conn.scalars(sa.select(alias.c.alias_key).where(alias.c.speaker_id == survivor)))
    for other in others:
        keys = set(conn.scalars(sa.select(alias.c.alias_key).where(alias.c.speaker_id == other)))
        moved = keys - known
        if moved:
            conn.execute(
                alias.update()
                .where(alias.c.speaker_id == other, alias.c.alias_key.in_(moved))
                .values(speaker_id=survivor)
            )
        known |= moved
    conn.execute(alias.delete().where(alias.c.speaker_id.in_(others)))
    conn.execute(statement.update().where(statement.c.speaker_id.in_(others)).values(speaker_id=survivor))
    countries = conn.scalars(
        sa.select(speaker.c.country_code).where(speaker.c.id.in_(others), speaker.c.country_code.is_not(None))
    ).all()
    if countries:
        conn.execute(
            speaker.update()
            .where(speaker.c.id == survivor, speaker.c.country_code.is_(None))
            .values(country_code=countries[0])
        )
    conn.execute(redirect.insert(), [{"old_id": other, "speaker_id": survivor} for other in others])
    conn.execute(speaker.delete().where(speaker.c.id.in_(others)))


def upgrade() -> None:
    op.add_column("speaker", sa.Column("identity_key", sa.String(length=340), server_default="", nullable=False))
    op.add_column("speaker", sa.Column("office", sa.String(length=100), nullable=True))
    op.add_column("speaker", sa.Column("organization", sa.String(length=200), nullable=True))
    op.add_column("speaker", sa.Column("country_source", sa.String(length=16), nullable=True))
    op.add_column("statement", sa.Column("speaker_name", sa.String(length=300), nullable=True))
    op.add_column("statement", sa.Column("speaker_country", sa.String(length=2), nullable=True))
    op.add_column("statement", sa.Column("speaker_country_source", sa.String(length=16), nullable=True))
    op.create_table(
        "speaker_office",
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("office", sa.String(length=100), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("organization", sa.String(length=200), nullable=True),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speaker.id"], name=op.f("fk_speaker_office_speaker_id_speaker"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("speaker_id", "office", name=op.f("pk_speaker_office")),
    )
    op.create_index("ix_speaker_office_office_speaker_id", "speaker_office", ["office", "speaker_id"])
    op.create_table(
        "speaker_redirect",
        sa.Column("old_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speaker.id"], name=op.f("fk_speaker_redirect_speaker_id_speaker"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("old_id", name=op.f("pk_speaker_redirect")),
    )
    op.create_index(op.f("ix_speaker_redirect_speaker_id"), "speaker_redirect", ["speaker_id"])
    op.create_table(
        "speaker_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("action IN ('merge', 'split', 'set')", name=op.f("ck_speaker_correction_action")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_speaker_correction_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["speaker_id"], ["speaker.id"], name=op.f("fk_speaker_correction_speaker_id_speaker"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_correction")),
    )
    op.create_index("ix_speaker_correction_name_key", "speaker_correction", ["name_key"])
    op.create_index(op.f("ix_speaker_correction_speaker_id"), "speaker_correction", ["speaker_id"])

    conn = op.get_bind()
    if conn.dialect.name == "postgresql":  # no speaker may be added between the merge and the unique index
        op.execute("LOCK TABLE speaker IN SHARE ROW EXCLUSIVE MODE")
    rows = conn.execute(
        sa.select(speaker.c.id, speaker.c.name_key, speaker.c.kind, speaker.c.country_code).order_by(speaker.c.id)
    ).all()
    facts = {sid: (key, kind, country) for sid, key, kind, country in rows}
    taken: set[str] = set()
    keys: list[dict[str, object]] = []
    for ids in _clusters(rows):
        survivor, others = ids[0], ids[1:]
        if others:
            _merge(conn, survivor, others)
        key, kind, country = facts[survivor]
        identity = f"{kind}:{key}"
        if identity in taken:  # a namesake of another country
            identity = f"{identity}#{country or survivor}"
        taken.add(identity)
        keys.append({"sid": survivor, "identity": identity})
    if keys:
        conn.execute(
            speaker.update().where(speaker.c.id == sa.bindparam("sid")).values(identity_key=sa.bindparam("identity")),
            keys,
        )
    conn.execute(speaker.update().where(speaker.c.country_code.is_not(None)).values(country_source="article"))
    op.create_index("uq_speaker_identity_key", "speaker", ["identity_key"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_speaker_identity_key", table_name="speaker")
    op.drop_table("speaker_correction")
    op.drop_table("speaker_redirect")
    op.drop_table("speaker_office")
    # plain DROP COLUMNs: a batch rebuild would drop the statement table's search triggers
    for column in ("speaker_country_source", "speaker_country", "speaker_name"):
        op.drop_column("statement", column)
    for column in ("country_source", "organization", "office", "identity_key"):
        op.drop_column("speaker", column)
