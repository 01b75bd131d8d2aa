"""Pages fetched over HTTP, from a local server: the User-Agent, redirects, the limits, and an
error naming the URL for every way a fetch can fail."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from app.cli import cli
from app.ingest.fetch import Fetcher, FetchError
from app.ingest.pipeline import read_url
from app.ingest.read import Article, ArticleError
from app.models import Document
from tests.web import PORT_DEAL, Reply, Site, page

AGENT = "DyadTest/1 (tests@example.org)"


def fetcher(**limits: float) -> Fetcher:
    return Fetcher(
        timeout_s=limits.get("timeout_s", 5.0), max_bytes=int(limits.get("max_bytes", 100_000)), user_agent=AGENT
    )


def test_a_page_is_fetched_with_the_user_agent_and_through_redirects(site: Site) -> None:
    site.put("/world/port", page("Ministers agree on port deal", PORT_DEAL))
    site.routes["/p/1"] = Reply(status=301, headers={"Location": site.url("/world/port")})

    article = read_url(site.url("/p/1"), fetcher())

    assert isinstance(article, Article)
    assert article.source_url == site.url("/world/port")  # where the redirect led, as the page names none
    assert article.origin == site.url("/world/port")
    assert site.asked("/p/1")[0].headers["User-Agent"] == AGENT


def test_a_gzip_encoded_page_is_decoded(site: Site) -> None:
    site.put("/z", gzip.compress(page("Ministers agree on port deal", PORT_DEAL)), **{"Content-Encoding": "gzip"})
    assert isinstance(read_url(site.url("/z"), fetcher()), Article)


@pytest.mark.parametrize(
    ("setup", "reason", "transient"),
    [
        (lambda s: None, "HTTP 404 Not Found", False),
        (lambda s: s.routes.update({"/x": Reply(status=503)}), "HTTP 503 Service Unavailable", True),
        (lambda s: s.routes.update({"/x": Reply(hang=True)}), "timed out", True),
        (
            lambda s: s.put("/x", gzip.compress(page("T", PORT_DEAL))[:-40], **{"Content-Encoding": "gzip"}),
            "truncated gzip body: the compressed stream ends early",
            False,
        ),
        (
            lambda s: s.put("/x", b"<html>" + b"a" * 200_000 + b"</html>"),
            "larger than 100000 bytes (Content-Length 200013)",
            False,
        ),
        (
            lambda s: s.routes.update({"/x": Reply(status=302, headers={"Location": s.url("/x")})}),
            "more than 5 redirects",
            False,
        ),
    ],
)
def test_every_failed_fetch_names_the_url(
    site: Site, setup: Callable[[Site], object], reason: str, transient: bool
) -> None:
    setup(site)
    with pytest.raises(FetchError) as raised:
        fetcher(timeout_s=0.3).get(site.url("/x"))
    assert (raised.value.url, raised.value.reason, raised.value.transient) == (site.url("/x"), reason, transient)


def test_a_body_that_is_not_a_page_is_refused(site: Site) -> None:
    site.put("/feed.json", b'{"items": []}', content_type="application/json")
    assert read_url(site.url("/feed.json"), fetcher()) == ArticleError(
        site.url("/feed.json"), "not a web page: Content-Type 'application/json'"
    )


def test_dyad_ingest_takes_urls_beside_files(
    site: Site, use_database: Callable[[str], None], db_url: str, session: Session, tmp_path: Path
) -> None:
    use_database(db_url)
    site.put("/port", page("Ministers agree on port deal", PORT_DEAL, canonical="https://ledger.example/port"))
    saved = tmp_path / "saved.html"
    saved.write_bytes(page("Front page", ["Latest", "Weather"]))

    result = CliRunner().invoke(cli, ["ingest", "--quiet", site.url("/port"), site.url("/missing"), str(saved)])

    output = " ".join(result.output.split())
    assert result.exit_code == 1
    assert f"failed {site.url('/missing')}: HTTP 404 Not Found" in output
    assert "ingested 1" in output
    assert "skipped 1 (no article text 1), failed 1" in output
    assert session.scalars(select(Document.source_url)).all() == ["https://ledger.example/port"]
