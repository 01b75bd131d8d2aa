"""Syndicated copies: near-copies of a body are one story and their statements one group per
speaker and words; distinct stories that share boilerplate stay apart; grouping is incremental."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.ingest.groups import SIMILARITY, body_signature, similarity
from app.ingest.pipeline import Ingestor
from app.ingest.read import Article
from app.models import CountryPair, Document, Statement, StatementGroup, StatementPair
from tests.web import BOILERPLATE, PORT_DEAL, RAIL_TALKS

STORY = (
    *PORT_DEAL,
    "Kenyan President Samuel Kiprono said Kenya and Uganda would watch the project closely.",
    "Analysts in both capitals expect the first ships to call at the new quay within three years of "
    "the start of works, if the financing holds and the review raises no objection.",
    "The ministers also agreed to meet again in the autumn to review progress on the fisheries accord, "
    "which had been the main obstacle to closer ties between the two governments.",
)


def article(paragraphs: tuple[str, ...] | list[str], *, title: str, day: int, url: str) -> Article:
    return Article(
        title=title, published=dt.date(2024, 3, day), body="\n\n".join(paragraphs), source_url=url, origin=url
    )


ORIGINAL = article(STORY, title="Ministers agree on port deal", day=14, url="https://ledger.example/port")
NEAR_COPIES = {
    "headline": dataclasses.replace(ORIGINAL, title="Port deal sealed by Valdoria and Estmark", source_url="b"),
    "dropped paragraph": article(STORY[:-1], title="Port deal", day=15, url="https://c.example/port"),
    "punctuation": article(
        [p.replace('"', "'").replace(",", "").replace(".", " .") for p in STORY], title="Port", day=15, url="d"
    ),
}


def test_near_copies_are_above_the_threshold_and_distinct_stories_with_boilerplate_below() -> None:
    original = body_signature(ORIGINAL.body)
    for name, copy in NEAR_COPIES.items():
        assert similarity(original, body_signature(copy.body)) >= SIMILARITY, name
    with_footer = body_signature("\n\n".join([*STORY, *BOILERPLATE]))
    other = body_signature("\n\n".join([*RAIL_TALKS, *BOILERPLATE]))
    assert similarity(with_footer, other) < 0.2


def stories(session: Session) -> dict[str | None, int]:
    return dict(session.execute(select(Document.source_url, Document.story_id)).all())


def groups_of(session: Session) -> list[tuple[str, int, bool, int]]:
    """(source_url, group id, first, copies) of every statement by Samuel Kiprono."""
    rows = session.execute(
        select(Document.source_url, Statement.group_id, Statement.group_first, StatementGroup.statement_count)
        .join(Document, Document.id == Statement.document_id)
        .join(StatementGroup, StatementGroup.id == Statement.group_id)
        .where(Statement.text.contains("watch the project"))
        .order_by(Statement.id)
    )
    return [(str(url), gid, bool(first), n) for url, gid, first, n in rows]


def test_copies_form_one_story_and_their_statements_one_group(session: Session) -> None:
    ingestor = Ingestor(session)
    ingestor.ingest(ORIGINAL)
    for copy in NEAR_COPIES.values():
        ingestor.ingest(copy)
    footer = article([*RAIL_TALKS, *BOILERPLATE], title="Night train", day=16, url="https://ledger.example/rail")
    ingestor.ingest(footer)

    story = stories(session)
    assert {story[c.source_url] for c in NEAR_COPIES.values()} == {story[ORIGINAL.source_url]}
    assert story[footer.source_url] != story[ORIGINAL.source_url]
    rows = groups_of(session)
    assert len(rows) == 4
    assert {gid for _, gid, _, _ in rows} == {rows[0][1]}
    assert [first for _, _, first, _ in rows] == [True, False, False, False]
    assert {n for *_, n in rows} == {4}


def test_a_copy_published_earlier_but_stored_later_becomes_the_first(session: Session) -> None:
    ingestor = Ingestor(session)
    ingestor.ingest(NEAR_COPIES["dropped paragraph"])  # published on the 15th
    ingestor.ingest(ORIGINAL)  # on the 14th, stored a month later
    rows = groups_of(session)
    assert [(url, first, n) for url, _, first, n in rows] == [
        ("https://c.example/port", False, 2),
        ("https://ledger.example/port", True, 2),
    ]
    # the pair counts follow: every KE-UG statement twice in all, once distinct
    total, distinct_ke_ug = session.execute(
        select(CountryPair.statement_count, CountryPair.distinct_count).where(
            CountryPair.country_a == "KE", CountryPair.country_b == "UG"
        )
    ).one()
    assert total == 2 * distinct_ke_ug > 0
    distinct = session.scalar(
        select(func.count()).select_from(StatementPair).where(StatementPair.group_first.is_(True))
    )
    assert session.scalar(select(func.sum(CountryPair.distinct_count))) == distinct


def test_re_extraction_keeps_groups_and_counts(session: Session) -> None:
    ingestor = Ingestor(session)
    first = ingestor.ingest(ORIGINAL)
    ingestor.ingest(NEAR_COPIES["headline"])
    ingestor.reextract(session.get_one(Document, first.document_id))
    rows = groups_of(session)
    assert [(first_, n) for _, _, first_, n in rows] == [(True, 2), (False, 2)]
    counts = session.execute(select(StatementGroup.id, StatementGroup.statement_count)).all()
    actual = dict(session.execute(select(Statement.group_id, func.count()).group_by(Statement.group_id)).all())
    assert dict(counts) == actual
