"""Which country a speaker speaks for, from what one article says of it, with where that came from.

In order: the extractor's country or the title's own words (a demonym, 'of India', "India's"):
``article``; then ``inference`` from the organisation the title or name gives ('Kremlin
spokesman'), from the person whose office it is ("Putin's spokesman", when that person is
known), and from an office that exists in a few countries only when the statement's countries
leave one ('Premier' in a statement about China and Australia), likewise from the form of a
person's name (a Chinese name in pinyin, in a statement about China and Russia), and last from
the side of the article's pair the extractor finds no other speaker for. What earlier articles said of the
same speaker is applied when the speaker is settled (``app.speakers.settle``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.speakers.naming import name_countries
from app.speakers.titles import Title

ARTICLE = "article"
INFERENCE = "inference"
CURATOR = "curator"
# Stronger sources replace weaker ones, never the reverse.
RANK = {None: 0, INFERENCE: 1, ARTICLE: 2, CURATOR: 3}


@dataclass(frozen=True, slots=True)
class Evidence:
    country: str | None = None
    source: str | None = None


NONE = Evidence()


def infer_country(
    *,
    stated: str | None,
    titles: Iterable[Title],
    statement_countries: Iterable[str],
    country_of_person: Callable[[str], str | None],
    person: str | None = None,
    implied: str | None = None,
) -> Evidence:
    """The best country one article gives for one speaker (``titles``: its title and, for an
    institution, its name read as a title; ``person``: the name of a person, whose form may say
    where it is at home)."""
    if stated:
        return Evidence(stated, ARTICLE)
    titles = list(titles)
    for title in titles:
        if title.countries:
            return Evidence(title.countries[0], ARTICLE)
    for title in titles:
        if title.organization_country:
            return Evidence(title.organization_country, INFERENCE)
    for title in titles:
        if title.possessor:
            owner = country_of_person(title.possessor)
            if owner:
                return Evidence(owner, INFERENCE)
    concerned = set(statement_countries)
    for places in [title.office_countries for title in titles] + [name_countries(person) if person else frozenset()]:
        left = places & concerned
        if len(left) == 1:
            return Evidence(next(iter(left)), INFERENCE)
    if implied:
        # the article's other side: its other speakers all speak for one of its two countries
        return Evidence(implied, INFERENCE)
    return NONE
