"""The ORM models: the only mapped classes, shared by the API and the ingestion pipeline."""

from app.models.access import ApiKey, AuditEntry
from app.models.base import Base
from app.models.country import Country
from app.models.document import Document
from app.models.feed import Feed, FeedItem
from app.models.speaker import (
    CORRECTION_ACTIONS,
    COUNTRY_SOURCES,
    SPEAKER_KINDS,
    Speaker,
    SpeakerAlias,
    SpeakerCorrection,
    SpeakerKind,
    SpeakerOffice,
    SpeakerRedirect,
)
from app.models.statement import (
    LINK_SEPARATOR,
    STATEMENT_KINDS,
    CountryPair,
    Statement,
    StatementCountry,
    StatementGroup,
    StatementKind,
    StatementPair,
    StatementTopic,
    join_links,
    split_links,
)
from app.models.story import DocumentSignature, StoryBand
from app.models.topic import Topic

__all__ = [
    "CORRECTION_ACTIONS",
    "COUNTRY_SOURCES",
    "LINK_SEPARATOR",
    "SPEAKER_KINDS",
    "STATEMENT_KINDS",
    "ApiKey",
    "AuditEntry",
    "Base",
    "Country",
    "CountryPair",
    "Document",
    "DocumentSignature",
    "Feed",
    "FeedItem",
    "Speaker",
    "SpeakerAlias",
    "SpeakerCorrection",
    "SpeakerKind",
    "SpeakerOffice",
    "SpeakerRedirect",
    "Statement",
    "StatementCountry",
    "StatementGroup",
    "StatementKind",
    "StatementPair",
    "StatementTopic",
    "StoryBand",
    "Topic",
    "join_links",
    "split_links",
]
