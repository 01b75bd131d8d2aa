"""Who is named in an article: names with their titles and countries, and the noun phrases that
refer to a source (a name, a pronoun, a role such as 'the Chinese president', an institution).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Literal

from app.ingest.extract import lexicon as lx
from app.ingest.extract.places import Place, find_places, gazetteer
from app.ingest.extract.text import Sentence, Token
from app.ingest.extract.verbs import has_finite_verb
from app.names import fold

MentionKind = Literal["person", "pronoun", "role", "org", "document", "country", "vague", "joint"]
# Words that end an apposition's reach to the left: a clause boundary or a verb of the sentence.


@dataclass
class Analysed:
    """A sentence with its country mentions and name runs located."""

    sentence: Sentence
    places: list[Place]
    place_at: dict[int, Place]
    runs: list[tuple[int, int]]
    run_end_at: dict[int, tuple[int, int]]
    run_start_at: dict[int, tuple[int, int]]
    in_run: frozenset[int] = frozenset()
    region_at: frozenset[int] = frozenset()  # tokens of a region, a sea or another place that is no country
    cache: dict[str, object] = field(default_factory=dict)  # per-sentence results of later stages

    @property
    def tokens(self) -> list[Token]:
        return self.sentence.tokens

    @cached_property
    def has_document_word(self) -> bool:
        return any(t.low in lx.DOCUMENT_SOURCES for t in self.sentence.tokens)


def analyse(sentence: Sentence) -> Analysed:
    tokens = sentence.tokens
    others: list[tuple[int, int]] = []
    places = find_places(tokens, others)
    place_at = {i: p for p in places for i in range(p.first, p.last + 1)}
    region_at = frozenset(i for first, last in others for i in range(first, last + 1))
    runs = _name_runs(tokens, place_at, region_at)
    in_run = frozenset(i for r in runs for i in range(r[0], r[1] + 1))
    if any(i in in_run for i in place_at):
        places = [p for p in places if p.first not in in_run]
        place_at = {i: p for p in places for i in range(p.first, p.last + 1)}
    return Analysed(
        sentence,
        places,
        place_at,
        runs,
        {r[1]: r for r in runs},
        {r[0]: r for r in runs},
        in_run,
        region_at,
    )


WORD = re.compile(r"\w+")
PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|at|an|ar|ash|az|bin|ben|abu|ibn|de|da|di|van|von)-[A-Z]")


def _is_name_word(
    tokens: Sequence[Token], i: int, place_at: dict[int, Place], region_at: frozenset[int] = frozenset()
) -> bool:
    text = tokens[i].text
    first = text[:1]
    if not first.isupper():
        return first.islower() and "-" in text and PARTICLE_PREFIX.match(text) is not None  # al-Harbi
    if not first.isalpha() or i in place_at or i in region_at:
        return False
    low = text.lower()
    if low in lx.NOT_NAME_WORDS or low in lx.TITLE_WORDS or low in lx.HONORIFICS or low in lx.ORG_HEADS:
        return False
    if any(c.isdigit() for c in text):
        return False
    if i == 0 and _verb_opening(tokens, low):
        return False
    letters = [c for c in text if c.isalpha()]
    # Acronyms and all-capital datelines are not names (a one-letter initial is).
    return len(letters) < 2 or not all(c.isupper() for c in letters) or ("." in text and len(letters) < 3)


def _calendar_name(tokens: Sequence[Token], k: int) -> bool:
    """A capitalised month or weekday abbreviation after a name word, not followed by a number."""
    tok = tokens[k]
    if not tok.is_cap or len(tok.text) != 3 or tok.low not in lx.NOT_NAME_WORDS:
        return False
    if tok.low not in lx.MONTH_WORDS and tok.low not in {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}:
        return False
    nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return not nxt[:1].isdigit() and nxt != "."


def _surname_place(tokens: Sequence[Token], k: int, place_at: dict[int, Place]) -> bool:
    """A one-word city or country name right after a given name, closing the name: 'Paulo Lima
    said', 'Lena Trinidad, a former banker, said'."""
    place = place_at.get(k)
    if place is None or place.kind not in {"capital", "name"} or place.first != place.last:
        return False
    nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return not (nxt[:1].isupper() or nxt in {"’s", "'s"})


def _verb_opening(tokens: Sequence[Token], low: str) -> bool:
    """A sentence opened by a verb or an adverb, capitalised only for being first: 'Met with …' in a
    post, 'Citing security concerns, …' or 'Warmly welcoming …' before the subject."""
    if low in lx.EVENT_VERBS or low in lx.CUE_LEMMA or low in lx.IRREGULAR_PAST:
        return True
    if len(tokens) > 1 and tokens[1].low in {"the", "a", "an", "our", "your", "this", "these", "all"}:
        return True  # 'Follow the latest updates below': an imperative, not a name
    if low.endswith("ly") and len(tokens) > 1 and tokens[1].text.endswith("ing") and not tokens[1].is_cap:
        return True  # 'Warmly welcoming his counterpart, …': an adverb, not a name
    if len(tokens) > 1 and (tokens[1].text == "," or tokens[1].low in lx.CUE_LEMMA or tokens[1].low in lx.AUXILIARIES):
        return False  # 'Fleming, speaking after the talks, said': a surname in -ing, then its verb
    return low.endswith("ing") and len(low) >= 6 and any(t.text == "," for t in tokens[1:12])


def _after_title_of(tokens: Sequence[Token], first: int) -> bool:
    """Whether capitalised words starting at ``first`` name what a title is 'of': 'the head of the
    Joint Chamber', "the governor of Colombia's Nariño department"."""
    for k in range(first - 1, max(-1, first - 8), -1):
        tok = tokens[k]
        if tok.low == "of":
            return k > 0 and (tokens[k - 1].low in lx.TITLE_WORDS or tokens[k - 1].low in lx.ROLE_NOUNS)
        if not (tok.is_cap or tok.low in {"the"} or tok.low in lx.POSSESSIVE):
            return False
    return False


def _in_portfolios(tokens: Sequence[Token], first: int) -> bool:
    """Whether words starting at ``first`` close a list of portfolios after 'of' or 'for' and a
    title: 'Minister of Foreign Affairs and Nationals Abroad'."""
    if first < 1 or tokens[first - 1].low not in {"and", ","}:
        return False
    for k in range(first - 2, max(0, first - 16), -1):
        tok = tokens[k]
        if tok.low in {"of", "for"}:
            return tokens[k - 1].low in lx.TITLE_WORDS or tokens[k - 1].low in lx.ORG_HEADS
        if not (tok.is_cap or tok.low in {"and", ",", "the"}):
            return False
    return False


def _title_segment(tokens: Sequence[Token], comma: int) -> bool:
    """Whether the words before ``comma``, back to the previous comma, are a title of their own
    ('Minister of State'), all capitalised but for 'of', 'for', 'and' and 'the'."""
    k = comma - 1
    words: list[Token] = []
    while k >= 0 and tokens[k].text != ",":
        words.append(tokens[k])
        k -= 1
    return (
        0 < len(words) <= 8
        and words[0].is_cap
        and any(t.low in lx.TITLE_WORDS for t in words)
        and all(t.is_cap or t.low in {"of", "for", "and", "the"} for t in words)
    )


def _listed(tokens: Sequence[Token]) -> bool:
    """Capitalised words joined by 'and': the tail of a list of portfolios."""
    return any(t.low in {"and", "&"} for t in tokens) and all(t.is_cap or t.low in {"and", "&"} for t in tokens)


