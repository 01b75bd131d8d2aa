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
        and prev != "to"
    )


def has_finite_verb(tokens: list[Token], first: int, last: int) -> bool:
    """Whether tokens ``[first, last]`` look like a clause rather than a bare phrase ('Today', 'this')."""
    prev = ""
    for tok in tokens[first : last + 1]:
        if _verb_like(tok, prev):
            return True
        prev = tok.low
    return False
