"""Curators' corrections: merge speakers, split one, set its fields; each kept as a rule.

A merge records every name of the merged speakers as meaning the survivor, a split records the
name (and document) whose statements went to the new speaker, and resolution reads these rules
before anything else, so a correction holds through ``dyad reextract`` and for articles stored
later. Merged ids redirect to the survivor. Helpers flush, never commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.orm import Session

from app import dialect
from app.models import (
    Country,
    Speaker,
    SpeakerAlias,
    SpeakerCorrection,
    SpeakerOffice,
    SpeakerRedirect,
    Statement,
)
from app.names import name_key
from app.speakers.inference import CURATOR
from app.speakers.settle import settle_speakers


class CorrectionError(ValueError):
    """A correction that cannot be made, with the reason."""


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    action: str
    speaker_id: int
    name_key: str | None
    document_id: int | None
    detail: str


def _speaker(session: Session, speaker_id: int) -> Speaker:
    speaker = session.get(Speaker, speaker_id)
    if speaker is None:
        raise CorrectionError(f"no speaker with id {speaker_id}")
    return speaker


def _rule(
    session: Session, action: str, speaker_id: int, key: str | None, detail: str, document_id: int | None = None
) -> None:
    session.execute(
        insert(SpeakerCorrection).values(
            action=action, speaker_id=speaker_id, name_key=key, document_id=document_id, detail=detail
        )
    )


def _names(session: Session, speaker_ids: Sequence[int]) -> dict[str, str]:
    """Every name key of these speakers, with a name written for it."""
    names: dict[str, str] = {}
    for key, name in session.execute(select(Speaker.name_key, Speaker.name).where(Speaker.id.in_(speaker_ids))):
        names.setdefault(key, name)
    for key, alias in session.execute(
        select(SpeakerAlias.alias_key, SpeakerAlias.alias).where(SpeakerAlias.speaker_id.in_(speaker_ids))
    ):
        names.setdefault(key, alias)
    return names


def merge_speakers(
    session: Session, *, target: int, others: Sequence[int], rule: bool = True, settle: bool = True
) -> None:
    """Speakers ``others`` become ``target``: statements, names and offices; their ids redirect to it.

    With ``rule``, each of their names is recorded as meaning ``target`` from now on; without
    ``settle``, the caller settles ``target`` later (its statements are not all stored yet).
    """
    others = sorted(set(others) - {target})
    survivor = _speaker(session, target)
    for other in others:
        if _speaker(session, other).kind != survivor.kind:
            raise CorrectionError(
                f"speaker {other} is a {_speaker(session, other).kind}, speaker {target} a {survivor.kind}"
            )
    if not others:
        raise CorrectionError("name at least one speaker other than the one to keep")
    names = _names(session, others)
    rows = [{"speaker_id": target, "alias": alias[:300], "alias_key": key} for key, alias in sorted(names.items())]
    session.execute(
        dialect.of(session)
        .upsert(SpeakerAlias.__table__)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["speaker_id", "alias_key"])
    )
    if rule:
        for key in sorted(names):
            _rule(session, "merge", target, key, f"speakers {', '.join(map(str, others))} merged into {target}")
    for table, column in (
        (SpeakerCorrection, SpeakerCorrection.speaker_id),
        (SpeakerRedirect, SpeakerRedirect.speaker_id),
    ):
        session.execute(update(table).where(column.in_(others)).values(speaker_id=target))
    session.execute(insert(SpeakerRedirect), [{"old_id": other, "speaker_id": target} for other in others])
    session.execute(update(Statement).where(Statement.speaker_id.in_(others)).values(speaker_id=target))
    # their offices' phrases survive the rebuild below as the target's where it lacks that office
    held = set(session.scalars(select(SpeakerOffice.office).where(SpeakerOffice.speaker_id == target)))
    for office, speaker_id in session.execute(
        select(SpeakerOffice.office, SpeakerOffice.speaker_id).where(SpeakerOffice.speaker_id.in_(others))
    ).all():
        if office not in held:
            held.add(office)
            session.execute(
                update(SpeakerOffice)
                .where(SpeakerOffice.speaker_id == speaker_id, SpeakerOffice.office == office)
                .values(speaker_id=target)
            )
    if survivor.country_code is None:
        found = session.execute(
            select(Speaker.country_code, Speaker.country_source)
            .where(Speaker.id.in_(others), Speaker.country_code.is_not(None))
            .order_by(Speaker.id)
        ).first()
        if found is not None:
            survivor.country_code, survivor.country_source = found
    session.execute(delete(Speaker).where(Speaker.id.in_(others)))
    session.flush()
    if settle:
        settle_speakers(session, [target])


def move_statements(
    session: Session,
    *,
    source: int,
    name_key: str | None = None,
    document_id: int | None = None,
    kind: str = "person",
    new_name: str | None = None,
    fresh: bool = False,
) -> int | None:
    """Move the statements of ``source`` that an article gave under ``name_key`` (in ``document_id``
    only, when given) to the speaker of that name, created if needed (``fresh``: always a new one).
    Returns that speaker's id, or None when no statement was moved."""
    query = select(Statement.id, Statement.speaker_name).where(Statement.speaker_id == source)
    if document_id is not None:
        query = query.where(Statement.document_id == document_id)
    source_row = _speaker(session, source)
    picked = [
        (sid, written)
        for sid, written in session.execute(query)
        if name_key is None or _key_of(written or source_row.name) == name_key
    ]
    if not picked:
        return None
    name = new_name or picked[0][1] or source_row.name
    from app.speakers.resolve import identity_key

    key = _key_of(name)
    target: int | None = None
    for n in range(1000):
        suffix = (f"split-{source}-{n}" if n else f"split-{source}") if fresh else (f"{n}" if n else None)
        identity = identity_key(kind, key, suffix)
        existing = session.execute(select(Speaker.id, Speaker.name_key).where(Speaker.identity_key == identity)).first()
        if existing is None:
            target = session.execute(
                insert(Speaker)
                .values(name=name[:300], name_key=key, identity_key=identity, kind=kind)
                .returning(Speaker.id)
            ).scalar_one()
            break
        if not fresh and existing[0] != source and existing[1] == key:
            target = existing[0]
            break
    if target is None:
        raise CorrectionError(f"no free identity for a speaker named {name!r}")
    ids = [sid for sid, _ in picked]
    session.execute(update(Statement).where(Statement.id.in_(ids)).values(speaker_id=target))
    session.flush()
    settle_speakers(session, [source, target])
    return target