def _portfolio_of(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is the portfolio of a title before it: 'Minister of Health'."""
    if i < 2 or not _portfolio_word(tokens[i].low):
        return False
    before = tokens[i - 2].low
    if tokens[i - 1].low in {"for", "of"}:
        return before in lx.TITLE_WORDS or before in lx.ORG_HEADS
    # 'Minister of Foreign Affairs and Emigration': one more portfolio
    return tokens[i - 1].low == "and" and (before == "affairs" or _portfolio_word(before))


def _portfolio_word(low: str) -> bool:
    """An abstract noun naming a minister's portfolio ('Enlargement', 'Education'), not a name."""
    if low in lx.PORTFOLIO_WORDS:
        return True
    suffixes = ("ment", "tion", "tions", "sion", "ity", "ture", "ance", "ence", "ism", "ics", "ies", "ources")
    return len(low) > 6 and low.endswith(suffixes)


def _name_runs(tokens: Sequence[Token], place_at: dict[int, Place], region_at: frozenset[int]) -> list[tuple[int, int]]:
    runs = []
    n = len(tokens)
    i = 0
    while i < n:
        first = tokens[i].text[:1]
        if (first.islower() and "-" not in tokens[i].text) or not first.isalpha():
            i += 1  # the common case, decided without a call
            continue
        if not _is_name_word(tokens, i, place_at, region_at) or tokens[i].low in {"h.e."}:
            i += 1
            continue
        j = i
        while True:
            if j + 1 < n and _is_name_word(tokens, j + 1, place_at, region_at):
                j += 1
                continue
            if (
                j + 2 < n
                and tokens[j + 1].text in lx.NAME_CUE_WORDS
                and _is_name_word(tokens, j + 2, place_at, region_at)
            ):
                j += 2  # 'Amina Said Kombo': the given name Said inside a name, not the verb
                continue
            if j + 1 < n and _calendar_name(tokens, j + 1):
                j += 1  # 'Gao Jun', 'Tang Mar': a calendar abbreviation closing a name
                continue
            if j + 1 < n and _surname_place(tokens, j + 1, place_at):
                j += 1  # 'Paulo Lima': a capital's name as a surname
                continue
            k = j + 1
            while k < n and tokens[k].text in lx.NAME_PARTICLES:
                k += 1
            if k > j + 1 and k < n and _is_name_word(tokens, k, place_at, region_at):
                j = k
                continue
            # An initial with its full stop: "Paul R. Whitaker", "S. Raghavan".
            if (
                j + 2 < n
                and len(tokens[j].text) == 1
                and tokens[j + 1].text == "."
                and tokens[j + 1].start == tokens[j].end
                and _is_name_word(tokens, j + 2, place_at, region_at)
            ):
                j += 2
                continue
            break
        # 'Reyes, Jr.', 'Coleman Jr.': a suffix, with its comma and full stop, closes the name
        if j + 2 < n and tokens[j + 1].text == "," and tokens[j + 2].low in lx.NAME_SUFFIXES:
            j += 2
        if j + 1 < n and tokens[j + 1].text == "." and tokens[j].low in lx.NAME_SUFFIXES:
            j += 1
        while j - i >= 2 and _portfolio_of(tokens, i):
            i += 1  # 'Commissioner for Enlargement Petra Novak': the portfolio, then the name
        # 'the Minister of Fisheries said', 'Minister of Foreign Affairs, Cooperation and …': a
        # portfolio, not a name
        listed = i == j and i > 0 and tokens[i - 1].text in {",", "and"} and _portfolio_word(tokens[i].low)
        if not (i == j and _portfolio_of(tokens, i)) and not listed:
            runs.append((i, j))
        i = j + 1
    return runs


def run_words(tokens: Sequence[Token], run: tuple[int, int]) -> list[str]:
    return [t.text for t in tokens[run[0] : run[1] + 1] if t.text not in {".", ","}]


def after_article(tokens: Sequence[Token], run: tuple[int, int]) -> bool:
    """'the Lindale Framework', 'the “Good Neighbour” plan': a name after an article is a thing's."""
    k = run[0] - 1
    while k >= 0 and tokens[k].text in {"“", '"', "‘", "'"}:
        k -= 1
    return k >= 0 and tokens[k].low in {"the", "a", "an"}


def names_in_institution(tokens: Sequence[Token], run: tuple[int, int]) -> bool:
    """'Ministry of Transport', 'Council for Trade': a name that completes an institution's name."""
    first = run[0]
    return (
        first >= 2
        and tokens[first - 1].low in {"of", "for"}
        and tokens[first - 2].is_cap
        and tokens[first - 2].low in lx.ORG_HEADS
    )


def looks_like_place(words: Sequence[str]) -> bool:
    """Names of halls, seas, summits and institutions end in a head noun; people's do not."""
    last = words[-1].lower()
    return last in lx.PLACE_HEADS or last in lx.ORG_HEADS or any(w.lower() in lx.ORG_HEADS for w in words)


# --------------------------------------------------------------------------------------------
# Titles and appositions around a name


@dataclass
class Titled:
    """What the words around a name say about its bearer."""

    first: int  # first token of the whole phrase (titles included)
    last: int  # last token (appositions included)
    title: str | None = None
    country: str | None = None
    honorific: bool = False


def _is_title_token(tok: Token) -> bool:
    low = tok.low
    return low in lx.TITLE_WORDS or low in lx.HONORIFICS or low.rstrip(".") in lx.HONORIFICS


def _title_text(tokens: Sequence[Token], first: int, last: int, body: str) -> str | None:
    """The title as written, without honorifics, leading articles or a leading country word."""
    while first <= last and (
        tokens[first].low.rstrip(".") in lx.HONORIFICS
        or tokens[first].low in lx.DETERMINERS
        or tokens[first].text in {".", ","}
    ):
        first += 1
    while last >= first and (
        tokens[last].text in {".", ",", "(", ")"} or tokens[last].low.rstrip(".") in lx.HONORIFICS
    ):
        last -= 1
    if first > last:
        return None
    text = body[tokens[first].start : tokens[last].end]
    return text.strip(" ,") or None


def premodifiers(a: Analysed, start: int, body: str) -> Titled:
    """Titles, country words and honorifics written just before the name at ``start``.

    'Chinese President Zhou Minghua', 'Prime Minister of Samoa Tavita Leauma',
    'Turkey’s president, Mehmet Kadir Yalçın', 'President of the European Council, Pieter Janssens'.
    """
    tokens = a.tokens
    i = start - 1
    country: str | None = None
    honorific = False
    title_first: int | None = None
    title_last: int | None = None
    while i >= 0:
        tok = tokens[i]
        low = tok.low
        if low in lx.POSSESSIVE and i - 1 in a.run_end_at and title_first is not None:
            # "Mokoena's spokesperson Vusi Ndlovu": whose office the title is, part of it
            title_first = a.run_end_at[i - 1][0]
            i = title_first - 1
            break
        # 'Energy Minister', 'Transport and Logistics Minister': portfolios before the title word
        joined = i + 2 < start and tokens[i + 1].low in {"and", "&"} and title_first == i + 2
        before_title = (title_first == i + 1 or joined) and _portfolio_word(low)
        if tok.is_cap and (before_title or (title_first is None and _portfolio_of(tokens, i))):
            # 'Kenyan Energy Minister', 'Minister of Health': a portfolio is part of the title
            title_first = i
            title_last = i if title_last is None else title_last
            i -= 1
            continue
        if a.run_end_at.get(i) == (i, i) and title_first == i + 1 and tokens[i + 1].low in lx.ORG_HEADS:
            title_first = i  # 'Armed Forces Minister': one word of a body's name inside the title
            i -= 1
            continue
        if i in a.in_run:
            break  # another person's name: 'Prime Minister Arjun Varma and President X'
        if tok.text == "." and i > 0 and tokens[i - 1].low in lx.HONORIFICS:
            i -= 1
            continue
        if low in lx.HONORIFICS or low.rstrip(".") in lx.HONORIFICS:
            honorific = True
        elif i in a.place_at and _posted_to(tokens, a.place_at[i].first) is not None:
            # 'ambassador to the U.K.': the country an envoy is posted to is not the one he speaks for
            title_last = title_last if title_last is not None else i
            i = _posted_to(tokens, a.place_at[i].first) or i
            title_first = i
        elif i in a.place_at:
            # a country word ('Chinese', 'Kremlin'), also when it closes a title ('of Samoa')
            place = a.place_at[i]
            country = country or place.code or None
            if place.kind == "metonym" and title_last is not None:
                title_first = place.first  # 'Kremlin spokesman' keeps its institution
            i = place.first
        elif low in lx.TITLE_WORDS or (tok.is_cap and low in lx.ORG_HEADS):
            title_first = i
            if title_last is None:
                title_last = i
        elif low in lx.ORG_HEADS and title_first == i + 1:
            title_first = i  # 'Senegalese government spokesman': whose spokesman he is
        elif low in lx.POSSESSIVE and i - 1 in a.place_at:
            country = country or a.place_at[i - 1].code
        elif (low in {"of", "for", "and", "the"} and title_first is not None) or (
            low in {"of", "for", "the"} and i + 1 < start and (i + 1) in a.place_at
        ):
            pass
        elif tok.is_cap and tok.is_word and title_first is not None and low not in lx.NOT_NAME_WORDS:
            # a capitalised word inside an office's name: 'Foreign Relations Commission'
            pass
        else:
            break
        i -= 1
    first = i + 1
    # Drop a trailing 'of', 'the' or 'and' the walk may have taken at the left edge.
    while first < start and tokens[first].low in {"of", "for", "and", "the"}:
        first += 1
    title = None
    if title_first is not None and title_last is not None:
        lo = max(first, min(title_first, title_last))
        title = _title_text(tokens, lo, start - 1, body)
        title = _strip_country_tail(title)
    titled = Titled(first=first, last=start - 1, title=title, country=country, honorific=honorific)
    # 'Turkey’s president, Mehmet Kadir Yalçın': a title phrase and a comma before the name.
    if title is None and start >= 2 and tokens[start - 1].text == ",":
        pre = _comma_title(a, start - 1, body)
        if pre is not None:
            return pre
    # 'the Ambassador of China to Kenya, Ambassador Gao Jun': the fuller title before the comma
    if title is not None and first >= 2 and tokens[first - 1].text == ",":
        pre = _comma_title(a, first - 1, body)
        relational = pre is not None and (pre.title or "").split()[-1:] in (["counterpart"], ["counterparts"])
        if pre is not None and pre.title and len(title.split()) == 1 and not relational:
            return Titled(pre.first, start - 1, pre.title, country or pre.country, honorific)
        if pre is not None and country is None and pre.country:
            # 'her Guatemalan counterpart, Foreign Minister Ana Ruiz': the country said before
            return Titled(first, start - 1, title, pre.country, honorific)
    return titled


def _posted_to(tokens: Sequence[Token], place_first: int) -> int | None:
    """For 'ambassador (of China) to (the) X' with X starting at ``place_first``: the index of the
    envoy's title word, the destination being no country the envoy speaks for."""
    j = place_first - 1
    if j >= 0 and tokens[j].low == "the":
        j -= 1
    if j < 1 or tokens[j].low not in {"to", "in"}:  # 'ambassador to Peru', 'ambassador in Lima'
        return None
    for k in range(j - 1, max(-1, j - 10), -1):
        if tokens[k].low in lx.ENVOY_WORDS:
            return k
        if tokens[k].text in {",", ";", ":"} or lx.CUE_LEMMA.get(tokens[k].low):
            return None
    return None


def _strip_country_tail(title: str | None) -> str | None:
    """'Prime Minister of Samoa' -> 'Prime Minister' (the country is recorded on its own)."""
    if not title:
        return title
    words = title.split()
    for k in range(len(words) - 1, 0, -1):
        if words[k].lower() == "of":
            tail = tuple(words[k + 1 :])
            if tail and tail[0].lower() == "the":
                tail = tail[1:]
            if tail and gazetteer().get(tail):
                return " ".join(words[:k])
    return title


def _comma_title(a: Analysed, comma: int, body: str) -> Titled | None:
    tokens = a.tokens
    i = comma - 1
    country = None
    has_title = False
    portfolios = False  # a portfolio's name was stepped over
    head_after = False  # the word to the right heads or modifies the title
    while i >= 0:
        tok = tokens[i]
        low = tok.low
        if i in a.in_run:
            if i in a.run_end_at and i + 1 < comma and tokens[i + 1].low in lx.POSSESSIVE:
                i = a.run_end_at[i][0] - 1  # "Kivara's information minister": the owner of the office
                continue
            run = a.run_end_at.get(i)
            start = run[0] if run is not None else i
            while start - 1 in a.region_at:
                start -= 1  # 'and East African Cooperation': a region's adjective opens the portfolio
            if run is not None and _after_title_of(tokens, start):
                i = start - 1  # 'The head of the Joint Chamber of Commerce, …': the body a title is of
                continue
            joined = run is not None and start > 0 and tokens[start - 1].low in {"and", "for", "of", ","}
            if run is not None and joined and (_portfolio_word(low) or portfolios or _in_portfolios(tokens, start)):
                # 'Minister for Foreign Affairs and Regional Cooperation, …': a portfolio, and the
                # words listed before it ('Fisheries, Aquatic and Ocean Resources')
                portfolios = True
                i = start - 1
                continue
            break
        modifies = head_after and tok.is_word and low.isalpha() and low not in lx.NOT_NAME_WORDS
        head_after = False
        if low in lx.TITLE_WORDS or (tok.is_cap and low in lx.ORG_HEADS):
            has_title = head_after = True
        elif modifies and not tok.is_cap and low not in lx.CUE_LEMMA and low not in lx.DETERMINERS:
            head_after = True  # 'the information minister', 'the army spokesperson'
        elif i in a.place_at and _posted_to(tokens, a.place_at[i].first) is not None:
            # 'Ambassador of China to Kenya', 'ambassador in Lima': posted to, not from
            i = a.place_at[i].first - 1
            i -= tokens[i].low == "the"  # now at 'to' or 'in', stepped over below
        elif i in a.place_at:
            country = country or a.place_at[i].code
            i = a.place_at[i].first
        elif (
            low in lx.POSSESSIVE  # "Russia's president", "the ministry's spokesman"
            or low in {"of", "for", "and", "the", "a", "an", "to", "(", ")"}
            or low in lx.PORTFOLIO_ADVERBS
            or low in lx.ORG_HEADS  # 'the spokesperson for the ministry'
            or (tok.is_cap and tok.is_word and low not in lx.NOT_NAME_WORDS and i not in a.run_end_at)
        ):
            pass
        elif tok.text == "," and not has_title and i > 0 and tokens[i - 1].is_cap and _listed(tokens[i + 1 : comma]):
            pass  # 'Minister of Fisheries, Aquatic and Ocean Resources, …': a list of portfolios
        elif tok.text == "," and has_title and _title_segment(tokens, i):
            pass  # 'Minister of State, Minister of Foreign Affairs, …': one person's offices in a row
        else:
            break
        i -= 1
    first = i + 1
    if not has_title or first >= comma:
        return None
    # the phrase must open a clause (sentence start, after a comma, 'with', 'by', a cue, a quote)
    # or be a noun phrase of its own ('received the Ambassador of China to Kenya, Gao Jun')
    if (
        first > 0
        and tokens[first].low not in {"the", "a", "an"}
        and tokens[first - 1].text not in {",", "“", '"', "—", "–", ":"}
        and tokens[first - 1].low not in {"with", "by", "and", "said", "says", "added", "told", "from", "to", "between"}
        and tokens[first - 1].low not in {"his", "her", "their", "its", "our"}  # "met her Thai counterpart, X"
    ):
        return None
    while first < comma and tokens[first].low in lx.DETERMINERS:
        first += 1
    title = _title_text(tokens, first, comma - 1, body)
    if title and country is not None:
        # "Turkey’s president" -> "president"; keep offices such as "President of the European Council"
        words = title.split()
        if len(words) > 2 and words[1] in lx.POSSESSIVE:
            title = " ".join(words[2:])
        elif words and gazetteer().get((words[0],)):
            title = " ".join(words[1:]) or None
    return Titled(first=first, last=comma, title=_strip_country_tail(title), country=country)


def _names_a_body(a: Analysed, m: int) -> bool:
    """Whether the capitalised run holding token ``m`` follows 'of' or 'of the': the name of what
    a title is of, not a person's."""
    tokens = a.tokens
    start = m
    while start - 1 in a.in_run:
        start -= 1
    before = [t.low for t in tokens[max(0, start - 2) : start]]
    return before[-1:] == ["of"] or before == ["of", "the"]


def _described_by_nationality(a: Analysed, end: int) -> Titled | None:
    """', a Kenyan driver,' closing a sentence or a clause after a name: the country of a person
    the text describes by nationality, with no title."""
    tokens = a.tokens
    k = end + 2
    if k + 1 >= len(tokens) or tokens[k].low not in {"a", "an"}:
        return None
    place = a.place_at.get(k + 1)
    if place is None or place.kind != "demonym" or not place.code:
        return None
    stops = (m - 1 for m in range(place.last + 1, len(tokens)) if tokens[m].text in {",", ".", ";"})
    last = next(stops, len(tokens) - 1)
    # what the person is ('Kenyan driver') stands as the title: no office can be read into it
    title = " ".join(t.text for t in tokens[k + 1 : last + 1])
    return Titled(first=end + 1, last=last, title=title, country=place.code)


def apposition_after(a: Analysed, end: int, body: str) -> Titled | None:
    """', head of the Bureau of ...,' or ', also a member of ...' after the name ending at ``end``."""
    tokens = a.tokens
    n = len(tokens)
    i = end + 1
    if i >= n or tokens[i].text != ",":
        return None
    j = i + 1
    k = j
    while k < n and tokens[k].low in lx.APPOSITION_STARTERS:
        k += 1
    # a title word within the first three words of the phrase
    window = tokens[k : k + 3]
    if not any(_is_title_token(t) for t in window):
        return _described_by_nationality(a, end)
    # ', President Oleg Sviridov discussed …' opens a new clause: a titled name, not an apposition;
    # ', president of the Lakeside Boat Owners' Association,' names a body after 'of'
    if any(m in a.in_run and not _names_a_body(a, m) for m in range(k, min(n, k + 5))):
        return None
    if k < n and tokens[k].low in lx.CUE_LEMMA and tokens[k].low not in lx.TITLE_WORDS:
        return None
    # The phrase runs to the next comma that is not followed by another title phrase.
    country = None
    last = j
    m = j
    title_end = None
    depth = 0
    while m < n:
        tok = tokens[m]
        if m > j and "\n" in body[tokens[m - 1].end : tok.start]:
            last = m - 1  # a header line ends the phrase: 'Dana Reyes, Department Spokesperson'
            break
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
        elif tok.text == "," and depth == 0:
            if title_end is None:
                title_end = m - 1
            nxt = tokens[m + 1 : m + 4]
            if nxt and any(_is_title_token(t) for t in nxt) and not any(t.low in lx.CUE_LEMMA for t in nxt[:1]):
                m += 1
                continue
            last = m
            break
        elif tok.text in {".", ";", "“", "”", '"'} or (
            tok.low in lx.CUE_LEMMA and not tok.is_cap and tok.low not in lx.TITLE_WORDS
        ):
            last = m - 1
            break
        if m in a.place_at and country is None:
            country = a.place_at[m].code
        m += 1
    else:
        last = n - 1
    if title_end is None:
        title_end = last if tokens[last].text != "," else last - 1
    title = _title_text(tokens, k, title_end, body)
    if title and title.split()[0].lower() in {"also", "a", "an"}:
        title = None
    return Titled(first=end + 1, last=last, title=_strip_country_tail(title), country=country)


# --------------------------------------------------------------------------------------------
# Source noun phrases


@dataclass
class Mention:
    """A noun phrase that names or points at a source, spanning tokens ``[first, last]``."""

    kind: MentionKind
    first: int
    last: int
    text: str = ""  # the name, role or institution as written (without titles)
    title: str | None = None
    country: str | None = None
    role: str | None = None
    definite: bool = True
    alias: str | None = None  # another name the phrase gives: the acronym in 'Maritime Council (NMC)'


def _joint_before(tokens: Sequence[Token], first: int) -> bool:
    """'A and B said', 'A and his counterpart B said': the phrase is the second of two sources."""
    k = first - 1
    while k >= 0 and tokens[k].low in {"his", "her", "their", "its"}:
        k -= 1
    if k >= 2 and tokens[k].low == "and" and tokens[k - 1].text == "," and tokens[k - 2].text.islower():
        return False  # '…welcomed the delegation, and the minister said': a second clause, one source
    return k >= 0 and tokens[k].low in {"and", "&", "both"}


def person_at_run(a: Analysed, run: tuple[int, int], body: str) -> Mention:
    tokens = a.tokens
    pre = premodifiers(a, run[0], body)
    post = apposition_after(a, run[1], body)
    words = run_words(tokens, run)
    if len(words) == 1 and run[0] > 0 and tokens[run[0] - 1].low in lx.REGNAL_TITLES:
        # 'King Zayan', 'Pope Anselm': a monarch or pontiff is known by title and name
        words = [tokens[run[0] - 1].text.capitalize(), *words]
    of = run[1] + 2
    country_after = (
        a.place_at[of].code if of < len(tokens) and tokens[of - 1].low == "of" and of in a.place_at else None
    )
    return Mention(
        "person",
        pre.first,
        post.last if post else run[1],
        text=" ".join(words),
        title=pre.title or (post.title if post else None),
        country=pre.country or (post.country if post else None) or country_after,  # 'King Zayan of Jordan'
    )


def _single_word_source(low: str, at: int) -> Mention | None:
    """A pronoun ('he') or a vague source ('officials') standing alone as the source."""
    if low in lx.PRONOUNS:
        return Mention("pronoun", at, at, text=low)
    if low in lx.VAGUE_SOURCES:
        return Mention("vague", at, at, text=low)
    return None


def mention_before(a: Analysed, end: int, body: str) -> Mention | None:
    """The source phrase ending at token ``end`` (the word before a cue)."""
    tokens = a.tokens
    single = _single_word_source(tokens[end].low, end) if end >= 0 else None
    if end < 0 or single is not None:
        return single
    tok = tokens[end]
    low = tok.low
    if end in a.region_at:
        return None  # a region or a sea does not speak
    if tok.text.isdigit() and end >= 1 and tokens[end - 1].is_cap and tokens[end - 1].low in lx.ORG_HEADS:
        # 'Channel 7 reported': an outlet numbered after its head
        org = _institution_before(a, end - 1, body)
        if org is not None:
            org.last, org.text = end, f"{org.text} {tok.text}"
            return org
    if end >= 1 and low in lx.HONORIFIC_HEADS and tokens[end - 1].low in {"his", "her"}:
        # 'His Highness stated': a title used as a pronoun for the person it was given to
        return Mention("pronoun", end - 1, end, text=tokens[end - 1].low)
    document = _document_with_complement(a, end, body)
    if document is not None:
        return document
    if end in a.run_end_at:
        run = a.run_end_at[end]
        words = run_words(tokens, run)
        if len(words) == 1 and run[0] > 0 and tokens[run[0] - 1].low in lx.LOCATING_PREPOSITIONS:
            return None  # 'one user in Thessaloniki wrote': where the source is, not who
        if looks_like_place(words) or names_in_institution(tokens, run) or after_article(tokens, run):
            return _institution_before(a, end, body)
        mention = person_at_run(a, run, body)
        mention.last = end
        if _joint_before(tokens, mention.first) or _joint_in(tokens, mention.first, run[0]):
            mention.kind = "joint"
        return mention
    if tok.text == "," and end >= 3 and tokens[end - 2].text == "," and _is_acronym(tokens[end - 1].text):
        # 'The U.N. refugee agency, UNHCR, said': a body and its initials between commas
        inner = mention_before(a, end - 3, body)
        if inner is not None and inner.kind in {"org", "document"}:
            inner.last, inner.alias = end, tokens[end - 1].text
            return inner
    if tok.text == ")" and end >= 3 and tokens[end - 2].text == "(" and _is_acronym(tokens[end - 1].text):
        # 'The Nordic Maritime Council (NMC) announced': a name and its acronym
        inner = mention_before(a, end - 3, body)
        if inner is not None and inner.kind in {"org", "document"}:
            inner.last, inner.alias = end, tokens[end - 1].text
            return inner
    aged = end - 3 if end >= 3 and tokens[end - 1].text.isdigit() and tokens[end - 2].text == "," else -1
    if tok.text == "," and aged in a.run_end_at and not looks_like_place(run_words(tokens, a.run_end_at[aged])):
        # 'Ana Ruiz, 54, said': a name and the age news copy gives after it
        mention = person_at_run(a, a.run_end_at[aged], body)
        mention.last = end
        return mention
    if tok.text == "," and end - 1 in a.run_end_at:
        run = a.run_end_at[end - 1]
        comma = run[0] - 1
        while comma > 0 and (_is_title_token(tokens[comma]) or tokens[comma].text == "."):
            comma -= 1  # 'the army spokesperson, Colonel Jane Doyle, said'
        if comma > 0 and tokens[comma].text == "," and not looks_like_place(run_words(tokens, run)):
            # 'The spokesperson for the ministry, Jane Doyle, said': a name in apposition to a role
            pre = _comma_title(a, comma, body)
            if pre is not None:
                mention = person_at_run(a, run, body)
                mention.first, mention.last = pre.first, end
                mention.title, mention.country = mention.title or pre.title, mention.country or pre.country
                return mention
    if tok.text == "," or tok.text == ")":
        # 'Zhou Minghua, head of the Bureau of ..., congratulated': a name before its apposition.
        for run in reversed(a.runs):
            if run[1] >= end:
                continue
            post = apposition_after(a, run[1], body)
            if post is not None and post.last == end and not looks_like_place(run_words(tokens, run)):
                mention = person_at_run(a, run, body)
                mention.last = end
                if _joint_before(tokens, mention.first):
                    mention.kind = "joint"
                return mention
            if tok.text == "," and _describes(a, run, end):
                # 'Pak Mi Ryong, the niece of the premier and a diplomat herself, has rejected'
                mention = person_at_run(a, run, body)
                mention.last = end
                return mention
        return None
    if end in a.place_at:
        place = a.place_at[end]
        first = place.first
        if first > 1 and tokens[first - 1].low == "of" and _is_role_word(tokens[first - 2].text):
            # 'the President of Moldova said': a role, its country after 'of'
            role = _institution_before(a, first - 2, body)
            if role is not None and role.kind == "role":
                role.last, role.country = end, role.country or place.code
                return role
        if first > 1 and tokens[first - 1].low == "of" and tokens[first - 2].is_cap and first - 2 not in a.in_run:
            # 'the Poultry Association of Zambia said', 'the Ministry of Foreign Affairs of Chile
            # said': a body named with its country
            org = _institution_before(a, first - 2, body)
            if org is not None and org.kind == "org" and org.first < first - 2:
                where = " ".join(t.text for t in tokens[place.first : end + 1])
                org.last, org.text, org.country = end, f"{org.text} of {where}", org.country or place.code
                return org
        if first > 1 and tokens[first - 1].low == "of" and first - 2 in a.run_end_at:
            # 'King Zayan of Jordan stressed': a name, its country after 'of'
            named = mention_before(a, first - 2, body)
            if named is not None and named.kind == "person":
                named.last, named.country = end, named.country or place.code
                return named
        if first > 1 and tokens[first - 1].low == "in" and _posted_body(tokens, first - 2):
            # 'the Chilean embassy in Lima said': a mission, named with where it is
            inner = _institution_before(a, first - 2, body)
            if inner is not None and inner.kind == "org":
                inner.last, inner.text = end, f"{inner.text} in {' '.join(t.text for t in tokens[first : end + 1])}"
                return inner
        if first > 0 and tokens[first - 1].low == "the":
            first -= 1
        kind: MentionKind = "joint" if _joint_before(tokens, first) else "country"
        if place.kind == "metonym":
            kind = "org" if kind != "joint" else kind
        text = " ".join(t.text for t in tokens[place.first : place.last + 1])
        return Mention(kind, first, end, text=text, country=place.code)
    if low in lx.ROLE_NOUNS or low in lx.ORG_HEADS or low in lx.DOCUMENT_SOURCES or low in lx.TITLE_WORDS:
        return _institution_before(a, end, body)
    if low in lx.DIPLOMACY_WORDS and end >= 3 and end - 1 in a.place_at:
        # 'the head of Bolivian diplomacy': the foreign minister, as agency copy calls him
        place = a.place_at[end - 1]
        k = place.first - 1
        if k >= 1 and tokens[k].low == "of" and tokens[k - 1].low in {"head", "chief"}:
            first = k - 2 if k >= 2 and tokens[k - 2].low == "the" else k - 1
            return Mention("role", first, end, text="head of diplomacy", role="diplomat", country=place.code)
    if tok.is_cap and _portfolio_of(tokens, end):
        # 'the Minister of Fisheries said': a role with its portfolio
        role = _institution_before(a, end - 2, body)
        if role is not None and role.kind == "role":
            role.last, role.text = end, f"{role.text} {tokens[end - 1].low} {tok.text}"
            return role
    if _initials_body(tokens, end):
        # 'NATO said', 'the IAEA warned': a body known by its initials
        first = end - 1 if end >= 1 and tokens[end - 1].low == "the" else end
        full = spelled_out(body, tok.text)
        return Mention("org", first, end, text=full or tok.text, alias=tok.text if full else None)
    if tok.is_cap and tok.is_word:
        return _institution_before(a, end, body)
    return None


def _posted_body(tokens: Sequence[Token], k: int) -> bool:
    """An embassy, consulate or mission, which the text names with the city it is in."""
    low = tokens[k].low
    return low in lx.MISSION_WORDS or (low == "commission" and k > 0 and tokens[k - 1].low == "high")


def _describes(a: Analysed, run: tuple[int, int], comma: int) -> bool:
    """Whether ', the sister of …,' between a name ending at ``run`` and ``comma`` describes it:
    a noun phrase opened by an article, without a verb, and the name opens its clause."""
    tokens = a.tokens
    first = run[1] + 1
    if not (first < comma - 1 and tokens[first].text == "," and tokens[first + 1].low in {"the", "a", "an"}):
        return False
    if comma - first > 25 or any(t.text in {",", ";", ":", "“", '"'} for t in tokens[first + 1 : comma]):
        return False
    opens = run[0] == 0 or tokens[run[0] - 1].text in {",", "—", "–", "-"}
    return opens and not has_finite_verb(list(tokens), first + 1, comma - 1)


def _initials_body(tokens: Sequence[Token], k: int) -> bool:
    """A word in capitals standing alone for a body ('NATO', 'the IAEA'): not a name printed in
    capitals ('MOSCOW', 'ANA RUIZ') nor part of a longer capitalised phrase."""
    text = tokens[k].text
    if not (text.isalpha() and _is_acronym(text)) or (text.title(),) in gazetteer():
        return False
    return k == 0 or tokens[k - 1].low in lx.DETERMINERS or not tokens[k - 1].is_cap


_CONNECTIVES = lx.NAME_CONNECTIVES


def _capitalised_words_before(body: str, at: int) -> list[str]:
    """The capitalised words (and connectives) that end at offset ``at``, in text order."""
    kept: list[str] = []
    for word in reversed(body[max(0, at - 200) : at].split()):
        if not (word[:1].isupper() or word in _CONNECTIVES) or word[-1] in ",.;:":
            break
        kept.append(word)
    kept.reverse()
    return kept


_BRACKETED_INITIALS = re.compile(r"\((\w{2,8})\)")
_CAPITALISED = re.compile(r"(?<![\w-])[A-Z][a-z]+\b")


@lru_cache(maxsize=4)
def _initials_at(body: str) -> dict[str, int]:
    """Where a text first gives each set of initials in brackets: one pass over the article."""
    out: dict[str, int] = {}
    for m in _BRACKETED_INITIALS.finditer(body):
        out.setdefault(m.group(1), m.start())
    return out


@lru_cache(maxsize=4)
def _heads_at(body: str) -> dict[str, list[int]]:
    """Offsets of each capitalised institution head ('Agency', 'Council') in a text, in order."""
    out: dict[str, list[int]] = {}
    for m in _CAPITALISED.finditer(body):
        word = m.group().lower()
        if word in lx.ORG_HEADS:
            out.setdefault(word, []).append(m.start())
    return out


def spelled_out(body: str, initials: str) -> str | None:
    """The name a text spells out before giving its initials in brackets: 'the Atlantic Fisheries
    Council (AFC)' -> 'Atlantic Fisheries Council'; None if it never does."""
    at = _initials_at(body).get(initials, -1)
    if at < 0:
        return None
    kept = _capitalised_words_before(body, at)
    # the name starts at the word that gives the first initial: 'leaders of the Economic …'
    start = next((i for i, w in enumerate(kept) if w[:1] == initials[:1] and w not in _CONNECTIVES), len(kept))
    return " ".join(kept[start:]) if len(kept) - start > 1 else None


def named_before(body: str, head: str, at: int) -> str | None:
    """The last institution the text names with ``head`` before offset ``at``: 'the agency' after
    'the Atlantic Fisheries Agency' -> 'Atlantic Fisheries Agency'."""
    offsets = _heads_at(body).get(head, [])
    k = bisect_left(offsets, at) - 1
    if k < 0:
        return None
    kept = _capitalised_words_before(body, offsets[k])
    # the name starts after its article: 'inspectors of the Atlantic Fisheries Agency', but 'the
    # Office of the Prime Minister' keeps its inner one
    for m in range(len(kept) - 1, -1, -1):
        inner = m >= 2 and kept[m - 1] == "of" and kept[m - 2].lower() in lx.ORG_HEADS
        if kept[m].lower() == "the" and not inner:
            kept = kept[m + 1 :]
            break
    while kept and kept[0] in _CONNECTIVES:
        kept.pop(0)
    return " ".join([*kept, head.capitalize()]) if kept else None


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters)


