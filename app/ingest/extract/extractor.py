"""Article -> statements: structure, cast, attributions, then speaker, date, topics and countries."""

from __future__ import annotations

import re
from collections import Counter

from app.ingest.extract import lexicon as lx
from app.ingest.extract.candidates import Candidate, SentenceTrace
from app.ingest.extract.choice import read_sentence
from app.ingest.extract.cues import Cue, find_cues
from app.ingest.extract.dates import find_date
from app.ingest.extract.dating import Dating, document_reference
from app.ingest.extract.formats import Formats
from app.ingest.extract.mentions import (
    Analysed,
    Entity,
    mention_before,
    run_words,
    sentence_subject,
)
from app.ingest.extract.model import ExtractedStatement, SpeakerInfo, StatementKind
from app.ingest.extract.reading import Found, dateline, trim
from app.ingest.extract.spans import skip_gap_back
from app.ingest.extract.text import Quote, Sentence
from app.ingest.extract.topics import Taxonomy
from app.ingest.read import Article
from app.names import fold

PAIR_PHRASES = re.compile(
    r"\b(two|both) (countries|nations|sides|states|governments|peoples|leaders|heads of state)\b"
    r"|\bbilateral\b|\beach other\b|\bbetween the two\b|\bour two\b",
    re.IGNORECASE,
)


