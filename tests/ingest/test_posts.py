"""Posts quoted without quotation marks: direct speech of their author, dated by their signature."""

from __future__ import annotations

import datetime as dt

from tests.ingest.test_extract import run, spans


def test_an_embedded_post_closed_by_its_signature_line() -> None:
    found = run(
        "Indian Prime Minister Arjun Mehra met his Greek counterpart in Athens.",
        "Productive talks today with my friend on shipping and trade. pic.twitter.com/abc123",
        "— Arjun Mehra (@arjunmehra) March 12, 2024",
    )
    assert len(found) == 1
    s = found[0]
    assert (s.speaker.name, s.kind, s.date) == ("Arjun Mehra", "direct", dt.date(2024, 3, 12))


def test_the_post_text_leaves_out_the_embeds_link() -> None:
    found = spans(
        "Productive talks today with my friend on shipping and trade. pic.twitter.com/abc123",
        "— Arjun Mehra (@arjunmehra) March 12, 2024",
    )
    assert found == [("Arjun Mehra", "Productive talks today with my friend on shipping and trade")]


def test_a_post_announced_by_a_colon_is_the_next_paragraph() -> None:
    found = run(
        "Greek Prime Minister Nikos Petrakis wrote on X:",
        "Met with my counterpart today. Our ports will work together.",
        "The two ministers then toured the harbour.",
    )
    assert [(s.speaker.name, s.kind) for s in found] == [("Nikos Petrakis", "direct")]


def test_a_capitalised_verb_opening_a_post_is_not_a_name() -> None:
    found = run(
        "Greek Prime Minister Nikos Petrakis wrote on X:",
        "Met with Lena Vos today. Discussed energy and trade.",
    )
    assert {s.speaker.name for s in found} == {"Nikos Petrakis"}