def _is_role_word(text: str) -> bool:
    low = text.lower()
    return low in lx.ROLE_NOUNS or (low in lx.TITLE_WORDS and low not in lx.TITLE_MODIFIERS)


def _joint_in(tokens: Sequence[Token], first: int, last: int) -> bool:
    """'Ana Ruiz and President X': an 'and' before the name joins two sources, unless it joins the
    portfolios of one title ('Transport and Logistics Minister Ana Ruiz')."""
    for k in range(first, last):
        if tokens[k].low not in {"and", "&"}:
            continue
        nxt = tokens[k + 1] if k + 1 < last else None
        portfolio = (
            nxt is not None
            and nxt.is_cap
            and nxt.low not in lx.TITLE_WORDS
            and any(t.low in lx.TITLE_WORDS for t in tokens[k + 2 : last])
        )
        if not portfolio:
            return True
    return False


def _institution_before(a: Analysed, end: int, body: str) -> Mention | None:
    """'the Chinese Foreign Ministry', 'The top French diplomat', 'a joint statement', 'the EU'."""
    tokens = a.tokens
    i = end
    country = None
    initials: str | None = None
    while i >= 0 and end - i < 8:
        tok = tokens[i]
        low = tok.low
        if low in lx.DETERMINERS:
            break
        if tok.text == ")" and i < end and i >= 3 and tokens[i - 2].text == "(" and _is_acronym(tokens[i - 1].text):
            initials = tokens[i - 1].text  # 'the East African Community (EAC) secretariat'
            i -= 3
            continue
        if i in a.place_at:
            country = country or a.place_at[i].code
            i = a.place_at[i].first - 1
            continue
        if low in lx.POSSESSIVE or low in {"of", "for", "-"} or tok.is_word or tok.text[:1].isdigit():
            if low in lx.CUE_LEMMA and i != end and not tok.is_cap:
                break
            if tok.text in {",", ";", ":"}:
                break
            i -= 1
            continue
        break
    if i < 0 or tokens[i].low not in lx.DETERMINERS:
        # Without an article: 'Pakistan Foreign Office said', "India's foreign ministry said",
        # 'Russia's foreign minister said'.
        head_low = tokens[end].low
        starts_with_country = (i + 1) in a.place_at
        owner = _possessor(a, i + 1, end)
        if owner is not None and (head_low in lx.ORG_HEADS or head_low in lx.ROLE_NOUNS or head_low in lx.TITLE_WORDS):
            # "Moreau's office", "Ben-David's media adviser": speaks for a named person
            text = body[tokens[owner[1]].start : tokens[end].end]  # the name on, without its title
            return Mention("org", owner[0], end, text=text, country=country)
        if not (
            (tokens[end].is_cap and head_low in lx.ORG_HEADS)
            or (starts_with_country and (head_low in lx.ORG_HEADS or head_low in lx.ROLE_NOUNS))
        ):
            return None
        i = max(i, -1)
        first = i + 1
        definite = True
    else:
        first = i
        definite = tokens[i].low not in {"a", "an"}
    outer = _outer_phrase(a, first, end, country, body)
    if outer is not None:
        return outer
    words = tokens[first : end + 1]
    if _joint_before(tokens, first) or any(t.low in lx.JOINT_WORDS for t in words):
        return Mention("joint", first, end)
    head = tokens[end].low
    core = [t for t in words if t.low not in lx.DETERMINERS]
    text = body[core[0].start : core[-1].end] if core else ""
    if initials is not None:
        text = " ".join(t.text for t in core if t.text not in {"(", ")", initials})
    if head in lx.DOCUMENT_SOURCES:
        return Mention("document", first, end, text=text, country=country, definite=definite)
    if head in lx.ORG_HEADS or (tokens[end].is_cap and any(t.low in lx.ORG_HEADS for t in core)):
        return Mention("org", first, end, text=text, country=country, definite=definite, alias=initials)
    if (head in lx.ROLE_NOUNS or head in lx.TITLE_WORDS) and head not in lx.TITLE_MODIFIERS:
        if head.endswith("s") and head[:-1] in lx.ROLE_NOUNS:
            return Mention("joint", first, end)
        role_text = " ".join(t.text for t in core)
        if not definite:
            # 'a Foreign Office spokesperson' speaks for a named body; 'a senior official' is nobody
            named = any(
                t.is_cap and ((first + 1 + k) not in a.place_at or a.place_at[first + 1 + k].kind == "metonym")
                for k, t in enumerate(core[:-1])
            )
            kind: MentionKind = "org" if named else "vague"
            return Mention(kind, first, end, text=role_text, country=country, definite=False)
        return Mention("role", first, end, text=role_text, role=head, country=country, definite=definite)
    return None


