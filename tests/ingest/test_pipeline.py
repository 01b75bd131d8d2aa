"""Storing articles: one transaction each, idempotent, speakers shared across documents."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.ingest import links
from app.ingest.extract import extract
from app.ingest.extract.model import ExtractedStatement, SpeakerInfo, StatementKind
from app.ingest.integrity import check
from app.ingest.pipeline import Ingestor, Outcome, ingest_paths, reextract_documents
from app.ingest.read import Article, parse_text
from app.ingest.store import Catalog, StoredDocument, insert_statements
from app.models import (
    Base,
    CountryPair,
    Document,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementCountry,
    StatementPair,
    StatementTopic,
    split_links,
)
from app.speakers.resolve import SpeakerResolver


def count(session: Session, model: type) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)


def links_on_rows(session: Session) -> dict[int, tuple[list[str], list[str]]]:
    """Each statement's topic slugs and country codes as its own row holds them."""
    rows = session.execute(select(Statement.id, Statement.topic_slugs, Statement.country_codes))
    return {sid: (split_links(topics), split_links(codes)) for sid, topics, codes in rows}


def consistent(session: Session) -> bool:
    """Every invariant of the stored rows holds (what ``dyad db check`` checks)."""
    return check(session.connection()) == []


def article(body: str, *, title: str = "Talks", day: int = 4) -> Article:
    return Article(title=title, published=dt.date(2024, 6, day), body=body)


def test_seed_is_stored_with_exact_spans(session: Session, seed_path: Path) -> None:
    stored = Ingestor(session).ingest(parse_text(seed_path.read_text(encoding="utf-8")))
    assert stored.created
    assert stored.statements >= 12
    document = session.get_one(Document, stored.document_id)
    body = document.body
    rows = session.scalars(select(Statement).where(Statement.document_id == stored.document_id)).all()
    assert len(rows) == stored.statements
    for row in rows:
        assert row.text == body[row.span_start : row.span_end]
        assert row.extractor_version == document.extractor_version
        assert row.sort_date == (row.date or document.published_date)
    names = set(session.scalars(select(Speaker.name)).all())
    assert {"Xi Jinping", "Vladimir Putin", "Li Qiang", "Mikhail Mishustin"} <= names
    assert count(session, StatementTopic) >= len(rows)
    assert count(session, StatementCountry) >= len(rows)
    on_rows = links_on_rows(session)
    assert consistent(session)
    assert all(topics and codes for topics, codes in on_rows.values())


def test_same_content_twice_stores_nothing_new(session: Session, seed_path: Path) -> None:
    ingestor = Ingestor(session)
    first = ingestor.ingest(parse_text(seed_path.read_text(encoding="utf-8")))
    before = (count(session, Document), count(session, Statement), count(session, Speaker))
    again = ingestor.ingest(parse_text(seed_path.read_text(encoding="utf-8") + "\n\n"))
    assert not again.created
    assert again.document_id == first.document_id
    assert (count(session, Document), count(session, Statement), count(session, Speaker)) == before


def test_one_speaker_across_documents_and_surnames_join_full_names(session: Session) -> None:
    ingestor = Ingestor(session)
    ingestor.ingest(article("Whitaker said the talks were useful.", day=1))
    ingestor.ingest(article("US Secretary of State Paul Whitaker said the visit would go ahead.", day=2))
    ingestor.ingest(article("Paul Whitaker said the ministers agreed on a timetable.", day=3))
    speakers = session.scalars(select(Speaker).where(Speaker.name_key.like("%whitaker%"))).all()
    assert [(s.name, s.country_code) for s in speakers] == [("Paul Whitaker", "US")]
    aliases = session.scalars(select(SpeakerAlias.alias).where(SpeakerAlias.speaker_id == speakers[0].id)).all()
    assert "Whitaker" in aliases
    assert count(session, Statement) == 3


def test_people_who_share_a_surname_stay_apart(session: Session) -> None:
    ingestor = Ingestor(session)
    ingestor.ingest(article("Chinese Premier Zhou Minghua said trade would grow.", day=1))
    ingestor.ingest(article("Vice Foreign Minister Zhou Lan said the visa deal was ready.", day=2))
    names = sorted(session.scalars(select(Speaker.name)).all())
    assert names == ["Zhou Lan", "Zhou Minghua"]


