"""Syndicated copies: near-identical bodies are one story, and in copies of one story the same
speaker's same words (``text_key``) are one statement group, written by ``app/ingest/links.py``.
Helpers here flush, never commit.

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

import hashlib
import re

import numpy as np
import numpy.typing as npt
from datasketch import MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32
from sqlalchemy import Select, and_, bindparam, func, insert, or_, select
from sqlalchemy.orm import Session

from app import dialect
from app.models import Document, DocumentSignature, StoryBand

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
BodySignature = npt.NDArray[np.uint32]


def words(text: str) -> list[str]:
    """The words of a text, lower-cased: what copies are compared on (punctuation and case are not)."""
    return WORD.findall(text.lower())


def text_key(text: str) -> str:
    """What makes two statements 'the same words'."""
    return " ".join(words(text))


def body_signature(body: str) -> BodySignature:
    """The MinHash signature of a body's word shingles (a body shorter than one shingle is one)."""
    tokens = words(body)
    count = max(1, len(tokens) - SHINGLE_WORDS + 1)
    shingles = {" ".join(tokens[i : i + SHINGLE_WORDS]).encode("utf-8") for i in range(count)}
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=sha1_hash32, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def similarity(a: BodySignature, b: BodySignature) -> float:
    """Estimated Jaccard similarity of the shingle sets two signatures stand for."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def buckets(sig: BodySignature) -> list[tuple[int, int]]:
    """The signature's LSH bands as (band, bucket): each band's rows hashed to a signed 64-bit key."""
    keys = []
    for band in range(BANDS):
        chunk = sig[band * ROWS : (band + 1) * ROWS].tobytes()
        keys.append((band, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True)))
    return keys


def from_bytes(data: bytes) -> BodySignature:
    return np.frombuffer(data, dtype=np.uint32)


def lock(session: Session) -> None:
    """One grouping writer at a time, to the end of the transaction."""
    dialect.of(session).lock_transaction(session, LOCK_KEY)


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


def find_story(session: Session, sig: BodySignature) -> int | None:
    """The story of the stored document most similar to ``sig``, if one is similar enough."""
    rows = session.execute(CANDIDATES, {f"b{band}": bucket for band, bucket in buckets(sig)}).all()
    scored = [(similarity(sig, from_bytes(minhash)), -document_id, story_id) for minhash, story_id, document_id in rows]
    best = max(scored, default=None)
    return best[2] if best is not None and best[0] >= SIMILARITY else None


def index_document(session: Session, *, document_id: int, sig: BodySignature) -> None:
    """Store a document's signature and bands, so later copies find it."""
    session.execute(insert(DocumentSignature), [{"document_id": document_id, "minhash": sig.tobytes()}])
    session.execute(
        insert(StoryBand),
        [{"band": band, "bucket": bucket, "document_id": document_id} for band, bucket in buckets(sig)],
    )