class Extractor(Formats, Dating):
    """Reads an article sentence by sentence and keeps what each sentence gave."""

    # Article-level facts ------------------------------------------------------------------

    # The cast -----------------------------------------------------------------------------

    # Speakers -----------------------------------------------------------------------------

    # Statements ---------------------------------------------------------------------------

    def run(self) -> list[Found]:
        self.build_cast()
        transcript = self._transcript()
        if transcript and any(entity is None for entity, _ in transcript.values()):
            # A briefing's questions mention other days; its answers are given on the headline's
            # date or the publication date.
            found, day = find_date(self.headline.tokens, self.article.published)
            self.transcript_day = day if found and day is not None else self.article.published
        posts, signatures = self._embedded_posts()
        for index, a in enumerate(self.analysed):
            paragraph = a.sentence.paragraph
            if index in transcript:
                entity, title = transcript[index]
                under_heading = paragraph in self.under_headings
                rule = "words under the speaker's heading" if under_heading else "transcript answer"
                trace = SentenceTrace(index, rule=rule if entity else "transcript question")
                self.traces.append(trace)
                if entity is not None and under_heading:
                    # words delivered at the meeting the lead reports, under their speaker's heading
                    self._add_paragraph(a, entity, title, index, "words under the speaker's heading", ":", None, True)
                elif entity is not None:
                    day = self.transcript_day or self.article.published
                    self._add_paragraph(a, entity, title, index, "transcript answer", ":", day)
                continue
            if paragraph in signatures:
                self.traces.append(SentenceTrace(index, rule="signature line of an embedded post"))
                continue
            if paragraph in self.standfirst:
                self.traces.append(SentenceTrace(index, rule="summary bullet before the body, like the headline"))
                continue
            if paragraph in posts:
                entity, day, cue = posts[paragraph]
                self.traces.append(SentenceTrace(index, rule="post quoted without quotation marks"))
                self._add_paragraph(a, entity, entity.title, index, "post quoted without quotation marks", cue, day)
                continue
            if self._said_before(a, index):
                continue
            quotes = self.text.quotes_over(a.sentence.start, a.sentence.end)
            trace = read_sentence(a, index, quotes, self.body, self.resolve)
            self.traces.append(trace)
            chosen = trace.chosen
            if chosen is not None and chosen.entity is not None:
                self._add(a, chosen, chosen.entity, index)
            else:
                self._continue(a, index)
                announcer = self._post_announced(a, index)
                if announcer is not None:
                    author, cue = announcer
                    # the announcing sentence dates the words ('issued … on Monday:')
                    own = self._after_dateline(a)
                    found, day = find_date([t for t in a.tokens if t.start >= own], self.article.published)
                    post = lx.CUE_LEMMA.get(cue.lower().split()[0]) in lx.POST_LEMMAS
                    for announced in self.announced_paragraphs(paragraph, post=post):
                        posts[announced] = (author, day if found else None, cue)
            self._track_subject(a, index, chosen.entity if chosen else None)
        self._speech_paragraphs(transcript)
        self._open_quotes_before()
        self._settle_dates()
        return self.found

    def _said_before(self, a: Analysed, index: int) -> bool:
        """'… a debt we still owe. This is what Chancellor Weidinger said on Monday.': a sentence that
        points back gives the sentence before it, if that one is nobody's yet, to its source."""
        lows = a.sentence.lowers
        if len(lows) < 5 or lows[0] not in lx.POINTING_BACK or lows[1] not in {"is", "was", "are", "were"}:
            return False
        if lows[2] != "what" or index == 0 or self.analysed[index - 1].sentence.paragraph != a.sentence.paragraph:
            return False
        if any(f.sentence == index - 1 for f in self.found):
            return False
        cue = next((c for c in find_cues(a) if c.first > 3), None)
        if cue is None:
            return False
        gap_end, _ = skip_gap_back(a.tokens, cue.first - 1)
        mention = mention_before(a, gap_end, self.body)
        entity = self.resolve(mention, index) if mention is not None and mention.kind != "vague" else None
        if entity is None:
            return False
        before = self.analysed[index - 1].sentence
        start, end = trim(self.body, before.start, before.end)
        found, day = find_date(a.tokens[cue.last + 1 :], self.article.published)
        rule = "'this is what X said' gives the sentence before to X"
        self.found.append(
            Found(
                entity,
                start,
                end,
                self._kind(start, end, False),
                cue.text,
                day,
                index - 1,
                a.sentence.paragraph,
                mention.title if mention else None,
                cue.lemma,
                rule,
                dated=found,
            )
        )
        self.traces.append(SentenceTrace(index, rule=rule))
        return True

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
            start, end = trim(self.body, quote.start, paragraph.end)
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
        if (
            mention.kind == "person"
            and mention.first == 0
            and " " not in mention.text
            and not mention.title
            and self.cast.person([mention.text], index) is None
        ):
            return  # 'Good morning and welcome …': a word capitalised for being first, no one known
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

    def _add(self, a: Analysed, att: Candidate, entity: Entity, index: int) -> None:
        paragraph = self.text.paragraphs[a.sentence.paragraph]
        if att.start == paragraph.start:
            m = dateline(self.body[paragraph.start : paragraph.end])
            if m is not None:
                att.start = paragraph.start + m.end()
        dated, day = self._own_date(a, att)
        self._note_issued(a, entity)
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
                at_meeting=_after_meeting(a, att),
                source=(a.tokens[att.mention.first].start, a.tokens[att.mention.last].end),
            )
        )

    def _note_issued(self, a: Analysed, entity: Entity) -> None:
        """'X said in a statement …' (or a spokesman said so of X's words): the statement is X's,
        so a later 'the statement said' is too; the latest one named is meant."""
        if entity.kind == "organization" and entity.title == "document":
            return
        ref = document_reference(a.sentence.lowers)
        if ref is not None and ref[0] != "the":
            self.issued[fold(ref[2])] = entity

    def _continue(self, a: Analysed, index: int) -> None:
        """A sentence with no attribution of its own that carries on the previous statement."""
        sentence = a.sentence
        quote = self._whole_quote(sentence.start, sentence.end)
        if not self.found:
            if quote is not None:
                self._briefers_quote(a, index, quote)
            return
        last = self.found[-1]
        same_paragraph = last.paragraph == sentence.paragraph and last.sentence == index - 1
        text = sentence.text
        if same_paragraph and last.kind != "direct" and _and_that(a):
            # 'The leaders “held talks,” and that the president offered help': the cue is left out
            start, end = trim(self.body, sentence.start, sentence.end)
            kind = self._kind(start, end, False)
            self._append_like(last, start, end, kind, index, a, "reported clause goes on with 'and that'")
            return
        next_paragraph = last.paragraph == sentence.paragraph - 1 and self._opens_paragraph(sentence)
        if quote is not None:
            # an unattributed quotation goes on with the speaker of the sentence or paragraph before
            if same_paragraph or next_paragraph:
                q_end = quote.close_at if quote.close_at is not None else quote.end
                start, end = trim(self.body, quote.start, q_end)
                if end > start:
                    self._append_like(last, start, end, "direct", index, a, "quotation continues a statement")
            else:
                self._briefers_quote(a, index, quote)
            return
        if last.lemma in lx.ACT_LEMMAS:
            return
        if same_paragraph and last.kind == "direct":
            return
        if not same_paragraph and not (next_paragraph and _paraphrase(a)):
            return
        trace = self.traces[-1] if self.traces and self.traces[-1].index == index else None
        if trace is not None and any(
            ct.candidates or ct.rejected_by in SAYING_CHECKS or _has_subject(a, ct.cue) for ct in trace.cues
        ):
            return  # a cue of its own: someone else speaking, or a speech act, not a continuation
        subject = sentence_subject(a, len(a.tokens), self.body)
        if subject is not None and subject.kind == "person":
            other = self.cast.person(subject.text.split(), index)
            if other is not None and other is not last.entity:
                return  # narration about someone else ('Ro Chang Min admitted the seizures in 2003')
        if self.text.quotes_in(sentence.start, sentence.end):
            return
        lows = sentence.lowers
        if any(w in lx.EVENT_VERBS for w in lows) or not text.rstrip().endswith((".", "!")):
            return
        if lows and lows[0] in {"meanwhile", "earlier", "later", "on", "in", "during", "after", "before"}:
            return
        start, end = trim(self.body, sentence.start, sentence.end)
        if end > start:
            self._append_like(last, start, end, "indirect", index, a, "readout continues a statement")

    def _briefers_quote(self, a: Analysed, index: int, quote: Quote) -> None:
        """A quotation paragraph nobody is named for, after a paragraph in which someone holds a
        briefing, gives an interview or makes a speech: that person's words."""
        sentence = a.sentence
        if not self._opens_paragraph(sentence) or sentence.paragraph == 0 or self.subject is None:
            return
        before = self.text.paragraphs[sentence.paragraph - 1]
        if not any(w in lx.SPEECH_EVENTS for s in before.sentences for w in s.lowers):
            return
        if any(f.paragraph == before.index for f in self.found):
            return
        q_end = quote.close_at if quote.close_at is not None else quote.end
        start, end = trim(self.body, quote.start, q_end)
        if end > start:
            rule = "quotation after a briefing is the briefer's"
            self.found.append(
                Found(
                    self.subject,
                    start,
                    end,
                    "direct",
                    None,
                    None,
                    index,
                    sentence.paragraph,
                    self.subject.title,
                    "say",
                    rule,
                )
            )

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


