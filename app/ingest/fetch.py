"""HTTP GET for pages and feeds (urllib3): time limits, a size limit, redirects, a User-Agent that
says who is asking, conditional requests, and errors that name the URL.

The body is decoded here rather than by urllib3, so that a gzip stream cut short is an error
instead of a silently shorter page, and the size limit applies to the decoded bytes.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, MaxRetryError, ProtocolError, ReadTimeoutError, TimeoutError

from app.config import Settings

MAX_REDIRECTS = 5
CHUNK = 1 << 16
# zlib's window bits: a gzip header and trailer (16 + 15), or a zlib stream (15).
WINDOW_BITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class FetchError(Exception):
    """A URL that gave no usable answer. ``transient`` failures (time-outs, lost connections,
    server errors) may succeed later; the others will not."""

    def __init__(self, url: str, reason: str, *, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 for a conditional request whose resource has not changed
    headers: Mapping[str, str]
    body: bytes

    @property
    def content_type(self) -> str | None:
        return self.headers.get("Content-Type")


def is_url(text: str) -> bool:
    return urlsplit(text).scheme in {"http", "https"}


class Fetcher:
    """GETs with the limits of the settings; one connection pool, reused."""

    def __init__(self, *, timeout_s: float, max_bytes: int, user_agent: str) -> None:
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        # sent with every request: urllib3 replaces, not merges, a pool's headers with a request's
        self.headers = {"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"}
        self.pool = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=timeout_s, read=timeout_s),
            retries=urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=MAX_REDIRECTS),
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Fetcher:
        return cls(
            timeout_s=settings.fetch_timeout_s, max_bytes=settings.fetch_max_bytes, user_agent=settings.user_agent
        )

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None, accept: str = "*/*"
    ) -> Response:
        """The decoded response to a GET of ``url``; raises :class:`FetchError` naming it."""
        if not is_url(url):
            raise FetchError(url, "not an http or https URL")
        headers = {**self.headers, "Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + 4 * self.timeout_s  # a server that drips bytes must end too
        try:
            response = self.pool.request("GET", url, headers=headers, preload_content=False, decode_content=False)
        except MaxRetryError as exc:
            raise FetchError(url, _describe(exc.reason), transient=not _redirects(exc)) from None
        except (HTTPError, OSError) as exc:
            raise FetchError(url, _describe(exc), transient=True) from None
        try:
            final = _final_url(url, response)
            if response.status == 304:
                return Response(final, 304, dict(response.headers), b"")
            if response.status >= 400:
                transient = response.status >= 500 or response.status == 429
                raise FetchError(final, f"HTTP {response.status} {response.reason or ''}".strip(), transient=transient)
            if response.status != 200:
                raise FetchError(final, f"HTTP {response.status}: expected 200")
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchError(final, f"larger than {self.max_bytes} bytes (Content-Length {declared})")
            body = self._body(response, final, deadline)
            return Response(final, 200, dict(response.headers), body)
        finally:
            response.release_conn()

    def _body(self, response: urllib3.BaseHTTPResponse, url: str, deadline: float) -> bytes:
        encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
        if encoding not in WINDOW_BITS and encoding != "identity":
            raise FetchError(url, f"unsupported Content-Encoding {encoding!r}")
        decoder = zlib.decompressobj(WINDOW_BITS[encoding]) if encoding != "identity" else None
        parts: list[bytes] = []
        size = 0
        try:
            for chunk in response.stream(CHUNK, decode_content=False):
                if decoder is not None:
                    chunk = decoder.decompress(chunk, self.max_bytes + 1 - size)
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(url, f"larger than {self.max_bytes} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(url, f"took longer than {4 * self.timeout_s:g} s to send", transient=True)
                parts.append(chunk)
        except zlib.error as exc:
            raise FetchError(url, f"the {encoding} body is corrupt: {exc}") from None
        except ReadTimeoutError:
            raise FetchError(url, f"timed out after {self.timeout_s:g} s without data", transient=True) from None
        except (ProtocolError, HTTPError, OSError) as exc:
            raise FetchError(url, f"connection lost while reading: {_describe(exc)}", transient=True) from None
        if decoder is not None and not decoder.eof:
            raise FetchError(url, f"truncated {encoding} body: the compressed stream ends early")
        return b"".join(parts)


def _final_url(url: str, response: urllib3.BaseHTTPResponse) -> str:
    """Where the redirects (if any) led."""
    history = response.retries.history if response.retries is not None else ()
    for step in history:
        if step.redirect_location:
            url = urljoin(url, step.redirect_location)
    return url


def _redirects(exc: MaxRetryError) -> bool:
    return "redirect" in str(exc.reason).lower()


def _describe(reason: BaseException | None) -> str:
    if isinstance(reason, TimeoutError | ReadTimeoutError):
        return "timed out"
    text = " ".join(str(reason).split())
    if "redirect" in text.lower():
        return f"more than {MAX_REDIRECTS} redirects"
    # urllib3 prefixes its own object's repr: keep what the system said
    return text.split(": ", 1)[-1] if ">: " in text else text or type(reason).__name__
