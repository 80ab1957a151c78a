"""Speed of the target and deadline finders on the seed (issue 2, item 5).

Prints the time to run ``find_targets`` and ``find_deadlines`` over every paragraph of the seed
and over a 1 MB plan (the seed's paragraphs repeated), and the ratio of the deadline scan
against the obvious pattern without its first-character lookahead.

    PYTHONPATH=src python bench/plan_targets.py
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "plan" / "targets"))

from ecoplan.plan import deadlines  # noqa: E402
from ecoplan.plan.deadlines import find_deadlines  # noqa: E402
from ecoplan.plan.targets import find_targets  # noqa: E402
from seed_units import split_units  # noqa: E402

SEED = Path(__file__).resolve().parents[1] / "src" / "ecoplan" / "demo" / "data" / "changzhou_2023_plan.txt"


def run(units: list[str]) -> int:
    return sum(len(find_targets(t, year=2023)) + len(find_deadlines(t, year=2023)) for t in units)


def scan(pattern: re.Pattern, units: list[str]) -> int:
    return sum(1 for t in units for _ in pattern.finditer(t))


def best_of(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    units = [text for _, text in split_units(SEED.read_text(encoding="utf-8"))]
    size = sum(len(u.encode()) for u in units)
    big = units * (1_000_000 // size + 1)
    seed_s = best_of(lambda: run(units))
    big_s = best_of(lambda: run(big), repeat=1)
    plain = re.compile(deadlines._PHRASE_RE.pattern.removeprefix(deadlines._FIRST_CHARS))
    assert scan(plain, units) == scan(deadlines._PHRASE_RE, units)
    fast_s = best_of(lambda: scan(deadlines._PHRASE_RE, units))
    plain_s = best_of(lambda: scan(plain, units))
    print(f"seed: {len(units)} paragraphs, {size / 1024:.0f} KiB, {run(units)} targets+deadlines")
    print(f"seed, targets and deadlines:     {seed_s * 1000:8.2f} ms")
    print(f"1 MB plan ({len(big)} paragraphs): {big_s * 1000:8.1f} ms")
    print(f"deadline scan with lookahead:    {fast_s * 1000:8.2f} ms, without: {plain_s * 1000:.2f} ms "
          f"(ratio {plain_s / fast_s:.1f}x)")


if __name__ == "__main__":
    main()
