"""The ingestion pipeline: bytes -> articles (read) -> statements (extract) -> rows (store)."""
