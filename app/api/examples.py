"""Example responses shown in the OpenAPI document, one per schema."""

from __future__ import annotations

from typing import Any

STATEMENT: dict[str, Any] = {
    "id": 3,
    "text": "China-Russia relations have always maintained healthy and stable development",
    "kind": "indirect",
    "cue": "said",
    "date": "2023-12-31",
    "speaker": {"id": 1, "name": "Xi Jinping", "title": "President", "country": "CN", "kind": "person"},
    "topics": ["diplomacy"],
    "countries": ["CN", "RU"],
    "document": {
        "id": 1,
        "title": "The development of China-Russia relations has shown ...",
        "published": "2023-12-31",
        "source_url": None,
    },
    "span": {"start": 1066, "end": 1284},
    "group": {"id": 3, "copies": 2},
}
STATEMENT_DETAIL: dict[str, Any] = {
    **STATEMENT,
    "carried_by": [
        {
            "statement_id": 41,
            "outlet": "news.example",
            "document": {
                "id": 12,
                "title": "Xi and Putin exchange New Year greetings",
                "published": "2024-01-01",
                "source_url": "https://news.example/world/xi-putin-greetings",
            },
        }
    ],
}
STATEMENT_PAGE: dict[str, Any] = {
    "items": [STATEMENT],
    "next_cursor": "eyJzb3J0IjoiLWRhdGUiLCJhZnRlciI6WyIyMDIzLTEyLTMxIiwzXX0",
}
SPEAKER: dict[str, Any] = {
    "id": 1,
    "name": "Xi Jinping",
    "kind": "person",
    "title": "President",
    "office": "President",
    "organization": None,
    "country": "CN",
    "country_source": "article",
    "aliases": ["Xi"],
    "statement_count": 7,
}
SPEAKER_DETAIL: dict[str, Any] = {
    **SPEAKER,
    "offices": [
        {
            "office": "President",
            "title": "Chinese President",
            "organization": None,
            "first_seen": "2023-03-20",
            "last_seen": "2023-12-31",
        }
    ],
    "first_statement_date": "2023-03-20",
    "last_statement_date": "2023-12-31",
    "counterpart_countries": [{"code": "RU", "statement_count": 6}, {"code": "US", "statement_count": 1}],
}
DOCUMENT: dict[str, Any] = {
    "id": 1,
    "title": "The development of China-Russia relations has shown ...",
    "published": "2023-12-31",
    "source_url": None,
    "ingested_at": "2024-01-02T08:00:00Z",
    "extractor_version": "2026.12.0",
    "statement_count": 14,
}
DOCUMENT_DETAIL: dict[str, Any] = {
    **DOCUMENT,
    "body": "The development of China-Russia relations ...",
    "statements": [STATEMENT],
}
TOPIC: dict[str, Any] = {
    "slug": "diplomacy",
    "label": "Diplomacy",
    "description": "Political relations, mutual trust, partnerships, summits and visits, anniversaries of ties.",
    "statement_count": 12,
}
FACETS: dict[str, Any] = {
    "field": "country",
    "total": 14,
    "buckets": [
        {"value": "CN", "label": "China", "count": 14},
        {"value": "RU", "label": "Russian Federation", "count": 14},
    ],
}
TIMELINE: dict[str, Any] = {
    "interval": "month",
    "group_by": None,
    "series": [{"key": None, "label": None, "points": [{"period": "2023-12-01", "count": 14}]}],
}
RELATIONS: dict[str, Any] = {
    "items": [{"countries": ["CN", "RU"], "names": ["China", "Russian Federation"], "statement_count": 14}]
}
RELATION_SUMMARY: dict[str, Any] = {
    "countries": ["CN", "RU"],
    "statement_count": 14,
    "first_date": "2023-12-31",
    "last_date": "2023-12-31",
    "sides": [
        {
            "country": "CN",
            "name": "China",
            "top_speakers": [{"id": 1, "name": "Xi Jinping", "title": "President", "statement_count": 7}],
        },
        {
            "country": "RU",
            "name": "Russian Federation",
            "top_speakers": [{"id": 2, "name": "Vladimir Putin", "title": "President", "statement_count": 4}],
        },
    ],
    "topics": [{"slug": "diplomacy", "label": "Diplomacy", "statement_count": 12}],
    "latest_statement_ids": [14, 13, 12, 11, 10],
}


def _problem(status: int, title: str, detail: str, instance: str, **extra: Any) -> dict[str, Any]:
    return {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": instance, **extra}


PROBLEMS: dict[int, dict[str, Any]] = {
    404: _problem(404, "Not Found", "No statement with id 99.", "/v1/statements/99"),
    413: _problem(413, "Content Too Large", "The article is larger than 5 MB.", "/v1/documents"),
    415: _problem(
        415,
        "Unsupported Media Type",
        "Content-Type 'text/html' is not accepted; send text/plain (the article format) or application/json.",
        "/v1/documents",
    ),
    422: _problem(
        422,
        "Unprocessable Content",
        "date_from: Input should be an ISO 8601 date, YYYY-MM-DD (got '31/12/2023')",
        "/v1/statements",
        errors=[
            {
                "parameter": "date_from",
                "in": "query",
                "message": "Input should be an ISO 8601 date, YYYY-MM-DD (got '31/12/2023')",
            }
        ],
    ),
    503: _problem(
        503,
        "Service Unavailable",
        "The query took longer than the time limit; narrow it with filters or a smaller limit.",
        "/v1/statements",
    ),
}
