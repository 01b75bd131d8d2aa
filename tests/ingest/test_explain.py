"""`dyad extract --explain`: every sentence's cues, candidates, checks and outcome, in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from app.cli import cli
from app.ingest.extract.explain import explain
from app.ingest.read import Article
from tests.ingest.test_extract import TAXONOMY

BODY = "\n\n".join(
    [
        "Ghanaian Foreign Minister Ama Boateng said the talks in Accra had been frank.",
        "She thanked her hosts for the warm welcome.",
        "The delegation toured the port afterwards.",
        "Analysts said the visit would change little.",
    ]
)


def explained(verbose: bool = False) -> str:
    article = Article(title="Talks in Accra", published=dt.date(2024, 5, 2), body=BODY)
    return explain(article, TAXONOMY, verbose=verbose)


def block(text: str, start: str) -> str:
    """The lines of one sentence's entry, from its header to the next header."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if start in line)
    rest = lines[first + 1 :]
    end = next((i for i, line in enumerate(rest) if line.startswith("[")), len(rest))
    return "\n".join(lines[first : first + 1 + end])


def test_a_statement_shows_its_construction_speaker_and_content() -> None:
    entry = block(explained(), "Ghanaian Foreign Minister")
    assert "cue 'said' (say)" in entry
    assert "* X said (that) content: 'Ama Boateng' said 'the talks in Accra had been frank' (chosen)" in entry
    assert "=> Ama Boateng (indirect, 2024-05-02; X said (that) content): 'the talks in Accra had been frank'" in entry


def test_a_rejected_candidate_names_the_check() -> None:
    entry = block(explained(), "She thanked")
    assert "rejected by [speech act without content]" in entry
    assert "=>" not in entry


def test_a_sentence_without_a_cue_says_so() -> None:
    assert "no speech cue" in block(explained(), "The delegation toured")


def test_an_unnamed_source_is_rejected_by_name() -> None:
    entry = block(explained(), "Analysts said")
    assert "rejected by [named source] the source is unnamed" in entry


def test_verbose_lists_constructions_that_did_not_apply() -> None:
    entry = block(explained(verbose=True), "Ghanaian Foreign Minister")
    assert "- according to X, content: the cue is not 'according to'" in entry
    assert "- X said: “quotation”: no quotation right after the cue" in entry


def test_the_command_prints_the_explanation(tmp_path: Path) -> None:
    path = tmp_path / "accra.txt"
    path.write_text(" date 2024-05-02 Talks in Accra\n\n" + BODY + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--explain", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"== {path}")
    assert "=> Ama Boateng" in result.output
    assert "rejected by [speech act without content]" in result.output
