"""Dyad: statements in international relations, extracted from news articles."""

__version__ = "0.1.0"
