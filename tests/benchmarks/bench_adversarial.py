"""Extraction time on adversarial text: does it grow linearly with the article's length?

    python -m tests.benchmarks.bench_adversarial [--sizes 10,20,40,100] [--cap 60] [--shape NAME ...]
        [--profile NAME --profile-kb 20]

Each shape is built to a size in KB and extracted once, in a child process that is killed after
``--cap`` seconds (the way the API extracts uploads, ``app.ingest.isolated``); once a shape hits
the cap its larger sizes are skipped. For each size the run prints seconds and seconds per KB,
and for each step the growth exponent k in time ~ size^k between two sizes (1 is linear, 2 is
quadratic); the verdict extrapolates the last size to 100 KB with that exponent. Times leave out
the cost of the child process itself, measured on an empty article first. Target (issue
"Ready for the open internet"): 100 KB of any shape in at most 2 s on one core, and k close to 1.

``--profile NAME`` runs cProfile on one shape at ``--profile-kb`` in this process instead, and
prints the functions with the most cumulative and own time: where the extractor spends it.

The shapes: ``prose`` (the sample article repeated, the baseline), ``speaker_cue`` (one sentence
with a speaker and a cue, repeated), ``quote_comma`` (``"a, `` repeated), ``quote_soup`` (quote
marks, commas and words at random), ``capitalised`` (long runs of capitalised words),
``long_sentence`` (clauses joined by commas, no full stop) and ``parentheses`` (nested deep).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import math
import pstats
import random
import time
from collections.abc import Callable
from pathlib import Path

from app.ingest.extract import Taxonomy, extract
from app.ingest.isolated import ExtractionTimeoutError, extract_in_child
from app.ingest.read import Article, parse_text
from app.taxonomy import load as load_taxonomy

SAMPLE = Path(__file__).resolve().parents[2] / "app" / "sample" / "2023-12-31_xi-putin-new-year-greetings.txt"
KB = 1000
TARGET_S_AT_100KB = 2.0
LINEAR_K = 1.3  # growth exponent still called linear (timing noise, caches)


def _fill(unit: Callable[[int], str], size: int) -> str:
    parts: list[str] = []
    length = i = 0
    while length < size:
        piece = unit(i)
        parts.append(piece)
        length += len(piece)
        i += 1
    return "".join(parts)[:size]


def _soup(seed: int) -> Callable[[int], str]:
    rng = random.Random(seed)
    pieces = ['"', "“", "”", "«", "»", "'", ", ", " said ", "Xi", "a", " ", ":", "Putin", "told"]
    return lambda _i: rng.choice(pieces)


def _capitalised(i: int) -> str:
    words = ["Foreign", "Minister", "Xu", "Lan", "President", "Xi", "Jinping", "United", "Nations", "Council"]
    return words[i % len(words)] + " "


def _name(i: int) -> str:
    """A different invented two-word name for each ``i``."""
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "no", "vi", "da", "pe", "zu", "ri"]
    given = "".join(syllables[(i // 12**k) % 12] for k in range(3)).capitalize()
    family = "".join(syllables[(i * 7 // 12**k) % 12] for k in range(3)).capitalize()
    return f"{given} {family}"


def _initials(i: int) -> str:
    """A different invented body's initials for each ``i``: 'AAAA', 'BAAA', …"""
    return "".join(chr(ord("A") + (i // 26**k) % 26) for k in range(4))


def _parentheses(size: int) -> str:
    depth = size // 20
    return ("(the minister said " * depth + ")" * depth)[:size]


SHAPES: dict[str, Callable[[int], str]] = {
    "prose": lambda size: _fill(lambda _i: parse_text(SAMPLE.read_text(encoding="utf-8")).body + "\n\n", size),
    "speaker_cue": lambda size: _fill(lambda _i: "Chinese Foreign Minister Xu Lan said the talks were useful. ", size),
    "quote_comma": lambda size: _fill(lambda _i: '"a, ', size),
    "quote_soup": lambda size: _fill(_soup(7), size),
    "capitalised": lambda size: _fill(_capitalised, size),
    "long_sentence": lambda size: _fill(lambda i: f"the minister said that trade with partner {i} would grow, ", size),
    "parentheses": _parentheses,
    # many different people, institutions and offices: lookups must not scan the whole cast
    "distinct_names": lambda size: _fill(lambda i: f"{_name(i)} said that {_name(i + 1)} would visit. ", size),
    "distinct_bodies": lambda size: _fill(lambda i: f"The {_name(i)} Council said the port would open. ", size),
    "distinct_roles": lambda size: _fill(
        lambda i: f"Minister {_name(i)} met officials. " if i % 2 else "The minister said the port would open. ", size
    ),
    "single_quotes": lambda size: _fill(lambda _i: " 'ab", size),
    # bodies known by initials never spelled out: the article's bracketed initials are indexed once
    "distinct_initials": lambda size: _fill(lambda i: f"{_initials(i)} said the port would open. ", size),
}


def article(shape: str, size_kb: int) -> Article:
    body = SHAPES[shape](size_kb * KB)
    return Article(title="Adversarial", published=dt.date(2024, 1, 1), body=body)


def keywords() -> dict[str, list[str]]:
    return {t["slug"]: t["keywords"] for t in load_taxonomy()}


def overhead() -> float:
    """Seconds a child process costs around an extraction of nothing (the fork server warmed first)."""
    tiny = Article(title="", published=dt.date(2024, 1, 1), body="x")
    extract_in_child(tiny, keywords=keywords(), timeout_s=60)
    began = time.perf_counter()
    for _ in range(5):
        extract_in_child(tiny, keywords=keywords(), timeout_s=60)
    return (time.perf_counter() - began) / 5


def measure(shape: str, sizes: list[int], cap: float, fixed: float) -> list[tuple[int, float | None, int]]:
    """(size in KB, seconds of extraction or None past the cap, statements found) for each size."""
    rows: list[tuple[int, float | None, int]] = []
    for size in sizes:
        if rows and rows[-1][1] is None:
            rows.append((size, None, 0))
            continue
        began = time.perf_counter()
        try:
            found = extract_in_child(article(shape, size), keywords=keywords(), timeout_s=cap)
        except ExtractionTimeoutError:
            rows.append((size, None, 0))
            continue
        rows.append((size, max(0.0, time.perf_counter() - began - fixed), len(found)))
    return rows


def report(shape: str, rows: list[tuple[int, float | None, int]], cap: float) -> str:
    cells = []
    previous: tuple[int, float] | None = None
    k = math.nan
    for size, seconds, found in rows:
        if seconds is None:
            cells.append(f"{size:>4} KB: > {cap:g} s (killed)")
            previous = None
            continue
        growth = ""
        if previous is not None and seconds > 0 and previous[1] > 0:
            k = math.log(seconds / previous[1]) / math.log(size / previous[0])
            growth = f", k={k:.1f}"
        cells.append(f"{size:>4} KB: {seconds:7.2f} s {seconds / size * 1000:7.1f} ms/KB ({found} st.{growth})")
        previous = (size, seconds)
    size, seconds, _ = rows[-1]
    if seconds is None:
        verdict = "KILLED"
    else:
        at_100kb = seconds * (100 / size) ** max(1.0, k if not math.isnan(k) else 1.0)
        verdict = f"~{at_100kb:.1f} s at 100 KB" + ("" if at_100kb <= TARGET_S_AT_100KB else " TOO SLOW")
        verdict += "" if math.isnan(k) or k <= LINEAR_K else " SUPERLINEAR"
    return f"{shape:14} " + " | ".join(cells) + f"  -> {verdict}"


def profile(shape: str, size_kb: int) -> None:
    taxonomy = Taxonomy.from_keywords(keywords())
    target = article(shape, size_kb)
    profiler = cProfile.Profile()
    profiler.enable()
    extract(target, taxonomy)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(f"\ncProfile of {shape} at {size_kb} KB, by cumulative time:")
    stats.sort_stats("cumulative").print_stats(r"app/ingest", 15)
    print(f"\ncProfile of {shape} at {size_kb} KB, by own time:")
    stats.sort_stats("tottime").print_stats(12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda v: [int(x) for x in v.split(",")], default=[10, 20, 40, 100])
    parser.add_argument("--cap", type=float, default=60.0, help="seconds after which one extraction is killed")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES), help="only these shapes (repeatable)")
    parser.add_argument("--profile", choices=sorted(SHAPES), help="profile one shape instead of timing all")
    parser.add_argument("--profile-kb", type=int, default=20)
    args = parser.parse_args()
    if args.profile:
        profile(args.profile, args.profile_kb)
        return
    fixed = overhead()
    print(
        f"sizes {args.sizes} KB, cap {args.cap:g} s per extraction, target <= {TARGET_S_AT_100KB:g} s at 100 KB; "
        f"times less the child process's own {fixed * 1000:.0f} ms"
    )
    for shape in args.shape or list(SHAPES):
        print(report(shape, measure(shape, args.sizes, args.cap, fixed), args.cap), flush=True)


if __name__ == "__main__":
    main()