def _document_with_complement(a: Analysed, end: int, body: str) -> Mention | None:
    """'a joint statement by Egypt and Jordan', 'a statement from the ministry', ending at ``end``."""
    tokens = a.tokens
    if not a.has_document_word:
        return None
    for k in range(end, max(0, end - 10), -1):
        low = tokens[k].low
        if low in {".", ";", ":"} or (low == "," and (k + 1) not in a.place_at):
            return None
        if _document_link(tokens, k) and k >= 1 and tokens[k - 1].low in lx.DOCUMENT_SOURCES:
            doc = _institution_before(a, k - 1, body)
            if doc is None or doc.kind != "document":
                return None
            first_word = next(t for t in tokens[doc.first : k] if t.low not in lx.DETERMINERS)
            doc.text = body[first_word.start : tokens[end].end]
            doc.last = end
            return doc
    return None


def _name_complement_end(tokens: Sequence[Token], head: int) -> int:
    """The last word of an institution's name that continues after its head: 'Ministry of Foreign
    Affairs', 'Council for Trade and Development' (capitalised words joined by of, for, and)."""
    end = head
    k = head + 1
    while k + 1 < len(tokens) and tokens[k].low in {"of", "for", "and", "on"} and tokens[k + 1].is_cap:
        k += 1
        while k < len(tokens) and tokens[k].is_cap and tokens[k].is_word:
            end = k
            k += 1
    return end


