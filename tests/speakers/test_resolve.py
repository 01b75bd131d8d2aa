"""Resolution across articles on real databases: statements given by hand, as the extractor would,
resolved by ``SpeakerResolver`` alone and stored by the test factories (no ingestion pipeline)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ingest.extract.model import ExtractedStatement, SpeakerInfo
from app.models import Speaker, SpeakerOffice, Statement
from app.speakers.resolve import SpeakerResolver
from tests.api import factories as make

_serial = itertools.count(1)


def said(
    name: str,
    *,
    title: str | None = None,
    country: str | None = None,
    countries: Sequence[str] = (),
    kind: str = "person",
    aliases: Sequence[str] = (),
) -> tuple[SpeakerInfo, tuple[str, ...]]:
    info = SpeakerInfo(name, kind=kind, title=title, country=country, aliases=tuple(aliases))  # type: ignore[arg-type]
    return info, tuple(countries)


def store(session: Session, *speakers: tuple[SpeakerInfo, tuple[str, ...]], day: int = 1) -> list[int]:
    """One article in which each speaker says one thing; returns the statements' speaker ids."""
    n = next(_serial)
    parts = [f"Statement {n}.{i} was made." for i in range(len(speakers))]
    body = " ".join(parts)
    items = []
    for i, (info, countries) in enumerate(speakers):
        start = body.index(parts[i])
        items.append(
            ExtractedStatement(
                speaker=info,
                start=start,
                end=start + len(parts[i]) - 1,
                kind="indirect",
                cue="said",
                date=None,
                countries=countries,
            )
        )
    published = dt.date(2024, 1, day)
    document = make.document(session, title=f"Article {n}", body=body, published=published)
    resolver = SpeakerResolver(session)
    resolved = resolver.resolve_article(items, published=published, document_id=document.id)
    for item, who in zip(items, resolved, strict=True):
        make.statement(
            session,
            document=document,
            speaker=session.get_one(Speaker, who.speaker_id),
            text=body[item.start : item.end],
            countries=item.countries,
            speaker_title=who.title,
            said_of_speaker=(who.name, who.country, who.country_source),
        )
    resolver.finish_article()
    session.commit()
    speaker_ids = session.scalars(select(Statement.speaker_id).order_by(Statement.id.desc()).limit(len(items)))
    return list(reversed(list(speaker_ids)))


def speaker(session: Session, speaker_id: int) -> Speaker:
    session.expire_all()
    return session.get_one(Speaker, speaker_id)


def test_a_surname_joins_the_one_person_it_fits(session: Session) -> None:
    [full] = store(session, said("Anton Granger", title="Foreign Minister", country="NZ"))
    [bare] = store(session, said("Granger", title="foreign minister"))
    assert bare == full


def test_an_ambiguous_surname_is_never_merged(session: Session) -> None:
    [minghua] = store(session, said("Zhou Minghua", title="Foreign Minister", country="CN"))
    [wenbo] = store(session, said("Zhou Wenbo", title="Foreign Ministry spokesperson", country="CN"))
    [bare] = store(session, said("Zhou", country="CN"))
    assert bare not in (minghua, wenbo)
    assert speaker(session, bare).name == "Zhou"
    # an office that only one of them holds settles it
    [minister] = store(session, said("Zhou", title="Chinese foreign minister"))
    assert minister == minghua


def test_statements_of_a_surname_that_becomes_ambiguous_go_back_to_the_surname(session: Session) -> None:
    """Either order of arrival gives the same three speakers (see test_order below as well)."""
    [minghua] = store(session, said("Zhou Minghua", country="CN"))
    [bare] = store(session, said("Zhou", country="CN"))
    assert bare == minghua
    [wenbo] = store(session, said("Zhou Wenbo", country="CN"))
    bare_statements = session.scalars(select(Statement.speaker_id).where(Statement.speaker_name == "Zhou")).all()
    assert set(bare_statements) - {minghua, wenbo}
    assert speaker(session, bare_statements[0]).name == "Zhou"


def test_name_order_initials_and_spelling_join(session: Session) -> None:
    [first] = store(session, said("Zhao Mingwei", title="Ambassador", country="CN"))
    [reordered] = store(session, said("Mingwei Zhao", country="CN"))
    [a] = store(session, said("Olena Kovalskyy", country="UA"))
    [b] = store(session, said("Olena Kovalsky"))
    [c] = store(session, said("O. Kovalsky", country="UA"))
    assert reordered == first
    assert a == b == c


def test_a_misspelling_joins_only_when_office_and_country_agree(session: Session) -> None:
    [right] = store(session, said("Venkatesan Raghunathan", title="External Affairs Minister", country="IN"))
    [sure] = store(session, said("Venkatesan Raghunathen", title="Indian External Affairs Minister"))
    [unsure] = store(session, said("Venkatesam Raghunathan"))
    assert sure == right
    assert unsure != right


def test_the_family_name_first_is_the_surname_alias(session: Session) -> None:
    [full] = store(session, said("Xu Qingyun", title="Chinese Ambassador to India"))
    [by_family] = store(session, said("Xu"))
    [by_given] = store(session, said("Qingyun"))
    assert by_family == full
    assert by_given != full


def test_countries_of_different_people_keep_namesakes_apart(session: Session) -> None:
    [cn] = store(session, said("Ministry of Foreign Affairs", kind="organization", country="CN"))
    [ru] = store(session, said("Ministry of Foreign Affairs", kind="organization", country="RU"))
    [again] = store(session, said("Chinese Ministry of Foreign Affairs", kind="organization"))
    assert cn != ru
    assert speaker(session, again).country_code == "CN"


