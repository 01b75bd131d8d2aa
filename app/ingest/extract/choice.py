"""One sentence read: cues found, constructions tried, checks run, one candidate chosen.

Preference among competing candidates, in order:
1. cue candidates before sentence-level ones (a quotation after a colon is read only when no cue
   of the sentence gave a candidate);
2. a candidate whose content holds the cue of a country or an institution reports it: 'Hanoi
   expects more trade, said the Prime Minister' is the Prime Minister's, not Hanoi's; but a person
   named inside keeps the words, before or after the relaying institution ('Zhou urged Tokyo to
   act, the ministry said', 'the broadcaster reported he said …' are the person's);
3. the earlier cue in the sentence: the main clause's verb comes before the cues of what it
   reports ('Tang said Zhou had warned that …' is Tang's);
4. within a cue, the first construction of ``CUE_CONSTRUCTIONS`` that applies;
5. the candidate must survive every check and its source must resolve to someone of the article.

Before the choice, two readings are set right: a clause with its own source and cue after ', and'
or ';' ends the content of the cue before it; and a country acting inside the words a later cue
attributes ('Kenya agreed …, the minister said') is not a source.
"""

from __future__ import annotations

from collections.abc import Callable

from app.ingest.extract import lexicon as lx
from app.ingest.extract.candidates import Candidate, CueTrace, Miss, SentenceTrace
from app.ingest.extract.checks import FRONT_CONSTRUCTIONS, run_candidate_checks, run_cue_checks
from app.ingest.extract.constructions import CUE_CONSTRUCTIONS, SENTENCE_CONSTRUCTIONS, Site
from app.ingest.extract.cues import find_cues
from app.ingest.extract.mentions import Analysed, Entity, Mention
from app.ingest.extract.text import Quote

Resolve = Callable[[Mention, int], Entity | None]


def read_sentence(a: Analysed, index: int, quotes: list[Quote], body: str, resolve: Resolve) -> SentenceTrace:
    """Every candidate of the sentence with its verdicts, and the one chosen (``trace.chosen``)."""
    trace = SentenceTrace(index)
    if not a.tokens:
        return trace
    sites: dict[int, Site] = {}
    for cue in find_cues(a):
        site = Site(a, cue, quotes, body)
        cue_trace = CueTrace(cue)
        trace.cues.append(cue_trace)
        failed = run_cue_checks(site)
        if failed is not None:
            cue_trace.rejected_by, cue_trace.reason = failed
            continue
        for construction in CUE_CONSTRUCTIONS:
            found = construction.build(site)
            if isinstance(found, str):
                cue_trace.misses.append(Miss(construction.name, found))
                continue
            run_candidate_checks(found, site)
            cue_trace.candidates.append(found)
            sites[id(found)] = site
            break
    _cut_at_coordinated_sources(trace.candidates(), sites, a)
    _reported_countries(trace.candidates(), a)
    if not any(c.rejected_by in {None, "named source"} for c in trace.candidates()):
        for sentence_construction in SENTENCE_CONSTRUCTIONS:
            found = sentence_construction.build(a, quotes, body)
            if isinstance(found, Candidate):
                trace.extra.append(found)
                break
    for cand in _preferred(trace.candidates(), a):
        if not cand.kept:
            continue
        entity = resolve(cand.mention, index)
        if entity is None:
            phrase = body[a.tokens[cand.mention.first].start : a.tokens[cand.mention.last].end]
            cand.reject("source resolves", f"'{phrase}' names no one of the article")
            continue
        cand.entity = entity
        trace.chosen = cand
        _join_coordinated(cand, trace.candidates())
        break
    return trace


def _reported_countries(candidates: list[Candidate], a: Analysed) -> None:
    """'Kenya agreed to cut the levies, the trade minister said': a country that acts inside
    someone's reported words is what is reported, not a source, even when that someone is not
    found."""
    for inner in candidates:
        if inner.mention.kind != "country" or not inner.kept:
            continue
        at = a.tokens[inner.cue.first].start
        fronts = [o for o in candidates if o is not inner and o.kept and o.construction in FRONT_CONSTRUCTIONS]
        if any(o.start <= at < o.end for o in fronts):
            inner.reject("reported by another source", "the country's act is the content of a later cue")


def _cut_at_coordinated_sources(candidates: list[Candidate], sites: dict[int, Site], a: Analysed) -> None:
    """'Mensah welcomed the delegation, and Minister Ruiz said …': a clause with a source and cue
    of its own, joined by ', and' or ';', ends the content of the cue before it, which is then
    judged again on what it says alone."""
    tokens = a.tokens
    for later in candidates:
        k = later.mention.first - 1
        if not later.kept or k < 1:
            continue
        if tokens[k].text == ";":
            cut = tokens[k].start
        elif tokens[k].low in lx.COORDINATORS and tokens[k - 1].text == ",":
            cut = tokens[k - 1].start
        else:
            continue
        for earlier in candidates:
            if earlier is later or earlier.construction != "X said (that) content" or id(earlier) not in sites:
                continue
            if earlier.start < cut < earlier.end and earlier.cue.last < later.mention.first:
                earlier.end = cut
                earlier.rejected_by, earlier.reason = None, ""
                run_candidate_checks(earlier, sites[id(earlier)])


JOINABLE = frozenset({None, "speech act without content", "stance without content"})


def _join_coordinated(chosen: Candidate, candidates: list[Candidate]) -> None:
    """'thanked X for Y and underlined Z': one subject, two coordinated cues, one statement that
    runs from the first cue's content, even when that cue alone would say too little."""
    for other in candidates:
        if (
            other is not chosen
            and other.cue.first < chosen.cue.first
            and other.construction == chosen.construction == "X said (that) content"
            and other.mention.first == chosen.mention.first
            and other.rejected_by in JOINABLE
            and other.start < chosen.start
        ):
            chosen.start, chosen.cue = other.start, other.cue
            return


def _preferred(candidates: list[Candidate], a: Analysed) -> list[Candidate]:
    """Candidates in order of preference: reporting ones first, then by cue position."""
    tokens = a.tokens

    def inside(inner: Candidate, outer: Candidate) -> bool:
        return (
            inner is not outer
            and inner.kept
            and outer.start <= tokens[inner.cue.first].start
            and tokens[inner.cue.last].end <= outer.end
        )

    def reports(outer: Candidate) -> bool:
        return any(inside(inner, outer) and inner.mention.kind in INSTITUTIONS for inner in candidates)

    def relays(outer: Candidate) -> bool:
        """An outlet, office or spokesperson passing on a person's words: 'the broadcaster reported
        he said …', 'the spokesman said in a statement that the minister stressed …'."""
        relaying = outer.mention.kind in INSTITUTIONS or "spokes" in (outer.mention.title or outer.mention.text).lower()
        return relaying and any(
            inside(inner, outer) and inner.mention.kind in {"person", "pronoun", "role"} for inner in candidates
        )

    return sorted(candidates, key=lambda c: (not (c.kept and reports(c)), c.kept and relays(c)))


INSTITUTIONS = frozenset({"country", "org", "document"})