def _document_link(tokens: Sequence[Token], k: int) -> bool:
    """'statement by', 'readout from', 'statement issued', 'statement of NMC': who a document is from."""
    low = tokens[k].low
    if low in {"by", "from", "issued"}:
        return True
    return low == "of" and k + 1 < len(tokens) and tokens[k + 1].is_cap


def _named_author(a: Analysed, by: int, stop: int, body: str) -> Mention | None:
    """'a statement by the press secretary to the minister, Dr. Chidi Okeke,': the person who wrote it.

    The role after 'by' becomes the title; the document is only the vehicle of the words.
    """
    tokens = a.tokens
    n = len(tokens)
    comma = stop + 1
    if comma >= n or tokens[comma].text != ",":
        return None
    k = comma + 1
    while k < n and (tokens[k].low.rstrip(".") in lx.HONORIFICS or tokens[k].text == "."):
        k += 1
    run = a.run_start_at.get(k)
    if run is None or not ends_clause(tokens, run[1] + 1) or looks_like_place(run_words(tokens, run)):
        return None
    first = by + 1
    while first <= stop and tokens[first].low in lx.DETERMINERS:
        first += 1
    title = body[tokens[first].start : tokens[stop].end] if first <= stop else None
    role = " ".join(run_words(tokens, run))
    return Mention("person", by - 1, run[1], text=role, title=title, role="document")


