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
from app.ingest.extract.spans import FRONT_END, clause_start, quote_starting_after


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
    word = site.a.tokens[site.cue.first].text.lower()
    if (
        site.cue.lemma != "according"
        and site.before in lx.PASSIVE_BEFORE
        and word.endswith(("ed", "told", "said", "asked", "spoke", "cast"))
    ):
        return f"'{site.before} {word}' is passive"
    return None


CUE_CHECKS: tuple[Check, ...] = (
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
    follows_clause = tokens[j - 1].text.lower() in {"that", ":"} if j > 0 else False
    later = any(lx.CUE_LEMMA.get(t.text) in lx.SAY_LIKE or t.text in lx.PARTICIPLE_CUES for t in tokens[cue.last + 1 :])
    starts_quote = quote_starting_after(site.body, site.quotes, tokens[j - 1].end if j > 0 else site.s_start)
    if follows_clause or later or starts_quote:
        return None
    return f"'{cue.text}' without a clause or quotation is a speech act, not a statement"


def _stance_without_content(cand: Candidate, site: Site) -> str | None:
    """'rejected the criticism' is a stance; 'dismissed the offer as …' or a that-clause carry content."""
    cue = site.cue
    if cand.construction != "X said (that) content" or cue.lemma not in lx.OBJECT_LEMMAS:
        return None
    tokens = site.a.tokens
    j = clause_start(tokens, cue)
    rest = [t.text.lower() for t in tokens[j:]]
    carries = (
        (j > 0 and tokens[j - 1].text.lower() in {"that", ":"})
        or "that" in rest[:1]
        or "as" in rest
        or any(w in lx.PARTICIPLE_CUES for w in rest)
        or quote_starting_after(site.body, site.quotes, tokens[j - 1].end if j > 0 else site.s_start)
        or sum(1 for t in tokens[j:] if t.is_word) >= 8
    )
    return None if carries else f"'{cue.text}' with only an object says too little"


CANDIDATE_CHECKS: tuple[Check, ...] = (
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
