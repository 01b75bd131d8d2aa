"""Syndicated copies: near-identical bodies are one story, and in copies of one story the same
speaker's same words are one statement group. Helpers here flush, never commit.

Bodies are compared by MinHash (datasketch) over word shingles: the body's words, lower-cased
and without punctuation, taken ``SHINGLE_WORDS`` at a time. Two bodies are copies when the
estimated Jaccard similarity of their shingle sets is at least ``SIMILARITY``. Candidates come
from an LSH index kept in the database (``story_band``: ``BANDS`` bands of ``ROWS`` rows, the
split datasketch chooses for that threshold), so every process that ingests finds what the
others stored; each candidate is then checked against its stored signature.

Why 0.5 on 5-word shingles: a copy whose headline changed is identical (the headline is not in
the body); punctuation and case are not part of a word; a copy that dropped one paragraph of
eight keeps about 0.85, and a trimmed wire copy keeping two thirds of the text about 0.65. Two
different stories sharing a paragraph of boilerplate share only that paragraph's shingles,
under 0.3 unless the boilerplate is longer than the stories. 0.5 sits between, and a pair at
0.5 is found by the bands 98% of the time. ``tests/ingest/test_groups.py`` holds these cases.

A new document joins the story of its most similar stored copy (a story is never merged with
another). Its statements join the group of the story with the same speaker and words, or start
one; the group's first is its copy in the earliest published document (ties: the first stored).
On PostgreSQL an advisory lock, held to the end of the transaction, lets one writer at a time
group, so two copies stored at once by two writers still find each other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32
from sqlalchemy import Select, Table, and_, bindparam, delete, func, insert, or_, select, true, update
from sqlalchemy.orm import Session

from app.models import Document, DocumentSignature, Statement, StatementGroup, StatementPair, StoryBand

SHINGLE_WORDS = 5
SIMILARITY = 0.5
NUM_PERM = 128
# Fixed, as stored signatures are only comparable with signatures made the same way.
SEED = 1
SCHEME = "affine32"
_split = MinHashLSH(threshold=SIMILARITY, num_perm=NUM_PERM)
BANDS: int = _split.b
ROWS: int = _split.r
# Candidates checked per new document, the most band hits first: boilerplate shared by many
# documents must not make one lookup read thousands of signatures.
MAX_CANDIDATES = 100
# Any constant: the key of PostgreSQL's advisory lock that serialises grouping.
LOCK_KEY = 0x4459_4144

WORD = re.compile(r"\w+")
Signature = npt.NDArray[np.uint32]

STATEMENT = cast(Table, Statement.__table__)
STATEMENT_PAIR = cast(Table, StatementPair.__table__)
STATEMENT_GROUP = cast(Table, StatementGroup.__table__)


def words(text: str) -> list[str]:
    """The words of a text, lower-cased: what copies are compared on (punctuation and case are not)."""
    return WORD.findall(text.lower())


def text_key(text: str) -> str:
    """What makes two statements 'the same words'."""
    return " ".join(words(text))


def signature(body: str) -> Signature:
    """The MinHash signature of a body's word shingles (a body shorter than one shingle is one)."""
    tokens = words(body)
    count = max(1, len(tokens) - SHINGLE_WORDS + 1)
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(count)}
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=sha1_hash32, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the shingle sets two signatures stand for."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def buckets(sig: Signature) -> list[tuple[int, int]]:
    """The signature's LSH bands as (band, bucket): each band's rows hashed to a signed 64-bit key."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)))
    return keys


def from_bytes(data: bytes) -> Signature:
    return np.frombuffer(data, dtype=np.uint32)


def lock(session: Session) -> None:
    """One grouping writer at a time on PostgreSQL, to the end of the transaction (SQLite has one writer)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(LOCK_KEY)))


def _candidates() -> Select[bytes, int, int]:
    """Signatures of the documents sharing a band with the one looked up (bucket ``b{band}``), most
    shared bands first; built once, so that its compiled form is cached."""
    # one equality per band rather than a row-value IN, which SQLite answers by a scan
    shared = or_(*(and_(StoryBand.band == band, StoryBand.bucket == bindparam(f"b{band}")) for band in range(BANDS)))
    hits = (
        select(StoryBand.document_id)
        .where(shared)
        .group_by(StoryBand.document_id)
        .order_by(func.count().desc(), StoryBand.document_id)
        .limit(MAX_CANDIDATES)
    )
    return (
        select(DocumentSignature.minhash, Document.story_id, Document.id)
        .join(Document, Document.id == DocumentSignature.document_id)
        .where(DocumentSignature.document_id.in_(hits.scalar_subquery()))
    )


CANDIDATES = _candidates()


