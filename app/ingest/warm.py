"""Imported by the extraction fork server (``app.ingest.isolated``) and nowhere else: importing it
builds the extractor's lookup tables once, so that every child forked from the server starts warm."""

from __future__ import annotations

import datetime as dt

from app.ingest.extract import Taxonomy, extract
from app.ingest.read import Article

extract(
    Article(title="", published=dt.date(2000, 1, 1), body="Trade will grow, Kenyan President William Ruto said."),
    Taxonomy.from_keywords({}),
)