def _key_of(name: str) -> str:
    return name_key(name) or name.lower()


def split_speaker(
    session: Session,
    *,
    speaker_id: int,
    alias: str | None = None,
    document_id: int | None = None,
    name: str | None = None,
) -> int:
    """Move the statements of one alias, or of one document, or both, to a new speaker; recorded as
    a rule, so that those names (in that document) resolve to the new speaker from now on."""
    if alias is None and document_id is None:
        raise CorrectionError("say which statements to move: --alias NAME, --document ID or both")
    speaker = _speaker(session, speaker_id)
    key = _key_of(alias) if alias is not None else None
    written = {
        _key_of(w or speaker.name)
        for w in session.scalars(
            select(Statement.speaker_name).where(
                Statement.speaker_id == speaker_id,
                *([Statement.document_id == document_id] if document_id is not None else []),
            )
        )
    }
    if key is not None and key not in written:
        raise CorrectionError(f"speaker {speaker_id} has no statement under the name {alias!r}")
    if not written:
        raise CorrectionError(f"speaker {speaker_id} has no statement in document {document_id}")
    target = move_statements(
        session,
        source=speaker_id,
        name_key=key,
        document_id=document_id,
        kind=speaker.kind,
        new_name=name or alias or speaker.name,
        fresh=True,
    )
    assert target is not None  # statements were found above
    where = f" in document {document_id}" if document_id is not None else ""
    for moved_key in sorted({key} if key is not None else written):
        _rule(session, "split", target, moved_key, f"split from speaker {speaker_id}{where}", document_id)
    if key is not None and document_id is None:
        session.execute(
            delete(SpeakerAlias).where(SpeakerAlias.speaker_id == speaker_id, SpeakerAlias.alias_key == key)
        )
    return target


