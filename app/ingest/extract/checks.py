"""Named checks that keep or reject cues and candidates.

Each check says, in its name and its reason, why a reading is not a statement. Cue checks run
before any construction reads the cue; candidate checks run on every candidate a construction
builds; source checks run once the source phrase has been resolved to someone of the article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.ingest.extract import lexicon as lx
from app.ingest.extract.candidates import Candidate
from app.ingest.extract.constructions import Site
from app.ingest.extract.spans import FRONT_END, bare_clause_at, clause_start, quote_starting_after
from app.ingest.extract.text import Token
from app.ingest.extract.verbs import has_finite_verb


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    doc: str
    run: Callable[..., str | None]  # the reason it fails, or None


# Cue checks ------------------------------------------------------------------------------------


def _describing(site: Site) -> str | None:
    """'a declaration expressing concern': a participle right after a noun describes it."""
    tokens = site.a.tokens
    cue = site.cue
    if cue.lemma == "according" or not tokens[cue.first].text.endswith("ing"):
        return None
    gap_end = site.gap_end
    if (
        gap_end == cue.first - 1
        and gap_end >= 0
        and site.before not in lx.PASSIVE_BEFORE
        and tokens[gap_end].text not in FRONT_END
    ):
        return f"'{tokens[cue.first].text}' describes the noun before it"
    return None


def _not_yet_said(site: Site) -> str | None:
    """'will tell', 'is expected to say', 'could announce': nothing has been said yet."""
    if site.cue.lemma != "according" and site.before in lx.NOT_SAID_BEFORE:
        return f"'{site.before}' before the cue: not said (yet)"
    return None


def _passive(site: Site) -> str | None:
    """'was told', 'were urged', 'is said to': the subject is the listener, not the speaker."""
    word = site.a.tokens[site.cue.first].low
    if (
        site.cue.lemma != "according"
        and site.before in lx.PASSIVE_BEFORE
        and word.endswith(("ed", "told", "said", "asked", "spoke", "cast"))
    ):
        return f"'{site.before} {word}' is passive"
    return None


def _needs_quotation(site: Site) -> str | None:
    """'He continued, “…”' reports speech; 'talks continued' does not."""
    if site.cue.lemma not in lx.QUOTE_ONLY_LEMMAS or site.quote_after_cue is not None:
        return None
    return f"'{site.cue.text}' is a cue only before a quotation"


def _quoted(site: Site) -> str | None:
    """'“No one asked us,” said the envoy': a cue inside a closed quotation belongs to the quoted
    words, which the cue outside the quotation attributes."""
    at = site.a.tokens[site.cue.first].start
    if any(q.close_at is not None and q.start <= at < q.close_at for q in site.quotes):
        return f"'{site.cue.text}' is inside a quotation"
    return None


CUE_CHECKS: tuple[Check, ...] = (
    Check("cue inside a quotation", "'“No one asked us,” said the envoy'", _quoted),
    Check("cue needs a quotation", "'the talks continued'", _needs_quotation),
    Check("participle describes a noun", "'a declaration expressing concern'", _describing),
    Check("not said yet", "'will tell', 'could announce'", _not_yet_said),
    Check("passive cue", "'was told', 'is said to'", _passive),
)


# Candidate checks ------------------------------------------------------------------------------


def _act_without_content(cand: Candidate, site: Site) -> str | None:
    """'thanked X for …' alone is a courtesy; with a clause, a quotation or a later 'and said' it speaks."""
    cue = site.cue
    if cand.construction != "X said (that) content" or not (
        cue.lemma in lx.ACT_LEMMAS or cue.lemma in lx.CLAUSE_ONLY_LEMMAS
    ):
        return None
    tokens = site.a.tokens
    j = clause_start(tokens, cue)
    follows_clause = tokens[j - 1].low in {"that", ":"} if j > 0 else False
    said = tokens[cue.last + 1 :]
    later = any(
        (lx.CUE_LEMMA.get(t.text) in lx.SAY_LIKE or t.text in lx.PARTICIPLE_CUES) and t.end <= cand.end for t in said
    )
    starts_quote = quote_starting_after(site.body, site.quotes, tokens[j - 1].end if j > 0 else site.s_start)
    if follows_clause or later or starts_quote:
        return None
    if cue.lemma in lx.OPINION_LEMMAS and bare_clause_at(tokens, j):
        return None  # 'believes Dervishi will attend'
    if cue.lemma in lx.STANCE_LEMMAS and any(t.low in lx.STANCE_NOUNS for t in tokens[j : j + 4]):
        return None  # 'expressed support for the plan', 'conveyed her readiness to host'
    if cue.lemma in lx.COMPLEMENT_LEMMAS and _as_complement(tokens, j):
        return None  # 'welcomed the accord as a milestone'
    return f"'{cue.text}' without a clause or quotation is a speech act, not a statement"


def _as_complement(tokens: list[Token], j: int) -> bool:
    """'the accord as a milestone': an object, then 'as' and what the object is called."""
    for tok in tokens[j : j + 16]:
        if tok.text in {",", ";", "."}:
            return False
        if tok.low == "as":
            return True
    return False


def _stance_without_content(cand: Candidate, site: Site) -> str | None:
    """'rejected the criticism' is a stance; 'dismissed the offer as …' or a that-clause carry content."""
    cue = site.cue
    if cand.construction != "X said (that) content" or cue.lemma not in lx.OBJECT_LEMMAS:
        return None
    tokens = site.a.tokens
    j = clause_start(tokens, cue)
    rest = [t.low for t in tokens[j:] if t.end <= cand.end]
    carries = (
        (j > 0 and tokens[j - 1].low in {"that", ":"})
        or "that" in rest[:1]
        or "as" in rest
        or any(w in lx.PARTICIPLE_CUES for w in rest)
        or quote_starting_after(site.body, site.quotes, tokens[j - 1].end if j > 0 else site.s_start)
        or sum(1 for t in tokens[j:] if t.is_word and t.end <= cand.end) >= 8
    )
    return None if carries else f"'{cue.text}' with only an object says too little"


FRONT_CONSTRUCTIONS = frozenset(
    {
        "content, X said",
        "content, said X",
        "content, according to X",
        "according to X, content",
        "content, X learned from Y",
    }
)


def _not_a_clause(cand: Candidate, site: Site) -> str | None:
    """'Today, the minister said …' or 'ZBN reports this': reported speech is a clause, not an adverb or 'this'."""
    if cand.quote_only:
        return None
    tokens = site.a.tokens
    inside = [i for i, t in enumerate(tokens) if cand.start <= t.start and t.end <= cand.end]
    if not inside:
        return "the content holds no words"
    words = [tokens[i].low for i in inside if tokens[i].is_word]
    if (
        words
        and words[0] in {"this", "so", "it"}
        and len(words) <= 6
        and not has_finite_verb(tokens, inside[0], inside[-1])
    ):
        return f"the content '{' '.join(words)}' only points back at something"
    if cand.construction in FRONT_CONSTRUCTIONS and not has_finite_verb(tokens, inside[0], inside[-1]):
        return "the words before the source are not a clause"
    return None


def _only_circumstance(cand: Candidate, site: Site) -> str | None:
    """'replied later that evening', 'responded within hours in a post': when and where someone
    answered is not what they said."""
    if cand.quote_only or cand.construction != "X said (that) content":
        return None
    tokens = site.a.tokens
    inside = [i for i, t in enumerate(tokens) if cand.start <= t.start and t.end <= cand.end]
    if not inside or tokens[inside[0]].low not in lx.CIRCUMSTANCE_STARTS:
        return None
    if has_finite_verb(tokens, inside[0], inside[-1]) or any(tokens[i].low == "to" for i in inside):
        return None
    return "the words after the cue only say when or where"


def _courtesy_call(cand: Candidate, site: Site) -> str | None:
    """'called on President Chen' is a visit; 'called on both sides to talk' asks for something."""
    cue = site.cue
    if cue.lemma != "call" or cue.first == cue.last or site.a.tokens[cue.last].low not in {"on", "upon"}:
        return None
    tokens = site.a.tokens
    rest = tokens[cue.last + 1 :]
    if not rest or not (rest[0].is_cap or rest[0].low in lx.HONORIFICS):
        return None
    if any(t.low == "to" for t in rest[:15]):
        return None
    return f"'{cue.text} {rest[0].text}' is a visit, not speech"


CANDIDATE_CHECKS: tuple[Check, ...] = (
    Check("courtesy call", "'called on President Chen'", _courtesy_call),
    Check("content is a clause", "'Today, the minister said'; 'reports this'", _not_a_clause),
    Check("content is only circumstance", "'responded within hours in a post'", _only_circumstance),
    Check("speech act without content", "'thanked the hosts for their welcome'", _act_without_content),
    Check("stance without content", "'rejected the criticism'", _stance_without_content),
)


# Source checks ---------------------------------------------------------------------------------


def _named_source(cand: Candidate) -> str | None:
    """'analysts said', 'the two leaders agreed': nobody in particular, or several at once."""
    if cand.mention.kind == "vague":
        return "the source is unnamed"
    if cand.mention.kind == "joint":
        return "the source is several parties at once"
    return None


SOURCE_CHECKS: tuple[Check, ...] = (Check("named source", "'analysts said', 'both sides said'", _named_source),)


def run_cue_checks(site: Site) -> tuple[str, str] | None:
    for check in CUE_CHECKS:
        reason = check.run(site)
        if reason:
            return check.name, reason
    return None


def run_candidate_checks(cand: Candidate, site: Site) -> None:
    for check in CANDIDATE_CHECKS:
        reason = check.run(cand, site)
        if reason:
            cand.reject(check.name, reason)
            return
    for check in SOURCE_CHECKS:
        reason = check.run(cand)
        if reason:
            cand.reject(check.name, reason)
            return
