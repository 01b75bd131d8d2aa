"""A synthetic corpus for benchmarks, stored through the same code as real ingestion.

Thousands of speakers with skewed activity (a few speak very often, most rarely), every country,
twenty years of dates, statements of real length built from the phrases of diplomatic news, and
one to four countries and topics each. The same seed always gives the same corpus.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate

import pycountry
from countryinfo import all_countries
from sqlalchemy import Engine

from app.db import session_factory
from app.ingest.extract import EXTRACTOR_VERSION
from app.ingest.extract.model import ExtractedStatement, SpeakerInfo, SpeakerKind, StatementKind
from app.ingest.read import Article
from app.ingest.store import Catalog, add_document
from app.speakers.resolve import SpeakerResolver

SYLLABLES = (
    "an ba chen da el fa go ha in jo ka li ma na ol pe qi ra sa ta u va wen xi ya zo ber dor fen gar hal "
    "kim lor mir nov pol rus sen tor vik wal yan zhu ade bo ce di eko fu gi ho ivo ju ko lu mo nu".split()
)
TITLES = (
    "President",
    "Prime Minister",
    "Foreign Minister",
    "Defence Minister",
    "Trade Minister",
    "Foreign Ministry spokesperson",
    "Ambassador",
    "Vice President",
    "Chancellor",
    "Secretary of State",
    "National Security Adviser",
    "Deputy Foreign Minister",
)
SYNTHETIC_INSTITUTIONS = ("Foreign Ministry", "Ministry of Defence", "Presidential Office", "Embassy", "Cabinet Office")
OPENINGS = (
    "Relations between {a} and {b} have entered a new stage",
    "{a} is ready to work with {b} to deepen practical cooperation",
    "The two countries should respect each other's core interests",
    "{a} firmly opposes any interference in its internal affairs",
    "Trade between {a} and {b} grew strongly last year",
    "{a} will never accept unilateral sanctions imposed by {b}",
    "The security situation on the border with {b} remains tense",
    "{a} welcomes investment from {b} in infrastructure and energy",
    "Both sides agreed to expand exchanges in education, culture and tourism",
    "{a} supports a ceasefire and a political settlement of the crisis",
    "Climate change requires {a} and {b} to act together",
    "The partnership between {a} and {b} is based on mutual trust",
)
MIDDLES = (
    "and the talks were candid, constructive and productive",
    "while differences on maritime issues should be managed through dialogue",
    "as the two governments prepare a new agreement on supply chains and critical minerals",
    "because stability in the region serves the interests of both peoples",
    "and the next round of consultations will be held in the capital before the end of the year",
    "including cooperation on vaccines, public health and digital technology",
    "although the recent military exercises have raised concerns among neighbours",
    "and the United Nations must play a central role in global governance",
    "so that the railway and port projects can be completed on schedule",
    "with particular attention to human rights and the rule of law",
)
CLOSINGS = (
    "We will continue to support each other",
    "Dialogue is the only way forward",
    "This relationship matters for the whole world",
    "Our doors remain open",
    "Nobody benefits from confrontation",
    "The future of our peoples depends on it",
)
TOPICS = (
    "diplomacy",
    "trade_economy",
    "energy",
    "security_defense",
    "conflict_crisis",
    "culture_people",
    "multilateral",
    "science_technology",
    "health",
    "climate_environment",
    "infrastructure",
    "human_rights",
)
KINDS: tuple[StatementKind, ...] = ("indirect", "direct", "mixed")
LAST_DAY = dt.date(2026, 10, 31)
YEARS = 20


@dataclass(frozen=True)
class SyntheticSpeaker:
    info: SpeakerInfo
    weight: float


def _name(rng: random.Random) -> str:
    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    return f"{word()} {word()}"


def make_speakers(rng: random.Random, count: int, country_names: dict[str, str]) -> list[SyntheticSpeaker]:
    """``count`` speakers, the r-th most active speaking about 1/r^0.8 as often as the first."""
    speakers = []
    names: set[str] = set()
    countries = sorted(country_names)
    for rank in range(1, count + 1):
        country = rng.choice(countries)
        kind: SpeakerKind = "organization" if rng.random() < 0.08 else "person"
        if kind == "person":
            name = _name(rng)
            while name in names:
                name = _name(rng)
            title: str | None = rng.choice(TITLES)
        else:
            name = f"{country_names[country]} {rng.choice(SYNTHETIC_INSTITUTIONS)} {rank}"
            title = None
        names.add(name)
        speakers.append(SyntheticSpeaker(SpeakerInfo(name=name, kind=kind, title=title, country=country), rank**-0.8))
    return speakers


def _countries_by_population() -> list[str]:
    population: dict[str, int] = {}
    for info in all_countries():
        try:
            code, people = info.iso(2), int(info.population() or 0)
        except (KeyError, TypeError, ValueError):
            continue
        if code:
            population[code] = people
    return sorted((c.alpha_2 for c in pycountry.countries), key=lambda code: (-population.get(code, 0), code))


def _statement_text(rng: random.Random, a: str, b: str) -> str:
    text = rng.choice(OPENINGS).format(a=a, b=b)
    for _ in range(rng.randint(1, 3)):
        text += ", " + rng.choice(MIDDLES)
    if rng.random() < 0.5:
        text += ". " + rng.choice(CLOSINGS)
    return text


def synthetic_articles(
    *, statements: int, seed: int = 7, per_article: int = 20
) -> Iterator[tuple[Article, list[ExtractedStatement]]]:
    """Articles and their statements, ``statements`` in all, reproducible for a given seed."""
    rng = random.Random(seed)
    countries = _countries_by_population()
    names = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    speakers = make_speakers(rng, max(2000, statements // 250), names)
    cumulative = list(accumulate(s.weight for s in speakers))
    # A few dozen countries carry most of the news, the populous ones first.
    country_weights = list(accumulate(1 / (i + 1) ** 0.9 for i in range(len(countries))))
    made = 0
    number = 0
    while made < statements:
        number += 1
        published = LAST_DAY - dt.timedelta(days=rng.randrange(YEARS * 365))
        pair = rng.choices(countries, cum_weights=country_weights, k=2)
        paragraphs: list[str] = []
        items: list[ExtractedStatement] = []
        offset = 0
        for _ in range(min(per_article, statements - made)):
            speaker = rng.choices(speakers, cum_weights=cumulative)[0].info
            kind = rng.choices(KINDS, weights=(6, 3, 1))[0]
            text = _statement_text(rng, names[pair[0]], names[pair[1]])
            if kind == "direct":
                paragraph = f"\u201c{text},\u201d {speaker.name} said."
                start = offset + 1
            else:
                if kind == "mixed":
                    text = text.replace("the two", "\u201cthe two", 1).replace(" countries", " countries\u201d", 1)
                paragraph = f"{speaker.name} said that {text}."
                start = offset + len(speaker.name) + len(" said that ")
            end = start + len(text)
            # a third country now and then, from anywhere: every country shows up somewhere
            extra = rng.choices(countries, cum_weights=country_weights, k=rng.randint(0, 1))
            if rng.random() < 0.5:
                extra.append(rng.choice(countries))
            items.append(
                ExtractedStatement(
                    speaker=speaker,
                    start=start,
                    end=end,
                    kind=kind,
                    cue="said",
                    date=published - dt.timedelta(days=rng.choice((0, 0, 0, 1, 2))),
                    topics=tuple(rng.sample(TOPICS, k=rng.randint(1, 3))),
                    countries=tuple(dict.fromkeys([*pair, *extra])),
                )
            )
            paragraphs.append(paragraph)
            offset += len(paragraph) + 2
        body = "\n\n".join(paragraphs)
        title = f"Talks between {names[pair[0]]} and {names[pair[1]]} (synthetic #{number})"
        made += len(items)
        yield Article(title=title, published=published, body=body, origin=f"synthetic #{number}"), items


def fill(engine: Engine, *, statements: int, seed: int = 7, on_article: Callable[[int], None] | None = None) -> int:
    """Store a synthetic corpus of ``statements`` statements; returns how many were stored."""
    stored = 0
    with session_factory(engine)() as session:
        catalog = Catalog.load(session)
        speakers = SpeakerResolver(session)
        for article, items in synthetic_articles(statements=statements, seed=seed):
            add_document(
                session, article=article, items=items, speakers=speakers, catalog=catalog, version=EXTRACTOR_VERSION
            )
            session.commit()
            stored += len(items)
            if on_article is not None:
                on_article(len(items))
    return stored
