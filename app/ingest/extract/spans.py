"""Where content starts and ends around a cue: clause boundaries, listeners, tails and quotations.

Helpers of the constructions; each answers one question about token positions of one sentence.
"""

from __future__ import annotations

from app.ingest.extract import lexicon as lx
from app.ingest.extract.cues import Cue
from app.ingest.extract.mentions import ends_clause
from app.ingest.extract.text import Quote, Token
from app.ingest.extract.verbs import has_finite_verb

TRAILING = " \t\n.,;:!?”’\"'»)–—-"
LEADING = " \t\n,;:–—"
# Tokens that close the part before a source phrase: '“…,” he said', '…, X said'.
FRONT_END = frozenset({",", "”", '"', "’", "'", "»"})
CLOSE_MARKS = frozenset("”’\"'»")
OPEN_MARKS = frozenset("“‘\"'«„")
GAP_BEFORE_CUE = lx.CUE_GAP_WORDS | {"not", "n’t", "n't", "once", "again"}


def parenthetical_start(tokens: list[Token], comma: int) -> int | None:
    """For ', in a statement,' or ', speaking through an interpreter,' ending at ``comma``: its start."""
    for j in range(comma - 1, max(-1, comma - 16), -1):
        if tokens[j].text == ",":
            inner = tokens[j + 1 : comma]
            if not inner:
                return None
            first = inner[0].low
            if first in lx.PARENTHETICAL_STARTS or (first.endswith("ing") and first not in {"thing", "king"}):
                return j
            return None
    return None


def skip_gap_back(tokens: list[Token], i: int) -> tuple[int, bool]:
    """Step left over adverbs, auxiliaries and parentheticals between a subject and its cue.

    Returns the token the source phrase must end at, and whether the gap said 'earlier' or 'had'.
    """
    earlier = False
    while i >= 0:
        low = tokens[i].low
        if low == ",":
            start = parenthetical_start(tokens, i)
            if start is not None and start > 0:
                i = start - 1
                continue
            break
        if low in {"earlier", "previously", "had"}:
            earlier = True
        if low in GAP_BEFORE_CUE:
            i -= 1
            continue
        # 'Chile yesterday asked', 'Tang on Monday said'
        if low in lx.WEEKDAY_SET:
            i -= 1
            if i >= 0 and tokens[i].low == "on":
                i -= 1
            continue
        # 'the ministry on Facebook said', 'Tang via X wrote': the medium, not the source
        if i >= 1 and tokens[i].is_cap and tokens[i - 1].low in {"on", "via"}:
            i -= 2
            continue
        # 'the Foreign Ministry in New Delhi said': where the institution sits, not the source
        k = i
        while k >= 0 and k > i - 3 and tokens[k].is_cap:
            k -= 1
        # (an embassy is named with its city: 'the Chilean embassy in Lima')
        if k < i and k >= 1 and tokens[k].low == "in" and tokens[k - 1].low in lx.ORG_HEADS - lx.MISSION_WORDS:
            i = k - 1
            break
        # 'Pedro Lima in Lisbon said': where a named person spoke
        named = k >= 2 and tokens[k - 1].is_cap and tokens[k - 2].is_cap and tokens[k - 1].low not in lx.ORG_HEADS
        if k < i and named and tokens[k].low == "in":
            i = k - 1
            break
        # 'was quoted as saying', 'was quoted by local media as saying'
        quoted = _quoted_before(tokens, i) if low == "as" else None
        if quoted is not None:
            i = quoted - 1
            if i >= 0 and tokens[i].low in {"was", "is", "been", "were"}:
                i -= 1
            continue
        break
    return i, earlier


def _quoted_before(tokens: list[Token], as_at: int) -> int | None:
    """For the 'as' of 'quoted (by local media) as saying': the index of 'quoted'."""
    for k in range(as_at - 1, max(-1, as_at - 8), -1):
        low = tokens[k].low
        if low == "quoted":
            return k if k == as_at - 1 or tokens[k + 1].low == "by" else None
        if tokens[k].text in {",", ";", ":"}:
            return None
    return None


