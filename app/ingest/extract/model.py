"""What the extractor produces: plain values, no database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

SpeakerKind = Literal["person", "organization"]
StatementKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """A source as one article presents it: its fullest name and what the text says about it."""

    name: str
    kind: SpeakerKind = "person"
    title: str | None = None
    country: str | None = None  # stated by the article ('Kenyan President', 'of Jordan')
    aliases: tuple[str, ...] = ()
    # Not stated but implied: of an article about two countries whose other speakers all speak for
    # one, a speaker of unknown country speaks for the other.
    implied_country: str | None = None


@dataclass(frozen=True, slots=True)
class ExtractedStatement:
    """One attributed statement: ``body[start:end]`` is what was said."""

    speaker: SpeakerInfo
    start: int
    end: int
    kind: StatementKind
    cue: str | None
    date: dt.date | None
    topics: tuple[str, ...] = ()
    countries: tuple[str, ...] = field(default=())
