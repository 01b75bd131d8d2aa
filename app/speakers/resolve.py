"""Who a speaker of an article is among the stored speakers: find, join or create its one record.

For each name an article gives, in this order: a curator's rule for the name; a stored speaker
with that name or alias; for a person named in full, a stored person whose name is the same
written differently (``naming.same_name``), then one whose name differs by a slip of the pen when
office and country agree; for a person named by one word, the one stored person whose short form
it is and whose office and country fit. Anything that fits two speakers joins neither. A country
on both sides must agree. A new person named in full takes over a record stored under its
surname alone, unless that surname fits another person too; and statements stored under a bare
surname that now fits two people are moved back to a record of the surname alone, so that the
order in which articles arrive does not change who is who.

Rows are written with upserts on the speaker's unique identity key, so concurrent writers that
meet the same new person create it once. Helpers flush, never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Select, Table, func, or_, select, update
from sqlalchemy.orm import Session

from app import dialect
from app.ingest.extract.model import ExtractedStatement, SpeakerInfo
from app.models import Speaker, SpeakerAlias, SpeakerCorrection, SpeakerOffice, Statement
from app.names import name_key
from app.speakers import settle
from app.speakers.inference import NONE, RANK, Evidence, infer_country
from app.speakers.naming import misspelt, same_name, short_forms, spelled, spelling, words_of
from app.speakers.titles import Title, parse_title

SPEAKER_TABLE = cast(Table, Speaker.__table__)
CORRECTION = cast(Table, SpeakerCorrection.__table__)
# the newest rule and how many there are: a rule added or removed changes one of them
RULES_VERSION = select(func.max(CORRECTION.c.id), func.count())
ALL_RULES = (
    select(CORRECTION.c.name_key, CORRECTION.c.speaker_id, CORRECTION.c.document_id)
    .where(CORRECTION.c.name_key.is_not(None), CORRECTION.c.action.in_(("merge", "split", "set")))
    .order_by(CORRECTION.c.id)
)
ALIAS = cast(Table, SpeakerAlias.__table__)


@dataclass
class ArticleSpeaker:
    """One speaker as one article presents it: every statement the extractor gave that name."""

    info: SpeakerInfo
    key: str
    title: Title
    name_title: Title | None  # an institution's name read as a title ('Chinese Foreign Ministry')
    countries: set[str] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None
    aliases: list[str] = field(default_factory=list)
    evidence: Evidence = NONE

    @property
    def office(self) -> str | None:
        return self.title.office

    @property
    def bare(self) -> bool:
        return self.info.kind == "person" and len(words_of(self.info.name)) == 1


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a statement row keeps of its speaker."""

    speaker_id: int
    name: str
    title: str | None
    country: str | None
    country_source: str | None


@dataclass
class StoredCandidate:
    id: int
    name: str
    kind: str
    country: str | None
    offices: frozenset[str]


def identity_key(kind: str, key: str, suffix: str | None = None) -> str:
    return f"{kind}:{key}" + (f"#{suffix}" if suffix else "")


