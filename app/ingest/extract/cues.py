"""Speech cues: the words that say someone spoke ('said', 'pointed out', 'according to').

A cue is found from the lexicon alone: a reporting verb in any inflection, with the particle or
object some verbs need ('called on', 'pointed out'), or 'according to'. Whether the cue really
reports speech is decided later, by the checks of ``checks.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.ingest.extract import lexicon as lx
from app.ingest.extract.mentions import Analysed
from app.ingest.extract.text import Token


@dataclass(frozen=True, slots=True)
class Cue:
    first: int
    last: int
    lemma: str
    text: str


def find_cues(a: Analysed) -> list[Cue]:
    """The speech cues of a sentence (computed once per sentence)."""
    cached = a.cache.get("cues")
    if cached is None:
        cached = a.cache["cues"] = _find_cues(a)
    return cached  # type: ignore[return-value]


def _find_cues(a: Analysed) -> list[Cue]:
    tokens = a.tokens
    n = len(tokens)
    cues = []
    i = 0
    while i < n:
        tok = tokens[i]
        low = tok.low
        if low == "according" and i + 1 < n and tokens[i + 1].low == "to":
            cues.append(Cue(i, i + 1, "according", "according to"))
            i += 2
            continue
        renewed = _renewed_call(tokens, i) if low in lx.CALL_RENEWING else None
        if renewed is not None:
            # 'renewed its call for …', 'repeated their calls on …': the call is the cue
            cues.append(Cue(i, renewed, "call", " ".join(t.text for t in tokens[i : renewed + 1])))
            i = renewed + 1
            continue
        lemma = lx.CUE_LEMMA.get(low)
        if lemma is None or (tok.is_cap and i > 0):
            i += 1
            continue
        if i > 0 and tokens[i - 1].low in lx.NOUN_MARKERS:
            i += 1
            continue
        last = i
        text = tok.text
        particles = lx.PARTICLE_CUES.get(lemma)
        if particles:
            nxt = tokens[i + 1].low if i + 1 < n else ""
            quoted_later = lemma == "call" and any(t.text in {"“", '"'} for t in tokens[i + 1 : i + 8])
            if nxt not in particles and not quoted_later:
                i += 1
                continue
            if quoted_later and nxt not in particles:
                cues.append(Cue(i, i, lemma, tok.text))  # 'called the visit "a disappointment"'
                i += 1
                continue
            last = i + 1
            text = f"{tok.text} {tokens[i + 1].text}"
        elif lemma == "respond" and i + 2 < n and tokens[i + 1].low == "by":
            last = i + 2
            text = " ".join(t.text for t in tokens[i : i + 3])
        cues.append(Cue(i, last, lemma, text))
        i = last + 1
    return cues


def _renewed_call(tokens: list[Token], i: int) -> int | None:
    """For 'renewed its call for' starting at ``i``: the index of its particle."""
    n = len(tokens)
    if tokens[i].low not in lx.CALL_RENEWING or i + 3 >= n:
        return None
    if tokens[i + 1].low not in {"its", "his", "her", "their", "a"}:
        return None
    if tokens[i + 2].low not in {"call", "calls", "appeal", "appeals", "demand", "demands"}:
        return None
    window = [t.low for t in tokens[i + 3 : i + 9]]
    for particle in ("for", "that", "to"):  # 'renewed its call on Monday for'
        if particle in window:
            return i + 3 + window.index(particle)
    if window and window[0] in {"on", "upon"} and len(window) > 1 and window[1] not in lx.WEEKDAY_SET:
        return i + 3  # 'renewed its call on the parties to …'
    return None