def _possessor(a: Analysed, first: int, end: int) -> tuple[int, int, int] | None:
    """A name with a possessive opening tokens ``[first, end]``: "Moreau's office",
    "President Baek Jin Ho's office" (the phrase then starts at ``first``)."""
    for run in a.runs:
        if run[0] < first or run[1] + 1 >= end:
            continue
        titles = a.tokens[first : run[0]]
        if a.tokens[run[1] + 1].text in lx.POSSESSIVE and all(
            _is_title_token(t) or (t.is_cap and t.is_word) for t in titles
        ):
            return (first, run[0], run[1])
        return None
    return None


def _outer_phrase(a: Analysed, first: int, end: int, country: str | None, body: str) -> Mention | None:
    """'a statement from the Ministry of External Affairs', 'a spokesperson for the ministry'."""
    tokens = a.tokens
    if first < 2 or tokens[first - 1].low not in {"from", "by", "of", "for"}:
        return None
    outer_head = tokens[first - 2].low
    if not (outer_head in lx.DOCUMENT_SOURCES or outer_head in lx.ROLE_NOUNS or outer_head in lx.ORG_HEADS):
        return None
    outer = _institution_before(a, first - 2, body)
    if outer is None or outer.kind not in {"document", "org", "role", "vague"}:
        return None
    start = next((t for t in tokens[outer.first : first] if t.low not in lx.DETERMINERS), None)
    text = body[start.start : tokens[end].end] if start is not None else outer.text
    kind: MentionKind = "document" if outer.kind == "document" else "org"
    return Mention(kind, outer.first, end, text=text, country=outer.country or country, definite=outer.definite)


CLAUSE_END = frozenset({",", ".", ";", ":", "!", "?", "”", '"', "’", "—", "–", "(", ")"})


