"""API keys: made at random, shown once, stored as their SHA-256 only, looked up by that hash.

A key is 32 random bytes (``secrets``), so a plain hash cannot be reversed by guessing, and a
slow password hash would only slow every write. Helpers flush, never commit: the caller owns
the transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import ApiKey

KEY_PREFIX = "dyad_"
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
SHOWN = 12  # characters of a key kept in the clear, to tell keys apart in listings


class KeyRequestError(ValueError):
    """A key cannot be created or revoked as asked (bad or taken name, unknown key)."""


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_key(session: Session, *, name: str) -> str:
    """A new key named ``name``; returns the key itself, which is stored nowhere."""
    if not NAME.match(name):
        raise KeyRequestError(
            f"invalid name {name!r}: 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )
    if session.scalar(select(ApiKey.id).where(ApiKey.name == name)) is not None:
        raise KeyRequestError(f"a key named {name!r} exists already (revoked keys keep their name)")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiKey(name=name, key_hash=hash_key(key), prefix=key[:SHOWN], created_at=dt.datetime.now(dt.UTC)))
    session.flush()
    return key


def list_keys(session: Session) -> Sequence[ApiKey]:
    """Every key, oldest first, revoked ones included."""
    return session.scalars(select(ApiKey).order_by(ApiKey.id)).all()


def revoke_key(session: Session, *, name: str) -> ApiKey:
    """Mark the key ``name`` revoked; it stops working at once."""
    key = session.scalar(select(ApiKey).where(ApiKey.name == name))
    if key is None:
        raise KeyRequestError(f"no key named {name!r}")
    if key.revoked_at is None:
        key.revoked_at = dt.datetime.now(dt.UTC)
        session.flush()
    return key


def find_key(session: Session, *, key: str) -> ApiKey | None:
    """The stored key that ``key`` is, revoked or not; None when it is no key of ours."""
    if not key.startswith(KEY_PREFIX) or len(key) > 200:
        return None
    return session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
