"""When each statement was made: its own sentence, its speaker's dated remarks, the lead's day."""

from __future__ import annotations

import datetime as dt

from app.ingest.extract import lexicon as lx
from app.ingest.extract.candidates import Candidate
from app.ingest.extract.cues import find_cues
from app.ingest.extract.dates import find_date
from app.ingest.extract.mentions import (
    Analysed,
    Entity,
    sentence_subject,
)
from app.ingest.extract.reading import Found, Reading, dateline
from app.ingest.extract.text import Token
from app.names import fold


class Dating(Reading):
    """The date rules, as methods of the article being read."""

    def _meeting_day(self) -> tuple[dt.date | None, bool]:
        """The day of the event the article's lead reports: 'The two leaders met on Tuesday'; and
        whether that sentence reports speech ('officials said at a forum on Wednesday').

        The first day the first two paragraphs give outside quotations, if it falls in the week
        before publication; older dates there are background ('during a visit on 22 December').
        """
        published = self.article.published
        for a in self.analysed:
            if a.sentence.paragraph > max(self.lead):
                break
            if a.sentence.paragraph not in self.lead:
                continue
            after = self._after_dateline(a)
            tokens = [t for t in a.tokens if t.start >= after and not self.text.in_quote(t.start)]
            found, day = find_date(tokens, published, past=True)
            if found and day is not None:
                if not published - dt.timedelta(days=7) <= day <= published:
                    return None, False
                speech = any(c.lemma in lx.GATHERING_CUES for c in find_cues(a))
                return day, speech and self._lead_names_a_gathering()
        return None, False

    def _lead_names_a_gathering(self) -> bool:
        """Whether the lead places its speakers at a gathering: 'said at a business forum',
        'speaking at the opening of the summit'."""
        for a in self.analysed:
            if a.sentence.paragraph > max(self.lead):
                return False
            lows = a.sentence.lowers
            if a.sentence.paragraph in self.lead and any(
                w == "at" and any(x in lx.GATHERINGS for x in lows[k + 1 : k + 5]) for k, w in enumerate(lows)
            ):
                return True
        return False

    def _settle_dates(self) -> None:
        """Dates for statements whose own sentence gives none.

        The remarks are dated like the same speaker's nearest dated statement ('Okabe
        acknowledged on Monday …' then '…, Okabe said') or sentence that dates them ('Tang made the
        remarks on Tuesday'); else like the institution's dated statement they are quoted from
        ('said in the agency's statement'); else, for a speaker the lead names (or anyone, when the
        lead places its speakers at a gathering), on the day of the meeting the lead reports; else
        on the publication date.
        """
        meeting: dt.date | None = None
        meeting_known = False
        occasion = False  # the lead's day is when people spoke: everyone's undated words are of it
        # only concrete days pass on: 'had said last month' dates nothing else the speaker said
        dated: list[tuple[Entity, int, dt.date | None]] = [
            (f.entity, f.paragraph, f.date) for f in self.found if f.dated and f.date is not None
        ]
        dated += self._remarks_dated()
        by_speaker: dict[int, list[tuple[int, dt.date | None]]] = {}
        for entity, paragraph, day in dated:
            by_speaker.setdefault(id(entity), []).append((paragraph, day))
        # the latest dated statement of each institution, by each word of its name ('' for any)
        institutions: dict[str, dt.date | None] = {}
        for item in self.found:
            if item.dated and item.date is not None and item.entity.kind == "organization":
                for word in ("", *item.entity.key):
                    institutions[word] = item.date
            if item.dated or item.head is not None:
                continue
            near = by_speaker.get(id(item.entity))
            if near:
                best = min(near, key=lambda n: (abs(n[0] - item.paragraph), n[0] > item.paragraph))
                item.date = best[1]
                continue
            issued = self._statement_day(item, institutions)
            if issued is not None:
                item.date = issued
                by_speaker.setdefault(id(item.entity), []).append((item.paragraph, issued))  # and what follows
                continue
            if not meeting_known:
                (meeting, occasion), meeting_known = self._meeting_day(), True
            if item.at_meeting and meeting is not None:
                item.date = meeting
                continue
            # the lead's day is the day of its actors' remarks, not of a statement issued later
            in_lead = any(self.analysed[i].sentence.paragraph in self.lead for i in item.entity.seen if i >= 0)
            # a statement issued on its own ('said in a statement') is not of the gathering
            gathered = occasion and not self._in_document(item)
            item.date = (meeting if in_lead or gathered else None) or self.article.published
        for item in self.found:
            if item.head is not None:
                item.date = item.head.date

    def _in_document(self, item: Found) -> bool:
        """Whether the statement's sentence says it was made in a document: 'said in a statement'."""
        return document_reference(self.analysed[item.sentence].sentence.lowers) is not None

    def _statement_day(self, item: Found, institutions: dict[str, dt.date | None]) -> dt.date | None:
        """'…, the team leader said in the agency's statement': words quoted from the statement of
        an institution the article has already dated ('the agency said on Monday') are of that
        day. The statement must be named by its owner ('the agency's', 'its'): 'a statement' or a
        plain 'the statement' may be the speaker's own. ``institutions``: the latest dated statement
        of the institutions before it, by each word of their names ('' for any)."""
        ref = document_reference(self.analysed[item.sentence].sentence.lowers)
        if ref is None or ref[0] not in {"its", "their", "the"}:
            return None
        return institutions.get(fold(ref[1]))  # '' (any institution) for 'its'

    def _remarks_dated(self) -> list[tuple[Entity, int, dt.date | None]]:
        """Sentences that date someone's remarks without a statement of their own: 'Tang made the
        remarks on Tuesday at the summit', 'Nwachukwu-Ibe made this known yesterday'."""
        stated = {f.sentence for f in self.found}
        out: list[tuple[Entity, int, dt.date | None]] = []
        for a in self.analysed:
            lows = a.sentence.lowers
            if a.sentence.index in stated or "made" not in lows:
                continue
            at = lows.index("made")
            if not any(w in lx.REMARK_NOUNS for w in lows[at + 1 : at + 4]):
                continue
            found, day = find_date(a.tokens[at + 1 :], self.article.published)
            subject = sentence_subject(a, at, self.body)
            if not found or subject is None or subject.kind not in {"person", "pronoun", "role"}:
                continue
            entity = self.resolve(subject, a.sentence.index)
            if entity is not None:
                out.append((entity, a.sentence.paragraph, day))
        return out

    def _after_dateline(self, a: Analysed) -> int:
        """Where a sentence's own words start: after the dateline of the paragraph it opens, whose
        day is the report's ('MOSCOW, May 9 (AFP) -'), not that of what is reported."""
        paragraph = self.text.paragraphs[a.sentence.paragraph]
        if a.sentence.start != paragraph.start:
            return a.sentence.start
        line = dateline(self.body[paragraph.start : paragraph.end])
        return paragraph.start + line.end() if line is not None else paragraph.start

    def _own_date(self, a: Analysed, att: Candidate) -> tuple[bool, dt.date | None]:
        """What the statement's own sentence says of its day: (said, day or None)."""
        published = self.article.published
        # Words next to the source and its cue date the statement ('said on Sunday', 'said
        # last week'); a front adverbial only does so with a day ('On Tuesday, X said').
        mention_start = a.tokens[att.mention.first].start if att.mention.first < len(a.tokens) else att.end
        near = [t for t in a.tokens if (t.start >= att.end) or (mention_start <= t.start and t.end <= att.start)]
        found, day = find_date(_without_relative_clauses(near), published)
        if att.had_earlier:
            return True, day  # 'had said on Saturday': that day; 'had earlier said': none
        if found:
            return True, day
        after = self._after_dateline(a)
        front = [t for t in a.tokens if after <= t.start and t.end <= min(att.start, mention_start)]
        found, day = find_date(front, published)
        if found and day is not None:
            return True, day
        if len(front) > 1 and front[0].low in lx.EARLIER_WORDS and front[1].text == ",":
            return True, None  # 'Earlier, the minister said …': some day before, not given
        # an opening adverbial that names a time but no day: 'Last week, the minister said …'
        # (unless a day follows it: 'Last week, on Monday, …')
        comma = next((i for i, t in enumerate(front[:6]) if t.text == ","), None)
        if comma is not None and find_date(front[:comma], published)[0]:
            later, later_day = find_date(front[comma + 1 :], published)
            return True, later_day if later else None
        return False, None


