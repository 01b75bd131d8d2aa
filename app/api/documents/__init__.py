"""Documents: the ingested articles, their bodies and statements, and article upload."""
