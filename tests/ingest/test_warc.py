"""Web archives: every HTML response record read as a page, the rest skipped and counted; a broken
or truncated record is an error naming the file and the record's offset, and the others are stored."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from app.ingest.pipeline import Outcome, ingest_paths
from app.ingest.read import Article, ArticleError, read_path
from app.models import Document
from tests.web import PORT_DEAL, RAIL_TALKS, Record, page, warc

FRENCH = page(
    "Accord sur le port",
    [
        "La ministre des affaires étrangères Amelia Tarkos a déclaré jeudi que les deux pays construiraient "
        "ensemble un nouveau port en eau profonde d'ici 2027, selon un communiqué publié à la mi-journée.",
        "« Ce port portera notre commerce pendant cinquante ans », a-t-elle dit aux journalistes.",
    ],
    footer=["Abonnez-vous à notre lettre d'information."],
)
RECORDS = [
    Record("https://ledger.example/port", page("Ministers agree on port deal", PORT_DEAL)),
    Record("https://ledger.example/logo.png", b"\x89PNG\r\n\x1a\n", content_type="image/png"),
    Record("https://ledger.example/gone", b"<html><body>Not found</body></html>", status="404 Not Found"),
    Record("https://ledger.example/fr/port", FRENCH),
    Record("https://ledger.example/", page("Front page", ["Latest", "Sport", "Weather"])),
    Record("https://ledger.example/rail", page("Night train to return", RAIL_TALKS, published="2024-04-02")),
]


def documents(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Document)) or 0)


@pytest.mark.parametrize("gzipped", [True, False])
def test_pages_of_an_archive_are_ingested_and_the_rest_counted(
    engine: Engine, session: Session, tmp_path: Path, gzipped: bool
) -> None:
    data, _offsets = warc(RECORDS, gzipped=gzipped)
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(data)

    summary = ingest_paths(engine, [path], workers=0)

    assert (summary.count("ingested"), summary.count("skipped"), summary.count("failed")) == (2, 4, 0)
    assert dict(summary.skipped) == {
        "not HTML": 1,
        "not a successful response": 1,
        "not English": 1,
        "no article text": 1,
    }
    urls = session.scalars(select(Document.source_url).order_by(Document.id)).all()
    assert urls == ["https://ledger.example/port", "https://ledger.example/rail"]
    assert "skipped 4 (" in summary.line()


def _break_header(data: bytes, offsets: list[int], index: int, gzipped: bool) -> bytes:
    start, end = offsets[index], offsets[index + 1]
    member = gzip.decompress(data[start:end]) if gzipped else data[start:end]
    broken = member.replace(b"WARC/1.", b"WXRC/1.", 1)
    return data[:start] + (gzip.compress(broken) if gzipped else broken) + data[end:]


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_record_with_a_broken_header_is_an_error_and_reading_goes_on(
    engine: Engine, session: Session, tmp_path: Path, gzipped: bool
) -> None:
    records = [RECORDS[0], Record("https://ledger.example/x", page("X", PORT_DEAL[:2])), RECORDS[5]]
    data, offsets = warc(records, gzipped=gzipped)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_break_header(data, offsets, 1, gzipped))

    failed: list[Outcome] = []
    summary = ingest_paths(engine, [path], on_outcome=lambda o: failed.append(o) if o.status == "failed" else None)

    assert summary.count("ingested") == 2
    assert [(o.origin, o.error) for o in failed] == [
        (f"{path}, record at byte {offsets[1]}", "broken WARC record: Invalid WARC record, first line: WXRC/1.0")
    ]
    assert documents(session) == 2


def test_a_truncated_archive_keeps_what_came_before_the_cut(engine: Engine, session: Session, tmp_path: Path) -> None:
    data, offsets = warc([RECORDS[0], RECORDS[5]])
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])

    items = list(read_path(path))

    assert isinstance(items[0], Article)
    assert isinstance(items[1], ArticleError)
    assert items[1].origin == f"{path}, record at byte {offsets[1]} (https://ledger.example/rail)"
    assert items[1].reason.startswith("truncated record:")
    assert items[1].skip is None
    summary = ingest_paths(engine, [path])
    assert (summary.count("ingested"), summary.count("failed")) == (1, 1)
    assert documents(session) == 1


def test_a_file_that_is_not_an_archive_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("these are my notes, not a web archive\n")
    items = list(read_path(path))
    assert len(items) == 1
    assert isinstance(items[0], ArticleError)
    assert items[0].origin == f"{path}, record at byte 0"
    assert items[0].reason.startswith("broken WARC record:")
