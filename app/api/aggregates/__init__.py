"""Counts over the statements a filter selects: facets by field, and timelines."""
