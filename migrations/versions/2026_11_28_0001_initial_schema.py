"""Initial schema: documents, speakers, statements, topics, countries; reference data loaded.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pycountry
import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TAXONOMY = Path(__file__).resolve().parents[2] / "app" / "taxonomy" / "default.json"


def _countries() -> list[dict[str, str]]:
    rows = [{"code": c.alpha_2, "name": getattr(c, "common_name", None) or c.name} for c in pycountry.countries]
    rows.append({"code": "EU", "name": "European Union"})
    return sorted(rows, key=lambda r: r["code"])


def upgrade() -> None:
    country = op.create_table(
        "country",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_country")),
    )
    op.create_table(
        "document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published_date", sa.Date(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_document_content_hash")),
    )
    op.create_index(op.f("ix_document_published_date"), "document", ["published_date"])
    topic = op.create_table(
        "topic",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("keywords", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_topic")),
        sa.UniqueConstraint("slug", name=op.f("uq_topic_slug")),
    )
    op.create_table(
        "speaker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_key", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.CheckConstraint("kind IN ('person', 'organization')", name=op.f("ck_speaker_kind")),
        sa.ForeignKeyConstraint(["country_code"], ["country.code"], name=op.f("fk_speaker_country_code_country")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker")),
    )
    op.create_index("ix_speaker_country_code_name_key", "speaker", ["country_code", "name_key"])
    op.create_index(op.f("ix_speaker_name_key"), "speaker", ["name_key"])
    op.create_table(
        "speaker_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("alias_key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["speaker_id"],
            ["speaker.id"],
            name=op.f("fk_speaker_alias_speaker_id_speaker"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_speaker_alias")),
        sa.UniqueConstraint("speaker_id", "alias_key", name=op.f("uq_speaker_alias_speaker_id_alias_key")),
    )
    op.create_index("ix_speaker_alias_alias_key", "speaker_alias", ["alias_key"])
    op.create_table(
        "statement",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("speaker_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("cue", sa.String(length=100), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("sort_date", sa.Date(), nullable=False),
        sa.Column("span_start", sa.Integer(), nullable=False),
        sa.Column("span_end", sa.Integer(), nullable=False),
        sa.Column("speaker_title", sa.String(length=300), nullable=True),
        sa.Column("extractor_version", sa.String(length=32), nullable=False),
        sa.CheckConstraint("kind IN ('direct', 'indirect', 'mixed')", name=op.f("ck_statement_kind")),
        sa.CheckConstraint("span_start >= 0 AND span_end > span_start", name=op.f("ck_statement_span")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_statement_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["speaker_id"], ["speaker.id"], name=op.f("fk_statement_speaker_id_speaker")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statement")),
    )
    op.create_index("ix_statement_document_id_span_start", "statement", ["document_id", "span_start"])
    op.create_index("ix_statement_sort_date_id", "statement", ["sort_date", "id"])
    op.create_index("ix_statement_speaker_id_sort_date_id", "statement", ["speaker_id", "sort_date", "id"])
    op.create_table(
        "statement_country",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"], ["country.code"], name=op.f("fk_statement_country_country_code_country")
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_country_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("statement_id", "country_code", name=op.f("pk_statement_country")),
    )
    op.create_index(
        "ix_statement_country_country_code_statement_id",
        "statement_country",
        ["country_code", "statement_id"],
    )
    op.create_table(
        "statement_topic",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statement.id"],
            name=op.f("fk_statement_topic_statement_id_statement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topic.id"], name=op.f("fk_statement_topic_topic_id_topic"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("statement_id", "topic_id", name=op.f("pk_statement_topic")),
    )
    op.create_index("ix_statement_topic_topic_id_statement_id", "statement_topic", ["topic_id", "statement_id"])

    op.bulk_insert(country, _countries())
    taxonomy = json.loads(TAXONOMY.read_text(encoding="utf-8"))
    op.bulk_insert(
        topic,
        [{k: t[k] for k in ("slug", "label", "description", "keywords")} for t in taxonomy["topics"]],
    )


def downgrade() -> None:
    for table in (
        "statement_topic",
        "statement_country",
        "statement",
        "speaker_alias",
        "speaker",
        "topic",
        "document",
        "country",
    ):
        op.drop_table(table)