def test_bad_articles_are_reported_and_the_others_stored(session: Session, engine: Engine, tmp_path: Path) -> None:
    good = {
        "title": "A",
        "published": "2024-06-01",
        "body": "Kenyan President Samuel Kiprono said tea exports rose.",
    }
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([json.dumps(good), "{oops", json.dumps({**good, "title": "B", "body": ""})]))
    (tmp_path / "bad.txt").write_text("no date line here\n\nbody")
    (tmp_path / "ok.txt").write_text(
        " date 2024-06-02 B\n\nOmani Foreign Minister Salim Alhinai said the port would open."
    )
    summary = ingest_paths(engine, [tmp_path])
    assert (summary.count("ingested"), summary.count("unchanged"), summary.count("failed")) == (2, 0, 3)
    reasons = sorted(f"{o.origin}: {o.error}" for o in summary.failures)
    assert reasons == [
        f"{tmp_path / 'bad.txt'}, line 1: no date line: "
        "expected ' date YYYY-MM-DD <headline>', found 'no date line here'",
        f"{feed}, line 2: malformed JSON at column 2: Expecting property name enclosed in double quotes",
        f"{feed}, line 3: empty body: the article has no text after its headline",
    ]
    assert count(session, Document) == 2
    again = ingest_paths(engine, [tmp_path])
    assert (again.count("ingested"), again.count("unchanged"), again.count("failed")) == (0, 2, 3)


def test_reextract_keeps_ids_of_unchanged_statements(session: Session, engine: Engine, seed_path: Path) -> None:
    stored = Ingestor(session).ingest(parse_text(seed_path.read_text(encoding="utf-8")))
    ids = set(session.scalars(select(Statement.id)).all())
    first = session.scalars(select(Statement).order_by(Statement.id)).first()
    assert first is not None
    before = links_on_rows(session)
    session.execute(StatementTopic.__table__.delete().where(StatementTopic.statement_id == first.id))
    stale = session.get_one(Document, stored.document_id)
    stale.extractor_version = "0"
    session.execute(Statement.__table__.update().values(extractor_version="0", topic_slugs="", country_codes=""))
    session.commit()
    totals = reextract_documents(engine)
    session.expire_all()
    assert (totals.documents, totals.kept, totals.added, totals.removed, totals.failed) == (
        1,
        len(ids),
        0,
        0,
        0,
    )
    assert set(session.scalars(select(Statement.id)).all()) == ids
    assert session.get_one(Document, stored.document_id).extractor_version != "0"
    assert set(session.scalars(select(Statement.extractor_version)).all()) == {stale.extractor_version}
    assert count(session, StatementTopic) >= len(ids)  # the deleted links are back
    assert links_on_rows(session) == before  # and the rows' copies
    assert consistent(session)


def test_country_pairs_follow_the_statements(session: Session, engine: Engine) -> None:
    body = (
        "Kenyan President Samuel Kiprono said Kenya, Uganda and Tanzania would build the railway together.\n\n"
        "Kiprono said Kenya was ready."
    )
    Ingestor(session).ingest(article(body))
    pairs = session.execute(
        select(StatementPair.country_a, StatementPair.country_b).order_by(
            StatementPair.country_a, StatementPair.country_b
        )
    ).all()
    assert [tuple(p) for p in pairs] == [("KE", "TZ"), ("KE", "UG"), ("TZ", "UG")]
    assert sorted(codes for _, codes in links_on_rows(session).values()) == [["KE"], ["KE", "TZ", "UG"]]
    reextract_documents(engine)
    assert count(session, StatementPair) == 3
    session.execute(Statement.__table__.delete())
    session.commit()
    assert count(session, StatementPair) == 0


def pair_counts(session: Session) -> dict[tuple[str, str], int]:
    """The relations counts, pairs at zero left out."""
    rows = session.execute(select(CountryPair.country_a, CountryPair.country_b, CountryPair.statement_count))
    return {(a, b): n for a, b, n in rows if n}


def pairs_in_index(session: Session) -> dict[tuple[str, str], int]:
    grouped = select(StatementPair.country_a, StatementPair.country_b, func.count()).group_by(
        StatementPair.country_a, StatementPair.country_b
    )
    return {(a, b): n for a, b, n in session.execute(grouped)}


def test_only_known_topics_and_countries_are_stored(session: Session) -> None:
    """What the catalog lacks is left out of the row's copies and the link tables alike."""
    body = "Kenyan President Samuel Kiprono said the talks went well."
    document = session.get_one(Document, Ingestor(session).ingest(article(body)).document_id)
    links.delete_statements(session, list(session.scalars(select(Statement.id))))
    said = ExtractedStatement(
        speaker=SpeakerInfo("Samuel Kiprono", country="KE"),
        start=body.index("the talks"),
        end=len(body) - 1,
        kind="indirect",
        cue="said",
        date=None,
        topics=("trade_economy", "no_such_topic", "diplomacy", "trade_economy"),
        countries=("UG", "XX", "KE"),
    )
    stored = StoredDocument(document.id, body, document.published_date, document.story_id)
    insert_statements(
        session,
        document=stored,
        items=[said],
        speakers=SpeakerResolver(session),
        catalog=Catalog.load(session),
        version="t",
    )
    assert list(links_on_rows(session).values()) == [(["diplomacy", "trade_economy"], ["KE", "UG"])]
    assert consistent(session)
    assert pairs_in_index(session) == {("KE", "UG"): 1}


