"""An API client per test, on each database backend, and a small world of statements to query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.api.main import create_app
from app.config import Settings

from . import factories as make


def settings_for(db_url: str, **overrides: Any) -> Settings:
    """Settings for a test app: every field the API reads is pinned, whatever the environment says."""
    values = {
        "query_timeout_ms": 5000,
        "cors_origins": [],
        "cache_max_age": 60,
        # writes open and no limits, unless a test is about them
        "open_writes": True,
        "rate_limit_reads": "",
        "rate_limit_writes": "",
        "redis_url": None,
        "public_url": None,
        "allowed_hosts": ["*"],
        **overrides,
    }
    return Settings(database_url=db_url, **values)


@pytest.fixture
def app(db_url: str) -> FastAPI:
    return create_app(settings_for(db_url))


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@dataclass(frozen=True)
class World:
    """Ids of the rows of :func:`world`, by name."""

    documents: dict[str, int]
    speakers: dict[str, int]
    statements: dict[str, int]


@pytest.fixture
def world(session: Session) -> World:
    """Three articles, five speakers and six statements with distinct dates, kinds, topics, countries.

    By statement date (``-`` = undated, sorted by its document's date): xi 2024-01-09,
    putin_cn 2024-01-10, mfa 2024-01-30, putin_ua - (2024-02-01), albares 2024-03-04,
    blinken 2024-03-05.
    """
    xi = make.speaker(session, name="Xi Jinping", title="President", country="CN", aliases=["Xi"])
    putin = make.speaker(session, name="Vladimir Putin", title="President", country="RU", aliases=["Putin"])
    mfa = make.speaker(
        session,
        name="Ministry of Foreign Affairs",
        kind="organization",
        country="CN",
        aliases=["Chinese Foreign Ministry"],
    )
    albares = make.speaker(
        session, name="José Manuel Albares", title="Foreign Minister", country="ES", aliases=["Albares"]
    )
    blinken = make.speaker(session, name="Antony Blinken", title="Secretary of State", country="US")

    d1 = make.document(
        session,
        title="Xi and Putin exchange greetings",
        published=dt.date(2024, 1, 10),
        source_url="https://news.example/1",
        body="China and Russia will deepen their strategic coordination, Xi said on Tuesday.\n\n"
        '"Our partnership with China has never been stronger," Putin said.',
    )
    d2 = make.document(
        session,
        title="Tariffs and talks",
        published=dt.date(2024, 2, 1),
        body="The ministry said tariffs imposed by the United States violate trade rules.\n\n"
        '"The talks on Ukraine have stalled," Putin told reporters.',
    )
    d3 = make.document(
        session,
        title="Madrid and Washington on Beijing",
        published=dt.date(2024, 3, 5),
        body='Albares said Spain wants stable trade ties with China, "and we mean it."\n\n'
        '"We are concerned about the cooperation between China and Russia," Blinken said, '
        "adding that 100% of options remain open.",
    )
    statements = {
        "xi": make.statement(
            session,
            document=d1,
            speaker=xi,
            text="China and Russia will deepen their strategic coordination",
            date=dt.date(2024, 1, 9),
            topics=["diplomacy", "trade_economy"],
            countries=["CN", "RU"],
        ),
        "putin_cn": make.statement(
            session,
            document=d1,
            speaker=putin,
            text="Our partnership with China has never been stronger",
            kind="direct",
            date=dt.date(2024, 1, 10),
            topics=["diplomacy"],
            countries=["RU", "CN"],
        ),
        "mfa": make.statement(
            session,
            document=d2,
            speaker=mfa,
            text="tariffs imposed by the United States violate trade rules",
            date=dt.date(2024, 1, 30),
            topics=["trade_economy"],
            countries=["CN", "US"],
        ),
        "putin_ua": make.statement(
            session,
            document=d2,
            speaker=putin,
            text="The talks on Ukraine have stalled",
            kind="direct",
            cue="told",
            topics=["conflict_crisis", "security_defense"],
            countries=["RU", "UA"],
        ),
        "albares": make.statement(
            session,
            document=d3,
            speaker=albares,
            text='Spain wants stable trade ties with China, "and we mean it."',
            kind="mixed",
            date=dt.date(2024, 3, 4),
            topics=["multilateral"],
            countries=["ES", "CN"],
            speaker_title="Acting Foreign Minister",
        ),
        "blinken": make.statement(
            session,
            document=d3,
            speaker=blinken,
            text="We are concerned about the cooperation between China and Russia",
            kind="direct",
            date=dt.date(2024, 3, 5),
            topics=["security_defense", "diplomacy"],
            countries=["US", "CN", "RU"],
        ),
    }
    session.commit()
    return World(
        documents={"d1": d1.id, "d2": d2.id, "d3": d3.id},
        speakers={
            "xi": xi.id,
            "putin": putin.id,
            "mfa": mfa.id,
            "albares": albares.id,
            "blinken": blinken.id,
        },
        statements={name: row.id for name, row in statements.items()},
    )
