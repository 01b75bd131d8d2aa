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
    country: str | None = None
    aliases: tuple[str, ...] = ()


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
