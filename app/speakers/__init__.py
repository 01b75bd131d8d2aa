"""Speakers as entities: the rules that say who a quoted source is, which office it holds and which
country it speaks for, and the curators' corrections to them.

``titles``, ``country_words`` and ``naming`` are pure (no database) so that the extractor may call
them too; ``resolve``, ``settle`` and ``curation`` read and write speaker rows.
"""