def content_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The content without surrounding spaces, punctuation or a lone opening quotation mark."""
    while start < end and body[start] in LEADING:
        start += 1
    # an opening mark left without its closing one at the very start: keep the text only
    if start < end and body[start] in OPEN_MARKS:
        start += 1
        while start < end and body[start].isspace():
            start += 1
    while end > start and (body[end - 1] in TRAILING or body[end - 1].isspace()):
        end -= 1
    return start, end


def quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    for q in quotes:
        if q.open_at == offset:
            return q
    return None


def quote_starting_after(body: str, quotes: list[Quote], offset: int) -> Quote | None:
    """A quotation opening at ``offset`` after spaces, a colon or a comma."""
    i = offset
    while i < len(body) and body[i] in " \t\n:,":
        i += 1
    return quote_at(quotes, i)


def quote_end(q: Quote) -> int:
    return q.close_at if q.close_at is not None else q.end


def object_end(tokens: list[Token], cue: Cue) -> int:
    """After 'told' and its kind: the token following the listener ('told reporters', 'told Chen')."""
    n = len(tokens)
    j = cue.last + 1
    if cue.lemma not in lx.LISTENER_LEMMAS or (j < n and tokens[j].low == "that"):
        return j
    if j < n and tokens[j].low in lx.OBJECT_WORDS - {"his", "their", "her"} and bare_clause_at(tokens, j + 1):
        return j + 1  # 'told reporters such a meeting was not on the agenda'
    # 'told reporters', 'told Chen', 'told a press conference', 'told state television': a short
    # listener closed by 'that', a tail ('on Tuesday') or the clause's end
    for m in range(j, min(n, j + 7)):
        low = tokens[m].low
        if m > j and low in lx.SUBJECT_STARTS - {"the", "a", "an", "this", "that"} and bare_clause_at(tokens, m):
            return m  # 'told local radio he doubts …'
        if m > j and (ends_clause(tokens, m) or low == "that"):
            return m
        if low in {"’s", "'s"} and m > j:
            continue  # 'told Harbour Media Group's Washington bureau'
        if not tokens[m].is_word or (low in lx.CUE_LEMMA and m > j):
            break
    # 'told Hale the talks were useful': a named or pronoun listener, then the content
    k = j
    while k < n and k - j < 4 and ((tokens[k].is_cap and tokens[k].is_word) or tokens[k].low in lx.OBJECT_WORDS):
        k += 1
    return k


def clause_start(tokens: list[Token], cue: Cue) -> int:
    """Token index where the content starts after a cue: past 'that', the object of 'told'."""
    n = len(tokens)
    j = object_end(tokens, cue)
    # 'expressed hope that', 'voiced concern that', 'shared the view that'
    if cue.lemma in {"express", "voice", "share", "convey"}:
        for m in range(j, min(n, j + 3)):
            if tokens[m].low == "that":
                return m + 1
            if not tokens[m].is_word:
                break
    # an adverbial gap before 'that': 'told reporters after Friday's meeting that'
    limit = min(n, j + 14)
    k = j
    if k < n and tokens[k].low == "that":
        return k + 1
    when = time_adverbial_end(tokens, k)
    if when is not None and when < n:
        if tokens[when].low == "that":
            return when + 1  # 'said this week that …'
        if bare_clause_at(tokens, when):
            return when  # 'said on Wednesday the talks would resume'
    if k < n and tokens[k].low in lx.CLAUSE_GAP_START:
        m = k
        while m < limit:
            low = tokens[m].low
            if low == "that":
                return m + 1
            if tokens[m].text == ":":
                return m + 1  # 'wrote on X: …'
            # a cue word after an article or a preposition is a noun ('in a written reply to
            # questions that …')
            before = tokens[m - 1].low if m > 0 else ""
            adjective = m >= 2 and tokens[m - 2].low in {"a", "an"}  # 'in a written reply'
            noun = before in lx.DETERMINERS or adjective or before in lx.PREPOSITIONS
            noun = noun or (before == "to" and low.endswith("s"))
            if (low in lx.CUE_LEMMA and m > k and not noun) or tokens[m].text in {";", "“", '"'}:
                break
            if tokens[m].text == "," and m + 1 < n and tokens[m + 1].low != "that":
                return m + 1  # 'said on Sunday, ...'
            m += 1
    return j


def time_adverbial_end(tokens: list[Token], k: int) -> int | None:
    """The token after a time adverbial starting at ``k`` ('on Wednesday', 'yesterday', 'on March 3,
    2024', 'last week'), or None when none starts there."""
    n = len(tokens)

    def low(i: int) -> str:
        return tokens[i].low if i < n else ""

    i = k
    if low(i) in {"yesterday", "today", "tonight"}:
        return i + 1
    if low(i) in {"last", "this", "next"} and low(i + 1) in lx.PERIODS:
        return i + 2
    if low(i) == "on":
        i += 1
    if low(i) in lx.WEEKDAY_SET:
        i += 2 if low(i + 1) in lx.PARTS_OF_DAY else 1
        if low(i) == "(" and i + 3 < n and low(i + 3) == ")":
            i += 4  # 'on Friday (Mar 8)'
        return i
    if low(i) in lx.MONTH_WORDS and i + 1 < n and tokens[i + 1].text[:1].isdigit():
        i += 2
        if low(i) == "," and i + 1 < n and tokens[i + 1].text.isdigit():
            i += 2
        return i
    if i < n and tokens[i].text.isdigit() and low(i + 1) in lx.MONTH_WORDS:
        return i + 3 if i + 2 < n and tokens[i + 2].text.isdigit() else i + 2
    return None


def is_tail(tokens: list[Token], j: int) -> bool:
    """True when the words from ``j`` to the sentence end are an adverbial tail, not content."""
    n = len(tokens)
    rest = [t for t in tokens[j:] if t.text not in {".", "!", "?", "”", '"', "’", "'", "»"}]
    if not rest:
        return True
    first = rest[0].low
    if first in lx.PLACE_ADVERBS:
        following = rest[1].low if len(rest) > 1 else ","
        return following in {",", "on", "in", "at", "during", "after", "before", "today", "yesterday"}
    if first in {",", "and"}:
        # ', adding that …' continues the statement; ', which …' or 'and posted …' is narration
        return True
    if first in lx.TAIL_STARTS:
        # '… said in a televised address, adding that …': the participle starts a new part
        for k, t in enumerate(rest):
            if t.text == "," and k + 1 < len(rest) and rest[k + 1].low in lx.PARTICIPLE_CUES:
                rest = rest[:k]
                break
        # 'said on Thursday that …' reports; 'said on Thursday, as queues grew that …' does not
        comma = next((k for k, t in enumerate(rest) if t.text == ","), len(rest))
        return not any(t.low == "that" for t in rest[: min(comma, 12)]) and not any(t.text in {"“", '"'} for t in rest)
    return first in {"through", "by", "to", "of"} or n - j <= 1


def front_is_quote(tokens: list[Token], before_subject: int, quotes: list[Quote]) -> bool:
    """Whether the words before the source phrase end with a closing quotation mark."""
    k = before_subject - 1
    while k >= 0 and tokens[k].text == ",":
        k -= 1
    return k >= 0 and any(q.close_at == tokens[k].start for q in quotes)


def front_end(tokens: list[Token], before: int) -> int | None:
    """The last token of the content standing before a source phrase at ``before`` ('…,” X said')."""
    k = before - 1
    while k >= 0 and tokens[k].text in FRONT_END:
        k -= 1
    return k if k >= 0 else None


def bare_clause_at(tokens: list[Token], j: int) -> bool:
    """'believes Dervishi will attend': a subject, then a finite verb, without 'that'."""
    if j >= len(tokens):
        return False
    first = tokens[j]
    if not (first.is_cap or first.low in lx.SUBJECT_STARTS) or first.low in {"to", "in"}:
        return False
    return has_finite_verb(tokens, j + 1, min(len(tokens) - 1, j + 7))