def find_story(session: Session, sig: Signature) -> int | None:
    """The story of the stored document most similar to ``sig``, if one is similar enough."""
    rows = session.execute(CANDIDATES, {f"b{band}": bucket for band, bucket in buckets(sig)}).all()
    scored = [(similarity(sig, from_bytes(minhash)), -document_id, story_id) for minhash, story_id, document_id in rows]
    best = max(scored, default=None)
    return best[2] if best is not None and best[0] >= SIMILARITY else None


def index_document(session: Session, *, document_id: int, sig: Signature) -> None:
    """Store a document's signature and bands, so later copies find it."""
    session.execute(insert(DocumentSignature), [{"document_id": document_id, "minhash": sig.tobytes()}])
    session.execute(
        insert(StoryBand),
        [{"band": band, "bucket": bucket, "document_id": document_id} for band, bucket in buckets(sig)],
    )


@dataclass(frozen=True, slots=True)
class Membership:
    """The group a new statement joins and whether it is the group's first copy."""

    group_id: int
    first: bool


@dataclass
class _Group:
    group_id: int
    first_id: int | None  # None: a group started by this document
    published: dt.date
    added: int = 0


def assign(
    session: Session, *, story_id: int, published: dt.date, statements: Sequence[tuple[int, str]]
) -> list[Membership]:
    """Groups for a new document's statements, given as (speaker id, text), in order.

    Counts are updated, new groups created and earlier firsts demoted here; the caller writes
    each statement with its :class:`Membership` (and ``group_first`` on its pair rows).
    """
    stored = session.execute(
        select(Statement.id, Statement.group_id, Statement.speaker_id, Statement.text, Document.published_date)
        .join(Document, Document.id == Statement.document_id)
        .where(Document.story_id == story_id, Statement.group_first.is_(true()))
    ).all()
    groups = {
        (speaker_id, text_key(text)): _Group(group_id, first_id, day)
        for first_id, group_id, speaker_id, text, day in stored
    }
    keys = [(speaker_id, text_key(text)) for speaker_id, text in statements]
    fresh = [key for key in dict.fromkeys(keys) if key not in groups]
    if fresh:
        ids = session.scalars(
            insert(StatementGroup).returning(StatementGroup.id, sort_by_parameter_order=True),
            [{"statement_count": 0} for _ in fresh],
        ).all()
        for key, group_id in zip(fresh, ids, strict=True):
            groups[key] = _Group(group_id, None, published)
    demoted: list[int] = []
    memberships = []
    for key in keys:
        group = groups[key]
        first = group.added == 0 and (group.first_id is None or published < group.published)
        if first and group.first_id is not None:
            demoted.append(group.first_id)
        group.added += 1
        memberships.append(Membership(group.group_id, first))
    session.execute(
        update(STATEMENT_GROUP)
        .where(STATEMENT_GROUP.c.id == bindparam("gid"))
        .values(statement_count=STATEMENT_GROUP.c.statement_count + bindparam("added")),
        [{"gid": g.group_id, "added": g.added} for g in groups.values() if g.added],
    )
    set_first(session, demoted, first=False)
    return memberships


def set_first(session: Session, statement_ids: Iterable[int], *, first: bool) -> None:
    """Mark statements as their group's first copy or not, on their rows and their pair rows."""
    ids = list(statement_ids)
    if not ids:
        return
    session.execute(update(STATEMENT).where(STATEMENT.c.id.in_(ids)).values(group_first=first))
    session.execute(update(STATEMENT_PAIR).where(STATEMENT_PAIR.c.statement_id.in_(ids)).values(group_first=first))


def release(session: Session, statement_ids: Sequence[int]) -> None:
    """Take statements about to be deleted out of their groups: counts drop, empty groups go,
    and a group whose first copy leaves gets the next earliest as its first."""
    if not statement_ids:
        return
    leaving = session.execute(
        select(Statement.id, Statement.group_id, Statement.group_first).where(Statement.id.in_(statement_ids))
    ).all()
    counts: dict[int, int] = {}
    for _sid, group_id, _first in leaving:
        counts[group_id] = counts.get(group_id, 0) + 1
    session.execute(
        update(STATEMENT_GROUP)
        .where(STATEMENT_GROUP.c.id == bindparam("gid"))
        .values(statement_count=STATEMENT_GROUP.c.statement_count - bindparam("gone")),
        [{"gid": gid, "gone": n} for gid, n in counts.items()],
    )
    session.execute(delete(StatementGroup).where(StatementGroup.id.in_(counts), StatementGroup.statement_count <= 0))
    promoted = []
    for group_id in {group_id for _sid, group_id, first in leaving if first}:
        successor = session.scalar(
            select(Statement.id)
            .join(Document, Document.id == Statement.document_id)
            .where(Statement.group_id == group_id, Statement.id.not_in(statement_ids))
            .order_by(Document.published_date, Statement.id)
            .limit(1)
        )
        if successor is not None:
            promoted.append(successor)
    set_first(session, promoted, first=True)
