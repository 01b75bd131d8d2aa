"""Web pages -> :class:`Article`: the main text, title, publication date and canonical URL of a
news page, found by trafilatura; the language by CLD2 (pycld2, whose model is in the package).

A page is refused with a reason, never half-read: not HTML, no article text (a home page, a
gallery, an error page), not English, or no publication date. The first three are *skips*
(``ArticleError.skip``): a crawl is mostly such pages, and they are counted, not failed.
"""

from __future__ import annotations

import datetime as dt
import re

import pycld2
import trafilatura

from app.ingest.read import Article, ArticleError, ArticleFormatError, parse_date

# Less text than this is a teaser, a caption or an error page, not an article.
MIN_ARTICLE_CHARS = 200
LANGUAGE = "en"
# Media types a page may be served as; others (PDF, images, feeds) are not pages.
HTML_TYPES = ("text/html", "application/xhtml+xml")

NOT_HTML = "not HTML"
NO_TEXT = "no article text"
NOT_ENGLISH = "not English"

# What the first 4 KB of an HTML page hold somewhere: a doctype or one of the usual tags.
HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>/]", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_html_type(content_type: str | None) -> bool:
    """Whether a Content-Type header names an HTML page (no header: assume it may be)."""
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in HTML_TYPES


def parse_html(data: bytes, *, origin: str, url: str | None = None, published: dt.date | None = None) -> Article:
    """The article of one page. ``url`` is where it was found (used when the page names no
    canonical URL); ``published`` is a fallback date (a feed item's), used when the page gives none."""
    head = data[:4096]
    if b"\x00" in head or not HTML_START.search(head):
        shown = head[:40].decode("utf-8", "replace")
        raise ArticleFormatError(origin, f"not an HTML page: it starts with {shown!r}", skip=NOT_HTML)
    try:
        page = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False
        )
    except Exception as exc:  # lxml and trafilatura fail in many ways on broken markup
        raise ArticleFormatError(origin, f"cannot parse the page: {type(exc).__name__}: {exc}") from None
    text = getattr(page, "text", None) or ""
    title = " ".join((getattr(page, "title", None) or "").split())
    body = _paragraphs(text, title)
    if len(body) < MIN_ARTICLE_CHARS:
        raise ArticleFormatError(
            origin, f"no article text: {len(body)} characters of main text (at least {MIN_ARTICLE_CHARS})", skip=NO_TEXT
        )
    language = detect_language(body)
    if language not in (LANGUAGE, None):
        raise ArticleFormatError(origin, f"not English: the text reads as '{language}'", skip=NOT_ENGLISH)
    found = getattr(page, "date", None)
    if found:
        day = parse_date(found, origin=origin, field="date")
    elif published is not None:
        day = published
    else:
        raise ArticleFormatError(origin, "no publication date in the page (no date metadata, none in its URL)")
    source = getattr(page, "url", None) or url
    return Article(title=title, published=day, body=body, source_url=source or None, origin=origin)


def read_page(
    data: bytes, *, origin: str, url: str | None = None, published: dt.date | None = None
) -> Article | ArticleError:
    """:func:`parse_html`, with a refusal returned as the :class:`ArticleError` it carries."""
    try:
        return parse_html(data, origin=origin, url=url, published=published)
    except ArticleFormatError as exc:
        return exc.error


def _paragraphs(text: str, title: str) -> str:
    """The extracted text in the article format: paragraphs apart by blank lines, the headline
    (which pages repeat above the text) left out."""
    lines = [" ".join(CONTROL.sub(" ", line).split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    return "\n\n".join(lines)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when CLD2 cannot tell reliably."""
    try:
        reliable, _size, details = pycld2.detect(text)
    except pycld2.error:  # text CLD2 will not take: take the page as it is
        return None
    code = str(details[0][1]) if details else "un"
    return code if reliable and code != "un" else None
