"""Country pairs: which pairs statements concern, and a summary of one pair."""
