"""Attributions within one sentence: a cue, the phrase naming its source, and the content span.

Handles the cue after the content ('…, X said'), before it ('X said that …', 'X said: “…”'),
inverted ('“…,” said X'), 'according to X', participial cues ('…, adding that …') and a
quotation introduced by a colon after a name.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.ingest.extract import lexicon as lx
from app.ingest.extract.mentions import (
    Analysed,
    Mention,
    ends_clause,
    mention_after,
    mention_before,
    sentence_subject,
)
from app.ingest.extract.text import Quote, Token

TRAILING = " \t\n.,;:!?”’\"'»)–—-"
# Tokens that close the part before a source phrase: '“…,” he said', '…, X said'.
FRONT_END = frozenset({",", "”", '"', "’", "'", "»"})
CLOSE_MARKS = frozenset("”’\"'»")
OPEN_MARKS = frozenset("“‘\"'«„")
# Words after a cue that begin an adverbial tail rather than content: 'said on Sunday'.
TAIL_STARTS = frozenset(
    """
    on in at during after before while as through via when from with following ahead upon according
    here there today yesterday late early earlier later last this across over inside outside alongside
    beside next near
    """.split()
)
GAP_BEFORE_CUE = lx.CUE_GAP_WORDS | {"not", "n’t", "n't", "once", "again"}


@dataclass(frozen=True, slots=True)
class Cue:
    first: int
    last: int
    lemma: str
    text: str


@dataclass
class Attribution:
    """A source phrase, its cue and the content span (body offsets) in one sentence."""

    mention: Mention
    cue: Cue
    start: int
    end: int
    quote_only: bool = False  # content is exactly one quotation
    had_earlier: bool = False  # 'had earlier said': not said on the article's day
    tail_first: int | None = None  # first token after the attribution phrase (for dates)


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
        low = tok.text.lower()
        if low == "according" and i + 1 < n and tokens[i + 1].text.lower() == "to":
            cues.append(Cue(i, i + 1, "according", "according to"))
            i += 2
            continue
        lemma = lx.CUE_LEMMA.get(low)
        if lemma is None or (tok.is_cap and i > 0):
            i += 1
            continue
        prev = tokens[i - 1].text.lower() if i > 0 else ""
        if prev in {
            "the",
            "a",
            "an",
            "his",
            "her",
            "their",
            "its",
            "our",
            "my",
            "your",
            "this",
            "these",
            "’s",
            "'s",
            "of",
        }:
            i += 1  # a noun: 'his remarks', 'the statement'
            continue
        last = i
        text = tok.text
        particles = lx.PARTICLE_CUES.get(lemma)
        if particles:
            nxt = tokens[i + 1].text.lower() if i + 1 < n else ""
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
        elif lemma == "respond" and i + 2 < n and tokens[i + 1].text.lower() == "by":
            last = i + 2
            text = " ".join(t.text for t in tokens[i : i + 3])
        cues.append(Cue(i, last, lemma, text))
        i = last + 1
    return cues


PARENTHETICAL_STARTS = frozenset(
    """
    in on at during after before speaking who whose whom which however meanwhile though for too also separately
    visibly in turn writing addressing responding referring answering asked talking standing sitting
    according citing quoting like unlike
    """.split()
)


def _parenthetical_start(tokens: list[Token], comma: int) -> int | None:
    """For ', in a statement,' or ', speaking through an interpreter,' ending at ``comma``: its start."""
    for j in range(comma - 1, max(-1, comma - 16), -1):
        if tokens[j].text == ",":
            inner = tokens[j + 1 : comma]
            if not inner:
                return None
            first = inner[0].text.lower()
            if first in PARENTHETICAL_STARTS or (first.endswith("ing") and first not in {"thing", "king"}):
                return j
            return None
    return None


def _skip_gap_back(tokens: list[Token], i: int) -> tuple[int, bool]:
    """Step left over adverbs, auxiliaries and parentheticals between a subject and its cue."""
    earlier = False
    while i >= 0:
        low = tokens[i].text.lower()
        if low == ",":
            start = _parenthetical_start(tokens, i)
            if start is not None and start > 0:
                i = start - 1
                continue
            break
        if low in {"earlier", "previously", "had"}:
            earlier = True
        if low in GAP_BEFORE_CUE:
            i -= 1
            continue
        # 'Pakistan yesterday asked', 'Li on Monday said'
        if low in {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}:
            i -= 1
            if i >= 0 and tokens[i].text.lower() == "on":
                i -= 1
            continue
        # 'was quoted as saying'
        if low == "as" and i >= 2 and tokens[i - 1].text.lower() == "quoted":
            i -= 2
            if i >= 0 and tokens[i].text.lower() in {"was", "is", "been", "were"}:
                i -= 1
            continue
        break
    return i, earlier


LEADING = " \t\n,;:–—"


def _content_bounds(body: str, start: int, end: int) -> tuple[int, int]:
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


def _quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    for q in quotes:
        if q.open_at == offset:
            return q
    return None


def _quote_starting_after(body: str, quotes: list[Quote], offset: int) -> Quote | None:
    """A quotation opening at ``offset`` after spaces, a colon or a comma."""
    i = offset
    while i < len(body) and body[i] in " \t\n:,":
        i += 1
    return _quote_at(quotes, i)


OBJECT_WORDS = frozenset(
    {
        "reporters",
        "journalists",
        "press",
        "media",
        "him",
        "her",
        "them",
        "us",
        "me",
        "lawmakers",
        "parliament",
        "counterpart",
        "audience",
        "crowd",
        "delegates",
        "his",
        "their",
    }
)


def _object_end(tokens: list[Token], cue: Cue) -> int:
    """After 'told' and its kind: the token following the listener ('told reporters', 'told Xi')."""
    n = len(tokens)
    j = cue.last + 1
    if cue.lemma not in {"tell", "inform", "assure", "brief", "reassure"}:
        return j
    # 'told reporters', 'told Xi', 'told a press conference', 'told state television': a short
    # listener closed by 'that', a tail ('on Tuesday') or the clause's end
    for m in range(j, min(n, j + 6)):
        low = tokens[m].text.lower()
        if m > j and (ends_clause(tokens, m) or low == "that"):
            return m
        if not tokens[m].is_word or (low in lx.CUE_LEMMA and m > j):
            break
    # 'told Blinken the talks were useful': a named or pronoun listener, then the content
    k = j
    while k < n and k - j < 4 and ((tokens[k].is_cap and tokens[k].is_word) or tokens[k].text.lower() in OBJECT_WORDS):
        k += 1
    return k


def _clause_start(tokens: list[Token], i: int, cue: Cue) -> int:
    """Token index where the content starts after a cue: past 'that', the object of 'told'."""
    n = len(tokens)
    j = _object_end(tokens, cue)
    # 'expressed hope that', 'voiced concern that', 'shared the view that'
    if cue.lemma in {"express", "voice", "share", "convey"}:
        for m in range(j, min(n, j + 3)):
            if tokens[m].text.lower() == "that":
                return m + 1
            if not tokens[m].is_word:
                break
    # an adverbial gap before 'that': 'told reporters after Monday's meeting that'
    limit = min(n, j + 14)
    k = j
    if k < n and tokens[k].text.lower() == "that":
        return k + 1
    if k < n and tokens[k].text.lower() in lx.CLAUSE_GAP_START:
        m = k
        while m < limit:
            low = tokens[m].text.lower()
            if low == "that":
                return m + 1
            if tokens[m].text == ":":
                return m + 1  # 'wrote on X: …'
            if (low in lx.CUE_LEMMA and m > k) or tokens[m].text in {";", "“", '"'}:
                break
            if tokens[m].text == "," and m + 1 < n and tokens[m + 1].text.lower() != "that":
                return m + 1  # 'said on Sunday, ...'
            m += 1
    return j


def _is_tail(tokens: list[Token], j: int) -> bool:
    """True when the words from ``j`` to the sentence end are an adverbial tail, not content."""
    n = len(tokens)
    rest = [t for t in tokens[j:] if t.text not in {".", "!", "?", "”", '"', "’", "'", "»"}]
    if not rest:
        return True
    first = rest[0].text.lower()
    if first in {",", "and"}:
        # ', adding that …' continues the statement; ', which …' or 'and posted …' is narration
        return True
    if first in TAIL_STARTS:
        # '… said in a televised address, adding that …': the participle starts a new part
        for k, t in enumerate(rest):
            if t.text == "," and k + 1 < len(rest) and rest[k + 1].text.lower() in lx.PARTICIPLE_CUES:
                rest = rest[:k]
                break
        return not any(t.text.lower() == "that" for t in rest[:12]) and not any(t.text in {"“", '"'} for t in rest)
    return first in {"through", "by", "to", "of"} or n - j <= 1


def attributions(a: Analysed, quotes: list[Quote], body: str) -> list[Attribution]:
    """Every attribution the sentence supports, in cue order; the caller picks among them."""
    tokens = a.tokens
    if not tokens:
        return []
    s_start = tokens[0].start
    s_end = tokens[-1].end
    out: list[Attribution] = []
    for cue in find_cues(a):
        found = _attribute(a, cue, quotes, body, s_start, s_end)
        if found is not None:
            out.append(found)
    colon = _colon_quote(a, quotes, body)
    if colon is not None and not out:
        out.append(colon)
    return out


def _attribute(a: Analysed, cue: Cue, quotes: list[Quote], body: str, s_start: int, s_end: int) -> Attribution | None:
    tokens = a.tokens
    n = len(tokens)
    if cue.lemma == "according":
        mention = mention_after(a, cue.last + 1, body)
        if mention is None:
            return None
        if cue.first == 0 or (cue.first == 1 and tokens[0].text in OPEN_MARKS):
            # 'According to X, content.'
            k = mention.last + 1
            while k < n and tokens[k].text != ",":
                k += 1
            if k >= n - 1:
                return None
            start, end = _content_bounds(body, tokens[k].end, s_end)
        else:
            start, end = _content_bounds(body, s_start, tokens[cue.first].start)
        if end <= start:
            return None
        return Attribution(mention, cue, start, end, tail_first=mention.last + 1)

    gap_end, earlier = _skip_gap_back(tokens, cue.first - 1)
    before = tokens[gap_end].text.lower() if gap_end >= 0 else ""
    # 'a declaration expressing concern': a participle describing a noun, not a cue of its own
    describing = tokens[cue.first].text.endswith("ing") and gap_end == cue.first - 1 and gap_end >= 0
    if describing and before not in lx.PASSIVE_BEFORE and tokens[gap_end].text not in FRONT_END:
        return None
    if before in lx.NOT_SAID_BEFORE or (
        before in lx.PASSIVE_BEFORE
        and tokens[cue.first].text.lower().endswith(("ed", "told", "said", "asked", "spoke", "cast"))
    ):
        return None  # 'will tell', 'was told', 'is said to'
    if gap_end >= 0 and tokens[gap_end].text.lower() in {"and", "but"}:
        # 'Jaishankar held talks with Wong and said …': the cue shares the sentence's subject
        subject = sentence_subject(a, gap_end, body)
    else:
        subject = mention_before(a, gap_end, body)
    if subject is not None and cue.first == 0:
        subject = None
    if subject is not None:
        return _subject_first(a, cue, subject, quotes, body, s_start, s_end, earlier)
    # Inverted: '“…,” said X' or '…, said X.'
    prev = tokens[cue.first - 1].text if cue.first > 0 else ""
    if prev in FRONT_END or (cue.first > 1 and tokens[cue.first - 2].text in CLOSE_MARKS):
        mention = mention_after(a, cue.last + 1, body)
        if mention is None:
            return None
        k = cue.first - 1
        while k >= 0 and tokens[k].text in FRONT_END:
            k -= 1
        if k < 0:
            return None
        start, end = _content_bounds(body, s_start, tokens[k].end)
        att = _finish(mention, cue, start, end, quotes, body, tail_first=mention.last + 1)
        if att is not None:
            _extend_split_quote(att, tokens[mention.last].end, quotes, body, s_end)
        return att
    return None


def _extend_split_quote(att: Attribution, after: int, quotes: list[Quote], body: str, s_end: int) -> None:
    """'“A,” he said, “B.”': one statement from A to B."""
    if not att.quote_only:
        return
    for q in quotes:
        if after <= q.open_at < s_end:
            between = body[after : q.open_at]
            q_end = q.close_at if q.close_at is not None else q.end
            if "," in between and len(between.split()) <= 8 and not body[q_end:s_end].strip(TRAILING):
                _, att.end = _content_bounds(body, att.start, q_end)
            return


def _subject_first(
    a: Analysed,
    cue: Cue,
    subject: Mention,
    quotes: list[Quote],
    body: str,
    s_start: int,
    s_end: int,
    earlier: bool,
) -> Attribution | None:
    tokens = a.tokens
    after_cue = tokens[cue.last].end
    before_subject = subject.first
    has_front = before_subject > 0 and tokens[before_subject - 1].text in FRONT_END
    quote = _quote_starting_after(body, quotes, after_cue)
    # '“A,” X said, “B.”' continues a quotation; 'X said: “…”' opens one
    split_quote = quote is not None and has_front and _front_is_quote(tokens, before_subject, quotes)
    if quote is not None and not split_quote:
        end = quote.close_at if quote.close_at is not None else quote.end
        start, stop = _content_bounds(body, quote.start, end)
        return Attribution(subject, cue, start, stop, quote_only=True, had_earlier=earlier, tail_first=None)
    j = _clause_start(tokens, cue.last, cue)
    after_object = _object_end(tokens, cue)
    if has_front and (split_quote or _is_tail(tokens, cue.last + 1) or _is_tail(tokens, after_object)):
        # '…, X said (on Sunday).'
        k = before_subject - 1
        while k >= 0 and tokens[k].text in FRONT_END:
            k -= 1
        if k < 0:
            return None
        start, end = _content_bounds(body, s_start, tokens[k].end)
        att = _finish(subject, cue, start, end, quotes, body, tail_first=cue.last + 1)
        if att is not None:
            att.had_earlier = earlier
            _extend_with_participle(a, att, cue, body, s_end)
            _extend_split_quote(att, tokens[cue.last].end, quotes, body, s_end)
        return att
    if j >= len(tokens):
        return None
    if cue.lemma in lx.ACT_LEMMAS or cue.lemma in lx.CLAUSE_ONLY_LEMMAS:
        # 'thanked X for …' alone is a courtesy, not a statement; with a clause or a following
        # 'and said' / ', saying' it is.
        follows_clause = tokens[j - 1].text.lower() in {"that", ":"} if j > 0 else False
        later = any(
            lx.CUE_LEMMA.get(t.text) in lx.SAY_LIKE or t.text in lx.PARTICIPLE_CUES for t in tokens[cue.last + 1 :]
        )
        starts_quote = _quote_starting_after(body, quotes, tokens[j - 1].end if j > 0 else s_start)
        if not (follows_clause or later or starts_quote):
            return None
    if cue.lemma in lx.OBJECT_LEMMAS:
        # 'rejected the criticism' is a stance without content; 'dismissed the offer as ...',
        # '…, calling it …' or a that-clause carry some.
        rest = [t.text.lower() for t in tokens[j:]]
        carries = (
            "that" in rest[:1]
            or "as" in rest
            or any(w in lx.PARTICIPLE_CUES for w in rest)
            or _quote_starting_after(body, quotes, tokens[j - 1].end if j > 0 else s_start)
            or sum(1 for t in tokens[j:] if t.is_word) >= 8
        )
        if not carries:
            return None
    start, end = _content_bounds(body, tokens[j].start, _relay_cut(a, j, body, s_end))
    if end <= start:
        return None
    att = _finish(subject, cue, start, end, quotes, body, tail_first=cue.last + 1)
    if att is not None:
        att.had_earlier = earlier
        # 'Modi wrote on X: Great meeting …' — words after a colon are the speaker's own
        colon = body[tokens[cue.last].end : start].rstrip()
        att.quote_only = att.quote_only or (colon.endswith(":") and ":" not in body[start:end][:2])
    return att


def _front_is_quote(tokens: list[Token], before_subject: int, quotes: list[Quote]) -> bool:
    """Whether the words before the source phrase end with a closing quotation mark."""
    k = before_subject - 1
    while k >= 0 and tokens[k].text == ",":
        k -= 1
    return k >= 0 and any(q.close_at == tokens[k].start for q in quotes)


def _relay_cut(a: Analysed, j: int, body: str, s_end: int) -> int:
    """End of content that a relaying source closes: '…, the foreign ministry said.'"""
    tokens = a.tokens
    for cue in find_cues(a):
        if cue.first <= j:
            continue
        if cue.lemma == "according" and tokens[cue.first - 1].text == ",":
            # '…, according to Chinese state media.' closes the sentence whoever the source is
            if not any(c.first > cue.last for c in find_cues(a)):
                return tokens[cue.first - 1].start
            continue
        gap_end, _ = _skip_gap_back(tokens, cue.first - 1)
        mention = mention_before(a, gap_end, body)
        if (
            mention is not None
            and mention.kind != "vague"
            and mention.first > j
            and tokens[mention.first - 1].text == ","
            and _is_tail(tokens, cue.last + 1)
        ):
            return tokens[mention.first - 1].start
        if tokens[cue.first - 1].text == "," and mention_after(a, cue.last + 1, body) is not None:
            return tokens[cue.first - 1].start
    return s_end


def _extend_with_participle(a: Analysed, att: Attribution, cue: Cue, body: str, s_end: int) -> None:
    """'A, he said, adding that B' is one statement running from A to B (unless A is a quotation)."""
    if att.quote_only:
        return
    tokens = a.tokens
    for k in range(cue.last + 1, len(tokens) - 1):
        low = tokens[k].text.lower()
        if (
            low in {"adding", "saying", "noting", "stressing", "emphasizing", "emphasising"}
            and tokens[k - 1].text == ","
        ):
            _, end = _content_bounds(body, tokens[k].end, s_end)
            if end > att.end:
                att.end = end
            return


def _finish(
    mention: Mention,
    cue: Cue,
    start: int,
    end: int,
    quotes: list[Quote],
    body: str,
    *,
    tail_first: int | None,
) -> Attribution | None:
    if end <= start:
        return None
    inside = [q for q in quotes if q.start <= end and (q.close_at or q.end) >= start and q.open_at < end]
    # The content is one quotation ('“…,” he said' or 'said that "…"'): keep only the quoted text.
    for q in inside:
        q_end = q.close_at if q.close_at is not None else q.end
        lead = body[start : q.open_at].strip(" ,:")
        trail = body[q_end:end].strip(TRAILING)
        if (q.open_at <= start or not lead) and (not trail or (len(trail.split()) <= 3 and q.open_at <= start)):
            s, e = _content_bounds(body, q.start, q_end)
            return Attribution(mention, cue, s, e, quote_only=True, tail_first=tail_first)
    # A quotation introduced by a cue of its own inside the content wins: '…, adding, “…”'.
    for q in inside:
        before = body[start : q.open_at].rstrip()
        if before.endswith((":", ",")):
            words = before.rstrip(":,").split()
            if words and lx.CUE_LEMMA.get(words[-1].lower()) in lx.SAY_LIKE:
                q_end = q.close_at if q.close_at is not None else q.end
                s, e = _content_bounds(body, q.start, q_end)
                return Attribution(
                    mention,
                    Cue(cue.first, cue.last, "add", words[-1]),
                    s,
                    e,
                    quote_only=True,
                    tail_first=tail_first,
                )
    return Attribution(mention, cue, start, end, tail_first=tail_first)


def _colon_quote(a: Analysed, quotes: list[Quote], body: str) -> Attribution | None:
    """'Blinken’s remark summed up the mood: “…”': a quotation after a colon, its owner the subject."""
    tokens = a.tokens
    for k, tok in enumerate(tokens):
        if tok.text != ":":
            continue
        quote = _quote_starting_after(body, quotes, tok.end)
        if quote is None:
            continue
        # the first name of the sentence, possessive or subject
        for run in a.runs:
            if run[0] > k:
                break
            nxt = tokens[run[1] + 1].text if run[1] + 1 < len(tokens) else ""
            if run[0] > 1 and tokens[run[0] - 1].text.lower() not in {"the", ","}:
                continue
            mention = mention_before(a, run[1], body)
            if mention is None or mention.kind != "person":
                continue
            cue_text = tokens[run[1] + 2].text if nxt in {"’s", "'s"} and run[1] + 2 < len(tokens) else ":"
            end = quote.close_at if quote.close_at is not None else quote.end
            start, stop = _content_bounds(body, quote.start, end)
            return Attribution(mention, Cue(k, k, "colon", cue_text), start, stop, quote_only=True)
        return None
    return None
