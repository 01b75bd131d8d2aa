"""Article formats -> :class:`Article`.

Formats read here: the plain-text article format (a ``date`` line, a blank line, the body),
JSON (one object or a list of objects) and JSON Lines; saved web pages (``app/ingest/pages.py``)
and web archives (``app/ingest/warc.py``) are read by their own modules, chosen here by suffix.
Every problem is reported as an :class:`ArticleError` that names where it is (file, line, item,
record) and what is wrong; readers yield errors in place of the bad articles and go on with the
rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

Format = Literal["text", "json", "jsonl", "html", "warc"]

SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
    ".warc.gz": "warc",
}
DATE_LINE = re.compile(r"^\s*date\s+(?P<date>\S+)(?:[ \t]+(?P<title>.*))?$")
# Publication dates before this are typing errors, not news; after tomorrow (any time zone), too.
EARLIEST = dt.date(1900, 1, 1)
MAX_URL_LENGTH = 2000


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: the unit that is extracted and stored in one transaction."""

    title: str
    published: dt.date
    body: str
    source_url: str | None = None
    origin: str = ""

    @property
    def content_hash(self) -> str:
        """Identity of the content: the same title, date and body always hash the same."""
        digest = hashlib.sha256()
        for part in (self.title.strip(), self.published.isoformat(), self.body.strip()):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ArticleError:
    """Why one article (or one file) could not be read.

    ``skip`` is set when the input is simply not an article to store (a web page that is not
    English, or has no article text): ingestion counts it under that short reason instead of
    reporting a failure, as most pages of a web crawl are such pages.
    """

    origin: str
    reason: str
    skip: str | None = None

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class ArticleFormatError(ValueError):
    """Raised by the single-article parsers; carries the :class:`ArticleError`."""

    def __init__(self, origin: str, reason: str, *, skip: str | None = None) -> None:
        super().__init__(f"{origin}: {reason}")
        self.error = ArticleError(origin, reason, skip)


def parse_date(value: object, *, origin: str, field: str) -> dt.date:
    """An ISO 8601 date (a datetime is cut to its day)."""
    if not isinstance(value, str) or not value.strip():
        raise ArticleFormatError(origin, f"field '{field}' must be an ISO 8601 date, got {value!r}")
    text = value.strip()
    try:
        day = dt.datetime.fromisoformat(text).date() if len(text) > 10 else dt.date.fromisoformat(text)
    except ValueError as exc:
        raise ArticleFormatError(origin, f"invalid date {text[:40]!r} in '{field}': {exc}") from None
    latest = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    if not EARLIEST <= day <= latest:
        raise ArticleFormatError(
            origin, f"date {day.isoformat()} in '{field}' is outside {EARLIEST.isoformat()} to {latest.isoformat()}"
        )
    return day


def check_source_url(value: str, *, origin: str) -> str:
    """An absolute http or https URL with a host; anything else (``javascript:``, ``data:``) is refused."""
    url = value.strip()
    if len(url) > MAX_URL_LENGTH:
        raise ArticleFormatError(origin, f"field 'source_url' is longer than {MAX_URL_LENGTH} characters")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        raise ArticleFormatError(origin, "field 'source_url' contains whitespace or control characters")
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError as exc:
        raise ArticleFormatError(origin, f"field 'source_url' is not a URL: {exc}") from None
    if parts.scheme.lower() not in ("http", "https") or not hostname:
        raise ArticleFormatError(origin, f"field 'source_url' must be an http or https URL, got {url[:60]!r}")
    return url


def _check_body(body: str, origin: str) -> str:
    if not body.strip():
        raise ArticleFormatError(origin, "empty body: the article has no text after its headline")
    return body.rstrip()


def _storable(article: Article) -> Article:
    """Neither database stores NUL in text, nor a lone surrogate (which JSON's \\ud800 can carry):
    refuse them here, naming the field and offset, rather than fail on insert."""
    for field in ("title", "body", "source_url"):
        value = getattr(article, field)
        if not value:
            continue
        if "\x00" in value:
            raise ArticleFormatError(
                article.origin, f"'{field}' contains a NUL character at offset {value.index(chr(0))}"
            )
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ArticleFormatError(
                article.origin,
                f"'{field}' contains a lone surrogate (U+{ord(value[exc.start]):04X}) at offset {exc.start}",
            ) from None
    return article


