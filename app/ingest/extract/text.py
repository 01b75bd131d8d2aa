"""The article as structure: paragraphs, quotations, quote-aware sentences and word tokens.

All offsets are character offsets into the article body.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import sentencex

from app.ingest.extract import lexicon as lx

OPEN_DOUBLE = "“„«"
CLOSE_DOUBLE = "”»"
OPEN_SINGLE = "‘"
CLOSE_SINGLE = "’"
QUOTE_CHARS = frozenset("“”„«»\"‘’'")

TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}"  # U.S., H.E.
    r"|[^\W\d_]\w*(?:(?:-|['’](?=[A-Z]))\w+)*"  # words, hyphenated words, O'Brien
    r"|['’](?:s|t|re|ve|ll|d|m)\b"  # possessive and contractions as their own token
    r"|\d+(?:[.,:/-]\d+)*(?:st|nd|rd|th|s)?"  # numbers, 2024-2025, 75th, 1980s
    r"|\S"  # any other single character (punctuation, quote marks)
)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_NO_BRACKETS = str.maketrans("()[]", "    ")
# Double marks; two apostrophes ('') stand for a straight double mark in some agencies' copy.
_DOUBLE_MARKS = re.compile("[“„«”»\"]|''")
# An opening single mark: after a space, a bracket or a dash, before a letter or digit.
_SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\w)")
_SINGLE_MARK = re.compile("[’']")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    low: str  # the text lower-cased, once: most word lists are looked up in lower case

    @property
    def is_cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``[start, end)`` is the quoted text without its marks."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark (None: runs to the paragraph end)


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    index: int  # position in the article
    tokens: list[Token] = field(default_factory=list)

    @cached_property
    def lowers(self) -> list[str]:
        return [t.low for t in self.tokens]


@dataclass
class Paragraph:
    start: int
    end: int
    index: int
    sentences: list[Sentence] = field(default_factory=list)


# 'China-U.S.': a compound ending in an abbreviation, which the word pattern cuts after 'U'.
COMPOUND_ABBREVIATION = re.compile(r"\w-(?:[A-Z]\.){2,}")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    new = tuple.__new__
    tokens = [
        new(Token, (word, m.start() + offset, m.end() + offset, word.lower()))
        for m in TOKEN.finditer(text)
        for word in (m.group(),)
    ]
    if "." in text and COMPOUND_ABBREVIATION.search(text):
        tokens = _join_compound_abbreviations(tokens, text, offset)
    return tokens


def _join_compound_abbreviations(tokens: list[Token], text: str, offset: int) -> list[Token]:
    joined: list[Token] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok.text) > 2 and tok.text[-2] == "-" and tok.text[-1].isupper():
            end = i
            # absorb '.', 'S', '.' … while they continue the abbreviation without spaces
            while (
                end + 1 < len(tokens)
                and tokens[end + 1].start == tokens[end].end
                and (tokens[end + 1].text == "." or (len(tokens[end + 1].text) == 1 and tokens[end + 1].text.isupper()))
            ):
                end += 1
            if end > i and tokens[end].text == ".":
                word = text[tok.start - offset : tokens[end].end - offset]
                joined.append(Token(word, tok.start, tokens[end].end, word.lower()))
                i = end + 1
                continue
        joined.append(tok)
        i += 1
    return joined


def split_paragraphs(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in PARAGRAPH_BREAK.finditer(body):
        if body[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if body[start:].strip():
        spans.append((start, len(body.rstrip())))
    return spans


def _straight_is_open(text: str, i: int, width: int = 1) -> bool:
    """Whether a straight quote mark at ``i`` opens (rather than closes) a quotation."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before.isspace() or before in "([{—–-/:;":
        return not after.isspace()
    return False


def find_quotes(body: str, paragraphs: list[tuple[int, int]]) -> list[Quote]:
    """Double-quoted spans (curly or straight) and single-quoted ones that open and close cleanly.

    Apostrophes (it's, leaders') are not quote marks: a single mark only opens after a space and
    only counts when a closing mark follows in the same paragraph. A double quotation left open at
    the end of a paragraph ends there (the next paragraph reopens it, as newswire does).
    """
    quotes: list[Quote] = []
    for p_start, p_end in paragraphs:
        text = body[p_start:p_end]
        here: list[Quote] = []
        open_at: int | None = None
        width = 1
        for m in _DOUBLE_MARKS.finditer(text):
            i, ch = m.start(), m.group()
            straight = ch in {'"', "''"}
            if ch in OPEN_DOUBLE or (straight and open_at is None and _straight_is_open(text, i, len(ch))):
                if open_at is None:
                    open_at, width = i, len(ch)
            elif (ch in CLOSE_DOUBLE or straight) and open_at is not None:
                here.append(Quote(p_start + open_at + width, p_start + i, p_start + open_at, p_start + i))
                open_at = None
        if open_at is not None:
            here.append(Quote(p_start + open_at + width, p_end, p_start + open_at, None))
        quotes.extend(here)
        quotes.extend(_single_quotes(body, p_start, p_end, here))
    quotes.sort(key=lambda q: q.open_at)
    return quotes


def _single_quotes(body: str, p_start: int, p_end: int, doubles: list[Quote]) -> list[Quote]:
    starts = [q.open_at for q in doubles]  # in order, and double quotations do not overlap
    ends = [q.close_at if q.close_at is not None else q.end for q in doubles]
    found: list[Quote] = []
    text = body[p_start:p_end]
    resume = 0
    closers = _single_closers(text)  # once per paragraph: each opening mark looks its close up
    for m in _SINGLE_OPEN.finditer(text):
        i = m.start()
        at = p_start + i
        k = bisect_left(starts, at) - 1
        if i < resume or (k >= 0 and at < ends[k]):
            continue
        c = bisect_left(closers, i + 1)
        close = closers[c] if c < len(closers) else None
        if close is not None:
            found.append(Quote(at + 1, p_start + close, at, p_start + close))
            resume = close + 1
        elif i == 0 and text[0] == "‘":
            # a curly single mark opening a paragraph and left open: the quotation runs on into
            # the next paragraph, as with double marks in British-style copy
            found.append(Quote(at + 1, p_end, at, None))
            break
    return found


def _single_closers(text: str) -> list[int]:
    """Offsets of the single marks in ``text`` that can close a quotation, in order."""
    out = []
    for m in _SINGLE_MARK.finditer(text):
        j = m.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        before = text[j - 1] if j > 0 else " "
        # a closing mark follows a word or punctuation and precedes a space or punctuation;
        # "s'" at a word's end is as likely a plural possessive, so it does not close.
        if not after.isalnum() and before != " " and not (before == "s" and after == " "):
            out.append(j)
    return out


def split_sentences(body: str, p_start: int, p_end: int, quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentences of one paragraph, never cut inside a quotation."""
    text = body[p_start:p_end]
    spans = []
    # The segmenter never splits inside brackets, so an enumerator such as "(2) " would glue a
    # whole paragraph together; brackets become spaces for it (offsets are unchanged).
    for b in sentencex.get_sentence_boundaries("en", text.translate(_NO_BRACKETS)):
        s, e = b["start_index"], b["end_index"]
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((p_start + s, p_start + e))
    opens = {q.open_at for q in quotes}
    for k in range(len(spans) - 1):
        # 'said Arango. "It is …': the segmenter may keep an opening mark with the sentence before it
        s, e = spans[k]
        if e - 1 in opens and e - 1 > s:
            spans[k] = (s, e - 1 - (len(body[s : e - 1]) - len(body[s : e - 1].rstrip())))
            spans[k + 1] = (e - 1, spans[k + 1][1])
    opened = [q.open_at for q in quotes]

    def inside_quote(at: int) -> bool:
        k = bisect_left(opened, at)  # quotations of one kind do not nest: the last few suffice
        return any((q.close_at or p_end) >= at for q in quotes[max(0, k - 3) : k])

    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and (inside_quote(s) or _false_stop(body, merged[-1], s)):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


_INITIAL_END = re.compile(r"(?:^|[\s(-])(?:[A-Z]\.)+$")
# A title abbreviated before a name never ends a sentence: 'given by Ms. Ana Ruiz'.
_TITLE_ABBREVIATION_END = re.compile(
    r"(?:^|\s)(?:" + "|".join(sorted(w.capitalize() for w in lx.HONORIFICS if w.isalpha() and len(w) > 1)) + r")\.$"
)


def _false_stop(body: str, previous: tuple[int, int], start: int) -> bool:
    """A cut after an abbreviation ('China-U.S. relationship', 'Ms. Ruiz') or before a lower-case word."""
    nxt = body[start : start + 3]
    if nxt[:1].islower():
        return True
    if _TITLE_ABBREVIATION_END.search(body[previous[0] : previous[1]]) and nxt[:1].isupper():
        following = body[start : start + 12].split(maxsplit=1)[0].lower() if body[start : start + 1].strip() else ""
        return following not in lx.DETERMINERS and following not in lx.PRONOUNS
    return bool(_INITIAL_END.search(body[previous[0] : previous[1]])) and bool(re.match(r"[A-Z]\.", nxt))


# Real sentences stay far below this many tokens; longer runs without a full stop (lists, tables,
# junk) are cut at clause boundaries so that no stage works on more than this at once, which
# keeps extraction linear in the article's length whatever the input.
MAX_SENTENCE_TOKENS = 160


def _bounded(tokens: list[Token]) -> list[list[Token]]:
    """``tokens`` in pieces of at most MAX_SENTENCE_TOKENS, cut after a ';' or ',' where one is near."""
    pieces: list[list[Token]] = []
    rest = tokens
    while len(rest) > MAX_SENTENCE_TOKENS:
        cut = MAX_SENTENCE_TOKENS
        for k in range(MAX_SENTENCE_TOKENS - 1, MAX_SENTENCE_TOKENS // 2, -1):
            if rest[k].text in {";", ","}:
                cut = k + 1
                break
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


@dataclass
class Text:
    body: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quotes: list[Quote]
    opened: list[int] = field(default_factory=list)  # each quotation's open_at, in order
    by_open: dict[int, Quote] = field(default_factory=dict)

    @classmethod
    def parse(cls, body: str) -> Text:
        spans = split_paragraphs(body)
        quotes = find_quotes(body, spans)
        opened = [q.open_at for q in quotes]
        paragraphs: list[Paragraph] = []
        sentences: list[Sentence] = []
        for p_index, (p_start, p_end) in enumerate(spans):
            paragraph = Paragraph(p_start, p_end, p_index)
            inside = quotes[bisect_left(opened, p_start) : bisect_left(opened, p_end)]
            for s, e in split_sentences(body, p_start, p_end, inside):
                for piece in _bounded(tokenize(body[s:e], s)):
                    if not piece:
                        continue
                    first, last = piece[0].start, piece[-1].end
                    sentence = Sentence(first, last, body[first:last], p_index, len(sentences), piece)
                    paragraph.sentences.append(sentence)
                    sentences.append(sentence)
            paragraphs.append(paragraph)
        return cls(body, paragraphs, sentences, quotes, opened, {q.open_at: q for q in quotes})

    def quotes_in(self, start: int, end: int) -> list[Quote]:
        """Quotations that open within ``[start, end)``."""
        return self.quotes[bisect_left(self.opened, start) : bisect_left(self.opened, end)]

    def quotes_over(self, start: int, end: int) -> list[Quote]:
        """Quotations that overlap ``[start, end)``: those opening inside it, and the few opened
        before it that are still open (quotations of one kind do not nest)."""
        lo = bisect_left(self.opened, start)
        before = [q for q in self.quotes[max(0, lo - 3) : lo] if (q.close_at or q.end) >= start]
        return before + self.quotes[lo : bisect_left(self.opened, end)]

    def in_quote(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation's text."""
        lo = bisect_left(self.opened, offset)
        return any(
            q.start <= offset < (q.close_at if q.close_at is not None else q.end)
            for q in self.quotes[max(0, lo - 3) : lo]
        )

    def quote_at(self, offset: int) -> Quote | None:
        """The quotation whose opening mark is at ``offset``."""
        return self.by_open.get(offset)
