"""Official formats: question-and-answer transcripts, posts quoted without quotation marks, and
the text of a speech a headline announces. Each gives whole paragraphs to one speaker."""

from __future__ import annotations

import datetime as dt
import re

from app.ingest.extract import lexicon as lx
from app.ingest.extract.cues import find_cues
from app.ingest.extract.dates import find_date
from app.ingest.extract.mentions import (
    Analysed,
    Entity,
    analyse,
    looks_like_place,
    mention_before,
    person_at_run,
    run_words,
    sentence_subject,
)
from app.ingest.extract.places import find_places
from app.ingest.extract.posts import post_text_end, signature
from app.ingest.extract.reading import LABEL, Found, Reading, dateline, trim
from app.ingest.extract.spans import skip_gap_back
from app.ingest.extract.text import Paragraph, Sentence, tokenize
from app.names import fold


class Formats(Reading):
    """The official formats, as methods of the article being read."""

    def _transcript(self) -> dict[int, tuple[Entity | None, str | None]]:
        """Sentences of a question-and-answer transcript: answers map to their speaker, questions to None.

        A paragraph label names a speaker, a question ('Q:', a questioner's outlet, a question
        mark at the end) or a section ('Details:', 'Background:'); section labels are not turns,
        and a transcript needs at least two turns, one of them a speaker's. A speaker's heading on
        a line of its own (``_speaker_heading``) opens a turn of the paragraphs under it.
        """
        turns: dict[int, tuple[Entity | None, str | None]] = {}
        named: tuple[Entity, str | None] | None = None  # the last speaker a label named
        for paragraph in self.text.paragraphs:
            text = self.body[paragraph.start : paragraph.end].rstrip()
            heading = self._speaker_heading(text, paragraph)
            if heading is not None:
                turns[paragraph.index] = heading
                self.headings.add(paragraph.index)
                continue
            m = LABEL.match(text)
            if not m or dateline(text):
                continue
            label = m.group(1)
            if any(w in lx.CUE_LEMMA for w in label.split()):
                continue  # 'Ruiz told reporters: …' reports speech; a label only names the speaker
            entity, title = self._label_speaker(label, paragraph.sentences[0].index if paragraph.sentences else 0)
            if entity is None and label.strip().lower() in lx.ANSWER_LABELS and named is not None:
                entity, title = named  # 'A:' after the briefer spoke under her name
            asks = text.endswith("?")
            if entity is not None and entity is not self.host and asks:
                entity = None  # a questioner's label that looked like a name ('Voz Andina: …?')
            if entity is None and not (asks or _question_label(label)):
                continue  # a section label: the paragraph is ordinary text
            turns[paragraph.index] = (entity, title)
            if entity is not None:
                named = (entity, title)
        if len(turns) < 2 or all(entity is None for entity, _ in turns.values()):
            return {}
        out: dict[int, tuple[Entity | None, str | None]] = {}
        for paragraph in self._opening_remarks(min(turns)):
            for sentence in paragraph.sentences:
                out[sentence.index] = (self.host, self.host.title if self.host else None)
        current: tuple[Entity | None, str | None] | None = None
        under = False  # whether the current turn runs under a speaker's heading
        for paragraph in self.text.paragraphs:
            if paragraph.index in turns:
                current = turns[paragraph.index]
                under = paragraph.index in self.headings
            elif current is None or current[0] is None or LABEL.match(self.body[paragraph.start : paragraph.end]):
                current = None  # after a question or a section label, text is narration again
                continue
            elif _stage_direction(self.body[paragraph.start : paragraph.end]):
                continue  # '(The briefing was concluded at 1:37 p.m.)'

            if paragraph.index in self.headings:
                continue  # the heading names the speaker of the paragraphs under it
            if under:
                self.under_headings.add(paragraph.index)
            for sentence in paragraph.sentences:
                out[sentence.index] = current
        return out

    def _speaker_heading(self, text: str, paragraph: Paragraph) -> tuple[Entity, str | None] | None:
        """'ANA RUIZ, Minister for Foreign Affairs of Chile:' standing as a paragraph of its own: the
        paragraphs under it, to the next heading, are that speaker's words (excerpts of a debate,
        statements delivered at a meeting)."""
        m = SPEAKER_HEADING.match(text)
        if m is None or m.group("title") is None:
            return None
        title = " ".join(m.group("title").split())
        title_words = [w.lower().strip(".,") for w in title.split()]
        if not any(w in lx.TITLE_WORDS for w in title_words) or any(w in lx.CUE_LEMMA for w in title_words):
            return None  # 'Vera Osei, the envoy, told reporters:' reports; a heading only names
        name = m.group("name").strip()
        if name.isupper():
            name = _from_capitals(name)
        words = name.split()
        if (
            not 2 <= len(words) <= 6
            or not all(w[:1].isupper() or w.lower() in lx.NAME_PARTICLES for w in words)
            or looks_like_place(words)
            or any(w.lower() in lx.TITLE_WORDS or w.lower() in lx.CUE_LEMMA for w in words)
        ):
            return None
        at = paragraph.sentences[0].index if paragraph.sentences else 0
        person = self.cast.person(words, at) or self.cast.add_person(words, title, _title_country(title), at)
        person.title = person.title or title
        person.country = person.country or _title_country(title)
        return person, title

    def _opening_remarks(self, first_turn: int) -> list[Paragraph]:
        """The remarks a briefing opens with, before its first labelled turn, when the headline
        announces a briefing by someone ('Briefing by Spokeswoman A. B.'): its paragraphs of
        sentences, not its headings ('On the border situation') or header lines."""
        host = self.host
        if host is None or not self.headline_people or not set(self.headline.sentence.lowers) & lx.BRIEFING_NOUNS:
            return []
        out = []
        for paragraph in self.text.paragraphs[:first_turn]:
            text = self.body[paragraph.start : paragraph.end].rstrip()
            words = sum(len(s.tokens) for s in paragraph.sentences)
            if words >= 8 and text[-1:] in {".", "!", "”", '"'} and not LABEL.match(text):
                out.append(paragraph)
        return out

    def _label_speaker(self, label: str, at: int) -> tuple[Entity | None, str | None]:
        label = re.sub(r"\s*\([^)]*\)", "", label).strip()  # 'Anil Deshpande (retranslated)'
        words = label.split()
        if len(words) > 1 and words[0].lower().rstrip(".") in lx.HONORIFICS:
            # 'MR HALVORSEN:', 'Ms. Okafor:': a person by surname, usually the host of the briefing
            name = [w.capitalize() if w.isupper() else w for w in words[1:]]
            host = self.host
            person = self.cast.person(name, at)
            if person is None and host is not None and host.key[-1:] == (fold(name[-1]),):
                person = host
            person = person or self.cast.add_person(name, None, None, at)
            return person, person.title
        if label.isupper() and (len(label) > 12 or any(w.lower() in lx.TITLE_WORDS for w in words)):
            label = _from_capitals(label)
            words = label.split()  # 'PRESIDENT HOLLOWAY' -> 'President Holloway'
        low = label.strip().lower()
        if low in lx.ANSWER_LABELS:
            host = self.host
            return (host, host.title) if host is not None else (None, None)
        if low in lx.QUESTION_LABELS or not words:
            return None, None
        if all(w.lower() in lx.TITLE_WORDS or w.lower() in lx.DETERMINERS for w in words):
            # 'Spokesperson:', 'The Minister:': the person of the briefing that title fits
            person = self.cast.role(words[-1].lower(), None, at, self.host, label)
            return (person, person.title) if person is not None else (None, None)
        titled = any(w.lower() in lx.TITLE_WORDS for w in words[:-1])
        if all(w.isupper() for w in words if w.isalpha()) and len(words) <= 2 and len(label) <= 12:
            return None, None  # an outlet's initials: 'NXA', 'QRT'
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

    def _speech_paragraphs(self, transcript: dict[int, tuple[Entity | None, str | None]]) -> None:
        """The text of a speech the headline announces ('President Moyo's speech to parliament',
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
        found, day = find_date(self.headline.tokens, self.article.published)
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
        a = self.headline
        for run in a.runs:
            nxt = a.tokens[run[1] + 1].text if run[1] + 1 < len(a.tokens) else ""
            prev = a.tokens[run[0] - 1].low if run[0] > 0 else ""
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
        at_meeting: bool = False,
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
        start, end = trim(self.body, start, post_text_end(self.body, start, paragraph.end))
        if end <= start:
            return
        found = Found(entity, start, end, "direct", cue, day, index, sentence.paragraph, title, "say", rule)
        found.dated = day is not None
        found.at_meeting = at_meeting
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
            for k in self._post_paragraphs(paragraph.index):
                posts[k] = (author, day if found else None, "posted")
            lines.add(paragraph.index)
        return posts, lines

    def _post_paragraphs(self, line: int) -> list[int]:
        """The paragraphs of a post closed by the signature line at ``line``: the one before it,
        and up to three more when a paragraph closing on a colon ('…, posting:') opens them all."""
        paragraphs = self.text.paragraphs
        for k in range(line - 1, max(0, line - 5), -1):
            if self.body[paragraphs[k - 1].start : paragraphs[k - 1].end].rstrip().endswith(":"):
                return list(range(k, line))
        return [line - 1]

    def _post_announced(self, a: Analysed, index: int) -> tuple[Entity, str] | None:
        """Whose words a paragraph closing on a colon announces: 'The minister wrote on X:', 'The
        letter reads, in part:', 'Read the full text of President Moyo's address below:'."""
        paragraph = self.text.paragraphs[a.sentence.paragraph]
        if a.sentence.end != paragraph.end or not a.sentence.text.rstrip().endswith(":"):
            return None
        if paragraph.index + 1 >= len(self.text.paragraphs):
            return None
        for cue in find_cues(a):
            if cue.lemma in lx.SAY_LIKE or cue.lemma in lx.POST_LEMMAS or cue.lemma in lx.ANNOUNCING_LEMMAS:
                gap_end, _ = skip_gap_back(a.tokens, cue.first - 1)
                subject = mention_before(a, gap_end, self.body)
                if subject is None and a.tokens[cue.first].low.endswith("ing"):
                    subject = sentence_subject(a, cue.first, self.body)  # 'X replied, posting:'
                if subject is not None and subject.kind in {"person", "pronoun", "role", "org", "document"}:
                    entity = self.resolve(subject, index)
                    return (entity, cue.text) if entity is not None else None
        tokens = a.tokens
        for k, tok in enumerate(tokens):
            # 'X issued the following press statement on Monday:': the issuer's text follows
            if tok.low in lx.ISSUING_VERBS and any(t.low in lx.DOCUMENT_SOURCES for t in tokens[k + 1 : k + 5]):
                gap_end, _ = skip_gap_back(tokens, k - 1)
                subject = mention_before(a, gap_end, self.body)
                if subject is not None and subject.kind in {"person", "role", "org"}:
                    entity = self.resolve(subject, index)
                    return (entity, tok.text) if entity is not None else None
        for run in a.runs:
            # "the full text of President Moyo's address below:": the owner of a personal document
            nxt = run[1] + 1
            if (
                nxt + 1 < len(tokens)
                and tokens[nxt].text in lx.POSSESSIVE
                and tokens[nxt + 1].low in lx.PERSONAL_DOCUMENTS
            ):
                entity = self.resolve(person_at_run(a, run, self.body), index)
                return (entity, "wrote") if entity is not None else None
        return None

    def _reports(self, paragraph: Paragraph) -> bool:
        """Whether a paragraph attributes words outside quotations: 'X said', 'said X'."""
        for sentence in paragraph.sentences:
            a = self.analysed[sentence.index]
            for cue in find_cues(a):
                if cue.lemma in lx.SAY_LIKE and not self.text.in_quote(a.tokens[cue.first].start):
                    return True
        return False

    def announced_paragraphs(self, paragraph: int, *, post: bool = False) -> list[int]:
        """The paragraphs an announcing colon at the end of ``paragraph`` gives to its speaker: the
        next one, and while a quotation runs on open, the ones it runs through; a post ('posted on
        X:') runs on through paragraphs in the first person that report nothing."""
        out: list[int] = []
        k = paragraph + 1
        if post:
            for p in self.text.paragraphs[k : k + 4]:
                text = self.body[p.start : p.end].rstrip()
                first_person = any(w in lx.FIRST_PERSON or w in {"you", "your"} for s in p.sentences for w in s.lowers)
                if out and (not first_person or text.endswith(":") or self._reports(p) or LABEL.match(text)):
                    break
                out.append(p.index)
            return out
        if "following" in self.text.paragraphs[paragraph].sentences[-1].lowers:
            # 'issued the following statement:': the text runs on until a paragraph of reporting
            # (one that attributes words of its own) or a note in parentheses (a byline)
            out = []
            for p in self.text.paragraphs[k:]:
                if not p.sentences or self.body[p.start : p.start + 1] == "(" or self._reports(p):
                    break
                out.append(p.index)
            return out
        open_quote = False
        while k < len(self.text.paragraphs):
            p = self.text.paragraphs[k]
            text = self.body[p.start : p.end]
            opens = self.text.quote_at(p.start) is not None
            if out and not (opens or open_quote):
                break
            out.append(k)
            quotes = self.text.quotes_in(p.start, p.end)
            closes = any(ch in text for ch in CLOSING_DOUBLE) and not (quotes and quotes[-1].close_at is None)
            open_quote = bool(quotes and quotes[-1].close_at is None) or (open_quote and not closes)
            if not open_quote:
                break
            k += 1
        return out


CLOSING_DOUBLE = frozenset("”»")


# A speaker's name, with a title after a comma, alone on a line that ends with a colon.
SPEAKER_HEADING = re.compile(r"^\s*(?P<name>[A-Z][\w.'’\- ]{2,60}?)(?:,\s*(?P<title>[^:\n]{2,160}?))?\s*[:：]\s*$")


def _from_capitals(text: str) -> str:
    """'ANA SOLBERG-HAUGLAND' -> 'Ana Solberg-Haugland', 'DE LA CRUZ' -> 'de la Cruz'."""

    def word(w: str) -> str:
        if w.lower() in lx.NAME_PARTICLES:
            return w.lower()
        return re.sub(r"[^\W\d_]+", lambda m: m.group().capitalize(), w)

    return " ".join(word(w) for w in text.split())


def _title_country(title: str | None) -> str | None:
    """The country a title says its holder serves: 'Minister for Foreign Affairs of Chile',
    'Permanent Representative of Rwanda to the United Nations'; not one posted 'to' or 'for'."""
    if not title:
        return None
    tokens = tokenize(title)
    for place in find_places(tokens):
        before = tokens[place.first - 1].low if place.first > 0 else ""
        if before == "the" and place.first > 1:
            before = tokens[place.first - 2].low
        if place.code and (before == "of" or place.kind == "demonym" or place.possessive):
            return place.code
    return None


def _question_label(label: str) -> bool:
    """'Q', 'Reporter', or an outlet's name or initials ('NXA', 'Riverside TV') asking a question."""
    words = label.split()
    low = label.strip().lower()
    return (
        low in lx.QUESTION_LABELS
        or any(w.lower() in lx.OUTLET_WORDS for w in words)
        or (all(w.isupper() for w in words if w.isalpha()) and len(words) <= 2 and len(label) <= 12)
    )


def _stage_direction(text: str) -> bool:
    """A paragraph wholly in parentheses: the transcript's note, not the speaker's words."""
    text = text.strip()
    return text.startswith("(") and text.endswith(")")