def parse_text(text: str, *, origin: str = "<text>") -> Article:
    """Parse the plain-text article format; offsets later refer to the returned ``body``."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    head, _sep, body = text.partition("\n\n")
    first_line = head.split("\n", 1)[0]
    match = DATE_LINE.match(first_line)
    if not match:
        shown = first_line if len(first_line) <= 60 else first_line[:57] + "..."
        raise ArticleFormatError(
            f"{origin}, line 1", f"no date line: expected ' date YYYY-MM-DD <headline>', found {shown!r}"
        )
    published = parse_date(match["date"], origin=f"{origin}, line 1", field="date")
    title = " ".join(head.split("\n", 1)[0][match.start("title") :].split()) if match["title"] else ""
    return _storable(Article(title=title, published=published, body=_check_body(body, origin), origin=origin))


def parse_object(obj: object, *, origin: str) -> Article:
    """Parse one JSON article: ``{"title", "published", "body", "source_url"}``."""
    if not isinstance(obj, dict):
        raise ArticleFormatError(origin, f"expected a JSON object, got {type(obj).__name__}")
    for field in ("published", "body"):
        if field not in obj:
            raise ArticleFormatError(origin, f"missing field '{field}'")
    title = obj.get("title", "")
    if not isinstance(title, str):
        raise ArticleFormatError(origin, f"field 'title' must be a string, got {type(title).__name__}")
    body = obj["body"]
    if not isinstance(body, str):
        raise ArticleFormatError(origin, f"field 'body' must be a string, got {type(body).__name__}")
    source_url = obj.get("source_url")
    if source_url is not None and not isinstance(source_url, str):
        raise ArticleFormatError(origin, "field 'source_url' must be a string or null")
    if source_url:
        source_url = check_source_url(source_url, origin=origin)
    return _storable(
        Article(
            title=" ".join(title.split()),
            published=parse_date(obj["published"], origin=origin, field="published"),
            body=_check_body(body.replace("\r\n", "\n"), origin),
            source_url=source_url or None,
            origin=origin,
        )
    )


def parse_json(text: str, *, origin: str) -> Article:
    """One article given as a JSON object."""
    try:
        obj = load_json(text.lstrip("\ufeff"))
    except ValueError as exc:
        raise ArticleFormatError(origin, _json_error(exc)) from None
    return parse_object(obj, origin=origin)


def load_json(text: str) -> Any:
    """``json.loads``, with the inputs that make it raise something other than a decode error
    (nesting deeper than the interpreter's stack, an integer of thousands of digits) turned into
    a ``ValueError`` that says so."""
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("malformed JSON: nested too deeply") from None
    except json.JSONDecodeError:
        raise
    except ValueError:  # Python's limit on the digits of an int
        raise ValueError("malformed JSON: a number has more digits than are accepted (4300)") from None


def _json_error(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
    return str(exc)


def decode(data: bytes, *, origin: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleFormatError(
            origin, f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded"
        ) from None


def read_json(text: str, *, origin: str) -> Iterator[Article | ArticleError]:
    """One article object, or a list of them (each item reported on its own)."""
    try:
        doc: Any = load_json(text)
    except ValueError as exc:
        yield ArticleError(origin, _json_error(exc))
        return
    items = doc if isinstance(doc, list) else [doc]
    for index, item in enumerate(items):
        where = f"{origin}, item {index}" if isinstance(doc, list) else origin
        try:
            yield parse_object(item, origin=where)
        except ArticleFormatError as exc:
            yield exc.error


def read_jsonl(text: str, *, origin: str) -> Iterator[Article | ArticleError]:
    """One article object per line; blank lines are skipped."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}, line {number}"
        try:
            obj = load_json(line)
        except json.JSONDecodeError as exc:
            yield ArticleError(where, f"malformed JSON at column {exc.colno}: {exc.msg}")
            continue
        except ValueError as exc:
            yield ArticleError(where, str(exc))
            continue
        try:
            yield parse_object(obj, origin=where)
        except ArticleFormatError as exc:
            yield exc.error


def read_bytes(data: bytes, *, fmt: Literal["text", "json", "jsonl"], origin: str) -> Iterator[Article | ArticleError]:
    """Every article in ``data`` (or the error standing for it), in order."""
    try:
        text = decode(data, origin=origin)
    except ArticleFormatError as exc:
        yield exc.error
        return
    if fmt == "json":
        yield from read_json(text, origin=origin)
    elif fmt == "jsonl":
        yield from read_jsonl(text, origin=origin)
    else:
        try:
            yield parse_text(text, origin=origin)
        except ArticleFormatError as exc:
            yield exc.error


def format_of(path: Path) -> Format | None:
    name = path.name.lower()
    return SUFFIXES.get(".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower())


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | ArticleError]:
    """Files named directly, and the article files inside named folders (recursively, sorted)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if format_of(child) is not None:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield ArticleError(str(path), "no such file or folder")


def read_path(path: Path) -> Iterator[Article | ArticleError]:
    """The articles of one file; the format follows the suffix (anything else is read as text)."""
    fmt = format_of(path) or "text"
    if fmt == "warc":  # streamed record by record, never read whole
        from app.ingest.warc import read_warc

        yield from read_warc(path)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ArticleError(str(path), f"cannot read: {exc.strerror}")
        return
    if fmt == "html":
        from app.ingest.pages import read_page

        yield read_page(data, origin=str(path))
        return
    yield from read_bytes(data, fmt=fmt, origin=str(path))
