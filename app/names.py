"""Comparable forms of names: accents dropped, case folded, punctuation removed.

The one home of accent folding, for the extractor (within an article) and for storage (across
articles) alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+")


def strip_accents(text: str) -> str:
    """'Vučić' -> 'Vucic': letters without their combining marks, case kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case and accent-free: the form single name words are compared in."""
    return strip_accents(text).lower()


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Lower-case, accents and punctuation dropped, a leading 'the' removed: 'the Kremlin' -> 'kremlin'."""
    words = _NON_WORD.sub(" ", fold(name)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
