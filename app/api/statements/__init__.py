"""Statements: what was said, by whom, where, about which countries and topics."""