def _without_relative_clauses(tokens: list[Token]) -> list[Token]:
    """Leave out ', who arrived on Sunday,': a relative clause dates what the source did, not
    when the words were said; a participle ('Ruiz, speaking on Tuesday, said') still does."""
    out: list[Token] = []
    skipping = False
    for i, tok in enumerate(tokens):
        if not skipping and tok.low in lx.RELATIVE_STARTS and i > 0 and tokens[i - 1].text == ",":
            skipping = True
        elif skipping and tok.text in {",", ";", ".", ":"}:
            skipping = False
        if not skipping:
            out.append(tok)
    return out


def document_reference(lows: list[str]) -> tuple[str, str, str] | None:
    """(determiner, owner, document) of 'in a statement', 'in its readout', "in the agency's
    statement" in a sentence's words, or None."""
    for k in range(len(lows) - 2):
        if lows[k] != "in":
            continue
        det = lows[k + 1]
        if det in {"a", "an", "its", "their", "his", "her"}:
            doc = next((w for w in lows[k + 2 : k + 4] if w in lx.DOCUMENT_SOURCES), None)
            if doc is not None:
                return det, "", doc
        if det == "the" and k + 4 < len(lows) and lows[k + 3] in lx.POSSESSIVE and lows[k + 4] in lx.DOCUMENT_SOURCES:
            return det, lows[k + 2], lows[k + 4]
    return None
