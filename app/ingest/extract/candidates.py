"""The extractor's working model: candidate statements, the checks that judge them, and a trace.

A sentence yields candidates: each is one construction's reading of one cue (who spoke, and which
span is what was said). Named checks keep or reject every candidate, and one documented
preference chooses among the survivors (``choice.py``). The trace keeps all of it, so that
``dyad extract --explain`` can say why a sentence did or did not give a statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.ingest.extract.cues import Cue
from app.ingest.extract.mentions import Entity, Mention


@dataclass
class Candidate:
    """One reading of a sentence: a construction matched a cue, a source phrase and a content span."""

    construction: str
    cue: Cue
    mention: Mention
    start: int  # content span, body offsets
    end: int
    quote_only: bool = False  # the content is exactly one quotation
    had_earlier: bool = False  # 'had earlier said': not said on the article's day
    tail_first: int | None = None  # first token after the attribution phrase (for dates)
    entity: Entity | None = None  # the source, once resolved
    rejected_by: str | None = None  # the first check that failed
    reason: str = ""

    @property
    def kept(self) -> bool:
        return self.rejected_by is None

    def reject(self, check: str, reason: str) -> None:
        if self.rejected_by is None:
            self.rejected_by, self.reason = check, reason


@dataclass(frozen=True, slots=True)
class Miss:
    """A construction that did not apply to a cue, and why."""

    construction: str
    reason: str


@dataclass
class CueTrace:
    cue: Cue
    rejected_by: str | None = None  # a check on the cue itself ('will say')
    reason: str = ""
    misses: list[Miss] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class SentenceTrace:
    """Everything the extractor considered for one sentence."""

    index: int
    cues: list[CueTrace] = field(default_factory=list)
    extra: list[Candidate] = field(default_factory=list)  # sentence-level constructions
    chosen: Candidate | None = None
    rule: str | None = None  # the discourse rule that gave (or took) the sentence, if any
    note: str = ""

    def candidates(self) -> list[Candidate]:
        return [c for ct in self.cues for c in ct.candidates] + self.extra