def ends_clause(tokens: Sequence[Token], after: int) -> bool:
    """True when a source phrase ending before ``after`` closes its clause ('said Zhou, …')."""
    if after >= len(tokens):
        return True
    return tokens[after].text in CLAUSE_END or tokens[after].low in lx.TAIL_WORDS


def mention_after(a: Analysed, start: int, body: str) -> Mention | None:
    """The source phrase starting at token ``start`` (after an inverted cue: 'said Zhou')."""
    mention = _mention_after(a, start, body)
    if mention is None or not ends_clause(a.tokens, mention.last + 1):
        return None
    return mention


def _mention_after(a: Analysed, start: int, body: str) -> Mention | None:
    tokens = a.tokens
    n = len(tokens)
    if start >= n:
        return None
    tok = tokens[start]
    low = tok.low
    single = _single_word_source(low, start)
    if single is not None:
        return single
    # Skip titles, honorifics and country words to the name: 'said President of the European
    # Council, Pieter Janssens', 'said Chinese President Zhou Minghua'.
    for run in a.runs:
        if run[0] < start:
            continue
        if run[0] - start > 12:
            break
        between = tokens[start : run[0]]
        if all(
            _is_title_token(t)
            or (start + idx) in a.place_at
            or t.low in {"of", "the", "for", "and", ",", ".", "’s", "'s"}
            or (t.is_cap and t.low in lx.ORG_HEADS)
            or (t.is_cap and t.is_word)
            for idx, t in enumerate(between)
        ):
            if looks_like_place(run_words(tokens, run)) or names_in_institution(tokens, run):
                break  # 'according to the Ministry of Fisheries': a body's name, not a person's
            mention = person_at_run(a, run, body)
            if not ends_clause(tokens, mention.last + 1):
                continue  # a capitalised word inside the title ('said Philippine Defence Secretary X')
            mention.first = start
            if mention.title is None and between:
                pre = premodifiers(a, run[0], body)
                mention.title, mention.country = pre.title, mention.country or pre.country
            return mention
        break
    if start in a.place_at:
        place = a.place_at[start]
        kind: MentionKind = "org" if place.kind == "metonym" else "country"
        return Mention(
            kind,
            start,
            place.last,
            text=" ".join(t.text for t in tokens[place.first : place.last + 1]),
            country=place.code,
        )
    if low in lx.DETERMINERS:
        # 'said the veteran leader during ...': the phrase ends at its head noun
        for end in range(start + 1, min(n, start + 8)):
            head = tokens[end].low
            if head in lx.DOCUMENT_SOURCES and end + 1 < n and _document_link(tokens, end + 1):
                # 'according to a joint statement by Egypt and Jordan'
                stop = end + 1
                while (
                    stop + 1 < n
                    and tokens[stop + 1].text not in {".", ";", ":", "!", "?"}
                    and not (tokens[stop + 1].text == "," and stop + 2 < n and (stop + 2) not in a.place_at)
                ):
                    stop += 1
                doc = _institution_before(a, end, body)
                if doc is not None and doc.kind == "document":
                    author = _named_author(a, end + 1, stop, body)
                    if author is not None:
                        return author
                    first_word = next(t for t in tokens[doc.first : end + 1] if t.low not in lx.DETERMINERS)
                    doc.text = body[first_word.start : tokens[stop].end]
                    doc.last = stop
                    return doc
            if head in lx.ROLE_NOUNS or head in lx.ORG_HEADS or head in lx.DOCUMENT_SOURCES:
                nxt = tokens[end + 1].low if end + 1 < n else ""
                if nxt in lx.ORG_HEADS or (
                    end + 1 < n and tokens[end + 1].is_cap and tokens[end + 1].is_word and nxt not in lx.NOT_NAME_WORDS
                ):
                    continue
                if head in lx.ORG_HEADS and tokens[end].is_cap:
                    end = _name_complement_end(tokens, end)  # 'the Ministry of Foreign Affairs'
                return _institution_before(a, end, body)
            if tokens[end].text in {",", ".", ";", ":"}:
                break
    return None


# --------------------------------------------------------------------------------------------
# The article's cast


@dataclass
class Entity:
    """One source of the article: a person or an institution, with all it is called."""

    kind: Literal["person", "organization"]
    name: str
    key: tuple[str, ...]
    title: str | None = None
    country: str | None = None
    aliases: set[str] = field(default_factory=set)
    seen: set[int] = field(default_factory=set)  # indices of the sentences naming it
    salient: bool = False  # introduced with a title, or seen speaking: a candidate for 'he'/'she'

    def recency(self, at: int) -> tuple[int, int]:
        """Sort key: named most recently at or before sentence ``at`` (else soonest after it)."""
        if not self.seen:
            return (0, -(1 << 30))
        last = max(self.seen)
        if last <= at:
            return (1, last)  # the common case: the text is read in order
        before = [i for i in self.seen if i <= at]
        if before:
            return (1, max(before))
        return (0, -min(self.seen))


