"""The article as structure: sentences stay bounded and quotations are found by position."""

from __future__ import annotations

from app.ingest.extract.text import MAX_SENTENCE_TOKENS, Text


def test_a_run_without_full_stops_is_cut_into_bounded_sentences() -> None:
    body = "".join(f"the minister said that trade with partner {i} would grow, " for i in range(400))
    text = Text.parse(body)
    assert len(text.sentences) > 1
    assert all(len(s.tokens) <= MAX_SENTENCE_TOKENS for s in text.sentences)
    assert all(body[s.start : s.end] == s.text for s in text.sentences)
    # the pieces cover the run in order, cut after commas
    assert all(text.sentences[k].text.endswith(",") for k in range(len(text.sentences) - 1))


def test_quotations_by_position() -> None:
    body = "“We agree,” she said. Then “more” followed.\n\n“Open quote runs on"
    text = Text.parse(body)
    first = text.quote_at(0)
    assert first is not None
    assert body[first.start : first.end] == "We agree,"
    assert [body[q.start : q.end] for q in text.quotes_in(20, 45)] == ["more"]
    # a quotation opened before a span and still open overlaps it
    assert [body[q.start : q.end] for q in text.quotes_over(3, 6)] == ["We agree,"]
    last = text.quote_at(body.index("“Open"))
    assert last is not None
    assert last.close_at is None
    assert body[last.start : last.end] == "Open quote runs on"


def test_a_title_abbreviation_does_not_end_a_sentence() -> None:
    body = "The briefing was given by Ms. Ana Ruiz, the spokesperson. Dr. Tomas Lee attended."
    text = Text.parse(body)
    assert [body[s.start : s.end] for s in text.sentences] == [
        "The briefing was given by Ms. Ana Ruiz, the spokesperson.",
        "Dr. Tomas Lee attended.",
    ]
