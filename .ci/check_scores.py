"""Fail when an extraction figure printed by score.py --json falls below its floor.

Floors are a ratchet: each is what the extractor reached on that set when it was last raised, and
a floor never falls. Targets are where the floors are headed; the report shows both.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# The seed stays perfect; the development set (43 articles) carries the full table.
FLOORS = {
    "seed": {"statement_f1": 1.0, "speaker_accuracy": 1.0, "date_accuracy": 1.0},
    "dev": {
        "statement_f1": 0.98,
        "speaker_accuracy": 0.99,
        "date_accuracy": 0.98,
        "boundary_f1": 0.98,
        "kind_accuracy": 0.99,
        "countries_f1": 0.91,
        "topics_f1": 0.80,
        "speaker_names_valid": 0.99,
    },
    # The development set scored again once every article is stored: what the service knows of
    # its speakers after all of them (country, and one id per person across articles).
    "dev-stored": {
        "speaker_country_accuracy": 0.95,
        "speaker_identity_f1": 0.99,
        "speaker_identity_precision": 0.99,
    },
}
TARGETS = {
    "seed": FLOORS["seed"],
    "dev": {
        "statement_f1": 0.90,
        "speaker_accuracy": 0.95,
        "date_accuracy": 0.95,
        "boundary_f1": 0.85,
        "kind_accuracy": 0.90,
        "countries_f1": 0.85,
        "topics_f1": 0.80,
        "speaker_names_valid": 0.97,
    },
    "dev-stored": {
        "speaker_country_accuracy": 0.95,
        "speaker_identity_f1": 0.98,
        "speaker_identity_precision": 0.99,
    },
}


def figures(result: dict[str, object]) -> dict[str, float]:
    def f1(key: str) -> float:
        block = result[key]
        assert isinstance(block, dict)
        return float(block["f1"])

    plain = (
        "speaker_accuracy",
        "date_accuracy",
        "boundary_f1",
        "kind_accuracy",
        "speaker_names_valid",
        "speaker_country_accuracy",
    )
    return {
        "statement_f1": f1("statements"),
        "countries_f1": f1("countries"),
        "topics_f1": f1("topics"),
        "speaker_identity_f1": f1("speaker_identity"),
        "speaker_identity_precision": float(result["speaker_identity"]["precision"] or 0.0),  # type: ignore[index]
        **{k: float(result.get(k) or 0.0) for k in plain},  # type: ignore[arg-type]
    }


def main() -> int:
    profile, path = sys.argv[1], Path(sys.argv[2])
    got = figures(json.loads(path.read_text(encoding="utf-8")))
    failed = False
    for name, floor in FLOORS[profile].items():
        target = TARGETS[profile][name]
        ok = got[name] >= floor
        failed |= not ok
        verdict = "BELOW FLOOR" if not ok else ("ok" if got[name] >= target else "ok (under target)")
        print(f"{profile:10} {name:24} {got[name]:.4f}  floor {floor:.3f}  target {target:.2f}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