class Cast:
    """The people and institutions an article names, and who each short form refers to."""

    def __init__(self) -> None:
        self.people: list[Entity] = []
        self.institutions: list[Entity] = []
        # people by each word of their name, in the order they were named: a name is compared only
        # with the people who share a word with it, so an article of many names stays linear
        self._by_word: dict[str, list[Entity]] = {}
        self._orgs_by_word: dict[str, list[Entity]] = {}
        self._docs_by_head: dict[str, list[Entity]] = {}
        self._org_order: dict[int, int] = {}

    # People ------------------------------------------------------------------------------------

    @staticmethod
    def _sharing_all(key: tuple[str, ...], index: dict[str, list[Entity]]) -> list[Entity]:
        """Candidates for a name that must have every word of ``key``: the shortest of their lists."""
        return min((index.get(w, []) for w in key), key=len) if key else []

    def _sharing(self, key: tuple[str, ...]) -> list[Entity]:
        return self._sharing_all(key, self._by_word)

    def _index(self, person: Entity, index: dict[str, list[Entity]]) -> None:
        for word in dict.fromkeys(person.key):
            index.setdefault(word, []).append(person)

    def add_person(self, words: Sequence[str], title: str | None, country: str | None, at: int) -> Entity:
        words = name_words(words)
        key = tuple(fold(w) for w in words)
        name = " ".join(words)
        for person in self._sharing(key) if key else self.people:
            if person.key == key or (len(key) > 1 and set(key) == set(person.key)):
                person.title = person.title or title
                person.country = person.country or country
                person.seen.add(at)
                return person
        entity = Entity("person", name, key, title, country, seen={at})
        self.people.append(entity)
        self._index(entity, self._by_word)
        return entity

    def canonical_people(self) -> None:
        """Fold short forms into the fullest name containing them ('Zhou' into 'Zhou Minghua')."""
        ordered = sorted(self.people, key=lambda p: -len(p.key))
        kept: list[Entity] = []
        kept_by_word: dict[str, list[Entity]] = {}
        for person in ordered:
            sharing = self._sharing_all(person.key, kept_by_word) if person.key else kept
            owner = self._owner(person.key, sharing)
            if owner is None:
                if not any(_contains(p.key, person.key) for p in sharing):
                    kept.append(person)
                    self._index(person, kept_by_word)
                continue
            owner.aliases.add(person.name)
            owner.salient = owner.salient or person.salient
            owner.title = owner.title or person.title
            owner.country = owner.country or person.country
            owner.seen |= person.seen
        self.people = kept
        self._by_word = {}
        for person in kept:
            self._index(person, self._by_word)

    @staticmethod
    def _owner(key: tuple[str, ...], people: Sequence[Entity]) -> Entity | None:
        owners = [p for p in people if len(p.key) > len(key) and _contains(p.key, key)]
        if not owners:
            return None
        enders = [p for p in owners if p.key[-len(key) :] == key or p.key[: len(key)] == key]
        pool = enders or owners
        # A short form two full names share ('Zhou' for Zhou Minghua and Zhou Lan) is resolved per
        # mention, never recorded as either one's alias.
        return pool[0] if len(pool) == 1 else None

    def surnamed(self, word: str) -> list[Entity]:
        """People of more than one word whose last word is ``word`` (folded)."""
        return [p for p in self._sharing((word,)) if len(p.key) > 1 and p.key[-1] == word]

    def person(self, words: Sequence[str], at: int, title: str | None = None) -> Entity | None:
        """The person a name refers to; a short form shared by several goes to the one whose title
        agrees ('Foreign Minister Rahman' is not Foreign Secretary Rahman), then the most recent."""
        key = tuple(fold(w) for w in name_words(words))
        if not key:
            return None
        sharing = self._sharing(key)
        exact = [p for p in sharing if p.key == key]
        if exact:
            return exact[0]
        candidates = [p for p in sharing if _contains(p.key, key) or set(key) == set(p.key)]
        if not candidates:
            return None
        wanted = fold(title) if title else None
        return max(
            candidates,
            key=lambda p: (
                wanted is not None and p.title is not None and fold(p.title) == wanted,
                p.key[-len(key) :] == key or p.key[: len(key)] == key,
                p.recency(at),
            ),
        )

    def role(self, role: str, country: str | None, at: int, fallback: Entity | None, phrase: str = "") -> Entity | None:
        """The person 'the Chinese president' or 'the top French diplomat' refers to.

        First a person whose title fits (and whose country, when both are known), one whose title
        also has the phrase's qualifiers before others ('the foreign minister' is the Foreign
        Minister, not the Security Minister), and of several who fit, the one the text is about
        (``fallback``: 'X met Y. The minister said …' is X); then one of that country whose title
        does not say otherwise; then the person last speaking, unless a title or a country says it
        is someone else; then the one person whose title has the phrase's qualifiers, whatever the
        office is called ('the trade minister' of a 'Trade Cabinet Secretary'); then the one
        untitled person of the article.
        """
        wanted = lx.ROLE_TITLES.get(role, (role,))
        qualifiers = _qualifiers(phrase, role)

        spaced_wanted = [f" {w} " for w in wanted]

        def fits_title(p: Entity) -> bool:
            return bool(p.title) and any(w in _spaced(p.title) for w in spaced_wanted)

        def qualified(p: Entity) -> bool:
            return qualifiers <= set(_spaced(p.title).split())

        exact = [p for p in self.people if qualifiers and fits_title(p) and qualified(p)]
        exact = [p for p in exact if p.country == country] or [p for p in exact if country is None or p.country is None]
        if exact:
            return max(exact, key=lambda p: p.recency(at))

        def open_title(p: Entity) -> bool:
            return not p.title or fits_title(p) or role in {"official", "counterpart"}

        def fits_country(p: Entity) -> bool:
            return country is None or p.country in (None, country)

        pool = [p for p in self.people if fits_title(p) and (country is None or p.country == country)]
        if not pool:
            pool = [p for p in self.people if fits_title(p) and fits_country(p)]
        if not pool and country is not None:
            pool = [p for p in self.people if p.country == country and open_title(p)]
        if pool:
            # of several who fit, the one the text is about: 'X met Y. The minister said …' is X
            if fallback is not None and any(p is fallback for p in pool):
                return fallback
            return max(pool, key=lambda p: p.recency(at))
        if fallback is not None and fits_country(fallback) and open_title(fallback):
            return fallback
        # 'Kenya's trade minister said' of a 'Trade Secretary' the article names: the one person
        # whose title has the phrase's qualifiers, whatever its office is called
        styled = [p for p in self.people if qualifiers and p.title and qualified(p) and fits_country(p)]
        if len(styled) == 1:
            return styled[0]
        untitled = [p for p in self.people if not p.title and fits_country(p) and len(p.key) > 1]
        return untitled[0] if len(untitled) == 1 else None

    # Institutions ------------------------------------------------------------------------------

    def knows_institution(self, word: str) -> bool:
        """Whether an institution with this word in its name has spoken already."""
        return bool(self._orgs_by_word.get(fold(word)))

    def institution(self, text: str, country: str | None, *, document: bool, at: int) -> Entity:
        """The institution a phrase names; a later, shorter form joins the first full one."""
        words = [w for w in text.split() if w.lower() not in lx.DETERMINERS]
        key = tuple(fold(w) for w in words if not gazetteer().get((w,)) and w not in lx.POSSESSIVE)
        if not key:  # a country speaking as an institution: 'Peru' and 'China' must stay two
            key = tuple(fold(w) for w in words)
        # only those that share a word with the phrase can match, the most recent first: 'the
        # embassy' is the one named last
        sharing = {id(o): o for o in self._sharing_all(key, self._orgs_by_word)}
        if document and key:
            sharing.update((id(o), o) for o in self._docs_by_head.get(_head(key), []))
        order = self._org_order
        for org in sorted(sharing.values(), key=lambda o: (-max(o.seen, default=-1), order[id(o)])):
            # a document joins an earlier one of its kind: 'the statement', 'the joint statement'
            same_doc = document and org.title == "document" and _head(org.key) == _head(key)
            if country is not None and org.country is not None and country != org.country:
                continue  # the Russian embassy and the Indonesian embassy are two
            if org.key == key or same_doc or (key and _contains(org.key, key) and (country in (None, org.country))):
                org.aliases.add(" ".join(words))
                org.country = org.country or country
                org.seen.add(at)
                return org
        entity = Entity(
            "organization",
            " ".join(words),
            key,
            title="document" if document else None,
            country=country,
            seen={at},
        )
        self.institutions.append(entity)
        self._org_order[id(entity)] = len(self._org_order)
        for word in dict.fromkeys(key):
            self._orgs_by_word.setdefault(word, []).append(entity)
        if document and key:
            self._docs_by_head.setdefault(_head(key), []).append(entity)
        return entity


@lru_cache(maxsize=4096)
def _spaced(title: str | None) -> str:
    """A title's words, lower-case, between single spaces: ' foreign minister '."""
    return f" {' '.join(WORD.findall((title or '').lower()))} "


def _qualifiers(phrase: str, role: str) -> set[str]:
    """The words of a role phrase that narrow its office: 'foreign' in "Ghana's foreign minister";
    not determiners, possessives, places or the head itself."""
    out = set()
    for word in phrase.split():
        low = word.lower()
        if low in lx.DETERMINERS or low == role or low.endswith(("'s", "’s")) or gazetteer().get((word,)):
            continue
        if low in lx.TITLE_WORDS or low in lx.TITLE_MODIFIERS or low.isalpha():
            out.add(low)
    return out


def _head(key: tuple[str, ...]) -> str:
    """The head noun of an institution's key ('statement' of 'joint statement by egypt')."""
    heads = [w for w in key if w in lx.DOCUMENT_SOURCES or w in lx.ORG_HEADS]
    return heads[0] if heads else (key[-1] if key else "")


def name_words(words: Sequence[str]) -> list[str]:
    """A name without honorifics or middle initials: 'Mr. Gregory T. Hale' -> Gregory Hale.

    A leading initial stays when it is all there is besides the surname ('S Raghavan').
    """
    kept = [w for w in words if w.lower().rstrip(".") not in lx.HONORIFICS and w != "."] or list(words)
    if len(kept) > 2:
        inner = [w for i, w in enumerate(kept) if not (0 < i < len(kept) - 1 and len(w.rstrip(".")) == 1)]
        kept = inner or kept
    return kept


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    if not shorter:
        return False
    n = len(shorter)
    if any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1)):
        return True
    return n == 1 and shorter[0] in longer


def sentence_subject(a: Analysed, limit: int, body: str) -> Mention | None:
    """The noun phrase the sentence (or its main clause after a front adverbial) opens with."""
    tokens = a.tokens
    start = 0
    if tokens and tokens[0].low in lx.FRONT_STARTS:
        comma = next((k for k in range(min(limit, len(tokens))) if tokens[k].text == ","), None)
        if comma is None:
            return None
        start = comma + 1
    for k in range(start, min(limit, start + 14, len(tokens))):
        tok = tokens[k]
        low = tok.low
        # only words that can end a source phrase are worth parsing back from
        if not (
            tok.is_cap or low in lx.PRONOUNS or low in lx.ROLE_NOUNS or low in lx.ORG_HEADS or low in lx.VAGUE_SOURCES
        ):
            continue
        mention = mention_before(a, k, body)
        if mention is None or mention.first > start:
            continue
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.low in {"and", "&"} and mention.kind != "joint":
            return Mention("joint", mention.first, k)
        if mention.kind == "country" and nxt is not None and nxt.is_word and not nxt.is_cap:
            continue  # 'the Somali premier': a demonym before the phrase's head
        if nxt is None or not ((nxt.is_cap and nxt.is_word) or nxt.text in lx.POSSESSIVE or nxt.text == ","):
            return mention
        if nxt.text == ",":
            post = apposition_after(a, k, body)
            if post is None:
                return mention
            if mention.kind == "person" and tokens[post.last].text == ",":
                # 'Ilyas Dosov, deputy chairman of the committee, struck a note': the name
                # and its apposition, before the verb
                mention.last = post.last
                mention.title = mention.title or post.title
                mention.country = mention.country or post.country
                return mention
    return None
