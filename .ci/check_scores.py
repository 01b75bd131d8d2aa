"""Fail when an extraction figure printed by score.py --json falls below its target."""

from __future__ import annotations

import json
import sys
from pathlib import Path

# The seed must stay perfect on speakers and dates; the development set carries the full table.
TARGETS = {
    "seed": {"statement_f1": 0.90, "speaker_accuracy": 1.0, "date_accuracy": 1.0},
    "dev": {
        "statement_f1": 0.90,
        "speaker_accuracy": 0.95,
        "date_accuracy": 0.95,
        "boundary_f1": 0.85,
        "kind_accuracy": 0.90,
        "countries_f1": 0.80,
        "topics_f1": 0.70,
    },
}


def figures(result: dict[str, object]) -> dict[str, float]:
    def f1(key: str) -> float:
        block = result[key]
        assert isinstance(block, dict)
        return float(block["f1"])

    plain = {k: float(result[k] or 0.0) for k in ("speaker_accuracy", "date_accuracy", "boundary_f1", "kind_accuracy")}  # type: ignore[arg-type]
    return {
        "statement_f1": f1("statements"),
        "countries_f1": f1("countries"),
        "topics_f1": f1("topics"),
        **plain,
    }


def main() -> int:
    profile, path = sys.argv[1], Path(sys.argv[2])
    got = figures(json.loads(path.read_text(encoding="utf-8")))
    failed = False
    for name, target in TARGETS[profile].items():
        ok = got[name] >= target
        failed |= not ok
        print(f"{profile:5} {name:17} {got[name]:.4f}  target {target:.2f}  {'ok' if ok else 'BELOW TARGET'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
