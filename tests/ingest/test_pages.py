"""Saved web pages become articles: main text, headline, date and canonical URL from the page;
pages that are not English articles are refused with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from app.ingest.pages import NO_TEXT, NOT_ENGLISH, NOT_HTML, parse_html, read_page
from app.ingest.read import Article, ArticleError, ArticleFormatError
from tests.web import PORT_DEAL, page


def test_a_page_gives_its_article() -> None:
    data = page("Ministers agree on port deal", PORT_DEAL, canonical="https://ledger.example/world/port-deal")
    article = parse_html(data, origin="port.html", url="https://mirror.example/port")

    assert article.title == "Ministers agree on port deal"
    assert article.published == dt.date(2024, 3, 14)
    assert article.source_url == "https://ledger.example/world/port-deal"
    assert article.body.split("\n\n") == list(PORT_DEAL)  # headline, navigation and footer left out
    assert article.origin == "port.html"


def test_without_a_canonical_url_the_page_url_is_kept_and_a_feed_date_fills_in() -> None:
    data = page("Ministers agree on port deal", PORT_DEAL, published=None)
    article = parse_html(data, origin="o", url="https://ledger.example/p/1", published=dt.date(2024, 2, 1))
    assert (article.source_url, article.published) == ("https://ledger.example/p/1", dt.date(2024, 2, 1))


@pytest.mark.parametrize(
    ("data", "skip", "reason"),
    [
        (page("Home", ["Latest news", "Weather"]), NO_TEXT, "no article text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", NOT_HTML, "not an HTML page"),
        (b'{"title": "a JSON document"}', NOT_HTML, "not an HTML page"),
        (
            page(
                "Accord sur le port",
                [
                    "La ministre des affaires étrangères Amelia Tarkos a déclaré jeudi que les deux pays "
                    "construiraient ensemble un nouveau port en eau profonde d'ici 2027.",
                    "« Ce port portera notre commerce pendant cinquante ans », a-t-elle dit aux journalistes "
                    "après les entretiens dans la capitale, ajoutant que le financement était assuré.",
                ],
                lang="fr",
                footer=["Abonnez-vous à notre lettre d'information du matin."],
            ),
            NOT_ENGLISH,
            "not English: the text reads as 'fr'",
        ),
    ],
)
def test_pages_that_are_not_english_articles_are_skipped_with_a_reason(data: bytes, skip: str, reason: str) -> None:
    result = read_page(data, origin="https://ledger.example/x")
    assert isinstance(result, ArticleError)
    assert result.origin == "https://ledger.example/x"
    assert result.skip == skip
    assert result.reason.startswith(reason)


def test_a_page_without_any_date_is_an_error_not_a_skip() -> None:
    with pytest.raises(ArticleFormatError) as raised:
        parse_html(page("Ministers agree on port deal", PORT_DEAL, published=None), origin="p.html")
    assert raised.value.error == ArticleError(
        "p.html", "no publication date in the page (no date metadata, none in its URL)"
    )


def test_a_page_in_another_encoding_is_read_as_it_declares() -> None:
    text = page("Ministers agree on port deal", [*PORT_DEAL, "Café owners near the quay welcomed the news."])
    data = text.decode().replace('charset="utf-8"', 'charset="iso-8859-1"').encode("iso-8859-1")
    result = read_page(data, origin="o")
    assert isinstance(result, Article)
    assert result.body.endswith("Café owners near the quay welcomed the news.")
