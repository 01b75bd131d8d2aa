"""``dyad watch``: poll RSS and Atom feeds, fetch each new item's page and ingest it.

State lives in the database (``feed``, ``feed_item``), so a restarted watcher neither ingests an
item twice nor misses one:

- an item is recorded once it is dealt with: ingested, found stored already, or refused for good
  (a page that is not an article, an HTTP 404). An item whose page failed for a passing reason
  (a time-out, a server error) is left unrecorded and tried again at the next poll;
- the feed's validators (ETag, Last-Modified) are kept only after a poll that dealt with every
  new item, so a conditional GET answered 304 can never hide an item still to be fetched.

A feed that fails (unreachable, an HTTP error, not a feed) waits 2, 4, 8… polling intervals, at
most a day, before its next poll; the other feeds go on. One log line per item and per failure.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from app.db import session_factory
from app.ingest.feeds import FeedEntry, FeedError, parse_feed
from app.ingest.fetch import Fetcher, FetchError, is_url
from app.ingest.pages import is_html_type, read_page
from app.ingest.pipeline import Ingestor, Outcome
from app.ingest.read import ArticleError
from app.models import Feed
from app.models import FeedItem as SeenItem

log = logging.getLogger("dyad.watch")

MAX_BACKOFF = dt.timedelta(days=1)
FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
PAGE_TYPES = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"


def read_feeds_file(path: Path) -> list[str]:
    """Feed URLs of a file: one per line; blank lines and ``#`` comments are ignored."""
    urls = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        if not is_url(text):
            raise ValueError(f"{path}, line {number}: not an http or https URL: {text!r}")
        urls.append(text)
    return urls


def backoff(interval: dt.timedelta, failures: int) -> dt.timedelta:
    """How long a feed waits after ``failures`` failed polls in a row."""
    if failures <= 0:
        return interval
    return min(interval * (1 << min(failures, 20)), max(MAX_BACKOFF, interval))


@dataclass
class PollReport:
    """What one poll of one feed did."""

    url: str
    new: int = 0
    outcomes: int = 0
    retry: int = 0
    error: str | None = None
    not_modified: bool = False


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive timestamps; they were written in UTC.
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


