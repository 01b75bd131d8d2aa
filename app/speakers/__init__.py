"""Speakers as entities: the rules that say who a quoted source is, which office it holds and which
country it speaks for, and the curators' corrections to them.

``titles``, ``country_words`` and ``naming`` are pure (no database), built on the extractor's word
lists and gazetteer (``app/ingest/extract/lexicon.py``, ``places.py``) and on ``app/names.py``'s
folding; ``resolve``, ``settle`` and ``curation`` read and write speaker rows. In the layers of
``pyproject.toml``'s import contracts this package sits below ingestion and above the models.
"""
