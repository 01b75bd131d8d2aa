"""The similarity index of document bodies: a MinHash signature per document and its LSH bands.

Both are written by ``app/ingest/groups.py`` when a document is stored, so every process that
ingests (``dyad ingest``, ``dyad watch``, the API) finds the copies the others stored.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, ForeignKey, Index, LargeBinary, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class DocumentSignature(Base):
    """The MinHash signature of a document's body (its permutations' minima, 32-bit each)."""

    __tablename__ = "document_signature"

    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class StoryBand(Base):
    """One LSH band of a signature: documents sharing a (band, bucket) are candidate copies."""

    __tablename__ = "story_band"
    __table_args__ = (Index("ix_story_band_document_id", "document_id"),)

    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"), primary_key=True)
