"""Article -> statements: structure, cast, attributions, then speaker, date, topics and countries."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import pycountry

from app.ingest.extract import lexicon as lx
from app.ingest.extract.candidates import Candidate, SentenceTrace
from app.ingest.extract.choice import read_sentence
from app.ingest.extract.cues import Cue, find_cues
from app.ingest.extract.dates import find_date
from app.ingest.extract.mentions import (
    Analysed,
    Cast,
    Entity,
    Mention,
    after_article,
    analyse,
    looks_like_place,
    mention_before,
    names_in_institution,
    person_at_run,
    run_words,
    sentence_subject,
)
from app.ingest.extract.model import ExtractedStatement, SpeakerInfo, StatementKind
from app.ingest.extract.places import find_places, gazetteer
from app.ingest.extract.posts import post_text_end, signature
from app.ingest.extract.spans import quote_end, skip_gap_back
from app.ingest.extract.text import Quote, Sentence, Text, tokenize
from app.ingest.extract.topics import Taxonomy
from app.ingest.read import Article
from app.names import fold, name_key

PAIR_PHRASES = re.compile(
    r"\b(two|both) (countries|nations|sides|states|governments|peoples|leaders|heads of state)\b"
    r"|\bbilateral\b|\beach other\b|\bbetween the two\b|\bour two\b",
    re.IGNORECASE,
)
COUNTRY_NAMES = {
    "EU": "European Union",
    "US": "United States",
    "GB": "United Kingdom",
    "RU": "Russia",
    "KR": "South Korea",
    "KP": "North Korea",
    "IR": "Iran",
    "SY": "Syria",
    "VN": "Vietnam",
    "TW": "Taiwan",
    "XK": "Kosovo",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "LA": "Laos",
    "FM": "Micronesia",
    "PS": "Palestine",
}
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]{2,40}?)(?P<rest>,[^:—–\-]{0,40})?\s*(?:\([^)]*\)\s*)?(?::|—|–|--|-)\s+"
)


def dateline(paragraph: str) -> re.Match[str] | None:
    """'MOSCOW, May 9 (AFP) --' or 'ISLAMABAD:' opening a paragraph (not a speaker's label)."""
    m = DATELINE.match(paragraph)
    if m is None:
        return None
    words = m.group("place").split()
    known = gazetteer().get(tuple(w.capitalize() for w in words)) is not None
    dash = not m.group(0).rstrip().endswith(":")
    # 'PRESIDENT BIDEN:' opens a transcript paragraph; 'RIO DE JANEIRO —' or 'MOSCOW:' a dispatch
    return m if known or m.group("rest") or (dash and len(words) > 1) else None


@dataclass
class Found:
    """A statement before its speaker is turned into plain values."""

    entity: Entity
    start: int
    end: int
    kind: StatementKind
    cue: str | None
    date: dt.date | None
    sentence: int
    paragraph: int
    title: str | None
    lemma: str
    rule: str  # the construction or discourse rule that found it
    document: bool = False  # the words came through a document its speaker wrote
    dated: bool = False  # the statement's own sentence says when (``date`` may still be None)
    head: Found | None = None  # the statement this one continues, whose date it shares


def country_name(code: str) -> str:
    """The name news English gives a country: 'China', 'Russia', 'United States'."""
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


class Extractor:
    def __init__(self, article: Article, taxonomy: Taxonomy) -> None:
        self.article = article
        self.taxonomy = taxonomy
        self.body = article.body
        self.text = Text.parse(article.body)
        self.analysed = [analyse(s) for s in self.text.sentences]
        self.cast = Cast()
        self.pair = self._main_countries()
        self.dateline_country = self._dateline_country()
        self.transcript_day: dt.date | None = None
        self.found: list[Found] = []
        self.subject: Entity | None = None  # the person the last sentences were about
        self.traces: list[SentenceTrace] = []

    # Article-level facts ------------------------------------------------------------------

    def _main_countries(self) -> list[str]:
        counts: Counter[str] = Counter()
        title_tokens = tokenize(self.article.title)
        for place in find_places(title_tokens):
            counts[place.code] += 3
        for a in self.analysed:
            weight = 2 if a.sentence.paragraph == 0 else 1
            for place in a.places:
                counts[place.code] += weight
        return [code for code, _ in counts.most_common(2)]

    def _dateline_country(self) -> str | None:
        if not self.text.paragraphs:
            return None
        first = self.body[self.text.paragraphs[0].start : self.text.paragraphs[0].end]
        m = dateline(first)
        if not m:
            return None
        words = tuple(w.capitalize() for w in m.group("place").split())
        hit = gazetteer().get(words)
        return hit[0] if hit and hit[0] else None

    def _meeting_day(self) -> dt.date | None:
        """The day of the event the article's lead reports: 'The two leaders met on Tuesday'.

        The first day the first two paragraphs give outside quotations, if it falls in the week
        before publication; older dates there are background ('during a visit on 22 December').
        """
        published = self.article.published
        for a in self.analysed:
            if a.sentence.paragraph > 1:
                break
            quoted = self.text.quotes_in(a.sentence.start, a.sentence.end)
            tokens = [t for t in a.tokens if not any(q.start <= t.start < quote_end(q) for q in quoted)]
            found, day = find_date(tokens, published)
            if found and day is not None:
                return day if published - dt.timedelta(days=7) <= day <= published else None
        return None

    def _settle_dates(self) -> None:
        """Dates for statements whose own sentence gives none.

        The remarks are dated like the same speaker's nearest dated statement ('Hayashi
        acknowledged on Monday …' then '…, Hayashi said') or sentence that dates them ('Li made the
        remarks on Tuesday'); else, for a speaker the lead names, on the day of the meeting the lead
        reports; else on the publication date.
        """
        meeting: dt.date | None = None
        meeting_known = False
        dated = [(f.entity, f.paragraph, f.date) for f in self.found if f.dated]
        dated += self._remarks_dated()
        for item in self.found:
            if item.dated or item.head is not None:
                continue
            near = [(paragraph, day) for entity, paragraph, day in dated if entity is item.entity]
            if near:
                best = min(near, key=lambda n: (abs(n[0] - item.paragraph), n[0] > item.paragraph))
                item.date = best[1]
                continue
            if not meeting_known:
                meeting, meeting_known = self._meeting_day(), True
            # the lead's day is the day of its actors' remarks, not of a statement issued later
            in_lead = any(self.analysed[i].sentence.paragraph <= 1 for i in item.entity.seen if i >= 0)
            item.date = (meeting if in_lead else None) or self.article.published
        for item in self.found:
            if item.head is not None:
                item.date = item.head.date

    def _remarks_dated(self) -> list[tuple[Entity, int, dt.date | None]]:
        """Sentences that date someone's remarks without a statement of their own: 'Li made the
        remarks on Tuesday during talks', 'Odumegwu-Ojukwu made this known yesterday'."""
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

    # The cast -----------------------------------------------------------------------------

    def build_cast(self) -> None:
        for index, a in enumerate(self.analysed):
            cue_starts = {c.first for c in find_cues(a)}
            for run in a.runs:
                words = run_words(a.tokens, run)
                if looks_like_place(words) or names_in_institution(a.tokens, run) or after_article(a.tokens, run):
                    continue
                mention = person_at_run(a, run, self.body)
                nxt = run[1] + 1
                after = a.tokens[nxt].text if nxt < len(a.tokens) else ""
                # 'Kuleba:' opening a paragraph may be a section label ('Details:'), not a speaker
                label = after == ":" and run[0] == 0 and len(words) == 1
                subject = nxt in cue_starts or after in {"’s", "'s"} or (after == ":" and not label)
                honorific = _after_honorific(a, run[0])
                if len(words) == 1 and not (mention.title or subject or honorific):
                    continue
                person = self.cast.add_person(words, mention.title, mention.country, index)
                person.salient = person.salient or bool(mention.title or mention.country or subject or honorific)
        _ = self.headline_people  # a spokesperson named only in the headline joins the cast
        self.cast.canonical_people()
        for person in self.cast.people:
            # a spokesperson of an unnamed country's ministry speaks for the dateline's country
            title = (person.title or "").lower()
            if (
                person.country is None
                and self.dateline_country
                and any(w in title for w in ("office", "ministry", "spokes"))
            ):
                person.country = self.dateline_country

    # Speakers -----------------------------------------------------------------------------

    def resolve(self, mention: Mention, at: int) -> Entity | None:
        if mention.kind == "person":
            words = mention.text.split()
            person = self.cast.person(words, at, mention.title)
            if person is None:
                person = self.cast.add_person(words, mention.title, mention.country, at)
            person.title = person.title or mention.title
            person.country = person.country or mention.country
            person.seen.add(at)
            person.salient = True
            return person
        if mention.kind == "pronoun":
            return self._pronoun(mention.text, at)
        if mention.kind == "role":
            if not mention.definite:
                return self.cast.institution(mention.text, mention.country, document=False, at=at)
            person = self.cast.role(mention.role or "", mention.country, at, self._last_person(at))
            if person is None and _names_a_body(mention.text):
                # 'the Foreign Ministry spokesperson': an unnamed office that speaks for a named body
                person = self.cast.add_person(mention.text.split(), mention.text, mention.country, at)
            return person
        if mention.kind in {"org", "document"}:
            issuer = self._issuer(mention) if mention.kind == "document" else None
            if issuer is not None:
                return issuer  # 'the statement of EEAS' speaks for the EEAS named before
            if mention.kind == "document" and mention.definite:
                # 'the statement' is the statement named before; 'the readout' is not a communiqué
                head = fold(mention.text.split()[-1]) if mention.text else ""
                docs = [o for o in self.cast.institutions if o.title == "document" and head in o.key]
                if docs:
                    return docs[0]
            org = self.cast.institution(mention.text, mention.country, document=mention.kind == "document", at=at)
            if mention.alias:
                org.aliases.add(mention.alias)
            return org
        if mention.kind == "country" and mention.country:
            person = self._surnamed(mention.text)
            if person is not None:
                return person  # 'Lima said', Paulo Lima named before: the person, not Peru
            name = country_name(mention.country)
            return self.cast.institution(name, mention.country, document=False, at=at)
        return None

    def _issuer(self, mention: Mention) -> Entity | None:
        """The institution of the article a document is 'of', 'by' or 'from', when it names one."""
        words = mention.text.split()
        links = [i for i, w in enumerate(words) if w.lower() in {"of", "by", "from"}]
        if not links:
            return None
        rest = words[links[0] + 1 :]
        issuer = name_key(" ".join(rest))
        for org in self.cast.institutions:
            if org.title != "document" and issuer in {name_key(org.name), *(name_key(x) for x in org.aliases)}:
                return org
        head = rest[-1].lower() if rest else ""
        metonym = gazetteer().get(tuple(w for w in rest if w.lower() != "the"))
        if (head in lx.ORG_HEADS and rest[-1][:1].isupper()) or (metonym is not None and metonym[1] == "metonym"):
            # 'a readout from the White House', 'a statement by the Foreign Ministry': the issuer speaks
            name = " ".join(w for w in rest if w.lower() != "the")
            return self.cast.institution(name, metonym[0] if metonym else mention.country, document=False, at=-1)
        return None

    def _surnamed(self, word: str) -> Entity | None:
        """The one person of the article whose last name is ``word`` (a word that is also a place)."""
        key = fold(word)
        people = [p for p in self.cast.people if len(p.key) > 1 and p.key[-1] == key]
        return people[0] if len(people) == 1 else None

    def _last_person(self, at: int) -> Entity | None:
        for found in reversed(self.found):
            if found.entity.kind == "person" and at - found.sentence <= 6:
                return found.entity
        return None

    def _pronoun(self, pronoun: str, at: int) -> Entity | None:
        if pronoun in {"he", "she", "i"}:
            if self.subject is not None:
                return self.subject
            person = self._last_person(at)
            if person is not None:
                return person
            subjects = [p for p in self.cast.people if p.salient and min(p.seen, default=at + 1) <= at]
            return max(subjects, key=lambda p: p.recency(at)) if subjects else None
        if pronoun in {"his", "her"}:  # 'His Highness', 'Her Excellency'
            return self._pronoun("he", at)
        if pronoun == "it":
            # an institution, or the author of the document the last statement came from
            for found in reversed(self.found):
                if found.entity.kind == "organization" or found.document:
                    return found.entity
        return None

    # Statements ---------------------------------------------------------------------------

    def run(self) -> list[Found]:
        self.build_cast()
        transcript = self._transcript()
        if transcript and any(entity is None for entity, _ in transcript.values()):
            # A briefing's questions mention other days; its answers are given on the headline's
            # date or the publication date.
            found, day = find_date(tokenize(self.article.title), self.article.published)
            self.transcript_day = day if found and day is not None else self.article.published
        posts, signatures = self._embedded_posts()
        for index, a in enumerate(self.analysed):
            paragraph = a.sentence.paragraph
            if index in transcript:
                entity, title = transcript[index]
                trace = SentenceTrace(index, rule="transcript answer" if entity else "transcript question")
                self.traces.append(trace)
                if entity is not None:
                    day = self.transcript_day or self.article.published
                    self._add_paragraph(a, entity, title, index, "transcript answer", ":", day)
                continue
            if paragraph in signatures:
                self.traces.append(SentenceTrace(index, rule="signature line of an embedded post"))
                continue
            if paragraph in posts:
                entity, day, cue = posts[paragraph]
                self.traces.append(SentenceTrace(index, rule="post quoted without quotation marks"))
                self._add_paragraph(a, entity, entity.title, index, "post quoted without quotation marks", cue, day)
                continue
            quotes = self.text.quotes_over(a.sentence.start, a.sentence.end)
            trace = read_sentence(a, index, quotes, self.body, self.resolve)
            self.traces.append(trace)
            chosen = trace.chosen
            if chosen is not None and chosen.entity is not None:
                self._add(a, chosen, chosen.entity, index)
            else:
                self._continue(a, index)
                author = self._post_announced(a, index)
                if author is not None:
                    posts[paragraph + 1] = (author, None, "wrote")
            self._track_subject(a, index, chosen.entity if chosen else None)
        self._speech_paragraphs(transcript)
        self._open_quotes_before()
        self._settle_dates()
        return self.found

    def _open_quotes_before(self) -> None:
        """A paragraph that opens a quotation and leaves it open belongs to whoever the next
        paragraph's continuation of it is attributed to ('“A …' then '“B,” she said')."""
        taken = {f.paragraph for f in self.found}
        by_paragraph = {f.paragraph: f for f in sorted(self.found, key=lambda f: -f.start)}
        for paragraph in reversed(self.text.paragraphs):
            if paragraph.index in taken or not paragraph.sentences:
                continue
            quote = self.text.quote_at(paragraph.sentences[0].start)
            after = by_paragraph.get(paragraph.index + 1)
            if quote is None or quote.close_at is not None or after is None or after.kind != "direct":
                continue
            following = self.text.paragraphs[paragraph.index + 1]
            if self.text.quote_at(following.start) is None or after.start > following.start + 1:
                continue
            start, end = _trim(self.body, quote.start, paragraph.end)
            if end > start:
                found = Found(
                    after.entity,
                    start,
                    end,
                    "direct",
                    after.cue,
                    after.date,
                    paragraph.sentences[0].index,
                    paragraph.index,
                    after.title,
                    after.lemma,
                    "open quotation owned by the next paragraph's speaker",
                    head=after.head or after,
                )
                self.found.append(found)
                by_paragraph[paragraph.index] = found

    def _track_subject(self, a: Analysed, index: int, speaker: Entity | None) -> None:
        """Remember whom the sentence is about, for a 'he' or 'she' in the next ones."""
        if speaker is not None:
            if speaker.kind == "person":
                self.subject = speaker
            return
        mention = sentence_subject(a, len(a.tokens), self.body)
        if mention is None or mention.kind not in {"person", "role"}:
            return
        entity = self.resolve(mention, index)
        if entity is not None and entity.kind == "person":
            self.subject = entity

    def _kind(self, start: int, end: int, quote_only: bool) -> StatementKind:
        if quote_only:
            return "direct"
        for q in self.text.quotes_over(start, end):
            q_end = q.close_at if q.close_at is not None else q.end
            if q.open_at < end and q_end > start:
                if q.open_at <= start and q_end >= end:
                    return "direct"
                return "mixed"
        return "indirect"

    def _own_date(self, a: Analysed, att: Candidate) -> tuple[bool, dt.date | None]:
        """What the statement's own sentence says of its day: (said, day or None)."""
        published = self.article.published
        if att.had_earlier:
            return True, None
        # Words next to the source and its cue date the statement ('said on Sunday', 'said
        # last week'); a front adverbial only does so with a day ('On Tuesday, X said').
        mention_start = a.tokens[att.mention.first].start if att.mention.first < len(a.tokens) else att.end
        near = [t for t in a.tokens if (t.start >= att.end) or (mention_start <= t.start and t.end <= att.start)]
        found, day = find_date(near, published)
        if found:
            return True, day
        front = [t for t in a.tokens if t.end <= min(att.start, mention_start)]
        found, day = find_date(front, published)
        if found and day is not None:
            return True, day
        if len(front) > 1 and front[0].text.lower() in lx.EARLIER_WORDS and front[1].text == ",":
            return True, None  # 'Earlier, the minister said …': some day before, not given
        return False, None

    def _add(self, a: Analysed, att: Candidate, entity: Entity, index: int) -> None:
        paragraph = self.text.paragraphs[a.sentence.paragraph]
        if att.start == paragraph.start:
            m = dateline(self.body[paragraph.start : paragraph.end])
            if m is not None:
                att.start = paragraph.start + m.end()
        dated, day = self._own_date(a, att)
        self.found.append(
            Found(
                entity,
                att.start,
                att.end,
                self._kind(att.start, att.end, att.quote_only),
                att.cue.text,
                day,
                index,
                a.sentence.paragraph,
                att.mention.title or entity.title,
                att.cue.lemma,
                att.construction,
                document=att.mention.role == "document",
                dated=dated,
            )
        )

    def _continue(self, a: Analysed, index: int) -> None:
        """A sentence with no attribution of its own that carries on the previous statement."""
        if not self.found:
            return
        last = self.found[-1]
        sentence = a.sentence
        same_paragraph = last.paragraph == sentence.paragraph and last.sentence == index - 1
        text = sentence.text
        quote = self._whole_quote(sentence.start, sentence.end)
        if quote is not None:
            next_paragraph = (
                last.paragraph == sentence.paragraph - 1 and last.kind == "direct" and self._opens_paragraph(sentence)
            )
            if same_paragraph or next_paragraph:
                q_end = quote.close_at if quote.close_at is not None else quote.end
                start, end = _trim(self.body, quote.start, q_end)
                if end > start:
                    self._append_like(last, start, end, "direct", index, a, "quotation continues a statement")
            return
        if not same_paragraph or last.lemma in lx.ACT_LEMMAS or last.kind == "direct":
            return
        trace = self.traces[-1] if self.traces and self.traces[-1].index == index else None
        if trace is not None and any(ct.candidates or ct.rejected_by or _has_subject(a, ct.cue) for ct in trace.cues):
            return  # a cue of its own: someone else speaking, or a speech act, not a continuation
        subject = sentence_subject(a, len(a.tokens), self.body)
        if subject is not None and subject.kind == "person":
            other = self.cast.person(subject.text.split(), index)
            if other is not None and other is not last.entity:
                return  # narration about someone else ('Kim Jong Il admitted the abductions in 2002')
        if self.text.quotes_in(sentence.start, sentence.end):
            return
        lows = sentence.lowers
        if any(w in lx.EVENT_VERBS for w in lows) or not text.rstrip().endswith((".", "!")):
            return
        if lows and lows[0] in {"meanwhile", "earlier", "later", "on", "in", "during", "after", "before"}:
            return
        start, end = _trim(self.body, sentence.start, sentence.end)
        if end > start:
            self._append_like(last, start, end, "indirect", index, a, "readout continues a statement")

    def _append_like(
        self, last: Found, start: int, end: int, kind: StatementKind, index: int, a: Analysed, rule: str
    ) -> None:
        self.found.append(
            Found(
                last.entity,
                start,
                end,
                kind,
                last.cue,
                last.date,
                index,
                a.sentence.paragraph,
                last.title,
                last.lemma,
                rule,
                head=last.head or last,
            )
        )

    def _whole_quote(self, start: int, end: int) -> Quote | None:
        q = self.text.quote_at(start)
        if q is None:
            return None
        q_end = q.close_at if q.close_at is not None else q.end
        rest = self.body[q_end:end].strip(" .,!?”’\"'")
        return q if not rest else None

    def _opens_paragraph(self, sentence: Sentence) -> bool:
        paragraph = self.text.paragraphs[sentence.paragraph]
        return bool(paragraph.sentences) and paragraph.sentences[0] is sentence

    # Transcripts --------------------------------------------------------------------------

    def _transcript(self) -> dict[int, tuple[Entity | None, str | None]]:
        """Sentences of a question-and-answer transcript: answers map to their speaker, questions to None.

        A paragraph label names a speaker, a question ('Q:', a questioner's outlet, a question
        mark at the end) or a section ('Details:', 'Background:'); section labels are not turns,
        and a transcript needs at least two turns, one of them a speaker's.
        """
        turns: dict[int, tuple[Entity | None, str | None]] = {}
        for paragraph in self.text.paragraphs:
            text = self.body[paragraph.start : paragraph.end].rstrip()
            m = LABEL.match(text)
            if not m or dateline(text):
                continue
            label = m.group(1)
            entity, title = self._label_speaker(label, paragraph.sentences[0].index if paragraph.sentences else 0)
            asks = text.endswith("?")
            if entity is not None and entity is not self.host and asks:
                entity = None  # a questioner's label that looked like a name ('Prensa Latina: …?')
            if entity is None and not (asks or _question_label(label)):
                continue  # a section label: the paragraph is ordinary text
            turns[paragraph.index] = (entity, title)
        if len(turns) < 2 or all(entity is None for entity, _ in turns.values()):
            return {}
        out: dict[int, tuple[Entity | None, str | None]] = {}
        current: tuple[Entity | None, str | None] | None = None
        for paragraph in self.text.paragraphs:
            if paragraph.index in turns:
                current = turns[paragraph.index]
            elif current is None or current[0] is None or LABEL.match(self.body[paragraph.start : paragraph.end]):
                current = None  # after a question or a section label, text is narration again
                continue
            for sentence in paragraph.sentences:
                out[sentence.index] = current
        return out

    def _label_speaker(self, label: str, at: int) -> tuple[Entity | None, str | None]:
        label = re.sub(r"\s*\([^)]*\)", "", label).strip()  # 'Narendra Modi (retranslated)'
        words = label.split()
        if label.isupper() and (len(label) > 12 or any(w.lower() in lx.TITLE_WORDS for w in words)):
            label = " ".join(w.capitalize() if w.lower() not in lx.NAME_PARTICLES else w.lower() for w in words)
            words = label.split()  # 'PRESIDENT BIDEN' -> 'President Biden'
        low = label.strip().lower()
        if low in lx.ANSWER_LABELS:
            host = self.host
            return (host, host.title) if host is not None else (None, None)
        if low in lx.QUESTION_LABELS or not words:
            return None, None
        titled = any(w.lower() in lx.TITLE_WORDS for w in words[:-1])
        if all(w.isupper() for w in words if w.isalpha()) and len(words) <= 2 and len(label) <= 12:
            return None, None  # an outlet's initials: 'AFP', 'CCTV'
        a = analyse(Sentence(0, len(label), label, -1, -1, tokenize(label)))
        if not a.runs:
            return None, None
        run = a.runs[-1]
        name_words = run_words(a.tokens, run)
        if looks_like_place(name_words) or any(w.lower() in lx.OUTLET_WORDS for w in words):
            return None, None
        person = self.cast.person(name_words, at)
        if person is None:
            if len(name_words) < 2 and not titled:
                return None, None  # a bare word is an outlet or a questioner, not a speaker
            person = self.cast.add_person(name_words, None, None, at)
        return person, person.title

    @cached_property
    def host(self) -> Entity | None:
        """The person a headline presents with a title ('Spokesperson Mao Ning's Regular Press Conference')."""
        people = self.headline_people
        return people[0] if people else None

    @cached_property
    def headline_people(self) -> list[Entity]:
        """Everyone the headline names with a title ('Remarks by President A and Prime Minister B')."""
        title = self.article.title
        a = analyse(Sentence(0, len(title), title, -1, -1, tokenize(title)))
        people = []
        for run in a.runs:
            if run[0] == 0 or a.tokens[run[0] - 1].text.lower() not in lx.TITLE_WORDS:
                continue
            mention = person_at_run(a, run, title)
            person = self.cast.add_person(run_words(a.tokens, run), mention.title, mention.country, -1)
            person.salient = True
            people.append(person)
        return people

    def _speech_paragraphs(self, transcript: dict[int, tuple[Entity | None, str | None]]) -> None:
        """The text of a speech the headline announces ('President Mbeki's speech to parliament',
        'Remarks by the Prime Minister'): paragraphs in the first person, without attributions of
        their own, are the speaker's direct statements."""
        author = self._speech_author()
        if author is None or transcript:
            return
        paragraphs = [p for p in self.text.paragraphs if p.sentences]
        first_person = [p for p in paragraphs if any(w in lx.FIRST_PERSON for s in p.sentences for w in s.lowers)]
        attributed = {f.paragraph for f in self.found}
        if len(first_person) * 2 < len(paragraphs) or len(attributed) * 5 > len(paragraphs):
            return  # a report about the speech, not its text
        found, day = find_date(tokenize(self.article.title), self.article.published)
        for paragraph in paragraphs:
            words = sum(len(s.tokens) for s in paragraph.sentences)
            if paragraph.index in attributed or words < 8:
                continue
            a = self.analysed[paragraph.sentences[0].index]
            self._add_paragraph(
                a,
                author,
                author.title,
                a.sentence.index,
                "text of the speech the headline announces",
                ":",
                day if found and day else self.article.published,
            )

    def _speech_author(self) -> Entity | None:
        """The person a headline presents as giving a speech, remarks or an address."""
        title = self.article.title
        lows = {w.lower() for w in re.findall(r"[\w'’-]+", title)}
        if not lows & lx.SPEECH_NOUNS:
            return None
        a = analyse(Sentence(0, len(title), title, -1, -1, tokenize(title)))
        for run in a.runs:
            nxt = a.tokens[run[1] + 1].text if run[1] + 1 < len(a.tokens) else ""
            prev = a.tokens[run[0] - 1].text.lower() if run[0] > 0 else ""
            if nxt in {"’s", "'s"} or prev in lx.TITLE_WORDS or prev == "by":
                words = run_words(a.tokens, run)
                return self.cast.person(words, -1) or self.cast.add_person(words, None, None, -1)
        return None

    def _add_paragraph(
        self,
        a: Analysed,
        entity: Entity,
        title: str | None,
        index: int,
        rule: str,
        cue: str,
        day: dt.date | None,
    ) -> None:
        """One direct statement of a whole paragraph (a transcript answer, a post): the first
        sentence starts it and the rest belong to it. ``day`` None leaves the date to be settled."""
        sentence = a.sentence
        paragraph = self.text.paragraphs[sentence.paragraph]
        if paragraph.sentences and paragraph.sentences[0] is not sentence:
            return
        start = paragraph.start
        m = LABEL.match(self.body[paragraph.start : paragraph.end])
        if m and rule == "transcript answer":
            start += m.end()
        start, end = _trim(self.body, start, post_text_end(self.body, start, paragraph.end))
        if end <= start:
            return
        found = Found(entity, start, end, "direct", cue, day, index, sentence.paragraph, title, "say", rule)
        found.dated = day is not None
        self.found.append(found)

    def _embedded_posts(self) -> tuple[dict[int, tuple[Entity, dt.date | None, str]], set[int]]:
        """Posts closed by a signature line: the paragraph before it, its author and date."""
        posts: dict[int, tuple[Entity, dt.date | None, str]] = {}
        lines: set[int] = set()
        for paragraph in self.text.paragraphs:
            sign = signature(self.body[paragraph.start : paragraph.end])
            if sign is None or paragraph.index == 0 or not paragraph.sentences:
                continue
            at = paragraph.sentences[0].index
            words = sign.name.split()
            author = self.cast.person(words, at) or self.cast.add_person(words, None, None, at)
            found, day = find_date(tokenize(sign.when), self.article.published)
            posts[paragraph.index - 1] = (author, day if found else None, "posted")
            lines.add(paragraph.index)
        return posts, lines

    def _post_announced(self, a: Analysed, index: int) -> Entity | None:
        """'The minister wrote on X:' closing a paragraph announces the next paragraph as a post."""
        paragraph = self.text.paragraphs[a.sentence.paragraph]
        if a.sentence.end != paragraph.end or not a.sentence.text.rstrip().endswith(":"):
            return None
        if paragraph.index + 1 >= len(self.text.paragraphs):
            return None
        following = self.text.paragraphs[paragraph.index + 1]
        if self.text.quote_at(following.start) is not None:
            return None  # a quotation reads itself
        for cue in find_cues(a):
            if cue.lemma in lx.SAY_LIKE or cue.lemma in lx.POST_LEMMAS:
                gap_end, _ = skip_gap_back(a.tokens, cue.first - 1)
                subject = mention_before(a, gap_end, self.body)
                if subject is not None and subject.kind in {"person", "pronoun", "role", "org"}:
                    return self.resolve(subject, index)
        return None


LABEL = re.compile(r"^\s*([A-Z][\w.'’\- ]{0,50}?(?:\s*\([\w .-]{1,30}\))?)\s*[:：]\s+(?=\S)")


def _has_subject(a: Analysed, cue: Cue) -> bool:
    """Whether a capitalised word or a pronoun stands right before the cue ('UNN reports this')."""
    gap_end, _ = skip_gap_back(a.tokens, cue.first - 1)
    if gap_end < 0:
        return False
    tok = a.tokens[gap_end]
    return (tok.is_cap and tok.is_word) or tok.text.lower() in lx.PRONOUNS


def _names_a_body(role_text: str) -> bool:
    """'Foreign Ministry spokesperson', 'Kremlin spokesman': a role that names whom it speaks for
    ('the Ethiopian premier' names a country's office, whose holder the article names elsewhere)."""
    words = role_text.split()
    table = gazetteer()
    return len(words) > 1 and any(
        w[:1].isupper() and (table.get((w,), ("", "name"))[1] == "metonym" or not table.get((w,))) for w in words[:-1]
    )


def _question_label(label: str) -> bool:
    """'Q', 'Reporter', or an outlet's name or initials ('AFP', 'Phoenix TV') asking a question."""
    words = label.split()
    low = label.strip().lower()
    return (
        low in lx.QUESTION_LABELS
        or any(w.lower() in lx.OUTLET_WORDS for w in words)
        or (all(w.isupper() for w in words if w.isalpha()) and len(words) <= 2 and len(label) <= 12)
    )


def _after_honorific(a: Analysed, start: int) -> bool:
    return start > 0 and (
        a.tokens[start - 1].text.lower().rstrip(".") in lx.HONORIFICS
        or a.tokens[start - 1].text.lower() in lx.TITLE_WORDS
        or (a.tokens[start - 1].text == "." and start > 1 and a.tokens[start - 2].text.lower() in lx.HONORIFICS)
    )


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (body[start] in "“‘\"'«„" or body[start].isspace()):
        start += 1
    while end > start and (body[end - 1] in ".,;:!?”’\"'»" or body[end - 1].isspace()):
        end -= 1
    return start, end


def _statement_countries(extractor: Extractor, found: Found) -> tuple[str, ...]:
    paragraph = extractor.text.paragraphs[found.paragraph]
    codes = []
    for sentence in paragraph.sentences:
        if sentence.end <= found.start or sentence.start >= found.end:
            continue
        a = extractor.analysed[sentence.index]
        for place in a.places:
            if place.code and a.tokens[place.first].start >= found.start and a.tokens[place.last].end <= found.end:
                codes.append(place.code)
    content = extractor.body[found.start : found.end]
    if PAIR_PHRASES.search(content):
        codes.extend(extractor.pair)
    if codes and found.entity.country:
        codes.append(found.entity.country)
    if not codes:
        codes = list(extractor.pair)
    return tuple(dict.fromkeys(codes))


def final_statements(found: list[Found]) -> list[Found]:
    """The statements kept, in text order: one per span, none empty."""
    out = []
    seen: set[tuple[int, int]] = set()
    for item in sorted(found, key=lambda f: f.start):
        if (item.start, item.end) in seen or item.end <= item.start:
            continue
        seen.add((item.start, item.end))
        out.append(item)
    return out


def extract_statements(article: Article, taxonomy: Taxonomy) -> list[ExtractedStatement]:
    """The attributed statements of ``article``, in text order."""
    extractor = Extractor(article, taxonomy)
    out = []
    for item in final_statements(extractor.run()):
        entity = item.entity
        content = article.body[item.start : item.end]
        topics = taxonomy.tag(content) or (("diplomacy",) if "diplomacy" in taxonomy.slugs else ())
        speaker = SpeakerInfo(
            name=entity.name,
            kind=entity.kind,
            title=entity.title if entity.title != "document" else None,
            country=entity.country,
            aliases=tuple(sorted(a for a in entity.aliases if a != entity.name)),
        )
        out.append(
            ExtractedStatement(
                speaker=speaker,
                start=item.start,
                end=item.end,
                kind=item.kind,
                cue=item.cue,
                date=item.date,
                topics=topics,
                countries=_statement_countries(extractor, item),
            )
        )
    return out


__all__ = ["Cue", "Extractor", "Found", "extract_statements", "final_statements"]
