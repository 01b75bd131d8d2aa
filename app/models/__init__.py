"""The ORM models: the only mapped classes, shared by the API and the ingestion pipeline."""

from app.models.access import ApiKey, AuditEntry
from app.models.base import Base
from app.models.country import Country
from app.models.document import Document
from app.models.speaker import SPEAKER_KINDS, Speaker, SpeakerAlias
from app.models.statement import (
    LINK_SEPARATOR,
    STATEMENT_KINDS,
    CountryPair,
    Statement,
    StatementCountry,
    StatementPair,
    StatementTopic,
    join_links,
    split_links,
)
from app.models.topic import Topic

__all__ = [
    "LINK_SEPARATOR",
    "SPEAKER_KINDS",
    "STATEMENT_KINDS",
    "ApiKey",
    "AuditEntry",
    "Base",
    "Country",
    "CountryPair",
    "Document",
    "Speaker",
    "SpeakerAlias",
    "Statement",
    "StatementCountry",
    "StatementPair",
    "StatementTopic",
    "Topic",
    "join_links",
    "split_links",
]
