"""Test material for web sources: article pages, feeds and WARC files with invented text, and a
local HTTP server (in this process, on a free port) that serves what a test puts in it."""

from __future__ import annotations

import gzip
import html
import io
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

BOILERPLATE = (
    "Subscribe to the Harbour Ledger newsletter for the morning briefing, sent every weekday before seven.",
    "The Harbour Ledger is an independent newsroom funded by its readers; all rights reserved.",
)


def page(
    title: str,
    paragraphs: Sequence[str],
    *,
    published: str | None = "2024-03-14",
    canonical: str | None = None,
    lang: str = "en",
    footer: Sequence[str] = BOILERPLATE,
) -> bytes:
    """An article page as a news site serves it: navigation, the article, a footer."""
    meta = f'<meta property="article:published_time" content="{published}T09:30:00Z">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    foot = "".join(f"<p>{html.escape(p)}</p>" for p in footer)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"{meta}{link}</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article><footer>{foot}</footer></body></html>"
    ).encode()


PORT_DEAL = (
    "Valdorian Foreign Minister Amelia Tarkos said on Thursday that the two countries would build a new "
    "deep-water port together by 2027.",
    '"This harbour will carry our trade for fifty years," Tarkos told reporters after the talks in the capital.',
    "Her counterpart, Minister Joren Velt of Estmark, said the agreement turned the page on ten years of strained "
    "ties between the neighbours over a fishing dispute.",
    "The port is to be financed by regional development banks and by a levy on container traffic, officials said, "
    "and construction will begin in the spring after the environmental review.",
    "Fishing crews on both coasts have asked for a share of the new berths, and the two ministries promised "
    "to meet their associations before the summer.",
)
RAIL_TALKS = (
    "Estmark Transport Minister Oskar Lind said on Monday that a night train would link the two capitals "
    "from next year.",
    '"Passengers deserve a sleeper again," Lind said at a press conference at the central station.',
    "Valdorian rail officials said that the carriages would be leased from a private operator at first, "
    "while the state company tenders for new rolling stock.",
    "The route was closed eleven years ago when the old bridge over the estuary was found unsafe; the new "
    "bridge opened last autumn after long delays.",
)


def feed(items: Sequence[tuple[str, str, str]], *, title: str = "Harbour Ledger: World") -> bytes:
    """An RSS 2.0 feed of (guid, link, RFC 822 date) items, newest first."""
    entries = "".join(
        f"<item><title>Item {guid}</title><guid isPermaLink='false'>{guid}</guid>"
        f"<link>{link}</link><pubDate>{date}</pubDate></item>"
        for guid, link, date in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>https://ledger.example/</link><description>News</description>{entries}</channel></rss>"
    ).encode()


@dataclass(frozen=True)
class Record:
    url: str
    body: bytes
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"


def warc(records: Sequence[Record], *, gzipped: bool = True) -> tuple[bytes, list[int]]:
    """A WARC file of response records (and a request record before the first), with each
    response record's byte offset."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    request = writer.create_warc_record(records[0].url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
    writer.write_record(request)
    offsets = []
    for record in records:
        offsets.append(out.tell())
        headers = StatusAndHeaders(record.status, [("Content-Type", record.content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(record.url, "response", payload=io.BytesIO(record.body), http_headers=headers)
        )
    return out.getvalue(), offsets


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    hang: bool = False  # hold the connection open without answering, until the server stops


@dataclass
class Served:
    method: str
    path: str
    headers: dict[str, str]


class Site:
    """What the local server answers, path by path, and what it was asked."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.routes: dict[str, Reply] = {}
        self.requests: list[Served] = []
        self.released = threading.Event()

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, body: bytes, *, content_type: str = "text/html; charset=utf-8", **headers: str) -> str:
        self.routes[path] = Reply(body, headers={"Content-Type": content_type, **headers})
        return self.url(path)

    def asked(self, path: str) -> list[Served]:
        return [r for r in self.requests if r.path == path]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append(Served("GET", self.path, dict(self.headers.items())))
            reply = site.routes.get(self.path)
            if reply is None:
                self.send_error(404)
                return
            if reply.hang:
                site.released.wait()
                return
            etag = reply.headers.get("ETag")
            if etag is not None and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            return

    return Handler


def serve() -> Iterator[Site]:
    """A running local server (for a fixture): stopped, and hung requests released, at the end."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Site("")))
    site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.released.set()
        server.shutdown()
        server.server_close()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
