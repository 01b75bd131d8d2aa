"""Topic tagging from a taxonomy given as data (slug -> keywords).

A keyword is a word or phrase matched on whole words, case-insensitively; a trailing ``*`` on a
word matches any ending ('relation*'); a keyword written in capitals is an acronym and matches as
written ('UN', 'WHO'); a keyword starting with ``-`` names a phrase whose words do not count for
the topic ('-Security Council' keeps 'security' in it from meaning defence).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

# Words, with their inner hyphens and apostrophes but not a possessive 's ('the EU’s' is 'EU').
WORD = re.compile(r"\w+(?:[-'’](?![sS]\b)\w+)*")


@dataclass(frozen=True, slots=True)
class Rule:
    slug: str
    words: tuple[tuple[str, bool], ...]  # (word, is_prefix)
    exact_case: bool
    exclude: bool

    def matches(self, words: list[str], lows: list[str], i: int) -> bool:
        if i + len(self.words) > len(words):
            return False
        seq = words if self.exact_case else lows
        for k, (word, prefix) in enumerate(self.words):
            got = seq[i + k]
            if not (got.startswith(word) if prefix else got == word):
                return False
        return True


def _is_acronym(keyword: str) -> bool:
    letters = [c for c in keyword.rstrip("*") if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters)


def _rule(slug: str, keyword: str) -> Rule | None:
    exclude = keyword.startswith("-")
    text = keyword[1:] if exclude else keyword
    exact_case = _is_acronym(text)
    parts = []
    for raw in text.split():
        prefix = raw.endswith("*")
        for word in WORD.findall(raw.rstrip("*")):
            parts.append((word if exact_case else word.lower(), False))
        if parts and prefix:
            parts[-1] = (parts[-1][0], True)
    return Rule(slug, tuple(parts), exact_case, exclude) if parts else None


@dataclass
class Taxonomy:
    """Keyword rules per topic slug, indexed by their first word, in the taxonomy's order."""

    slugs: tuple[str, ...]
    _exact: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    _prefix: dict[str, list[Rule]] = field(default_factory=lambda: defaultdict(list))
    _memo: dict[str, tuple[Rule, ...]] = field(default_factory=dict)

    @classmethod
    def from_keywords(cls, topics: Mapping[str, Iterable[str]]) -> Taxonomy:
        taxonomy = cls(tuple(topics))
        for slug, keywords in topics.items():
            for keyword in keywords:
                rule = _rule(slug, keyword)
                if rule is None:
                    continue
                first, prefix = rule.words[0]
                (taxonomy._prefix if prefix else taxonomy._exact)[first].append(rule)
        return taxonomy

    def _candidates(self, word: str, low: str) -> tuple[Rule, ...]:
        """Rules whose first word fits ``word`` (memoised: news vocabulary repeats)."""
        found = self._memo.get(word)
        if found is None:
            rules = [*self._exact.get(low, ())]
            if word != low:
                rules += self._exact.get(word, ())
            for size in range(1, len(low) + 1):
                rules += self._prefix.get(low[:size], ())
                if word != low:
                    rules += self._prefix.get(word[:size], ())
            found = tuple(rules)
            if len(self._memo) < 200_000:
                self._memo[word] = found
        return found

    def tag(self, text: str) -> tuple[str, ...]:
        """The slugs whose keywords occur in ``text``, in the taxonomy's order."""
        words = WORD.findall(text)
        lows = [w.lower() for w in words]
        hits: dict[str, list[tuple[int, int]]] = defaultdict(list)
        masks: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, (word, low) in enumerate(zip(words, lows, strict=True)):
            for rule in self._candidates(word, low):
                # a one-word rule found through the index matches already; longer ones are checked
                if len(rule.words) == 1 or rule.matches(words, lows, i):
                    (masks if rule.exclude else hits)[rule.slug].append((i, i + len(rule.words)))
        found = []
        for slug in self.slugs:
            masked = masks.get(slug, ())
            if any(not any(m0 <= h0 and h1 <= m1 for m0, m1 in masked) for h0, h1 in hits.get(slug, ())):
                found.append(slug)
        return tuple(found)