def set_speaker(
    session: Session, *, speaker_id: int, country: str | None = None, name: str | None = None, kind: str | None = None
) -> None:
    """Set a speaker's country, name or kind; ingestion never overwrites what a curator set."""
    speaker = _speaker(session, speaker_id)
    changes: list[str] = []
    if country is not None:
        code = country.upper()
        if session.get(Country, code) is None:
            raise CorrectionError(f"unknown country code {country!r}: give an ISO 3166-1 alpha-2 code, or EU")
        speaker.country_code, speaker.country_source = code, CURATOR
        changes.append(f"country={code}")
    if kind is not None:
        if kind not in ("person", "organization"):
            raise CorrectionError(f"kind must be 'person' or 'organization', not {kind!r}")
        speaker.kind = kind
        changes.append(f"kind={kind}")
    old_key = speaker.name_key
    if name is not None:
        key = _key_of(name)
        if not key:
            raise CorrectionError(f"the name {name!r} has no letters or digits")
        from app.speakers.resolve import identity_key

        identity = identity_key(kind or speaker.kind, key)
        taken = session.scalar(select(Speaker.id).where(Speaker.identity_key == identity, Speaker.id != speaker_id))
        if taken is not None:
            raise CorrectionError(f"speaker {taken} is already called {name!r}: merge the two instead")
        session.execute(
            dialect.of(session)
            .upsert(SpeakerAlias.__table__)
            .values(speaker_id=speaker_id, alias=speaker.name, alias_key=speaker.name_key)
            .on_conflict_do_nothing(index_elements=["speaker_id", "alias_key"])
        )
        speaker.name, speaker.name_key, speaker.identity_key = name[:300], key, identity
        changes.append(f"name={name}")
    elif kind is not None:
        identity = f"{kind}:{speaker.identity_key.split(':', 1)[1]}"
        taken = session.scalar(select(Speaker.id).where(Speaker.identity_key == identity, Speaker.id != speaker_id))
        if taken is not None:
            raise CorrectionError(f"speaker {taken} is already the {kind} {speaker.name!r}: merge the two instead")
        speaker.identity_key = identity
    if not changes:
        raise CorrectionError("nothing to set: give --country, --name or --kind")
    session.flush()
    # the speaker's names now mean this speaker, whatever country a later article gives it
    detail = ", ".join(changes)
    for key in sorted({speaker.name_key, old_key}):
        _rule(session, "set", speaker_id, key, detail if key == speaker.name_key else f"{detail} (former name)")


def corrections(session: Session) -> list[Correction]:
    """Every correction, oldest first."""
    rows = session.execute(
        select(
            SpeakerCorrection.id,
            SpeakerCorrection.action,
            SpeakerCorrection.speaker_id,
            SpeakerCorrection.name_key,
            SpeakerCorrection.document_id,
            SpeakerCorrection.detail,
        ).order_by(SpeakerCorrection.id)
    )
    return [Correction(*row) for row in rows]


def drop_unquoted(session: Session, speaker_ids: Iterable[int]) -> None:
    """Delete those of ``speaker_ids`` that no statement quotes any more (a document deleted with them);
    their aliases, offices, redirects and rules go by cascade. Speakers quoted elsewhere stay."""
    ids = list(speaker_ids)
    if not ids:
        return
    unquoted = select(Speaker.id).where(Speaker.id.in_(ids), ~exists().where(Statement.speaker_id == Speaker.id))
    orphans = list(session.scalars(unquoted))
    if orphans:
        session.execute(delete(SpeakerAlias).where(SpeakerAlias.speaker_id.in_(orphans)))
        session.execute(delete(Speaker).where(Speaker.id.in_(orphans)))
