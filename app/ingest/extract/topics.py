"""Topic tagging from a taxonomy given as data (slug -> keywords)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


def _keyword_pattern(keyword: str) -> str:
    """A keyword as a regex: word boundaries, flexible spaces, a trailing ``*`` for any ending."""
    stem = keyword.strip()
    wildcard = stem.endswith("*")
    stem = stem.rstrip("*")
    body = r"\s+".join(re.escape(part) for part in stem.split())
    tail = r"[\w-]*" if wildcard else ""
    return rf"(?<![\w-]){body}{tail}(?![\w-])"


@dataclass(frozen=True)
class Taxonomy:
    """Compiled keyword patterns per topic slug, in the taxonomy's order."""

    patterns: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...]

    @classmethod
    def from_keywords(cls, topics: Mapping[str, Iterable[str]]) -> Taxonomy:
        compiled = []
        for slug, keywords in topics.items():
            # '-Security Council': words that must not count for this topic ('security' in it).
            excluded = [k[1:] for k in keywords if k.startswith("-")]
            keywords = [k for k in keywords if not k.startswith("-")]
            # Keywords written in capitals (UN, WHO, AI) are acronyms: they match case-sensitively.
            folded = [k for k in keywords if not _is_acronym(k)]
            exact = [k for k in keywords if _is_acronym(k)]
            loose = re.compile("|".join(map(_keyword_pattern, folded)), re.IGNORECASE) if folded else None
            strict = re.compile("|".join(map(_keyword_pattern, exact))) if exact else None
            mask = re.compile("|".join(map(_keyword_pattern, excluded)), re.IGNORECASE) if excluded else None
            compiled.append((slug, loose or re.compile(r"(?!)"), strict, mask))
        return cls(tuple(compiled))

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug, _, _, _ in self.patterns)

    def tag(self, text: str) -> tuple[str, ...]:
        """The slugs whose keywords occur in ``text``."""
        found = []
        for slug, loose, strict, mask in self.patterns:
            subject = mask.sub(" ", text) if mask is not None else text
            if loose.search(subject) or (strict is not None and strict.search(subject)):
                found.append(slug)
        return tuple(found)


def _is_acronym(keyword: str) -> bool:
    letters = [c for c in keyword.rstrip("*") if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(letters) <= 6
