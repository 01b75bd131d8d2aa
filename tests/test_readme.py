"""The README documents every setting and the search window, and its two commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

from app.api.statements.search import RELEVANCE_WINDOW
from app.config import Settings

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_configuration_table() -> None:
    for name in Settings.model_fields:
        assert f"`DYAD_{name.upper()}`" in README, f"DYAD_{name.upper()} is not documented in README.md"


def test_ci_runs_the_readme_test_command() -> None:
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]' && .venv/bin/pytest"
    assert command in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.count(command) == 1


def test_the_relevance_window_is_the_one_the_code_uses() -> None:
    assert f"Relevance ranks the {RELEVANCE_WINDOW:,} most recently stored matches" in " ".join(README.split())


def test_the_office_vocabulary_is_the_one_the_code_uses() -> None:
    from app.speakers.titles import OFFICES

    paragraph = " ".join(README.split("Titles are read into an **office** from this vocabulary")[1].split())
    listed = paragraph.split("case ignored): ")[1].split(". `Russia")[0]
    assert [item.strip().strip("`") for item in listed.split(",")] == list(OFFICES)


def test_ci_runs_the_readme_lint_command() -> None:
    """Each part of the README's lint command (ruff, mypy, the import contracts) is a step of CI."""
    command = ".venv/bin/ruff check . && .venv/bin/ruff format --check . && .venv/bin/mypy && .venv/bin/lint-imports"
    assert command in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert all(part in ci for part in command.split(" && "))
    assert ".venv/bin/dyad db check || status=1" in ci
