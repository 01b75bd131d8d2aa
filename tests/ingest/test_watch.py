"""Feeds watched from a local server: new items ingested once, restarts neither repeat nor miss
items, conditional GET, and a failing feed backed off while the others go on."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import cli
from app.ingest.fetch import Fetcher
from app.ingest.watch import PollReport, Watcher, backoff, read_feeds_file, run
from app.models import Document, Feed, FeedItem
from tests.web import PORT_DEAL, RAIL_TALKS, Reply, Site, feed, page

HOUR = dt.timedelta(hours=1)
THIRD = (
    "Valdorian Trade Minister Ines Morrow said on Friday that customs checks at the border would be "
    "halved by an electronic manifest shared by both administrations.",
    '"Trucks should not wait six hours for a stamp," Morrow said at the border crossing.',
    "Hauliers' associations on both sides have long asked for the change, and the pilot starts in May "
    "on the coastal road before it is extended to the mountain passes.",
)


def watcher(engine: Engine, timeout_s: float = 5.0) -> Watcher:
    fetcher = Fetcher(timeout_s=timeout_s, max_bytes=1_000_000, user_agent="DyadTest/1")
    return Watcher(engine, fetcher=fetcher, interval=HOUR)


def once(w: Watcher, *urls: str) -> list[PollReport]:
    return run(w, lambda: urls, once=True)


def documents(session: Session) -> int:
    session.expire_all()
    return int(session.scalar(select(func.count()).select_from(Document)) or 0)


def publish(site: Site, items: list[tuple[str, str, str]], etag: str) -> str:
    return site.put("/feed.xml", feed(items), content_type="application/rss+xml", ETag=etag)


def test_new_items_are_ingested_once_across_restarts(
    site: Site, engine: Engine, session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    site.put("/port", page("Ministers agree on port deal", PORT_DEAL, published=None))
    site.put("/rail", page("Night train to return", RAIL_TALKS, published="2024-04-02"))
    items = [("rail-1", site.url("/rail"), "Tue, 02 Apr 2024 08:00:00 GMT")]
    items.append(("port-1", site.url("/port"), "Thu, 14 Mar 2024 09:00:00 GMT"))
    url = publish(site, items, '"v1"')

    with caplog.at_level(logging.INFO, logger="dyad.watch"):
        [report] = once(watcher(engine), url)
    assert (report.new, report.outcomes, report.retry, report.error) == (2, 2, 0, None)
    assert documents(session) == 2
    # the page gave no date: the feed's is used; items are stored oldest first
    dates = session.scalars(select(Document.published_date).order_by(Document.id)).all()
    assert dates == [dt.date(2024, 3, 14), dt.date(2024, 4, 2)]
    lines = [r.getMessage() for r in caplog.records if r.name == "dyad.watch"]
    assert len(lines) == 2
    assert lines[0].startswith(f"ingested {site.url('/port')} (feed {url}): document")

    # a restart (a new watcher): the feed answers 304 to the ETag kept, nothing is fetched again
    [again] = once(watcher(engine), url)
    assert (again.not_modified, again.new) == (True, 0)
    assert site.asked("/feed.xml")[-1].headers["If-None-Match"] == '"v1"'
    assert len(site.asked("/port")) == 1

    # a new item later: only it is fetched
    site.put("/customs", page("Customs checks to be halved", THIRD))
    publish(site, [("customs-1", site.url("/customs"), "Fri, 05 Apr 2024 08:00:00 GMT"), *items], '"v2"')
    [third] = once(watcher(engine), url)
    assert (third.new, third.outcomes) == (1, 1)
    assert len(site.asked("/rail")) == 1
    assert documents(session) == 3


def test_an_item_that_failed_for_a_passing_reason_is_tried_again(site: Site, engine: Engine, session: Session) -> None:
    site.routes["/port"] = Reply(status=503)
    site.put("/gone", b"", content_type="text/html")
    del site.routes["/gone"]  # a 404: refused for good
    items = [("port-1", site.url("/port"), "Thu, 14 Mar 2024 09:00:00 GMT")]
    items.append(("gone-1", site.url("/gone"), "Thu, 14 Mar 2024 08:00:00 GMT"))
    url = publish(site, items, '"v1"')

    [first] = once(watcher(engine), url)
    assert (first.outcomes, first.retry) == (1, 1)
    assert session.scalars(select(FeedItem.item_key)).all() == ["gone-1"]
    assert session.scalar(select(Feed.etag)) is None  # kept only once every item is dealt with

    site.put("/port", page("Ministers agree on port deal", PORT_DEAL))
    [second] = once(watcher(engine), url)
    assert (second.not_modified, second.new, second.outcomes) == (False, 1, 1)
    assert documents(session) == 1
    assert len(site.asked("/gone")) == 1


def test_a_failing_feed_backs_off_and_the_others_go_on(site: Site, engine: Engine, session: Session) -> None:
    site.put("/rail", page("Night train to return", RAIL_TALKS))
    good = publish(site, [("rail-1", site.url("/rail"), "Tue, 02 Apr 2024 08:00:00 GMT")], '"v1"')
    not_xml = site.put("/broken.xml", b"this is not a feed at all", content_type="text/plain")
    hanging = site.url("/slow.xml")
    site.routes["/slow.xml"] = Reply(hang=True)

    reports = once(watcher(engine, timeout_s=0.3), not_xml, hanging, good)

    assert [(r.url, r.error) for r in reports] == [
        (not_xml, "not an RSS or Atom feed: syntax error at line 2, column 0"),
        (hanging, "timed out"),
        (good, None),
    ]
    assert documents(session) == 1
    state = {f.url: f for f in session.scalars(select(Feed))}
    waited = state[not_xml].next_poll_at - state[not_xml].polled_at  # type: ignore[operator]
    assert (state[not_xml].failures, waited) == (1, 2 * HOUR)
    # the loop (not --once) leaves a feed alone until its time has come
    assert watcher(engine).poll_due([not_xml, good]) == []


def test_backoff_doubles_up_to_a_day() -> None:
    assert [backoff(HOUR, n) / HOUR for n in (0, 1, 2, 3)] == [1, 2, 4, 8]
    assert backoff(HOUR, 30) == dt.timedelta(days=1)


def test_feeds_file_and_the_command(
    site: Site, use_database: Callable[[str], None], db_url: str, session: Session, tmp_path: Path
) -> None:
    use_database(db_url)
    site.put("/rail", page("Night train to return", RAIL_TALKS))
    url = publish(site, [("rail-1", site.url("/rail"), "Tue, 02 Apr 2024 08:00:00 GMT")], '"v1"')
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# the ledger\n{url}  # world news\n\n")
    assert read_feeds_file(feeds) == [url]

    result = CliRunner().invoke(cli, ["watch", "--once", "--feeds", str(feeds)])
    assert result.exit_code == 0, result.output
    assert "feeds 1: new items 1, to retry 0, failed feeds 0" in result.output
    assert documents(session) == 1

    feeds.write_text("ftp://ledger.example/feed\n")
    bad = CliRunner().invoke(cli, ["watch", "--once", "--feeds", str(feeds)])
    assert bad.exit_code == 2
    assert "line 1: not an http or https URL" in " ".join(bad.output.split())