def _after_meeting(a: Analysed, att: Candidate) -> bool:
    """'In a statement after the meeting, X said': the words outside the content place them."""
    words = [t.low for t in a.tokens if not (att.start <= t.start < att.end)]
    return any(
        words[k] in {"after", "following"}
        and words[k + 1] in {"the", "their", "his", "her"}
        and words[k + 2] in lx.MEETING_NOUNS
        for k in range(len(words) - 2)
    )


# Cue checks that reject a cue that still says someone speaks ('will tell', 'was told'); the
# others find no speech at all ('a plan maintaining', 'the talks continued').
SAYING_CHECKS = frozenset({"not said yet", "passive cue"})


def _paraphrase(a: Analysed) -> bool:
    """'It is worth keeping the dialogue open.', 'There will be further visits.': a sentence in
    the present or future that opens with 'it', 'there' or 'we', as a speaker's paraphrased words do."""
    lows = a.sentence.lowers
    return len(lows) > 3 and lows[0] in {"it", "there", "we"} and any(w in lx.PRESENT_OR_FUTURE for w in lows[1:4])


def _and_that(a: Analysed) -> bool:
    """Whether a sentence goes on with ', and that …' before any cue of its own."""
    lows = a.sentence.lowers
    cue_at = min((c.first for c in find_cues(a)), default=len(lows))
    return any(lows[k] == "and" and lows[k + 1] == "that" for k in range(1, min(cue_at, len(lows) - 1)))


def _has_subject(a: Analysed, cue: Cue) -> bool:
    """Whether a capitalised word or a pronoun stands right before the cue ('ZBN reports this')."""
    gap_end, _ = skip_gap_back(a.tokens, cue.first - 1)
    if gap_end < 0:
        return False
    tok = a.tokens[gap_end]
    return (tok.is_cap and tok.is_word) or tok.low in lx.PRONOUNS


def _statement_countries(extractor: Extractor, found: Found) -> tuple[str, ...]:
    codes = []
    for sentence in extractor.sentences_over(found.paragraph, found.start, found.end):
        a = extractor.analysed[sentence.index]
        for place in a.places:
            if place.code and a.tokens[place.first].start >= found.start and a.tokens[place.last].end <= found.end:
                codes.append(place.code)
        for run in a.runs:
            # a person named in the content brings the country they speak for ('no deal with Dervishi')
            if a.tokens[run[0]].start >= found.start and a.tokens[run[1]].end <= found.end:
                person = extractor.cast.person(run_words(a.tokens, run), sentence.index)
                if person is not None and person is not found.entity and person.country:
                    codes.append(person.country)
    content = extractor.body[found.start : found.end]
    if PAIR_PHRASES.search(content):
        codes.extend(extractor.pair)
    if codes and found.entity.country:
        codes.append(found.entity.country)
    if not codes:
        codes = list(extractor.pair)
    return tuple(dict.fromkeys(codes))