@dataclass
class SpeakerResolver:
    """Finds or creates the one speaker record of each name an article gives (see module docstring)."""

    session: Session
    # what the article being stored says of each of its speakers, for ``finish_article``
    _evidence_of: dict[int, Evidence] = field(default_factory=dict)
    _with_office: set[int] = field(default_factory=set)
    _new_people: list[tuple[int, ArticleSpeaker]] = field(default_factory=list)
    _resettle: set[int] = field(default_factory=set)
    # what this resolver wrote or found, so that a bulk run does not write it again (see forget)
    _known: dict[tuple[str, str, str | None, str | None], int] = field(default_factory=dict)
    _alias_keys: set[tuple[int, str]] = field(default_factory=set)
    _office_spans: dict[tuple[int, str], tuple[dt.date, dt.date]] = field(default_factory=dict)
    _applied: dict[int, Evidence] = field(default_factory=dict)
    _rule_rows: list[tuple[str, int, int | None]] | None = None
    _rule_version: tuple[int | None, int] | None = None

    def forget(self) -> None:
        """Drop what was read (after a rollback it may describe rows that no longer exist)."""
        self._evidence_of, self._with_office, self._new_people, self._resettle = {}, set(), [], set()
        self._known, self._alias_keys, self._office_spans, self._applied = {}, set(), {}, {}
        self._rule_rows = None

    # -- an article ------------------------------------------------------------------------------

    def resolve_article(
        self, items: Sequence[ExtractedStatement], *, published: dt.date, document_id: int | None = None
    ) -> list[Resolved]:
        """The speaker of each statement of one article, in order; speakers are created as needed."""
        mentions: dict[tuple[str, str], ArticleSpeaker] = {}
        for item in items:
            info = item.speaker
            key = name_key(info.name) or info.name.lower()
            mention = mentions.get((info.kind, key))
            if mention is None:
                name_title = parse_title(info.name) if info.kind == "organization" else None
                mention = ArticleSpeaker(info, key, parse_title(info.title) if info.title else Title(""), name_title)
                mentions[(info.kind, key)] = mention
            elif info.title and mention.title.office is None:
                mention.title = parse_title(info.title)
            day = item.date or published
            mention.first = min(mention.first or day, day)
            mention.last = max(mention.last or day, day)
            mention.countries.update(item.countries)
            mention.aliases += [a for a in (info.name, *info.aliases) if a not in mention.aliases]
        rules = self._rules({m.key for m in mentions.values()}, document_id)
        ids: dict[tuple[str, str], int] = {}
        for where, mention in mentions.items():
            mention.evidence = self._evidence(mention)
            ids[where] = rules.get(mention.key) or self._resolve_known(mention)
        for where, mention in sorted(mentions.items(), key=lambda pair: ids[pair[0]]):  # lock order
            sid = ids[where]
            office_grew = self._record(sid, mention)
            known = self._evidence_of.get(sid, NONE)
            if RANK[mention.evidence.source] > RANK[known.source]:
                self._evidence_of[sid] = mention.evidence
            else:
                self._evidence_of.setdefault(sid, known)
            if office_grew:
                self._with_office.add(sid)
        forms = {
            (form, word)
            for _sid, m in self._new_people
            for form in short_forms(m.info.name, m.evidence.country)
            for word in [next((w for w in m.key.split() if spelling(w) == form), form)]
        }
        self._new_people = []
        for form, word in sorted(forms):
            self._replace_bare(form, word, keep=set(ids.values()))
        out: list[Resolved] = []
        for item in items:
            info = item.speaker
            mention = mentions[(info.kind, name_key(info.name) or info.name.lower())]
            out.append(
                Resolved(
                    speaker_id=ids[(info.kind, mention.key)],
                    name=info.name[:300],
                    title=mention.title.title[:300] if mention.title.title else None,
                    country=mention.evidence.country,
                    country_source=mention.evidence.source,
                )
            )
        return out

    def finish_article(self) -> None:
        """Settle the speakers of the article just resolved, once its statements are stored."""
        # evidence this resolver already applied to a speaker changes nothing the second time
        fresh = {sid: found for sid, found in self._evidence_of.items() if self._applied.get(sid) != found}
        settle.settle_article(self.session, fresh, self._with_office)
        self._applied.update(fresh)
        if self._resettle:
            alive = set(self.session.scalars(select(Speaker.id).where(Speaker.id.in_(self._resettle))))
            settle.settle_speakers(self.session, self._resettle & alive)
            self._applied.clear()
        self._evidence_of, self._with_office, self._resettle = {}, set(), set()

    # -- evidence --------------------------------------------------------------------------------

    def _evidence(self, mention: ArticleSpeaker) -> Evidence:
        titles = [mention.title, *([mention.name_title] if mention.name_title else [])]
        return infer_country(
            stated=mention.info.country,
            titles=titles,
            statement_countries=mention.countries,
            country_of_person=self._country_of_person,
            person=mention.info.name if mention.info.kind == "person" else None,
            implied=mention.info.implied_country,
        )

    def _country_of_person(self, name: str) -> str | None:
        key = name_key(name)
        found = {c.country for c in self._exact("person", key) if c.country}
        if not found and len(key.split()) == 1:
            found = {
                c.country
                for c in self._people_like([key])
                if c.country and spelling(key) in short_forms(c.name, c.country)
            }
        return found.pop() if len(found) == 1 else None

    # -- matching --------------------------------------------------------------------------------

    def _rules(self, keys: set[str], document_id: int | None) -> dict[str, int]:
        """Curators' rules for these names: a rule for this document beats one for every document.

        Rules are few and change rarely: they are read again only when one was added or removed."""
        newest = tuple(self.session.connection().execute(RULES_VERSION).one())
        if self._rule_rows is None or newest != self._rule_version:
            self._rule_rows = [tuple(row) for row in self.session.connection().execute(ALL_RULES)]
            self._rule_version = newest
        found: dict[str, int] = {}
        for key, sid, doc in self._rule_rows:  # oldest first: a later rule for a name wins
            if key in keys and doc is None:
                found[key] = sid
        for key, sid, doc in self._rule_rows:
            if key in keys and doc is not None and doc == document_id:
                found[key] = sid
        return found

    def _candidates(self, query: Select[int, str, str, str | None]) -> list[StoredCandidate]:
        rows = self.session.execute(query).all()
        if not rows:
            return []
        offices: dict[int, set[str]] = {row[0]: set() for row in rows}
        for sid, office in self.session.execute(
            select(SpeakerOffice.speaker_id, SpeakerOffice.office).where(SpeakerOffice.speaker_id.in_(offices))
        ):
            offices[sid].add(office)
        return [StoredCandidate(sid, name, kind, country, frozenset(offices[sid])) for sid, name, kind, country in rows]

    def _exact(self, kind: str, key: str) -> list[StoredCandidate]:
        aliased = select(SpeakerAlias.speaker_id).where(SpeakerAlias.alias_key == key)
        return self._candidates(
            select(Speaker.id, Speaker.name, Speaker.kind, Speaker.country_code)
            .where(Speaker.kind == kind, (Speaker.name_key == key) | Speaker.id.in_(aliased))
            .order_by(Speaker.id)
        )

    def _people_like(self, words: Sequence[str]) -> list[StoredCandidate]:
        """The persons whose name holds the first letters of one of ``words``: every name that any
        rule of ``naming`` could take for one of these shares such a stem with it."""
        stems = {word[:4] for word in words if word}
        if not stems:
            return []
        return self._candidates(
            select(Speaker.id, Speaker.name, Speaker.kind, Speaker.country_code)
            .where(Speaker.kind == "person", or_(*(Speaker.name_key.contains(stem, autoescape=True) for stem in stems)))
            .order_by(Speaker.id)
        )

    @staticmethod
    def _country_fits(candidate: StoredCandidate, mention: ArticleSpeaker) -> bool:
        country = mention.evidence.country
        return country is None or candidate.country is None or candidate.country == country

    @staticmethod
    def _office_fits(candidate: StoredCandidate, mention: ArticleSpeaker) -> bool:
        return mention.office is None or not candidate.offices or mention.office in candidate.offices

    def _agree(self, candidate: StoredCandidate, mention: ArticleSpeaker) -> bool:
        """Office and country both known and equal: the evidence a misspelt name needs."""
        return (
            mention.office is not None
            and mention.office in candidate.offices
            and mention.evidence.country is not None
            and candidate.country == mention.evidence.country
        )

    def _resolve_known(self, mention: ArticleSpeaker) -> int:
        """``_resolve``, remembered for names given in full: a bulk run meets the same people in
        article after article. A bare surname is resolved each time, as new people may share it."""
        if mention.bare:
            return self._resolve(mention)
        signature = (mention.info.kind, mention.key, mention.evidence.country, mention.office)
        known = self._known.get(signature)
        if known is None:
            known = self._known[signature] = self._resolve(mention)
        return known

    def _resolve(self, mention: ArticleSpeaker) -> int:
        kind = mention.info.kind
        fits = [c for c in self._exact(kind, mention.key) if self._country_fits(c, mention)]
        if mention.bare:
            return self._surname(mention, fits)
        if fits:
            return self._pick(fits, mention).id
        if kind == "person":
            people = [c for c in self._people_like(mention.key.split()) if self._country_fits(c, mention)]
            name = mention.info.name
            found = [c for c in people if same_name(c.name, name)]
            if not found:
                found = [c for c in people if misspelt(c.name, name) and self._agree(c, mention)]
            if len(found) == 1:
                return found[0].id
        created = self._create(mention)
        if kind == "person":
            self._new_people.append((created, mention))
        return created

    def _pick(self, fits: list[StoredCandidate], mention: ArticleSpeaker) -> StoredCandidate:
        """Among speakers of one name, the one whose country and office agree best (then the oldest)."""
        country = mention.evidence.country
        return min(fits, key=lambda c: (c.country != country, not self._office_fits(c, mention), c.id))

    def _surname(self, mention: ArticleSpeaker, named: list[StoredCandidate]) -> int:
        """A person named by one word: the one person it fits, else a record of that word alone."""
        word = spelling(mention.key)
        full = {
            c.id: c
            for c in self._people_like([mention.key])
            if len(words_of(c.name)) > 1
            and word in short_forms(c.name, c.country)
            and self._country_fits(c, mention)
            and self._office_fits(c, mention)
        }
        full.update({c.id: c for c in named if len(words_of(c.name)) > 1 and self._office_fits(c, mention)})
        if len(full) == 1:
            return next(iter(full))
        bare = [c for c in named if len(words_of(c.name)) == 1]
        if len(full) > 1:
            # several people go by this word: joining one would be a guess
            bare = [c for c in self._exact("person", mention.key) if len(words_of(c.name)) == 1]
        return bare[0].id if bare else self._create(mention)

    # -- writing ---------------------------------------------------------------------------------

    def _create(self, mention: ArticleSpeaker) -> int:
        """The speaker of this identity, inserted unless a concurrent writer just did (an upsert)."""
        info, country = mention.info, mention.evidence.country
        for suffix in (None, country or "unplaced", f"{country or 'unplaced'}-{mention.key}"):
            identity = identity_key(info.kind, mention.key, suffix)
            values = {
                "name": info.name[:300],
                "name_key": mention.key[:300],
                "identity_key": identity,
                "kind": info.kind,
                "country_code": country,
                "country_source": mention.evidence.source if country else None,
            }
            stmt = (
                dialect.of(self.session)
                .upsert(SPEAKER_TABLE)
                .values(values)
                .on_conflict_do_nothing(index_elements=["identity_key"])
            )
            inserted = self.session.execute(stmt.returning(SPEAKER_TABLE.c.id)).scalar()
            if inserted is not None:
                return int(inserted)
            existing = self._candidates(
                select(Speaker.id, Speaker.name, Speaker.kind, Speaker.country_code).where(
                    Speaker.identity_key == identity
                )
            )
            if existing and self._country_fits(existing[0], mention):
                return existing[0].id
        raise RuntimeError(f"no identity left for speaker {info.name!r}")

    def _replace_bare(self, form: str, word: str, *, keep: set[int]) -> None:
        """Place again every stored statement given under the bare surname ``form``: with the one
        person named in full it fits (short form, office, country), else with a record of the bare
        name. Run after a person with that short form appears, so arrival order does not matter."""
        from app.speakers.curation import merge_speakers

        everyone = self._people_like([word])
        people = [c for c in everyone if len(words_of(c.name)) > 1 and form in short_forms(c.name, c.country)]
        records = [c for c in everyone if len(words_of(c.name)) == 1 and spelling(words_of(c.name)[0]) == form]
        # a bare surname's statements sit on a record of it, or on a person it was taken for, which
        # then has it as an alias: without either there is nothing to place again
        one_word = self.session.scalars(
            select(SpeakerAlias.alias_key).where(
                SpeakerAlias.speaker_id.in_([c.id for c in people]), SpeakerAlias.alias_key.not_like("% %")
            )
        ).all()
        if not records and not any(spelling(key) == form for key in one_word):
            return
        rows = self.session.execute(
            select(
                Statement.id,
                Statement.speaker_id,
                Statement.speaker_name,
                Statement.speaker_title,
                Statement.speaker_country,
            ).where(Statement.speaker_id.in_([c.id for c in people + records]))
        ).all()
        bare = [
            (statement_id, current, written, title, country)
            for statement_id, current, written, title, country in rows
            if written is not None and spelled(words_of(written)) == (form,)
        ]
        ruled = set(self._rules({name_key(row[2]) for row in bare}, None))
        by_key = {name_key(c.name): c.id for c in records}
        moves: dict[int, list[int]] = {}
        for statement_id, current, written, title, country in bare:
            key = name_key(written)
            if key in ruled:
                continue
            office = parse_title(title).office if title else None
            fits = [
                p
                for p in people
                if (country is None or p.country is None or p.country == country)
                and (office is None or not p.offices or office in p.offices)
            ]
            if len(fits) == 1:
                target = fits[0].id
            else:
                if key not in by_key:
                    by_key[key] = self._create(ArticleSpeaker(SpeakerInfo(written), key, Title(""), None))
                target = by_key[key]
            if target != current:
                moves.setdefault(target, []).append(statement_id)
        if not moves:
            return
        self._known.clear()  # records may be merged away below
        for target, statement_ids in sorted(moves.items()):
            self.session.execute(update(Statement).where(Statement.id.in_(statement_ids)).values(speaker_id=target))
        left = set(
            self.session.scalars(select(Statement.speaker_id).where(Statement.speaker_id.in_([c.id for c in records])))
        )
        # settled once the article's own statements are stored (finish_article)
        self._resettle.update(moves, (c.id for c in people), (c.id for c in records if c.id in left))
        for record in records:
            if record.id in left or record.id in keep:  # ``keep``: this article's speakers
                continue
            went = {target for target in moves if target != record.id}
            if len(went) == 1:
                merge_speakers(self.session, target=went.pop(), others=[record.id], rule=False, settle=False)

    def _record(self, speaker_id: int, mention: ArticleSpeaker) -> bool:
        """The article's names as aliases and its office over its dates (upserts, in key order);
        whether the office's dates grew."""
        keys: dict[str, str] = {}
        for alias in mention.aliases:
            key = name_key(alias)
            if key and key not in keys and (speaker_id, key) not in self._alias_keys:
                keys[key] = alias[:300]
        if keys:
            self._alias_keys.update((speaker_id, key) for key in keys)
            rows = [{"speaker_id": speaker_id, "alias": alias, "alias_key": key} for key, alias in sorted(keys.items())]
            self.session.execute(
                dialect.of(self.session)
                .upsert(ALIAS)
                .values(rows)
                .on_conflict_do_nothing(index_elements=["speaker_id", "alias_key"])
            )
        title = mention.title
        if not (title.office and mention.first and mention.last):
            return False
        span = self._office_spans.get((speaker_id, title.office))
        if span is not None and span[0] <= mention.first and mention.last <= span[1]:
            return False  # nothing new: the dates are inside what was recorded
        self._office_spans[(speaker_id, title.office)] = (
            min(mention.first, span[0]) if span else mention.first,
            max(mention.last, span[1]) if span else mention.last,
        )
        settle.record_office(
            self.session,
            speaker_id=speaker_id,
            office=title.office,
            title=title.raw[:300],
            organization=title.organization,
            first=mention.first,
            last=mention.last,
        )
        return True
