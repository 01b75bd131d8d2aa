"""The topic taxonomy as data: the default ships as JSON; a deployment may load its own."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).with_name("default.json")
# Slugs appear in URLs and, joined by ';', on each statement's row: lower-case words only.
SLUG = re.compile(r"[a-z0-9]+(?:[_-][a-z0-9]+)*")


class TaxonomyError(ValueError):
    pass


def load(path: Path = DEFAULT_PATH) -> list[dict[str, Any]]:
    """The topics of a taxonomy file, checked: each has a slug, a label and a list of keywords."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read taxonomy: {exc}") from None
    topics = doc.get("topics") if isinstance(doc, dict) else doc
    if not isinstance(topics, list) or not topics:
        raise TaxonomyError(f"{path}: expected a non-empty list under 'topics'")
    seen: set[str] = set()
    out = []
    for index, topic in enumerate(topics):
        where = f"{path}, topic {index}"
        if not isinstance(topic, dict) or not isinstance(topic.get("slug"), str) or not topic["slug"]:
            raise TaxonomyError(f"{where}: each topic needs a 'slug' string")
        slug = topic["slug"]
        if not SLUG.fullmatch(slug):
            raise TaxonomyError(f"{where}: slug {slug!r} is not lower-case letters and digits joined by '_' or '-'")
        if slug in seen:
            raise TaxonomyError(f"{where}: duplicate slug {slug!r}")
        seen.add(slug)
        keywords = topic.get("keywords", [])
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            raise TaxonomyError(f"{where}: 'keywords' must be a list of non-empty strings")
        out.append(
            {
                "slug": slug,
                "label": str(topic.get("label") or slug),
                "description": str(topic.get("description") or ""),
                "keywords": keywords,
            }
        )
    return out