class Watcher:
    """Polls feeds through one session; commits once per item and once per feed."""

    def __init__(self, engine: Engine, *, fetcher: Fetcher, interval: dt.timedelta) -> None:
        self.engine = engine
        self.fetcher = fetcher
        self.interval = interval

    def feed(self, session: Session, url: str) -> Feed:
        """The feed's stored state, created (and committed) on first sight."""
        feed = session.scalar(select(Feed).where(Feed.url == url))
        if feed is None:
            feed = Feed(url=url, failures=0)
            session.add(feed)
            session.commit()
        return feed

    def due(self, urls: Sequence[str]) -> dt.datetime | None:
        """When the earliest of ``urls`` is next due (None: one has never been polled)."""
        with session_factory(self.engine)() as session:
            known = dict(session.execute(select(Feed.url, Feed.next_poll_at).where(Feed.url.in_(urls))).all())
        moments = [_aware(known.get(url)) for url in urls]
        if any(moment is None for moment in moments):
            return None
        return min(m for m in moments if m is not None)

    def poll_due(self, urls: Sequence[str], *, every: bool = False) -> list[PollReport]:
        """Poll the feeds whose time has come (all of them with ``every``), each on its own."""
        reports = []
        with session_factory(self.engine)() as session:
            ingestor = Ingestor(session)
            for url in dict.fromkeys(urls):
                feed = self.feed(session, url)
                due = _aware(feed.next_poll_at)
                if every or due is None or due <= _now():
                    reports.append(self.poll(session, ingestor, feed))
        return reports

    def poll(self, session: Session, ingestor: Ingestor, feed: Feed) -> PollReport:
        """One poll of one feed: new items ingested, state saved; failures reported, never raised."""
        report = PollReport(feed.url)
        try:
            response = self.fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified, accept=FEED_TYPES)
            items = [] if response.status == 304 else parse_feed(response.body, origin=feed.url)
        except (FetchError, FeedError) as exc:
            reason = exc.reason
            feed.failures += 1
            feed.last_error = reason
            feed.polled_at = _now()
            feed.next_poll_at = feed.polled_at + backoff(self.interval, feed.failures)
            session.commit()
            wait = int((feed.next_poll_at - feed.polled_at).total_seconds())
            log.warning("feed %s: failed (%s); next poll in %d s", feed.url, reason, wait)
            report.error = reason
            return report
        report.not_modified = response.status == 304
        seen = set(session.scalars(select(SeenItem.item_key).where(SeenItem.feed_id == feed.id)).all())
        new = [item for item in {i.key: i for i in items}.values() if item.key not in seen]
        report.new = len(new)
        for item in reversed(new):  # feeds list the newest first: store in the order published
            if self._item(session, ingestor, feed, item):
                report.outcomes += 1
            else:
                report.retry += 1
        feed.failures = 0
        feed.last_error = None
        feed.polled_at = _now()
        feed.next_poll_at = feed.polled_at + self.interval
        if report.retry == 0 and response.status == 200:
            feed.etag = response.headers.get("ETag")
            feed.last_modified = response.headers.get("Last-Modified")
        session.commit()
        return report

    def _item(self, session: Session, ingestor: Ingestor, feed: Feed, item: FeedEntry) -> bool:
        """Deal with one new item; False when it must be tried again at the next poll."""
        origin = item.url or item.key
        if item.url is None or not is_url(item.url):
            outcome = Outcome("failed", origin, error="the item has no http or https link")
        else:
            try:
                response = self.fetcher.get(item.url, accept=PAGE_TYPES)
            except FetchError as exc:
                if exc.transient:
                    log.warning("item %s (feed %s): %s; trying again at the next poll", origin, feed.url, exc.reason)
                    return False
                outcome = Outcome("failed", origin, error=exc.reason)
            else:
                if is_html_type(response.content_type):
                    read = read_page(response.body, origin=origin, url=response.url, published=item.published)
                else:
                    read = ArticleError(origin, f"not a web page: Content-Type {response.content_type!r}")
                outcome = ingestor.ingest_outcome(read)
        session.execute(
            insert(SeenItem).values(
                feed_id=feed.id,
                item_key=item.key,
                url=item.url,
                status=outcome.status,
                document_id=outcome.document_id,
                error=outcome.error,
                seen_at=_now(),
            )
        )
        session.commit()
        _log(outcome, feed.url)
        return True


def _log(outcome: Outcome, feed_url: str) -> None:
    if outcome.status == "ingested":
        log.info(
            "ingested %s (feed %s): document %s, %d statements",
            outcome.origin,
            feed_url,
            outcome.document_id,
            outcome.statements,
        )
    elif outcome.status == "unchanged":
        log.info("unchanged %s (feed %s): stored already as document %s", outcome.origin, feed_url, outcome.document_id)
    elif outcome.status == "skipped":
        log.info("skipped %s (feed %s): %s", outcome.origin, feed_url, outcome.error)
    else:
        log.warning("failed %s (feed %s): %s", outcome.origin, feed_url, outcome.error)


def run(
    watcher: Watcher,
    feeds: Callable[[], Iterable[str]],
    *,
    once: bool,
    stop: threading.Event | None = None,
) -> list[PollReport]:
    """Poll ``feeds()`` (read again before each round, so a feeds file can change) until ``stop``
    is set; with ``once``, poll every feed once and return what each poll did."""
    stop = stop or threading.Event()
    while not stop.is_set():
        urls = list(feeds())
        if once:
            return watcher.poll_due(urls, every=True)
        if urls:
            watcher.poll_due(urls)
            due = watcher.due(urls)
            wait = watcher.interval.total_seconds() if due is None else (due - _now()).total_seconds()
        else:
            log.info("no feeds to watch; looking again in %d s", watcher.interval.total_seconds())
            wait = watcher.interval.total_seconds()
        stop.wait(max(1.0, wait))
    return []
