"""Properties of the reader and the extractor on generated text: random Unicode, repeated phrases
and quote soup. Whatever comes in, the reader answers an article or an ArticleFormatError, and
the extractor answers statements whose spans lie inside the body, never an exception.

Sizes stay small so the suite stays fast; ``tests/benchmarks/bench_adversarial.py`` measures how
extraction time grows on the same shapes at 10 to 100 KB.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.ingest.extract import Taxonomy, extract
from app.ingest.read import Article, ArticleFormatError, parse_json, parse_text, read_bytes
from app.taxonomy import load as load_taxonomy

TAXONOMY = Taxonomy.from_keywords({t["slug"]: t["keywords"] for t in load_taxonomy()})
# Derandomised, so that CI runs the same examples every time; no example database on disk.
PROPERTY = settings(
    max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)

PHRASES = [
    'President Zhou Minghua said, "We will cooperate." ',
    "Russian Foreign Minister Pavel Sokolov told reporters that talks would go on. ",
    '"a, ',
    "the minister said ",
    "According to the ministry, ",
    "Gregory Hale: ",
    "(as the spokesperson noted (in a briefing (on Monday))) ",
    "United Nations Secretary General Lars Eklund ",
]
QUOTES = [*list("\"“”„«»‘’'`"), ", ", " said ", ":", "\n\n", " ", "a", "Zhou", "."]

unicode_text = st.text(max_size=400)
repeated = st.lists(st.sampled_from(PHRASES), min_size=1, max_size=20).map("".join)
quote_soup = st.lists(st.sampled_from(QUOTES), min_size=1, max_size=150).map("".join)
bodies = st.one_of(unicode_text, repeated, quote_soup)


def check_spans(body: str) -> None:
    article = Article(title="Generated", published=dt.date(2024, 1, 1), body=body)
    for statement in extract(article, TAXONOMY):
        assert 0 <= statement.start < statement.end <= len(body), (statement.start, statement.end, len(body))
        assert body[statement.start : statement.end].strip(), "an empty statement"
        assert statement.speaker.name.strip()


@PROPERTY
@given(bodies)
def test_the_extractor_gives_valid_spans_on_any_body(body: str) -> None:
    if body.strip():
        check_spans(body)


@PROPERTY
@given(bodies, st.text(max_size=80))
def test_the_text_reader_gives_an_article_or_a_format_error(body: str, title: str) -> None:
    try:
        article = parse_text(f" date 2024-01-01 {title}\n\n{body}", origin="generated")
    except ArticleFormatError:
        return
    check_spans(article.body)


@PROPERTY
@given(st.text(max_size=300))
def test_the_text_reader_never_raises_anything_else(raw: str) -> None:
    with contextlib.suppress(ArticleFormatError):
        parse_text(raw, origin="generated")


@PROPERTY
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
        lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
        max_leaves=20,
    ),
    bodies,
)
def test_the_json_reader_gives_an_article_or_a_format_error(value: object, body: str) -> None:
    for document in (value, {"published": "2024-01-01", "body": body, "title": value}):
        with contextlib.suppress(ArticleFormatError):
            parse_json(json.dumps(document), origin="generated")


@PROPERTY
@given(st.binary(max_size=300))
def test_every_format_reads_any_bytes_into_articles_or_errors(data: bytes) -> None:
    for fmt in ("text", "json", "jsonl"):
        for item in read_bytes(data, fmt=fmt, origin="generated"):  # type: ignore[arg-type]
            assert isinstance(item, Article) or item.reason
