"""Comparable forms of names: accents dropped, case folded, punctuation removed.

The one home of accent folding, for the extractor (within an article) and for storage and speaker
resolution (across articles) alike: ``fold`` keeps letters (Unicode), ``ascii_fold`` transliterates
to ASCII words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_NON_WORD = re.compile(r"[^\w]+")


def strip_accents(text: str) -> str:
    """'Vučić' -> 'Vucic': letters without their combining marks, case kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case and accent-free: the form single name words are compared in."""
    return strip_accents(text).lower()


def ascii_fold(text: str) -> str:
    """ASCII words in lower case, one space apart: letters transliterated, anything else a
    separator ('Côte d’Ivoire' -> 'cote d ivoire', 'Zelenskyy' stays, 'Ердоган' -> 'erdogan')."""
    return " ".join("".join(c if c.isalnum() else " " for c in anyascii(text).lower()).split())


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Lower-case, accents and punctuation dropped, a leading 'the' removed: 'the Kremlin' -> 'kremlin'."""
    words = _NON_WORD.sub(" ", fold(name)).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