def _implied_countries(extractor: Extractor, found: list[Found]) -> dict[int, str]:
    """Countries the article implies for speakers it gives none, first from the speaker's own words
    ('our Kenyan counterparts', 'the Laotian side' are the other party), then from the article's
    pair: the other country when everyone the article names with a country of the two is on the
    same one ('Mehta' beside a US Secretary of State). A spokesperson follows the person whose
    spokesperson they are ("Mokoena's spokesperson")."""
    implied = _not_the_other_side(extractor, found)
    pair = extractor.pair
    if len(pair) != 2:
        return implied
    # the sides speakers take, and those of the lead's principals and of people named as a
    # counterpart or an envoy posted to the other ('his Thai counterpart', 'the Chinese
    # ambassador to Kenya')
    facing = [p for p in extractor.cast.people if p.country and (_faces(p.title) or _in_lead(extractor, p))]
    known = {p.country for p in facing} | {f.entity.country for f in found if f.entity.country}
    sides = known & set(pair)
    if len(sides) != 1:
        return implied
    other = next(code for code in pair if code not in sides)
    for f in found:
        entity = f.entity
        title = (entity.title or "").lower()
        if entity.country is not None or id(entity) in implied or _speaks_for_no_side(entity):
            continue
        if not any(w in title for w in ("spokes", "office")) or _owned_by_countryless(extractor, title):
            implied[id(entity)] = other
    return implied


def _speaks_for_no_side(entity: Entity) -> bool:
    """A joint document speaks for both sides, an analyst or a lawyer for neither."""
    words = set((entity.title or "").lower().split()) | set(entity.name.lower().split())
    return (entity.title == "document" and "joint" in words) or bool(words & lx.INDEPENDENT_ROLES)


def _not_the_other_side(extractor: Extractor, found: list[Found]) -> dict[int, str]:
    """'We are in close contact with our Kenyan counterparts', 'a discussion with the Laotian side': the
    countries a speaker calls the other party are not theirs; of the countries the article names
    more than once, the one left is."""
    named: Counter[str] = Counter(p.code for a in extractor.analysed for p in a.places)
    others: dict[int, set[str]] = {}
    for f in found:
        if f.entity.country is None:
            for sentence in extractor.sentences_over(f.paragraph, f.start, f.end):
                a = extractor.analysed[sentence.index]
                others.setdefault(id(f.entity), set()).update(_called_the_other_party(a, f.source))
    implied = {}
    for key, excluded in others.items():
        if not excluded:
            continue
        left = [code for code, n in named.items() if n > 1 and code not in excluded]
        if len(left) == 1:
            implied[key] = left[0]
    return implied


def _called_the_other_party(a: Analysed, source: tuple[int, int] | None) -> set[str]:
    """Countries a sentence names as the other party: 'the X side', 'our X counterparts', 'the X
    delegation', 'their X hosts'. A place inside the phrase that names the speaker is the speaker's
    own ('the Chinese delegation said' is Chinese), so it is not counted."""
    tokens = a.tokens
    out = set()
    for place in a.places:
        if source is not None and tokens[place.first].start >= source[0] and tokens[place.last].end <= source[1]:
            continue
        before = place.first - 1
        if before < 0 or tokens[before].low not in {"the", "our", "their", "his", "her"}:
            continue
        after = place.last + 1
        while after < len(tokens) and tokens[after].low in lx.TITLE_MODIFIERS:
            after += 1
        if after < len(tokens) and (tokens[after].low in lx.OTHER_PARTY_NOUNS or _role_word(tokens[after].low)):
            out.add(place.code)
    return out


def _role_word(low: str) -> bool:
    return low in lx.ROLE_NOUNS or low in lx.TITLE_WORDS or (low.endswith("s") and low[:-1] in lx.ROLE_NOUNS)


def _in_lead(extractor: Extractor, person: Entity) -> bool:
    return any(i >= 0 and extractor.analysed[i].sentence.paragraph in extractor.lead for i in person.seen)


def _faces(title: str | None) -> bool:
    words = (title or "").lower().split()
    return "counterpart" in words or (any(w in lx.ENVOY_WORDS for w in words) and "to" in words)


def _owned_by_countryless(extractor: Extractor, title: str) -> bool:
    """Whether a title is the office of a person of the article without a country ("Mokoena's
    spokesperson"): that person is one of the two sides, and so is the office."""
    for person in extractor.cast.people:
        if person.country is None and any(f"{word}'s" in title or f"{word}’s" in title for word in person.key[-1:]):
            return True
    return False


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
    found = final_statements(extractor.run())
    implied = _implied_countries(extractor, found)
    out = []
    for item in found:
        entity = item.entity
        content = article.body[item.start : item.end]
        topics = taxonomy.tag(content) or (("diplomacy",) if "diplomacy" in taxonomy.slugs else ())
        speaker = SpeakerInfo(
            name=entity.name,
            kind=entity.kind,
            title=entity.title if entity.title != "document" else None,
            country=entity.country,
            aliases=tuple(sorted(a for a in entity.aliases if a != entity.name)),
            implied_country=implied.get(id(entity)),
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
