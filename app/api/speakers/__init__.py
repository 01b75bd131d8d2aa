"""Speakers: the people and institutions quoted, one record per real source."""
