"""Whether words form a clause: a rough test for a finite verb, without a part-of-speech model.

Good enough to tell reported speech ('the talks will resume') from a bare adverbial ('Today'),
an anaphor ('this') or an apposition ('the sister of the leader').
"""

from __future__ import annotations

from app.ingest.extract import lexicon as lx
from app.ingest.extract.text import Token


def _verb_like(tok: Token, prev: str) -> bool:
    low = tok.low
    if low in lx.AUXILIARIES or (low in lx.IRREGULAR_PAST and not tok.is_cap):
        return True
    if not tok.is_word or tok.is_cap:
        return False
    if low.endswith("ed") and len(low) > 4:
        return True
    # 'needs', 'remains': a third-person verb, unless a determiner makes it a plural noun ('the talks')
    # or 'to' an infinitive; 'pass' and 'address' end in a double s
    return (
        low.endswith("s")
        and not low.endswith("ss")
        and len(low) > 3
        and low not in lx.NOT_VERB_S
        and prev not in lx.SUBJECT_STARTS
        and prev not in lx.PREPOSITIONS  # 'within hours', 'for years': a noun after a preposition
        and prev != "to"
    )


def _plural_present(tokens: list[Token], k: int, last: int) -> bool:
    """'we need', 'Russia and Hungary intend to': a bare verb after a subject pronoun, or after a
    name when 'to' or 'that' follows it."""
    tok = tokens[k]
    if k == 0 or tok.is_cap or not tok.is_word or not tok.low.isalpha() or tok.low in lx.NOT_NAME_WORDS:
        return False
    prev = tokens[k - 1]
    if prev.low in {"we", "they", "i", "you"}:
        return not tok.low.endswith("ly")
    nxt = tokens[k + 1].low if k < last else ""
    return prev.is_cap and prev.is_word and nxt in {"to", "that"}


def has_finite_verb(tokens: list[Token], first: int, last: int) -> bool:
    """Whether tokens ``[first, last]`` look like a clause rather than a bare phrase ('Today', 'this')."""
    prev = ""
    for k in range(first, last + 1):
        tok = tokens[k]
        if _verb_like(tok, prev) or (k > first and _plural_present(tokens, k, last)):
            return True
        prev = tok.low
    return False
