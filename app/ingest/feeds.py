"""RSS and Atom feeds -> their items (feedparser): what identifies each, where its page is, and
the date the feed gives it (a fallback for pages that carry none)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import feedparser


class FeedError(ValueError):
    """A feed that cannot be read, with the feed named."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


@dataclass(frozen=True, slots=True)
class FeedEntry:
    key: str  # the item's guid, else its link: stable across polls
    url: str | None
    title: str
    published: dt.date | None


def parse_feed(data: bytes, *, origin: str) -> list[FeedEntry]:
    """The items of a feed document, in the feed's order; ``origin`` is the feed's URL.

    Given bytes, feedparser reads them and fetches nothing; relative links resolve against ``origin``.
    """
    parsed = feedparser.parse(data, response_headers={"content-location": origin})
    if not parsed.get("version"):
        raise FeedError(origin, f"not an RSS or Atom feed{_problem(parsed.get('bozo_exception'))}")
    items = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        key = entry.get("id") or link
        if not key:
            continue  # nothing to tell it from the others, nor a page to read
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        items.append(
            FeedEntry(key=str(key), url=link, title=" ".join(str(entry.get("title", "")).split()), published=published)
        )
    return items


def _problem(exc: object) -> str:
    """What the XML parser said, where it said it (its own object names left out)."""
    if exc is None:
        return ""
    line, column, message = (getattr(exc, name, None) for name in ("getLineNumber", "getColumnNumber", "getMessage"))
    if callable(line) and callable(column) and callable(message):
        return f": {message()} at line {line()}, column {column()}"
    return f": {' '.join(str(exc).split())}"
