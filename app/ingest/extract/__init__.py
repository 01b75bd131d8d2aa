"""Article -> attributed statements. Pure functions: no database, no I/O."""

from __future__ import annotations

from app.ingest.extract.model import ExtractedStatement, SpeakerInfo
from app.ingest.extract.topics import Taxonomy

# Stored on every document and statement; bump it whenever extraction output can change.
EXTRACTOR_VERSION = "2026.12.0"

__all__ = ["EXTRACTOR_VERSION", "ExtractedStatement", "SpeakerInfo", "Taxonomy", "extract"]


def extract(article: object, taxonomy: Taxonomy) -> list[ExtractedStatement]:
    from app.ingest.extract.extractor import extract_statements

    return extract_statements(article, taxonomy)  # type: ignore[arg-type]
