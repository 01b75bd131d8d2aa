"""Curators' corrections through the command line: kept as rules that outlive re-extraction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import cli
from app.ingest.pipeline import Ingestor, reextract_documents
from app.ingest.read import Article
from app.models import Speaker, SpeakerAlias, SpeakerRedirect, Statement
from tests.speakers.test_resolve import said, speaker, store

runner = CliRunner()


def dyad(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args))
    return result.exit_code, result.output


def ingest(session: Session, body: str, day: int) -> int:
    stored = Ingestor(session).ingest(Article(title=f"Day {day}", published=dt.date(2024, 5, day), body=body))
    return stored.document_id


def speaker_of(session: Session, document_id: int) -> set[int]:
    session.expire_all()
    return set(session.scalars(select(Statement.speaker_id).where(Statement.document_id == document_id)))


def test_a_merge_survives_reextraction_and_applies_later(
    use_database: Callable[[str], None], db_url: str, session: Session, engine: object
) -> None:
    use_database(db_url)
    first = ingest(session, "Kenyan President Samuel Kiprono said tea exports rose.", 1)
    second = ingest(session, "Kenyan President Sam Kiprono said coffee exports rose.", 2)
    [keep], [other] = speaker_of(session, first), speaker_of(session, second)
    assert keep != other

    assert dyad("speakers", "merge", str(keep), str(other)) == (0, f"merged {other} into {keep}\n")
    assert speaker_of(session, second) == {keep}
    assert session.get(SpeakerRedirect, other) is not None

    totals = reextract_documents(engine)  # type: ignore[arg-type]
    assert totals.failed == 0
    assert speaker_of(session, second) == {keep}
    third = ingest(session, "Sam Kiprono said tea prices would hold.", 3)
    assert speaker_of(session, third) == {keep}

    code, listed = dyad("speakers", "corrections")
    assert code == 0
    assert f"merge\tspeaker {keep} name 'sam kiprono'" in listed


def test_a_split_by_alias_holds_for_later_articles(
    use_database: Callable[[str], None], db_url: str, session: Session
) -> None:
    use_database(db_url)
    [minghua] = store(session, said("Zhou Minghua", title="Foreign Minister", country="CN"))
    [bare] = store(session, said("Zhou", title="foreign minister"))
    assert bare == minghua  # the curator knows better: this 'Zhou' is someone else

    code, output = dyad("speakers", "split", str(minghua), "--alias", "Zhou", "--name", "Zhou (unidentified)")
    assert code == 0, output
    new = int(output.split()[-1])
    assert speaker(session, new).name == "Zhou (unidentified)"
    assert session.scalars(select(Statement.speaker_id).where(Statement.speaker_name == "Zhou")).all() == [new]
    assert "zhou" not in session.scalars(select(SpeakerAlias.alias_key).where(SpeakerAlias.speaker_id == minghua)).all()
    [later] = store(session, said("Zhou", title="foreign minister"))
    assert later == new


def test_a_curators_country_is_never_overwritten(
    use_database: Callable[[str], None], db_url: str, session: Session
) -> None:
    use_database(db_url)
    [sid] = store(session, said("Anton Granger", country="AU"))
    assert dyad("speakers", "set", str(sid), "--country", "nz", "--name", "Sir Anton Granger") == (
        0,
        f"speaker {sid} updated\n",
    )
    store(session, said("Anton Granger", country="AU"), said("Sir Anton Granger", country="AU"))
    row = speaker(session, sid)
    assert (row.name, row.country_code, row.country_source) == ("Sir Anton Granger", "NZ", "curator")
    assert set(session.scalars(select(Statement.speaker_id))) == {sid}


def test_bad_corrections_are_refused_with_a_reason(
    use_database: Callable[[str], None], db_url: str, session: Session
) -> None:
    use_database(db_url)
    [sid] = store(session, said("Anton Granger"))
    [org] = store(session, said("Ministry of Trade", kind="organization"))
    for args, reason in [
        (("merge", str(sid), "999"), "no speaker with id 999"),
        (("merge", str(sid), str(org)), "is a organization"),
        (("set", str(sid), "--country", "XX"), "unknown country code 'XX'"),
        (("set", str(sid)), "nothing to set"),
        (("split", str(sid)), "--alias NAME, --document ID or both"),
        (("split", str(sid), "--alias", "Nobody"), "no statement under the name 'Nobody'"),
    ]:
        code, output = dyad("speakers", *args)
        assert code == 1
        assert reason in output
    assert session.scalar(select(Speaker.id).where(Speaker.id == org)) == org
    assert dyad("speakers", "corrections") == (0, "no corrections\n")


def test_a_kind_change_onto_a_taken_identity_is_refused(
    use_database: Callable[[str], None], db_url: str, session: Session
) -> None:
    use_database(db_url)
    [person] = store(session, said("Samuel Kiprono"))
    [org] = store(session, said("Harbour Board", kind="organization"))
    assert dyad("speakers", "set", str(org), "--name", "Samuel Kiprono")[0] == 0
    code, output = dyad("speakers", "set", str(org), "--kind", "person")
    assert code == 1
    assert f"speaker {person} is already the person 'Samuel Kiprono'" in output
