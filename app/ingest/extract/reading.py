"""One article as the extractor reads it: its text, the cast of its sources, and whom a phrase names.

``Reading`` holds what every stage shares (the parsed text, the analysed sentences, the cast,
the statements found so far); ``dating.py`` adds the date rules, ``formats.py`` the official
formats (transcripts, posts, speeches) and ``extractor.py`` the reading of each sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import pycountry

from app.ingest.extract import lexicon as lx
from app.ingest.extract.candidates import SentenceTrace
from app.ingest.extract.cues import find_cues
from app.ingest.extract.mentions import (
    Analysed,
    Cast,
    Entity,
    Mention,
    after_article,
    analyse,
    looks_like_place,
    named_before,
    names_in_institution,
    person_at_run,
    run_words,
)
from app.ingest.extract.model import StatementKind
from app.ingest.extract.places import country_of_token, gazetteer
from app.ingest.extract.text import Sentence, Text, tokenize
from app.ingest.extract.topics import Taxonomy
from app.ingest.extract.verbs import has_finite_verb
from app.ingest.read import Article
from app.names import fold, name_key

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


def country_name(code: str) -> str:
    """The name news English gives a country: 'China', 'Russia', 'United States'."""
    if code in COUNTRY_NAMES:
        return COUNTRY_NAMES[code]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return str(getattr(country, "common_name", None) or country.name)


DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z .'-]{2,40}?)(?P<rest>,[^:—–\-/]{0,40})?\s*"
    r"(?:(?:\([^)]*\)\s*)?(?::|—|–|--|-)|/[A-Za-z -]{2,30}/\.?)\s+"
)


def _has_lower(text: str) -> bool:
    return any(c.islower() for c in text)


# 'Lusaka, March 14 (ZNA) --', 'Pune [India], May 2 (NNA):': a place in title case (its country in
# brackets), a day and an agency
TITLED_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})(?: \[[A-Z][A-Za-z ]{1,40}\])?"
    r"(?P<rest>, [A-Z][a-z]+\.? \d{1,2}(?:,? \d{4})?)\s*\([^)]*\)\s*(?:--|—|–|-|:)\s+"
)


def dateline(paragraph: str) -> re.Match[str] | None:
    """'MOSCOW, May 9 (NXA) --' or 'ISLAMABAD:' opening a paragraph (not a speaker's label)."""
    titled = TITLED_DATELINE.match(paragraph)
    if titled is not None:
        return titled
    m = DATELINE.match(paragraph)
    if m is None:
        return None
    words = m.group("place").split()
    known = gazetteer().get(tuple(w.capitalize() for w in words)) is not None
    dash = not m.group(0).rstrip().endswith(":")
    # 'PRESIDENT HOLLOWAY:' opens a transcript paragraph; 'RIO DE JANEIRO —' or 'MOSCOW:' a dispatch
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
    at_meeting: bool = False  # 'in a statement after the meeting': made on the day of the meeting
    source: tuple[int, int] | None = None  # body offsets of the phrase that named the speaker
    head: Found | None = None  # the statement this one continues, whose date it shares


LABEL = re.compile(r"^\s*([A-Z][\w.'’\- ]{0,50}?(?:\s*\([\w .-]{1,30}\))?)\s*[:：]\s+(?=\S)")


def trim(body: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (body[start] in "“‘\"'«„" or body[start].isspace()):
        start += 1
    while end > start and (body[end - 1] in ".,;:!?”’\"'»" or body[end - 1].isspace()):
        end -= 1
    return start, end


class Reading:
    """The article, its cast of sources, and the resolution of a mention to one of them."""

    def __init__(self, article: Article, taxonomy: Taxonomy) -> None:
        self.article = article
        self.taxonomy = taxonomy
        self.body = article.body
        self.text = Text.parse(article.body)
        self.analysed = [analyse(s) for s in self.text.sentences]
        self.cast = Cast()
        self.dateline_country = self._dateline_country()
        self.transcript_day: dt.date | None = None
        self.found: list[Found] = []
        self.subject: Entity | None = None  # the person the last sentences were about
        self.issued: dict[str, Entity] = {}
        # speakers' headings ('ANA RUIZ, Minister …:') and the paragraphs of words under them
        self.headings: set[int] = set()
        self.under_headings: set[int] = set()
        self._sentence_starts: dict[int, list[int]] = {}  # 'statement' -> who issued the last statement named
        self.traces: list[SentenceTrace] = []

    def sentences_over(self, paragraph: int, start: int, end: int) -> list[Sentence]:
        """The sentences of a paragraph that overlap body offsets ``[start, end)``, found by bisection."""
        sentences = self.text.paragraphs[paragraph].sentences
        starts = self._sentence_starts.get(paragraph)
        if starts is None:
            starts = self._sentence_starts[paragraph] = [x.start for x in sentences]
        lo = max(bisect_right(starts, start) - 1, 0)
        return [x for x in sentences[lo : bisect_left(starts, end)] if x.end > start]

    @cached_property
    def standfirst(self) -> frozenset[int]:
        """Paragraphs of summary bullets opening the body ('– Moyo speaks about …'): like the
        headline, they announce what follows and are nobody's statement."""
        out = set()
        for paragraph in self.text.paragraphs:
            if self.body[paragraph.start : paragraph.start + 1] not in lx.BULLETS:
                break
            out.add(paragraph.index)
        return frozenset(out)

    @cached_property
    def lead(self) -> frozenset[int]:
        """The article's lead: its first two paragraphs after any summary bullets and a dateline
        standing alone ('ANKARA')."""
        first = len(self.standfirst)
        paragraphs = self.text.paragraphs
        while first < len(paragraphs) - 1:
            paragraph = paragraphs[first]
            if _has_lower(self.body[paragraph.start : paragraph.end]) and not self._header_line(first):
                break
            first += 1
        return frozenset({first, first + 1})

    def _header_line(self, paragraph: int) -> bool:
        """'Media release, Minister for Foreign Affairs, 10 April 2025': a short line without a verb
        above the text, which reports nothing."""
        sentences = [a for a in self.analysed[:4] if a.sentence.paragraph == paragraph]
        tokens = [t for a in sentences for t in a.tokens]
        if not sentences or len(tokens) > 20:
            return False
        return not any(has_finite_verb(list(a.tokens), 0, len(a.tokens) - 1) for a in sentences if a.tokens)

    @cached_property
    def pair(self) -> list[str]:
        """The article's two main countries: those its headline, its lead and its speakers name most.

        Read once the statements are found, since the speakers' countries count too ('Sviridov hosts
        Yalçın' names no country, but its speakers speak for Russia and Turkey)."""
        counts: Counter[str] = Counter()
        for place in self.headline.places:
            counts[place.code] += 3
        for a in self.analysed:
            weight = 2 if a.sentence.paragraph == min(self.lead) else 1
            for place in a.places:
                counts[place.code] += weight
        for found in self.found:
            if found.entity.country:
                counts[found.entity.country] += 1
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
                # 'Bondar:' opening a paragraph may be a section label ('Details:'), not a speaker
                label = after == ":" and run[0] == 0 and len(words) == 1
                subject = nxt in cue_starts or after in {"’s", "'s"} or (after == ":" and not label)
                honorific = _after_honorific(a, run[0])
                if len(words) == 1 and not (mention.title or subject or honorific):
                    continue
                person = self.cast.add_person(mention.text.split(), mention.title, mention.country, index)
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
            person = self.cast.role(
                mention.role or "", mention.country, at, self._last_person(at) or self.subject, mention.text
            )
            if person is None and _names_a_body(mention.text):
                # 'the Foreign Ministry spokesperson': an unnamed office that speaks for a named body
                person = self.cast.add_person(mention.text.split(), mention.text, mention.country, at)
            elif person is not None:
                # 'the Latvian President said' of someone named without a title: the role tells both
                person.country = person.country or mention.country
                if person.title is None and (mention.role or "") not in lx.VAGUE_ROLES:
                    person.title = mention.text
            return person
        if mention.kind in {"org", "document"}:
            issuer = self._issuer(mention) if mention.kind == "document" else None
            document = _document_name(mention.text).split() if mention.kind == "document" else []
            head = fold(document[-1]) if document else ""
            if issuer is not None:
                self.issued[head] = issuer
                return issuer  # 'the statement of NMC' speaks for the NMC named before
            if mention.kind == "document" and mention.definite and head in self.issued:
                return self.issued[head]  # 'the statement said', after 'a statement by the presidency'
            text = mention.text
            if mention.kind == "document":
                text = _document_name(text)
                author = self._author(mention, text)
                if author is not None:
                    return author
            if mention.kind == "document" and mention.definite:
                # 'the statement' is the statement named before; 'the readout' is not a communiqué
                head = fold(text.split()[-1]) if text else ""
                docs = [o for o in self.cast.institutions if o.title == "document" and head in o.key]
                if docs:
                    return docs[0]
            if mention.kind == "org" and text.isupper() and " " not in text:
                person = self._surnamed(text)
                if person is not None:
                    return person  # 'RUIZ said' after Ana Ruiz was named: her surname in capitals
            bare_head = mention.kind == "org" and mention.definite and text.lower() in lx.ORG_HEADS
            if bare_head and at >= 0 and not self.cast.knows_institution(text):
                # 'the agency said' after the text named the Atlantic Fisheries Agency
                offset = self.analysed[at].tokens[mention.first].start
                text = named_before(self.body, text.lower(), offset) or text
            org = self.cast.institution(text, mention.country, document=mention.kind == "document", at=at)
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

    def _author(self, mention: Mention, name: str) -> Entity | None:
        """Whose words a personal document carries: 'the message reads' after 'a message was sent'
        is the words of the person the article is about, not of a message."""
        words = name.split()
        if not mention.definite or len(words) != 1 or fold(words[0]) not in lx.PERSONAL_DOCUMENTS:
            return None
        return self.subject

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
        owned = any(w.endswith(("’s", "'s")) and w[:1].isupper() for w in rest)  # "Levi's office"
        # 'the Foreign Ministry', "Levi's office", 'the Ministry of Foreign Affairs and Trade'
        # 'a statement from the presidency', 'a statement by the Kenyan foreign ministry'
        definite = head in lx.ORG_HEADS and len(rest) <= 4 and rest[0].lower() == "the"
        named = (
            definite
            or (head in lx.ORG_HEADS and (rest[-1][:1].isupper() or owned))
            or (
                all(w[:1].isupper() or w in {"of", "and", "for", "the"} for w in rest)
                and any(w.lower() in lx.ORG_HEADS for w in rest)
            )
        )
        if named or (metonym is not None and metonym[1] == "metonym"):
            # 'a readout from the White House', 'a statement by the Foreign Ministry': the issuer speaks
            name = " ".join(w for w in rest if w.lower() != "the")
            country = metonym[0] if metonym else mention.country
            for word in rest if country is None else ():
                # 'by the Kenyan presidency'
                country = country or country_of_token(word.removesuffix("’s").removesuffix("'s"))
            return self.cast.institution(name, country, document=False, at=-1)
        return None

    def _surnamed(self, word: str) -> Entity | None:
        """The one person of the article whose last name is ``word`` (a word that is also a place)."""
        key = fold(word)
        people = self.cast.surnamed(key)
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

    @cached_property
    def headline(self) -> Analysed:
        """The headline, analysed like a sentence of the body (outside it: index -1)."""
        title = self.article.title
        return analyse(Sentence(0, len(title), title, -1, -1, tokenize(title)))

    @cached_property
    def host(self) -> Entity | None:
        """Who answers unnamed 'A:' turns: the person the headline presents with a title ('Spokesperson
        Guo Lan's Regular Press Conference'), else the first one the opening paragraph does ('a
        transcript of the briefing by spokesperson Zhao Min')."""
        people = self.headline_people
        if people:
            return people[0]
        for a in self.analysed:
            if a.sentence.paragraph > 0:
                break
            tokens = a.tokens
            for run in a.runs:
                if run[0] > 0 and tokens[run[0] - 1].low in lx.TITLE_WORDS:
                    return self.cast.person(run_words(tokens, run), a.sentence.index)
                after = tokens[run[1] + 2 : run[1] + 5]
                comma = tokens[run[1] + 1 : run[1] + 2]
                if run[0] == 0 and comma and comma[0].text == "," and any(t.low in lx.TITLE_WORDS for t in after):
                    # a header line 'Dana Reyes, Department Spokesperson'
                    line = self.body[comma[0].end : a.sentence.end].split("\n")[0]
                    title = " ".join(line.split()) or None
                    words = run_words(tokens, run)
                    at = a.sentence.index
                    return self.cast.person(words, at) or self.cast.add_person(words, title, None, at)
        return None

    @cached_property
    def headline_people(self) -> list[Entity]:
        """Everyone the headline names with a title ('Remarks by President A and Prime Minister B')."""
        title = self.article.title
        a = self.headline
        people = []
        for run in a.runs:
            if run[0] == 0 or a.tokens[run[0] - 1].low not in lx.TITLE_WORDS:
                continue
            mention = person_at_run(a, run, title)
            person = self.cast.add_person(run_words(a.tokens, run), mention.title, mention.country, -1)
            person.salient = True
            people.append(person)
        return people


def _document_name(text: str) -> str:
    """A document by its kind and, when they issued it, the countries it is from: 'joint statement
    by Egypt and Jordan'; not by when or by which office ('joint statement issued by the office
    after the meeting' -> 'joint statement'; an issuer that speaks is found before this)."""
    words = text.split()
    for k, word in enumerate(words):
        if fold(word) in lx.DOCUMENT_SOURCES or fold(word) in lx.NOUN_CUES:
            rest = words[k + 1 :]
            named = [w for w in rest if w[:1].isupper()]
            by_countries = bool(rest) and rest[0].lower() in {"by", "of", "from"} and bool(named)
            if by_countries and all(gazetteer().get((w.strip(","),)) for w in named):
                return text
            return " ".join(words[: k + 1])
    return text


def _names_a_body(role_text: str) -> bool:
    """'Foreign Ministry spokesperson', 'Kremlin spokesman': a role that names whom it speaks for
    ('the Somali premier' names a country's office, whose holder the article names elsewhere)."""
    words = role_text.split()
    table = gazetteer()
    return len(words) > 1 and any(
        w[:1].isupper() and (table.get((w,), ("", "name"))[1] == "metonym" or not table.get((w,))) for w in words[:-1]
    )


def _after_honorific(a: Analysed, start: int) -> bool:
    return start > 0 and (
        a.tokens[start - 1].low.rstrip(".") in lx.HONORIFICS
        or a.tokens[start - 1].low in lx.TITLE_WORDS
        or (a.tokens[start - 1].text == "." and start > 1 and a.tokens[start - 2].low in lx.HONORIFICS)
    )
