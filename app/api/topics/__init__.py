"""Topics: the taxonomy statements are tagged with."""