@pytest.mark.parametrize(
    ("info", "country", "source"),
    [
        (said("Maria Ostrova", title="Russia's foreign minister"), "RU", "article"),
        (said("Maria Ostrova", title="foreign minister", country="RU"), "RU", "article"),
        (said("Maria Ostrova", title="Kremlin spokeswoman"), "RU", "inference"),
        (said("Maria Ostrova", title="Vice Premier", countries=["CN", "AU"]), "CN", "inference"),
        (said("Maria Ostrova", title="Vice Premier", countries=["AU"]), None, None),
        (said("Zhao Mingwei", countries=["CN", "RU"]), "CN", "inference"),
        (said("Maria Ostrova", title="President"), None, None),
        ((SpeakerInfo("Maria Ostrova", implied_country="RU"), ()), "RU", "inference"),
        ((SpeakerInfo("Maria Ostrova", country="BY", implied_country="RU"), ()), "BY", "article"),
    ],
)
def test_country_and_its_source(
    session: Session, info: tuple[SpeakerInfo, tuple[str, ...]], country: str | None, source: str | None
) -> None:
    [sid] = store(session, info)
    row = speaker(session, sid)
    assert (row.country_code, row.country_source) == (country, source)


def test_a_known_persons_spokesman_speaks_for_his_country(session: Session) -> None:
    store(session, said("Pavel Orlov", title="President", country="RU"))
    [sid] = store(session, said("Ilya Sorokin", title="Orlov's spokesman"))
    assert speaker(session, sid).country_code == "RU"


def test_earlier_articles_give_the_country_and_the_majority_wins(session: Session) -> None:
    [sid] = store(session, said("Anton Granger", title="President", country="NZ"))
    store(session, said("Anton Granger"))
    assert speaker(session, sid).country_code == "NZ"
    store(session, said("Anton Granger", country="AU"))
    store(session, said("Anton Granger", country="NZ"))
    assert speaker(session, sid).country_code == "NZ"
    assert speaker(session, sid).country_source == "article"


def test_offices_over_time_with_the_raw_phrase(session: Session) -> None:
    [sid] = store(session, said("Anton Granger", title="Ruritania's foreign minister"), day=3)
    store(session, said("Anton Granger", title="Prime Minister"), day=20)
    store(session, said("Anton Granger", title="foreign minister"), day=1)
    session.expire_all()
    offices = session.execute(
        select(SpeakerOffice.office, SpeakerOffice.first_date, SpeakerOffice.last_date, SpeakerOffice.title)
        .where(SpeakerOffice.speaker_id == sid)
        .order_by(SpeakerOffice.first_date)
    ).all()
    assert [tuple(o) for o in offices] == [
        ("Foreign Minister", dt.date(2024, 1, 1), dt.date(2024, 1, 3), "Ruritania's foreign minister"),
        ("Prime Minister", dt.date(2024, 1, 20), dt.date(2024, 1, 20), "Prime Minister"),
    ]
    row = speaker(session, sid)
    assert (row.office, row.title) == ("Prime Minister", "Prime Minister")


def test_statements_keep_a_clean_title(session: Session) -> None:
    store(session, said("Anton Granger", title="and Russia’s president"), said("Maria Ostrova", title="counterpart"))
    titles = session.scalars(select(Statement.speaker_title).order_by(Statement.id)).all()
    assert titles == ["President", None]


ARTICLES = [
    [said("Zhou Minghua", title="Foreign Minister", country="CN", aliases=["Zhou"])],
    [said("Zhou", title="foreign minister")],
    [said("Zhou Wenbo", title="Foreign Ministry spokesperson", country="CN")],
    [said("Zhou", country="CN")],
    [said("Anton Granger", title="Prime Minister", country="NZ")],
    [said("Granger"), said("Olena Kovalsky", country="UA")],
    [said("Olena Kovalskyy")],
    [said("Mingwei Zhao", country="CN"), said("Zhao Mingwei", title="Ambassador")],
    [said("Venkatesan Raghunathen", title="Indian External Affairs Minister")],
    [said("Venkatesan Raghunathan", title="External Affairs Minister", country="IN")],
]


def grouping(session: Session) -> set[frozenset[str]]:
    """Statements grouped by speaker, each statement named by its article and speaker name."""
    groups: dict[int, set[str]] = {}
    rows = session.execute(select(Statement.speaker_id, Statement.speaker_name, Statement.speaker_title))
    for sid, name, title in rows:
        groups.setdefault(sid, set()).add(f"{name}/{title}")
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("order", ["forward", "backward", "shuffled"])
def test_order_of_ingestion_gives_the_same_speakers(session: Session, order: str) -> None:
    expected = {
        frozenset({"Zhou Minghua/Foreign Minister", "Zhou/Foreign minister"}),
        frozenset({"Zhou Wenbo/Foreign Ministry spokesperson"}),
        frozenset({"Zhou/None"}),
        frozenset({"Anton Granger/Prime Minister", "Granger/None"}),
        frozenset({"Olena Kovalsky/None", "Olena Kovalskyy/None"}),
        frozenset({"Mingwei Zhao/None", "Zhao Mingwei/Ambassador"}),
        frozenset(
            {"Venkatesan Raghunathen/External Affairs Minister", "Venkatesan Raghunathan/External Affairs Minister"}
        ),
    }
    articles = {
        "forward": ARTICLES,
        "backward": ARTICLES[::-1],
        "shuffled": ARTICLES[3::2] + ARTICLES[::2] + ARTICLES[1:3:2],
    }[order]
    for speakers in articles:
        store(session, *speakers)
    assert grouping(session) == expected
