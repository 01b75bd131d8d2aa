"""Web archives -> :class:`Article`: every HTML response record of a WARC file (warcio), read as
a page (``app/ingest/pages.py``). Records are streamed one at a time, so memory stays flat
whatever the size of the archive.

Records that are not pages are passed over: requests, metadata and other record types silently;
responses that are not a success or not HTML as skips with their reason. A record whose header
is broken, or whose content ends early (a truncated file), is an error naming the file, the
record's byte offset and what is wrong; reading goes on at the next record that can be found:
the next gzip member of a ``.warc.gz``, the next line starting ``WARC/1.`` of a plain WARC.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from app.ingest.pages import NOT_HTML, is_html_type, read_page
from app.ingest.read import Article, ArticleError

# A page larger than this is not a news article (and would cost memory out of proportion).
MAX_PAGE_BYTES = 5_000_000
NOT_OK = "not a successful response"
TOO_LARGE = "page too large"
GZIP_MAGIC = b"\x1f\x8b\x08"
PLAIN_MAGIC = b"\nWARC/1."
SCAN_CHUNK = 1 << 16


def read_warc(path: Path) -> Iterator[Article | ArticleError]:
    """The pages of a WARC file (gzipped or not), each an article or the error standing for it."""
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror}")
        return
    with raw:
        gzipped = raw.read(len(GZIP_MAGIC)) == GZIP_MAGIC
        position: int | None = 0
        while position is not None:
            raw.seek(position)
            records = ArchiveIterator(raw)
            try:
                for record in records:
                    if getattr(record, "format", "warc") != "warc":  # warcio falls back to the older ARC
                        raise ArchiveLoadFailed("not a WARC record: its first line is no 'WARC/1.x' version line")
                    yield from _page(record, origin=f"{path}, record at byte {records.offset}")
                return
            except (ArchiveLoadFailed, zlib.error, EOFError, ValueError) as exc:
                broken = records.offset
                yield ArticleError(f"{path}, record at byte {broken}", f"broken WARC record: {_reason(exc)}")
            position = _next_record(raw, broken + 1, gzipped)


def _reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _page(record: object, *, origin: str) -> Iterator[Article | ArticleError]:
    """The article of a response record, or why there is none (nothing for other record types)."""
    rec_type = getattr(record, "rec_type", None)
    if rec_type != "response":
        return
    headers = record.rec_headers  # type: ignore[attr-defined]
    url = headers.get_header("WARC-Target-URI")
    where = f"{origin} ({url})" if url else origin
    http = record.http_headers  # type: ignore[attr-defined]
    if http is None:
        return  # a response of another protocol (dns:, whois:) is not a page
    status = http.get_statuscode()
    if status != "200":
        yield ArticleError(where, f"HTTP status {status}", skip=NOT_OK)
        return
    content_type = http.get_header("Content-Type")
    if not is_html_type(content_type):
        yield ArticleError(where, f"Content-Type {content_type!r} is not a web page", skip=NOT_HTML)
        return
    content = record.content_stream().read(MAX_PAGE_BYTES + 1)  # type: ignore[attr-defined]
    if len(content) > MAX_PAGE_BYTES:
        yield ArticleError(where, f"larger than {MAX_PAGE_BYTES} bytes", skip=TOO_LARGE)
        return
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing > 0:  # the record's block ended before its Content-Length: a cut-off file
        yield ArticleError(where, f"truncated record: {missing} bytes of its content are missing")
        return
    yield read_page(content, origin=where, url=url)


def _next_record(raw: BinaryIO, start: int, gzipped: bool) -> int | None:
    """Where the next record seems to start at or after ``start``, or None at the end of the file."""
    marker = GZIP_MAGIC if gzipped else PLAIN_MAGIC
    skip = 0 if gzipped else 1  # a plain record starts after the newline the marker begins with
    raw.seek(max(0, start - skip))
    base = raw.tell()
    carry = b""
    while chunk := raw.read(SCAN_CHUNK):
        window = carry + chunk
        found = window.find(marker)
        if found >= 0:
            return base + found + skip
        carry = window[-(len(marker) - 1) :]
        base += len(window) - len(carry)
    return None