def test_pair_counts_follow_every_write(session: Session, engine: Engine) -> None:
    ingestor = Ingestor(session)
    railway = ingestor.ingest(
        article("Kenyan President Samuel Kiprono said Kenya, Uganda and Tanzania would build the railway.", day=1)
    )
    ingestor.ingest(article("Ugandan President Joseph Okello said Uganda and Kenya would share the cost.", day=2))
    expected = {("KE", "TZ"): 1, ("KE", "UG"): 2, ("TZ", "UG"): 1}
    assert pair_counts(session) == expected == pairs_in_index(session)

    # links lost, then restored by a re-extraction (which deletes and inserts them again)
    session.execute(StatementPair.__table__.delete().where(StatementPair.country_a == "TZ"))
    assert pair_counts(session) == {("KE", "TZ"): 1, ("KE", "UG"): 2}
    session.execute(Document.__table__.update().values(extractor_version="0"))
    session.commit()
    reextract_documents(engine)
    session.expire_all()
    assert pair_counts(session) == expected

    # a document deleted: its statements and their pairs go by cascade, and so do their counts
    session.execute(Document.__table__.delete().where(Document.id == railway.document_id))
    session.commit()
    assert pair_counts(session) == {("KE", "UG"): 1} == pairs_in_index(session)


def test_extraction_in_worker_processes_stores_the_same(engine: Engine, session: Session, tmp_path: Path) -> None:
    records = [
        {
            "title": f"Talks {i}",
            "published": "2024-06-01",
            "body": f"Kenyan President Samuel Kiprono said tea exports rose {i}.",
        }
        for i in range(30)
    ]
    lines = [json.dumps(r) for r in records]
    lines.insert(7, "{broken")
    lines.append(lines[0])  # the same content twice in one run
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines))
    files: list[Path | str] = []
    outcomes: list[Outcome] = []
    summary = ingest_paths(engine, [feed], workers=2, on_file=files.append, on_outcome=outcomes.append)
    assert (summary.count("ingested"), summary.count("unchanged"), summary.count("failed")) == (30, 1, 1)
    assert [o.origin for o in outcomes][:9] == [f"{feed}, line {n}" for n in range(1, 10)]
    assert files == [feed]
    texts = session.scalars(select(Statement.text).order_by(Statement.document_id)).all()
    assert texts == [f"tea exports rose {i}" for i in range(30)]


def test_kosovo_is_stored_as_a_country(session: Session) -> None:
    stored = Ingestor(session).ingest(
        article("Prime Minister of Kosovo Arben Dushi said the bridge at Mitrovica would reopen.")
    )
    speaker = session.scalars(select(Speaker)).one()
    assert (speaker.name, speaker.country_code) == ("Arben Dushi", "XK")
    assert stored.statements == 1


def test_a_speaker_country_the_database_does_not_know_is_left_out(session: Session) -> None:
    item = ExtractedStatement(SpeakerInfo("Ana Torres", country="QQ"), 0, 5, "indirect", "said", None)
    stored = Ingestor(session).ingest(article("Trade will grow, Ana Torres said."), [item])
    assert stored.statements == 1
    assert session.scalars(select(Speaker.country_code)).one() is None


def test_a_store_step_that_fails_leaves_nothing_of_the_article(session: Session, engine: Engine) -> None:
    """The statement insert fails (a kind the CHECK constraint refuses) after the document, its
    similarity index, its speakers and its groups were written: all of it is rolled back."""
    ingestor = Ingestor(session)
    ingestor.ingest(article("Kenyan President William Ruto said tea exports rose.", day=1))
    before = row_counts(engine)
    new = article("Chinese Foreign Minister Wang Yi said China and Russia would deepen their ties.", day=2)
    items = extract(new, ingestor.taxonomy)
    assert [item.speaker.name for item in items] == ["Wang Yi"]
    broken = [dataclasses.replace(items[0], kind=cast(StatementKind, "rumour"))]
    with pytest.raises(IntegrityError, match="kind"):
        ingestor.ingest(new, broken)
    assert row_counts(engine) == before
    assert consistent(session)
    stored = ingestor.ingest(new)  # and the same article stores whole once nothing fails
    assert (stored.created, stored.statements) == (True, 1)
    assert consistent(session)


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows in every table, the search index included."""
    with engine.connect() as connection:
        counts = {
            table.name: int(connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in Base.metadata.sorted_tables
        }
        if engine.dialect.name == "sqlite":
            counts["statement_fts_docsize"] = int(
                connection.scalar(text("SELECT count(*) FROM statement_fts_docsize")) or 0
            )
    return counts
