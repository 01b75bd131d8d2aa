"""The constructions of attributed speech in news English, each a pattern that reads one cue.

A construction names its shape, shows it on an invented sentence, and builds a ``Candidate`` (the
source phrase and the content span) or says why it does not apply. For every cue the constructions
are tried in the order of ``CUE_CONSTRUCTIONS``; the first that applies gives the cue's candidate.
Sentence-level constructions (``SENTENCE_CONSTRUCTIONS``) read a sentence without a cue of its own.
Adding a construction means writing one build function, listing it here, and adding a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from app.ingest.extract import lexicon as lx
from app.ingest.extract.candidates import Candidate
from app.ingest.extract.cues import Cue, find_cues
from app.ingest.extract.mentions import Analysed, Mention, mention_after, mention_before, sentence_subject
from app.ingest.extract.spans import (
    CLOSE_MARKS,
    FRONT_END,
    OPEN_MARKS,
    TRAILING,
    clause_start,
    content_bounds,
    front_end,
    front_is_quote,
    is_tail,
    object_end,
    quote_end,
    quote_starting_after,
    skip_gap_back,
)
from app.ingest.extract.text import Quote
from app.ingest.extract.verbs import has_finite_verb


class Site:
    """One cue in its sentence, with what the constructions share about it."""

    def __init__(self, a: Analysed, cue: Cue, quotes: list[Quote], body: str) -> None:
        self.a = a
        self.cue = cue
        self.quotes = quotes
        self.body = body
        tokens = a.tokens
        self.s_start = tokens[0].start
        if len(tokens) > 2 and tokens[1].text == ":" and tokens[0].is_cap and tokens[0].is_word:
            self.s_start = tokens[2].start  # 'Quote: “…,” the minister said': a section label
        self.s_end = tokens[-1].end
        self.gap_end, self.earlier = skip_gap_back(tokens, cue.first - 1)

    @property
    def before(self) -> str:
        """The word just left of the cue and the adverbs between them ('will', 'was', 'and')."""
        return self.a.tokens[self.gap_end].low if self.gap_end >= 0 else ""

    @cached_property
    def subject(self) -> Mention | None:
        """The phrase that ends where the gap before the cue begins, if any: the source, or for a
        relayed cue ('learned from') the reporter."""
        if self.cue.first == 0 or self.cue.lemma == "according":
            return None
        if self.before in {"and", "but"}:
            # 'Kapadia held talks with Lindqvist and said …': the cue shares the sentence's subject
            return sentence_subject(self.a, self.gap_end, self.body)
        if self.before == "who" and self.gap_end >= 2 and self.a.tokens[self.gap_end - 1].text == ",":
            # 'remarks by the spokesperson Ana Ruiz, who said last week that …': the one named
            named = mention_before(self.a, self.gap_end - 2, self.body)
            return named if named is not None and named.kind in {"person", "role"} else None
        return mention_before(self.a, self.gap_end, self.body)

    @cached_property
    def quote_after_cue(self) -> Quote | None:
        return quote_starting_after(self.body, self.quotes, self.a.tokens[self.cue.last].end)

    @cached_property
    def subject_start(self) -> int:
        """Where the source phrase starts, with adjectives its parse left out ('…, Beijing's new
        ambassador Lu Wenhao told'): up to three words, none a verb, after a comma."""
        subject = self.subject
        if subject is None:
            return 0
        tokens = self.a.tokens
        k = subject.first
        for _ in range(3):
            if k == 0 or tokens[k - 1].text in FRONT_END:
                break
            prev = tokens[k - 1]
            low = prev.low
            if low in lx.CUE_LEMMA or low in lx.AUXILIARIES or not (prev.is_word or low in {"’s", "'s"}):
                break
            k -= 1
        return k if k > 0 and tokens[k - 1].text in FRONT_END else subject.first

    @cached_property
    def has_front(self) -> bool:
        """Whether content stands before the source phrase, closed by a comma or a quotation mark."""
        return (
            self.subject is not None
            and self.subject_start > 0
            and self.a.tokens[self.subject_start - 1].text in FRONT_END
        )

    @cached_property
    def split_quote(self) -> bool:
        """'“A,” X said, “B.”': the quotation after the cue continues the one before the source."""
        subject = self.subject
        return (
            self.quote_after_cue is not None
            and subject is not None
            and self.has_front
            and front_is_quote(self.a.tokens, self.subject_start, self.quotes)
        )

    @cached_property
    def content_after_is_tail(self) -> bool:
        tokens = self.a.tokens
        return is_tail(tokens, self.cue.last + 1) or is_tail(tokens, object_end(tokens, self.cue))

    def candidate(
        self, construction: str, mention: Mention, start: int, end: int, *, tail_first: int | None
    ) -> Candidate | str:
        """The candidate for content ``[start, end)``, narrowed to a quotation it consists of."""
        if end <= start:
            return "the content would be empty"
        return shape_content(construction, mention, self.cue, start, end, self.quotes, self.body, tail_first)


Build = Callable[[Site], "Candidate | str"]


@dataclass(frozen=True, slots=True)
class Construction:
    name: str
    example: str  # an invented sentence in this shape
    build: Build


# According to ---------------------------------------------------------------------------------


def _according_front(site: Site) -> Candidate | str:
    if site.cue.lemma in lx.RELAYED_LEMMAS:
        return "the source follows 'from'"
    a, cue, body = site.a, site.cue, site.body
    tokens = a.tokens
    if cue.lemma != "according":
        return "the cue is not 'according to'"
    lead = [t for t in tokens[: cue.first] if t.text not in OPEN_MARKS and t.text != ","]
    if any(t.low not in lx.SENTENCE_LINKERS for t in lead):
        return "'according to' does not open the sentence"  # 'But according to X, …' still does
    mention = _according_to_whom(a, cue.last + 1, body)
    if mention is None:
        return "no source phrase after 'according to'"
    k = mention.last + 1
    n = len(tokens)
    while k < n and tokens[k].text != ",":
        k += 1
    if k >= n - 1:
        return "no comma closes the source phrase"
    start, end = content_bounds(body, tokens[k].end, site.s_end)
    return site.candidate("according to X, content", mention, start, end, tail_first=mention.last + 1)


def _according_to_whom(a: Analysed, k: int, body: str) -> Mention | None:
    """The source after 'according to': a phrase, or a pronoun standing alone ('According to him, …')."""
    tokens = a.tokens
    if k < len(tokens) and tokens[k].low in lx.OBJECT_PRONOUNS and (k + 1 == len(tokens) or not tokens[k + 1].is_word):
        return Mention("pronoun", k, k, text=lx.OBJECT_PRONOUNS[tokens[k].low])
    return mention_after(a, k, body)


def _according_back(site: Site) -> Candidate | str:
    a, cue, body = site.a, site.cue, site.body
    if cue.lemma != "according":
        return "the cue is not 'according to'"
    mention = _according_to_whom(a, cue.last + 1, body)
    if mention is None:
        return "no source phrase after 'according to'"
    tokens = a.tokens
    after = mention.last + 1
    if cue.first > 0 and tokens[cue.first - 1].text == "," and after + 1 < len(tokens) and tokens[after].text == ",":
        # 'The meeting, according to the ministry, discussed …': the parenthesis sits inside the content
        start, end = content_bounds(body, site.s_start, site.s_end)
    else:
        start, end = content_bounds(body, site.s_start, tokens[cue.first].start)
    return site.candidate("content, according to X", mention, start, end, tail_first=mention.last + 1)


# Source, then cue ------------------------------------------------------------------------------


def _source_before(site: Site) -> Mention | str:
    """The source phrase before the cue, or why there is none."""
    if site.cue.lemma in lx.RELAYED_LEMMAS:
        return "the source follows 'from'"
    subject = site.subject
    return "no source phrase before the cue" if subject is None else subject


def _source_cue_quote(site: Site) -> Candidate | str:
    quote = site.quote_after_cue
    subject = _source_before(site)
    if isinstance(subject, str) or quote is None:
        return subject if isinstance(subject, str) else "no quotation right after the cue"
    if site.split_quote:
        return "the quotation continues one before the source"
    start, stop = content_bounds(site.body, quote.start, quote_end(quote))
    if stop <= start:
        return "the quotation is empty"
    return Candidate("X said: “quotation”", site.cue, subject, start, stop, quote_only=True, had_earlier=site.earlier)


def _content_source_cue(site: Site) -> Candidate | str:
    subject = _source_before(site)
    if isinstance(subject, str):
        return subject
    if not site.has_front:
        return "nothing stands before the source phrase"
    if not (site.split_quote or site.content_after_is_tail):
        return "content follows the cue"
    tokens = site.a.tokens
    if tokens[-1].text == ":" and not site.split_quote:
        return "a colon closing the sentence announces the words that follow"
    k = front_end(tokens, site.subject_start)
    if k is None:
        return "nothing stands before the source phrase"
    start, end = content_bounds(site.body, site.s_start, tokens[k].end)
    if _interrupted(site, k):
        # 'The deal, he added, would be signed next week': the attribution splits one clause
        start, end = content_bounds(site.body, site.s_start, site.s_end)
    found = site.candidate("content, X said", subject, start, end, tail_first=site.cue.last + 1)
    if isinstance(found, Candidate):
        found.had_earlier = site.earlier
        if _extend_with_participle(site, found):
            # '…, X said, adding: “…”': a quotation a participle introduces is the content
            added = shape_content(
                found.construction, subject, site.cue, found.start, found.end, site.quotes, site.body, None
            )
            if added.quote_only:
                found.start, found.end, found.quote_only, found.cue = added.start, added.end, True, added.cue
        _extend_split_quote(found, tokens[site.cue.last].end, site)
    return found


def _interrupted(site: Site, front_last: int) -> bool:
    """Whether a source and cue between commas split one clause: the words before them have no
    verb, and after the comma that closes them a verb phrase runs on ('would be signed')."""
    tokens = site.a.tokens
    after = site.cue.last + 1
    if after + 1 >= len(tokens) or tokens[after].text != ",":
        return False
    rest = tokens[after + 1].low
    if rest in lx.PARTICIPLE_CUES or rest in lx.TAIL_STARTS or rest in lx.CUE_LEMMA:
        return False
    front_first = next((i for i, t in enumerate(tokens) if t.start >= site.s_start), 0)
    # 'There was, he said, no evidence': a front ending on a copula or an auxiliary is no clause
    unfinished = front_last >= 0 and tokens[front_last].low in lx.PRESENT_OR_FUTURE | {"was", "were", "had"}
    if unfinished:
        return True
    return not has_finite_verb(tokens, front_first, front_last) and has_finite_verb(tokens, after + 1, len(tokens) - 1)


def _source_cue_clause(site: Site) -> Candidate | str:
    subject = _source_before(site)
    if isinstance(subject, str):
        return subject
    tokens = site.a.tokens
    j = clause_start(tokens, site.cue)
    if j >= len(tokens):
        return "the sentence ends at the cue"
    if tokens[-1].text == ":" and any(t.low == "following" for t in tokens[j : j + 3]):
        return "'the following:' announces the words of the next paragraphs"
    start, end = content_bounds(site.body, tokens[j].start, _relay_cut(site.a, j, site.body, site.s_end))
    found = site.candidate("X said (that) content", subject, start, end, tail_first=site.cue.last + 1)
    if isinstance(found, Candidate):
        found.had_earlier = site.earlier
        # 'Varma wrote on X: Fruitful talks …' — words after a colon are the speaker's own
        colon = site.body[tokens[site.cue.last].end : start].rstrip()
        found.quote_only = found.quote_only or (colon.endswith(":") and ":" not in site.body[start:end][:2])
    return found


# Cue, then source ------------------------------------------------------------------------------


def _content_cue_source(site: Site) -> Candidate | str:
    if site.cue.lemma in lx.RELAYED_LEMMAS:
        return "the source follows 'from'"
    if site.subject is not None:
        return "a source phrase stands before the cue"
    a, cue, body = site.a, site.cue, site.body
    tokens = a.tokens
    if tokens[cue.first].low.endswith("ing"):
        return "a participle after a comma ('…, urging Colombo to act') has no source after it"
    prev = tokens[cue.first - 1].text if cue.first > 0 else ""
    if not (prev in FRONT_END or (cue.first > 1 and tokens[cue.first - 2].text in CLOSE_MARKS)):
        return "no content closed by a comma or a quotation mark before the cue"
    mention = mention_after(a, cue.last + 1, body)
    if mention is None:
        return "no source phrase after the cue"
    k = front_end(tokens, cue.first)
    if k is None:
        return "nothing stands before the cue"
    start, end = content_bounds(body, site.s_start, tokens[k].end)
    after = mention.last + 1
    if after < len(tokens) and tokens[after].text == ":":
        quote = quote_starting_after(body, site.quotes, tokens[after].end)
        if quote is not None:
            # '…, said Brauer: “We know our duty …”': the quotation is the content
            qs, qe = content_bounds(body, quote.start, quote_end(quote))
            return Candidate("content, said X", cue, mention, qs, qe, quote_only=True, tail_first=None)
    found = site.candidate("content, said X", mention, start, end, tail_first=mention.last + 1)
    if isinstance(found, Candidate):
        _extend_with_participle(site, found, after=mention.last + 1)
        _extend_split_quote(found, tokens[mention.last].end, site)
    return found


# Relayed -------------------------------------------------------------------------------------


def _relayed(site: Site) -> Candidate | str:
    """The source is named after 'from': 'Steppe Daily learned from the press service'."""
    a, cue, body = site.a, site.cue, site.body
    tokens = a.tokens
    if cue.lemma not in lx.RELAYED_LEMMAS:
        return "the cue names no source after 'from'"
    if cue.lemma in lx.QUOTING_LEMMAS:
        return "'quoted' names its source before 'as saying'"
    mention = mention_after(a, cue.last + 1, body)
    if mention is None:
        return "no source phrase after 'from'"
    reporter = site.subject
    if reporter is not None and site.has_front:
        k = front_end(tokens, reporter.first)
        if k is None:
            return "nothing stands before the reporter"
        start, end = content_bounds(body, site.s_start, tokens[k].end)
    elif mention.last + 1 < len(tokens) and tokens[mention.last + 1].low == "that":
        start, end = content_bounds(body, tokens[mention.last + 1].end, site.s_end)
    else:
        return "no content before the reporter or after 'that'"
    return site.candidate("content, X learned from Y", mention, start, end, tail_first=mention.last + 1)


def _quoted_as_saying(site: Site) -> Candidate | str:
    """'The agency quoted Ri as saying the drill was a warning': the one quoted speaks."""
    a, cue, body = site.a, site.cue, site.body
    tokens = a.tokens
    if cue.lemma not in lx.QUOTING_LEMMAS:
        return "the cue is not 'quoted' or 'cited'"
    mention = mention_after(a, cue.last + 1, body)
    if mention is None:
        return "no source phrase after 'quoted'"
    k = mention.last + 1
    if not (k + 1 < len(tokens) and tokens[k].low == "as" and tokens[k + 1].low in lx.PARTICIPLE_CUES | {"telling"}):
        return "no 'as saying' after the one quoted"
    k += 2
    if k < len(tokens) and tokens[k].low == "that":
        k += 1
    if k >= len(tokens) or is_tail(tokens, k):
        # '“…,” Radio Harbour reported Tovua as saying before the talks': the words come first
        first = front_end(tokens, site.gap_end + 1 if site.subject is None else site.subject_start)
        if first is None:
            return "nothing follows 'as saying' and nothing stands before the cue"
        start, end = content_bounds(body, site.s_start, tokens[first].end)
        return site.candidate("X quoted Y as saying content", mention, start, end, tail_first=k)
    start, end = content_bounds(body, tokens[k].start, site.s_end)
    return site.candidate("X quoted Y as saying content", mention, start, end, tail_first=None)


def _clause_then_participle(site: Site) -> Candidate | str:
    """'Quiroga defended the ban, saying the imports had hurt farmers': a clause whose verb
    is no cue, then a participle cue after a comma; the sentence's subject speaks."""
    a, cue, body = site.a, site.cue, site.body
    tokens = a.tokens
    if tokens[cue.first].low not in lx.PARTICIPLE_CUES or cue.first < 3:
        return "the cue is not a participle"
    if tokens[cue.first - 1].text != ",":
        return "no comma before the participle"
    subject = sentence_subject(a, cue.first - 1, body)
    if subject is None or subject.kind in {"vague", "joint"}:
        return "the sentence opens with no source phrase"
    j = clause_start(tokens, cue)
    if j >= len(tokens):
        return "the sentence ends at the participle"
    start, end = content_bounds(body, tokens[j].start, site.s_end)
    return site.candidate("X did Y, saying content", subject, start, end, tail_first=None)


CUE_CONSTRUCTIONS: tuple[Construction, ...] = (
    Construction(
        "X quoted Y as saying content",
        "The agency quoted the minister as saying talks would resume.",
        _quoted_as_saying,
    ),
    Construction("content, X learned from Y", "The talks went well, the agency learned from the ministry.", _relayed),
    Construction("according to X, content", "According to the ministry, the talks went well.", _according_front),
    Construction("content, according to X", "The talks went well, according to the ministry.", _according_back),
    Construction("X said: “quotation”", "Kiprono said: “The harvest was good.”", _source_cue_quote),
    Construction("content, X said", "The harvest was good, Kiprono said on Monday.", _content_source_cue),
    Construction("X said (that) content", "Kiprono said that the harvest was good.", _source_cue_clause),
    Construction("content, said X", "“The harvest was good,” said Kiprono.", _content_cue_source),
    Construction(
        "X did Y, saying content", "Kiprono defended the plan, saying it would feed millions.", _clause_then_participle
    ),
)


# Shaping the content ---------------------------------------------------------------------------


def shape_content(
    construction: str,
    mention: Mention,
    cue: Cue,
    start: int,
    end: int,
    quotes: list[Quote],
    body: str,
    tail_first: int | None,
) -> Candidate:
    """A candidate for ``[start, end)``: only the quotation when the content is one quotation, and
    the quotation a cue of its own introduces inside the content ('…, adding, “…”')."""
    inside = [q for q in quotes if q.start <= end and quote_end(q) >= start and q.open_at < end]
    for q in inside:
        q_end = quote_end(q)
        lead = body[start : q.open_at].strip(" ,:")
        trail = body[q_end:end].strip(TRAILING)
        if (q.open_at <= start or not lead) and (not trail or (len(trail.split()) <= 3 and q.open_at <= start)):
            s, e = content_bounds(body, q.start, q_end)
            return Candidate(construction, cue, mention, s, e, quote_only=True, tail_first=tail_first)
    for q in inside:
        before = body[start : q.open_at].rstrip()
        if before.endswith((":", ",")):
            words = before.rstrip(":,").split()
            if words and lx.CUE_LEMMA.get(words[-1].lower()) in lx.SAY_LIKE:
                s, e = content_bounds(body, q.start, quote_end(q))
                inner = Cue(cue.first, cue.last, "add", words[-1])
                return Candidate(construction, inner, mention, s, e, quote_only=True, tail_first=tail_first)
    return Candidate(construction, cue, mention, start, end, tail_first=tail_first)


def _extend_split_quote(found: Candidate, after: int, site: Site) -> None:
    """'“A,” he said, “B.”': one statement from A to B."""
    if not found.quote_only:
        return
    body = site.body
    for q in site.quotes:
        if after <= q.open_at < site.s_end:
            between = body[after : q.open_at]
            q_end = quote_end(q)
            # only punctuation between: ', adding that “…”' is a reported clause, not the same quotation
            if "," in between and not between.strip(" ,") and not body[q_end : site.s_end].strip(TRAILING):
                _, found.end = content_bounds(body, found.start, q_end)
            return


def _extend_with_participle(site: Site, found: Candidate, after: int | None = None) -> bool:
    """'A, he said, adding that B' is one statement running from A to B (unless A is a quotation);
    so is 'A, said Brauer – B, he added': one speaker, one sentence, one statement."""
    if found.quote_only:
        return False
    tokens = site.a.tokens
    start = site.cue.last + 1 if after is None else after
    for k in range(start, len(tokens) - 1):
        low = tokens[k].low
        participle = low in lx.CONTINUING_PARTICIPLES and tokens[k - 1].text == ","
        again = lx.CUE_LEMMA.get(low) in lx.SAY_LIKE and tokens[k - 1].low in {"he", "she"}
        if participle or again:
            _, end = content_bounds(site.body, tokens[k].end if participle else tokens[k - 1].start, site.s_end)
            end = site.s_end if again else end
            _, end = content_bounds(site.body, found.start, end)
            if end > found.end:
                found.end = end
                return True
            return False
    return False


def _relay_cut(a: Analysed, j: int, body: str, s_end: int) -> int:
    """End of content that a relaying source closes: '…, the foreign ministry said.'"""
    tokens = a.tokens
    cues = find_cues(a)
    for cue in cues:
        if cue.first <= j:
            continue
        if cue.lemma == "according" and tokens[cue.first - 1].text == ",":
            # '…, according to Chinese state media.' closes the sentence whoever the source is
            if not any(c.first > cue.last for c in cues):
                return tokens[cue.first - 1].start
            continue
        gap_end, _ = skip_gap_back(tokens, cue.first - 1)
        mention = mention_before(a, gap_end, body)
        if (
            mention is not None
            and mention.first > j
            and tokens[mention.first - 1].text == ","
            and is_tail(tokens, cue.last + 1)
        ):
            return tokens[mention.first - 1].start
        if tokens[cue.first - 1].text == "," and mention_after(a, cue.last + 1, body) is not None:
            return tokens[cue.first - 1].start
    return s_end


# Sentence-level constructions ------------------------------------------------------------------


def colon_quote(a: Analysed, quotes: list[Quote], body: str) -> Candidate | str:
    """'Halvorsen’s reply left no doubt: “…”': a quotation after a colon, its owner the subject."""
    tokens = a.tokens
    for k, tok in enumerate(tokens):
        if tok.text != ":":
            continue
        quote = quote_starting_after(body, quotes, tok.end)
        if quote is None:
            continue
        # the first name of the sentence, possessive or subject
        for run in a.runs:
            if run[0] > k:
                break
            nxt = tokens[run[1] + 1].text if run[1] + 1 < len(tokens) else ""
            if run[0] > 1 and tokens[run[0] - 1].low not in {"the", ","}:
                continue
            mention = mention_before(a, run[1], body)
            if mention is None or mention.kind != "person":
                continue
            cue_text = tokens[run[1] + 2].text if nxt in {"’s", "'s"} and run[1] + 2 < len(tokens) else ":"
            start, stop = content_bounds(body, quote.start, quote_end(quote))
            return Candidate("X…: “quotation”", Cue(k, k, "colon", cue_text), mention, start, stop, quote_only=True)
        return "no person opens the sentence before the colon"
    return "no quotation after a colon"


SentenceBuild = Callable[[Analysed, list[Quote], str], "Candidate | str"]


@dataclass(frozen=True, slots=True)
class SentenceConstruction:
    name: str
    example: str
    build: SentenceBuild


SENTENCE_CONSTRUCTIONS: tuple[SentenceConstruction, ...] = (
    SentenceConstruction("X…: “quotation”", "Kiprono’s answer was short: “No.”", colon_quote),
)
