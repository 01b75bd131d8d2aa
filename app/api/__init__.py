"""The HTTP surface: a read-only JSON API over the stored statements, plus article upload."""
