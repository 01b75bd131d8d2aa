"""Why each sentence did or did not give a statement: the extractor's trace, as text.

For every sentence: its cues, the checks that rejected a cue, each construction that did not apply
and why, each candidate with the check that rejected it or the speaker it resolved to, the
discourse rule that took the sentence (a transcript answer, a continued quotation), and the
statements it finally gave.
"""

from __future__ import annotations

from app.ingest.extract.candidates import Candidate, SentenceTrace
from app.ingest.extract.extractor import Extractor, Found, final_statements
from app.ingest.extract.topics import Taxonomy
from app.ingest.read import Article

WIDTH = 110


def _clip(text: str, width: int = WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _candidate_line(cand: Candidate, body: str, chosen: Candidate | None) -> str:
    content = _clip(body[cand.start : cand.end], 70)
    if not cand.kept:
        return f"    x {cand.construction}: {content!r} rejected by [{cand.rejected_by}] {cand.reason}"
    if cand is chosen and cand.entity is not None:
        return f"    * {cand.construction}: {cand.entity.name!r} said {content!r} (chosen)"
    return f"    + {cand.construction}: {content!r} kept, not chosen: an earlier candidate was"


def _trace_lines(trace: SentenceTrace, body: str, verbose: bool) -> list[str]:
    lines = []
    if trace.rule:
        lines.append(f"  rule: {trace.rule}" + (f" ({trace.note})" if trace.note else ""))
    for ct in trace.cues:
        lines.append(f"  cue {ct.cue.text!r} ({ct.cue.lemma})")
        if ct.rejected_by:
            lines.append(f"    x rejected by [{ct.rejected_by}] {ct.reason}")
        if verbose:
            lines.extend(f"    - {m.construction}: {m.reason}" for m in ct.misses)
        elif not ct.candidates and not ct.rejected_by:
            lines.append("    - no construction applies: " + "; ".join(f"{m.reason}" for m in ct.misses[-2:]))
        lines.extend(_candidate_line(c, body, trace.chosen) for c in ct.candidates)
    lines.extend(_candidate_line(c, body, trace.chosen) for c in trace.extra)
    if not trace.cues and not trace.extra and not trace.rule:
        lines.append("  no speech cue")
    return lines


def explain(article: Article, taxonomy: Taxonomy, *, verbose: bool = False) -> str:
    """The trace of extracting ``article``, sentence by sentence."""
    extractor = Extractor(article, taxonomy)
    found = extractor.run()
    kept = final_statements(found)
    by_sentence: dict[int, list[Found]] = {}
    for item in kept:
        by_sentence.setdefault(item.sentence, []).append(item)
    traces = {t.index: t for t in extractor.traces}
    body = article.body
    out = [f"{article.title} ({article.published.isoformat()})"]
    for paragraph in extractor.text.paragraphs:
        for sentence in paragraph.sentences:
            out.append("")
            out.append(f"[{paragraph.index}.{sentence.index}] {_clip(sentence.text)}")
            trace = traces.get(sentence.index)
            if trace is not None:
                out.extend(_trace_lines(trace, body, verbose))
            for item in by_sentence.get(sentence.index, []):
                date = item.date.isoformat() if item.date else "no date"
                said = _clip(body[item.start : item.end], 80)
                out.append(f"  => {item.entity.name} ({item.kind}, {date}; {item.rule}): {said!r}")
    return "\n".join(out) + "\n"
